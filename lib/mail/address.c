/*
 * The address of a mailbox in an address list.  See mail/address.h.
 */
#include "mail/address.h"

const char *
mail_mailbox_addr(InternetAddressList *l, int i)
{
	InternetAddress *a;

	if (l == NULL || i < 0 || i >= internet_address_list_length(l))
		return NULL;
	a = internet_address_list_get_address(l, i);
	if (!INTERNET_ADDRESS_IS_MAILBOX(a))
		return NULL;
	return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
}
