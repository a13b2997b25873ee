/*
 * GMime's parse of one message at a time, as cheap as GMime allows: one
 * parser and its options for every message, the message's bytes parsed
 * in place (the parts' contents stay substreams of them) and, lean, only
 * the header block's Content- fields given to GMime, the block kept on
 * the message for lib/mail's readers (core/headblock) and the body
 * parsed into the one GMimeMessage kept for every lean message.  The
 * glibc converters GMime opens for the common non-ASCII charsets can be
 * opened once and kept (mimeparse_warm()), so that glibc does not load
 * and unload their modules for every message.  core/input's parse.
 */
#ifndef MIMEPARSE_H
#define MIMEPARSE_H

#include <stdbool.h>
#include <stddef.h>

#include <gmime/gmime.h>

struct mimeparse;

/* A parser (lean: see above); NULL when out of memory.  Call after
 * g_mime_init(). */
struct mimeparse	*mimeparse_new(bool lean);

/*
 * The message a[start..end), parsed; NULL if GMime cannot.  The caller
 * owns a reference.  A lean message is valid until the next call (it is
 * the one kept message, its parts replaced): release it before then.
 */
GMimeMessage		*mimeparse_message(struct mimeparse *, GByteArray *a,
			    size_t start, size_t end);

/* Open the converters of the common charsets (all: of the rarer ones
 * too) and keep them open: some 0.3 ms each, once. */
void			 mimeparse_warm(struct mimeparse *, bool all);

/* Free everything.  mimeparse_free(NULL) is a no-op. */
void			 mimeparse_free(struct mimeparse *);

#endif
