/*
 * Pre-send checks of one message.  See lint/lint.h.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>
#include <pcre2.h>

#include "core/deliv.h"
#include "core/phrases.h"
#include "core/util.h"
#include "lint/lint.h"
#include "mail/html.h"

#define LINE_MAX_SMTP	998	/* RFC 5322 section 2.1.1 */
#define LINE_MAX_SOFT	78
#define LINE_MAX_ENC	76	/* RFC 2045 sections 6.7 and 6.8 */
#define GMAIL_CLIP	(102 * 1024)
#define MAX_EXAMPLES	3
#define PHRASE_WARN	3.0	/* phrase points that make a warning */
#define PHRASE_SCAN_MAX	(16 * 1024)	/* phrases: first 16 KB a part */

enum {
	C_UNPARSEABLE,
	C_LINE_998, C_LINE_78, C_B64_LINE, C_QP_LINE,
	C_DATE_MISSING, C_DATE_INVALID,
	C_MSGID_MISSING, C_MSGID_SYNTAX, C_MSGID_DOMAIN,
	C_FROM_MISSING, C_FROM_SYNTAX, C_FROM_MULTIPLE,
	C_MIME_VERSION, C_SUBJECT_MISSING, C_SUBJECT_ENCODING,
	C_HEADER_DUP, C_HEADER_8BIT,
	C_HTML_ONLY, C_TEXT_HTML_DIFFER, C_IMAGE_HEAVY, C_BODY_EMPTY,
	C_HTML_CLIPPED, C_HTML_DANGEROUS, C_ATTACH_RISKY,
	C_CAPS_SUBJECT, C_CAPS_BODY, C_EXCL_SUBJECT, C_EXCL_BODY, C_MONEY,
	C_SPAM_PHRASE,
	C_LINK_SHORTENER, C_LINK_HTTP, C_LINK_IP, C_LINK_TEXT_HOST,
	C_LINK_MALFORMED, C_TRACKING_PIXEL, C_LINK_UNRELATED,
	C_UNSUB_MISSING, C_UNSUB_SYNTAX, C_UNSUB_HTTPS, C_UNSUB_POST_MISSING,
	C_UNSUB_POST_INVALID, C_UNSUB_ENCODED, C_UNSUB_FOLDED,
	C_UNSUB_DKIM_H, C_UNSUB_DKIM_D,
	C_COUNT
};

static const struct lint_check checks[C_COUNT] = {
	[C_UNPARSEABLE] = { "message-unparseable", LINT_ERROR, 0,
	    "RFC 5322 section 3", "write the message with a mail library" },
	[C_LINE_998] = { "line-too-long", LINT_ERROR, 0,
	    "RFC 5322 section 2.1.1",
	    "wrap lines or use quoted-printable/base64" },
	[C_LINE_78] = { "line-over-78", LINT_INFO, 0,
	    "RFC 5322 section 2.1.1", "wrap lines at 78 characters" },
	[C_B64_LINE] = { "base64-line-length", LINT_WARN, 0.5,
	    "RFC 2045 section 6.8", "wrap base64 at 76 characters a line" },
	[C_QP_LINE] = { "qp-line-length", LINT_WARN, 0.7,
	    "RFC 2045 section 6.7",
	    "use soft line breaks (=) to keep lines within 76 characters" },
	[C_DATE_MISSING] = { "date-missing", LINT_ERROR, 1,
	    "RFC 5322 section 3.6", "add a Date: header" },
	[C_DATE_INVALID] = { "date-invalid", LINT_ERROR, 1,
	    "RFC 5322 section 3.3",
	    "write Date like \"Mon, 23 Nov 2026 09:30:00 +0000\"" },
	[C_MSGID_MISSING] = { "message-id-missing", LINT_WARN, 0.5,
	    "RFC 5322 section 3.6.4",
	    "add Message-ID: <unique@your.domain>" },
	[C_MSGID_SYNTAX] = { "message-id-syntax", LINT_ERROR, 1,
	    "RFC 5322 section 3.6.4",
	    "write Message-ID as <unique@your.domain>" },
	[C_MSGID_DOMAIN] = { "message-id-domain", LINT_INFO, 0,
	    "RFC 5322 section 3.6.4",
	    "use your sending domain after the @ of Message-ID" },
	[C_FROM_MISSING] = { "from-missing", LINT_ERROR, 2,
	    "RFC 5322 section 3.6.2", "add a From: header" },
	[C_FROM_SYNTAX] = { "from-syntax", LINT_ERROR, 1.5,
	    "RFC 5322 section 3.4",
	    "write From as \"Name <user@example.com>\"" },
	[C_FROM_MULTIPLE] = { "from-multiple", LINT_ERROR, 1,
	    "RFC 5322 section 3.6.2", "put exactly one mailbox in From" },
	[C_MIME_VERSION] = { "mime-version-missing", LINT_WARN, 1,
	    "RFC 2045 section 4", "add MIME-Version: 1.0" },
	[C_SUBJECT_MISSING] = { "subject-missing", LINT_WARN, 0.5,
	    "RFC 5322 section 3.6.5", "give the message a subject" },
	[C_SUBJECT_ENCODING] = { "subject-encoding", LINT_ERROR, 1,
	    "RFC 2047 section 2",
	    "encode non-ASCII subjects as RFC 2047 encoded-words" },
	[C_HEADER_DUP] = { "header-duplicate", LINT_ERROR, 1,
	    "RFC 5322 section 3.6", "keep one instance of the header" },
	[C_HEADER_8BIT] = { "header-8bit", LINT_ERROR, 1,
	    "RFC 5322 section 2.2",
	    "encode non-ASCII header text (RFC 2047)" },
	[C_HTML_ONLY] = { "html-only", LINT_WARN, 2,
	    "RFC 2046 section 5.1.4",
	    "add a text/plain alternative (multipart/alternative)" },
	[C_TEXT_HTML_DIFFER] = { "text-html-differ", LINT_WARN, 1,
	    "RFC 2046 section 5.1.4",
	    "make the text/plain part say what the HTML says" },
	[C_IMAGE_HEAVY] = { "image-heavy", LINT_WARN, 1.5, NULL,
	    "add real text; do not send a message that is mostly images" },
	[C_BODY_EMPTY] = { "body-empty", LINT_WARN, 1, NULL,
	    "write a body" },
	[C_HTML_CLIPPED] = { "html-clipped", LINT_WARN, 0.5, NULL,
	    "keep the HTML under 102 KB (Gmail clips the rest)" },
	[C_HTML_DANGEROUS] = { "html-dangerous", LINT_ERROR, 1, NULL,
	    "remove script, iframe, form, object and on* handlers" },
	[C_ATTACH_RISKY] = { "attachment-risky", LINT_ERROR, 3, NULL,
	    "do not attach executables; link to a download page" },
	[C_CAPS_SUBJECT] = { "caps-subject", LINT_WARN, 1, NULL,
	    "write the subject in normal case" },
	[C_CAPS_BODY] = { "caps-body", LINT_WARN, 1, NULL,
	    "write the body in normal case" },
	[C_EXCL_SUBJECT] = { "exclamation-subject", LINT_WARN, 1, NULL,
	    "drop the exclamation marks from the subject" },
	[C_EXCL_BODY] = { "exclamation-body", LINT_WARN, 1, NULL,
	    "use fewer exclamation marks" },
	[C_MONEY] = { "money", LINT_WARN, 1, NULL,
	    "do not lead with sums of money or $$$" },
	[C_SPAM_PHRASE] = { "spam-phrase", LINT_WARN, 0, NULL,
	    "reword the phrase" },
	[C_LINK_SHORTENER] = { "link-shortener", LINT_WARN, 1, NULL,
	    "link to your own domain, not a URL shortener" },
	[C_LINK_HTTP] = { "link-http", LINT_INFO, 0, NULL,
	    "link with https:" },
	[C_LINK_IP] = { "link-ip-literal", LINT_WARN, 1.5,
	    "RFC 3986 section 3.2.2",
	    "link to a host name, not an IP address" },
	[C_LINK_TEXT_HOST] = { "link-text-host", LINT_WARN, 1, NULL,
	    "make the visible link text show the real destination" },
	[C_LINK_MALFORMED] = { "link-malformed", LINT_WARN, 1,
	    "RFC 3986 section 3", "fix the URL" },
	[C_TRACKING_PIXEL] = { "tracking-pixel", LINT_INFO, 0, NULL,
	    "drop 1x1 tracking images or keep to one" },
	[C_LINK_UNRELATED] = { "link-domain-unrelated", LINT_INFO, 0, NULL,
	    "link to the From domain where you can" },
	[C_UNSUB_MISSING] = { "unsubscribe-missing", LINT_ERROR, 2,
	    "RFC 2369 section 3.2",
	    "add List-Unsubscribe: <https://...>, <mailto:...>" },
	[C_UNSUB_SYNTAX] = { "unsubscribe-syntax", LINT_ERROR, 1,
	    "RFC 2369 section 2",
	    "put each List-Unsubscribe URI in <angle brackets>" },
	[C_UNSUB_HTTPS] = { "unsubscribe-no-https", LINT_WARN, 1,
	    "RFC 8058 section 3.1",
	    "add an https URI to List-Unsubscribe" },
	[C_UNSUB_POST_MISSING] = { "unsubscribe-post-missing", LINT_WARN, 1,
	    "RFC 8058 section 3.1",
	    "add List-Unsubscribe-Post: List-Unsubscribe=One-Click" },
	[C_UNSUB_POST_INVALID] = { "unsubscribe-post-invalid", LINT_ERROR, 1,
	    "RFC 8058 section 3.1",
	    "write exactly List-Unsubscribe-Post: List-Unsubscribe=One-Click" },
	[C_UNSUB_ENCODED] = { "unsubscribe-encoded", LINT_ERROR, 1,
	    "RFC 2369 section 2",
	    "write List-Unsubscribe in plain ASCII, no encoded-words" },
	[C_UNSUB_FOLDED] = { "unsubscribe-folded", LINT_ERROR, 1,
	    "RFC 2369 section 2",
	    "fold List-Unsubscribe only between URIs, never inside one" },
	[C_UNSUB_DKIM_H] = { "unsubscribe-unsigned", LINT_WARN, 1,
	    "RFC 8058 section 4",
	    "sign List-Unsubscribe and List-Unsubscribe-Post (DKIM h=)" },
	[C_UNSUB_DKIM_D] = { "dkim-misaligned", LINT_WARN, 1,
	    "RFC 7489 section 3.1.1",
	    "sign with d= your From domain (or its parent)" },
};

static const char *single_headers[] = {
	"bcc", "cc", "date", "from", "in-reply-to", "message-id",
	"references", "reply-to", "sender", "subject", "to",
	"mime-version", "content-type", "content-transfer-encoding",
	"list-unsubscribe", "list-unsubscribe-post",
};

static const char *risky_ext[] = {
	"ade", "adp", "apk", "app", "bat", "cab", "chm", "cmd", "com", "cpl",
	"dll", "docm", "exe", "hta", "inf", "ins", "isp", "jar", "js", "jse",
	"lib", "lnk", "mde", "msc", "msi", "msp", "mst", "pif", "ps1", "reg",
	"scr", "sct", "shb", "shs", "sys", "vb", "vbe", "vbs", "vxd", "wsc",
	"wsf", "wsh", "xlsm",
};

/*
 * The spam phrases, split by the first character a match can start with
 * (a letter or digit, caseless), and a list of its own for each phrase
 * that can start otherwise: PCRE2 then jumps straight to candidate
 * positions instead of trying every phrase at every byte.  Each list
 * keeps spam.txt's line numbers.
 */
#define NGROUPS	37
#define GROUP_OTHER	(NGROUPS - 1)

struct lint {
	struct phr		**spam;		/* letter lists, then one each */
	size_t			 nspam;
	unsigned long		 maxline;	/* last line of spam.txt */
	char			**shorteners;	/* sorted, lower case */
	size_t			 nshort;
	pcre2_code		*re_url;
	pcre2_code		*re_money;
	pcre2_code		*re_encword;
	pcre2_code		*re_msgid;
	pcre2_match_data	*md;
	/*
	 * Subjects are matched from a copy with zeroed slack after it:
	 * PCRE2's JIT may read a few bytes past the end (harmless, but
	 * memory checkers object).
	 */
	char			*pad;
	size_t			 padcap;
	const char		*padsrc;	/* what pad holds a copy of */
	size_t			 padlen;
};

#define PAD_SLACK	64

/* A text part as the checks see it. */
struct tpart {
	char		 path[32];
	bool		 html;
	int		 alt;		/* multipart/alternative group, or 0 */
	char		*text;		/* plain: decoded UTF-8; html: source */
	size_t		 len;
	struct html_doc	 doc;		/* html: scanned */
};

struct ctx {
	struct lint		*l;
	struct lint_result	*r;
	GMimeMessage		*msg;
	struct tpart		*parts;
	size_t			 nparts;
	size_t			 capparts;
	size_t			 nattach;
	int			 nalt;
	char			*from_domain;	/* lower case, or NULL */
	size_t			 body998;	/* raw body lines over 998 */
	unsigned long		 body998_line;
	size_t			 body998_max;
	size_t			 part998;	/* parts that reported some */
	int			 oom;
	struct derr		*e;
};

const struct lint_check *
lint_checks(size_t *n)
{
	*n = C_COUNT;
	return checks;
}

const char *
lint_sev_name(enum lint_sev s)
{
	switch (s) {
	case LINT_ERROR:
		return "error";
	case LINT_WARN:
		return "warn";
	default:
		return "info";
	}
}

int
lint_sev_parse(const char *s)
{
	if (strcmp(s, "info") == 0)
		return LINT_INFO;
	if (strcmp(s, "warn") == 0 || strcmp(s, "warning") == 0)
		return LINT_WARN;
	if (strcmp(s, "error") == 0)
		return LINT_ERROR;
	return -1;
}

void
lint_result_free(struct lint_result *r)
{
	size_t k;

	for (k = 0; k < r->n; k++) {
		free(r->f[k].where);
		free(r->f[k].detail);
	}
	free(r->f);
	memset(r, 0, sizeof(*r));
}

static void
result_reset(struct lint_result *r)
{
	size_t k;

	for (k = 0; k < r->n; k++) {
		free(r->f[k].where);
		free(r->f[k].detail);
	}
	r->n = 0;
	r->score = 0;
	r->error = false;
}

/* Add a finding with explicit severity and points. */
static void __attribute__((format(printf, 6, 7)))
add(struct ctx *c, int id, enum lint_sev sev, double pts, const char *where,
    const char *fmt, ...)
{
	struct lint_result *r = c->r;
	struct lint_finding *f;
	va_list ap;
	char *d;

	if (r->n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 16;
		void *p = reallocarray(r->f, ncap, sizeof(*r->f));

		if (p == NULL) {
			c->oom = 1;
			return;
		}
		r->f = p;
		r->cap = ncap;
	}
	va_start(ap, fmt);
	if (vasprintf(&d, fmt, ap) == -1)
		d = NULL;
	va_end(ap);
	f = &r->f[r->n];
	f->check = &checks[id];
	f->sev = sev;
	f->points = pts;
	f->where = where ? strdup(where) : NULL;
	f->detail = d;
	if (d == NULL || (where != NULL && f->where == NULL)) {
		free(f->where);
		free(d);
		c->oom = 1;
		return;
	}
	r->n++;
	r->score += pts;
	if (sev == LINT_ERROR)
		r->error = true;
}

/* Add a finding at the catalogue's severity and points. */
#define addc(c, id, where, ...) \
	add((c), (id), checks[id].sev, checks[id].points, (where), __VA_ARGS__)

/* --- loading ----------------------------------------------------------- */

static pcre2_code *
compile(const char *pat, uint32_t flags, struct derr *e)
{
	pcre2_code *re;
	int code;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    flags | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
	if (re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		derr_set(e, "lint", "pattern at %zu: %s", (size_t)off,
		    (char *)msg);
		return NULL;
	}
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
load_shorteners(struct lint *l, const char *path, struct derr *e)
{
	FILE *fp;
	char *line = NULL, *s;
	size_t cap = 0, ncap = 0;
	unsigned long lineno = 0;
	ssize_t n;

	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, fp)) != -1) {
		lineno++;
		s = str_trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		if (strspn(s, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != strlen(s)) {
			derr_set(e, path, "line %lu: not a domain", lineno);
			goto fail;
		}
		if (l->nshort == ncap) {
			size_t nc = ncap ? ncap * 2 : 256;
			void *p = reallocarray(l->shorteners, nc, sizeof(char *));

			if (p == NULL)
				goto oom;
			l->shorteners = p;
			ncap = nc;
		}
		if ((l->shorteners[l->nshort] = strdup(str_lower(s))) == NULL)
			goto oom;
		l->nshort++;
	}
	if (ferror(fp)) {
		derr_set(e, path, "%s", strerror(errno));
		goto fail;
	}
	free(line);
	fclose(fp);
	if (l->nshort > 0)
		qsort(l->shorteners, l->nshort, sizeof(char *), cmpstr);
	return 0;
oom:
	derr_set(e, path, "out of memory");
fail:
	free(line);
	fclose(fp);
	return -1;
}

/* The group of a phrase: 0-35 for [0-9a-z] it must start with, 36 else. */
static int
phrase_group(const char *ph)
{
	size_t n = strlen(ph), k;
	int depth = 0, cls = 0;
	const char *p;
	unsigned char c;

	if (n >= 3 && ph[0] == '/' && ph[n - 1] == '/') {
		/* A regex: no top-level "|", then \b* and one plain char. */
		for (k = 1; k + 1 < n; k++) {
			if (ph[k] == '\\') {
				k++;
				continue;
			}
			if (cls) {
				if (ph[k] == ']')
					cls = 0;
			} else if (ph[k] == '[')
				cls = 1;
			else if (ph[k] == '(')
				depth++;
			else if (ph[k] == ')')
				depth--;
			else if (ph[k] == '|' && depth == 0)
				return GROUP_OTHER;
		}
		p = ph + 1;
		if (strncmp(p, "(?-i)", 5) == 0)
			p += 5;
		while (strncmp(p, "\\b", 2) == 0)
			p += 2;
		/* "(?:x...)" with no "|" of its own starts with x too. */
		if (strncmp(p, "(?:", 3) == 0) {
			const char *q;

			depth = 0;
			cls = 0;
			for (q = p + 3; *q != '\0'; q++) {
				if (*q == '\\' && q[1] != '\0') {
					q++;
					continue;
				}
				if (cls) {
					if (*q == ']')
						cls = 0;
				} else if (*q == '[')
					cls = 1;
				else if (*q == '(')
					depth++;
				else if (*q == ')' && depth-- == 0)
					break;
				else if (*q == '|' && depth == 0)
					return GROUP_OTHER;
			}
			if (*q != ')' || q[1] == '?' || q[1] == '*' ||
			    q[1] == '{')
				return GROUP_OTHER;
			p += 3;
		}
		c = (unsigned char)*p;
		if (!isalnum(c) || p[1] == '?' || p[1] == '*' || p[1] == '{')
			return GROUP_OTHER;
	} else
		c = (unsigned char)*ph;
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return 10 + tolower(c) - 'a';
	return GROUP_OTHER;
}

/* Compile the lines of text whose group is g (or only line only). */
static int
load_group(struct lint *l, const char *text, int g, unsigned long only,
    struct derr *e)
{
	struct sbuf b = { 0 };
	const char *line, *next, *tab, *ph;
	unsigned long lineno = 0;
	size_t n;
	int used = 0;
	struct phr *p, **v;

	for (line = text; *line != '\0'; line = next) {
		char *one;
		int lg;

		lineno++;
		next = strchr(line, '\n');
		n = next ? (size_t)(next - line) : strlen(line);
		next = next ? next + 1 : line + n;
		if ((one = strndup(line, n)) == NULL)
			goto oom;
		tab = strchr(one, '\t');
		ph = tab ? tab + 1 : one;
		while (*ph == '\t' || *ph == ' ')
			ph++;
		lg = tab ? phrase_group(ph) : 0;
		if (one[strspn(one, " ")] != '#' && *one != '\0' &&
		    (only ? lineno == only : lg == g)) {
			if (sbuf_add(&b, one, n) == -1) {
				free(one);
				goto oom;
			}
			used = 1;
			if (lineno > l->maxline)
				l->maxline = lineno;
		}
		free(one);
		if (sbuf_addc(&b, '\n') == -1)
			goto oom;
	}
	if (!used) {
		sbuf_free(&b);
		return 0;
	}
	if ((v = reallocarray(l->spam, l->nspam + 1, sizeof(*v))) == NULL)
		goto oom;
	l->spam = v;
	if ((p = phr_load_mem(b.s, b.len, "spam.txt", e)) == NULL) {
		sbuf_free(&b);
		return -1;
	}
	l->spam[l->nspam++] = p;
	sbuf_free(&b);
	return 0;
oom:
	sbuf_free(&b);
	derr_set(e, "spam.txt", "out of memory");
	return -1;
}

static int
load_spam(struct lint *l, const char *path, struct derr *e)
{
	struct sbuf all = { 0 };
	char chunk[8192];
	const char *line, *next, *tab;
	unsigned long lineno = 0;
	size_t n;
	FILE *fp;
	int k, rc = -1;

	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (sbuf_add(&all, chunk, n) == -1)
			goto oom;
	if (ferror(fp)) {
		derr_set(e, path, "%s", strerror(errno));
		goto out;
	}
	if (sbuf_add(&all, "", 0) == -1)
		goto oom;
	for (k = 0; k < GROUP_OTHER; k++)
		if (load_group(l, all.s, k, 0, e) == -1)
			goto out;
	for (line = all.s; *line != '\0'; line = next) {
		lineno++;
		next = strchr(line, '\n');
		n = next ? (size_t)(next - line) : strlen(line);
		next = next ? next + 1 : line + n;
		if (line[strspn(line, " ")] == '#' || n == 0)
			continue;
		tab = memchr(line, '\t', n);
		if (tab != NULL) {
			char *ph = strndup(tab + 1, (size_t)(line + n - tab - 1));

			if (ph == NULL)
				goto oom;
			k = phrase_group(str_trim(ph));
			free(ph);
			if (k != GROUP_OTHER)
				continue;
		}
		if (load_group(l, all.s, 0, lineno, e) == -1)
			goto out;
	}
	rc = 0;
	goto out;
oom:
	derr_set(e, path, "out of memory");
out:
	fclose(fp);
	sbuf_free(&all);
	return rc;
}

struct lint *
lint_new(const char *dir, struct derr *e)
{
	struct lint *l;
	char path[4096];
	int n;

	if ((l = calloc(1, sizeof(*l))) == NULL) {
		derr_set(e, "lint", "out of memory");
		return NULL;
	}
	n = snprintf(path, sizeof(path), "%s/spam.txt", dir);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		derr_set(e, dir, "path too long");
		goto fail;
	}
	if (load_spam(l, path, e) == -1)
		goto fail;
	n = snprintf(path, sizeof(path), "%s/shorteners.txt", dir);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		derr_set(e, dir, "path too long");
		goto fail;
	}
	if (load_shorteners(l, path, e) == -1)
		goto fail;
	if ((l->re_url = compile("\\b(?:(?:https?|ftp)://|www\\.)"
	    "[^\\s<>\"'`{}|\\\\^\\[\\]]+", PCRE2_CASELESS, e)) == NULL ||
	    (l->re_money = compile("\\${3,}|[$\\x{a3}\\x{20ac}]\\s?\\d{1,3}"
	    "(?:,\\d{3})+(?:\\.\\d\\d)?|\\b\\d+(?:[.,]\\d+)?\\s?"
	    "(?:million|billion|thousand)\\s(?:dollars|usd|pounds|euros?)\\b|"
	    "[$\\x{a3}\\x{20ac}]\\s?\\d+(?:\\.\\d+)?\\s?(?:million|billion|k)\\b",
	    PCRE2_CASELESS, e)) == NULL ||
	    (l->re_encword = compile("=\\?([^?\\s]*)\\?([^?\\s]*)\\?([^?\\s]*)\\?=",
	    0, e)) == NULL ||
	    (l->re_msgid = compile("^\\s*<[^<>@\\s]+@([^<>@\\s]+)>\\s*$", 0,
	    e)) == NULL)
		goto fail;
	if ((l->md = pcre2_match_data_create(16, NULL)) == NULL) {
		derr_set(e, "lint", "out of memory");
		goto fail;
	}
	return l;
fail:
	lint_free(l);
	return NULL;
}

void
lint_free(struct lint *l)
{
	size_t k;

	if (l == NULL)
		return;
	for (k = 0; k < l->nspam; k++)
		phr_free(l->spam[k]);
	free(l->spam);
	for (k = 0; k < l->nshort; k++)
		free(l->shorteners[k]);
	free(l->shorteners);
	pcre2_code_free(l->re_url);
	pcre2_code_free(l->re_money);
	pcre2_code_free(l->re_encword);
	pcre2_code_free(l->re_msgid);
	pcre2_match_data_free(l->md);
	free(l->pad);
	free(l);
}

/* s[0..len) in a buffer with zeroed slack; NULL when out of memory. */
static const char *
padded(struct lint *l, const char *s, size_t len)
{
	if (l->pad != NULL && l->padsrc == s && l->padlen == len)
		return l->pad;
	if (len + PAD_SLACK > l->padcap) {
		size_t cap = len + PAD_SLACK + 4096;
		char *p = realloc(l->pad, cap);

		if (p == NULL)
			return NULL;
		l->pad = p;
		l->padcap = cap;
	}
	memcpy(l->pad, s, len);
	memset(l->pad + len, 0, PAD_SLACK);
	l->padsrc = s;
	l->padlen = len;
	return l->pad;
}

/* Forget the copy (its source is about to be freed). */
static void
unpad(struct lint *l)
{
	l->padsrc = NULL;
	l->padlen = 0;
}

/*
 * Match re against s[0..len) from start.  1 and ovector set, 0 no match,
 * -1 error (c->e filled).
 */
static int
match(struct ctx *c, pcre2_code *re, const char *s, size_t len, size_t start)
{
	int rc;

	if (start > len)
		return 0;
	if ((s = padded(c->l, s, len)) == NULL) {
		derr_set(c->e, "lint", "out of memory");
		c->oom = 1;
		return -1;
	}
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, start, 0, c->l->md, NULL);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(rc, msg, sizeof(msg));
		derr_set(c->e, "lint", "match: %s", (char *)msg);
		c->oom = 2;
		return -1;
	}
	return 1;
}

static PCRE2_SIZE *
ov(struct ctx *c)
{
	return pcre2_get_ovector_pointer(c->l->md);
}

/* --- helpers ----------------------------------------------------------- */

static bool
has_8bit(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/*
 * The organisational domain of host, approximately: the last two labels,
 * or three under a two-letter country code's generic second level
 * (co.uk, com.au).  Points into host.
 */
static const char *
org_domain(const char *host)
{
	static const char *sld[] = {
		"ac", "co", "com", "edu", "gov", "ltd", "ne", "net", "or",
		"org", "plc",
	};
	const char *dots[3] = { NULL, NULL, NULL };
	const char *p;
	size_t n = 0, k, tld, sl;

	for (p = host + strlen(host); p > host; p--)
		if (p[-1] == '.') {
			if (n < 3)
				dots[n++] = p;
			else
				break;
		}
	if (n < 2)
		return host;
	tld = strlen(dots[0]);
	sl = (size_t)(dots[0] - dots[1] - 1);
	if (tld == 2 && n >= 2) {
		for (k = 0; k < nitems(sld); k++)
			if (strlen(sld[k]) == sl &&
			    strncasecmp(dots[1], sld[k], sl) == 0)
				return n >= 3 ? dots[2] : host;
	}
	return dots[1];
}

static bool
same_org(const char *a, const char *b)
{
	return strcasecmp(org_domain(a), org_domain(b)) == 0;
}

static bool
host_is_ip(const char *h)
{
	size_t k;

	if (*h == '[' || strchr(h, ':') != NULL)
		return true;
	if (g_hostname_is_ip_address(h))
		return true;
	/* Dotless decimal or hex hosts ("3627734385", "0xd8.0x3a..."). */
	for (k = 0; h[k] != '\0'; k++)
		if (!isdigit((unsigned char)h[k]) && h[k] != '.' &&
		    h[k] != 'x' && h[k] != 'X' &&
		    !(isxdigit((unsigned char)h[k]) && strstr(h, "0x")))
			return false;
	return k > 0;
}

static bool
is_shortener(struct lint *l, const char *host)
{
	const char *p;
	char buf[300];
	const char *key;

	key = host;
	if (l->nshort == 0)
		return false;
	if (bsearch(&key, l->shorteners, l->nshort, sizeof(char *), cmpstr))
		return true;
	for (p = host; (p = strchr(p, '.')) != NULL; p++) {
		if (snprintf(buf, sizeof(buf), "%s", p) >= (int)sizeof(buf))
			return false;
		key = buf;
		if (bsearch(&key, l->shorteners, l->nshort, sizeof(char *),
		    cmpstr))
			return true;
		/* ".domain" also means the domain itself. */
	}
	if (snprintf(buf, sizeof(buf), ".%s", host) < (int)sizeof(buf)) {
		key = buf;
		if (bsearch(&key, l->shorteners, l->nshort, sizeof(char *),
		    cmpstr))
			return true;
	}
	return false;
}

static unsigned long
line_of(const char *s, size_t off)
{
	unsigned long n = 1;
	const char *p = s, *e = s + off;

	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* --- line lengths -------------------------------------------------------- */

/*
 * Lines of the message as sent.  Over 998 octets in the header is
 * reported here; in the body, the parts report it with their own line
 * (walk()), and this only when no part did (a preamble, an unparsed
 * message).
 */
static void
check_raw_lines(struct ctx *c, const char *raw, size_t len)
{
	size_t i = 0, over78 = 0, hmax = 0, hover = 0;
	unsigned long line = 0, first78 = 0, hfirst = 0;
	bool header = true;
	char where[64];

	while (i < len) {
		const char *nl = memchr(raw + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - raw) : len;
		size_t n = e - i;

		line++;
		if (n > 0 && raw[e - 1] == '\r')
			n--;
		if (header && n == 0)
			header = false;
		if (n > LINE_MAX_SMTP) {
			if (header) {
				if (hover++ == 0)
					hfirst = line;
				if (n > hmax)
					hmax = n;
			} else {
				if (c->body998++ == 0)
					c->body998_line = line;
				if (n > c->body998_max)
					c->body998_max = n;
			}
		} else if (n > LINE_MAX_SOFT) {
			if (over78++ == 0)
				first78 = line;
		}
		i = e + 1;
	}
	if (hover > 0) {
		snprintf(where, sizeof(where), "line %lu", hfirst);
		addc(c, C_LINE_998, where,
		    "%zu header line%s over 998 octets, longest %zu", hover,
		    hover == 1 ? "" : "s", hmax);
	}
	if (over78 > 0) {
		snprintf(where, sizeof(where), "line %lu", first78);
		addc(c, C_LINE_78, where, "%zu line%s over 78 characters",
		    over78, over78 == 1 ? "" : "s");
	}
}

/* The body's long lines when no part has reported them. */
static void
check_raw_body(struct ctx *c)
{
	char where[64];

	if (c->body998 == 0 || c->part998 > 0)
		return;
	snprintf(where, sizeof(where), "line %lu", c->body998_line);
	addc(c, C_LINE_998, where, "%zu line%s over 998 octets, longest %zu",
	    c->body998, c->body998 == 1 ? "" : "s", c->body998_max);
}

/* The longest line of the encoded content of part. */
static size_t
encoded_max_line(GMimePart *part, unsigned long *line)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *src, *mem;
	GByteArray *ba;
	size_t i = 0, max = 0;
	unsigned long n = 0;

	*line = 0;
	if (w == NULL || (src = g_mime_data_wrapper_get_stream(w)) == NULL)
		return 0;
	mem = g_mime_stream_mem_new();
	g_mime_stream_reset(src);
	if (g_mime_stream_write_to_stream(src, mem) == -1) {
		g_object_unref(mem);
		return 0;
	}
	g_mime_stream_reset(src);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	while (i < ba->len) {
		const guint8 *nl = memchr(ba->data + i, '\n', ba->len - i);
		size_t e = nl ? (size_t)(nl - ba->data) : ba->len;
		size_t k = e - i;

		n++;
		if (k > 0 && ba->data[e - 1] == '\r')
			k--;
		if (k > max) {
			max = k;
			*line = n;
		}
		i = e + 1;
	}
	g_object_unref(mem);
	return max;
}

/* --- headers ------------------------------------------------------------- */

static GMimeHeader *
header(GMimeObject *o, const char *name, int *count)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	GMimeHeader *first = NULL;
	int k, n = g_mime_header_list_get_count(hl);

	*count = 0;
	for (k = 0; k < n; k++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, k);

		if (strcasecmp(g_mime_header_get_name(h), name) == 0) {
			if (first == NULL)
				first = h;
			(*count)++;
		}
	}
	return first;
}

/*
 * GMime keeps the Content-* headers of the message with its top MIME
 * part: look in both lists.
 */
static GMimeHeader *
mheader(GMimeMessage *m, const char *name, int *count)
{
	GMimeObject *top = g_mime_message_get_mime_part(m);
	GMimeHeader *h;
	int n = 0;

	h = header(GMIME_OBJECT(m), name, count);
	if (top != NULL) {
		GMimeHeader *h2 = header(top, name, &n);

		if (h == NULL)
			h = h2;
		*count += n;
	}
	return h;
}

static const char *
raw_value(GMimeHeader *h)
{
	const char *v = h ? g_mime_header_get_raw_value(h) : NULL;

	return v ? v : "";
}

static bool
domain_is_real(const char *d)
{
	static const char *fake[] = {
		".example", ".home", ".internal", ".invalid", ".lan", ".local",
		".localdomain", ".localhost", ".test",
	};
	size_t k;

	if (*d == '[' || strchr(d, '.') == NULL)
		return false;
	if (strcasecmp(d, "localhost") == 0 || host_is_ip(d))
		return false;
	for (k = 0; k < nitems(fake); k++)
		if (str_iendswith(d, fake[k]))
			return false;
	for (; *d != '\0'; d++)
		if (!isalnum((unsigned char)*d) && *d != '.' && *d != '-')
			return false;
	return true;
}

static void
check_encwords(struct ctx *c, const char *raw, const char *where)
{
	size_t start = 0, len = strlen(raw);
	int bad = 0;
	char why[160] = "";

	while (match(c, c->l->re_encword, raw, len, start) == 1) {
		PCRE2_SIZE *o = ov(c);
		char cs[64], enc;
		size_t csl = o[3] - o[2], tl = o[7] - o[6];
		const char *t = raw + o[6];
		iconv_t cd;

		start = o[1];
		if (o[1] - o[0] > 75 && bad == 0)
			snprintf(why, sizeof(why),
			    "encoded-word of %zu characters (limit 75)",
			    (size_t)(o[1] - o[0]));
		if (o[5] - o[4] != 1 || (toupper((unsigned char)raw[o[4]]) != 'B' &&
		    toupper((unsigned char)raw[o[4]]) != 'Q')) {
			snprintf(why, sizeof(why), "unknown encoding \"%.*s\"",
			    (int)(o[5] - o[4] > 8 ? 8 : o[5] - o[4]), raw + o[4]);
			bad++;
			continue;
		}
		enc = (char)toupper((unsigned char)raw[o[4]]);
		if (csl == 0 || csl >= sizeof(cs)) {
			snprintf(why, sizeof(why), "missing or bad charset");
			bad++;
			continue;
		}
		memcpy(cs, raw + o[2], csl);
		cs[csl] = '\0';
		if (strchr(cs, '*') != NULL)
			*strchr(cs, '*') = '\0';	/* RFC 2231 language */
		cd = g_mime_iconv_open("UTF-8", cs);
		if (cd == (iconv_t)-1) {
			snprintf(why, sizeof(why), "unknown charset \"%s\"", cs);
			bad++;
			continue;
		}
		g_mime_iconv_close(cd);
		if (enc == 'B') {
			size_t k;

			for (k = 0; k < tl; k++)
				if (!isalnum((unsigned char)t[k]) && t[k] != '+' &&
				    t[k] != '/' && t[k] != '=')
					break;
			if (k < tl || tl % 4 != 0) {
				snprintf(why, sizeof(why), "bad base64 in "
				    "encoded-word");
				bad++;
			}
		} else {
			size_t k;

			for (k = 0; k < tl; k++)
				if (t[k] == '=' && (k + 2 >= tl + 0 + 1 ||
				    !isxdigit((unsigned char)t[k + 1]) ||
				    !isxdigit((unsigned char)t[k + 2])))
					break;
			if (k < tl) {
				snprintf(why, sizeof(why), "bad =XX in Q "
				    "encoded-word");
				bad++;
			}
		}
	}
	if (bad > 0 || why[0] != '\0')
		addc(c, C_SUBJECT_ENCODING, where, "%s", why);
}

static void
check_headers(struct ctx *c)
{
	GMimeObject *o = GMIME_OBJECT(c->msg);
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	GMimeHeader *h;
	int n, k, cnt;
	size_t j;
	struct sbuf b8 = { 0 };
	const char *v;

	/* Date */
	h = header(o, "Date", &cnt);
	if (h == NULL)
		addc(c, C_DATE_MISSING, "header Date", "no Date header");
	else {
		time_t t;
		char *s = strdup(raw_value(h));

		if (s == NULL) {
			c->oom = 1;
			return;
		}
		if (time_parse_rfc5322(str_trim(s), &t) == -1)
			addc(c, C_DATE_INVALID, "header Date",
			    "unparseable date \"%.60s\"", str_trim(s));
		free(s);
	}

	/* Message-ID */
	h = header(o, "Message-ID", &cnt);
	if (h == NULL)
		addc(c, C_MSGID_MISSING, "header Message-ID", "no Message-ID");
	else {
		v = raw_value(h);
		if (match(c, c->l->re_msgid, v, strlen(v), 0) != 1)
			addc(c, C_MSGID_SYNTAX, "header Message-ID",
			    "not <left@right>: \"%.60s\"", v);
		else {
			PCRE2_SIZE *ovp = ov(c);
			char *d = strndup(v + ovp[2], ovp[3] - ovp[2]);

			if (d == NULL) {
				c->oom = 1;
				return;
			}
			if (!domain_is_real(d))
				addc(c, C_MSGID_DOMAIN, "header Message-ID",
				    "\"%.60s\" is not a public domain name", d);
			free(d);
		}
	}

	/* From */
	h = header(o, "From", &cnt);
	if (h == NULL)
		addc(c, C_FROM_MISSING, "header From", "no From header");
	else {
		InternetAddressList *al = g_mime_message_get_from(c->msg);
		int nm = al ? internet_address_list_length(al) : 0;
		int good = 0;

		for (k = 0; k < nm; k++) {
			InternetAddress *ia = internet_address_list_get_address(al, k);
			const char *a, *at;

			if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
				continue;
			a = internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(ia));
			if (a == NULL || (at = strrchr(a, '@')) == NULL ||
			    at == a || !domain_is_real(at + 1) ||
			    strpbrk(a, " \t<>,;") != NULL)
				continue;
			if (good++ == 0 && c->from_domain == NULL &&
			    (c->from_domain = strdup(at + 1)) != NULL)
				str_lower(c->from_domain);
		}
		if (good == 0)
			addc(c, C_FROM_SYNTAX, "header From",
			    "no valid mailbox in \"%.80s\"", raw_value(h));
		else if (nm > 1)
			addc(c, C_FROM_MULTIPLE, "header From",
			    "%d addresses", nm);
	}

	/* MIME-Version */
	h = header(o, "MIME-Version", &cnt);
	if (h == NULL) {
		int a, b;

		GMimeObject *top = g_mime_message_get_mime_part(c->msg);
		GMimeContentType *ct = top ? g_mime_object_get_content_type(top) :
		    NULL;
		bool mime = top != NULL && (GMIME_IS_MULTIPART(top) ||
		    (ct != NULL && !g_mime_content_type_is_type(ct, "text",
		    "plain")) || (GMIME_IS_PART(top) &&
		    (g_mime_part_get_content_encoding(GMIME_PART(top)) ==
		    GMIME_CONTENT_ENCODING_BASE64 ||
		    g_mime_part_get_content_encoding(GMIME_PART(top)) ==
		    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE)));

		/* Plain text with a charset is harmless; real MIME is not. */
		if (mime)
			addc(c, C_MIME_VERSION, "header MIME-Version",
			    "MIME body without MIME-Version");
		else if (mheader(c->msg, "Content-Type", &a) != NULL ||
		    mheader(c->msg, "Content-Transfer-Encoding", &b) != NULL)
			add(c, C_MIME_VERSION, LINT_INFO, 0,
			    "header MIME-Version",
			    "MIME headers without MIME-Version");
	}

	/* Subject */
	h = header(o, "Subject", &cnt);
	if (h == NULL)
		addc(c, C_SUBJECT_MISSING, "header Subject", "no Subject");
	else {
		char *s = strdup(raw_value(h));

		if (s == NULL) {
			c->oom = 1;
			return;
		}
		if (*str_trim(s) == '\0')
			addc(c, C_SUBJECT_MISSING, "header Subject",
			    "empty Subject");
		free(s);
		check_encwords(c, raw_value(h), "header Subject");
	}

	/* Duplicates and 8-bit bytes. */
	for (j = 0; j < nitems(single_headers); j++) {
		if (mheader(c->msg, single_headers[j], &cnt) != NULL && cnt > 1)
			addc(c, C_HEADER_DUP, single_headers[j],
			    "%d %s headers", cnt, single_headers[j]);
	}
	for (j = 0; j < 2; j++) {
		GMimeObject *top = g_mime_message_get_mime_part(c->msg);

		if (j == 1) {
			if (top == NULL)
				break;
			hl = g_mime_object_get_header_list(top);
		}
		n = g_mime_header_list_get_count(hl);
		for (k = 0; k < n; k++) {
			h = g_mime_header_list_get_header_at(hl, k);
			if (has_8bit(raw_value(h)) ||
			    has_8bit(g_mime_header_get_name(h))) {
				if (b8.len > 0)
					sbuf_adds(&b8, ", ");
				if (sbuf_adds(&b8, g_mime_header_get_name(h)) == -1)
					c->oom = 1;
			}
		}
	}
	if (b8.len > 0)
		addc(c, C_HEADER_8BIT, "headers", "unencoded 8-bit bytes in %s",
		    b8.s);
	sbuf_free(&b8);
}

/* --- MIME structure ------------------------------------------------------ */

static char *
part_bytes(GMimePart *part, size_t *len)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *mem;
	GByteArray *ba;
	char *s;

	*len = 0;
	if (w == NULL)
		return strdup("");
	mem = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(w, mem) == -1) {
		g_object_unref(mem);
		return strdup("");
	}
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	if ((s = malloc(ba->len + 1)) != NULL) {
		memcpy(s, ba->data, ba->len);
		s[ba->len] = '\0';
		*len = ba->len;
	}
	g_object_unref(mem);
	return s;
}

static void
walk(struct ctx *c, GMimeObject *obj, const char *path, int alt)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);

	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int k, n = g_mime_multipart_get_count(mp);
		int myalt = alt;

		if (ct != NULL && g_mime_content_type_is_type(ct, "multipart",
		    "alternative"))
			myalt = ++c->nalt;
		for (k = 0; k < n && !c->oom; k++) {
			char sub[32];

			snprintf(sub, sizeof(sub), "%s%s%d", path,
			    *path ? "." : "", k + 1);
			walk(c, g_mime_multipart_get_part(mp, k), sub, myalt);
		}
		return;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		c->nattach++;
		return;
	}
	if (GMIME_IS_PART(obj)) {
		GMimePart *part = GMIME_PART(obj);
		GMimeContentEncoding enc = g_mime_part_get_content_encoding(part);
		GMimeContentDisposition *cd = g_mime_object_get_content_disposition(obj);
		const char *fn = g_mime_part_get_filename(part);
		bool attach = (cd != NULL &&
		    g_mime_content_disposition_is_attachment(cd)) || fn != NULL;
		bool plain = ct == NULL ||
		    g_mime_content_type_is_type(ct, "text", "plain");
		bool html = ct != NULL &&
		    g_mime_content_type_is_type(ct, "text", "html");
		const char *where = *path ? path : "1";
		unsigned long line;
		size_t max;

		if (c->body998 > 0 && enc != GMIME_CONTENT_ENCODING_BASE64 &&
		    enc != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE) {
			/* Sent as it is: its own lines must fit. */
			max = encoded_max_line(part, &line);
			if (max > LINE_MAX_SMTP) {
				char w[64];

				snprintf(w, sizeof(w), "part %s line %lu",
				    where, line);
				addc(c, C_LINE_998, w, "line of %zu octets in a "
				    "part sent as %s", max,
				    enc == GMIME_CONTENT_ENCODING_DEFAULT ?
				    "7bit" : g_mime_content_encoding_to_string(enc));
				c->part998++;
			}
		}
		if (enc == GMIME_CONTENT_ENCODING_BASE64 ||
		    enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE) {
			max = encoded_max_line(part, &line);
			if (max > LINE_MAX_ENC) {
				char w[64];

				snprintf(w, sizeof(w), "part %s line %lu",
				    where, line);
				addc(c, enc == GMIME_CONTENT_ENCODING_BASE64 ?
				    C_B64_LINE : C_QP_LINE, w,
				    "encoded line of %zu characters (limit 76)",
				    max);
			}
		}
		if (fn != NULL) {
			const char *dot = strrchr(fn, '.');
			size_t k;

			for (k = 0; dot != NULL && k < nitems(risky_ext); k++)
				if (strcasecmp(dot + 1, risky_ext[k]) == 0) {
					char w[64];

					snprintf(w, sizeof(w), "part %s", where);
					addc(c, C_ATTACH_RISKY, w,
					    "attachment \"%.80s\"", fn);
					break;
				}
		}
		if (attach || (!plain && !html)) {
			c->nattach++;
			return;
		}
		if (c->nparts == c->capparts) {
			size_t ncap = c->capparts ? c->capparts * 2 : 8;
			void *p = reallocarray(c->parts, ncap, sizeof(*c->parts));

			if (p == NULL) {
				c->oom = 1;
				return;
			}
			c->parts = p;
			c->capparts = ncap;
		}
		{
			struct tpart *tp = &c->parts[c->nparts];

			memset(tp, 0, sizeof(*tp));
			snprintf(tp->path, sizeof(tp->path), "%s", where);
			tp->html = html;
			tp->alt = alt;
			if (GMIME_IS_TEXT_PART(obj))
				tp->text = g_mime_text_part_get_text(
				    GMIME_TEXT_PART(obj));
			if (tp->text != NULL) {
				char *t = strdup(tp->text);

				g_free(tp->text);
				tp->text = t;
			} else
				tp->text = part_bytes(part, &tp->len);
			if (tp->text == NULL) {
				c->oom = 1;
				return;
			}
			tp->len = strlen(tp->text);
			if (html && html_scan(tp->text, tp->len, &tp->doc) == -1) {
				free(tp->text);
				c->oom = 1;
				return;
			}
			c->nparts++;
		}
	}
}

static bool
blank(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (!isspace((unsigned char)s[k]))
			return false;
	return true;
}

/* Text the reader sees in a part. */
static const char *
vis(const struct tpart *p, size_t *len)
{
	if (p->html) {
		*len = p->doc.text.len;
		return p->doc.text.s ? p->doc.text.s : "";
	}
	*len = p->len;
	return p->text;
}

/* Lower-case ASCII words of 4+ letters into a hash set. */
static GHashTable *
word_set(const char *s, size_t n)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	size_t i = 0;

	while (i < n) {
		size_t j = i;

		while (j < n && isalpha((unsigned char)s[j]))
			j++;
		if (j - i >= 4 && j - i < 40) {
			char *w = g_ascii_strdown(s + i, (gssize)(j - i));

			g_hash_table_add(h, w);
		}
		i = j == i ? i + 1 : j;
	}
	return h;
}

static double
overlap(GHashTable *a, GHashTable *b)
{
	GHashTableIter it;
	gpointer k;
	guint in = 0, n = g_hash_table_size(a);

	if (n == 0)
		return 1;
	g_hash_table_iter_init(&it, a);
	while (g_hash_table_iter_next(&it, &k, NULL))
		if (g_hash_table_contains(b, k))
			in++;
	return (double)in / n;
}

static size_t
nonspace(const char *s, size_t n)
{
	size_t k, m = 0;

	for (k = 0; k < n; k++)
		if (!isspace((unsigned char)s[k]))
			m++;
	return m;
}

static void
check_structure(struct ctx *c)
{
	size_t k, j, nplain = 0, nhtml = 0;
	bool any = false;
	char w[96];

	for (k = 0; k < c->nparts; k++) {
		struct tpart *p = &c->parts[k];
		size_t vl;
		const char *v = vis(p, &vl);

		if (p->html)
			nhtml++;
		else
			nplain++;
		if (!blank(v, vl))
			any = true;
	}
	if (!any && c->nattach == 0)
		addc(c, C_BODY_EMPTY, "body", "no text in the body");
	if (nhtml > 0 && nplain == 0)
		addc(c, C_HTML_ONLY, "body", "%zu HTML part%s, no text/plain",
		    nhtml, nhtml == 1 ? "" : "s");
	for (k = 0; k < c->nparts; k++) {
		struct tpart *p = &c->parts[k];
		size_t vl, text;
		unsigned d;
		size_t imgs = 0;

		if (!p->html)
			continue;
		vis(p, &vl);
		snprintf(w, sizeof(w), "part %s", p->path);
		if (p->len > GMAIL_CLIP)
			addc(c, C_HTML_CLIPPED, w,
			    "%zu bytes of HTML (Gmail clips at 102 KB)", p->len);
		for (j = 0; j < p->doc.nlinks; j++)
			if (p->doc.links[j].kind == HTML_IMG &&
			    !(p->doc.links[j].width >= 0 &&
			    p->doc.links[j].width <= 1 &&
			    p->doc.links[j].height >= 0 &&
			    p->doc.links[j].height <= 1))
				imgs++;
		text = nonspace(p->doc.text.s ? p->doc.text.s : "", vl);
		if (imgs > 0 && text < 400)
			add(c, C_IMAGE_HEAVY, LINT_WARN, 1.5, w,
			    "%zu image%s and %zu characters of text", imgs,
			    imgs == 1 ? "" : "s", text);
		else if (imgs > 0 && text < 1000 && imgs * 200 > text)
			add(c, C_IMAGE_HEAVY, LINT_WARN, 0.8, w,
			    "%zu image%s and %zu characters of text", imgs,
			    imgs == 1 ? "" : "s", text);
		if ((d = p->doc.danger) != 0) {
			static const char *names[] = { "script", "iframe",
			    "form", "object/embed", "on* handler",
			    "javascript: URL" };
			struct sbuf b = { 0 };
			unsigned long first = 0;
			int bit;

			for (bit = 0; bit < 6; bit++)
				if (d & (1u << bit)) {
					if (b.len > 0)
						sbuf_adds(&b, ", ");
					sbuf_adds(&b, names[bit]);
					if (first == 0 ||
					    p->doc.danger_line[bit] < first)
						first = p->doc.danger_line[bit];
				}
			snprintf(w, sizeof(w), "part %s line %lu", p->path, first);
			addc(c, C_HTML_DANGEROUS, w, "%s", b.s ? b.s : "");
			sbuf_free(&b);
		}
	}
	/* text/plain and text/html alternatives that disagree. */
	for (k = 0; k < c->nparts; k++) {
		struct tpart *p = &c->parts[k], *q = NULL;
		GHashTable *a, *b;
		double o1, o2;

		if (p->html || p->alt == 0)
			continue;
		for (j = 0; j < c->nparts; j++)
			if (c->parts[j].html && c->parts[j].alt == p->alt) {
				q = &c->parts[j];
				break;
			}
		if (q == NULL)
			continue;
		a = word_set(p->text, p->len);
		b = word_set(q->doc.text.s ? q->doc.text.s : "", q->doc.text.len);
		if (g_hash_table_size(a) + g_hash_table_size(b) >= 20) {
			o1 = overlap(a, b);
			o2 = overlap(b, a);
			if (o1 < 0.5 || o2 < 0.5) {
				snprintf(w, sizeof(w), "parts %s, %s", p->path,
				    q->path);
				addc(c, C_TEXT_HTML_DIFFER, w,
				    "%.0f%% of the text words are in the HTML, "
				    "%.0f%% of the HTML words in the text",
				    o1 * 100, o2 * 100);
			}
		}
		g_hash_table_destroy(a);
		g_hash_table_destroy(b);
		break;
	}
}

/* --- content ------------------------------------------------------------- */

/* ALL-CAPS words of 3+ letters among all words of 3+ letters. */
static void
caps_count(const char *s, size_t n, size_t *words, size_t *caps)
{
	const char *p = s, *e = s + n;

	*words = *caps = 0;
	while (p < e) {
		gunichar u;
		size_t letters = 0;
		bool allup = true;

		/* ASCII fast path: a whole ASCII word at once. */
		if ((unsigned char)*p < 0x80) {
			const char *q = p;

			if (!isalpha((unsigned char)*p)) {
				p++;
				continue;
			}
			while (q < e && isalpha((unsigned char)*q)) {
				if (!isupper((unsigned char)*q))
					allup = false;
				q++;
			}
			if (q == e || (unsigned char)*q < 0x80) {
				if (q - p >= 3) {
					(*words)++;
					if (allup)
						(*caps)++;
				}
				p = q;
				continue;
			}
			allup = true;	/* a non-ASCII letter may follow */
		}
		u = g_utf8_get_char_validated(p, e - p);

		if (u == (gunichar)-1 || u == (gunichar)-2) {
			p++;
			continue;
		}
		if (!g_unichar_isalpha(u)) {
			p = g_utf8_next_char(p);
			continue;
		}
		while (p < e) {
			u = g_utf8_get_char_validated(p, e - p);
			if (u == (gunichar)-1 || u == (gunichar)-2 ||
			    !g_unichar_isalpha(u))
				break;
			letters++;
			if (!g_unichar_isupper(u))
				allup = false;
			p = g_utf8_next_char(p);
		}
		if (letters >= 3) {
			(*words)++;
			if (allup)
				(*caps)++;
		}
	}
}

static size_t
count_char(const char *s, size_t n, char ch)
{
	size_t k, m = 0;

	for (k = 0; k < n; k++)
		if (s[k] == ch)
			m++;
	return m;
}

/* Phrase hits in one text: each phrase once per message (seen[line]). */
static void
phrases_in(struct ctx *c, const char *s, size_t n, const char *part,
    const struct tpart *tp, unsigned char *seen, size_t nseen)
{
	struct phr_hit hit;
	const char *ps;
	size_t start, k, nspan = 0, capspan = 0;
	int rc = 0;
	size_t g;
	char w[96];
	struct { size_t start, end; } *span = NULL;

	if ((ps = padded(c->l, s, n)) == NULL) {
		c->oom = 1;
		return;
	}
	for (g = 0; g < c->l->nspam; g++) {
	start = 0;
	while (start < n &&
	    (rc = phr_match(c->l->spam[g], ps, n, start, &hit, c->e)) == 1) {
		double wt = strtod(hit.tag, NULL);
		unsigned long line;

		start = hit.end > hit.start ? hit.end : hit.start + 1;
		/* Text another phrase already matched counts once. */
		for (k = 0; k < nspan; k++)
			if (hit.start < span[k].end && span[k].start < hit.end)
				break;
		if (k < nspan)
			continue;
		if (hit.line < nseen) {
			if (seen[hit.line])
				continue;
			seen[hit.line] = 1;
		}
		if (nspan == capspan) {
			size_t nc = capspan ? capspan * 2 : 16;
			void *p = reallocarray(span, nc, sizeof(*span));

			if (p == NULL) {
				c->oom = 1;
				break;
			}
			span = p;
			capspan = nc;
		}
		span[nspan].start = hit.start;
		span[nspan++].end = hit.end;
		if (tp == NULL)
			snprintf(w, sizeof(w), "%s", part);
		else {
			line = tp->html ? html_line(&tp->doc, hit.start) :
			    line_of(s, hit.start);
			snprintf(w, sizeof(w), "part %s %s line %lu", tp->path,
			    part, line);
		}
		add(c, C_SPAM_PHRASE, LINT_INFO, wt, w,
		    "\"%.*s\" matches \"%.60s%s\" (spam.txt:%lu, weight %s)",
		    (int)(hit.end - hit.start > 80 ? 80 : hit.end - hit.start),
		    s + hit.start, hit.phrase, strlen(hit.phrase) > 60 ? "..." :
		    "", hit.line, hit.tag);
		if (c->oom)
			break;
	}
	if (rc == -1)
		c->oom = 2;
	if (c->oom)
		break;
	}
	free(span);
}

static void
check_content(struct ctx *c)
{
	const char *subj = g_mime_message_get_subject(c->msg);
	size_t sl = subj ? strlen(subj) : 0, k, words, caps, n;
	struct sbuf body = { 0 };
	size_t nseen = c->l->maxline + 1;
	unsigned char *seen;
	size_t money = 0, start, first;
	double pts;
	bool have_plain = false;

	for (k = 0; k < c->nparts; k++)
		if (!c->parts[k].html)
			have_plain = true;
	for (k = 0; k < c->nparts; k++) {
		size_t vl;
		const char *v;

		if (c->parts[k].html && have_plain)
			continue;
		v = vis(&c->parts[k], &vl);
		if (sbuf_add(&body, v, vl) == -1 || sbuf_addc(&body, '\n') == -1)
			c->oom = 1;
	}
	if (c->oom) {
		sbuf_free(&body);
		return;
	}
	if (subj != NULL) {
		/* List tags ("[ILUG]") and Re:/Fwd: are not the sender's. */
		struct sbuf st = { 0 };
		int depth = 0;

		for (k = 0; k < sl; k++) {
			if (subj[k] == '[')
				depth++;
			else if (subj[k] == ']' && depth > 0)
				depth--;
			else if (depth == 0 && sbuf_addc(&st, subj[k]) == -1)
				c->oom = 1;
		}
		caps_count(st.s ? st.s : "", st.len, &words, &caps);
		if (st.s != NULL && strncasecmp(str_trim(st.s), "fwd:", 4) == 0 &&
		    caps > 0 && words > 0) {
			/* "FWD:" counted as a word in capitals: drop it. */
			const char *t = str_trim(st.s);

			if (isupper((unsigned char)t[0]) &&
			    isupper((unsigned char)t[1]) &&
			    isupper((unsigned char)t[2]) && t[3] == ':') {
				words--;
				caps--;
			}
		}
		sbuf_free(&st);
		if (words >= 2 && caps * 2 >= words)
			add(c, C_CAPS_SUBJECT, LINT_WARN,
			    caps == words ? 1.5 : 1.0, "header Subject",
			    "%zu of %zu words in capitals", caps, words);
		n = count_char(subj, sl, '!');
		if (n >= 2)
			add(c, C_EXCL_SUBJECT, LINT_WARN, n >= 3 ? 1.5 : 1.0,
			    "header Subject", "%zu exclamation marks", n);
		else if (n == 1)
			add(c, C_EXCL_SUBJECT, LINT_INFO, 0.5, "header Subject",
			    "1 exclamation mark");
	}
	caps_count(body.s ? body.s : "", body.len, &words, &caps);
	if (words >= 20 && caps * 100 >= words * 25)
		add(c, C_CAPS_BODY, LINT_WARN, caps * 100 >= words * 50 ? 2 : 1,
		    "body", "%zu of %zu words in capitals (%.0f%%)", caps, words,
		    100.0 * caps / words);
	else if (words >= 20 && caps * 100 >= words * 10)
		add(c, C_CAPS_BODY, LINT_INFO, 0.7, "body",
		    "%zu of %zu words in capitals (%.0f%%)", caps, words,
		    100.0 * caps / words);
	n = count_char(body.s ? body.s : "", body.len, '!');
	if (n >= 10 || (n >= 4 && n * 100 > words))
		add(c, C_EXCL_BODY, LINT_WARN, n >= 10 ? 1.5 : 1.0, "body",
		    "%zu exclamation marks in %zu words", n, words);
	else if (n >= 3)
		add(c, C_EXCL_BODY, LINT_INFO, 0.3, "body",
		    "%zu exclamation marks in %zu words", n, words);
	for (start = 0; subj != NULL &&
	    match(c, c->l->re_money, subj, sl, start) == 1; start = ov(c)[1])
		money++;
	for (start = 0; body.s != NULL &&
	    match(c, c->l->re_money, body.s, body.len, start) == 1;
	    start = ov(c)[1])
		money++;
	if (money > 0)
		add(c, C_MONEY, money >= 3 ? LINT_WARN : LINT_INFO,
		    money >= 3 ? 1 : 0.5, "body",
		    "sums of money or $$$ (%zu)", money);
	sbuf_free(&body);
	unpad(c->l);

	if ((seen = calloc(nseen, 1)) == NULL) {
		c->oom = 1;
		return;
	}
	first = c->r->n;
	if (subj != NULL)
		phrases_in(c, subj, sl, "header Subject", NULL, seen, nseen);
	for (k = 0; k < c->nparts && !c->oom; k++) {
		size_t vl, j;
		const char *v = vis(&c->parts[k], &vl);

		/* HTML with a text/plain alternative: the text is enough. */
		for (j = 0; c->parts[k].html && c->parts[k].alt != 0 &&
		    j < c->nparts; j++)
			if (!c->parts[j].html &&
			    c->parts[j].alt == c->parts[k].alt)
				break;
		if (c->parts[k].html && c->parts[k].alt != 0 && j < c->nparts)
			continue;
		if (vl > PHRASE_SCAN_MAX)
			vl = PHRASE_SCAN_MAX;
		phrases_in(c, v, vl, c->parts[k].html ? "html" : "text",
		    &c->parts[k], seen, nseen);
	}
	free(seen);
	/*
	 * One phrase is a hint; several together are a warning.  Below
	 * PHRASE_WARN points in all, every phrase finding is info.
	 */
	for (k = first, pts = 0; k < c->r->n; k++)
		pts += c->r->f[k].points;
	for (k = first; k < c->r->n; k++)
		c->r->f[k].sev = pts >= PHRASE_WARN ? LINT_WARN : LINT_INFO;
}

/* --- links --------------------------------------------------------------- */

struct linkstat {
	size_t		 n;
	char		 where[64];
	struct sbuf	 ex;
	size_t		 nex;
};

static void
stat_add(struct linkstat *s, const char *where, const char *ex)
{
	if (s->n++ == 0)
		snprintf(s->where, sizeof(s->where), "%s", where);
	if (s->nex < MAX_EXAMPLES && ex != NULL &&
	    (s->ex.s == NULL || strstr(s->ex.s, ex) == NULL)) {
		if (s->ex.len > 0)
			sbuf_adds(&s->ex, ", ");
		sbuf_printf(&s->ex, "%.80s", ex);
		s->nex++;
	}
}

struct links {
	struct linkstat	 shortener, http, ip, texthost, malformed, pixel,
			 unrelated;
	GHashTable	*unrel;
};

/* Host shown by an anchor's visible text, if it looks like a URL. */
static char *
text_host(const char *t)
{
	const char *p, *s;
	size_t n;
	char *h;

	while (isspace((unsigned char)*t))
		t++;
	if (strncasecmp(t, "http://", 7) == 0)
		t += 7;
	else if (strncasecmp(t, "https://", 8) == 0)
		t += 8;
	for (p = t; *p != '\0' && (isalnum((unsigned char)*p) || *p == '.' ||
	    *p == '-'); p++)
		;
	n = (size_t)(p - t);
	if (n < 4 || memchr(t, '.', n) == NULL)
		return NULL;
	for (s = p; *s != '\0'; s++)
		if (isspace((unsigned char)*s))
			break;
	/* Whole text must be the URL (trailing space allowed). */
	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	if (*s != '\0')
		return NULL;
	if (*p != '\0' && *p != '/' && *p != ':' && *p != '?' && *p != '#' &&
	    !isspace((unsigned char)*p))
		return NULL;
	/* A TLD of letters. */
	{
		const char *dot = t + n;

		while (dot > t && dot[-1] != '.')
			dot--;
		if (t + n - dot < 2)
			return NULL;
		for (s = dot; s < t + n; s++)
			if (!isalpha((unsigned char)*s))
				return NULL;
	}
	if ((h = strndup(t, n)) != NULL)
		str_lower(h);
	return h;
}

static void
one_link(struct ctx *c, struct links *L, const char *url, const char *text,
    const char *where, bool img, int width, int height)
{
	char *scheme = NULL, *host = NULL, *fixed = NULL;
	GError *ge = NULL;
	const char *u = url;
	size_t k;

	while (isspace((unsigned char)*u))
		u++;
	if (*u == '\0' || *u == '#')
		return;
	if (img && width >= 0 && width <= 1 && height >= 0 && height <= 1)
		stat_add(&L->pixel, where, u);
	if (strncasecmp(u, "www.", 4) == 0) {
		if ((fixed = g_strconcat("http://", u, NULL)) == NULL)
			return;
		u = fixed;
	}
	if (strncasecmp(u, "http:", 5) != 0 && strncasecmp(u, "https:", 6) != 0 &&
	    strncasecmp(u, "ftp:", 4) != 0) {
		g_free(fixed);
		return;
	}
	for (k = 0; u[k] != '\0'; k++)
		if ((unsigned char)u[k] <= ' ' || u[k] == '"' || u[k] == '<' ||
		    u[k] == '>')
			break;
	if (u[k] != '\0' && !isspace((unsigned char)u[k]))
		stat_add(&L->malformed, where, u);
	else if (u[k] != '\0') {
		/* Trailing space in an href is common; inner is not. */
		size_t j = k;

		while (u[j] != '\0' && isspace((unsigned char)u[j]))
			j++;
		if (u[j] != '\0')
			stat_add(&L->malformed, where, u);
	}
	if (!g_uri_split(u, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_PARSE_RELAXED,
	    &scheme, NULL, &host, NULL, NULL, NULL, NULL, &ge) ||
	    host == NULL || *host == '\0' || strspn(host,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-[]:_")
	    != strlen(host) || strstr(u, "://") == NULL) {
		if (ge != NULL)
			g_error_free(ge);
		stat_add(&L->malformed, where, u);
		goto out;
	}
	str_lower(host);
	if (strncasecmp(u, "http:", 5) == 0)
		stat_add(&L->http, where, host);
	if (host_is_ip(host)) {
		stat_add(&L->ip, where, host);
		goto out;
	}
	if (is_shortener(c->l, host))
		stat_add(&L->shortener, where, host);
	if (text != NULL) {
		char *th = text_host(text);

		if (th != NULL && !same_org(th, host)) {
			char ex[200];

			snprintf(ex, sizeof(ex), "%s -> %s", th, host);
			stat_add(&L->texthost, where, ex);
		}
		free(th);
	}
	if (c->from_domain != NULL && !img && !same_org(host, c->from_domain)) {
		const char *od = org_domain(host);

		if (!g_hash_table_contains(L->unrel, od)) {
			g_hash_table_add(L->unrel, g_strdup(od));
			stat_add(&L->unrelated, where, od);
		}
	}
out:
	g_free(scheme);
	g_free(host);
	g_free(fixed);
}

static void
report_links(struct ctx *c, struct linkstat *s, int id, const char *what)
{
	if (s->n > 0)
		addc(c, id, s->where, "%s (%zu): %s", what, s->n,
		    s->ex.s ? s->ex.s : "");
	sbuf_free(&s->ex);
}

static void
check_links(struct ctx *c)
{
	struct links L;
	size_t k, j;
	char w[96];

	memset(&L, 0, sizeof(L));
	L.unrel = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (k = 0; k < c->nparts && !c->oom; k++) {
		struct tpart *p = &c->parts[k];

		if (p->html) {
			for (j = 0; j < p->doc.nlinks; j++) {
				struct html_link *hl = &p->doc.links[j];

				snprintf(w, sizeof(w), "part %s html line %lu",
				    p->path, hl->line);
				one_link(c, &L, hl->url, hl->text, w,
				    hl->kind == HTML_IMG, hl->width, hl->height);
			}
			continue;
		}
		size_t lastoff = 0;
		unsigned long lastline = 1;

		for (size_t start = 0; match(c, c->l->re_url, p->text, p->len,
		    start) == 1; ) {
			PCRE2_SIZE *o = ov(c);
			char *u = strndup(p->text + o[0], o[1] - o[0]);
			size_t ul;

			start = o[1];
			if (u == NULL) {
				c->oom = 1;
				break;
			}
			/* Sentence punctuation after a URL is not part of it. */
			ul = strlen(u);
			while (ul > 0 && strchr(".,;:!?)'", u[ul - 1]) != NULL)
				u[--ul] = '\0';
			/* Lines counted on from the previous URL. */
			lastline += line_of(p->text + lastoff, o[0] - lastoff) - 1;
			lastoff = o[0];
			snprintf(w, sizeof(w), "part %s text line %lu", p->path,
			    lastline);
			one_link(c, &L, u, NULL, w, false, -1, -1);
			free(u);
		}
	}
	report_links(c, &L.shortener, C_LINK_SHORTENER, "links to URL shorteners");
	report_links(c, &L.http, C_LINK_HTTP, "http: links");
	report_links(c, &L.ip, C_LINK_IP, "links to IP addresses");
	report_links(c, &L.texthost, C_LINK_TEXT_HOST,
	    "links whose text shows another host");
	report_links(c, &L.malformed, C_LINK_MALFORMED, "malformed URLs");
	report_links(c, &L.pixel, C_TRACKING_PIXEL, "1x1 images");
	if (L.unrelated.n > 0 && c->from_domain != NULL)
		addc(c, C_LINK_UNRELATED, L.unrelated.where,
		    "link domains unrelated to %s (%zu): %s", c->from_domain,
		    L.unrelated.n,
		    L.unrelated.ex.s ? L.unrelated.ex.s : "");
	sbuf_free(&L.unrelated.ex);
	g_hash_table_destroy(L.unrel);
}

/* --- bulk mail ----------------------------------------------------------- */

/* Value of tag t in a DKIM-Signature (white space removed); owned. */
static char *
dkim_tag(const char *sig, const char *t)
{
	const char *p = sig;
	size_t tl = strlen(t);

	while (*p != '\0') {
		const char *semi = strchr(p, ';'), *e = semi ? semi : p + strlen(p);
		const char *q = p;

		while (q < e && isspace((unsigned char)*q))
			q++;
		if ((size_t)(e - q) > tl && strncasecmp(q, t, tl) == 0) {
			const char *r = q + tl;

			while (r < e && isspace((unsigned char)*r))
				r++;
			if (r < e && *r == '=') {
				struct sbuf b = { 0 };

				for (r++; r < e; r++)
					if (!isspace((unsigned char)*r))
						sbuf_addc(&b, *r);
				if (sbuf_add(&b, "", 0) == -1)
					return NULL;
				return b.s;
			}
		}
		p = semi ? semi + 1 : e;
	}
	return NULL;
}

static bool
hlist_has(const char *h, const char *name)
{
	size_t n = strlen(name);
	const char *p = h;

	while (p != NULL && *p != '\0') {
		const char *e = strchr(p, ':');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (l == n && strncasecmp(p, name, n) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

/* Length of v for a detail: up to 80, without trailing white space. */
static int
vlen(const char *v)
{
	size_t n = strlen(v);

	while (n > 0 && isspace((unsigned char)v[n - 1]))
		n--;
	return n > 80 ? 80 : (int)n;
}

static void
check_bulk(struct ctx *c, bool forced)
{
	GMimeObject *o = GMIME_OBJECT(c->msg);
	GMimeHeader *lu, *lup, *h;
	int cnt, cnt2, k, n;
	bool detected = false, https = false, syntax = true, folded = false;
	enum lint_sev soft;
	const char *v;
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);

	n = g_mime_header_list_get_count(hl);
	for (k = 0; k < n; k++) {
		const char *name = g_mime_header_get_name(
		    g_mime_header_list_get_header_at(hl, k));

		if (strncasecmp(name, "List-", 5) == 0)
			detected = true;
	}
	if ((h = header(o, "Precedence", &cnt)) != NULL) {
		v = raw_value(h);
		if (strcasestr(v, "bulk") || strcasestr(v, "list") ||
		    strcasestr(v, "junk"))
			detected = true;
	}
	if (!forced && !detected)
		return;
	soft = forced ? LINT_WARN : LINT_INFO;
	lu = header(o, "List-Unsubscribe", &cnt);
	lup = header(o, "List-Unsubscribe-Post", &cnt2);
	if (lu == NULL) {
		add(c, C_UNSUB_MISSING, forced ? LINT_ERROR : LINT_INFO,
		    forced ? checks[C_UNSUB_MISSING].points : 0,
		    "header List-Unsubscribe", "%s mail without List-Unsubscribe",
		    forced ? "bulk" : "list");
		return;
	}
	v = raw_value(lu);
	while (isspace((unsigned char)*v))
		v++;
	if (strstr(v, "=?") != NULL && strstr(v, "?=") != NULL)
		addc(c, C_UNSUB_ENCODED, "header List-Unsubscribe",
		    "RFC 2047 encoded-word in \"%.*s\"", vlen(v), v);
	{
		const char *p = v;
		bool in = false;

		for (; *p != '\0'; p++) {
			if (*p == '<')
				in = true;
			else if (*p == '>')
				in = false;
			else if (in && (*p == '\n' || *p == '\r'))
				folded = true;
		}
	}
	if (folded)
		addc(c, C_UNSUB_FOLDED, "header List-Unsubscribe",
		    "line break inside a <URI>");
	{
		char *s = strdup(v), *save = NULL, *item;
		size_t nuri = 0;

		if (s == NULL) {
			c->oom = 1;
			return;
		}
		for (item = strtok_r(s, ",", &save); item != NULL;
		    item = strtok_r(NULL, ",", &save)) {
			char *t = str_trim(item);
			size_t tl = strlen(t);

			/* Drop a trailing comment: "<...> (remove)". */
			if (tl > 0 && t[tl - 1] == ')' && strchr(t, '(') != NULL) {
				*strchr(t, '(') = '\0';
				t = str_trim(t);
				tl = strlen(t);
			}
			if (tl == 0)
				continue;
			nuri++;
			if (tl < 3 || t[0] != '<' || t[tl - 1] != '>')
				syntax = false;
			if (strncasecmp(t + (t[0] == '<'), "https:", 6) == 0)
				https = true;
		}
		free(s);
		if (nuri == 0)
			syntax = false;
	}
	if (!syntax)
		add(c, C_UNSUB_SYNTAX, forced ? LINT_ERROR : LINT_WARN,
		    forced ? checks[C_UNSUB_SYNTAX].points : 0.3,
		    "header List-Unsubscribe", "URI without <angle brackets>: "
		    "\"%.*s\"", vlen(v), v);
	if (!https)
		add(c, C_UNSUB_HTTPS, soft, forced ?
		    checks[C_UNSUB_HTTPS].points : 0, "header List-Unsubscribe",
		    "no https URI (one-click unsubscribe needs one)");
	if (lup == NULL) {
		if (https || forced)
			add(c, C_UNSUB_POST_MISSING, soft, forced ?
			    checks[C_UNSUB_POST_MISSING].points : 0,
			    "header List-Unsubscribe-Post",
			    "no List-Unsubscribe-Post");
	} else {
		char *s = strdup(raw_value(lup));

		if (s == NULL) {
			c->oom = 1;
			return;
		}
		if (strcmp(str_trim(s), "List-Unsubscribe=One-Click") != 0)
			addc(c, C_UNSUB_POST_INVALID,
			    "header List-Unsubscribe-Post",
			    "\"%.80s\" is not List-Unsubscribe=One-Click", s);
		free(s);
	}
	/* DKIM: h= covers both fields; d= aligned with From. */
	if (forced) {
		GMimeHeader *sig = NULL;
		bool covered = false, aligned = false;
		char dom[256] = "";

		for (k = 0; k < n; k++) {
			char *hv, *dv;

			h = g_mime_header_list_get_header_at(hl, k);
			if (strcasecmp(g_mime_header_get_name(h),
			    "DKIM-Signature") != 0)
				continue;
			sig = h;
			hv = dkim_tag(raw_value(h), "h");
			dv = dkim_tag(raw_value(h), "d");
			if (hv != NULL && hlist_has(hv, "List-Unsubscribe") &&
			    (lup == NULL ||
			    hlist_has(hv, "List-Unsubscribe-Post")))
				covered = true;
			if (dv != NULL) {
				if (dom[0] == '\0')
					snprintf(dom, sizeof(dom), "%s", dv);
				if (c->from_domain != NULL &&
				    same_org(dv, c->from_domain))
					aligned = true;
			}
			free(hv);
			free(dv);
		}
		if (sig != NULL && !covered)
			addc(c, C_UNSUB_DKIM_H, "header DKIM-Signature",
			    "h= does not cover List-Unsubscribe%s",
			    lup ? " and List-Unsubscribe-Post" : "");
		if (sig != NULL && !aligned && c->from_domain != NULL)
			addc(c, C_UNSUB_DKIM_D, "header DKIM-Signature",
			    "d=%s does not align with From domain %s", dom,
			    c->from_domain);
	}
}

/* --- driver -------------------------------------------------------------- */

int
lint_message(struct lint *l, GMimeMessage *msg, const char *why,
    const char *raw, size_t rawlen, bool bulk, struct lint_result *r,
    struct derr *e)
{
	struct ctx c;
	size_t k;

	memset(&c, 0, sizeof(c));
	c.l = l;
	c.r = r;
	c.msg = msg;
	c.e = e;
	result_reset(r);
	if (raw != NULL)
		check_raw_lines(&c, raw, rawlen);
	if (msg == NULL) {
		check_raw_body(&c);
		addc(&c, C_UNPARSEABLE, "message", "%s",
		    why ? why : "cannot be parsed");
		goto out;
	}
	check_headers(&c);
	if (!c.oom) {
		GMimeObject *body = g_mime_message_get_mime_part(msg);

		if (body != NULL)
			walk(&c, body, "", 0);
	}
	if (!c.oom)
		check_raw_body(&c);
	if (!c.oom)
		check_structure(&c);
	if (!c.oom)
		check_content(&c);
	if (!c.oom)
		check_links(&c);
	if (!c.oom)
		check_bulk(&c, bulk);
out:
	unpad(l);
	for (k = 0; k < c.nparts; k++) {
		free(c.parts[k].text);
		html_doc_free(&c.parts[k].doc);
	}
	free(c.parts);
	free(c.from_domain);
	if (c.oom == 1)
		derr_set(e, "lint", "out of memory");
	/* Round the score so sums print the same everywhere. */
	r->score = round(r->score * 1000) / 1000;
	return c.oom ? -1 : 0;
}
