/*
 * What the libFuzzer targets in fuzz/ share: the entry points' prototypes,
 * a NUL-terminated copy of the input, the input as a file or as messages
 * read by lib/core/input, a fixed text in a temporary file, a folder of
 * the source tree, and GMime initialised once.  fuzz/run compiles it into
 * every target.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "core/deliv.h"
#include "core/input.h"

/* common.c's starts GMime; a target may define its own instead */
int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* data as a C string in buf (len bytes); NULL when it does not fit. */
char	*fuzz_cstr(char *buf, size_t len, const uint8_t *data, size_t size);

/*
 * data in a new memfd, its "/proc/self/fd/N" in path (len bytes): the fd,
 * to close(2), or -1.
 */
int	fuzz_memfd(const uint8_t *data, size_t size, char *path, size_t len);

/*
 * data as a file of messages, read by lib/core/input as a tool reads its
 * operands: fn(in, m, arg) for each message it reads (errors skipped).
 */
void	fuzz_messages(const uint8_t *data, size_t size,
	    void (*fn)(struct input *in, struct msg *m, void *arg), void *arg);
/* The same with the options io (lean_headers, say). */
void	fuzz_messages_opts(const uint8_t *data, size_t size,
	    const struct input_opts *io,
	    void (*fn)(struct input *in, struct msg *m, void *arg), void *arg);

/*
 * text written to a new file made from the mkstemp(3) template path, for
 * the caller to unlink(2); aborts when it cannot.
 */
void	fuzz_tmpfile(char *path, const char *text, size_t len);

/*
 * The source tree's folder dir: the value of the environment variable env
 * if set, else dir from the working directory (fuzz/run runs from the top)
 * if there, else beside the executable's folder (build-fuzz/../dir, made
 * in buf).
 */
const char *fuzz_tree_dir(const char *env, const char *argv0,
	    const char *dir, char *buf, size_t len);

/* "TARGET: where: what" on stderr, then abort(3). */
_Noreturn void fuzz_abort(const struct derr *);

/* g_mime_init(), once: GMime cannot start again once shut down. */
void	fuzz_gmime_init(void);

#endif
