/*
 * deliv-dnscheck: audit domains and their sending IPs in DNS (A/AAAA, MX,
 * PTR, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, DNS lists), live or from zone
 * files; one record per finding.  See deliv-dnscheck(1).
 */
#include <arpa/inet.h>

#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/dnsbl.h"
#include "core/cli.h"
#include "core/deliv.h"
#include "core/finding.h"
#include "core/out.h"
#include "core/util.h"
#include "dnscheck/dnscheck.h"
#include "dnscheck/pool.h"
#include "net/dns.h"
#include "net/orgdom.h"

#define PSL_FILE	"/usr/share/publicsuffix/public_suffix_list.dat"
#define MAX_JOBS	256
#define MAX_MULTI	64	/* --ip, --selector, --zone given at most */

static const struct out_col cols[] = {
	{ "domain", OUT_STR },
	{ "check", OUT_STR },
	{ "subject", OUT_STR },
	{ "status", OUT_STR },
	{ "detail", OUT_STR },
	{ "value", OUT_STR }
};

enum {
	OPT_HELO = 1,
	OPT_IP,
	OPT_LISTS,
	OPT_ONLY,
	OPT_ORIGIN,
	OPT_RETRIES,
	OPT_SELECTOR,
	OPT_SENDER,
	OPT_SERVER,
	OPT_SKIP,
	OPT_TIMEOUT,
	OPT_ZONE
};

static const struct option longopts[] = {
	{ "helo",	required_argument,	NULL, OPT_HELO },
	{ "ip",		required_argument,	NULL, OPT_IP },
	{ "jobs",	required_argument,	NULL, 'j' },
	{ "lists",	required_argument,	NULL, OPT_LISTS },
	{ "only",	required_argument,	NULL, OPT_ONLY },
	{ "origin",	required_argument,	NULL, OPT_ORIGIN },
	{ "retries",	required_argument,	NULL, OPT_RETRIES },
	{ "selector",	required_argument,	NULL, OPT_SELECTOR },
	{ "sender",	required_argument,	NULL, OPT_SENDER },
	{ "server",	required_argument,	NULL, OPT_SERVER },
	{ "skip",	required_argument,	NULL, OPT_SKIP },
	{ "timeout",	required_argument,	NULL, OPT_TIMEOUT },
	{ "zone",	required_argument,	NULL, OPT_ZONE },
	CLI_LONGOPTS,
	{ NULL,		0,			NULL, 0 }
};

#define SYNOPSIS \
	"usage: deliv-dnscheck [--ip addr ...] [--helo name] " \
	"[--sender addr]\n" \
	"           [--selector sel ...] [--only list | --skip list] [-j n]\n" \
	"           [--server addr[#port] | --zone file ... " \
	"[--origin name]]\n" \
	"           [--timeout sec] [--retries n] [--lists file] [domain ...]\n"

static _Noreturn void
usage(void)
{
	fputs(SYNOPSIS, stderr);
	exit(DELIV_EXIT_USAGE);
}

static _Noreturn void
help(void)
{
	fputs(SYNOPSIS, stdout);
	fputs("\nAudit each domain (arguments, or one per line on stdin):\n"
	    "  --ip ADDR             a sending IP: PTR, SPF result, blocklists "
	    "(repeatable)\n"
	    "  --helo NAME           the HELO name (PTR match, SPF identity)\n"
	    "  --sender ADDR         MAIL FROM for the SPF result "
	    "(default postmaster@DOMAIN)\n"
	    "  --selector SEL        a DKIM selector (repeatable; default: "
	    "common ones)\n"
	    "  --only LIST           run only these checks: a, mx, ptr, spf, "
	    "dkim, dmarc,\n"
	    "                        mta-sts, tls-rpt, dnsbl\n"
	    "  --skip LIST           run all checks but these\n"
	    "  -j, --jobs N          check N domains at a time (default 1)\n"
	    "  --server ADDR[#PORT]  ask this DNS server (default: "
	    "resolv.conf)\n"
	    "  --zone FILE           answer from zone files, no network "
	    "(repeatable)\n"
	    "  --origin NAME         origin of zone files without $ORIGIN "
	    "or SOA\n"
	    "  --timeout SEC         seconds per DNS try (default 2)\n"
	    "  --retries N           DNS tries after the first (default 2)\n"
	    "  --lists FILE          DNS lists to ask instead of the shipped "
	    "dnsbl.tsv\n"
	    CLI_HELP, stdout);
	exit(DELIV_EXIT_OK);
}

/* Write the records of dom[0..n) in input order; 1 if any is a fail. */
static int
write_batch(struct out *out, char *dom[], struct finding_list res[], size_t n)
{
	struct finding *r;
	size_t i, j;
	int found = 0;

	for (i = 0; i < n; i++) {
		if (res[i].nomem)
			errx(DELIV_EXIT_ERROR, "%s: out of memory", dom[i]);
		for (j = 0; j < res[i].n; j++) {
			r = &res[i].v[j];
			out_str(out, 0, dom[i]);
			out_str(out, 1, r->check);
			out_str(out, 2, r->subject);
			out_str(out, 3, finding_status_str(r->status));
			out_str(out, 4, r->detail);
			out_str(out, 5, r->value);
			out_end(out);
		}
		found |= finding_has_fail(&res[i]);
		finding_list_free(&res[i]);
		free(dom[i]);
	}
	return found;
}

/* Next domain from stdin: the first word of a line; skip blanks, "#". */
static char *
next_line(char **line, size_t *cap)
{
	char *s;

	while (getline(line, cap, stdin) != -1) {
		s = str_trim(*line);
		s[strcspn(s, " \t")] = '\0';
		if (*s != '\0' && *s != '#')
			return s;
	}
	return NULL;
}

static double
parse_seconds(const char *s)
{
	char *end;
	double v;

	v = strtod(s, &end);
	if (end == s || *end != '\0' || !(v >= 0.001 && v <= 300))
		errx(DELIV_EXIT_USAGE, "--timeout: invalid: %s", s);
	return v;
}

int
main(int argc, char *argv[])
{
	struct out_opts oo;
	struct dnscheck_opts o;
	struct dns_opts dopts = { NULL, 0, -1 };
	struct derr e;
	struct dnscheck_pool *pool;
	struct finding_list *res;
	struct dns *d;
	struct out *out;
	struct orgdom *psl;
	struct dnsbl *lists = NULL;
	struct cli_progress *prog;
	long long ndone = 0;
	unsigned only = DC_ALL, skip = 0;
	unsigned char buf6[16];
	char *ips[MAX_MULTI], *sels[MAX_MULTI], *zones[MAX_MULTI];
	char *line = NULL, *s, **dom, datadir[4096], path[4200];
	const char *errstr, *origin = NULL, *listfile = NULL;
	size_t nips = 0, nsels = 0, nzones = 0, cap = 0, n, bmax, jobs = 1;
	int ch, found = 0, ai, tested = 0;

	cli_init(&oo);
	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, "hj:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			help();
		case 'j':
			jobs = (size_t)parse_num(optarg, 1, MAX_JOBS, &errstr);
			if (errstr != NULL)
				errx(DELIV_EXIT_USAGE, "--jobs: %s: %s", errstr,
				    optarg);
			break;
		case OPT_HELO:
			o.helo = optarg;
			break;
		case OPT_IP:
			if (inet_pton(AF_INET, optarg, buf6) != 1 &&
			    inet_pton(AF_INET6, optarg, buf6) != 1)
				errx(DELIV_EXIT_USAGE, "--ip: not an IP "
				    "address: %s", optarg);
			if (nips == MAX_MULTI)
				errx(DELIV_EXIT_USAGE, "--ip: too many");
			ips[nips++] = optarg;
			break;
		case OPT_LISTS:
			listfile = optarg;
			break;
		case OPT_ONLY:
		case OPT_SKIP:
			if (dnscheck_names(optarg, ch == OPT_ONLY ? &only :
			    &skip, &e) == -1)
				errx(DELIV_EXIT_USAGE, "--%s: %s: %s",
				    ch == OPT_ONLY ? "only" : "skip", e.where,
				    e.what);
			break;
		case OPT_ORIGIN:
			origin = optarg;
			break;
		case OPT_RETRIES:
			dopts.retries = (int)parse_num(optarg, 0, 10, &errstr);
			if (errstr != NULL)
				errx(DELIV_EXIT_USAGE, "--retries: %s: %s",
				    errstr, optarg);
			break;
		case OPT_SELECTOR:
			if (nsels == MAX_MULTI)
				errx(DELIV_EXIT_USAGE, "--selector: too many");
			sels[nsels++] = optarg;
			break;
		case OPT_SENDER:
			o.sender = optarg;
			break;
		case OPT_SERVER:
			dopts.server = optarg;
			break;
		case OPT_TIMEOUT:
			dopts.timeout_ms = (unsigned)(parse_seconds(optarg) *
			    1000 + 0.5);
			break;
		case OPT_ZONE:
			if (nzones == MAX_MULTI)
				errx(DELIV_EXIT_USAGE, "--zone: too many");
			zones[nzones++] = optarg;
			break;
		default:
			if (!cli_common(ch, optarg, &oo))
				usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (nzones > 0 && dopts.server != NULL)
		errx(DELIV_EXIT_USAGE, "--zone and --server exclude each "
		    "other");
	o.checks = only & ~skip;
	o.ips = ips;
	o.nips = nips;
	o.selectors = sels;
	o.nselectors = nsels;
	o.now = (long long)time(NULL);

	/* Acquire: DNS, the suffix list, the DNS lists. */
	if (nzones > 0)
		d = dns_open_zones(zones, nzones, origin, &e);
	else
		d = dns_open_resolver(&dopts, &e);
	if (d == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if ((psl = orgdom_load(access(PSL_FILE, R_OK) == 0 ? PSL_FILE : NULL,
	    &e)) == NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	o.psl = psl;
	/* Zone files cannot answer for the real lists: only --lists ones. */
	if ((o.checks & DC_DNSBL) && (nzones == 0 || listfile != NULL)) {
		if (listfile == NULL && find_data_dir(NULL,
		    getenv("DELIV_DATA"), DELIV_DATADIR "/data", "data",
		    datadir, sizeof(datadir)) == 0) {
			snprintf(path, sizeof(path), "%s/dnsbl.tsv", datadir);
			listfile = path;
		}
		if (listfile == NULL)
			warnx("dnsbl.tsv: no data directory: DNS lists not "
			    "checked");
		else if ((lists = dnsbl_load(listfile, &e)) == NULL)
			errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	}
	o.lists = lists;
	if ((pool = dnscheck_pool_new(d, jobs, nzones > 0 ? NULL : &dopts, &e)) ==
	    NULL)
		errx(DELIV_EXIT_ERROR, "%s: %s", e.where, e.what);
	if ((out = out_open(stdout, &oo, cols, nitems(cols))) == NULL)
		errx(DELIV_EXIT_ERROR, "out of memory");
	sandbox("stdio inet dns");
	prog = cli_progress_start(&oo, "domains");

	bmax = jobs == 1 ? 1 : jobs * 8;
	if ((dom = calloc(bmax, sizeof(*dom))) == NULL ||
	    (res = calloc(bmax, sizeof(*res))) == NULL)
		errx(DELIV_EXIT_ERROR, "out of memory");
	ai = 0;
	for (;;) {
		for (n = 0; n < bmax; n++) {
			if (argc > 0)
				s = ai < argc ? argv[ai++] : NULL;
			else
				s = next_line(&line, &cap);
			if (s == NULL)
				break;
			if ((dom[n] = strdup(s)) == NULL)
				errx(DELIV_EXIT_ERROR, "out of memory");
		}
		if (n == 0)
			break;
		/* The lists' self-test, once, when there is work. */
		if (lists != NULL && !tested) {
			dnsbl_selftest(lists, dnscheck_pool_dns(pool), nips > 0, 1);
			dnscheck_pool_refresh(pool);	/* a timeout there sticks */
			tested = 1;
		}
		dnscheck_pool_run(pool, &o, dom, n, res);
		found |= write_batch(out, dom, res, n);
		ndone += (long long)n;
		cli_progress_tick(prog, ndone, -1, -1);
	}
	cli_progress_end(prog);
	free(line);
	free(dom);
	free(res);
	dnscheck_pool_free(pool);
	if (ferror(stdin))
		warn("stdin");
	if (out_close(out) == -1)
		err(DELIV_EXIT_ERROR, "stdout");
	dnsbl_free(lists);
	orgdom_free(psl);
	if (ferror(stdin))
		return DELIV_EXIT_ERROR;
	return found ? DELIV_EXIT_FOUND : DELIV_EXIT_OK;
}
