/*
 * Taking a bounce apart, once: its text parts decoded to UTF-8 (the
 * attached original left out), its delivery-status and feedback-report
 * fields (a Sieve "reject"'s disposition notification read as a failed
 * recipient group), the original message's Message-ID and addresses,
 * and the cut between the bounce's own words and a copy of the
 * original.  See bounce/parts.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/bang.h"
#include "bounce/parts.h"
#include "mail/message.h"

/*
 * Drop the spaces and tabs at the end of each line of t from byte
 * from on that holds other text (padding a gateway adds carries no
 * meaning, RFC 5322 2.2.3, RFC 3676 4.1); a line of white space alone
 * is left as it is.  t ends in LF.
 */
static void
trim_line_ends(struct sbuf *t, size_t from)
{
	char *s = t->s, *nl, *end = t->s + t->len;
	size_t i, o, e;

	/* most lines have none: from the first line that has some on */
	for (nl = s + from; (nl = memchr(nl, '\n', (size_t)(end - nl))) !=
	    NULL; nl++)
		if (nl > s + from && (nl[-1] == ' ' || nl[-1] == '\t'))
			break;
	if (nl == NULL)
		return;
	for (i = (size_t)(nl - s); i > from && s[i - 1] != '\n'; i--)
		;
	o = i;
	while (i < t->len && (nl = memchr(s + i, '\n', t->len - i)) != NULL) {
		e = (size_t)(nl - s);
		if (o != i)
			memmove(s + o, s + i, e - i);
		o += e - i;
		e = o;
		while (e > from && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		if (e > from && s[e - 1] != '\n')
			o = e;
		s[o++] = '\n';
		i = (size_t)(nl - s) + 1;
	}
	t->len = o;
	s[o] = '\0';
}

/*
 * Append s to t with CRLF and CR turned into LF, NULs dropped, t kept
 * under max bytes, trailing white space of a line of text dropped.
 */
static void
add_text_max(struct sbuf *t, const char *s, size_t len, size_t max)
{
	const char *p;
	size_t i = 0, j, cr = 0, nul = 0, from = t->len;

	if (t->len + len > max)
		len = t->len < max ? max - t->len : 0;
	while (i < len) {
		/* the next CR and NUL, looked for again once passed */
		if (i == 0 || cr < i) {
			p = memchr(s + i, '\r', len - i);
			cr = p != NULL ? (size_t)(p - s) : len;
		}
		if (i == 0 || nul < i) {
			p = memchr(s + i, '\0', len - i);
			nul = p != NULL ? (size_t)(p - s) : len;
		}
		j = cr < nul ? cr : nul;
		sbuf_add(t, s + i, j - i);
		if (j < len && s[j] == '\r') {
			sbuf_addc(t, '\n');
			if (j + 1 < len && s[j + 1] == '\n')
				j++;
		}
		i = j + 1;
	}
	if (t->len > 0 && t->s[t->len - 1] != '\n')
		sbuf_addc(t, '\n');
	if (t->len > from)
		trim_line_ends(t, from);
}

static void
add_text(struct sbuf *t, const char *s, size_t len)
{
	add_text_max(t, s, len, TEXT_MAX);
}

/*
 * Append the text of another part: a part of its own is a paragraph of
 * its own (RFC 2046 5.1: a body part's text ends at its boundary), so a
 * banner or disclaimer part a gateway puts first never runs into the
 * notice's first paragraph.  Where its text starts.
 */
static size_t
add_part_text(struct sbuf *t, const char *s, size_t len)
{
	size_t at;

	if (t->len > 0 && (t->len < 2 || t->s[t->len - 2] != '\n') &&
	    t->len < TEXT_MAX)
		sbuf_addc(t, '\n');
	at = t->len;
	add_text(t, s, len);
	return at;
}

/* The address of mailbox i of l, if it has an '@'; else NULL. */
static const char *
mailbox_at(InternetAddressList *l, int i)
{
	InternetAddress *a = internet_address_list_get_address(l, i);
	const char *addr;

	if (!INTERNET_ADDRESS_IS_MAILBOX(a))
		return NULL;
	addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
	return addr != NULL && strchr(addr, '@') != NULL ? addr : NULL;
}

static void
add_addr_list(struct parts *p, InternetAddressList *l)
{
	const char *addr;
	char **v;
	int i, n;

	if (l == NULL)
		return;
	n = internet_address_list_length(l);
	for (i = 0; i < n; i++) {
		if ((addr = mailbox_at(l, i)) == NULL)
			continue;
		v = reallocarray(p->orig_to, p->norig_to + 1, sizeof(*v));
		if (v == NULL)
			return;
		p->orig_to = v;
		if ((v[p->norig_to] = strdup(addr)) != NULL)
			p->norig_to++;
	}
}

/* The mailboxes of an original's To, and the first address of its From
 * if none was kept yet (several originals without a Message-ID: keep the
 * first sender). */
static void
take_addrs(struct parts *p, InternetAddressList *to, InternetAddressList *from)
{
	add_addr_list(p, to);
	if (p->orig_from == NULL && from != NULL &&
	    internet_address_list_length(from) > 0) {
		InternetAddress *a = internet_address_list_get_address(from, 0);

		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			p->orig_from = strdup(internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(a)));
	}
}

void
bnc_parts_addrs(struct parts *p)
{
	size_t i;

	for (i = 0; i < p->npend; i++) {
		mail_enclosed_addrs(&p->pend[i]);
		take_addrs(p, p->pend[i].to, p->pend[i].from);
		mail_enclosed_free(&p->pend[i]);
	}
	p->npend = 0;
}

/* The original's Message-ID (without its angle brackets); NULL id: none. */
static bool
take_msgid(struct parts *p, const char *id)
{
	if (p->orig_msgid != NULL)
		return false;
	if (id != NULL && asprintf(&p->orig_msgid, "<%s>", id) == -1)
		p->orig_msgid = NULL;
	return true;
}

/*
 * The original's Message-ID, the mailboxes of its To and the first
 * address of its From, as GMime's message gives them.
 */
static void
take_original_fields(struct parts *p, const char *id, InternetAddressList *to,
    InternetAddressList *from)
{
	if (!take_msgid(p, id))
		return;
	bnc_parts_addrs(p);		/* the earlier originals' first */
	take_addrs(p, to, from);
}

/*
 * The same from an original's headers read without a message (e, which
 * this takes): its addresses are parsed when asked, in their turn.
 */
static void
take_enclosed(struct parts *p, struct mail_enclosed *e)
{
	struct mail_enclosed *v;

	if (!take_msgid(p, e->message_id)) {
		mail_enclosed_free(e);
		return;
	}
	if (e->nraw > 0 && (v = reallocarray(p->pend, p->npend + 1,
	    sizeof(*v))) != NULL) {
		p->pend = v;
		p->pend[p->npend++] = *e;
		memset(e, 0, sizeof(*e));
		return;
	}
	bnc_parts_addrs(p);
	mail_enclosed_addrs(e);
	take_addrs(p, e->to, e->from);
	mail_enclosed_free(e);
}

/*
 * A mailing list's own addresses, from a header of the original that a
 * list writes: the "mailto:" URLs of List-Post, List-Owner, List-Help,
 * List-Subscribe and List-Unsubscribe (RFC 2369), and List-Id's
 * identifier (RFC 2919), kept as "<id>": the list "name@host" is
 * commonly identified as "name.host".  A list's bounce names its own
 * address as the original's To ("Your message to LIST was rejected"):
 * never a failed recipient.  So are the original's Reply-To and Sender
 * (a list's help and bounce addresses, a sender's own).
 */
static void
list_add(struct parts *p, const char *a, size_t n)
{
	char **nv;

	if (n == 0 || (nv = reallocarray(p->list, p->nlist + 1,
	    sizeof(*nv))) == NULL)
		return;
	p->list = nv;
	if ((p->list[p->nlist] = strndup(a, n)) != NULL)
		p->nlist++;
}

/* The mailboxes of an address list header's value v. */
static void
list_mailboxes(struct parts *p, const char *v)
{
	InternetAddressList *l;
	InternetAddress *ia;
	const char *a;
	int i, n;

	if ((l = internet_address_list_parse(NULL, v)) == NULL)
		return;
	n = internet_address_list_length(l);
	for (i = 0; i < n; i++) {
		ia = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia) && (a =
		    internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(
		    ia))) != NULL && strchr(a, '@') != NULL)
			list_add(p, a, strlen(a));
	}
	g_object_unref(l);
}

static void
list_header(struct parts *p, const char *name, const char *v)
{
	const char *q, *e;

	if (v == NULL)
		return;
	/* the original's Reply-To and Sender: its sender's side (a list's
	 * help or bounce address), never a failed recipient */
	if (strcasecmp(name, "reply-to") == 0 ||
	    strcasecmp(name, "sender") == 0) {
		list_mailboxes(p, v);
		return;
	}
	for (q = v; (q = strcasestr(q, strcasecmp(name, "list-id") == 0 ?
	    "<" : "mailto:")) != NULL; q = e) {
		q += *q == '<' ? 1 : 7;
		for (e = q; *e != '\0' && strchr("?>,; \t\r\n", *e) == NULL;
		    e++)
			;
		if (e == q)
			continue;
		if (strcasecmp(name, "list-id") == 0)
			list_add(p, q - 1, (size_t)(e - q) + 1);
		else
			list_add(p, q, (size_t)(e - q));
	}
}

static const char *const list_fields[] = { "List-Id", "List-Post",
    "List-Owner", "List-Help", "List-Subscribe", "List-Unsubscribe",
    "Reply-To", "Sender" };

/* The list's addresses in the headers of the original message orig. */
static void
list_headers(struct parts *p, GMimeMessage *orig)
{
	size_t i;

	for (i = 0; i < nitems(list_fields); i++)
		list_header(p, list_fields[i], mail_header(GMIME_OBJECT(orig),
		    list_fields[i]));
}

/*
 * The list's addresses in header lines of an original shown as text
 * (after the cut, inline, or text/rfc822-headers): lines that open with
 * one of list_fields and a colon.
 */
static void
list_lines(struct parts *p, const char *t, size_t len)
{
	const char *l, *nl, *end = t + len;
	char *v;
	size_t i, n;

	for (l = t; l < end; l = nl + 1) {
		if ((nl = memchr(l, '\n', (size_t)(end - l))) == NULL)
			nl = end;
		/* each opens with l, r or s (| 0x20 folds only their cases
		 * to them) */
		if (nl - l < 9 || ((*l | 0x20) != 'l' && (*l | 0x20) != 'r' &&
		    (*l | 0x20) != 's') || (strncasecmp(l, "list-", 5) != 0 &&
		    strncasecmp(l, "reply-to:", 9) != 0 &&
		    strncasecmp(l, "sender:", 7) != 0))
			continue;
		for (i = 0; i < nitems(list_fields); i++) {
			n = strlen(list_fields[i]);
			if ((size_t)(nl - l) > n && l[n] == ':' &&
			    strncasecmp(l, list_fields[i], n) == 0) {
				if ((v = strndup(l + n + 1, (size_t)(nl - l) -
				    n - 1)) != NULL)
					list_header(p, list_fields[i], v);
				free(v);
			}
		}
		if (nl == end)
			break;
	}
}

/*
 * The list whose bounce address the bounce was sent to, "LIST-bounces"
 * or "LIST-bounce" with or without a VERP "+..." tail (Mailman's
 * convention): LIST@domain is the list's own address, never the failed
 * one in a bounce of its post.  Not its -owner or -admin address: a list
 * manager's own notice to its owner may be about the list address
 * itself (fml's loop alert).
 */
static void
list_bounce_to(struct parts *p, InternetAddressList *to)
{
	static const char *const sfx[] = { "-bounces", "-bounce" };
	const char *a, *at, *plus, *e;
	char *l;
	size_t i, n, k;
	int j, nto;

	if (to == NULL)
		return;
	nto = internet_address_list_length(to);
	for (j = 0; j < nto; j++) {
		if ((a = mailbox_at(to, j)) == NULL)
			continue;
		at = strchr(a, '@');
		plus = memchr(a, '+', (size_t)(at - a));
		e = plus != NULL ? plus : at;
		n = 0;
		for (i = 0; n == 0 && i < nitems(sfx); i++) {
			k = strlen(sfx[i]);
			if ((size_t)(e - a) > k &&
			    strncasecmp(e - k, sfx[i], k) == 0)
				n = (size_t)(e - a) - k;
		}
		if (n == 0 || asprintf(&l, "%.*s%s", (int)n, a, at) == -1)
			continue;
		list_add(p, l, strlen(l));
		free(l);
	}
}

bool
bnc_list_addr(const struct parts *p, const char *a)
{
	const char *at = strchr(a, '@');
	size_t i, n;

	if (at == NULL)
		return false;
	n = (size_t)(at - a);
	for (i = 0; i < p->nlist; i++) {
		if (p->list[i][0] != '<') {
			if (strcasecmp(p->list[i], a) == 0)
				return true;
		} else if (strlen(p->list[i] + 1) == strlen(a) &&
		    strncasecmp(p->list[i] + 1, a, n) == 0 &&
		    p->list[i][1 + n] == '.' &&
		    strcasecmp(p->list[i] + 2 + n, at + 1) == 0)
			return true;
	}
	return false;
}

static void
take_original(struct parts *p, GMimeMessage *orig)
{
	if (orig != NULL)
		list_headers(p, orig);
	if (p->orig_msgid != NULL || orig == NULL)
		return;
	take_original_fields(p, g_mime_message_get_message_id(orig),
	    g_mime_message_get_to(orig), g_mime_message_get_from(orig));
}

/*
 * Headers of the original given as text (text/rfc822-headers, or a
 * transfer-encoded message/rfc822 decoded): parsed as a message, its
 * headers alone (the text up to its first empty line: GMime's headers
 * end there).
 */
static void
take_original_headers(struct parts *p, const char *s, size_t len)
{
	GMimeStream *st;
	GMimeParser *ps;
	GMimeMessage *m;
	struct mail_enclosed h;
	struct sbuf t = { 0 };
	const char *e;

	list_lines(p, s, len);
	if (p->orig_msgid != NULL)
		return;
	if (len > 0 && s[0] == '\n')
		len = 1;
	else if ((e = memmem(s, len, "\n\n", 2)) != NULL)
		len = (size_t)(e - s) + 2;
	/* split from the text, without a message, when that tells */
	if (mail_headers_read(s, len, &h) == 0) {
		take_enclosed(p, &h);
		return;
	}
	sbuf_add(&t, s, len);
	sbuf_adds(&t, "\n\n");
	st = g_mime_stream_mem_new_with_buffer(t.s, t.len);
	ps = g_mime_parser_new_with_stream(st);
	m = g_mime_parser_construct_message(ps, NULL);
	if (m != NULL) {
		take_original(p, m);
		g_object_unref(m);
	}
	g_object_unref(ps);
	g_object_unref(st);
	sbuf_free(&t);
}

/* The decoded content of a leaf part, at most max bytes, as text. */
static void
part_bytes(GMimePart *part, struct sbuf *out, size_t max)
{
	struct sbuf raw = { 0 };

	if (mail_part_bytes(part, &raw, max) == 0)
		add_text_max(out, raw.s, raw.len, max);
	sbuf_free(&raw);
}

/*
 * Is the disposition (RFC 8098 3.2.6: "mode; type/modifiers") of an MDN
 * one that deleted the message by an automatic action?
 */
static bool
deleted_automatically(const char *d)
{
	const char *t;

	if (strncasecmp(d, "automatic-action", 16) != 0 ||
	    (t = strchr(d, ';')) == NULL)
		return false;
	while (*++t == ' ' || *t == '\t')
		;
	return strncasecmp(t, "deleted", 7) == 0 && (t[7] == '\0' ||
	    t[7] == '/' || t[7] == ' ' || t[7] == '\t' || t[7] == '\r');
}

/*
 * A message disposition notification that says the recipient's own
 * system deleted the message by an automatic action: a Sieve "reject"
 * (RFC 5429 2.1: "Disposition: automatic-action/MDN-sent-automatically;
 * deleted", as Dovecot's LDA and Pigeonhole write it) refused it for its
 * Final-Recipient.  Read as the one failed recipient group of a DSN, its
 * Reporting-UA as the reporting MTA, with status 5.2.0: the code that
 * Dovecot gives the same refusal when its LDA writes a DSN instead
 * (src/lib-lda/mail-send.c) and when its LMTP replies "552 5.2.0"
 * (src/lmtp/lmtp-local.c): the recipient's filter refused the message.
 * Any other disposition (displayed, a manual action) is no failure, nor
 * is this one unless the notice says it is a rejection (the caller).
 */
static void
take_mdn(struct parts *p, const char *s, size_t len)
{
	struct dsn m = { 0 };
	struct sbuf t = { 0 };
	const char *d, *f, *o, *ua;

	if (p->has_dsn || dsn_parse(s, len, &m, NULL) != 0 || m.n == 0)
		goto done;
	d = dsn_get(&m.g[0], "Disposition");
	f = dsn_get(&m.g[0], "Final-Recipient");
	o = dsn_get(&m.g[0], "Original-Recipient");
	/* an address, not a session id (Cyrus's sieve_mdn_private) */
	if (d == NULL || f == NULL || !deleted_automatically(d) ||
	    (strchr(f, '@') == NULL && (o == NULL || strchr(o, '@') == NULL)))
		goto done;
	ua = dsn_get(&m.g[0], "Reporting-UA");
	sbuf_adds(&t, "Reporting-MTA: ");
	sbuf_adds(&t, ua != NULL ? ua : "");
	sbuf_adds(&t, "\n\nFinal-Recipient: ");
	sbuf_adds(&t, f);
	if (o != NULL) {
		sbuf_adds(&t, "\nOriginal-Recipient: ");
		sbuf_adds(&t, o);
	}
	sbuf_adds(&t, "\nAction: failed\nStatus: 5.2.0\n");
	dsn_free(&p->dsn);
	memset(&p->dsn, 0, sizeof(p->dsn));
	if (t.s != NULL && dsn_parse(t.s, t.len, &p->dsn, NULL) == 0)
		p->has_dsn = p->from_mdn = dsn_nrcpt(&p->dsn) > 0;
done:
	sbuf_free(&t);
	dsn_free(&m);
}

/*
 * An enclosed message (m, NULL when empty): a forwarded bounce is read,
 * an original taken.
 */
static int
visit_message(struct parts *p, GMimeMessage *m, bool person)
{
	GMimeObject *top = m ? g_mime_message_get_mime_part(m) : NULL;
	GMimeContentType *ct;
	const char *sub;

	/* a forwarded bounce: read the bounce, not its wrapper; not when a
	 * person forwarded it (person_forward()) */
	if (top != NULL && !p->has_dsn && !person && GMIME_IS_MULTIPART(top) &&
	    (ct = g_mime_object_get_content_type(top)) != NULL &&
	    (sub = g_mime_content_type_get_media_subtype(ct)) != NULL &&
	    strcasecmp(sub, "report") == 0 && p->orig_msgid == NULL)
		return MAIL_WALK_INTO;
	take_original(p, m);
	return MAIL_WALK_NEXT;
}

/*
 * A message left unparsed by GMime (mail_enclosed_as_leaves()): read from
 * its raw headers, and only when they can be of use (no original taken
 * yet).  A forwarded bounce is walked into as with a message part.
 */
static int
visit_enclosed(struct parts *p, const struct mail_node *n, bool person)
{
	struct mail_enclosed e;

	if (p->orig_msgid != NULL)
		return MAIL_WALK_NEXT;
	mail_enclosed_read(n->obj, &e);
	if (e.report && !p->has_dsn && !person) {
		mail_enclosed_free(&e);
		return MAIL_WALK_INTO;
	}
	if (!e.empty)
		take_enclosed(p, &e);
	else
		mail_enclosed_free(&e);
	return MAIL_WALK_NEXT;
}

/* A walk of the parts: what it fills, and a disposition notification
 * kept until the walk is over (take_mdn()). */
#define PART_STARTS	8
struct walk {
	struct parts	*p;
	struct sbuf	 mdn;
	bool		 person;	/* person_forward() of the message */
	int		 text_alt;	/* the alternative (mail_node alt)
					 * of the last text taken, 0 none */
	size_t		 starts[PART_STARTS];	/* where the text of each
					 * part after the first starts */
	size_t		 nstarts;
};

/* Note where a part's text starts, the first part's aside. */
static void
part_start(struct walk *w, size_t at)
{
	if (at > 0 && w->nstarts < PART_STARTS)
		w->starts[w->nstarts++] = at;
}

static int
visit(void *arg, const struct mail_node *n)
{
	struct walk *w = arg;
	struct parts *p = w->p;
	const char *type = n->type, *sub = n->subtype, *txt;
	struct sbuf raw = { 0 };
	size_t tlen;
	GMimePart *part;

	if (n->multipart) {
		/* a boundary that is not there: the body is all prologue */
		if (g_mime_multipart_get_count(GMIME_MULTIPART(n->obj)) == 0 &&
		    (txt = g_mime_multipart_get_prologue(
		    GMIME_MULTIPART(n->obj))) != NULL)
			part_start(w, add_part_text(&p->text, txt,
			    strlen(txt)));
		return MAIL_WALK_NEXT;
	}
	if (GMIME_IS_MESSAGE_PART(n->obj))
		return visit_message(p, n->message, w->person);
	if (n->enclosed)
		return visit_enclosed(p, n, w->person);
	if (!n->leaf || sub == NULL)
		return MAIL_WALK_NEXT;
	part = GMIME_PART(n->obj);
	if (strcasecmp(sub, "delivery-status") == 0 ||
	    strcasecmp(sub, "global-delivery-status") == 0) {
		/* Every recipient group counts, however many there are. */
		part_bytes(part, &raw, DSN_MAX);
		if (raw.len > 0 && dsn_parse(raw.s, raw.len, &p->dsn, NULL) ==
		    0)
			p->has_dsn = dsn_nrcpt(&p->dsn) > 0;
	} else if (strcasecmp(sub, "disposition-notification") == 0) {
		if (w->mdn.len == 0)
			part_bytes(part, &w->mdn, TEXT_MAX);
	} else if (strcasecmp(sub, "feedback-report") == 0) {
		part_bytes(part, &raw, TEXT_MAX);
		if (raw.len > 0 && dsn_parse(raw.s, raw.len, &p->arf, NULL) ==
		    0)
			p->has_arf = true;
	} else if (strcasecmp(sub, "rfc822-headers") == 0 ||
	    strcasecmp(sub, "global-headers") == 0 ||
	    (strcasecmp(type, "message") == 0 &&
	    strcasecmp(sub, "rfc822") == 0)) {
		if (p->orig_msgid != NULL)
			return MAIL_WALK_NEXT;
		part_bytes(part, &raw, TEXT_MAX);
		take_original_headers(p, raw.s ? raw.s : "", raw.len);
	} else if (strcasecmp(type, "text") == 0 && n->text) {
		/* an attached text, and an HTML that is another version of a
		 * text taken (RFC 2046 5.1.4: a part of the same
		 * multipart/alternative), add nothing; an HTML after a text
		 * of another part (a gateway's banner before an HTML-only
		 * notice) is read */
		if (p->text.len > 0 && (n->filename != NULL ||
		    (strcasecmp(sub, "html") == 0 && n->alt != 0 &&
		    n->alt == w->text_alt)))
			return MAIL_WALK_NEXT;
		if (mail_part_visible_text(GMIME_TEXT_PART(n->obj), &raw, &txt,
		    &tlen) == 0 && tlen > 0) {
			part_start(w, add_part_text(&p->text, txt, tlen));
			w->text_alt = n->alt;
		}
	}
	sbuf_free(&raw);
	return MAIL_WALK_NEXT;
}

/*
 * Where the per-message group of delivery-status fields in the text
 * begins: the paragraph of its Reporting-MTA, the per-message field RFC
 * 3464 (2.2) requires, when it comes before any Final-Recipient.  Lines
 * with colons above it (the returned message's header fields a notice
 * quotes first, as Messaging Server's does, or the notice's own words)
 * are no group of the DSN.  0 when there is none.
 */
static size_t
text_dsn_start(const char *s, size_t len)
{
	size_t i = 0, para = 0, ll, k;
	const char *l, *e;

	while (i < len) {
		l = s + i;
		e = memchr(l, '\n', len - i);
		ll = e != NULL ? (size_t)(e - l) : len - i;
		for (k = 0; k < ll && (l[k] == ' ' || l[k] == '\t'); k++)
			;
		if (k == ll)
			para = i + ll + 1;
		else if (ll >= 16 && strncasecmp(l, "final-recipient:", 16) == 0)
			return 0;
		else if (ll >= 14 && strncasecmp(l, "reporting-mta:", 14) == 0)
			return para < len ? para : 0;
		i += ll + 1;
	}
	return 0;
}

/*
 * Delivery-status fields in the text itself (a broken MIME structure, a
 * forwarded or quoted bounce): parse them with the quote marks removed,
 * from the paragraph of the per-message group on (text_dsn_start).
 */
static void
text_dsn(struct parts *p)
{
	struct sbuf t = { 0 };
	const char *s = p->text.s, *l;
	size_t start;

	if (str_casestr(s, "final-recipient:") == NULL)
		return;
	for (l = s; *l != '\0'; ) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l + 1) : strlen(l);

		while (len > 0 && (*l == '>' || (*l == ' ' && l[1] == '>'))) {
			l++;
			len--;
			if (len > 0 && *l == ' ') {
				l++;
				len--;
			}
		}
		sbuf_add(&t, l, len);
		l += len;
		if (e == NULL)
			break;
	}
	start = t.s != NULL ? text_dsn_start(t.s, t.len) : 0;
	if (t.s != NULL && dsn_parse(t.s + start, t.len - start, &p->dsn,
	    NULL) == 0)
		p->has_dsn = dsn_nrcpt(&p->dsn) > 0;
	sbuf_free(&t);
}

/* Does t[0..len) say a failure: a line of the notice list, a soft or
 * hard phrase, or (cues) a generic cue word? */
static bool
says_failure(struct bounce *b, const char *t, size_t len, bool cues)
{
	static const int lists[] = { PL_NOTICE, PL_SOFT, PL_HARD, PL_CUES };
	size_t k, m;

	for (k = 0; k < sizeof(lists) / sizeof(lists[0]) - !cues; k++)
		if (bnc_list_find(b, lists[k], t, len, &m))
			return true;
	return false;
}

/*
 * Is t[s] the start of a part's second paragraph, its first one line or
 * a few (at most BANNER_MAX bytes) at the part's top?  The place of a
 * caution a gateway puts at the top of the body: an Exchange mail flow
 * rule's disclaimer, -ApplyHtmlDisclaimerLocation Prepend, "inserted to
 * the beginning of the message body" (Microsoft Learn,
 * New-TransportRule).
 */
#define BANNER_MAX	600

static bool
after_banner(const struct walk *w, const char *t, size_t s)
{
	size_t k, p0 = 0, q;

	if (s < 2 || t[s - 1] != '\n' || t[s - 2] != '\n')
		return false;
	for (k = 0; k < w->nstarts; k++)
		if (w->starts[k] < s && w->starts[k] > p0)
			p0 = w->starts[k];
	while (p0 < s && t[p0] == '\n')
		p0++;
	for (q = s - 2; q > p0 && t[q - 1] == '\n'; q--)
		;
	return q > p0 && q - p0 <= BANNER_MAX &&
	    memmem(t + p0, q - p0, "\n\n", 2) == NULL;
}

/*
 * Does the first line of t[0..len) that is not blank open with a header
 * field ("Name: ", RFC 5322 2.2: a returned message's header, not a
 * notice's words)?
 */
static bool
opens_field(const char *t, size_t len)
{
	size_t k = 0, n;

	while (k < len && (t[k] == '\n' || t[k] == '\r'))
		k++;
	for (n = k; n < len && n - k < 40 && (isalnum((unsigned char)t[n]) ||
	    t[n] == '-'); n++)
		;
	return n > k && n + 1 < len && t[n] == ':' &&
	    (t[n + 1] == ' ' || t[n + 1] == '\t');
}

/* Are t[from..s) only empty lines (none at all, or the blank lines an
 * HTML part's <html>, <head> and <body> lines leave above its text)? */
static bool
blank_to(const char *t, size_t from, size_t s)
{
	if (from > s)
		return false;
	while (from < s && (t[from] == '\n' || t[from] == '\r'))
		from++;
	return from == s;
}

/*
 * Is a cut at t[s] (a line of the cut list) at the top of the notice: at
 * the very top, or at the top of a part (w's starts), empty lines above
 * it aside (blank_to()), or after a banner
 * paragraph at a part's top (after_banner()) when the text before it
 * says nothing of a failure (names no address, says_failure() with
 * cues: a banner or disclaimer a gateway put first; RFC 2046 5.1.3, the
 * parts of a multipart/mixed in order), and itself a heading over the
 * failure: the lines after it say one, open with no header field
 * (opens_field()), and another cut line follows them (ITS COMSAT's "===
 * A copy of your message is being returned, because: ===", the reason,
 * "=== Failed message follows: ===").  A returned message's part after
 * the notice's stays cut, and so does a returned message under a
 * heading, whose header's words may say a failure too.
 */
static bool
notice_top(struct bounce *b, const struct walk *w, const char *t,
    size_t len, size_t s)
{
	const char *nl;
	size_t k, e, m;

	if (blank_to(t, 0, s))
		return true;
	for (k = 0; k < w->nstarts && !blank_to(t, w->starts[k], s); k++)
		;
	if ((k == w->nstarts && !after_banner(w, t, s)) ||
	    memchr(t, '@', s) != NULL ||
	    says_failure(b, t, s, true) ||
	    (nl = memchr(t + s, '\n', len - s)) == NULL)
		return false;
	e = (size_t)(nl - t) + 1;
	return !opens_field(t + e, len - e) &&
	    bnc_list_find(b, PL_CUT, t + e, len - e, &m) && m > 0 &&
	    says_failure(b, t + e, m, false);
}

/* Split the copy of the original message off the bounce text. */
static void
cut_original(struct bounce *b, struct parts *p, const struct walk *w)
{
	size_t s, e;
	char *id;

	if (p->text.len == 0)
		return;
	/* a match error is said in the records (bnc_list_find) */
	if (!bnc_list_find(b, PL_CUT, p->text.s, p->text.len, &s))
		return;
	/* keep the text before the cut; a cut at the top of the notice
	 * is noise */
	while (s > 0 && p->text.s[s - 1] != '\n')
		s--;
	if (notice_top(b, w, p->text.s, p->text.len, s))
		return;
	sbuf_add(&p->orig, p->text.s + s, p->text.len - s);
	p->text.len = s;
	p->text.s[s] = '\0';
	if (p->orig_msgid == NULL && bnc_re_find(b, RE_MSGID, p->orig.s,
	    p->orig.len, 0, &s, &e, 1) && (id = strndup(p->orig.s + s,
	    e - s)) != NULL)
		p->orig_msgid = id;
}

void
bnc_parts_free(struct parts *p)
{
	sbuf_free(&p->text);
	sbuf_free(&p->orig);
	dsn_free(&p->dsn);
	dsn_free(&p->arf);
	free(p->orig_msgid);
	strv_free(p->orig_to, p->norig_to);
	for (; p->npend > 0; p->npend--)
		mail_enclosed_free(&p->pend[p->npend - 1]);
	free(p->pend);
	free(p->orig_from);
	strv_free(p->list, p->nlist);
}

bool
bnc_persons_message(GMimeMessage *m)
{
	const char *v;

	if ((v = mail_header(GMIME_OBJECT(m), "Return-Path")) == NULL ||
	    strstr(v, "<>") != NULL || strchr(v, '@') == NULL)
		return false;
	return (v = mail_header(GMIME_OBJECT(m), "Auto-Submitted")) == NULL ||
	    strncasecmp(v, "no", 2) == 0;
}

/*
 * Is m a person's forward (or answer) of a notice rather than a notice?
 * A delivery notification goes out with a null reverse-path (RFC 5321
 * section 4.5.5; RFC 3464 section 2: to the return path of the message
 * it reports on) and an automatic message says so in Auto-Submitted (RFC
 * 3834 section 5); a person's message (bnc_persons_message()) with a
 * subject opened as a person's "Fwd:" or "Re:" is a person's forward.
 * The bounce it attaches reports on that person's own message, not on
 * the one this address sent: it is not read as this message's failure
 * (precision first, issue #15).
 */
static bool
person_forward(GMimeMessage *m)
{
	const char *subj = mail_message_subject(m);

	return subj != NULL && bnc_reply_subject(subj) &&
	    bnc_persons_message(m);
}

/*
 * Does a message with an MDN say it is a Sieve reject?  "Auto-Submitted:
 * auto-replied (rejected)", "... was automatically rejected" (Dovecot,
 * Pigeonhole, Cyrus), "The message was refused by the recipient's mail
 * filtering program." (Zimbra's FilterUtil.reject(), ZsMsg.properties
 * seiveRejectMDNErrorMsg: its apostrophe is U+2019).  An MDN of a message
 * deleted unread (Exchange's non-read notification) is no refusal.
 */
static bool
says_rejected(const struct parts *p, GMimeMessage *m)
{
	const char *v, *t = p->text.s;

	if ((v = mail_header(GMIME_OBJECT(m), "Auto-Submitted")) != NULL &&
	    str_casestr(v, "rejected") != NULL)
		return true;
	return t != NULL && (str_casestr(t, "automatically rejected") !=
	    NULL || str_casestr(t, "refused by the recipient's mail filter") !=
	    NULL || str_casestr(t,
	    "refused by the recipient\xe2\x80\x99s mail filter") != NULL);
}

void
bnc_parts_read(struct bounce *b, struct parts *p, GMimeMessage *m)
{
	struct walk w = { p, { 0 }, person_forward(m), 0, { 0 }, 0 };

	(void)mail_walk(g_mime_message_get_mime_part(m), 20, visit, &w);
	/* upas's bang-form addresses as USER@HOST (bounce/bang.h) */
	bnc_upas_bang(p->text.s, p->text.len);
	if (w.mdn.len > 0 && says_rejected(p, m))
		take_mdn(p, w.mdn.s, w.mdn.len);
	/* any other (RFC 8098: displayed, deleted unread) is a receipt */
	else if (w.mdn.len > 0 && !p->has_dsn)
		p->receipt = true;
	sbuf_free(&w.mdn);
	/* a person's forward or answer (person_forward()) that quotes a
	 * notice inline, as a mail client's "Forwarded message" block:
	 * its DSN fields are the forwarded notice's, as an attached one's
	 * are (Round 23, struct3 #13) */
	if (!p->has_dsn && p->text.s != NULL && !w.person)
		text_dsn(p);
	cut_original(b, p, &w);
	list_bounce_to(p, g_mime_message_get_to(m));
	/* the notice's own List-Id and List-Post (RFC 2919, RFC 2369): a
	 * list manager's notice to a poster names its list ("Your mail to
	 * 'LIST' ... Is being held", Mailman 3's list:user:notice:hold.txt),
	 * never a failed recipient (Round 22, nonfail4 #12) */
	list_header(p, "List-Id", mail_header(GMIME_OBJECT(m), "List-Id"));
	list_header(p, "List-Post", mail_header(GMIME_OBJECT(m), "List-Post"));
	if (p->text.s != NULL)
		list_lines(p, p->text.s, p->text.len);
	if (p->orig.s != NULL)
		list_lines(p, p->orig.s, p->orig.len);
}
