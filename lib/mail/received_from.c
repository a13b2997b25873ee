/*
 * The from clause of a Received: header: the peer's address, reverse-DNS
 * name, HELO and ident read from the clause and its comments by their
 * shape (see the table in received.c).  See mail/received_priv.h.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "mail/received.h"
#include "mail/received_priv.h"

/* A host name as a receiving MTA records it: dotted, or "localhost". */
static int
hostlike(const char *s, size_t n)
{
	if (n == 9 && strncasecmp(s, "localhost", 9) == 0)
		return 1;
	if (n == 7 && strncasecmp(s, "unknown", 7) == 0)
		return 0;
	return memchr(s, '.', n) != NULL && s[0] != '[' && s[0] != '<' &&
	    memchr(s, '@', n) == NULL;
}

/* What a from-clause comment says about the peer. */
struct cinfo {
	int		 found;
	char		 ip[64];
	int		 bracket;	/* [IP] */
	int		 port_in;	/* [IP:port] (ecelerity) */
	int		 port_after;	/* [IP]:port or IP:port */
	int		 verified;	/* CommuniGate "[IP] verified" */
	const char	*name;		/* "(NAME [IP])": the rDNS */
	size_t		 namelen;
	const char	*ident;
	size_t		 identlen;
};

static int
has_port_in(const char *w, size_t n)
{
	const char *rb = memchr(w, ']', n);
	size_t m = rb ? (size_t)(rb - w) : n;
	const char *c = memchr(w, ':', m);

	/* IPv4 "[1.2.3.4:25]": one colon, dots before it. */
	return c != NULL && memchr(c + 1, ':', m - (size_t)(c + 1 - w)) ==
	    NULL && memchr(w, '.', (size_t)(c - w)) != NULL;
}

static void
comment_info(const char *s, size_t n, struct cinfo *ci)
{
	const char *w, *prev = NULL, *at, *lb;
	size_t i = 0, wl, prevlen = 0, k;
	int skipnext = 0, client = 0, v, nw = 0;

	memset(ci, 0, sizeof(*ci));
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '(' || s[i] == ')' ||
		    s[i] == ','))
			i++;
		w = s + i;
		while (i < n && s[i] != ' ' && s[i] != '(' && s[i] != ')' &&
		    s[i] != ',')
			i++;
		if ((wl = (size_t)(s + i - w)) == 0)
			break;
		if (skipnext) {
			skipnext = 0;
			prev = NULL;
			continue;
		}
		/* After a HELO, helo= or ident= the rest of the comment is
		   what the client sent (an MTA that takes the whole HELO
		   line writes "HELO name [IP]" as sent): no peer. */
		if (client)
			continue;
		/* Client-written words name no peer: the account
		   (CommuniGate), the HELO argument, Exim's helo= and
		   ident= (the ident server is the client's too). */
		if (wl == 7 && strncasecmp(w, "account", 7) == 0) {
			skipnext = 1;
			continue;
		}
		if ((wl == 4 && (strncasecmp(w, "HELO", 4) == 0 ||
		    strncasecmp(w, "EHLO", 4) == 0 ||
		    strncasecmp(w, "LHLO", 4) == 0)) ||
		    (wl > 5 && strncasecmp(w, "helo=", 5) == 0) ||
		    (wl > 6 && strncasecmp(w, "ident=", 6) == 0)) {
			client = 1;
			prev = NULL;
			continue;
		}
		if (wl == 8 && strncasecmp(w, "verified", 8) == 0) {
			ci->verified = 1;
			continue;
		}
		if (ci->found) {
			prev = w;
			prevlen = wl;
			continue;
		}
		if (wl > 6 && strncasecmp(w, "IDENT:", 6) == 0) {
			w += 6;
			wl -= 6;
			if (memchr(w, '@', wl) == NULL) {
				ci->ident = w;
				ci->identlen = wl;
				prev = NULL;
				continue;
			}
		}
		/* user@IP, user@[IP], user@host */
		at = NULL;
		for (k = wl; k > 0; k--)
			if (w[k - 1] == '@') {
				at = w + k - 1;
				break;
			}
		if (at != NULL && at > w) {
			v = rcvd_ip_norm(at + 1, (size_t)(w + wl - at - 1),
			    ci->ip, sizeof(ci->ip));
			if (v != 0) {
				ci->found = 1;
				ci->bracket = at[1] == '[';
				ci->ident = w;
				ci->identlen = (size_t)(at - w);
			} else if (ci->ident == NULL) {
				ci->ident = w;
				ci->identlen = wl;
			}
			/* Sendmail's "ident@RDNS [IP]": the host is the
			   name an [IP] after it belongs to. */
			prev = NULL;
			if (at != NULL && at > w && at + 1 < w + wl &&
			    memchr(at, '[', (size_t)(w + wl - at)) == NULL) {
				prev = at + 1;
				prevlen = (size_t)(w + wl - at - 1);
			}
			continue;
		}
		if ((lb = memchr(w, '[', wl)) != NULL) {
			v = rcvd_ip_norm(lb, (size_t)(w + wl - lb), ci->ip,
			    sizeof(ci->ip));
			if (v != 0) {
				const char *rb = memchr(lb, ']',
				    (size_t)(w + wl - lb));

				ci->found = 1;
				ci->bracket = 1;
				ci->port_in = v == 4 &&
				    has_port_in(lb, (size_t)(w + wl - lb));
				ci->port_after = rb != NULL && rb + 1 < w + wl &&
				    rb[1] == ':';
				if (lb > w) {
					ci->name = w;
					ci->namelen = (size_t)(lb - w);
				} else if (prev != NULL) {
					ci->name = prev;
					ci->namelen = prevlen;
				}
				/* "<unknown.domain>[IP]" */
				if (ci->name != NULL && ci->name[0] == '<') {
					ci->name++;
					ci->namelen--;
					if (ci->namelen > 0 &&
					    ci->name[ci->namelen - 1] == '>')
						ci->namelen--;
				}
			}
			prev = NULL;
			continue;
		}
		/* A bare address: IPv6 anywhere, IPv4 only first (else it
		   may be a version number, "(Server 7.0.5.33 64bit)"). */
		v = rcvd_ip_norm_port(w, wl, ci->ip, sizeof(ci->ip), nw == 0);
		if (v == 6 || (v == 4 && nw == 0)) {
			ci->found = 1;
			ci->port_after = v == 4 && memchr(w, ':', wl) != NULL;
			prev = NULL;
			continue;
		}
		prev = w;
		prevlen = wl;
		nw++;
	}
	if (!ci->found)
		ci->ip[0] = '\0';
}

/* A comment that is one host name and nothing else: "(host.example)". */
static int
comment_host(const char *s, size_t n, const char **h, size_t *hl)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ' ' || s[i] == '(' || s[i] == ')' || s[i] == '[' ||
		    s[i] == '@' || s[i] == ',' || s[i] == '<' || s[i] == '=')
			return 0;	/* "(helo=host)" is Exim's HELO */
	char ip[64];
	int alpha = 0;

	while (n > 1 && s[n - 1] == '.')
		n--;
	for (i = 0; i < n; i++)
		if (isalpha((unsigned char)s[i]))
			alpha = 1;
	if (!alpha || !hostlike(s, n) ||
	    rcvd_ip_norm(s, n, ip, sizeof(ip)) != 0)
		return 0;
	*h = s;
	*hl = n;
	return 1;
}

int
rcvd_do_from(struct rcvd_parser *p, struct work *w, struct rcvd *r,
    const char *all, size_t alllen, struct derr *e)
{
	const struct span *sp = &w->cl[C_FROM];
	const struct tok *t, *fw = NULL, *ct = NULL;
	struct cinfo ci, c;
	char wip[64] = "", fip[64] = "";
	const char *fs = NULL, *text, *helo = NULL, *hname = NULL, *lb;
	size_t i, fl = 0, gl = 0, textlen, toff, o, n, helolen = 0;
	size_t hnamelen = 0;
	int rc, g, exim, explicit = 0;

	if (!sp->seen || sp->first >= sp->end)
		return 0;
	t = &w->t[sp->first];
	if (t->type == T_WORD) {
		fw = t;
		fs = w->u + fw->off;
		fl = fw->len;
		while (fl > 1 && fs[fl - 1] == '.')
			fl--;
		if (memchr(fs, '@', fl) != NULL || (fl > 0 && fs[0] == '<')) {
			fw = NULL;	/* a user or an address, no host */
			fs = NULL;
		} else if ((lb = memchr(fs, '[', fl)) != NULL && lb > fs &&
		    rcvd_ip_norm(lb, (size_t)(fs + fl - lb), wip,
		    sizeof(wip)) != 0) {
			/* "from HOST[IP]": "from HOST [IP]" without the
			   space (when no comment holds the recorded address;
			   else the word is the HELO as written,
			   "gw02_[10.1.1.1]") */
			gl = (size_t)(lb - fs);
			while (gl > 1 && fs[gl - 1] == '.')
				gl--;
		} else
			(void)rcvd_ip_norm(fs, fl, fip, sizeof(fip));
	}
	memset(&ci, 0, sizeof(ci));
	for (i = sp->first; i < sp->end; i++) {
		t = &w->t[i];
		if (t->type == T_WORD) {
			/* "from host [IP]", "from host - IP" */
			if (t == fw || wip[0] != '\0')
				continue;
			text = w->u + t->off;
			/* "HOST [IP]", "HOST[IP]" */
			if (rcvd_ip_norm(text, t->len, wip, sizeof(wip)) == 0 &&
			    (lb = memchr(text, '[', t->len)) != NULL &&
			    lb > text)
				(void)rcvd_ip_norm(lb,
				    (size_t)(text + t->len - lb), wip,
				    sizeof(wip));
			continue;
		}
		/* A (HELO x) comment names no peer address. */
		text = w->u + t->off + 1;
		textlen = t->len > 1 ? t->len - 1 : 0;
		if (textlen > 0 && text[textlen - 1] == ')')
			textlen--;
		while (textlen > 0 && *text == ' ') {
			text++;
			textlen--;
		}
		if (textlen >= 4 && (strncasecmp(text, "HELO", 4) == 0 ||
		    strncasecmp(text, "EHLO", 4) == 0 ||
		    strncasecmp(text, "LHLO", 4) == 0) &&
		    (textlen == 4 || text[4] == ' '))
			continue;
		if (hname == NULL &&
		    comment_host(text, textlen, &hname, &hnamelen))
			continue;
		comment_info(text, textlen, &c);
		if (c.ident != NULL && ci.ident == NULL && !ci.found) {
			ci.ident = c.ident;
			ci.identlen = c.identlen;
		}
		/* The last "(rdns [IP])" the receiving MTA wrote wins
		   over any address earlier in the clause. */
		if (c.found && (!ci.found || (c.bracket && !c.ident))) {
			if (c.ident == NULL) {
				c.ident = ci.ident;
				c.identlen = ci.identlen;
			}
			ci = c;
			ct = t;
		}
	}

	/* Explicit HELO anywhere in the from clause. */
	text = w->u + w->t[sp->first].off;
	t = &w->t[sp->end - 1];
	textlen = t->off + t->len - w->t[sp->first].off;
	toff = w->t[sp->first].off;
	rc = rcvd_re_may(w, RE_HELO, toff, textlen) ?
	    rcvd_re_find(p, RE_HELO, text, textlen, e) : 0;
	if (rc == -1)
		return -1;
	if (rc == 1) {
		explicit = 1;
		for (g = 1; g <= 3; g++)
			if (rcvd_re_group(p, g, &o, &n)) {
				helo = text + o;
				helolen = n;
				break;
			}
	}

	/* Sendmail's "[IP] (may be forged)", "(unverified)" notes. */
	r->rdns_unverified = rcvd_has(w, L_FORGED, toff, textlen) ||
	    rcvd_has(w, L_UNVERIFIED, toff, textlen) ||
	    rcvd_has(w, L_NOTVERIFIED, toff, textlen);

	exim = 0;
	/* all is w->u */
	rc = rcvd_re_may(w, RE_EXIM, 0, alllen) ?
	    rcvd_re_find(p, RE_EXIM, all, alllen, e) : 0;
	if (rc == -1)
		return -1;
	exim = rc == 1;

	if (ci.found) {
		if (rcvd_set(r, RCVD_IP, ci.ip, strlen(ci.ip)) == -1)
			return -1;
		if (ci.bracket && ci.name != NULL) {
			/* from HELO (RDNS [IP]) */
			if (hostlike(ci.name, ci.namelen)) {
				n = ci.namelen;
				while (n > 1 && ci.name[n - 1] == '.')
					n--;
				if (rcvd_set(r, RCVD_RDNS, ci.name, n) == -1)
					return -1;
			}
			if (!explicit && fw != NULL) {
				helo = fs;
				helolen = fl;
			}
		} else if (ci.bracket) {
			/* from NAME ([IP]...) */
			if (!explicit && !ci.port_in && fw != NULL) {
				helo = fs;
				helolen = fl;
			}
			if (fw != NULL && fip[0] == '\0' && fs[0] != '[' &&
			    (exim || ci.verified ||
			    (explicit && !ci.port_in)) &&
			    hostlike(fs, fl))
				if (rcvd_set(r, RCVD_RDNS, fs, fl) == -1)
					return -1;
		} else if (ct != NULL && ct->glued && fw != NULL) {
			/* from RDNS(IP); smap writes "unknown(IP)" */
			if (hostlike(fs, fl) &&
			    rcvd_set(r, RCVD_RDNS, fs, fl) == -1)
				return -1;
		} else {
			/* from RDNS (HELO h) (ident@IP) */
			if (!explicit && fw != NULL) {
				helo = fs;
				helolen = fl;
			}
			if (fw != NULL && !ci.port_after && fs[0] != '[' &&
			    (hostlike(fs, fl) || fip[0] != '\0'))
				if (rcvd_set(r, RCVD_RDNS, fs, fl) == -1)
					return -1;
		}
		if (ci.ident != NULL && ci.identlen > 0 &&
		    rcvd_set_ident(r, ci.ident, ci.identlen) == -1)
			return -1;
	} else {
		if (wip[0] != '\0') {
			if (rcvd_set(r, RCVD_IP, wip, strlen(wip)) == -1)
				return -1;
			if (!explicit && fw != NULL) {
				helo = fs;
				helolen = gl > 0 ? gl : fl;
			}
		} else if (fip[0] != '\0') {
			if (rcvd_set(r, RCVD_IP, fip, strlen(fip)) == -1)
				return -1;
		} else if (!explicit && fw != NULL) {
			helo = fs;
			helolen = fl;
		}
		if (hname != NULL && fip[0] != '\0' && fs[0] == '[' &&
		    wip[0] == '\0') {
			/* "from [IP] (name)": the MTA wrote the peer as the
			   from-word and the client's EHLO beside it
			   (chasquid's addReceivedHeader()) */
			if (!explicit) {
				helo = hname;
				helolen = hnamelen;
			}
		} else if (hname != NULL &&
		    rcvd_set(r, RCVD_RDNS, hname, hnamelen) == -1)
			return -1;
		if (ci.ident != NULL && ci.identlen > 0 &&
		    rcvd_set_ident(r, ci.ident, ci.identlen) == -1)
			return -1;
	}
	/* Webmail: HTTP has no HELO, the word is a host or account name. */
	if (!explicit && r->f[RCVD_WITH] != NULL &&
	    strncmp(r->f[RCVD_WITH], "HTTP", 4) == 0)
		helo = NULL;
	while (helo != NULL && helolen > 0 && *helo == '[' &&
	    helo[1] == '<') {	/* "[<user@host>]" is no HELO */
		helo = NULL;
	}
	if (helo != NULL && helolen > 0 &&
	    rcvd_set(r, RCVD_HELO, helo, helolen) == -1)
		return -1;
	return 0;
}
