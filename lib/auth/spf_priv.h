/*
 * The SPF modules' shared insides (not an API): the parsed record, the
 * evaluation context and the functions that cross spf.c (check_host),
 * spf_parse.c (record syntax, names), spf_macro.c (macros) and
 * spf_lint.c (the record linter).
 */
#ifndef AUTH_SPF_PRIV_H
#define AUTH_SPF_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "auth/spf.h"
#include "core/deliv.h"
#include "core/ip.h"
#include "core/util.h"
#include "net/dns.h"

/* Limits (RFC 7208 §4.6.4) and sizes. */
#define SPF_MAX_LOOKUPS	10
#define SPF_MAX_VOIDS	2
#define SPF_MAX_NAMES	10	/* MX or PTR names looked at */
#define SPF_LONG_RECORD	450	/* RFC 7208 §3.4: fits a 512-byte answer */
#define SPF_LINT_DEPTH	20
#define SPF_EXPAND_MAX	8192	/* longest macro expansion we build */

enum mech {
	M_ALL, M_INCLUDE, M_A, M_MX, M_PTR, M_IP4, M_IP6, M_EXISTS,
	M_REDIRECT, M_EXP, M_OTHER
};

struct term {
	enum mech	 m;
	char		 qual;		/* + - ~ ? */
	const char	*text;		/* the whole term */
	const char	*arg;		/* domain-spec or address, may be NULL */
	size_t		 arglen;
	int		 cidr4, cidr6;	/* -1: none given */
	struct ipaddr	 net;
};

struct rec {
	char		*buf;		/* a copy, cut into terms */
	struct term	*t;
	size_t		 n;
	const struct term *redirect, *exp;
};

struct ctx {
	struct dns			*dns;
	const struct spf_request	*req;
	struct ipaddr			 ip;
	char				 sender[600];	/* local@domain */
	char				 local[300];
	char				 odomain[300];
	char				 helo[300];
	unsigned			 lookups, voids;
	char				 reason[512];
	char				 mech[256];
	char				*record;	/* the top record */
	char				 pdomain[300];	/* %{p} cache: for */
	char				 pname[256];	/* this domain, this */
};

enum { EXP_DOMAIN, EXP_TEXT };

/* %{p}: the validated name, preferring domain, then below it. */
int	spf_ptr_validated(struct ctx *c, const char *domain, char *out,
	    size_t len);

/* A usable domain: labels of 1..63 bytes, 253 in all, two labels or more. */
bool	spf_domain_ok(const char *d, bool multi);

/* Drop one final dot (not from ".") in place. */
void	spf_strip_dot(char *d);

/* Is name (a PTR target) the domain or below it?  Case-blind. */
bool	spf_name_under(const char *name, const char *domain);

/* toplabel (RFC 7208 §7.1): alphanumerics and inner dashes, a letter. */
bool	spf_toplabel_ok(const char *s, size_t len);

/* Parse a record whole into r (spf_rec_free after).  0, or -1 with e. */
int	spf_rec_parse(const char *record, struct rec *r, struct derr *e);
void	spf_rec_free(struct rec *r);

/* Is s an SPF record (§4.5: "v=spf1" then a space or the end)? */
bool	spf_is_record(const char *s);

int	spf_rec_parse(const char *record, struct rec *r, struct derr *e);

/*
 * Expand (or, with c NULL, only check) the macro-string s[0..len).
 * EXP_TEXT also allows c, r, t and spaces.  Returns 0, or -1 with why.
 */
int	spf_expand(struct ctx *c, const char *domain, const char *s,
	    size_t len, int mode, struct sbuf *out, const char **why);

/* Check a domain-spec's syntax: a macro-string with a proper end. */
int	spf_domain_spec_ok(const char *s, size_t len, const char **why);

/*
 * Expand a domain-spec for a query: longer than 253 bytes, labels are
 * dropped from the left (§7.3).  Returns 0 with the name in buf, 1 when
 * the result is not a usable name, -1 on a macro error.
 */
int	spf_target(struct ctx *c, const char *domain, const struct term *t,
	    char *buf, size_t len, const char **why);

#endif
