/*
 * bounce/alias: the address the sender used, when a notice says the
 * failed address was expanded or generated from it (Postfix's
 * "(expanded from <A>)", Sendmail's "(expanded from: <A>)", Exim's
 * "(generated from A)"), and the owner of an alias.
 */
#ifndef BOUNCE_ALIAS_H
#define BOUNCE_ALIAS_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "bounce/bounce_priv.h"

/*
 * Is one of l's addresses the owner of the alias or list a at its domain
 * (owner-L, L-request, L-owner, L-bounces)?
 */
bool	bnc_alias_owner(InternetAddressList *l, const char *a);

/*
 * The address the sender used for the text's address a that ends at
 * t[e] (its note, or the one *made holds for a), in *out (free() it),
 * noted in *made: 1; 0 when none; -1 when out of memory.
 */
int	bnc_sender_for(struct ctx *, GHashTable **made, const char *t,
	    size_t len, size_t e, const char *a, char **out);

/*
 * The address the sender used for a DSN's Final-Recipient, when the text
 * says it was expanded or generated from it (malloc'd), or NULL.
 */
char	*bnc_text_sender_used(struct ctx *, const char *final);

/*
 * The one failed address the text notes was made from alias (malloc'd),
 * or NULL when none or several.
 */
char	*bnc_text_member_of(struct ctx *, const char *alias);

/*
 * Add to set (lower-cased addresses) the text's addresses noted as made
 * from one of set's: an alias's member stands for the recipient.
 */
void	bnc_text_members_add(struct ctx *, GHashTable *set);

/*
 * Was the returned original sent to a[0..n)?  Its To names it, or the
 * list's VERP return path the bounce went to (bnc_verp()), or a Received
 * field of the original records it as the recipient ("for <a>", RFC 5321
 * 4.4: a list's copy to one member, delivered alone).
 */
bool	bnc_original_sent_to(struct ctx *, const char *a, size_t n);

#endif
