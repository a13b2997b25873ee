/*
 * mail/lean: the top-level fields of a message that lib/core/input
 * parsed lean (core/headblock: GMime was given its Content- fields
 * only), read as GMime's own message would give them: the same header
 * list (every field but the Content- ones, in order), values unfolded
 * and decoded by GMime when first asked, and the Subject, Date,
 * Message-Id, From and To that GMime's message works out (the last
 * Subject, Date or Message-Id decides; From and To take every such
 * field's addresses).  Used by mail/message; the callers ask it through
 * mail_header() and mail_message_*().
 */
#ifndef MAIL_LEAN_H
#define MAIL_LEAN_H
#include <stdbool.h>
#include <stddef.h>
#include <gmime/gmime.h>

#include "core/headblock.h"

struct sbuf;

/*
 * Does GMime's decoding leave the raw value s as it is, once unfolded:
 * no 8-bit byte, no "=?" that could open an encoded word (RFC 2047)?
 */
bool		 lean_plain(const char *s);

/* The value of the first field called name, or NULL. */
const char	*lean_header(struct headblock *hb,
		    const char *name);

/* Append the fields' names to out, one a line.  0, or -1 (no memory). */
int		 lean_names(struct headblock *hb, struct sbuf *out);

/* As g_mime_message_get_subject(), _get_message_id(), _get_date(). */
const char	*lean_subject(struct headblock *hb);
const char	*lean_message_id(struct headblock *hb);
GDateTime	*lean_date(struct headblock *hb);

/* As g_mime_message_get_from() (from) or _get_to(): never NULL. */
InternetAddressList *lean_addresses(struct headblock *hb, bool from);

#endif
