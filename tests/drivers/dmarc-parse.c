/*
 * dmarc-parse: lint DMARC record texts, one per line on stdin ("\t" in
 * a line stands for a tab), with dmarc_parse() for the policy domain
 * DOMAIN; print "valid<TAB>p<TAB>codes" (codes ";"-joined, sorted).
 *
 *   dmarc-parse DOMAIN [PSL-FILE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/dmarc.h"
#include "common/driver.h"
#include "core/deliv.h"
#include "net/orgdom.h"

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
main(int argc, char *argv[])
{
	struct dmarc_record r;
	struct orgdom *od;
	struct derr e;
	const char *codes[DMARC_MAX_FINDINGS];
	char *line = NULL, *p, *q;
	size_t cap = 0, i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: dmarc-parse domain [psl-file]\n");
		return 2;
	}
	if ((od = orgdom_load(argc == 3 ? argv[2] : NULL, &e)) == NULL) {
		fprintf(stderr, "dmarc-parse: %s: %s\n", e.where, e.what);
		return 2;
	}
	while (drv_line(&line, &cap) != -1) {
		for (p = q = line; *p != '\0'; p++, q++) {
			if (p[0] == '\\' && p[1] == 't') {
				*q = '\t';
				p++;
			} else
				*q = *p;
		}
		*q = '\0';
		dmarc_parse(line, argv[1], od, &r);
		for (i = 0; i < r.n; i++)
			codes[i] = r.f[i].code;
		qsort(codes, r.n, sizeof(codes[0]), cmp);
		printf("%s\t%s\t", r.valid ? "yes" : "no", r.p);
		for (i = 0; i < r.n; i++)
			printf("%s%s", i ? ";" : "", codes[i]);
		printf("\n");
	}
	free(line);
	orgdom_free(od);
	return ferror(stdout) ? 2 : 0;
}
