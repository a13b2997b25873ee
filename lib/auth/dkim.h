/*
 * DKIM key records (RFC 6376 §3.6.1, RFC 8463, RFC 8301): the tag list
 * of a selector's _domainkey TXT record checked, and its key parsed with
 * OpenSSL for type and size.
 */
#ifndef DKIM_H
#define DKIM_H

#include <stddef.h>

#include "core/finding.h"
#include "net/dns.h"

/* One tag=value of a tag list: pointers into the string split. */
struct dkim_tag {
	char	*name;
	char	*value;		/* trimmed; inner white space kept */
};

#define DKIM_TAGS_LENIENT	0x1	/* skip bad tags, keep the first */

/*
 * Split a tag list (RFC 6376 section 3.2: "tag=value; ..."), as in a
 * key record or a DKIM-Signature, in place into t[0..max).  Names and
 * values are trimmed of spaces, tabs, CR and LF.  Strictly (flags 0) an
 * empty tag (but a trailing ";"), a tag without "=", a name not opening
 * with a letter, a name given twice or more than max tags is an error:
 * -1 with why in err[0..elen).  With DKIM_TAGS_LENIENT those tags are
 * skipped (of a name given twice, the first counts; tags past max are
 * dropped) and it does not fail.  Returns the number of tags.
 */
int	dkim_tags_split(char *s, struct dkim_tag *t, size_t max, int flags,
	    char *err, size_t elen);

/* The value of tag name (case-sensitive) among t[0..n), or NULL. */
const char	*dkim_tag_get(const struct dkim_tag *t, int n,
		    const char *name);

/* What one key record says. */
struct dkim_key {
	char	 k[32];		/* key type ("rsa" by default) */
	int	 bits;		/* RSA modulus bits, 256 for Ed25519, 0 */
	int	 testing;	/* t=y */
	int	 strict;	/* t=s */
	int	 revoked;	/* p= empty */
	int	 pkcs1;		/* bare RSAPublicKey, not SPKI */
};

/*
 * Check one key record's text: syntax (v first and "DKIM1", tags once,
 * k, h, s, t, p) and the key (RSA under 1024 bits fail, under 2048 warn;
 * Ed25519 raw 32 bytes pass).  Fills *k and detail (a sentence) and
 * returns the verdict.  Thread-safe.
 */
enum finding_status	 dkim_key_check(const char *txt, struct dkim_key *k,
			    char *detail, size_t len);

/*
 * Audit SELECTOR._domainkey.DOMAIN: append a "dkim" record per key
 * record (or one saying there is none, a fail when required is set).
 * Returns 1 when a record was found, 0 when none, -1 on temperror.
 */
int	dkim_audit(struct dns *, const char *domain, const char *selector,
	    int required, struct finding_list *);

/* The selectors tried when none is given (NULL-terminated). */
extern const char *const dkim_common_selectors[];

#endif
