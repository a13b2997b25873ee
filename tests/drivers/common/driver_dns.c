/*
 * The DNS options of the test drivers that ask lib/net/dns; see driver.h.
 */
#include <err.h>
#include <stdbool.h>
#include <stddef.h>

#include "driver.h"
#include "core/deliv.h"
#include "core/util.h"
#include "net/dns.h"

int
drv_dns_opt(struct drv_dns *d, int ch, char *arg)
{
	const char *errstr;

	switch (ch) {
	case 'o':
		d->origin = arg;
		break;
	case 'r':
		d->o.retries = (int)parse_num(arg, 0, 10, &errstr);
		if (errstr != NULL)
			return -1;
		break;
	case 's':
		d->o.server = arg;
		break;
	case 't':
		d->o.timeout_ms = (unsigned)parse_num(arg, 1, 60000, &errstr);
		if (errstr != NULL)
			return -1;
		break;
	case 'z':
		if (d->nz == nitems(d->zones))
			return -1;
		d->zones[d->nz++] = arg;
		break;
	default:
		return 0;
	}
	return 1;
}

bool
drv_dns_given(const struct drv_dns *d)
{
	return (d->nz == 0) != (d->o.server == NULL);
}

struct dns *
drv_dns_open(const struct drv_dns *d)
{
	struct derr e;
	struct dns *dns;

	dns = d->nz ? dns_open_zones(d->zones, d->nz, d->origin, &e) :
	    dns_open_resolver(&d->o, &e);
	if (dns == NULL)
		errx(2, "%s: %s", e.where, e.what);
	return dns;
}
