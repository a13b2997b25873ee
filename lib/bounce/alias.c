/*
 * The address the sender used, when a notice says the failed address was
 * expanded or generated from it (Postfix, Sendmail, Exim), and the owner
 * of an alias, to whom the member is the news.  See bounce/alias.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/alias.h"
#include "bounce/lines.h"
#include "bounce/parts.h"
#include "bounce/text.h"
#include "core/util.h"
#include "mail/message.h"
#include "mail/received.h"

/*
 * Is one of l's addresses the owner of the alias or list a, at its
 * domain: "owner-L" (Sendmail's and Postfix's owner_request_special
 * envelope sender for an alias L's errors), "L-request" (Postfix),
 * "L-owner", "L-bounces" (a list manager's)?  Then a bounce sent there
 * is for whoever keeps L's members, and the member that failed is its
 * news, not L.
 */
bool
bnc_alias_owner(InternetAddressList *l, const char *a)
{
	static const char *const suf[] = { "-request", "-owner", "-bounces" };
	InternetAddress *x;
	const char *b, *at, *bat;
	size_t n, bn, i;
	int k, nl;

	if (l == NULL || (at = strchr(a, '@')) == NULL)
		return false;
	n = (size_t)(at - a);
	nl = internet_address_list_length(l);
	for (k = 0; k < nl; k++) {
		x = internet_address_list_get_address(l, k);
		if (!INTERNET_ADDRESS_IS_MAILBOX(x) || (b =
		    internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(x))) == NULL ||
		    (bat = strchr(b, '@')) == NULL ||
		    strcasecmp(bat + 1, at + 1) != 0)
			continue;
		bn = (size_t)(bat - b);
		if (bn == n + 6 && strncasecmp(b, "owner-", 6) == 0 &&
		    strncasecmp(b + 6, a, n) == 0)
			return true;
		for (i = 0; i < nitems(suf); i++)
			if (bn == n + strlen(suf[i]) &&
			    strncasecmp(b, a, n) == 0 &&
			    strncasecmp(b + n, suf[i], strlen(suf[i])) == 0)
				return true;
	}
	return false;
}

/*
 * May x stand for a failed address (other than final, when not NULL)?
 * Not the list the original went through, the owner of x when the
 * bounce goes there (bnc_alias_owner()), nor a party's own address
 * (bnc_own_addr()).
 */
static bool
used_ok(struct ctx *c, const char *x, const char *final)
{
	return !((final != NULL && strcasecmp(x, final) == 0) ||
	    bnc_list_addr(c->p, x) ||
	    bnc_alias_owner(mail_message_to(c->m), x) ||
	    bnc_own_addr(c, x));
}

/*
 * The words that say the address before them was made from another,
 * the one the sender used: Postfix's "<m> (expanded from <a>): ..."
 * (bounce_notify_util.c), Sendmail's "    (expanded from: <a>)" line
 * under q_paddr (savemail.c), Exim's "    (generated from a)" and
 * "(ultimately generated from a)" under the address (deliver.c,
 * print_address_information()).
 */
static const char *const made_from[] = { "(expanded from",
    "(generated from", "(ultimately generated from" };

/*
 * If t[k] opens one of made_from's notes, the address after it (any ':',
 * blanks and a line fold, an optional '<'), in *as, *ae; else false.
 */
static bool
made_from_note(struct ctx *c, const char *t, size_t len, size_t k,
    size_t *as, size_t *ae)
{
	size_t i, n, p;

	for (i = 0; i < nitems(made_from); i++) {
		n = strlen(made_from[i]);
		if (len - k > n && strncasecmp(t + k, made_from[i], n) == 0)
			break;
	}
	if (i == nitems(made_from))
		return false;
	p = k + n;
	if (p < len && t[p] == ':')
		p++;
	while (p < len && p - k < n + 40 && (t[p] == ' ' || t[p] == '\t' ||
	    t[p] == '\n' || t[p] == '\r'))
		p++;
	if (p < len && t[p] == '<')
		p++;
	return bnc_find_addr(c->b, t, len > p + 320 ? p + 320 : len, p, as,
	    ae) && *as == p;
}

/*
 * The address the sender used, when the entry of the failed address
 * ending at t[e] says this one was expanded or generated from it (a
 * made_from note on its line after it, or on one of the parenthesized
 * lines under it: Sendmail's "(reason: ...)" comes first), as a string
 * (free() it); else NULL.  It is that address a suppression list holds
 * and a DSN names (Original-Recipient, RFC 3464 2.3.1; Exim's and
 * Sendmail's Final-Recipient): report.c reports it over a DSN's
 * rewritten Final-Recipient the same way.
 */
static char *
sender_used(struct ctx *c, const char *t, size_t len, size_t e)
{
	size_t k = e, m, n, as, ae;
	int open = 0;

	if (k < len && t[k] == '>')
		k++;
	/* on its line: Postfix's entry */
	while (k < len && (t[k] == ' ' || t[k] == '\t'))
		k++;
	if (made_from_note(c, t, len, k, &as, &ae))
		return strndup(t + as, ae - as);
	/* the parenthesized lines under it: Sendmail's, Exim's (a line
	 * longer than LINE_LOOK is none of theirs); an indented line under
	 * a note whose '(' is not closed yet is that note folded on (a
	 * client or gateway that wraps text at 76 columns), passed */
	for (n = 0; n < 6; n++) {
		for (m = k; k < len && t[k] != '\n' && k - m < LINE_LOOK; k++)
			if (n > 0)
				open += t[k] == '(' ? 1 : t[k] == ')' ? -1 : 0;
		if (k >= len || t[k] != '\n')
			break;
		k++;
		if (k >= len || (t[k] != ' ' && t[k] != '\t'))
			break;
		while (k < len && (t[k] == ' ' || t[k] == '\t'))
			k++;
		if (k < len && t[k] != '(' && t[k] != '\n' && open > 0)
			continue;
		if (k >= len || t[k] != '(')
			break;
		if (made_from_note(c, t, len, k, &as, &ae))
			return strndup(t + as, ae - as);
	}
	return NULL;
}

/*
 * The address the sender used for the text's address a at t[s..e)
 * (sender_used(), or the one noted in *made for a before: the text
 * names a again in its reply or a transcript), in *out (free() it),
 * noted in *made (made if NULL): 1; 0 when none, or when used_ok()
 * says it is none; -1 when out of memory.
 */
int
bnc_sender_for(struct ctx *c, GHashTable **made, const char *t, size_t len,
    size_t e, const char *a, char **out)
{
	const char *v = NULL;
	gchar *k;
	char *x;

	if ((x = sender_used(c, t, len, e)) == NULL && *made != NULL) {
		k = g_ascii_strdown(a, -1);
		v = g_hash_table_lookup(*made, k);
		g_free(k);
		if (v != NULL && (x = strdup(v)) == NULL)
			return -1;
	}
	if (x == NULL)
		return 0;
	if (!used_ok(c, x, NULL)) {
		free(x);
		return 0;
	}
	if (*made == NULL)
		*made = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		    g_free);
	g_hash_table_insert(*made, g_ascii_strdown(a, -1), g_strdup(x));
	*out = x;
	return 1;
}

/*
 * The address the sender used for a DSN's Final-Recipient final, when
 * the text names final with a made_from note after it (Exim before 4.93
 * wrote the child there: its ChangeLog, JH/29 "Fix DSN Final-Recipient");
 * as used_ok() allows it.
 * NULL when none (or no memory: final stands).
 */
char *
bnc_text_sender_used(struct ctx *c, const char *final)
{
	const char *t = c->p->text.s, *at;
	size_t len = c->p->text.len, n = strlen(final), off = 0, s, e, k;
	char *x;

	if (t == NULL || n == 0)
		return NULL;
	/* its first few places: an entry names it near the top */
	for (k = 0; k < 16 && off < len && (at = str_casestr(t + off,
	    final)) != NULL; k++) {
		s = (size_t)(at - t);
		e = s + n;
		off = e;
		/* the whole address, not a part of a longer one */
		if ((s > 0 && bnc_local_char((unsigned char)t[s - 1])) ||
		    (e < len && (isalnum((unsigned char)t[e]) ||
		    t[e] == '-' || (t[e] == '.' && e + 1 < len &&
		    isalnum((unsigned char)t[e + 1])))))
			continue;
		if ((x = sender_used(c, t, len, e)) == NULL)
			continue;
		if (!used_ok(c, x, final)) {
			free(x);
			return NULL;
		}
		return x;
	}
	return NULL;
}

/*
 * The one failed address the text notes was made from alias (its entry's
 * "(expanded from: <alias>)" note, sender_used()), malloc'd; NULL when
 * the text notes none or more than one (which member is which group's
 * is then unknown).
 */
char *
bnc_text_member_of(struct ctx *c, const char *alias)
{
	const char *t = c->p->text.s;
	size_t len = c->p->text.len, off = 0, s, e;
	char *x, *m = NULL;
	bool other = false;

	if (t == NULL)
		return NULL;
	while (!other && bnc_find_addr(c->b, t, len, off, &s, &e)) {
		off = e;
		if ((x = sender_used(c, t, len, e)) == NULL)
			continue;
		if (strcasecmp(x, alias) == 0) {
			if (m == NULL)
				m = strndup(t + s, e - s);
			else if (strlen(m) != e - s ||
			    strncasecmp(m, t + s, e - s) != 0)
				other = true;
		}
		free(x);
	}
	if (other) {
		free(m);
		return NULL;
	}
	return m;
}

/*
 * Add to set (lower-cased addresses, its keys g_free()d) every address of
 * the text whose entry notes it was made from one of set's (sender_used():
 * "(generated from A)", "(expanded from <A>)"): the member stands in the
 * text for the report's recipient.  Exim's DSN gives the top ancestor as
 * Final-Recipient while its text names the child over its own reply
 * (deliver.c, print_dsn_addr_action(), print_address_information()), one
 * entry under the other without a blank line: the child's lines are that
 * recipient's, not words the others share.
 */
void
bnc_text_members_add(struct ctx *c, GHashTable *set)
{
	const char *t = c->p->text.s;
	size_t len = c->p->text.len, off = 0, s, e, i;
	GPtrArray *add;
	char *x, *k;

	if (t == NULL || set == NULL)
		return;
	add = g_ptr_array_new();
	while (bnc_find_addr(c->b, t, len, off, &s, &e)) {
		off = e;
		if ((x = sender_used(c, t, len, e)) == NULL)
			continue;
		k = g_ascii_strdown(x, -1);
		if (g_hash_table_contains(set, k))
			g_ptr_array_add(add, g_ascii_strdown(t + s,
			    (gssize)(e - s)));
		g_free(k);
		free(x);
	}
	for (i = 0; i < add->len; i++)
		g_hash_table_add(set, g_ptr_array_index(add, i));
	g_ptr_array_free(add, TRUE);
}

/* Is the string x the address a[0..n), caseless? */
static bool
same_addr(const char *x, const char *a, size_t n)
{
	return x != NULL && strlen(x) == n && strncasecmp(x, a, n) == 0;
}

/* A search of the returned original's Received fields for one "for". */
struct sent_for {
	struct bounce	*b;
	const char	*a;	/* the address, n bytes */
	size_t		 n;
	bool		 found;
	bool		 read;	/* an original's header block was read */
};

/* One header field of the original: a Received whose "for" is a? */
static int
for_field(void *arg, const char *name, size_t namelen, const char *v,
    size_t vlen)
{
	struct sent_for *sf = arg;
	struct rcvd r = { 0 };
	struct derr e;

	if (namelen != 8 || strncasecmp(name, "Received", 8) != 0)
		return 0;
	if (rcvd_parse(sf->b->rcvd, v, vlen, &r, &e) == -1)
		return -1;	/* memory or a match limit: not found */
	sf->found = same_addr(r.f[RCVD_FOR], sf->a, sf->n);
	rcvd_clear(&r);
	return sf->found ? -1 : 0;
}

/*
 * The first original the bounce returns, as a message part (its header
 * block from GMime), an enclosed one or its headers given as text (the
 * part's bytes): its Received fields to for_field().
 */
static int
original_for(void *arg, const struct mail_node *n)
{
	struct sent_for *sf = arg;
	struct sbuf raw = { 0 };
	char *h;

	if (n->message != NULL) {
		h = g_mime_object_get_headers(GMIME_OBJECT(n->message), NULL);
		if (h != NULL)
			(void)rcvd_fields(h, strlen(h), for_field, sf);
		g_free(h);
	} else if (n->leaf && n->subtype != NULL && (n->enclosed ||
	    strcasecmp(n->subtype, "rfc822-headers") == 0 ||
	    strcasecmp(n->subtype, "global-headers") == 0)) {
		if (mail_part_bytes(GMIME_PART(n->obj), &raw, TEXT_MAX) == 0)
			(void)rcvd_fields(raw.s, raw.len, for_field, sf);
		sbuf_free(&raw);
	} else
		return MAIL_WALK_NEXT;
	sf->read = true;
	return -1;
}

bool
bnc_original_sent_to(struct ctx *c, const char *a, size_t n)
{
	const struct parts *p = c->p;
	struct sent_for sf = { c->b, a, n, false, false };
	struct derr e;
	size_t i;

	for (i = 0; i < p->norig_to; i++)
		if (same_addr(p->orig_to[i], a, n))
			return true;
	if (same_addr(bnc_verp(c), a, n))
		return true;
	if (c->b->rcvd == NULL && !c->b->rcvd_failed &&
	    (c->b->rcvd = rcvd_parser_new(&e)) == NULL)
		c->b->rcvd_failed = true;
	if (c->b->rcvd == NULL)
		return false;
	(void)mail_walk(g_mime_message_get_mime_part(c->m), 20, original_for,
	    &sf);
	/* a plain-text bounce: the original after its cut */
	if (!sf.read && p->orig.len > 0)
		(void)rcvd_fields(p->orig.s, p->orig.len, for_field, &sf);
	return sf.found;
}
