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
#include <unistd.h>

#include "core/cli.h"
#include "core/workers.h"	/* and core/input.h */
#include "net/dns.h"
#include "trace/arf.h"
#include "trace/record.h"
#include "trace/trust.h"

#define MAX_MULTI	64	/* --import-registry, --zone given at most */
#define PSL_FILE	"/usr/share/publicsuffix/public_suffix_list.dat"

enum {
	OPT_ABUSE_DB = 256, OPT_ABUSE_ZONE, OPT_ASN_ZONE, OPT_COMPLAINT,
	OPT_COMPLAINT_DIR, OPT_TO, OPT_DATA, OPT_IMPORT, OPT_INTERNAL, OPT_LOOKUP, OPT_MSA, OPT_NO_ORIG,
	OPT_NOW, OPT_REPORTER, OPT_SERVER, OPT_TRUSTED, OPT_TRUSTED_FILE,
	OPT_ZONE
};

static const struct option longopts[] = {
	{ "abuse-db",		required_argument, NULL, OPT_ABUSE_DB },
	{ "abuse-zone",		required_argument, NULL, OPT_ABUSE_ZONE },
	{ "asn-zone",		required_argument, NULL, OPT_ASN_ZONE },
	CLI_LONGOPTS,
	{ "complaint",		required_argument, NULL, OPT_COMPLAINT },
	{ "complaint-dir",	required_argument, NULL, OPT_COMPLAINT_DIR },
	{ "data",		required_argument, NULL, OPT_DATA },
	{ "import-registry",	required_argument, NULL, OPT_IMPORT },
	{ "internal",		required_argument, NULL, OPT_INTERNAL },
	{ "lookup",		no_argument,	   NULL, OPT_LOOKUP },
	{ "msa",		required_argument, NULL, OPT_MSA },
	{ "no-originating",	no_argument,	   NULL, OPT_NO_ORIG },
	{ "now",		required_argument, NULL, OPT_NOW },
	{ "reporter",		required_argument, NULL, OPT_REPORTER },
	{ "server",		required_argument, NULL, OPT_SERVER },
	{ "to",			required_argument, NULL, OPT_TO },
	{ "trusted",		required_argument, NULL, OPT_TRUSTED },
	{ "trusted-file",	required_argument, NULL, OPT_TRUSTED_FILE },
	{ "zone",		required_argument, NULL, OPT_ZONE },
	WORKERS_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: deliv-header-trace [--json] [--trusted nets] "
	    "[--internal nets] [--msa nets]\n"
	    "          [--trusted-file file] [--abuse-db file] "
	    "[--complaint arf|text]\n          [--complaint-dir dir] "
	    "[--to addr] [file ...]\n"
	    "       deliv-header-trace --abuse-db file --import-registry "
	    "file ...\n");
	exit(DELIV_EXIT_USAGE);
}

static _Noreturn void
help(void)
{
	printf("usage: deliv-header-trace [options] [file ...]\n"
	    "Trace the Received chain of each message: a record per hop and "
	    "its origin.\n"
	    "  --trusted NETS        trusted relays (CIDR, 1.2. shorthand, !NET)\n"
	    "  --internal NETS       internal relays (trusted, in the org)\n"
	    "  --msa NETS            submission agents: later relays trusted\n"
	    "  --trusted-file FILE   trusted networks from FILE\n"
	    "  --no-originating      ignore X-Originating-IP and the like\n"
	    "  --data DIR            registry table directory\n"
	    "  --abuse-db FILE       SQLite abuse-contact database\n"
	    "  --import-registry FILE  fill --abuse-db from RIR bulk data\n"
	    "  --lookup              ask DNS for the origin's ASN and contact\n"
	    "  --asn-zone ZONE       IP-to-ASN TXT zone (origin.asn.cymru.com)\n"
	    "  --abuse-zone ZONE     abuse-contact zone (contacts.abuse.net)\n"
	    "  --server ADDR[#PORT]  resolver for --lookup (resolv.conf)\n"
	    "  --zone FILE           answer --lookup from zone files\n"
	    "  --complaint KIND      a complaint per message (mbox): arf, text\n"
	    "  --complaint-dir DIR   a file per complaint in DIR, records out\n"
	    "  --to ADDR             To: of complaints (default: the contact)\n"
	    "  --reporter ADDR       From: address of complaints\n"
	    WORKERS_HELP CLI_HELP_NOW CLI_HELP);
	exit(0);
}

/* The options, then what main() acquires from them. */
struct ctx {
	struct out_opts		 oo;
	struct input_opts	 io;
	struct trust_cfg	 cfg;
	const char		*dbpath, *datadir, *nowarg;
	char			*imports[MAX_MULTI], *zonefiles[MAX_MULTI];
	size_t			 nimp, nzones;
	struct dns_opts		 dopts;
	bool			 lookup;
	struct abuse_zones	 zones;
	struct trace_writer	 w;		/* and what main() acquires */
};

static void
add_multi(char *v[], size_t *n, char *arg, const char *opt)
{
	if (*n == MAX_MULTI)
		errx(DELIV_EXIT_USAGE, "%s: too many", opt);
	v[(*n)++] = arg;
}

static void
options(struct ctx *c, int argc, char *argv[])
{
	struct derr e;
	int ch;

	cli_setup(&c->oo, "record,hop,ip,rdns,trust,abuse_contact", "record");
	if ((c->cfg.trusted = netlist_new()) == NULL ||
	    (c->cfg.internal = netlist_new()) == NULL ||
	    (c->cfg.msa = netlist_new()) == NULL)
		err(DELIV_EXIT_ERROR, NULL);
	while ((ch = cli_getopt(argc, argv, "hj:", longopts)) != -1) {
		switch (ch) {
		case OPT_ABUSE_DB:	c->dbpath = optarg; break;
		case OPT_ABUSE_ZONE:	c->zones.contacts = optarg; break;
		case OPT_ASN_ZONE:
			c->zones.asn4 = c->zones.asn6 = optarg;
			break;
		case OPT_DATA:		c->datadir = optarg; break;
		case OPT_LOOKUP:	c->lookup = true; break;
		case OPT_NO_ORIG:	c->w.xorig = NULL; break;
		case OPT_NOW:		c->nowarg = optarg; break;
		case OPT_REPORTER:	c->w.reporter = optarg; break;
		case OPT_COMPLAINT_DIR:	c->w.complaint_dir = optarg; break;
		case OPT_TO:		c->w.to = optarg; break;
		case OPT_COMPLAINT:
			c->w.complaint = strcmp(optarg, "arf") == 0 ? ARF_ARF :
			    strcmp(optarg, "text") == 0 ? ARF_TEXT : 0;
			c->io.solo = "--complaint";	/* for -j */
			if (c->w.complaint == 0) {
				warnx("--complaint: %s: not arf or text",
				    optarg);
				usage();
			}
			break;
		case OPT_IMPORT:
			add_multi(c->imports, &c->nimp, optarg,
			    "--import-registry");
			break;
		case OPT_SERVER:
			c->dopts.server = optarg;
			c->lookup = true;
			break;
		case OPT_ZONE:
			add_multi(c->zonefiles, &c->nzones, optarg, "--zone");
			c->lookup = true;
			break;
		case OPT_INTERNAL:
		case OPT_MSA:
		case OPT_TRUSTED:
			if (netlist_add(ch == OPT_INTERNAL ? c->cfg.internal :
			    ch == OPT_MSA ? c->cfg.msa : c->cfg.trusted, optarg,
			    &e) == -1) {
				warnx("%s: %s", e.where, e.what);
				usage();
			}
			break;
		case OPT_TRUSTED_FILE:
			if (trust_load_file(c->cfg.trusted, optarg, &e) == -1)
				errx(DELIV_EXIT_ERROR, "%s: %s", e.where,
				    e.what);
			break;
		case 'h':		help();
		default:
			if (!cli_mail_option(ch, optarg, &c->io, &c->oo))
				usage();
		}
	}
	if ((c->nimp > 0 && c->dbpath == NULL) || (c->w.complaint == 0 &&
	    (c->w.complaint_dir != NULL || c->w.to != NULL))) {
		warnx("%s", c->nimp > 0 && c->dbpath == NULL ? "--import-"
		    "registry needs --abuse-db" : "--complaint-dir and --to "
		    "need --complaint");
		usage();
	}
	/* Reproducible complaints: --now, else SOURCE_DATE_EPOCH. */
	if (cli_now(c->nowarg, &c->w.now, &e) == -1)
		errx(DELIV_EXIT_USAGE, "%s: %s", e.where, e.what);
	if (!arf_time_ok(c->w.now))
		errx(DELIV_EXIT_USAGE, "%s: %lld: outside 1970-9999",
		    c->nowarg != NULL ? "--now" : "SOURCE_DATE_EPOCH",
		    (long long)c->w.now);
	c->w.clock = c->nowarg != NULL ? c->w.now : time(NULL);
}

static void
imported(const char *path, size_t count, void *arg)
{
	(void)arg;
	fprintf(stderr, "deliv-header-trace: %s: %zu objects\n", path, count);
}

static void
lookup_failed(const struct derr *e)
{
	warnx("%s: %s", e->where, e->what);
}

int
main(int argc, char *argv[])
{
	struct ctx c = { .dopts = { NULL, 0, -1 }, .zones = {
	    "origin.asn.cymru.com", "origin6.asn.cymru.com",
	    "contacts.abuse.net", NULL }, .w = { .xorig = trace_xorig_headers,
	    .reporter = "postmaster", .fp = stdout, .warn = lookup_failed,
	    .cfg = &c.cfg, .zones = &c.zones } };
	struct input *in;
	struct orgdom *psl = NULL;
	struct derr e;
	char table[PATH_MAX + 16];
	int rc = DELIV_EXIT_OK;

	options(&c, argc, argv);
	argc -= optind;
	argv += optind;

	/* Acquire: the registry table, suffix list, database, DNS, patterns. */
	if (cli_data_file(c.datadir, "rir.tsv", table, sizeof(table)) == -1) {
		if (c.datadir != NULL)
			errx(DELIV_EXIT_ERROR, "%s: no such directory",
			    c.datadir);
		table[0] = '\0';
	}
	if (c.nimp > 0) {
		if (abuse_import_registry(table[0] ? table : NULL, c.dbpath,
		    c.imports, c.nimp, imported, NULL, &e) == -1)
			errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
		goto out;
	}
	if ((access(PSL_FILE, R_OK) == 0 && (c.cfg.orgdom = c.zones.orgdom =
	    psl = orgdom_load(PSL_FILE, &e)) == NULL) ||
	    (c.w.ab = abuse_open(table[0] ? table : NULL, c.dbpath, false,
	    &e)) == NULL || (c.lookup && (c.w.dns = c.nzones > 0 ?
	    dns_open_zones(c.zonefiles, c.nzones, NULL, &e) :
	    dns_open_resolver(&c.dopts, &e)) == NULL) ||
	    (c.w.parser = rcvd_parser_new(&e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if ((rc = trust_defaults(&c.cfg, getenv("DELIV_TRUSTED"),
	    getenv("HOME"), &e)) == -1)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if (rc == 0)
		warnx("%s", TRUST_WARNING);
	/* Records need no GMimeMessage: the headers are read raw. */
	c.io.raw_only = c.io.raw_verify = c.w.complaint == 0;
	cli_workers(argc, argv, &c.io, &c.oo);
	if ((c.w.complaint == 0 || c.w.complaint_dir != NULL) &&
	    (c.w.out = trace_record_open(stdout, &c.oo)) == NULL)
		err(DELIV_EXIT_ERROR, NULL);
	if ((in = input_open(argc, argv, &c.io)) == NULL)
		err(DELIV_EXIT_ERROR, NULL);
	if (c.w.to != NULL && arf_addr_spec(c.w.to, table, sizeof(table)) ==
	    -1)
		errx(DELIV_EXIT_USAGE, "--to: %s: not one mail address", c.w.to);
	sandbox(c.w.dns != NULL ? "stdio rpath dns" : "stdio rpath");

	rc = trace_run(&c.w, in);

	cli_progress_end(c.io.progress);
	if (c.w.out != NULL && out_close(c.w.out) == -1)
		err(DELIV_EXIT_ERROR, "stdout");
	if (c.w.out == NULL && fflush(stdout) == EOF)
		err(DELIV_EXIT_ERROR, "stdout");
	input_close(in);
	trace_writer_free(&c.w);
	rcvd_parser_free(c.w.parser);
	abuse_close(c.w.ab);
	dns_free(c.w.dns);
out:
	netlist_free(c.cfg.trusted);
	netlist_free(c.cfg.internal);
	netlist_free(c.cfg.msa);
	orgdom_free(psl);
	return rc;
}
