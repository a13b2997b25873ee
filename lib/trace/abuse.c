/*
 * Abuse contacts from the registry table and the abuse database.  See
 * abuse.h.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/ip.h"
#include "core/store.h"
#include "core/tsv.h"
#include "core/util.h"
#include "net/dns.h"
#include "net/orgdom.h"
#include "trace/abuse.h"

struct rir {
	char	id[32];
	char	name[64];
	char	rdap[128];
	char	whois[64];
};

struct tnet {
	unsigned char	a[16];
	int		plen;
	size_t		rir;
	size_t		seq;		/* its line in the table */
};

struct abuse {
	struct rir	*rir;
	size_t		 nrir, caprir;
	struct tnet	*net;
	size_t		 nnet, capnet;
	sqlite3		*db;
	sqlite3_stmt	*look;
	int		*plens;		/* in the database, longest first */
	size_t		 nplens;
	/* net[] is sorted longest first (table order among equals), so the
	   first network holding an address is the one to use; v4[v4at[b]
	   .. v4at[b + 1]) are the indices of those that may hold an IPv4
	   address whose first octet is b. */
	size_t		*v4;
	size_t		 v4at[257];
};

static const char *const migrations[] = {
	/* Networks as CIDR blocks (a range is split into blocks), IPv4 as
	   ::ffff:0:0/96; plens lists the prefix lengths present, so that a
	   look-up is a few indexed point queries. */
	"CREATE TABLE nets(lo BLOB NOT NULL, hi BLOB NOT NULL,"
	" plen INTEGER NOT NULL, registry TEXT, mailbox TEXT, abuse_c TEXT,"
	" org TEXT, PRIMARY KEY(lo, hi)) STRICT;"
	"CREATE TABLE plens(plen INTEGER PRIMARY KEY) STRICT;"
	"CREATE TABLE handles(id TEXT PRIMARY KEY, mailbox TEXT,"
	" abuse_c TEXT) STRICT;"
};
static const char *const nets_cols[] = { "lo", "hi", "plen", "registry",
	"mailbox" };

/* The network lo/plen itself, with its abuse mailbox if any. */
static const char look_sql[] =
	"SELECT COALESCE(n.mailbox, h1.mailbox, h3.mailbox), n.registry"
	" FROM nets n"
	" LEFT JOIN handles h1 ON h1.id = n.abuse_c"
	" LEFT JOIN handles h2 ON h2.id = n.org"
	" LEFT JOIN handles h3 ON h3.id = h2.abuse_c"
	" WHERE n.lo = ?1 AND n.plen = ?2";

/* An address (IPv4 or IPv6 text) as 16 bytes, IPv4 mapped.  0, or -1. */
static int
ip16(const char *s, unsigned char a[16])
{
	struct ipaddr x;

	if (ip_parse(s, &x) == -1)
		return -1;
	ip_to16(&x, a);
	return 0;
}

/* A network "address/bits" as ip16() and a prefix length over the 16
 * bytes.  0, or -1. */
static int
cidr16(const char *s, unsigned char a[16], int *plen)
{
	struct ipaddr x;

	if (strchr(s, '/') == NULL || ip_parse_prefix(s, &x, plen) == -1)
		return -1;
	ip_to16(&x, a);
	if (x.af == 4)
		*plen += 96;
	return 0;
}

/* Longest prefix first, then table order. */
static int
net_cmp(const void *x, const void *y)
{
	const struct tnet *a = x, *b = y;

	if (a->plen != b->plen)
		return a->plen > b->plen ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Sort ab->net and index the IPv4 networks by first octet (see struct
 * abuse).  0, or -1 when out of memory.
 */
static int
index_table(struct abuse *ab)
{
	static const unsigned char v4pre[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0xff, 0xff };
	const struct tnet *t;
	size_t i, n = 0, at[256];
	int b;

	qsort(ab->net, ab->nnet, sizeof(*ab->net), net_cmp);
	memset(at, 0, sizeof(at));
	for (i = 0; i < ab->nnet; i++) {
		t = &ab->net[i];
		if (!ip_prefix_eq(t->a, v4pre, t->plen < 96 ? t->plen : 96))
			continue;
		if (t->plen >= 104)
			at[t->a[12]]++;
		else
			for (b = 0; b < 256; b++)
				at[b]++;
	}
	for (b = 0; b < 256; b++) {
		ab->v4at[b] = n;
		n += at[b];
	}
	ab->v4at[256] = n;
	if ((ab->v4 = calloc(n > 0 ? n : 1, sizeof(*ab->v4))) == NULL)
		return -1;
	memcpy(at, ab->v4at, sizeof(at));
	for (i = 0; i < ab->nnet; i++) {
		t = &ab->net[i];
		if (!ip_prefix_eq(t->a, v4pre, t->plen < 96 ? t->plen : 96))
			continue;
		if (t->plen >= 104)
			ab->v4[at[t->a[12]]++] = i;
		else
			for (b = 0; b < 256; b++)
				ab->v4[at[b]++] = i;
	}
	return 0;
}

/*
 * One row of the registry table into arg, a struct abuse: "rir<TAB>id
 * <TAB>name[<TAB>rdap[<TAB>whois]]" or "net<TAB>cidr<TAB>rir id".
 */
static int
add_row(void *arg, struct tsv_row *r, struct derr *e)
{
	struct abuse *ab = arg;
	struct rir *ri;
	struct tnet *t;
	char *f[5];
	size_t k, i;

	for (k = 0; k < 5; k++)
		f[k] = k < r->n ? r->f[k] : NULL;
	if (strcmp(f[0], "rir") == 0 && f[1] != NULL && f[2] != NULL) {
		if ((ri = array_add(&ab->rir, ab->nrir, &ab->caprir,
		    sizeof(*ri), 16)) == NULL)
			goto oom;
		snprintf(ri->id, sizeof(ri->id), "%s", f[1]);
		snprintf(ri->name, sizeof(ri->name), "%s", f[2]);
		snprintf(ri->rdap, sizeof(ri->rdap), "%s", f[3] ? f[3] : "");
		snprintf(ri->whois, sizeof(ri->whois), "%s", f[4] ? f[4] : "");
		ab->nrir++;
		return 0;
	}
	if (strcmp(f[0], "net") != 0 || f[1] == NULL || f[2] == NULL)
		goto bad;
	if ((t = array_add(&ab->net, ab->nnet, &ab->capnet, sizeof(*t),
	    256)) == NULL)
		goto oom;
	for (i = 0; i < ab->nrir; i++)
		if (strcmp(ab->rir[i].id, f[2]) == 0)
			break;
	if (i == ab->nrir || cidr16(f[1], t->a, &t->plen) == -1)
		goto bad;
	t->seq = ab->nnet++;
	t->rir = i;
	return 0;
bad:
	derr_set(e, r->where, "bad entry");
	return -1;
oom:
	derr_set(e, r->where, "out of memory");
	return -1;
}

static int
load_table(struct abuse *ab, const char *path, struct derr *e)
{
	static const struct tsv_opts o = { .flags = TSV_REST, .max_fields = 5 };

	if (tsv_each(path, NULL, &o, add_row, ab, e) == -1)
		return -1;
	if (index_table(ab) == -1) {
		derr_set(e, path, "out of memory");
		return -1;
	}
	return 0;
}

static int
db_exec(struct abuse *ab, const char *sql, const char *path, struct derr *e)
{
	char *msg = NULL;

	if (sqlite3_exec(ab->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		derr_set(e, path, "%s", msg ? msg : sqlite3_errmsg(ab->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The prefix lengths present, longest first. */
static int
load_plens(struct abuse *ab, const char *path, struct derr *e)
{
	sqlite3_stmt *st;
	int *nv, rc;

	free(ab->plens);
	ab->plens = NULL;
	ab->nplens = 0;
	if (sqlite3_prepare_v2(ab->db, "SELECT plen FROM plens ORDER BY plen"
	    " DESC", -1, &st, NULL) != SQLITE_OK) {
		derr_set(e, path, "%s", sqlite3_errmsg(ab->db));
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((nv = reallocarray(ab->plens, ab->nplens + 1,
		    sizeof(*nv))) == NULL) {
			sqlite3_finalize(st);
			derr_set(e, path, "out of memory");
			return -1;
		}
		ab->plens = nv;
		ab->plens[ab->nplens++] = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		derr_set(e, path, "%s", sqlite3_errmsg(ab->db));
		return -1;
	}
	return 0;
}

static int
open_db(struct abuse *ab, const char *path, bool create, struct derr *e)
{
	sqlite3_stmt *st;
	int flags, ver = 0;
	size_t i;
	char sql[64];

	flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE :
	    SQLITE_OPEN_READONLY;
	/* Look before writing: another program's file is left as it is. */
	if (create && access(path, F_OK) == 0 && store_schema(path, "nets",
	    nets_cols, nitems(nets_cols), (int)nitems(migrations),
	    "deliv header-trace --import-registry", &ver, e) == -1)
		return -1;
	if (sqlite3_open_v2(path, &ab->db, flags, NULL) != SQLITE_OK) {
		derr_set(e, path, "%s", ab->db ? sqlite3_errmsg(ab->db) :
		    "cannot open");
		return -1;
	}
	sqlite3_busy_timeout(ab->db, 5000);
	if (create && (db_exec(ab, "PRAGMA journal_mode=WAL", path, e) == -1 ||
	    db_exec(ab, "BEGIN IMMEDIATE", path, e) == -1))
		return -1;
	if (sqlite3_prepare_v2(ab->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK) {
		derr_set(e, path, "%s", sqlite3_errmsg(ab->db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		ver = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (ver > (int)nitems(migrations)) {
		derr_set(e, path, "database version %d is newer than %zu",
		    ver, nitems(migrations));
		return -1;
	}
	if (ver < (int)nitems(migrations)) {
		if (!create) {
			derr_set(e, path, "not an abuse database (version %d)",
			    ver);
			return -1;
		}
		for (i = (size_t)ver; i < nitems(migrations); i++)
			if (db_exec(ab, migrations[i], path, e) == -1)
				return -1;
		snprintf(sql, sizeof(sql), "PRAGMA user_version=%zu",
		    nitems(migrations));
		if (db_exec(ab, sql, path, e) == -1)
			return -1;
	}
	if (create && db_exec(ab, "COMMIT", path, e) == -1)
		return -1;
	if (sqlite3_prepare_v2(ab->db, look_sql, -1, &ab->look, NULL) !=
	    SQLITE_OK) {
		derr_set(e, path, "%s", sqlite3_errmsg(ab->db));
		return -1;
	}
	return load_plens(ab, path, e);
}

struct abuse *
abuse_open(const char *tablepath, const char *dbpath, bool create,
    struct derr *e)
{
	struct abuse *ab;

	if ((ab = zalloc(sizeof(*ab), "abuse", e)) == NULL)
		return NULL;
	if ((tablepath == NULL || load_table(ab, tablepath, e) == 0) &&
	    (dbpath == NULL || open_db(ab, dbpath, create, e) == 0))
		return ab;
	abuse_close(ab);
	return NULL;
}

void
abuse_close(struct abuse *ab)
{
	if (ab == NULL)
		return;
	sqlite3_finalize(ab->look);	/* both no-ops on NULL */
	sqlite3_close(ab->db);
	free(ab->rir);
	free(ab->net);
	free(ab->v4);
	free(ab->plens);
	free(ab);
}

/* Copy the string s (shorter than n) into d[n], as snprintf "%s" would. */
static void
cpy(char *d, size_t n, const char *s)
{
	size_t l = strnlen(s, n - 1);

	memcpy(d, s, l);
	d[l] = '\0';
}

static void
set_rir(struct abuse_info *ai, const struct rir *r, const char *ip)
{
	size_t rl, il;

	cpy(ai->registry, sizeof(ai->registry), r->id);
	cpy(ai->name, sizeof(ai->name), r->name);
	cpy(ai->whois, sizeof(ai->whois), r->whois);
	if (r->rdap[0] == '\0')
		return;
	rl = strlen(r->rdap);
	il = strlen(ip);
	if (rl + 3 + il < sizeof(ai->rdap)) {
		memcpy(ai->rdap, r->rdap, rl);
		memcpy(ai->rdap + rl, "ip/", 3);
		memcpy(ai->rdap + rl + 3, ip, il + 1);
	} else
		snprintf(ai->rdap, sizeof(ai->rdap), "%sip/%s", r->rdap, ip);
}

/* Name the registry id; its services when the table knows it. */
static void
use_registry(const struct abuse *ab, struct abuse_info *ai, const char *id,
    const char *ip)
{
	size_t i;

	snprintf(ai->registry, sizeof(ai->registry), "%s", id);
	ai->name[0] = ai->rdap[0] = ai->whois[0] = '\0';
	for (i = 0; i < ab->nrir; i++)
		if (strcmp(ab->rir[i].id, ai->registry) == 0) {
			set_rir(ai, &ab->rir[i], ip);
			break;
		}
}

int
abuse_lookup(struct abuse *ab, const char *ip, struct abuse_info *ai,
    struct derr *e)
{
	unsigned char a[16], lo[16];
	const struct tnet *t;
	const unsigned char *txt;
	size_t i, k, from, to;
	int rc, plen, j;
	bool v4, seen = false;

	memset(ai, 0, sizeof(*ai));
	if (ip == NULL || ip16(ip, a) == -1)
		return 0;
	v4 = memcmp(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0;
	/* The longest network of the table holding ip (the first). */
	from = v4 && ab->v4 != NULL ? ab->v4at[a[12]] : 0;
	to = v4 && ab->v4 != NULL ? ab->v4at[a[12] + 1] : ab->nnet;
	for (i = from; i < to; i++) {
		t = &ab->net[v4 && ab->v4 != NULL ? ab->v4[i] : i];
		if (ip_prefix_eq(a, t->a, t->plen)) {
			set_rir(ai, &ab->rir[t->rir], ip);
			break;
		}
	}
	if (ab->look == NULL)
		return 0;
	/* The longest network holding ip that has a mailbox; the registry
	   of the longest one at all. */
	for (k = 0; k < ab->nplens; k++) {
		plen = ab->plens[k];
		if (plen < 96 && v4)
			break;
		memcpy(lo, a, 16);
		for (j = plen; j < 128; j++)
			lo[j / 8] &= (unsigned char)~(0x80 >> (j % 8));
		sqlite3_bind_blob(ab->look, 1, lo, 16, SQLITE_STATIC);
		sqlite3_bind_int(ab->look, 2, plen);
		rc = sqlite3_step(ab->look);
		if (rc == SQLITE_ROW) {
			if (!seen && (txt = sqlite3_column_text(ab->look, 1)) !=
			    NULL && *txt != '\0' &&
			    strcmp(ai->registry, (const char *)txt) != 0)
				/* The database knows better than the table. */
				use_registry(ab, ai, (const char *)txt, ip);
			seen = true;
			if ((txt = sqlite3_column_text(ab->look, 0)) != NULL)
				snprintf(ai->mailbox, sizeof(ai->mailbox), "%s",
				    (const char *)txt);
		}
		sqlite3_reset(ab->look);
		sqlite3_clear_bindings(ab->look);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			derr_set(e, "abuse database", "%s",
			    sqlite3_errmsg(ab->db));
			return -1;
		}
		if (ai->mailbox[0] != '\0')
			break;
	}
	return 0;
}

/* Import state: prepared statements and the object being read. */
struct imp {
	sqlite3_stmt	*net, *hdl, *plen;
	size_t		 count;
	/* the current RPSL object */
	char		 key[32];	/* inetnum, inet6num, role, ... */
	char		 range[128];
	char		 id[128];
	char		 mailbox[256];
	char		 abuse_c[128];
	char		 org[128];
	char		 irt[128];
	char		 source[32];
};

static const char *
rir_of_source(const char *s)
{
	if (strncasecmp(s, "RIPE", 4) == 0)
		return "ripencc";
	if (strncasecmp(s, "APNIC", 5) == 0)
		return "apnic";
	if (strncasecmp(s, "AFRINIC", 7) == 0)
		return "afrinic";
	if (strncasecmp(s, "ARIN", 4) == 0)
		return "arin";
	if (strncasecmp(s, "LACNIC", 6) == 0)
		return "lacnic";
	return NULL;
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Store one CIDR block; note its prefix length. */
static int
store_block(struct imp *im, const unsigned char lo[16],
    const unsigned char hi[16], int plen, const char *registry,
    const char *mailbox, const char *abuse_c, const char *org)
{
	sqlite3_bind_blob(im->net, 1, lo, 16, SQLITE_TRANSIENT);
	sqlite3_bind_blob(im->net, 2, hi, 16, SQLITE_TRANSIENT);
	sqlite3_bind_int(im->net, 3, plen);
	bind_opt(im->net, 4, registry);
	bind_opt(im->net, 5, mailbox);
	bind_opt(im->net, 6, abuse_c);
	bind_opt(im->net, 7, org);
	if (sqlite3_step(im->net) != SQLITE_DONE)
		return -1;
	sqlite3_reset(im->net);
	sqlite3_clear_bindings(im->net);
	sqlite3_bind_int(im->plen, 1, plen);
	if (sqlite3_step(im->plen) != SQLITE_DONE)
		return -1;
	sqlite3_reset(im->plen);
	return 0;
}

/* Store the range [lo, hi] as the fewest CIDR blocks. */
static int
store_net(struct imp *im, const unsigned char lo[16],
    const unsigned char hi[16], const char *registry, const char *mailbox,
    const char *abuse_c, const char *org)
{
	unsigned char cur[16], end[16], t[16];
	int p, i, n = 0;

	memcpy(cur, lo, 16);
	while (memcmp(cur, hi, 16) <= 0 && n++ < 256) {
		/* Grow the block while cur stays aligned and it fits. */
		memcpy(end, cur, 16);
		for (p = 128; p > 0; p--) {
			if (cur[(p - 1) / 8] & (0x80 >> ((p - 1) % 8)))
				break;
			memcpy(t, end, 16);
			t[(p - 1) / 8] |= (unsigned char)(0x80 >> ((p - 1) % 8));
			if (memcmp(t, hi, 16) > 0)
				break;
			memcpy(end, t, 16);
		}
		if (store_block(im, cur, end, p, registry, mailbox, abuse_c,
		    org) == -1)
			return -1;
		/* cur = end + 1, stopping at the top of the space. */
		for (i = 15; i >= 0 && end[i] == 0xff; i--)
			end[i] = 0;
		if (i < 0)
			break;
		end[i]++;
		memcpy(cur, end, 16);
	}
	im->count++;
	return 0;
}

/* hi = lo with the host bits (after plen) set. */
static void
fill_hi(const unsigned char lo[16], int plen, unsigned char hi[16])
{
	int i;

	memcpy(hi, lo, 16);
	for (i = plen; i < 128; i++)
		hi[i / 8] |= (unsigned char)(0x80 >> (i % 8));
}

static void
add_count(unsigned char a[16], unsigned long long n)
{
	int i;
	unsigned long long carry = n;

	for (i = 15; i >= 0 && carry > 0; i--) {
		carry += a[i];
		a[i] = (unsigned char)(carry & 0xff);
		carry >>= 8;
	}
}

/* "registry|cc|type|start|value|date|status" */
static int
stats_line(struct imp *im, char *line)
{
	char *f[8], *p = line;
	unsigned char lo[16], hi[16];
	const char *errstr;
	long long v;
	int k, plen;

	for (k = 0; k < 8; k++) {
		f[k] = p;
		if (p != NULL && (p = strchr(p, '|')) != NULL)
			*p++ = '\0';
	}
	if (f[6] == NULL || strcmp(f[3], "*") == 0 ||
	    (strcmp(f[2], "ipv4") != 0 && strcmp(f[2], "ipv6") != 0))
		return 0;	/* version, summary, asn lines */
	if (strcmp(f[6], "allocated") != 0 && strcmp(f[6], "assigned") != 0)
		return 0;
	if (ip16(f[3], lo) == -1)
		return 0;
	if (strcmp(f[2], "ipv4") == 0) {
		v = parse_num(f[4], 1, 1LL << 32, &errstr);
		if (errstr != NULL)
			return 0;
		memcpy(hi, lo, 16);
		add_count(hi, (unsigned long long)v - 1);
	} else {
		v = parse_num(f[4], 0, 128, &errstr);
		if (errstr != NULL)
			return 0;
		plen = (int)v;
		fill_hi(lo, plen, hi);
	}
	return store_net(im, lo, hi, rir_of_source(f[0]) ?
	    rir_of_source(f[0]) : f[0], NULL, NULL, NULL);
}

/* Store the RPSL object read so far; reset it. */
static int
rpsl_flush(struct imp *im)
{
	unsigned char lo[16], hi[16];
	char a[64], b[64], *dash;
	const char *reg = rir_of_source(im->source);
	const char *abuse_c = im->abuse_c[0] ? im->abuse_c : im->irt;
	int plen, ret = 0, i;

	if (strcmp(im->key, "inetnum") == 0 && im->range[0] != '\0' &&
	    (dash = strchr(im->range, '-')) != NULL) {
		*dash = '\0';
		if (sscanf(im->range, "%63s", a) == 1 &&
		    sscanf(dash + 1, "%63s", b) == 1 && ip16(a, lo) == 0 &&
		    ip16(b, hi) == 0 && memcmp(lo, hi, 16) <= 0) {
			ret = store_net(im, lo, hi, reg, im->mailbox,
			    abuse_c, im->org);
		}
	} else if (strcmp(im->key, "inet6num") == 0 && im->range[0] != '\0' &&
	    cidr16(im->range, lo, &plen) == 0) {
		for (i = plen; i < 128; i++)
			lo[i / 8] &= (unsigned char)~(0x80 >> (i % 8));
		fill_hi(lo, plen, hi);
		ret = store_net(im, lo, hi, reg, im->mailbox, abuse_c,
		    im->org);
	} else if (im->id[0] != '\0' && (im->mailbox[0] != '\0' ||
	    im->abuse_c[0] != '\0')) {
		sqlite3_bind_text(im->hdl, 1, im->id, -1, SQLITE_TRANSIENT);
		bind_opt(im->hdl, 2, im->mailbox);
		bind_opt(im->hdl, 3, im->abuse_c);
		if (sqlite3_step(im->hdl) != SQLITE_DONE)
			ret = -1;
		sqlite3_reset(im->hdl);
		sqlite3_clear_bindings(im->hdl);
		im->count++;
	}
	im->key[0] = im->range[0] = im->id[0] = im->mailbox[0] = '\0';
	im->abuse_c[0] = im->org[0] = im->irt[0] = im->source[0] = '\0';
	return ret;
}

static void
copy_val(char *dst, size_t len, const char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	snprintf(dst, len, "%s", v);
	str_trim(dst);
}

static int
rpsl_line(struct imp *im, char *line)
{
	char *colon, *v;

	if (line[0] == '\0')
		return rpsl_flush(im);
	if (line[0] == ' ' || line[0] == '\t' || line[0] == '+' ||
	    line[0] == '%' || line[0] == '#')
		return 0;
	if ((colon = strchr(line, ':')) == NULL)
		return 0;
	*colon = '\0';
	v = colon + 1;
	str_lower(line);
	if (im->key[0] == '\0') {
		snprintf(im->key, sizeof(im->key), "%s", line);
		if (strcmp(line, "inetnum") == 0 ||
		    strcmp(line, "inet6num") == 0)
			copy_val(im->range, sizeof(im->range), v);
		else if (strcmp(line, "organisation") == 0 ||
		    strcmp(line, "irt") == 0)
			copy_val(im->id, sizeof(im->id), v);
		return 0;
	}
	if (strcmp(line, "nic-hdl") == 0)
		copy_val(im->id, sizeof(im->id), v);
	else if (strcmp(line, "abuse-mailbox") == 0 && im->mailbox[0] == '\0')
		copy_val(im->mailbox, sizeof(im->mailbox), v);
	else if (strcmp(line, "abuse-c") == 0)
		copy_val(im->abuse_c, sizeof(im->abuse_c), v);
	else if (strcmp(line, "org") == 0)
		copy_val(im->org, sizeof(im->org), v);
	else if (strcmp(line, "mnt-irt") == 0)
		copy_val(im->irt, sizeof(im->irt), v);
	else if (strcmp(line, "source") == 0)
		copy_val(im->source, sizeof(im->source), v);
	return 0;
}

int
abuse_import(struct abuse *ab, const char *path, size_t *count,
    struct derr *e)
{
	/* Registry files are streams of short lines, kept whole. */
	static const struct tsv_opts o = { .flags = TSV_NOSPLIT |
	    TSV_KEEP_COMMENTS | TSV_KEEP_BLANK, .max_rows = TSV_UNLIMITED };
	struct imp im;
	struct tsv *in;
	struct tsv_row r;
	char *line, *p;
	int fmt = 0, ret = -1, rc;	/* fmt: 1 stats, 2 RPSL */

	memset(&im, 0, sizeof(im));
	*count = 0;
	if (ab->db == NULL) {
		derr_set(e, path, "no abuse database open");
		return -1;
	}
	if ((in = tsv_open(path, NULL, &o, e)) == NULL)
		return -1;
	if (sqlite3_prepare_v2(ab->db, "INSERT INTO nets(lo, hi, plen,"
	    " registry, mailbox, abuse_c, org) VALUES(?1,?2,?3,?4,?5,?6,?7)"
	    " ON CONFLICT(lo, hi) DO UPDATE SET plen=excluded.plen,"
	    " registry=COALESCE(excluded.registry, registry),"
	    " mailbox=COALESCE(excluded.mailbox, mailbox),"
	    " abuse_c=COALESCE(excluded.abuse_c, abuse_c),"
	    " org=COALESCE(excluded.org, org)", -1, &im.net, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ab->db, "INSERT INTO handles(id, mailbox,"
	    " abuse_c) VALUES(?1,?2,?3) ON CONFLICT(id) DO UPDATE SET"
	    " mailbox=COALESCE(excluded.mailbox, mailbox),"
	    " abuse_c=COALESCE(excluded.abuse_c, abuse_c)", -1, &im.hdl,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ab->db, "INSERT OR IGNORE INTO plens(plen)"
	    " VALUES(?1)", -1, &im.plen, NULL) != SQLITE_OK) {
		derr_set(e, path, "%s", sqlite3_errmsg(ab->db));
		goto out;
	}
	if (db_exec(ab, "BEGIN IMMEDIATE", path, e) == -1)
		goto out;
	while ((rc = tsv_next(in, &r, e)) == 1) {
		line = r.f[0];
		if (fmt == 0) {
			if (line[0] == '#' || line[0] == '%' || line[0] == '\0')
				continue;
			for (p = line; *p != '\0' && *p != ':' && *p != '|';
			    p++)
				;
			fmt = *p == '|' ? 1 : 2;
		}
		if ((fmt == 1 && line[0] != '#' && stats_line(&im, line) == -1)
		    || (fmt == 2 && rpsl_line(&im, line) == -1)) {
			derr_set(e, path, "%s", sqlite3_errmsg(ab->db));
			goto rollback;
		}
	}
	if (rc == -1)
		goto rollback;
	if (fmt == 2 && rpsl_flush(&im) == -1) {
		derr_set(e, path, "%s", sqlite3_errmsg(ab->db));
		goto rollback;
	}
	if (fmt == 0) {
		derr_set(e, path, "no registry data");
		goto rollback;
	}
	if (db_exec(ab, "COMMIT", path, e) == -1 ||
	    load_plens(ab, path, e) == -1)
		goto out;
	*count = im.count;
	ret = 0;
	goto out;
rollback:
	(void)sqlite3_exec(ab->db, "ROLLBACK", NULL, NULL, NULL);
out:
	sqlite3_finalize(im.net);
	sqlite3_finalize(im.hdl);
	sqlite3_finalize(im.plen);
	tsv_close(in);
	return ret;
}

int
abuse_lookup_dns(struct abuse *ab, struct dns *d, const struct abuse_zones *z,
    const char *ip, const char *rdns, struct abuse_info *ai, struct derr *e)
{
	unsigned char a[16];
	char name[512], f[5][64], dom[256], *p, *q, **txt = NULL;
	const char *zone;
	size_t n, i, k;
	int ret = 0, v4;
	enum dns_result r;

	if (ip == NULL || ip16(ip, a) == -1)
		return 0;
	v4 = memcmp(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0;
	zone = v4 ? z->asn4 : z->asn6;
	if (zone != NULL && *zone != '\0') {
		if (v4)
			snprintf(name, sizeof(name), "%u.%u.%u.%u.%s", a[15],
			    a[14], a[13], a[12], zone);
		else {
			for (i = 0, p = name; i < 32; i++) {
				k = 15 - i / 2;
				*p++ = "0123456789abcdef"[i % 2 ? a[k] >> 4 :
				    a[k] & 0xf];
				*p++ = '.';
			}
			snprintf(p, sizeof(name) - 64, "%s", zone);
		}
		r = dns_txt(d, name, &txt, &n, e);
		if (r == DNS_TEMPERROR)
			ret = -1;
		else if (r == DNS_ANSWER && n > 0) {
			/* "ASN | prefix | CC | registry | date" */
			memset(f, 0, sizeof(f));
			for (i = 0, p = txt[0]; i < 5 && p != NULL; i++) {
				k = strcspn(p, "|");
				snprintf(f[i], sizeof(f[i]), "%.*s", (int)k, p);
				q = str_trim(f[i]);
				memmove(f[i], q, strlen(q) + 1);
				p = p[k] == '|' ? p + k + 1 : NULL;
			}
			f[0][strcspn(f[0], " ")] = '\0';
			if (f[0][0] != '\0' && strspn(f[0], "0123456789") ==
			    strlen(f[0]))
				snprintf(ai->asn, sizeof(ai->asn), "AS%.29s",
				    f[0]);
			str_lower(f[3]);
			if (strcmp(f[3], "ripe") == 0)
				snprintf(f[3], sizeof(f[3]), "ripencc");
			if (f[3][0] != '\0' && strspn(f[3],
			    "abcdefghijklmnopqrstuvwxyz") == strlen(f[3]) &&
			    strcmp(f[3], ai->registry) != 0)
				use_registry(ab, ai, f[3], ip);
		}
		dns_txt_free(txt);
		txt = NULL;
	}
	zone = z->contacts;
	if (ai->mailbox[0] == '\0' && zone != NULL && *zone != '\0' &&
	    rdns != NULL && strchr(rdns, '.') != NULL &&
	    orgdom_get_icann(z->orgdom, rdns, dom, sizeof(dom)) != NULL) {
		snprintf(name, sizeof(name), "%s.%s", dom, zone);
		r = dns_txt(d, name, &txt, &n, e);
		if (r == DNS_TEMPERROR)
			ret = -1;
		else if (r == DNS_ANSWER)
			for (i = 0; i < n; i++) {
				/* The first word that is an address. */
				p = txt[i] + strspn(txt[i], " <");
				k = strcspn(p, " ,;<>");
				if (k > 0 && k < sizeof(ai->mailbox) &&
				    memchr(p, '@', k) != NULL) {
					snprintf(ai->mailbox,
					    sizeof(ai->mailbox), "%.*s",
					    (int)k, p);
					break;
				}
			}
		dns_txt_free(txt);
	}
	return ret;
}

int
abuse_import_registry(const char *tablepath, const char *dbpath,
    char *const files[], size_t n,
    void (*done)(const char *path, size_t count, void *arg), void *arg,
    struct derr *e)
{
	struct abuse *ab;
	size_t i, count;
	int ret = 0;

	if ((ab = abuse_open(tablepath, dbpath, true, e)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (abuse_import(ab, files[i], &count, e) == -1) {
			ret = -1;
			break;
		}
		if (done != NULL)
			done(files[i], count, arg);
	}
	abuse_close(ab);
	return ret;
}
