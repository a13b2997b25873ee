/*
 * Fuzz lib/mail/dsn: arbitrary bytes as a message/delivery-status body, split
 * into field groups; every group's common fields are looked up.
 */
#include <stdint.h>
#include <stdlib.h>

#include "common.h"
#include "mail/dsn.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dsn d = { 0 };
	struct derr e;
	const char *v;
	size_t i;

	if (dsn_parse((const char *)data, size, &d, &e) == -1)
		return 0;
	for (i = 0; i < d.n; i++) {
		if ((v = dsn_get(&d.g[i], "Final-Recipient")) != NULL)
			(void)dsn_untype(v);
		if ((v = dsn_get(&d.g[i], "Diagnostic-Code")) != NULL)
			(void)dsn_untype(v);
		(void)dsn_get(&d.g[i], "Status");
		(void)dsn_get(&d.g[i], "Action");
	}
	(void)dsn_nrcpt(&d);
	dsn_free(&d);
	return 0;
}
