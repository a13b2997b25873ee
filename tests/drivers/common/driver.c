/*
 * The test drivers' stdin lines and common output options; see driver.h.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>

#include "driver.h"
#include "core/cli.h"

ssize_t
drv_line(char **line, size_t *cap)
{
	ssize_t n;

	if ((n = getline(line, cap, stdin)) == -1)
		return -1;
	if (n > 0 && (*line)[n - 1] == '\n')
		(*line)[--n] = '\0';
	return n;
}

int
drv_out_opts(int argc, char *argv[], const char *optstring,
    struct out_opts *oo, const char *usage)
{
	static const struct option longopts[] = { CLI_LONGOPTS,
	    { NULL, 0, NULL, 0 } };
	int ch;

	cli_init(oo);
	while ((ch = getopt_long(argc, argv, optstring, longopts, NULL)) != -1)
		if (!cli_common(ch, optarg, oo))
			errx(2, "usage: %s", usage);
	return optind;
}
