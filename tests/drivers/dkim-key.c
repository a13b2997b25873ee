/*
 * dkim-key: check DKIM key record texts, one per line on stdin, with
 * dkim_key_check(); print "status<TAB>k<TAB>bits<TAB>flags<TAB>detail".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/dkim.h"
#include "common/driver.h"
#include "core/finding.h"

int
main(void)
{
	struct dkim_key k;
	enum finding_status st;
	char *line = NULL, detail[640];
	size_t cap = 0;

	while (drv_line(&line, &cap) != -1) {
		st = dkim_key_check(line, &k, detail, sizeof(detail));
		printf("%s\t%s\t%d\t%s%s%s%s\t%s\n", finding_status_str(st), k.k,
		    k.bits, k.testing ? "t=y," : "", k.strict ? "t=s," : "",
		    k.revoked ? "revoked," : "", k.pkcs1 ? "pkcs1," : "",
		    detail);
	}
	free(line);
	return ferror(stdout) ? 2 : 0;
}
