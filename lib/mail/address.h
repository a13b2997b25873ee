/*
 * The addresses of an address header as GMime parsed it: the address
 * of one member of a list when it is a mailbox, not a group.
 */
#ifndef ADDRESS_H
#define ADDRESS_H

#include <gmime/gmime.h>

/*
 * The address ("user@example.com") of member i of l when it is a
 * mailbox; NULL for a group, a mailbox without one, or no member i
 * (l may be NULL).
 */
const char	*mail_mailbox_addr(InternetAddressList *l, int i);

#endif
