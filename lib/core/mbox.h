/*
 * The mbox format's own rules: From_ lines, their envelope sender, the
 * empty line between messages.  Used by core/input to split a mailbox.
 */
#ifndef MBOX_H
#define MBOX_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether s[0..len) is a From_ line with its date, as mbox writers put
 * them ("From sender Www Mmm dd hh:mm[:ss] [zone] yyyy").
 */
bool	mbox_dated_from_line(const char *s, size_t len);

/* The envelope sender of the From_ line s[0..len) (malloc'd), or NULL. */
char	*mbox_envelope(const char *s, size_t len);

/*
 * Whether the line that ends with the LF at d[nl] is empty ("\n" or
 * "\r\n"), given that a line starts at d[body] <= nl.
 */
bool	mbox_empty_line_at(const unsigned char *d, size_t body, size_t nl);

/* The first "\nFrom " in d[from..len): a pointer to its LF, or NULL. */
const unsigned char	*mbox_find_from(const unsigned char *d, size_t from,
			    size_t len);

#endif
