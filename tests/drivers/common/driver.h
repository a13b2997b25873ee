/*
 * What the test drivers in tests/drivers/ share: reading stdin line by
 * line, the common output options, and the DNS options (-s, -z, -o, -t,
 * -r) of the drivers that ask lib/net/dns.  The Makefile links it into
 * every driver as an archive: driver.c (lib/core only) and driver_dns.c
 * (lib/net/dns, so ldns), so a driver takes only what it calls.
 */
#ifndef DRIVER_H
#define DRIVER_H

#include <sys/types.h>

#include <stdbool.h>

#include "core/out.h"
#include "net/dns.h"

/*
 * The next line of stdin in *line (grown as getline(3) grows it), its
 * newline cut off; its length, or -1 at the end of the input.
 */
ssize_t	drv_line(char **line, size_t *cap);

/*
 * cli_init(oo), then the options of argv: optstring and the common output
 * options (CLI_LONGOPTS); any other exits 2 with "usage: ...".  Returns
 * optind.
 */
int	drv_out_opts(int argc, char *argv[], const char *optstring,
	    struct out_opts *oo, const char *usage);

/* The DNS options: a server (-s, -t, -r) or zone files (-z, -o). */
struct drv_dns {
	struct dns_opts	 o;
	char		*zones[16];
	size_t		 nz;
	const char	*origin;
};
#define DRV_DNS_INIT	{ { NULL, 0, -1 }, { NULL }, 0, NULL }

/*
 * Take option ch (one of "o:r:s:t:z:") and its argument: 1 if taken, 0
 * if ch is no DNS option, -1 for a bad number or a 17th zone.
 */
int	drv_dns_opt(struct drv_dns *, int ch, char *arg);

/* Whether exactly one of a server and zone files was given. */
bool	drv_dns_given(const struct drv_dns *);

/* The zones, or else the server, opened; exits 2 saying why it cannot. */
struct dns *drv_dns_open(const struct drv_dns *);

#endif
