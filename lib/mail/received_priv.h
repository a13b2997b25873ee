/*
 * The Received parser's shared insides (not an API): the compiled
 * patterns, the token and clause lists of one header, and the functions
 * that cross received.c (the parser, addresses, the whole header),
 * received_clause.c (tokens, clauses, with/id/by/for) and
 * received_from.c (the from clause and its comments).
 */
#ifndef MAIL_RECEIVED_PRIV_H
#define MAIL_RECEIVED_PRIV_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "core/deliv.h"
#include "mail/received.h"

enum {
	RE_HELO,	/* explicit HELO in the from clause */
	RE_TLS,		/* TLS version and cipher, several spellings */
	RE_ENC,		/* "with CIPHER encrypted" */
	RE_AUTH,	/* authenticated submission, MARK = label */
	RE_ENVFROM,
	RE_FETCH,	/* fetchmail and POP/IMAP pick-up */
	RE_SCAN,	/* content scanners re-injecting */
	RE_LOCAL,	/* local pick-up */
	RE_EXIM,
	RE_IDENT,	/* Exim's ident= */
	RE_N
};

struct tok;

/* The literals the prefilters look for (received.c lits[]). */
enum {
	L_ELO, L_HLO, L_CLAIMING, L_TLS, L_SSL, L_ENCRYPTED, L_AUTH, L_HTTP,
	L_ACCOUNT, L_ENVELOPE, L_FETCHMAIL, L_GETMAIL, L_POP, L_IMAP, L_SCAN,
	L_SPAMASSASSIN, L_AMAVIS, L_CLAMAV, L_PICKUP, L_QMAIL, L_INVOKED,
	L_EXIM, L_IDENT, L_FORGED, L_UNVERIFIED, L_NOTVERIFIED, L_N
};

struct rcvd_parser {
	pcre2_code		*re[RE_N];
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
	/* Kept from header to header (no allocation per hop): the
	   unfolded text and its lower-case copy, and the tokens. */
	char			*buf;
	size_t			 bufcap;
	struct tok		*t;
	size_t			 capt;
	uint32_t		 byc[256];	/* literals starting with c */
	uint32_t		 by2[256];	/* ... whose second byte is c */
};

/* Tokens of the header outside the date. */
enum tok_type { T_WORD, T_COMMENT };

struct tok {
	enum tok_type	 type;
	size_t		 off, len;	/* comment: including the parens */
	int		 glued;		/* no space before it */
};

enum clause { C_NONE, C_FROM, C_BY, C_VIA, C_WITH, C_ID, C_FOR, C_N };

struct span {
	size_t	first, end;	/* token indices [first, end) */
	int	seen;
};

struct work {
	char		*u;		/* unfolded text */
	char		*lc;		/* u in ASCII lower case */
	size_t		 n;		/* its length (before the date) */
	struct tok	*t;
	size_t		 nt, capt;
	struct span	 cl[C_N];
	struct span	 from2;		/* a second "from <addr>" (XMail) */
	size_t		 first[L_N];	/* where each literal starts */
};

/*
 * Match pattern i in s[0..len).  Returns 1 (p->md holds the match), 0, or
 * -1 on a match error (e filled).
 */
int	rcvd_re_find(struct rcvd_parser *p, int i, const char *s,
	    size_t len, struct derr *e);

/* Does w->lc[off..off+len) hold literal k (L_...)? */
int	rcvd_has(const struct work *w, int k, size_t off, size_t len);

/*
 * May pattern i match somewhere in w->u[off..off+len)?  0 only when it
 * cannot (a literal it requires is missing).  The cheap test run before
 * a pattern.
 */
int	rcvd_re_may(const struct work *w, int i, size_t off, size_t len);

/* Capture group g of the last match: returns 1 and sets *o, *n if set. */
int	rcvd_re_group(struct rcvd_parser *p, int g, size_t *o, size_t *n);

/* Set field f to s[0..n) unless already set.  -1 when out of memory. */
int	rcvd_set(struct rcvd *r, int f, const char *s, size_t n);

/*
 * rcvd_ip_norm(); port5 also allows "1.2.3.4.5678" unbracketed (a
 * comment's first word, where no version number stands).
 */
int	rcvd_ip_norm_port(const char *s, size_t len, char *buf,
	    size_t buflen, int port5);

/* Index just past the comment starting at s[i] == '(' (or n). */
size_t	rcvd_comment_end(const char *s, size_t i, size_t n);

/* Cut w->u[0..w->n) into words and comments.  0, or -1 (memory). */
int	rcvd_tokenize(struct work *w);
/* Group the tokens into clauses by their keywords (w->cl). */
void	rcvd_clauses(struct work *w);

/* "TLSv1.2", "TLS1_2", "TLS-1.0", "TLSv1" -> "TLSv1_2" ... */
int	rcvd_set_tls_version(struct rcvd *r, const char *s, size_t n);

/* The with clause: protocol, TLS.  0, or -1 (memory). */
int	rcvd_do_with(struct work *w, struct rcvd *r);

/* The first word of clause c, without <> and trailing punctuation. */
int	rcvd_first_word(struct work *w, struct span *sp, struct rcvd *r,
	    int f);

/* An ident or user, without "[<" ">]" around it. */
int	rcvd_set_ident(struct rcvd *r, const char *s, size_t n);

/*
 * The from clause and its comments: ip, rdns, helo, ident (all[0..alllen)
 * is the whole unfolded header for the patterns).  0, or -1 (e filled).
 */
int	rcvd_do_from(struct rcvd_parser *p, struct work *w, struct rcvd *r,
	    const char *all, size_t alllen, struct derr *e);

#endif
