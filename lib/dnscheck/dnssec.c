/*
 * dnscheck's DNSSEC check (see dnscheck/dnssec.h): the zone apex by SOA,
 * the chain DS -> DNSKEY from a trust anchor down, and the signatures of
 * the zone's own records, all verified by ldns at the audit's clock.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>

#include "core/deliv.h"
#include "core/finding.h"
#include "dnscheck/dnssec.h"
#include "net/dns.h"
#include "net/dns_signed.h"

#define DEPTH_MAX	32	/* zones walked above a name */

ldns_rr_list *
dnssec_anchors_load(const char *path, struct derr *e)
{
	ldns_rr_list *l;
	ldns_rdf *origin = NULL, *prev = NULL;
	ldns_rr *rr;
	ldns_status st;
	uint32_t ttl = 3600;
	char where[300];
	int line = 1;
	long pos;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return NULL;
	}
	l = ldns_rr_list_new();
	while (l != NULL && !feof(fp)) {
		rr = NULL;
		st = ldns_rr_new_frm_fp_l(&rr, fp, &ttl, &origin, &prev, &line);
		if (st == LDNS_STATUS_OK && (ldns_rr_get_type(rr) ==
		    LDNS_RR_TYPE_DS || ldns_rr_get_type(rr) ==
		    LDNS_RR_TYPE_DNSKEY)) {
			ldns_rr_list_push_rr(l, rr);
			continue;
		}
		if (rr != NULL)
			ldns_rr_free(rr);
		if (st == LDNS_STATUS_OK || st == LDNS_STATUS_SYNTAX_EMPTY ||
		    st == LDNS_STATUS_SYNTAX_TTL ||
		    st == LDNS_STATUS_SYNTAX_ORIGIN)
			continue;
		/* ldns counted the newline that ended the bad record */
		pos = ftell(fp);
		if (pos > 0 && fseek(fp, pos - 1, SEEK_SET) == 0 &&
		    fgetc(fp) == '\n' && line > 1)
			line--;
		snprintf(where, sizeof(where), "%s:%d", path, line);
		derr_set(e, where, "%s", ldns_get_errorstr_by_id(st));
		ldns_rr_list_deep_free(l);
		l = NULL;
	}
	fclose(fp);
	if (origin != NULL)
		ldns_rdf_deep_free(origin);
	if (prev != NULL)
		ldns_rdf_deep_free(prev);
	if (l != NULL && ldns_rr_list_rr_count(l) == 0) {
		derr_set(e, path, "no DS or DNSKEY record");
		ldns_rr_list_deep_free(l);
		l = NULL;
	}
	return l;
}

/* Is the (only) owner of rrs the name n? */
static bool
owned_by(const ldns_rr_list *rrs, const char *n)
{
	ldns_rdf *name = dns_name(n);
	bool ok;

	ok = name != NULL && ldns_rr_list_rr_count(rrs) > 0 &&
	    ldns_dname_compare(ldns_rr_owner(ldns_rr_list_rr(rrs, 0)),
	    name) == 0;
	if (name != NULL)
		ldns_rdf_deep_free(name);
	return ok;
}

/*
 * The apex of name's zone: name or the nearest name above it with an
 * SOA of its own.  1 (apex filled), 0 none answers, -1 DNS (e filled).
 */
static int
find_apex(const struct dnssec_ctx *c, const char *name, char *apex,
    size_t len, struct derr *e)
{
	ldns_rr_list *rrs;
	enum dns_result r;
	const char *p = name;
	bool own;

	for (;;) {
		if (*p == '\0')
			p = ".";
		r = dns_query(c->d, p, LDNS_RR_TYPE_SOA, &rrs, e);
		own = r == DNS_ANSWER && owned_by(rrs, p);
		ldns_rr_list_deep_free(rrs);
		/* Zone files alone: a name outside them answers nothing. */
		if (r == DNS_TEMPERROR &&
		    strcmp(e->what, DNS_NOT_IN_ZONES) != 0)
			return -1;
		if (own) {
			snprintf(apex, len, "%s", p);
			return 1;
		}
		if (strcmp(p, ".") == 0)
			return 0;
		p = strchr(p, '.') ? strchr(p, '.') + 1 : "";
	}
}

static const char *
parent_of(const char *apex)
{
	const char *p = strchr(apex, '.');

	return p != NULL && p[1] != '\0' ? p + 1 : ".";
}

/* Does anchor (a DS or a DNSKEY) designate key? */
static bool
designates(const ldns_rr *anchor, const ldns_rr *key)
{
	if (ldns_rr_get_type(anchor) == LDNS_RR_TYPE_DS)
		return ldns_rr_compare_ds(anchor, key);
	return ldns_rr_get_type(anchor) == LDNS_RR_TYPE_DNSKEY &&
	    ldns_rr_rd_count(anchor) == 4 && ldns_rr_rd_count(key) == 4 &&
	    ldns_rdf_compare(ldns_rr_rdf(anchor, 2), ldns_rr_rdf(key, 2)) ==
	    0 && ldns_rdf_compare(ldns_rr_rdf(anchor, 3), ldns_rr_rdf(key,
	    3)) == 0;
}

/* The keys of dnskeys designated by a record of refs owned by apex. */
static ldns_rr_list *
designated(const ldns_rr_list *dnskeys, const ldns_rr_list *refs,
    const ldns_rr *apex_rr)
{
	ldns_rr_list *keys = ldns_rr_list_new();
	const ldns_rr *ref, *key;
	size_t i, j;

	for (i = 0; keys != NULL && refs != NULL &&
	    i < ldns_rr_list_rr_count(refs); i++) {
		ref = ldns_rr_list_rr(refs, i);
		if (ldns_dname_compare(ldns_rr_owner(ref),
		    ldns_rr_owner(apex_rr)) != 0)
			continue;
		for (j = 0; j < ldns_rr_list_rr_count(dnskeys); j++) {
			key = ldns_rr_list_rr(dnskeys, j);
			if (designates(ref, key) &&
			    !ldns_rr_list_contains_rr(keys, key))
				ldns_rr_list_push_rr(keys, (ldns_rr *)key);
		}
	}
	return keys;
}

/* Does a record of refs belong to the name of apex_rr? */
static bool
has_owner(const ldns_rr_list *refs, const char *apex)
{
	ldns_rdf *name = dns_name(apex);
	size_t i;
	bool found = false;

	for (i = 0; name != NULL && refs != NULL &&
	    i < ldns_rr_list_rr_count(refs); i++)
		if (ldns_dname_compare(ldns_rr_owner(ldns_rr_list_rr(refs, i)),
		    name) == 0)
			found = true;
	if (name != NULL)
		ldns_rdf_deep_free(name);
	return found;
}

static const char *
sig_error(ldns_status st)
{
	switch (st) {
	case LDNS_STATUS_CRYPTO_SIG_EXPIRED:
		return "the RRSIG has expired";
	case LDNS_STATUS_CRYPTO_SIG_NOT_INCEPTED:
		return "the RRSIG is not valid yet";
	case LDNS_STATUS_CRYPTO_NO_MATCHING_KEYTAG_DNSKEY:
	case LDNS_STATUS_CRYPTO_NO_TRUSTED_DNSKEY:
		return "signed by no key of the zone's trusted DNSKEYs";
	case LDNS_STATUS_CRYPTO_BOGUS:
		return "the signature does not verify";
	case LDNS_STATUS_CRYPTO_NO_RRSIG:
		return "no RRSIG";
	default:
		return ldns_get_errorstr_by_id(st);
	}
}

/* The best outcome of rrset's signatures against keys. */
static ldns_status
verify(const struct dnssec_ctx *c, const ldns_rr_list *rrset,
    const ldns_rr_list *sigs, const ldns_rr_list *keys)
{
	ldns_rr_list *good;
	ldns_status st, worst = LDNS_STATUS_CRYPTO_NO_RRSIG;
	size_t i;

	for (i = 0; sigs != NULL && i < ldns_rr_list_rr_count(sigs); i++) {
		if ((good = ldns_rr_list_new()) == NULL)
			return LDNS_STATUS_MEM_ERR;
		st = ldns_verify_rrsig_keylist_time(rrset,
		    ldns_rr_list_rr(sigs, i), keys, (time_t)c->now, good);
		ldns_rr_list_free(good);
		if (st == LDNS_STATUS_OK)
			return st;
		if (i == 0 || st == LDNS_STATUS_CRYPTO_SIG_EXPIRED ||
		    st == LDNS_STATUS_CRYPTO_SIG_NOT_INCEPTED)
			worst = st;
	}
	return worst;
}

static void
free_lists(ldns_rr_list *a, ldns_rr_list *b)
{
	ldns_rr_list_deep_free(a);
	ldns_rr_list_deep_free(b);
}

/*
 * The validated DNSKEY set of the zone at apex into *keys (owned), from
 * an anchor at apex or the DS of the zone above, recursively.
 */
static enum dnssec_state
chain(const struct dnssec_ctx *c, const char *apex, int depth,
    ldns_rr_list **keys, char *why, size_t wl)
{
	ldns_rr_list *dk, *dks, *ds, *dss, *pk, *use;
	enum dnssec_state s;
	enum dns_result r;
	struct derr e;
	ldns_status st;
	char parent[256];
	int pr;
	bool by_ds;

	*keys = NULL;
	if (depth > DEPTH_MAX) {
		snprintf(why, wl, "over %d zones above", DEPTH_MAX);
		return DNSSEC_BOGUS;
	}
	ds = dss = pk = NULL;
	if (!has_owner(c->anchors, apex)) {
		if (strcmp(apex, ".") == 0) {
			snprintf(why, wl, "no trust anchor for the root");
			return DNSSEC_INSECURE;
		}
		pr = find_apex(c, parent_of(apex), parent, sizeof(parent), &e);
		if (pr == -1) {
			snprintf(why, wl, "%s: %s", e.where, e.what);
			return DNSSEC_TEMPERROR;
		}
		if (pr == 0) {
			snprintf(why, wl, "no zone above %s answers and no "
			    "trust anchor is given for it", apex);
			return DNSSEC_INSECURE;
		}
		if ((s = chain(c, parent, depth + 1, &pk, why, wl)) !=
		    DNSSEC_SECURE)
			return s;
		r = dns_query_signed(c->d, apex, LDNS_RR_TYPE_DS, &ds, &dss, &e);
		if (r == DNS_TEMPERROR) {
			ldns_rr_list_deep_free(pk);
			snprintf(why, wl, "%s DS: %s", apex, e.what);
			return DNSSEC_TEMPERROR;
		}
		if (r != DNS_ANSWER) {
			ldns_rr_list_deep_free(pk);
			snprintf(why, wl, "no DS for %s in %s: an unsigned "
			    "delegation", apex, parent);
			return DNSSEC_INSECURE;
		}
		st = verify(c, ds, dss, pk);
		ldns_rr_list_deep_free(pk);
		if (st != LDNS_STATUS_OK) {
			snprintf(why, wl, "DS of %s in %s: %s", apex, parent,
			    sig_error(st));
			free_lists(ds, dss);
			return DNSSEC_BOGUS;
		}
	}
	r = dns_query_signed(c->d, apex, LDNS_RR_TYPE_DNSKEY, &dk, &dks, &e);
	if (r == DNS_TEMPERROR) {
		snprintf(why, wl, "%s DNSKEY: %s", apex, e.what);
		free_lists(ds, dss);
		return DNSSEC_TEMPERROR;
	}
	if (r != DNS_ANSWER) {
		snprintf(why, wl, "%s for %s, but it has no DNSKEY", ds ?
		    "a DS" : "a trust anchor", apex);
		free_lists(ds, dss);
		return DNSSEC_BOGUS;
	}
	by_ds = ds != NULL;
	use = designated(dk, by_ds ? ds : c->anchors, ldns_rr_list_rr(dk, 0));
	free_lists(ds, dss);
	if (use == NULL || ldns_rr_list_rr_count(use) == 0) {
		snprintf(why, wl, "no DNSKEY of %s matches its %s", apex,
		    by_ds ? "DS" : "trust anchor");
		st = LDNS_STATUS_ERR;
	} else if ((st = verify(c, dk, dks, use)) != LDNS_STATUS_OK)
		snprintf(why, wl, "DNSKEY set of %s: %s", apex, sig_error(st));
	ldns_rr_list_free(use);
	ldns_rr_list_deep_free(dks);
	if (st != LDNS_STATUS_OK) {
		ldns_rr_list_deep_free(dk);
		return DNSSEC_BOGUS;
	}
	*keys = dk;
	return DNSSEC_SECURE;
}

enum dnssec_state
dnssec_rrset(const struct dnssec_ctx *c, const char *name,
    const ldns_rr_list *rrset, const ldns_rr_list *sigs, char *why,
    size_t wl)
{
	ldns_rr_list *keys;
	enum dnssec_state s;
	struct derr e;
	ldns_status st;
	char apex[256], dummy[8];
	int r;

	if (why == NULL) {
		why = dummy;
		wl = sizeof(dummy);
	}
	*why = '\0';
	if ((r = find_apex(c, name, apex, sizeof(apex), &e)) <= 0) {
		snprintf(why, wl, r == 0 ? "no zone of %s answers" : "%s",
		    r == 0 ? name : e.what);
		return r == 0 ? DNSSEC_INSECURE : DNSSEC_TEMPERROR;
	}
	if ((s = chain(c, apex, 0, &keys, why, wl)) != DNSSEC_SECURE)
		return s;
	st = verify(c, rrset, sigs, keys);
	ldns_rr_list_deep_free(keys);
	if (st == LDNS_STATUS_OK)
		return DNSSEC_SECURE;
	snprintf(why, wl, "%s: %s", name, sig_error(st));
	return DNSSEC_BOGUS;
}

/*
 * The zone's own records (SOA and DNSKEY at the apex, MX and TXT of
 * the domain) against its DNSKEYs, whatever the chain says.  0 good,
 * 1 bogus (why filled), -1 DNS (why filled).
 */
static int
self_check(const struct dnssec_ctx *c, const char *apex, const char *dom,
    const ldns_rr_list *dk, char *why, size_t wl)
{
	static const ldns_rr_type types[] = { LDNS_RR_TYPE_DNSKEY,
	    LDNS_RR_TYPE_SOA, LDNS_RR_TYPE_MX, LDNS_RR_TYPE_TXT };
	ldns_rr_list *rrs, *sigs;
	enum dns_result r;
	struct derr e;
	ldns_status st;
	const char *n;
	size_t i;

	for (i = 0; i < nitems(types); i++) {
		n = i < 2 ? apex : dom;
		r = dns_query_signed(c->d, n, types[i], &rrs, &sigs, &e);
		if (r == DNS_TEMPERROR) {
			if (snprintf(why, wl, "%s: %s", e.where, e.what) < 0)
				*why = '\0';
			return -1;
		}
		if (r != DNS_ANSWER)
			continue;
		st = verify(c, rrs, sigs, dk);
		free_lists(rrs, sigs);
		if (st != LDNS_STATUS_OK) {
			snprintf(why, wl, "%s %s: %s", n,
			    ldns_rr_descript(types[i])->_name, sig_error(st));
			return 1;
		}
	}
	return 0;
}

/* The anchors' owner names for the message: the first one. */
static void
anchor_name(const struct dnssec_ctx *c, char *buf, size_t len)
{
	char *s = NULL;

	if (c->anchors != NULL && ldns_rr_list_rr_count(c->anchors) > 0)
		s = ldns_rdf2str(ldns_rr_owner(ldns_rr_list_rr(c->anchors, 0)));
	snprintf(buf, len, "%s", s ? s : "?");
	free(s);
}

void
dnssec_audit(const struct dnssec_ctx *c, const char *dom,
    struct finding_list *l)
{
	ldns_rr_list *dk, *dks, *keys;
	enum dnssec_state s;
	enum dns_result r;
	struct derr e;
	char apex[256], why[400], why2[512], an[256];
	int k;

	switch (find_apex(c, dom, apex, sizeof(apex), &e)) {
	case -1:
		finding_add(l, "dnssec", dom, FINDING_TEMPERROR, NULL, "%s: %s",
		    e.where, e.what);
		return;
	case 0:
		finding_add(l, "dnssec", dom, FINDING_INFO, NULL, "no SOA at "
		    "%s or above: DNSSEC not checked", dom);
		return;
	}
	r = dns_query_signed(c->d, apex, LDNS_RR_TYPE_DNSKEY, &dk, &dks, &e);
	if (r == DNS_TEMPERROR) {
		finding_add(l, "dnssec", apex, FINDING_TEMPERROR, NULL, "%s "
		    "DNSKEY: %s", apex, e.what);
		return;
	}
	if (r != DNS_ANSWER) {
		/* A DS with no key breaks the zone; no DS is just unsigned. */
		r = dns_query(c->d, apex, LDNS_RR_TYPE_DS, &keys, &e);
		ldns_rr_list_deep_free(keys);
		if (r == DNS_ANSWER)
			finding_add(l, "dnssec", apex, FINDING_FAIL, "bogus", "a DS "
			    "for %s in its parent, but no DNSKEY: validating "
			    "resolvers fail every name of the zone", apex);
		else
			finding_add(l, "dnssec", apex, FINDING_INFO, "unsigned",
			    "the zone %s is not signed (no DNSKEY): no DANE, "
			    "no protection from forged answers", apex);
		return;
	}
	k = self_check(c, apex, dom, dk, why, sizeof(why));
	free_lists(dk, dks);
	if (k == -1) {
		finding_add(l, "dnssec", apex, FINDING_TEMPERROR, NULL, "%s",
		    why);
		return;
	}
	if (k == 1) {
		finding_add(l, "dnssec", apex, FINDING_FAIL, "bogus", "signed, "
		    "but %s: validating resolvers answer SERVFAIL", why);
		return;
	}
	s = chain(c, apex, 0, &keys, why2, sizeof(why2));
	ldns_rr_list_deep_free(keys);
	anchor_name(c, an, sizeof(an));
	switch (s) {
	case DNSSEC_SECURE:
		finding_add(l, "dnssec", apex, FINDING_PASS, "secure", "signed; "
		    "validates from the trust anchor for %s", an);
		break;
	case DNSSEC_INSECURE:
		finding_add(l, "dnssec", apex, FINDING_WARN, "insecure", "signed "
		    "with good signatures, but no chain of trust: %s", why2);
		break;
	case DNSSEC_BOGUS:
		finding_add(l, "dnssec", apex, FINDING_FAIL, "bogus", "signed, "
		    "but %s: validating resolvers answer SERVFAIL", why2);
		break;
	default:
		finding_add(l, "dnssec", apex, FINDING_TEMPERROR, NULL, "%s",
		    why2);
	}
}
