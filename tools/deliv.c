/*
 * deliv: the front command.  "deliv TOOL ARGS..." runs deliv-TOOL (from
 * the directory this program is in, else from PATH), as git does.
 * See deliv(7).
 */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/deliv.h"

static const struct {
	const char	*name;
	const char	*what;
} tools[] = {
	{ "bounce-classify", "one record per failed recipient in bounces: "
	    "hard or soft, why, the codes" },
	{ "dnscheck", "audit a domain and its sending IPs: A/AAAA, MX, PTR, "
	    "SPF, DKIM, DMARC, blocklists" },
	{ "header-trace", "the originating IP of a message from its Received "
	    "chain, its abuse contact, a complaint" },
	{ "lint", "check a message before it is sent: lines, headers, "
	    "content, links, unsubscribe" },
	{ "warmup-plan", "a day-by-day warm-up schedule for a new IP or "
	    "domain that adapts to results" },
};

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: deliv TOOL [ARGS ...]\n"
	    "       deliv --help | --version\n");
	exit(DELIV_EXIT_USAGE);
}

static void
list_tools(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: deliv TOOL [ARGS ...]\n\ntools:\n");
	for (i = 0; i < nitems(tools); i++)
		fprintf(fp, "  %-16s %s\n", tools[i].name, tools[i].what);
	fprintf(fp, "\n\"deliv TOOL --help\" for a tool's options; "
	    "man deliv-TOOL, man 7 deliv.\n");
}

int
main(int argc, char *argv[])
{
	char self[PATH_MAX], path[PATH_MAX + 256], prog[128], *slash;
	ssize_t n;

	if (argc < 2) {
		list_tools(stdout);
		return DELIV_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("deliv %s\n", DELIV_VERSION);
		return DELIV_EXIT_OK;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		list_tools(stdout);
		return DELIV_EXIT_OK;
	}
	if (argv[1][0] == '-' || strchr(argv[1], '/') != NULL)
		usage();
	if ((size_t)snprintf(prog, sizeof(prog), "deliv-%s", argv[1]) >=
	    sizeof(prog))
		errx(DELIV_EXIT_USAGE, "%s: no such tool", argv[1]);
	argv[1] = prog;
	/* First the directory deliv itself is in, then PATH. */
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/%s", self, prog);
			if (access(path, X_OK) == 0)
				execv(path, argv + 1);
		}
	}
	execvp(prog, argv + 1);
	if (errno == ENOENT) {
		warnx("%s: no such tool", prog + 6);
		list_tools(stderr);
		return DELIV_EXIT_USAGE;
	}
	err(DELIV_EXIT_ERROR, "%s", prog);
}
