/*
 * DKIM key record checks.  See auth/dkim.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "auth/dkim.h"
#include "core/deliv.h"
#include "core/finding.h"
#include "core/util.h"
#include "net/dns.h"

#define DKIM_MAX_TAGS	32

const char *const dkim_common_selectors[] = {
	"default", "dkim", "google", "selector1", "selector2", "k1", "k2",
	"k3", "s1", "s2", "mail", "smtp", "key1", "key2", "dkim1", "mx",
	"email", "pm", "mandrill", "mailjet", "everlytickey1", "fm1",
	"protonmail", "sig1", "zendesk1", NULL
};

int
dkim_tags_split(char *s, struct dkim_tag *t, size_t max, int flags, char *err,
    size_t elen)
{
	char *spec, *next, *eq, *n;
	size_t nt = 0, i;
	int lenient = (flags & DKIM_TAGS_LENIENT) != 0;

	for (spec = s; spec != NULL; spec = next) {
		if ((next = strchr(spec, ';')) != NULL)
			*next++ = '\0';
		if (*str_trim(spec) == '\0') {
			if (next == NULL || lenient)
				continue;	/* trailing ";" */
			snprintf(err, elen, "empty tag in the tag list");
			return -1;
		}
		if ((eq = strchr(spec, '=')) == NULL) {
			if (lenient)
				continue;
			snprintf(err, elen, "\"%s\" is not tag=value",
			    str_trim(spec));
			return -1;
		}
		*eq = '\0';
		n = str_trim(spec);
		if (!isalpha((unsigned char)*n)) {
			if (lenient)
				continue;
			snprintf(err, elen, "bad tag name \"%s\"", n);
			return -1;
		}
		for (i = 0; i < nt; i++)
			if (strcmp(t[i].name, n) == 0)
				break;
		if (i < nt) {
			if (lenient)
				continue;
			snprintf(err, elen, "tag %s= given twice "
			    "(RFC 6376 3.2)", n);
			return -1;
		}
		if (nt == max) {
			if (lenient)
				break;
			snprintf(err, elen, "too many tags");
			return -1;
		}
		t[nt].name = n;
		t[nt].value = str_trim(eq + 1);
		nt++;
	}
	return (int)nt;
}

const char *
dkim_tag_get(const struct dkim_tag *t, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return t[i].value;
	return NULL;
}

/* Is word one of the colon-separated items of list (case-insensitive)? */
static int
list_has(const char *list, const char *word)
{
	const char *p = list, *e;
	size_t wl = strlen(word), l;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		e = strchr(p, ':');
		l = e ? (size_t)(e - p) : strlen(p);
		while (l > 0 && (p[l - 1] == ' ' || p[l - 1] == '\t'))
			l--;
		if (l == wl && strncasecmp(p, word, l) == 0)
			return 1;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return 0;
}

/*
 * Base64 of p= (folding white space removed) into a new buffer.  Returns
 * the length, or -1 when it is not base64.
 */
static int
b64_decode(const char *in, unsigned char **out)
{
	char *s;
	size_t n = 0, i, pad = 0;
	int len;

	*out = NULL;
	if ((s = malloc(strlen(in) + 1)) == NULL)
		return -1;
	for (i = 0; in[i] != '\0'; i++) {
		if (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' ||
		    in[i] == '\n')
			continue;
		if (!isalnum((unsigned char)in[i]) && in[i] != '+' &&
		    in[i] != '/' && in[i] != '=') {
			free(s);
			return -1;
		}
		if (pad > 0 && in[i] != '=') {		/* data after '=' */
			free(s);
			return -1;
		}
		if (in[i] == '=')
			pad++;
		s[n++] = in[i];
	}
	if (n == 0 || n % 4 != 0 || pad > 2 ||
	    (*out = malloc(n / 4 * 3 + 1)) == NULL) {
		free(s);
		return -1;
	}
	len = EVP_DecodeBlock(*out, (unsigned char *)s, (int)n);
	free(s);
	if (len < 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return len - (int)pad;
}

/* Parse the key; fill bits/pkcs1.  0, or -1 with why in err. */
static int
key_parse(struct dkim_key *k, const char *p, char *err, size_t elen)
{
	EVP_PKEY *pk = NULL;
	const unsigned char *q;
	unsigned char *der = NULL;
	int len, rc = -1;

	if ((len = b64_decode(p, &der)) <= 0) {
		snprintf(err, elen, "p= is not valid base64");
		goto out;
	}
	if (strcasecmp(k->k, "ed25519") == 0) {
		if (len != 32) {
			snprintf(err, elen, "Ed25519 p= must be the raw "
			    "32-byte key (RFC 8463), not %d bytes", len);
			goto out;
		}
		pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, der,
		    32);
	} else {
		q = der;
		pk = d2i_PUBKEY(NULL, &q, len);
		if (pk != NULL && (!EVP_PKEY_is_a(pk, "RSA") ||
		    q != der + len)) {
			EVP_PKEY_free(pk);
			pk = NULL;
		}
		if (pk == NULL) {
			ERR_clear_error();
			q = der;
			pk = d2i_PublicKey(EVP_PKEY_RSA, NULL, &q, len);
			if (pk != NULL && q != der + len) {
				EVP_PKEY_free(pk);
				pk = NULL;
			}
			if (pk != NULL)
				k->pkcs1 = 1;
		}
	}
	if (pk == NULL) {
		ERR_clear_error();
		snprintf(err, elen, "p= is not a valid %s public key", k->k);
		goto out;
	}
	k->bits = EVP_PKEY_get_bits(pk);
	rc = 0;
out:
	EVP_PKEY_free(pk);
	free(der);
	return rc;
}

enum finding_status
dkim_key_check(const char *txt, struct dkim_key *k, char *detail,
    size_t len)
{
	struct dkim_tag t[DKIM_MAX_TAGS];
	enum finding_status st = FINDING_PASS;
	const char *v, *p, *h, *s, *f;
	char *buf, err[256], notes[512] = "";
	int nt;

	memset(k, 0, sizeof(*k));
	snprintf(k->k, sizeof(k->k), "rsa");
	if ((buf = strdup(txt)) == NULL) {
		snprintf(detail, len, "out of memory");
		return FINDING_TEMPERROR;
	}
	if ((nt = dkim_tags_split(buf, t, nitems(t), 0, err,
	    sizeof(err))) < 0) {
		snprintf(detail, len, "not a valid tag list: %s", err);
		st = FINDING_FAIL;
		goto out;
	}
	if ((v = dkim_tag_get(t, nt, "v")) != NULL) {
		if (strcmp(v, "DKIM1") != 0) {
			snprintf(detail, len, "v=%s: not a DKIM1 key record "
			    "(RFC 6376 3.6.1)", v);
			st = FINDING_FAIL;
			goto out;
		}
		if (strcmp(t[0].name, "v") != 0) {
			strcat(notes, "; v= is not the first tag (RFC 6376 "
			    "3.6.1)");
			st = FINDING_WARN;
		}
	}
	if ((f = dkim_tag_get(t, nt, "k")) != NULL) {
		if (strcasecmp(f, "rsa") != 0 &&
		    strcasecmp(f, "ed25519") != 0) {
			snprintf(detail, len, "unknown key type k=%s", f);
			st = FINDING_FAIL;
			goto out;
		}
		snprintf(k->k, sizeof(k->k), "%s", f);
		str_lower(k->k);
	}
	if ((h = dkim_tag_get(t, nt, "h")) != NULL && !list_has(h, "sha256")) {
		snprintf(detail, len, "h=%s: no sha256, and rsa-sha1 must not "
		    "be used (RFC 8301 3.1)", h);
		st = FINDING_FAIL;
		goto out;
	}
	if ((s = dkim_tag_get(t, nt, "s")) != NULL && !list_has(s, "email") &&
	    !list_has(s, "*")) {
		snprintf(detail, len, "s=%s: the key is not for email", s);
		st = FINDING_FAIL;
		goto out;
	}
	if ((f = dkim_tag_get(t, nt, "t")) != NULL) {
		if (list_has(f, "y")) {
			k->testing = 1;
			strcat(notes, "; t=y: testing mode, receivers may "
			    "treat mail as unsigned");
			st = FINDING_WARN;
		}
		if (list_has(f, "s"))
			k->strict = 1;
	}
	if ((p = dkim_tag_get(t, nt, "p")) == NULL) {
		snprintf(detail, len, "no p= tag: p= is required");
		st = FINDING_FAIL;
		goto out;
	}
	if (*p == '\0') {
		k->revoked = 1;
		snprintf(detail, len, "key revoked (empty p=)");
		st = FINDING_FAIL;
		goto out;
	}
	if (key_parse(k, p, err, sizeof(err)) == -1) {
		snprintf(detail, len, "%s", err);
		st = FINDING_FAIL;
		goto out;
	}
	if (k->pkcs1) {
		strcat(notes, "; bare RSAPublicKey, not SubjectPublicKeyInfo: "
		    "some verifiers reject it");
		st = FINDING_WARN;
	}
	if (strcmp(k->k, "ed25519") == 0)
		snprintf(detail, len, "Ed25519 key (RFC 8463)%s", notes);
	else if (k->bits < 1024) {
		snprintf(detail, len, "RSA %d-bit key: under 1024 bits, "
		    "verifiers must reject it (RFC 8301 3.2)%s", k->bits,
		    notes);
		st = FINDING_FAIL;
	} else if (k->bits < 2048) {
		snprintf(detail, len, "RSA %d-bit key: 2048 bits recommended "
		    "(RFC 8301 3.2)%s", k->bits, notes);
		if (st == FINDING_PASS)
			st = FINDING_WARN;
	} else
		snprintf(detail, len, "RSA %d-bit key%s", k->bits, notes);
out:
	free(buf);
	return st;
}

int
dkim_audit(struct dns *d, const char *domain, const char *sel,
    int required, struct finding_list *l)
{
	struct dkim_key k;
	struct derr e;
	enum finding_status st;
	ldns_rr_list *rrs;
	char name[300], detail[640], **txt = NULL, *cname = NULL;
	size_t n, i;
	int r;

	if ((size_t)snprintf(name, sizeof(name), "%s._domainkey.%s", sel,
	    domain) >= sizeof(name)) {
		finding_add(l, "dkim", sel, FINDING_FAIL, NULL, "%s: name too long",
		    sel);
		return 0;
	}
	if ((r = dns_txt_check(d, name, &txt, &n, l, "dkim", sel)) <= 0) {
		if (r == 0 && required)
			finding_add(l, "dkim", sel, FINDING_FAIL, NULL,
			    "no key record at %s", name);
		return r;
	}
	if (dns_query(d, name, LDNS_RR_TYPE_CNAME, &rrs, &e) == DNS_ANSWER) {
		cname = ldns_rdf2str(ldns_rr_rdf(ldns_rr_list_rr(rrs, 0), 0));
		ldns_rr_list_deep_free(rrs);
	}
	r = 1;
	for (i = 0; i < n; i++) {
		st = dkim_key_check(txt[i], &k, detail, sizeof(detail));
		if (n > 1 && st == FINDING_PASS)
			st = FINDING_WARN;
		finding_add(l, "dkim", sel, st, txt[i], "%s%s%s%s", detail,
		    n > 1 ? "; several TXT records at the selector: "
		    "verifiers may pick any (RFC 6376 3.6.2.2)" : "",
		    cname ? "; via CNAME to " : "", cname ? cname : "");
	}
	free(cname);
	dns_txt_free(txt);
	return r;
}
