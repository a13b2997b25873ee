/*
 * dnscheck's offline MTA-STS policy check (see dnscheck/mtasts.h): the
 * RFC 8461 3.2 policy grammar (fields, LF or CRLF lines), mx: patterns
 * against the MX hosts, and the _mta-sts TXT that announces the policy.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/deliv.h"
#include "core/finding.h"
#include "core/util.h"
#include "dnscheck/mtasts.h"
#include "net/dns.h"

static void __attribute__((format(printf, 3, 4)))
perr(struct mtasts_policy *p, int line, const char *fmt, ...)
{
	va_list ap;

	if (p->nerr == MTASTS_MAX_ERRORS)
		return;
	p->err[p->nerr].line = line;
	va_start(ap, fmt);
	vsnprintf(p->err[p->nerr].what, sizeof(p->err[p->nerr].what), fmt,
	    ap);
	va_end(ap);
	p->nerr++;
}

/* ["*."] domain, labels of letters, digits, hyphens. */
static int
mx_pattern_ok(const char *s)
{
	size_t lab = 0;

	if (strncmp(s, "*.", 2) == 0)
		s += 2;
	if (*s == '\0' || strlen(s) > 253)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s == '.') {
			if (lab == 0 || s[1] == '\0')
				return 0;
			lab = 0;
		} else if ((isalnum((unsigned char)*s) || *s == '-' ||
		    *s == '_') && ++lab <= 63)
			continue;
		else
			return 0;
	}
	return 1;
}

/* One "key: value" line (NUL-free, no terminator). */
static void
field(struct mtasts_policy *p, int line, char *s, int *seen)
{
	char *colon = strchr(s, ':'), *v;
	size_t kl, vl;
	char *end;

	if (colon == NULL || colon == s) {
		perr(p, line, "not a \"key: value\" field");
		return;
	}
	*colon = '\0';
	kl = strlen(s);
	if (kl > 32 || !isalnum((unsigned char)s[0]) ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-.") != kl) {
		perr(p, line, "\"%.40s\" is not a field name", s);
		return;
	}
	v = colon + 1;
	v += strspn(v, " \t");
	vl = strlen(v);
	while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
		v[--vl] = '\0';
	if (strcmp(s, "mx") == 0) {
		if (!mx_pattern_ok(v))
			perr(p, line, "mx: \"%.60s\" is not a host name or "
			    "*.domain pattern", v);
		else if (p->nmx == MTASTS_MAX_MX)
			perr(p, line, "over %d mx: fields", MTASTS_MAX_MX);
		else {
			snprintf(p->mx[p->nmx], sizeof(p->mx[0]), "%s", v);
			str_lower(p->mx[p->nmx++]);
		}
		return;
	}
	if (strcmp(s, "version") != 0 && strcmp(s, "mode") != 0 &&
	    strcmp(s, "max_age") != 0)
		return;		/* extensions are ignored (RFC 8461 3.2) */
	if (seen[s[1] == 'e' ? 0 : s[1] == 'o' ? 1 : 2]++) {
		perr(p, line, "%s: given twice", s);
		return;
	}
	if (s[1] == 'e') {
		if (strcmp(v, "STSv1") == 0)
			p->version = 1;
		else
			perr(p, line, "version: \"%.40s\", not STSv1", v);
	} else if (s[1] == 'o') {
		if (strcmp(v, "enforce") == 0 || strcmp(v, "testing") == 0 ||
		    strcmp(v, "none") == 0)
			snprintf(p->mode, sizeof(p->mode), "%s", v);
		else
			perr(p, line, "mode: \"%.40s\", not enforce, testing "
			    "or none", v);
	} else {
		errno = 0;
		if (vl == 0 || vl > 10 || strspn(v, "0123456789") != vl ||
		    (p->max_age = strtoll(v, &end, 10)) > MTASTS_MAX_AGE) {
			p->max_age = -1;
			perr(p, line, "max_age: \"%.40s\", not 0 to %d seconds",
			    v, MTASTS_MAX_AGE);
		}
	}
}

void
mtasts_policy_parse(const char *text, size_t len, const char *name,
    struct mtasts_policy *p)
{
	char buf[1024];
	size_t i = 0, n;
	int line = 0, seen[3] = { 0, 0, 0 };

	memset(p, 0, sizeof(*p));
	p->max_age = -1;
	snprintf(p->name, sizeof(p->name), "%s", name);
	if (len > MTASTS_MAX_SIZE)
		perr(p, 0, "over %d bytes (RFC 8461 3.3)", MTASTS_MAX_SIZE);
	while (i < len && p->nerr < MTASTS_MAX_ERRORS) {
		line++;
		for (n = 0; i + n < len && text[i + n] != '\n'; n++)
			;
		if (memchr(text + i, '\0', n) != NULL)
			perr(p, line, "a NUL byte");
		else if (n > 0 && memchr(text + i, '\r', n - 1) != NULL)
			perr(p, line, "a CR inside the line");
		else if (n - (n > 0 && text[i + n - 1] == '\r') >= sizeof(buf))
			perr(p, line, "longer than %zu bytes", sizeof(buf) - 1);
		else {
			memcpy(buf, text + i, n);
			buf[n - (n > 0 && text[i + n - 1] == '\r')] = '\0';
			if (buf[0] != '\0')
				field(p, line, buf, seen);
		}
		i += n + 1;
	}
	if (!seen[0])
		perr(p, 0, "no version: field");
	if (!seen[1])
		perr(p, 0, "no mode: field");
	if (!seen[2])
		perr(p, 0, "no max_age: field");
	if (p->nmx == 0 && strcmp(p->mode, "none") != 0)
		perr(p, 0, "no mx: field: no MX host may receive");
}

struct mtasts_policy *
mtasts_policy_load(const char *path, struct derr *e)
{
	struct mtasts_policy *p;
	char *buf;
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return NULL;
	}
	p = malloc(sizeof(*p));
	buf = malloc(MTASTS_MAX_SIZE + 1);
	if (p == NULL || buf == NULL) {
		derr_set(e, path, "%s", strerror(ENOMEM));
		goto fail;
	}
	n = fread(buf, 1, MTASTS_MAX_SIZE + 1, fp);
	if (ferror(fp)) {
		derr_set(e, path, "%s", strerror(errno));
		goto fail;
	}
	fclose(fp);
	mtasts_policy_parse(buf, n, path, p);
	free(buf);
	return p;
fail:
	fclose(fp);
	free(buf);
	free(p);
	return NULL;
}

void
mtasts_policy_free(struct mtasts_policy *p)
{
	free(p);
}

int
mtasts_mx_match(const char *pat, const char *host)
{
	const char *dot;

	if (strncmp(pat, "*.", 2) == 0) {
		dot = strchr(host, '.');
		return dot != NULL && dot != host &&
		    strcasecmp(dot + 1, pat + 2) == 0;
	}
	return strcasecmp(pat, host) == 0;
}

/* Has name a v=STSv1 TXT record?  1, 0, -1 DNS did not answer. */
static int
has_txt(struct dns *d, const char *name)
{
	struct derr e;
	size_t found;
	char *rec;

	if (dns_txt_version(d, name, "v=STSv1", &rec, &found, &e) ==
	    DNS_TEMPERROR)
		return -1;
	free(rec);
	return found > 0;
}

static void
check_mx(struct dns *d, const struct mtasts_policy *p, const char *dom,
    const char *subj, struct finding_list *l)
{
	ldns_rr_list *mx;
	struct derr e;
	char *host;
	size_t i, j, n, bad = 0, used[MTASTS_MAX_MX] = { 0 };

	if (dns_query(d, dom, LDNS_RR_TYPE_MX, &mx, &e) != DNS_ANSWER)
		return;		/* the mx check reports it */
	n = ldns_rr_list_rr_count(mx);
	for (i = 0; i < n; i++) {
		if ((host = ldns_rdf2str(ldns_rr_mx_exchange(
		    ldns_rr_list_rr(mx, i)))) == NULL) {
			l->nomem = 1;
			continue;
		}
		if (strlen(host) > 1 && host[strlen(host) - 1] == '.')
			host[strlen(host) - 1] = '\0';
		for (j = 0; j < p->nmx; j++)
			if (mtasts_mx_match(p->mx[j], host))
				break;
		if (j < p->nmx)
			used[j]++;
		else if (strcmp(host, ".") != 0) {
			bad++;
			finding_add(l, "mta-sts", subj, strcmp(p->mode,
			    "enforce") == 0 ? FINDING_FAIL : FINDING_WARN, host,
			    "MX host %s matches no mx: pattern: senders %s",
			    host, strcmp(p->mode, "enforce") == 0 ?
			    "that apply the policy will not deliver to it" :
			    "will report it once the mode is enforce");
		}
		free(host);
	}
	for (j = 0; j < p->nmx; j++)
		if (used[j] == 0)
			finding_add(l, "mta-sts", subj, FINDING_INFO, p->mx[j],
			    "mx: pattern %s matches no MX host of %s",
			    p->mx[j], dom);
	if (bad == 0 && n > 0)
		finding_add(l, "mta-sts", subj, FINDING_PASS, NULL, "every MX "
		    "host (%zu) matches an mx: pattern of the policy", n);
	ldns_rr_list_deep_free(mx);
}

void
mtasts_audit(struct dns *d, const struct mtasts_policy *p, const char *dom,
    struct finding_list *l)
{
	char name[300], subj[300];
	size_t i;
	int txt;

	snprintf(name, sizeof(name), "_mta-sts.%s", dom);
	snprintf(subj, sizeof(subj), "mta-sts.%s", dom);
	if ((txt = has_txt(d, name)) == -1)
		return;		/* the TXT check reports the temperror */
	if (p == NULL) {
		if (txt == 1)
			finding_add(l, "mta-sts", subj, FINDING_INFO, NULL,
			    "policy not fetched (offline): give "
			    "--mta-sts-policy FILE to check it");
		return;
	}
	for (i = 0; i < p->nerr; i++)
		if (p->err[i].line > 0)
			finding_add(l, "mta-sts", subj, FINDING_FAIL, NULL,
			    "%s:%d: %s", p->name, p->err[i].line,
			    p->err[i].what);
		else
			finding_add(l, "mta-sts", subj, FINDING_FAIL, NULL,
			    "%s: %s", p->name, p->err[i].what);
	if (txt == 0)
		finding_add(l, "mta-sts", subj, FINDING_WARN, NULL, "a policy is "
		    "given, but %s has no v=STSv1 TXT record: senders never "
		    "fetch it", name);
	if (strcmp(p->mode, "enforce") == 0 && p->nerr == 0)
		finding_add(l, "mta-sts", subj, FINDING_PASS, p->mode, "policy "
		    "mode enforce, max_age %lld, %zu mx: pattern%s", p->max_age,
		    p->nmx, p->nmx == 1 ? "" : "s");
	else if (strcmp(p->mode, "testing") == 0)
		finding_add(l, "mta-sts", subj, FINDING_WARN, p->mode, "policy "
		    "mode testing: failures are only reported, mail still "
		    "goes without TLS");
	else if (strcmp(p->mode, "none") == 0)
		finding_add(l, "mta-sts", subj, FINDING_INFO, p->mode, "policy "
		    "mode none: MTA-STS is withdrawn for %s", dom);
	if (p->max_age >= 0 && p->max_age < 86400)
		finding_add(l, "mta-sts", subj, FINDING_WARN, NULL, "max_age "
		    "%lld: under a day, the policy protects little between "
		    "fetches (RFC 8461 advises weeks)", p->max_age);
	if (p->nmx > 0)
		check_mx(d, p, dom, subj, l);
}
