/*
 * deliv-dnscheck's usage and --help text.  See dnscheck/usage.h.
 */
#include "core/cli.h"
#include "dnscheck/usage.h"

const char dnscheck_synopsis[] =
	"usage: deliv-dnscheck [--ip addr ...] [--helo name] "
	"[--sender addr]\n"
	"           [--selector sel ...] [--only list | --skip list] [-j n]\n"
	"           [--server addr[#port]] [--zone file ... [--origin name] "
	"[--live]]\n"
	"           [--timeout sec] [--retries n] [--lists file]\n"
	"           [--min-status pass|warn|fail] [--explain spf]\n"
	"           [--trust-anchor file] [--mta-sts-policy file] "
	"[domain ...]\n";

const char dnscheck_help[] =
	"\nAudit each domain (arguments, or one per line on stdin):\n"
	"  --ip ADDR             a sending IP: PTR, SPF result, blocklists "
	"(repeatable)\n"
	"  --helo NAME           the HELO name (PTR match, SPF identity)\n"
	"  --sender ADDR         MAIL FROM for the SPF result "
	"(default postmaster@DOMAIN)\n"
	"  --selector SEL        a DKIM selector (repeatable; default: "
	"common ones)\n"
	"  --only LIST           run only these checks: a, mx, ptr, spf, "
	"dkim, dmarc,\n"
	"                        mta-sts, tls-rpt, dnsbl, dnssec, dane, bimi\n"
	"  --skip LIST           run all checks but these\n"
	"  -j, --jobs N          check N domains at a time (default 1)\n"
	"  --server ADDR[#PORT]  ask this DNS server (default: "
	"resolv.conf)\n"
	"  --zone FILE           answer from zone files, no network "
	"(repeatable)\n"
	"  --origin NAME         origin of zone files without $ORIGIN "
	"or SOA\n"
	"  --live                with --zone: names outside the zones from "
	"DNS\n"
	"  --timeout SEC         seconds per DNS try (default 2)\n"
	"  --retries N           DNS tries after the first (default 2)\n"
	"  --lists FILE          DNS lists to ask instead of the shipped "
	"dnsbl.tsv\n"
	"  --min-status S        write only findings this bad: pass (all), "
	"warn, fail\n"
	"  --explain spf         the SPF include/redirect tree, one record "
	"a node\n"
	"  --trust-anchor FILE   DNSSEC anchors, DS or DNSKEY (default: "
	"the root's)\n"
	"  --mta-sts-policy FILE check this MTA-STS policy file\n"
	CLI_HELP_NOW CLI_HELP
	"\nExit status: 0 pass or warn, 1 something fails, 2 something could "
	"not be\nchecked (DNS timeout, SERVFAIL, REFUSED) or a usage or "
	"input error.\n";
