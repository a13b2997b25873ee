/*
 * VERP return paths.  See bounce/verp.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce/verp.h"
#include "mail/address.h"
#include "mail/message.h"

/* A dot-atom local part's characters (RFC 5322 3.2.3), no "=". */
static bool
atext(int c)
{
	return isalnum(c) || (c != '\0' && strchr("!#$%&'*+-/?^_`{|}~.",
	    c) != NULL);
}

/* s[0..n) is a domain of two labels or more: letters, digits, hyphens. */
static bool
domain_ok(const char *s, size_t n)
{
	size_t i, label = 0, dots = 0;

	if (n == 0 || n > 253)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (label == 0)
				return false;
			label = 0;
			dots++;
		} else if (isalnum((unsigned char)s[i]) || s[i] == '-')
			label++;
		else
			return false;
	}
	return label > 0 && dots > 0;
}

/* The address MBOX@DOMAIN of "MBOX=DOMAIN" in s[0..n), or NULL. */
static char *
member(const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	size_t i, m;
	char *a;

	if (eq == NULL || (m = (size_t)(eq - s)) == 0 || m > 64 ||
	    memchr(eq + 1, '=', n - m - 1) != NULL ||
	    !domain_ok(eq + 1, n - m - 1) || s[0] == '.' || s[m - 1] == '.')
		return NULL;
	for (i = 0; i < m; i++)
		if (!atext((unsigned char)s[i]))
			return NULL;
	if ((a = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(a, s, n);
	a[m] = '@';
	a[n] = '\0';
	return a;
}

/* Does the prefix p[0..n) end with sfx (any case)? */
static bool
ends_with(const char *p, size_t n, const char *sfx)
{
	size_t k = strlen(sfx);

	return n > k && strncasecmp(p + n - k, sfx, k) == 0;
}

char *
verp_decode(const char *addr)
{
	const char *at, *plus, *ret, *p;
	size_t n;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL ||
	    !domain_ok(at + 1, strlen(at + 1)))
		return NULL;
	n = (size_t)(at - addr);
	/* Mailman's LIST-bounces+, Postfix's owner-LIST+ */
	if ((plus = memchr(addr, '+', n)) != NULL) {
		p = addr;
		if (ends_with(p, (size_t)(plus - p), "-bounces") ||
		    ends_with(p, (size_t)(plus - p), "-bounce") ||
		    ((size_t)(plus - p) > 6 && strncasecmp(p, "owner-", 6) == 0))
			return member(plus + 1, (size_t)(at - plus - 1));
		return NULL;
	}
	/*
	 * ezmlm's LIST-return-NUM-MBOX=DOMAIN (a distribution bounce), and
	 * LIST-return-warn-COOKIE-MBOX=DOMAIN, -return-probe-COOKIE- (its
	 * warning and probe messages bounced)
	 */
	for (p = addr; (ret = strstr(p, "-return-")) != NULL && ret < at;
	    p = ret + 1) {
		p = ret + 8;
		if (at - p > 5 && strncmp(p, "warn-", 5) == 0)
			p += 5;
		else if (at - p > 6 && strncmp(p, "probe-", 6) == 0)
			p += 6;
		else if (p >= at || !isdigit((unsigned char)*p))
			continue;
		while (p < at && isalnum((unsigned char)*p))
			p++;
		if (p < at && *p == '-')
			return member(p + 1, (size_t)(at - p - 1));
	}
	return NULL;
}

/*
 * fn(addr, field, arg) for each address the bounce was delivered to:
 * the X-Original-To, Delivered-To and Envelope-To headers, then each
 * mailbox of To, until fn returns true (then true).
 */
static bool
each_rcpt(GMimeMessage *m, bool (*fn)(const char *, const char *, void *),
    void *arg)
{
	static const char *const names[] = { "X-Original-To", "Delivered-To",
	    "Envelope-To" };
	InternetAddressList *l;
	const char *v, *a;
	char *c;
	size_t i;
	int j, n;
	bool stop;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if ((v = mail_header(GMIME_OBJECT(m), names[i])) == NULL)
			continue;
		while (isspace((unsigned char)*v))
			v++;
		if ((c = strdup(*v == '<' ? v + 1 : v)) == NULL)
			continue;
		c[strcspn(c, "> \t\r\n")] = '\0';
		stop = fn(c, names[i], arg);
		free(c);
		if (stop)
			return true;
	}
	if ((l = mail_message_to(m)) != NULL)
		for (j = 0, n = internet_address_list_length(l); j < n; j++)
			if ((a = mail_mailbox_addr(l, j)) != NULL &&
			    fn(a, "To", arg))
				return true;
	return false;
}

/* The VERP member found so far: the first, or a conflict. */
struct take {
	char		*got;
	const char	*field;
	bool		 conflict;
};

/* What addr's VERP path holds, into t (each_rcpt()'s fn). */
static bool
take(const char *addr, const char *name, void *arg)
{
	struct take *t = arg;
	char *a;

	if ((a = verp_decode(addr)) == NULL)
		return false;
	if (t->got == NULL) {
		t->got = a;
		t->field = name;
		return false;
	}
	if (strcasecmp(t->got, a) != 0)
		t->conflict = true;
	free(a);
	return false;
}

char *
verp_member(GMimeMessage *m, const char **field)
{
	struct take t = { NULL, NULL, false };

	*field = NULL;
	if (m == NULL)
		return NULL;
	(void)each_rcpt(m, take, &t);
	if (t.conflict) {
		free(t.got);
		return NULL;
	}
	*field = t.field;
	return t.got;
}

/*
 * The list LIST and its host of a list's bounce address addr (see
 * verp_list_own()) into list[0..*ln) and *host; false when addr is none.
 */
static bool
list_of(const char *addr, const char **list, size_t *ln, const char **host)
{
	const char *at, *p, *e;
	size_t n;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL ||
	    !domain_ok(at + 1, strlen(at + 1)))
		return false;
	*host = at + 1;
	e = memchr(addr, '+', (size_t)(at - addr));
	n = (size_t)((e != NULL ? e : at) - addr);
	if (n > 6 && strncasecmp(addr, "owner-", 6) == 0) {
		*list = addr + 6;
		*ln = n - 6;
		return true;
	}
	*list = addr;
	if (ends_with(addr, n, "-bounces"))
		*ln = n - 8;
	else if (ends_with(addr, n, "-bounce"))
		*ln = n - 7;
	else if ((p = strstr(addr, "-return-")) != NULL && p < at)
		*ln = (size_t)(p - addr);
	else
		return false;
	return *ln > 0;
}

/* Is a LIST@HOST, LIST-*@HOST or owner-LIST@HOST of bounce address b? */
static bool
list_addr(const char *b, const char *a)
{
	const char *list, *host, *at = strrchr(a, '@');
	size_t ln, n;

	if (at == NULL || !list_of(b, &list, &ln, &host) ||
	    strcasecmp(at + 1, host) != 0)
		return false;
	n = (size_t)(at - a);
	if (n > 6 && strncasecmp(a, "owner-", 6) == 0) {
		a += 6;
		n -= 6;
		return n == ln && strncasecmp(a, list, ln) == 0;
	}
	return n >= ln && strncasecmp(a, list, ln) == 0 &&
	    (n == ln || a[ln] == '-');
}

/* Is the address arg a list address beside bounce address b? */
static bool
own_of(const char *b, const char *field, void *arg)
{
	(void)field;
	return list_addr(b, arg);
}

bool
verp_list_own(GMimeMessage *m, const char *a)
{
	return m != NULL && a != NULL && each_rcpt(m, own_of, (void *)a);
}
