/*
 * deliv-dnscheck: audit domains and their sending IPs in DNS (A/AAAA, MX,
 * PTR, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, DNS lists), live or from zone
 * files; one record per finding.  See deliv-dnscheck(1).
 */
#include <arpa/inet.h>

#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/dnsbl.h"
#include "core/cli.h"
#include "core/out.h"
#include "core/tsv.h"
#include "core/util.h"
#include "dnscheck/dnscheck.h"
#include "dnscheck/pool.h"
#include "dnscheck/record.h"
#include "dnscheck/usage.h"
#include "net/dns.h"
#include "net/orgdom.h"

#define PSL_FILE	"/usr/share/publicsuffix/public_suffix_list.dat"
#define MAX_JOBS	256
#define MAX_MULTI	64	/* --ip, --selector, --zone given at most */

enum {
	OPT_HELO = 256, OPT_IP, OPT_LISTS, OPT_NOW, OPT_ONLY, OPT_ORIGIN,
	OPT_RETRIES, OPT_SELECTOR, OPT_SENDER, OPT_SERVER, OPT_SKIP,
	OPT_TIMEOUT, OPT_ZONE, OPT_LIVE, OPT_MIN, OPT_EXPLAIN, OPT_STS,
	OPT_ANCHOR
};

static const struct option longopts[] = {
	{ "explain",	required_argument,	NULL, OPT_EXPLAIN },
	{ "helo",	required_argument,	NULL, OPT_HELO },
	{ "ip",		required_argument,	NULL, OPT_IP },
	{ "jobs",	required_argument,	NULL, 'j' },
	{ "lists",	required_argument,	NULL, OPT_LISTS },
	{ "live",	no_argument,		NULL, OPT_LIVE },
	{ "min-status",	required_argument,	NULL, OPT_MIN },
	{ "mta-sts-policy", required_argument,	NULL, OPT_STS },
	{ "now",	required_argument,	NULL, OPT_NOW },
	{ "only",	required_argument,	NULL, OPT_ONLY },
	{ "origin",	required_argument,	NULL, OPT_ORIGIN },
	{ "retries",	required_argument,	NULL, OPT_RETRIES },
	{ "selector",	required_argument,	NULL, OPT_SELECTOR },
	{ "sender",	required_argument,	NULL, OPT_SENDER },
	{ "server",	required_argument,	NULL, OPT_SERVER },
	{ "skip",	required_argument,	NULL, OPT_SKIP },
	{ "timeout",	required_argument,	NULL, OPT_TIMEOUT },
	{ "trust-anchor", required_argument,	NULL, OPT_ANCHOR },
	{ "zone",	required_argument,	NULL, OPT_ZONE },
	CLI_LONGOPTS,
	{ NULL,		0,			NULL, 0 }
};

static _Noreturn void
usage(void)
{
	fputs(dnscheck_synopsis, stderr);
	exit(DELIV_EXIT_USAGE);
}

/* The options, then what main() acquires from them. */
struct ctx {
	struct out_opts		 oo;
	struct dnscheck_opts	 o;
	struct dns_opts		 dopts;
	unsigned		 only, skip;
	char			*ips[MAX_MULTI], *sels[MAX_MULTI];
	char			*zones[MAX_MULTI];
	size_t			 nzones, jobs;
	int			 live;
	struct dnscheck_sum	 sum;
	const char		*origin, *listfile, *nowarg, *anchor, *sts;
	struct dnsbl		*lists;		/* NULL: not asked */
};

static void
add_multi(char *v[], size_t *n, char *arg, const char *opt)
{
	if (*n == MAX_MULTI)
		errx(DELIV_EXIT_USAGE, "%s: too many", opt);
	v[(*n)++] = arg;
}

/* The number option opt's argument, or exit 2. */
static double
num(const char *opt, double min, double max, bool integer)
{
	return cli_num_arg(opt, optarg, min, max, integer);
}

static void
options(struct ctx *c, int argc, char *argv[])
{
	unsigned char buf6[16];
	struct derr e;
	time_t now;
	int ch;

	cli_setup(&c->oo, "-domain,value", "status/domain");
	c->oo.tally_line = NULL;	/* its own line per domain (sum) */
	while ((ch = cli_getopt(argc, argv, "hj:", longopts)) != -1) {
		switch (ch) {
		case 'h':
			printf("%s%s", dnscheck_synopsis, dnscheck_help);
			exit(DELIV_EXIT_OK);
		case OPT_LIVE:		c->live = 1; break;
		case OPT_EXPLAIN:
			if (dnscheck_names(optarg, &c->o.explain, &e) == -1 ||
			    (c->o.explain & ~DC_SPF) != 0)
				errx(DELIV_EXIT_USAGE, "--explain: only spf "
				    "has an explanation: %s", optarg);
			break;
		case OPT_MIN:
			if (dnscheck_min_status(optarg, &c->sum.min) == -1)
				errx(DELIV_EXIT_USAGE, "--min-status: not pass, "
				    "warn or fail: %s", optarg);
			break;
		case OPT_HELO:		c->o.helo = optarg; break;
		case OPT_ANCHOR:	c->anchor = optarg; break;
		case OPT_LISTS:		c->listfile = optarg; break;
		case OPT_STS:		c->sts = optarg; break;
		case OPT_NOW:		c->nowarg = optarg; break;
		case OPT_ORIGIN:	c->origin = optarg; break;
		case OPT_SENDER:	c->o.sender = optarg; break;
		case OPT_SERVER:	c->dopts.server = optarg; break;
		case 'j':
			c->jobs = (size_t)num("--jobs", 1, MAX_JOBS, true);
			break;
		case OPT_IP:
			if (inet_pton(AF_INET, optarg, buf6) != 1 &&
			    inet_pton(AF_INET6, optarg, buf6) != 1)
				errx(DELIV_EXIT_USAGE, "--ip: not an IP "
				    "address: %s", optarg);
			add_multi(c->ips, &c->o.nips, optarg, "--ip");
			break;
		case OPT_ONLY:
		case OPT_SKIP:
			if (dnscheck_names(optarg, ch == OPT_ONLY ? &c->only :
			    &c->skip, &e) == -1)
				errx(DELIV_EXIT_USAGE, "--%s: %s: %s",
				    ch == OPT_ONLY ? "only" : "skip", e.where,
				    e.what);
			break;
		case OPT_RETRIES:
			c->dopts.retries = (int)num("--retries", 0, 10, true);
			break;
		case OPT_SELECTOR:
			add_multi(c->sels, &c->o.nselectors, optarg,
			    "--selector");
			break;
		case OPT_TIMEOUT:
			c->dopts.timeout_ms = (unsigned)(num("--timeout", 0.001,
			    300, false) * 1000 + 0.5);
			break;
		case OPT_ZONE:
			add_multi(c->zones, &c->nzones, optarg, "--zone");
			break;
		default:
			if (!cli_common(ch, optarg, &c->oo))
				usage();
		}
	}
	if (c->nzones > 0 && c->dopts.server != NULL && !c->live)
		errx(DELIV_EXIT_USAGE, "--zone and --server go together only "
		    "with --live");
	if (c->live && c->nzones == 0)
		errx(DELIV_EXIT_USAGE, "--live needs --zone");
	if (c->oo.format == OUT_TABLE)
		c->o.explain |= DC_SPF;
	if (cli_now(c->nowarg, &now, &e) == -1)
		errx(DELIV_EXIT_USAGE, "%s: %s", e.where, e.what);
	c->o.now = (long long)now;
	c->o.checks = c->only & ~c->skip;
	c->o.ips = c->ips;
	c->o.selectors = c->sels;
}

/* Check the domains, the operands or stdin's lines, in batches of bmax. */
static void
run(struct ctx *c, struct dnscheck_pool *pool, struct out *out, int argc,
    char *argv[])
{
	struct cli_progress *prog;
	struct finding_list *res;
	struct derr e;
	struct tsv *list = NULL;
	const char *s;
	char **dom;
	size_t n, ndone = 0, bmax = c->jobs == 1 ? 1 : c->jobs * 8;
	int ai = 0, tested = 0;

	if ((dom = calloc(bmax, sizeof(*dom))) == NULL ||
	    (res = calloc(bmax, sizeof(*res))) == NULL ||
	    (argc == 0 && (list = dnscheck_list_open(stdin, "-", &e)) == NULL))
		errx(DELIV_EXIT_ERROR, "out of memory");
	prog = cli_input_start(&c->oo, "domains", argc);
	for (;;) {
		for (n = 0; n < bmax; n++) {
			if (argc > 0)
				s = ai < argc ? argv[ai++] : NULL;
			else if (dnscheck_next_domain(list, &s, &e) == -1)
				errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
			if (s == NULL)
				break;
			if ((dom[n] = strdup(s)) == NULL)
				errx(DELIV_EXIT_ERROR, "out of memory");
		}
		if (n == 0)
			break;
		/* The lists' self-test, once, when there is work. */
		if (c->lists != NULL && !tested++)
			dnscheck_pool_selftest(pool, c->lists, c->o.nips > 0);
		dnscheck_pool_run(pool, &c->o, dom, n, res);
		if (dnscheck_record_write(out, dom, res, n, &c->sum, &e) == -1)
			errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
		cli_progress_tick(prog, (long long)(ndone += n), -1, -1);
	}
	cli_progress_end(prog);
	tsv_close(list);
	free(dom);
	free(res);
}

int
main(int argc, char *argv[])
{
	struct ctx c = { .dopts = { NULL, 0, -1 }, .only = DC_ALL, .jobs = 1 };
	struct derr e;
	struct dnscheck_pool *pool;
	struct dns *d;
	struct out *out;
	struct orgdom *psl;
	char path[PATH_MAX + 16];

	options(&c, argc, argv);
	argc -= optind;
	argv += optind;

	/* Acquire: DNS, the suffix list, the DNS lists. */
	if ((d = c.nzones > 0 ? dns_open_zones(c.zones, c.nzones, c.origin,
	    &e) : dns_open_resolver(&c.dopts, &e)) == NULL ||
	    (c.live && dns_add_live(d, &c.dopts, &e) == -1) ||
	    (psl = orgdom_load(access(PSL_FILE, R_OK) == 0 ? PSL_FILE : NULL,
	    &e)) == NULL || dnscheck_extras_load(&c.o, c.anchor, c.sts,
	    &e) == -1)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	c.o.psl = psl;
	/* Zone files cannot answer for the real lists: only --lists ones. */
	if ((c.o.checks & DC_DNSBL) && (c.nzones == 0 || c.listfile != NULL)) {
		if (c.listfile == NULL && cli_data_file(NULL, "dnsbl.tsv", path,
		    sizeof(path)) == 0)
			c.listfile = path;
		if (c.listfile == NULL)
			warnx("dnsbl.tsv: no data directory: DNS lists not "
			    "checked");
		else if ((c.lists = dnsbl_load(c.listfile, &e)) == NULL)
			errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	}
	c.o.lists = c.lists;
	/* Our sockets keep no state after a timeout: no fresh resolvers. */
	if ((pool = dnscheck_pool_new(d, c.jobs, NULL, &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if ((out = dnscheck_record_open(stdout, &c.oo)) == NULL)
		errx(DELIV_EXIT_ERROR, "out of memory");
	sandbox("stdio inet dns");

	c.sum.tally = isatty(STDERR_FILENO);
	run(&c, pool, out, argc, argv);

	dnscheck_pool_free(pool);
	if (out_close(out) == -1)
		err(DELIV_EXIT_ERROR, "stdout");
	dnsbl_free(c.lists);
	orgdom_free(psl);
	if (c.sum.lines.len > 0)
		fputs(c.sum.lines.s, stderr);
	dnscheck_sum_free(&c.sum);
	dnscheck_extras_free(&c.o);
	return dnscheck_exit(&c.sum);
}
