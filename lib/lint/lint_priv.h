/*
 * lint's internals shared by its modules: the check numbers, the loaded
 * data (struct lint), one message's context (struct ctx), the text parts
 * as the checks see them, and the functions one module offers another.
 * Not for use outside lib/lint.
 */
#ifndef LINT_PRIV_H
#define LINT_PRIV_H

#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdbool.h>
#include <stddef.h>

#include <gmime/gmime.h>
#include <pcre2.h>

#include "core/deliv.h"
#include "core/phrase_index.h"
#include "core/phrases.h"
#include "lint/lint.h"
#include "mail/html.h"
#include "mail/message.h"
#include "net/orgdom.h"

#define LINE_MAX_SMTP	998	/* RFC 5322 section 2.1.1 */
#define LINE_MAX_SOFT	78
#define LINE_MAX_ENC	76	/* RFC 2045 sections 6.7 and 6.8 */
#define GMAIL_CLIP	(102 * 1024)
#define MAX_EXAMPLES	3
#define PHRASE_WARN	3.0	/* phrase points that make a warning */
#define PHRASE_SCAN_MAX	(16 * 1024)	/* phrases: first 16 KB a part */
#define PAD_SLACK	64

/* The checks, in catalogue (report) order; rules.c names them. */
enum {
	C_UNPARSEABLE,
	C_LINE_998, C_LINE_78, C_B64_LINE, C_QP_LINE,
	C_DATE_MISSING, C_DATE_INVALID,
	C_MSGID_MISSING, C_MSGID_SYNTAX, C_MSGID_DOMAIN,
	C_FROM_MISSING, C_FROM_SYNTAX, C_FROM_MULTIPLE, C_DOMAIN_RESERVED,
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

struct lint {
	struct lint_check	 cat[C_COUNT];	/* with the loaded weights */
	struct phr		*spam;		/* spam.txt */
	struct phrase_index	*spamidx;	/* in groups (spam.c) */
	size_t			 nspamgroups;
	unsigned long		 maxline;	/* last phrase line of spam.txt */
	GHashTable		*shorteners;	/* lower case, a set */
	GHashTable		*orgcache;	/* host -> org domain (hosts.c) */
	struct orgdom		*psl;
	pcre2_code		*re_url;
	pcre2_code		*re_money;
	pcre2_code		*re_encword;
	pcre2_code		*re_msgid;
	pcre2_match_data	*md;
	pcre2_match_context	*money_mc;	/* re_money's, offset limits */
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
	char			*from_domain;	/* lower case, or NULL */
	size_t			 body998;	/* raw body lines over 998 */
	unsigned long		 body998_line;
	size_t			 body998_max;
	size_t			 part998;	/* parts that reported some */
	bool			 bulk;		/* bulk mail (--bulk) */
	int			 oom;
	struct derr		*e;
};

/* lint.c: add a finding with explicit severity and points. */
void	lint_add(struct ctx *, int id, enum lint_sev, double pts,
	    const char *where, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));

/* Add a finding at the loaded severity and points of the check. */
#define addc(c, id, where, ...) \
	lint_add((c), (id), (c)->l->cat[id].sev, (c)->l->cat[id].points, \
	    (where), __VA_ARGS__)

/* data.c: patterns and matching. */
int	lint_patterns_new(struct lint *, struct derr *);
void	lint_patterns_free(struct lint *);
const char	*lint_padded(struct lint *, const char *s, size_t len);
void	lint_unpad(struct lint *);
int	lint_match(struct ctx *, pcre2_code *, const char *s, size_t len,
	    size_t start);
PCRE2_SIZE	*lint_ov(struct ctx *);
unsigned long	 lint_line_of(const char *s, size_t off);

/* spam.c: the spam phrase list. */
int	lint_spam_load(struct lint *, const char *path, struct derr *);
void	lint_spam_free(struct lint *);
void	lint_spam_phrases(struct ctx *, const char *s, size_t n,
	    const char *part, const struct tpart *, unsigned char *seen,
	    size_t nseen);

/* hosts.c: host names of links and signatures. */
int	lint_shorteners_load(struct lint *, const char *path, struct derr *);
void	lint_shorteners_free(struct lint *);
bool	lint_is_shortener(const struct lint *, const char *host);
bool	lint_host_is_ip(const char *host);
/* A reserved or special-use domain name (RFC 2606, 6761, 6762, 7686, 8375). */
struct lint_reserved {
	const char	*suffix;	/* ".test"; the name alone matches too */
	const char	*kind;		/* "reserved" or "special-use" */
	const char	*rfc;		/* "RFC 6761" */
	const char	*why;		/* what it means for mail */
};
/* How a finding names it: ".test", but "example.com", "home.arpa". */
#define RESERVED_NAME(rd) \
	((rd)->suffix + (strchr((rd)->suffix + 1, '.') != NULL))
/* The entry d falls under, or NULL (a name mail can reach). */
const struct lint_reserved	*lint_reserved_domain(const char *d);
const char	*lint_org_domain(struct lint *, const char *host,
		    char *buf, size_t len);
bool	lint_same_org(struct lint *, const char *a, const char *b);

/*
 * Headers are looked up through mail/message.h (mail_header_find,
 * mail_message_header); the checks read a header's raw value, "" for
 * none.
 */
static inline const char *
lint_raw_value(GMimeHeader *h)
{
	const char *v = h ? g_mime_header_get_raw_value(h) : NULL;

	return v ? v : "";
}

/* The checks, in the order lint_message() runs them. */
void	lint_check_raw_lines(struct ctx *, const char *raw, size_t len);
void	lint_check_raw_body(struct ctx *);
void	lint_check_headers(struct ctx *);
void	lint_check_parts(struct ctx *);
void	lint_check_structure(struct ctx *);
void	lint_check_content(struct ctx *);
void	lint_check_links(struct ctx *);
void	lint_check_bulk(struct ctx *);	/* c->bulk: required */

/* mime.c: the text the reader sees in a part. */
const char	*lint_visible(const struct tpart *, size_t *len);

#endif
