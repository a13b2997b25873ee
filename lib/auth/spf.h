/*
 * SPF (RFC 7208): check_host() over struct dns, and a record linter for
 * dnscheck's warnings.  Nothing here prints; the clock comes in as an
 * argument (%{t}).
 */
#ifndef SPF_H
#define SPF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deliv.h"
#include "net/dns.h"

/* The RFC 7208 §2.6 results. */
enum spf_result {
	SPF_NONE = 0,
	SPF_NEUTRAL,
	SPF_PASS,
	SPF_FAIL,
	SPF_SOFTFAIL,
	SPF_TEMPERROR,
	SPF_PERMERROR
};

/* "none", "neutral", "pass", "fail", "softfail", "temperror", "permerror" */
const char	*spf_result_str(enum spf_result);

/* What to check. */
struct spf_request {
	const char	*ip;		/* client IP, IPv4 or IPv6 text */
	const char	*sender;	/* MAIL FROM; NULL or "": postmaster@helo */
	const char	*helo;		/* HELO/EHLO name, may be NULL */
	const char	*domain;	/* NULL: the sender's domain, or helo */
	const char	*receiver;	/* %{r}; NULL: "unknown" */
	long long	 now;		/* %{t}: seconds since the epoch */
	const char	*default_exp;	/* macro-string used on fail when the
					   record has no usable exp=; NULL:
					   no explanation */
};

/* What check_host() found. */
struct spf_answer {
	enum spf_result	 result;
	char		 domain[256];	/* the identity's domain checked */
	char		*record;	/* its v=spf1 record (owned), or NULL */
	char		 mechanism[256];/* the term that decided: "-all",
					   "ip4:192.0.2.0/24", "redirect=x",
					   "default" (no match: neutral) */
	char		*explanation;	/* fail: the exp= text (owned), or
					   default_exp expanded, or NULL */
	char		 reason[512];	/* permerror/temperror/none: why */
	unsigned	 lookups;	/* DNS-querying terms evaluated */
	unsigned	 voids;		/* void lookups seen */
};

/*
 * Run check_host() for req (RFC 7208 §4): the 10-term and 2-void-lookup
 * limits, include/redirect loops (by the term limit), macros, exp=.
 * Fills *a (free with spf_answer_free) and returns a->result.  An invalid
 * IP gives SPF_PERMERROR with the reason; an identity that is not a
 * multi-label domain name gives SPF_NONE.
 */
enum spf_result	 spf_check(struct dns *, const struct spf_request *req,
		    struct spf_answer *a);
void		 spf_answer_free(struct spf_answer *);

/*
 * The single v=spf1 TXT record of domain (RFC 7208 §4.5).  Returns
 * SPF_PASS with *record owned, or SPF_NONE (no record), SPF_PERMERROR
 * (several records), SPF_TEMPERROR (DNS trouble), with the reason in e.
 */
enum spf_result	 spf_record(struct dns *, const char *domain, char **record,
		    struct derr *e);

/*
 * Check a record's syntax (RFC 7208 §4.6, §12).  Return 0, or -1 with
 * the offending term and why in e.
 */
int		 spf_syntax(const char *record, struct derr *e);

/* Linter findings. */
enum spf_level {
	SPF_LINT_INFO = 0,
	SPF_LINT_WARN,
	SPF_LINT_FAIL
};

struct spf_finding {
	enum spf_level	 level;
	const char	*code;		/* static: see spf_lint() */
	char		 domain[256];	/* where: the domain or an include */
	char		 detail[512];	/* a sentence for people */
};

/* One record of the include/redirect tree, in walk order (depth-first). */
struct spf_node {
	int		 depth;		/* 0: the domain itself */
	char		 domain[256];
	char		 via[128];	/* "include:x", "redirect=x"; "" on top */
	unsigned	 lookups;	/* DNS-querying terms in this record */
	unsigned	 total;		/* the same, with all below it */
	unsigned	 voids;		/* void lookups of its own terms */
	enum spf_result	 result;	/* SPF_PASS: one record that parses;
					   none, permerror (several, syntax,
					   a loop), temperror */
	char		*record;	/* its record (owned), or NULL */
};

struct spf_lint {
	char			*record;	/* the domain's record, or NULL */
	enum spf_result		 status;	/* SPF_PASS: one usable record
						   tree; else none, permerror,
						   temperror as spf_record()
						   and the walk found */
	unsigned		 lookups;	/* DNS terms in the whole tree
						   (includes and redirects
						   followed, ip-independent) */
	unsigned		 voids;		/* void lookups on the walk */
	struct spf_finding	*f;
	size_t			 n;
	struct spf_node		*nodes;		/* the tree */
	size_t			 nnodes;
};

/*
 * Fetch domain's record and walk it and every include/redirect target
 * without a client IP.  Codes: "none" (no record: info), "multiple"
 * (fail), "syntax" (fail), "temperror" (warn), "all-pass" (+all: fail),
 * "all-neutral" (?all: warn), "no-all" (no all and no redirect: info),
 * "ptr" (ptr mechanism: warn), "long-record" (over 450 bytes: warn),
 * "lookups" (over 10 DNS terms: fail), "void-lookups" (over 2: warn),
 * "include-none" (an include or redirect target without a record:
 * fail), "loop" (an include/redirect loop: fail), "after-all" (a
 * mechanism after all, never evaluated: warn), "redirect-ignored"
 * (redirect= with an all mechanism: warn).  Returns 0, or -1 when
 * out of memory.
 */
int		 spf_lint(struct dns *, const char *domain, struct spf_lint *);
void		 spf_lint_free(struct spf_lint *);

#endif
