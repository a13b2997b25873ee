/*
 * lib/auth/dnsbl's internals, shared by dnsbl.c (queries) and dnsblfile.c
 * (the list file).  Not for other modules.
 */
#ifndef DNSBL_PRIV_H
#define DNSBL_PRIV_H

#include <stddef.h>
#include <stdint.h>

enum row_class { R_LISTED, R_ERROR, R_ALLOW, R_REPUTATION, R_UNUSED,
    R_DEFUNCT };

/* One code row: the addresses [lo, hi] mean class. */
struct row {
	uint32_t	 lo, hi;
	int		 pattern;	/* 127.0.X.Y style: a catch-all */
	int		 bitmask;	/* 127.0.0.N: the list is a bitmask */
	enum row_class	 cls;
	char		*meaning;
};

enum selftest { ST_UNKNOWN = 0, ST_OK, ST_UNRELIABLE, ST_ERROR, ST_TEMP };

struct list {
	char		*zone;
	int		 domain;	/* a domain list (else IP) */
	struct row	*rows;
	size_t		 nrows;
	int		 bitmask;
	int		 allowlist;	/* every row allow or error */
	int		 defunct;	/* every row defunct */
	enum selftest	 st;
	char		 stwhy[1024];
	char		 stanswer[128];
};

struct dnsbl {
	struct list	*l;
	size_t		 n;
};

/* An IPv4 address in host order; 0 or -1. */
int	dnsbl_ip4(const char *, uint32_t *);

#endif
