/*
 * deliv-header-trace: the Received chain of each message, hop by hop,
 * the trust walk, the originating relay and its abuse contact; or a
 * ready complaint (ARF or plain text).  See deliv-header-trace(1).
 */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cli.h"
#include "core/input.h"
#include "core/out.h"
#include "core/util.h"
#include "mail/received.h"
#include "net/dns.h"
#include "trace/abuse.h"
#include "trace/arf.h"
#include "trace/trust.h"

enum {
	C_SOURCE, C_MSGNO, C_RECORD, C_HOP, C_IP /* ... the rcvd fields */,
	C_DATE = C_IP + RCVD_NFIELDS, C_DELAY, C_TRUST, C_FLAGS, C_REGISTRY,
	C_ABUSE
};

static const struct out_col cols[] = {
	{ "source", OUT_STR }, { "msgno", OUT_INT }, { "record", OUT_STR },
	{ "hop", OUT_INT }, { "ip", OUT_STR }, { "rdns", OUT_STR },
	{ "helo", OUT_STR }, { "by", OUT_STR }, { "ident", OUT_STR },
	{ "envfrom", OUT_STR }, { "queue_id", OUT_STR }, { "auth", OUT_STR },
	{ "for", OUT_STR }, { "with", OUT_STR }, { "tls_version", OUT_STR },
	{ "tls_cipher", OUT_STR }, { "date", OUT_STR }, { "delay_s", OUT_INT },
	{ "trust", OUT_STR }, { "flags", OUT_STR }, { "registry", OUT_STR },
	{ "abuse_contact", OUT_STR }
};

static const char *const xorig_default[] = {
	"X-Originating-IP", "X-Yahoo-Post-IP", "X-Apparently-From",
	"X-SenderIP", "X-AOL-IP",
	"X-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp", NULL
};

enum {
	OPT_ABUSE_DB = 1,
	OPT_ABUSE_ZONE,
	OPT_ASN_ZONE,
	OPT_COMPLAINT,
	OPT_DATA,
	OPT_IMPORT,
	OPT_INTERNAL,
	OPT_LOOKUP,
	OPT_MSA,
	OPT_NO_ORIG,
	OPT_REPORTER,
	OPT_SERVER,
	OPT_TRUSTED,
	OPT_TRUSTED_FILE,
	OPT_ZONE
};

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: deliv-header-trace [--json] [--trusted nets] "
	    "[--internal nets] [--msa nets]\n"
	    "          [--trusted-file file] [--abuse-db file] "
	    "[--complaint arf|text] [file ...]\n"
	    "       deliv-header-trace --abuse-db file --import-registry "
	    "file ...\n");
	exit(DELIV_EXIT_USAGE);
}

static _Noreturn void
help(void)
{
	printf("usage: deliv-header-trace [options] [file ...]\n"
	    "Trace the Received chain of each message: one record per hop, "
	    "one per origin.\n"
	    "  --trusted NETS        trusted relays (CIDR, 1.2. shorthand, "
	    "!exclusions)\n"
	    "  --internal NETS       internal relays (trusted, inside the "
	    "organisation)\n"
	    "  --msa NETS            submission agents: relays after them "
	    "keep their trust\n"
	    "  --trusted-file FILE   trusted networks from FILE\n"
	    "  --no-originating      ignore X-Originating-IP and similar "
	    "headers\n"
	    "  --data DIR            registry table directory (default: "
	    "$DELIV_DATA, installed)\n"
	    "  --abuse-db FILE       SQLite abuse-contact database\n"
	    "  --import-registry FILE  fill --abuse-db from RIR bulk data, "
	    "then exit\n"
	    "  --lookup              ask DNS for the origin's ASN and abuse "
	    "contact\n"
	    "  --asn-zone ZONE       IP-to-ASN TXT zone (default: "
	    "origin[6].asn.cymru.com)\n"
	    "  --abuse-zone ZONE     abuse-contact TXT zone (default: "
	    "contacts.abuse.net)\n"
	    "  --server ADDR[#PORT]  resolver for --lookup (default: "
	    "resolv.conf)\n"
	    "  --zone FILE           answer --lookup from zone files, no "
	    "network\n"
	    "  --complaint KIND      write a complaint instead: arf or text\n"
	    "  --reporter ADDR       From: address of complaints\n"
	    CLI_HELP);
	exit(0);
}

struct ctx {
	struct out		*out;
	struct abuse		*ab;
	int			 complaint;	/* 0, ARF_ARF, ARF_TEXT */
	const char		*reporter;
	struct dns		*dns;		/* --lookup, or NULL */
	struct abuse_zones	 zones;
	time_t			 now;		/* date of complaints */
	bool			 any;
};

/* The registry and abuse contact of hop h; DNS only for origins. */
static void
contact(struct ctx *c, const struct hop *h, bool origin,
    struct abuse_info *ai, bool *temperror)
{
	struct derr e;

	*temperror = false;
	if (abuse_lookup(c->ab, h->r.f[RCVD_IP], ai, &e) == -1)
		warnx("%s: %s", e.where, e.what);
	if (origin && c->dns != NULL && abuse_lookup_dns(c->ab, c->dns, &c->zones,
	    h->r.f[RCVD_IP], h->r.f[RCVD_RDNS], ai, &e) == -1)
		*temperror = true;
}

static void
put_hop(struct ctx *c, const struct msg *m, const struct trace *t, size_t i,
    const char *record)
{
	const struct hop *h = &t->hop[i];
	struct abuse_info ai;
	char d[32], fl[300];
	bool temp = false;
	int f;

	out_str(c->out, C_SOURCE, m->source);
	out_int(c->out, C_MSGNO, m->msgno);
	out_str(c->out, C_RECORD, record);
	out_int(c->out, C_HOP, (long long)i + 1);
	for (f = 0; f < RCVD_NFIELDS; f++)
		out_str(c->out, C_IP + (size_t)f, h->r.f[f]);
	if (h->r.has_date && time_rfc3339(h->r.date, d, sizeof(d)) != NULL)
		out_str(c->out, C_DATE, d);
	if (h->has_delay)
		out_int(c->out, C_DELAY, h->delay);
	out_str(c->out, C_TRUST, trust_name(h->trust));
	if (h->r.f[RCVD_IP] != NULL && h->trust != TRUST_SKIPPED) {
		contact(c, h, strcmp(record, "origin") == 0, &ai, &temp);
		if (ai.registry[0] != '\0')
			out_str(c->out, C_REGISTRY, ai.registry);
		if (ai.mailbox[0] != '\0')
			out_str(c->out, C_ABUSE, ai.mailbox);
	}
	snprintf(fl, sizeof(fl), "%s%s%s", h->flags, h->flags[0] != '\0' &&
	    temp ? "," : "", temp ? "lookup-temperror" : "");
	if (fl[0] != '\0')
		out_str(c->out, C_FLAGS, fl);
	if (out_end(c->out) == -1)
		err(DELIV_EXIT_ERROR, "stdout");
}

/* One message: its hops and its origin, or its complaint. */
static bool
one(struct ctx *c, const struct msg *m, struct trace *t)
{
	struct abuse_info ai;
	struct derr e;
	size_t i;
	bool temp;

	if (c->complaint != 0) {
		if (t->origin < 0)
			return false;
		contact(c, &t->hop[t->origin], true, &ai, &temp);
		if (arf_write(stdout, c->complaint, m->mime,
		    &t->hop[t->origin], &ai, c->reporter, c->now,
		    c->any, &e) == -1)
			errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
		c->any = true;
		return true;
	}
	for (i = 0; i < t->n; i++)
		put_hop(c, m, t, i, "hop");
	if (t->origin >= 0) {
		put_hop(c, m, t, (size_t)t->origin, "origin");
		return true;
	}
	out_str(c->out, C_SOURCE, m->source);
	out_int(c->out, C_MSGNO, m->msgno);
	out_str(c->out, C_RECORD, "origin");
	out_str(c->out, C_FLAGS, m->mime == NULL ? "unparseable-message" :
	    t->none);
	if (out_end(c->out) == -1)
		err(DELIV_EXIT_ERROR, "stdout");
	return false;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "abuse-db",		required_argument, NULL, OPT_ABUSE_DB },
		{ "abuse-zone",		required_argument, NULL, OPT_ABUSE_ZONE },
		{ "asn-zone",		required_argument, NULL, OPT_ASN_ZONE },
		CLI_LONGOPTS,
		{ "complaint",		required_argument, NULL, OPT_COMPLAINT },
		{ "data",		required_argument, NULL, OPT_DATA },
		{ "import-registry",	required_argument, NULL, OPT_IMPORT },
		{ "internal",		required_argument, NULL, OPT_INTERNAL },
		{ "lookup",		no_argument,	   NULL, OPT_LOOKUP },
		{ "msa",		required_argument, NULL, OPT_MSA },
		{ "no-originating",	no_argument,	   NULL, OPT_NO_ORIG },
		{ "reporter",		required_argument, NULL, OPT_REPORTER },
		{ "server",		required_argument, NULL, OPT_SERVER },
		{ "trusted",		required_argument, NULL, OPT_TRUSTED },
		{ "trusted-file",	required_argument, NULL,
		    OPT_TRUSTED_FILE },
		{ "zone",		required_argument, NULL, OPT_ZONE },
		{ NULL, 0, NULL, 0 }
	};
	struct out_opts oo;
	struct trust_cfg cfg;
	struct ctx c;
	struct trace t;
	struct input *in;
	struct cli_progress *prog;
	long long nmsg = 0;
	struct input_opts io = { .stdin_if_empty = true };
	struct rcvd_parser *p;
	struct msg *m;
	struct derr e;
	const char *const *xorig = xorig_default;
	const char *dbpath = NULL, *datadir = NULL, *imports[64], *sde;
	char *zonefiles[64];
	struct dns_opts dopts = { NULL, 0, -1 };
	size_t nzones = 0;
	bool lookup = false;
	const char *errstr;
	char dir[PATH_MAX], table[PATH_MAX + 16];
	size_t nimp = 0, i, count;
	int ch, r, found_all = 1;

	memset(&c, 0, sizeof(c));
	memset(&t, 0, sizeof(t));
	c.zones.asn4 = "origin.asn.cymru.com";
	c.zones.asn6 = "origin6.asn.cymru.com";
	c.zones.contacts = "contacts.abuse.net";
	c.reporter = "postmaster";
	cli_init(&oo);
	if ((cfg.trusted = netlist_new()) == NULL ||
	    (cfg.internal = netlist_new()) == NULL ||
	    (cfg.msa = netlist_new()) == NULL)
		err(DELIV_EXIT_ERROR, NULL);
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_ABUSE_DB:
			dbpath = optarg;
			break;
		case OPT_ABUSE_ZONE:
			c.zones.contacts = optarg;
			break;
		case OPT_ASN_ZONE:
			c.zones.asn4 = c.zones.asn6 = optarg;
			break;
		case OPT_COMPLAINT:
			if (strcmp(optarg, "arf") == 0)
				c.complaint = ARF_ARF;
			else if (strcmp(optarg, "text") == 0)
				c.complaint = ARF_TEXT;
			else {
				warnx("--complaint: %s: not arf or text",
				    optarg);
				usage();
			}
			break;
		case OPT_DATA:
			datadir = optarg;
			break;
		case OPT_IMPORT:
			if (nimp == nitems(imports))
				errx(DELIV_EXIT_USAGE, "too many imports");
			imports[nimp++] = optarg;
			break;
		case OPT_LOOKUP:
			lookup = true;
			break;
		case OPT_SERVER:
			dopts.server = optarg;
			lookup = true;
			break;
		case OPT_ZONE:
			if (nzones == nitems(zonefiles))
				errx(DELIV_EXIT_USAGE, "too many zone files");
			zonefiles[nzones++] = optarg;
			lookup = true;
			break;
		case OPT_INTERNAL:
		case OPT_MSA:
		case OPT_TRUSTED:
			if (netlist_add(ch == OPT_INTERNAL ? cfg.internal :
			    ch == OPT_MSA ? cfg.msa : cfg.trusted, optarg,
			    &e) == -1) {
				warnx("%s: %s", e.where, e.what);
				usage();
			}
			break;
		case OPT_NO_ORIG:
			xorig = NULL;
			break;
		case OPT_REPORTER:
			c.reporter = optarg;
			break;
		case OPT_TRUSTED_FILE:
			if (netlist_add_file(cfg.trusted, optarg, &e) == -1)
				errx(DELIV_EXIT_ERROR, "%s: %s", e.where,
				    e.what);
			break;
		case 'h':
			help();
		default:
			if (!cli_common(ch, optarg, &oo))
				usage();
		}
	}
	argc -= optind;
	argv += optind;
	/* Reproducible complaints: SOURCE_DATE_EPOCH, as build tools do. */
	c.now = time(NULL);
	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL) {
		c.now = (time_t)parse_num(sde, 0, LLONG_MAX, &errstr);
		if (errstr != NULL)
			errx(DELIV_EXIT_USAGE, "SOURCE_DATE_EPOCH: %s", errstr);
	}
	if (nimp > 0 && dbpath == NULL) {
		warnx("--import-registry needs --abuse-db");
		usage();
	}

	/* Acquire: the registry table, the database, the patterns. */
	table[0] = '\0';
	if (find_data_dir(datadir, getenv("DELIV_DATA"), DELIV_DATADIR "/data",
	    "data", dir, sizeof(dir)) == 0)
		snprintf(table, sizeof(table), "%s/rir.tsv", dir);
	else if (datadir != NULL)
		errx(DELIV_EXIT_ERROR, "%s: no such directory", datadir);
	if ((c.ab = abuse_open(table[0] ? table : NULL, dbpath, nimp > 0,
	    &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if (nimp > 0) {
		for (i = 0; i < nimp; i++) {
			if (abuse_import(c.ab, imports[i], &count, &e) == -1)
				errx(DELIV_EXIT_ERROR, "%s: %s", e.where,
				    e.what);
			fprintf(stderr, "deliv-header-trace: %s: %zu objects\n",
			    imports[i], count);
		}
		abuse_close(c.ab);
		netlist_free(cfg.trusted);
		netlist_free(cfg.internal);
		netlist_free(cfg.msa);
		return DELIV_EXIT_OK;
	}
	if (lookup && (c.dns = nzones > 0 ? dns_open_zones(zonefiles, nzones,
	    NULL, &e) : dns_open_resolver(&dopts, &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if ((p = rcvd_parser_new(&e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if ((in = input_open(argc, argv, &io)) == NULL)
		err(DELIV_EXIT_ERROR, NULL);
	if (c.complaint == 0 &&
	    (c.out = out_open(stdout, &oo, cols, nitems(cols))) == NULL)
		err(DELIV_EXIT_ERROR, NULL);
	sandbox(c.dns != NULL ? "stdio rpath dns" : "stdio rpath");
	prog = cli_progress_start(&oo, "messages");

	while ((r = input_next(in, &m, &e)) != 0) {
		if (r == -1) {
			warnx("%s: %s", e.where, e.what);
			continue;
		}
		trace_reset(&t);
		if (m->mime != NULL && trace_message(&t, m->mime, p, &cfg,
		    xorig, time(NULL), &e) == -1)
			errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
		if (!one(&c, m, &t))
			found_all = 0;
		cli_progress_tick(prog, ++nmsg, -1, -1);
	}
	cli_progress_end(prog);
	if (c.out != NULL && out_close(c.out) == -1)
		err(DELIV_EXIT_ERROR, "stdout");
	if (c.complaint != 0 && fflush(stdout) == EOF)
		err(DELIV_EXIT_ERROR, "stdout");
	r = input_errors(in);
	input_close(in);
	trace_free(&t);
	rcvd_parser_free(p);
	abuse_close(c.ab);
	dns_free(c.dns);
	netlist_free(cfg.trusted);
	netlist_free(cfg.internal);
	netlist_free(cfg.msa);
	if (r > 0)
		return DELIV_EXIT_ERROR;
	return found_all ? DELIV_EXIT_OK : DELIV_EXIT_FOUND;
}
