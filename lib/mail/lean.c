/*
 * mail/lean: a lean-parsed message's top-level fields, as GMime's
 * message would give them (see lean.h).  The fields are split once, on
 * first use, and kept on the message with what was decoded of them.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "mail/lean.h"

struct field {
	char	*name;		/* in the lean's buf */
	char	*raw;		/* after the colon, line ends in; in buf */
	char	*value;		/* unfolded and decoded, or NULL */
};

struct lean {
	struct field	*f;
	char		*buf;		/* every name and raw value, each
					   NUL-terminated */
	int		 n, fcap;	/* fields, room in f */
	size_t		 bufcap;
	bool		 split;		/* f and buf hold the block's */
	bool		 have[2], have_date; /* Subject, Message-Id */
	char		*str[2];
	GDateTime	*date;
	InternetAddressList *from, *to;
};

/* Drop what l holds of one block; its room is kept for the next. */
static void
lean_clear(void *p)
{
	struct lean *l = p;
	int k;

	for (k = 0; k < l->n; k++)
		g_free(l->f[k].value);
	l->n = 0;
	l->split = false;
	l->have[0] = l->have[1] = l->have_date = false;
	g_clear_pointer(&l->str[0], g_free);
	g_clear_pointer(&l->str[1], g_free);
	g_clear_pointer(&l->date, g_date_time_unref);
	g_clear_object(&l->from);
	g_clear_object(&l->to);
}

static void
lean_free(void *p)
{
	struct lean *l = p;

	lean_clear(l);
	free(l->f);
	free(l->buf);
	free(l);
}

bool
lean_plain(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; *u != '\0'; u++)
		if (*u >= 0x80 || (*u == '=' && u[1] == '?'))
			return false;
	return true;
}

/* Copy s[0..n) to *o with a NUL; the copy, *o past it. */
static char *
put(char **o, const char *s, size_t n)
{
	char *r = *o;

	memcpy(r, s, n);
	r[n] = '\0';
	*o = r + n + 1;
	return r;
}

/*
 * Split hb's fields (headblock_clean() vouched for every line): the
 * name before the colon without the blanks between them, the raw value
 * after the colon up to the next field, both copied into l's one
 * buffer (each field's two copies are no longer than the field and two
 * NULs).  The Content- fields stay with the top part, as in GMime's
 * message.  0, or -1 when out of memory.
 */
static int
split(struct headblock *hb, struct lean *l)
{
	const char *p = hb->s, *end = hb->s + hb->len, *f, *c, *n, *nl;
	struct field *nf;
	char *o;
	int max = 0;

	for (c = p; c < end && (c = memchr(c, '\n', (size_t)(end - c))) !=
	    NULL; c++)
		max++;
	if (max > l->fcap) {
		if ((nf = reallocarray(l->f, (size_t)max, sizeof(*nf))) ==
		    NULL)
			return -1;
		l->f = nf;
		l->fcap = max;
	}
	if (hb->len + 2 * (size_t)max + 2 > l->bufcap) {
		if ((o = realloc(l->buf, hb->len + 2 * (size_t)max + 2)) ==
		    NULL)
			return -1;
		l->buf = o;
		l->bufcap = hb->len + 2 * (size_t)max + 2;
	}
	o = l->buf;
	while (p < end) {
		f = p;
		do {
			nl = memchr(p, '\n', (size_t)(end - p));
			p = nl != NULL ? nl + 1 : end;
		} while (p < end && (*p == ' ' || *p == '\t'));
		if ((c = memchr(f, ':', (size_t)(p - f))) == NULL ||
		    (p - f > 8 && strncasecmp(f, "Content-", 8) == 0))
			continue;
		for (n = c; n > f && (n[-1] == ' ' || n[-1] == '\t'); n--)
			;
		l->f[l->n].name = put(&o, f, (size_t)(n - f));
		l->f[l->n].raw = put(&o, c + 1, (size_t)(p - c - 1));
		l->f[l->n].value = NULL;
		l->n++;
	}
	l->split = true;
	return 0;
}

/*
 * The fields of hb, split on first use and kept with it; the lean is
 * kept for the block's next fields when the block is reused.
 */
static struct lean *
get(struct headblock *hb)
{
	struct lean *l = hb->reader;

	if (l == NULL) {
		if ((l = calloc(1, sizeof(*l))) == NULL)
			return NULL;
		hb->reader = l;
		hb->reader_free = lean_free;
		hb->reader_clear = lean_clear;
	}
	if (!l->split && split(hb, l) == -1)
		return NULL;
	return l;
}

/* GMime's linear white space, which unfolding trims at both ends. */
#define IS_LWSP(c)	((c) == ' ' || (c) == '\t' || (c) == '\r' || \
			    (c) == '\n')

/*
 * A plain value (lean_plain()) raw, unfolded as
 * g_mime_utils_header_unfold() unfolds it: the white space at either end
 * trimmed, every CR and LF between dropped; in one pass that also tells
 * whether it is plain.  NULL, and nothing made, when it is not: it is
 * decoded with GMime.
 */
static char *
unfold_plain(const char *raw)
{
	const unsigned char *u = (const unsigned char *)raw, *end;
	char *v, *o;

	while (IS_LWSP(*u))
		u++;
	end = u + strlen((const char *)u);
	while (end > u && IS_LWSP(end[-1]))
		end--;
	o = v = g_malloc((size_t)(end - u) + 1);
	for (; u < end; u++) {
		if (*u >= 0x80 || (*u == '=' && u[1] == '?')) {
			g_free(v);
			return NULL;
		}
		if (*u != '\r' && *u != '\n')
			*o++ = (char)*u;
	}
	*o = '\0';
	return v;
}

/* Field k's value, as g_mime_header_get_value() gives it. */
static const char *
value(struct lean *l, struct headblock *hb, int k)
{
	struct field *f = &l->f[k];
	char *unf;

	if (f->value == NULL && (f->value = unfold_plain(f->raw)) == NULL) {
		unf = g_mime_utils_header_unfold(f->raw);
		f->value = g_mime_utils_header_decode_text(hb->opts, unf);
		g_free(unf);
	}
	return f->value;
}

/* The last field called name, or -1. */
static int
last(struct lean *l, const char *name)
{
	int k;

	for (k = l->n - 1; k >= 0; k--)
		if (str_caseeq(l->f[k].name, name))
			return k;
	return -1;
}

const char *
lean_header(struct headblock *hb, const char *name)
{
	struct lean *l = get(hb);
	int k;

	if (l == NULL)
		return NULL;
	for (k = 0; k < l->n; k++)
		if (str_caseeq(l->f[k].name, name))
			return value(l, hb, k);
	return NULL;
}

int
lean_names(struct headblock *hb, struct sbuf *out)
{
	struct lean *l = get(hb);
	int k, r = 0;

	if (l == NULL)
		return -1;
	for (k = 0; k < l->n; k++)
		r |= sbuf_adds(out, l->f[k].name) | sbuf_addc(out, '\n');
	return r;
}

/* The value of the last field called name, or NULL. */
static const char *
last_value(struct lean *l, struct headblock *hb, const char *name)
{
	int k = last(l, name);

	return k >= 0 ? value(l, hb, k) : NULL;
}

/* Subject (which 0) or Message-Id (1), as GMime's message keeps it. */
static const char *
decoded_once(struct headblock *hb, int which)
{
	struct lean *l = get(hb);
	const char *v;

	if (l == NULL)
		return NULL;
	if (!l->have[which]) {
		l->have[which] = true;
		if ((v = last_value(l, hb, which == 0 ? "Subject" :
		    "Message-Id")) != NULL)
			l->str[which] = which == 0 ? g_strdup(v) :
			    g_mime_utils_decode_message_id(v);
	}
	return l->str[which];
}

const char *
lean_subject(struct headblock *hb)
{
	return decoded_once(hb, 0);
}

const char *
lean_message_id(struct headblock *hb)
{
	return decoded_once(hb, 1);
}

GDateTime *
lean_date(struct headblock *hb)
{
	struct lean *l = get(hb);
	const char *v;
	int k;

	if (l == NULL)
		return NULL;
	if (!l->have_date) {
		l->have_date = true;
		/* each Date with a value replaces the one before */
		for (k = l->n - 1; k >= 0; k--)
			if (strcasecmp(l->f[k].name, "Date") == 0 &&
			    (v = value(l, hb, k)) != NULL) {
				l->date = g_mime_utils_header_decode_date(v);
				break;
			}
	}
	return l->date;
}

/*
 * From or To of GMime's own message of the header block alone: where
 * the public parser and the message's differ (an address list cut
 * short by an unclosed comment: the message keeps the addresses before
 * it, internet_address_list_parse() none).  NULL if GMime cannot.
 */
static InternetAddressList *
gmime_list(struct headblock *hb, bool from)
{
	GMimeStream *st;
	GMimeParser *ps;
	GMimeMessage *msg;
	InternetAddressList *l = NULL;

	st = g_mime_stream_mem_new();
	g_mime_stream_write(st, hb->s, hb->len);
	g_mime_stream_write(st, "\n", 1);
	g_mime_stream_reset(st);
	ps = g_mime_parser_new_with_stream(st);
	if ((msg = g_mime_parser_construct_message(ps, hb->opts)) != NULL) {
		l = g_object_ref(from ? g_mime_message_get_from(msg) :
		    g_mime_message_get_to(msg));
		g_object_unref(msg);
	}
	g_object_unref(ps);
	g_object_unref(st);
	return l;
}

InternetAddressList *
lean_addresses(struct headblock *hb, bool from)
{
	struct lean *l = get(hb);
	InternetAddressList **list, *one;
	const char *raw;
	int k;

	if (l == NULL)
		return NULL;
	list = from ? &l->from : &l->to;
	if (*list != NULL)
		return *list;
	/* every such field's addresses in turn, as GMime's message keeps;
	 * the first field's own list is the list (no empty one to copy
	 * them into: two objects fewer) */
	for (k = 0; k < l->n; k++) {
		if (strcasecmp(l->f[k].name, from ? "From" : "To") != 0)
			continue;
		raw = l->f[k].raw;
		if ((one = internet_address_list_parse(hb->opts, raw)) != NULL) {
			if (*list == NULL)
				*list = one;
			else {
				internet_address_list_append(*list, one);
				g_object_unref(one);
			}
		} else if (strchr(raw, '(') != NULL &&
		    (one = gmime_list(hb, from)) != NULL) {
			if (*list != NULL)
				g_object_unref(*list);
			*list = one;
			break;
		}
	}
	if (*list == NULL)
		*list = internet_address_list_new();
	return *list;
}
