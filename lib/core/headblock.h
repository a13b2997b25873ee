/*
 * A message's own header block, read without GMime's objects: when a
 * program reads few of the top-level fields (input_opts.lean_headers),
 * GMime is given only the Content- fields it needs to parse the body,
 * and the whole block is kept on the GMimeMessage for lib/mail's readers
 * (mail/leanhdr), which decode a field with GMime only when asked.  Only
 * a block whose every line GMime's parser reads as a field or its
 * continuation is read so; any other message is parsed whole.
 */
#ifndef HEADBLOCK_H
#define HEADBLOCK_H
#include <stddef.h>
#include <gmime/gmime.h>

struct headblock {
	GMimeParserOptions	*opts;	/* the parser's, for decoding */
	void			*reader; /* what lib/mail made of it, freed
					   with reader_free; or NULL */
	void			(*reader_free)(void *);
	void			(*reader_clear)(void *); /* or NULL: what
					   the reader holds of one block
					   dropped, for the next block */
	size_t			 len;	/* of s, without its NUL */
	size_t			 cap;	/* room in s, without the NUL */
	char			 s[];	/* the fields, each with its line
					   end; NUL-terminated */
};

/*
 * Is s[0..len) a header block that can be read lean: one or more
 * fields (a name of printable ASCII, blanks, a colon) and their folded
 * lines, no NUL and no CR but before a line end, then an empty line?
 * Returns the length of its fields (where the empty line starts), or 0.
 */
size_t	headblock_clean(const char *s, size_t len);

/* Append the Content- fields of the fields s[0..flen) to out, in order. */
void	headblock_mime_fields(const char *s, size_t flen, GByteArray *out);

/*
 * Keep a copy of the fields s[0..flen) on m, with o (which must outlive
 * m), in place of the block kept before (its reader freed, or
 * cleared when it can be).  A block with room enough is reused, reader
 * and all: a message kept for every message of an input
 * (core/mimeparse's shell) allocates none.  0, or -1 when out of
 * memory.
 */
int	headblock_attach(GMimeMessage *m, GMimeParserOptions *o,
	    const char *s, size_t flen);

/* The block kept on m, or NULL when m was parsed whole. */
struct headblock *headblock_of(GMimeMessage *m);

#endif
