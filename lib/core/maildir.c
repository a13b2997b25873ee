/*
 * Folder operands of core/input: the files of a Maildir or a folder,
 * and the size of an operand.  See core/maildir.h.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/maildir.h"
#include "core/util.h"

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append the regular files of dir (sorted, no dot files) to the list. */
static int
list_dir(const char *dir, char ***list, size_t *n, struct derr *e)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	char **v, *p;
	size_t first = *n;

	if ((d = opendir(dir)) == NULL) {
		derr_set(e, dir, "%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&p, "%s/%s", dir, de->d_name) == -1)
			goto oom;
		if (stat(p, &st) == -1 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		if ((v = reallocarray(*list, *n + 1, sizeof(*v))) == NULL) {
			free(p);
			goto oom;
		}
		*list = v;
		(*list)[(*n)++] = p;
	}
	closedir(d);
	if (*n > first)
		qsort(*list + first, *n - first, sizeof(**list), cmpstr);
	return 0;
oom:
	closedir(d);
	derr_set(e, dir, "out of memory");
	return -1;
}

int
maildir_list(const char *path, char ***list, size_t *n, struct derr *e)
{
	const char *parts[] = { "cur", "new" };
	char sub[4096];
	struct stat st;
	bool maildir = false;
	size_t i;

	for (i = 0; i < nitems(parts); i++) {
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
		    parts[i]) >= sizeof(sub))
			continue;
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			maildir = true;
			if (list_dir(sub, list, n, e) == -1)
				return -1;
		}
	}
	if (!maildir && list_dir(path, list, n, e) == -1)
		return -1;
	return 0;
}

long long
maildir_size(const char *path)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char sub[4096];
	long long sum = 0, n;

	if (strcmp(path, "-") == 0) {
		if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
			return (long long)st.st_size;
		return -1;
	}
	if (stat(path, &st) == -1)
		return 0;
	if (S_ISREG(st.st_mode))
		return (long long)st.st_size;
	if (!S_ISDIR(st.st_mode) || (d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
		    de->d_name) >= sizeof(sub))
			continue;
		if ((n = maildir_size(sub)) < 0) {
			sum = -1;
			break;
		}
		sum += n;
	}
	closedir(d);
	return sum;
}
