/*
 * deliv-dnscheck's usage and --help text, kept out of the tool's main
 * so that its options fit there.  See deliv-dnscheck(1).
 */
#ifndef DNSCHECK_USAGE_H
#define DNSCHECK_USAGE_H

extern const char	dnscheck_synopsis[];	/* the usage lines */
extern const char	dnscheck_help[];	/* the options, after them */

#endif
