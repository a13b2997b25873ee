/*
 * deliv: the front command.  "deliv TOOL ARGS..." runs deliv-TOOL (from
 * the directory this program is in, else from PATH), as git does;
 * "deliv help TOOL" opens its manual.  See deliv(7).
 */
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/deliv.h"

static const struct {
	const char	*name;
	const char	*what;
} tools[] = {
	{ "bounce-classify", "one record per failed recipient: hard or soft, "
	    "why, codes" },
	{ "dnscheck", "audit a domain: A/AAAA, MX, PTR, SPF, DKIM, DMARC, "
	    "blocklists" },
	{ "header-trace", "where a message entered: the origin IP, its abuse "
	    "contact" },
	{ "lint", "check a message before it is sent: headers, content, "
	    "links" },
	{ "warmup-plan", "a day-by-day warm-up schedule that adapts to "
	    "results" },
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
	fprintf(fp, "\n\"deliv TOOL --help\" for a tool's options, "
	    "\"deliv help TOOL\" its manual;\nman 7 deliv for what they "
	    "share.\n");
}

/* "no such tool: NAME", with the nearest name when there is one. */
static _Noreturn void
no_such_tool(const char *name, bool list)
{
	const char *names[nitems(tools)];
	size_t i;
	int k;

	for (i = 0; i < nitems(tools); i++)
		names[i] = tools[i].name;
	if ((k = cli_nearest(name, names, nitems(tools))) != -1)
		fprintf(stderr, "deliv: no such tool: %s (did you mean %s?)\n",
		    name, names[k]);
	else {
		fprintf(stderr, "deliv: no such tool: %s\n", name);
		if (list)
			list_tools(stderr);
	}
	exit(DELIV_EXIT_USAGE);
}

static bool
known(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(tools); i++)
		if (strcmp(tools[i].name, name) == 0)
			return true;
	return false;
}

/* The directory deliv is in, in buf; -1 when unknown. */
static int
self_dir(char *buf, size_t len)
{
	char *slash;
	ssize_t n;

	if ((n = readlink("/proc/self/exe", buf, len - 1)) <= 0)
		return -1;
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return -1;
	*slash = '\0';
	return 0;
}

/* Run prog (argv[0]): from the directory deliv is in, else from PATH. */
static void
run(char *prog, char *argv[])
{
	char self[PATH_MAX], path[PATH_MAX + 256];

	if (self_dir(self, sizeof(self)) == 0) {
		snprintf(path, sizeof(path), "%s/%s", self, prog);
		if (access(path, X_OK) == 0)
			execv(path, argv);
	}
	execvp(prog, argv);
}

/* Whether "man -w page" finds the page (quietly). */
static bool
man_has(char *page)
{
	char *av[] = { "man", "-w", page, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, r;

	if (posix_spawn_file_actions_init(&fa) != 0)
		return false;
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	r = posix_spawnp(&pid, "man", &fa, NULL, av, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (r != 0 || waitpid(pid, &st, 0) == -1)
		return false;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/*
 * "deliv help TOOL": its manual, the source tree's page when deliv runs
 * from a build directory beside man/, else "man deliv-TOOL"; the tool's
 * --help when man(1) or the page is missing.
 */
static int
help(const char *name)
{
	char prog[128], self[PATH_MAX], page[PATH_MAX + 256], *av[4];

	if (!known(name))
		no_such_tool(name, true);
	snprintf(prog, sizeof(prog), "deliv-%s", name);
	if (self_dir(self, sizeof(self)) == 0) {
		snprintf(page, sizeof(page), "%s/../man/%s.1", self, prog);
		if (access(page, R_OK) == 0) {
			av[0] = "man";
			av[1] = "-l";
			av[2] = page;
			av[3] = NULL;
			execvp("man", av);	/* no man(1): --help below */
		}
	}
	if (man_has(prog)) {
		av[0] = "man";
		av[1] = prog;
		av[2] = NULL;
		execvp("man", av);
	}
	av[0] = prog;
	av[1] = "--help";
	av[2] = NULL;
	run(prog, av);
	err(DELIV_EXIT_ERROR, "%s", prog);
}

int
main(int argc, char *argv[])
{
	char prog[128];

	if (argc < 2) {
		list_tools(stdout);
		return DELIV_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("deliv %s\n", DELIV_VERSION);
		return DELIV_EXIT_OK;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    (strcmp(argv[1], "help") == 0 && argc == 2)) {
		list_tools(stdout);
		return DELIV_EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0)
		return help(argv[2]);
	if (argv[1][0] == '-' || strchr(argv[1], '/') != NULL)
		usage();
	if ((size_t)snprintf(prog, sizeof(prog), "deliv-%s", argv[1]) >=
	    sizeof(prog))
		no_such_tool(argv[1], true);
	argv[1] = prog;
	run(prog, argv + 1);
	if (errno == ENOENT)
		no_such_tool(prog + 6, true);
	err(DELIV_EXIT_ERROR, "%s", prog);
}
