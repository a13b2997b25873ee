/*
 * The files core/input reads from a folder operand: a Maildir's cur/
 * then new/, or a plain folder's files, each sorted, no dot files; and
 * the size of the operands, for the progress line.
 */
#ifndef MAILDIR_H
#define MAILDIR_H

#include <stddef.h>

#include "core/deliv.h"

/*
 * Append the paths of the message files of the folder path to *list
 * (*n of them; malloc'd strings in a malloc'd array).  0, or -1 with e
 * filled when a folder cannot be read or out of memory.
 */
int	maildir_list(const char *path, char ***list, size_t *n,
	    struct derr *e);

/*
 * The size in bytes of an operand: a file's, a folder's files' ("-":
 * stdin's when it is a file); -1 when unknown.
 */
long long	maildir_size(const char *path);

#endif
