/*
 * str-casestr: a test driver for lib/core/util's str_casestr().
 * "str-casestr NEEDLE" prints, for every line of stdin, the offset of
 * the first caseless match of NEEDLE in it, or -1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

int
main(int argc, char *argv[])
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	const char *p;

	if (argc != 2) {
		fprintf(stderr, "usage: str-casestr needle\n");
		return 2;
	}
	while ((n = getline(&line, &cap, stdin)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		p = str_casestr(line, argv[1]);
		printf("%td\n", p != NULL ? p - line : (ptrdiff_t)-1);
	}
	free(line);
	return 0;
}
