/*
 * A forgiving scanner for the HTML of mail: the visible text (script,
 * style and comments left out, common entities decoded, white space
 * collapsed), the links with their visible text, the images, and the
 * constructs mail clients strip or flag (script, iframe, form, object,
 * on* handlers, javascript: URLs).  Not a validator; never fails on bad
 * markup.
 */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>

#include "core/util.h"

enum html_kind { HTML_A, HTML_IMG, HTML_OTHER };

struct html_link {
	enum html_kind	 kind;
	char		*url;		/* href or src, entities decoded */
	char		*text;		/* visible text of an <a>, or NULL */
	unsigned long	 line;		/* 1-based source line of the tag */
	int		 width;		/* img width/height attribute, -1 */
	int		 height;
};

/* Dangerous constructs, as bits of html_doc.danger. */
enum {
	HTML_D_SCRIPT = 1 << 0,
	HTML_D_IFRAME = 1 << 1,
	HTML_D_FORM = 1 << 2,
	HTML_D_OBJECT = 1 << 3,		/* object, embed, applet */
	HTML_D_HANDLER = 1 << 4,	/* an on* attribute */
	HTML_D_JSURL = 1 << 5		/* a javascript: URL */
};

struct html_doc {
	struct sbuf		 text;		/* visible text, UTF-8 as given */
	struct html_link	*links;
	size_t			 nlinks;
	size_t			 caplinks;
	size_t			 nimg;
	unsigned		 danger;
	unsigned long		 danger_line[6];	/* first line per bit */
	/* text offset -> source line: pairs at each line change */
	size_t			*map_off;
	unsigned long		*map_line;
	size_t			 nmap;
	size_t			 capmap;
	struct strpool		 str;		/* the links' URLs and texts */
};

/*
 * Scan s[0..len) into d (zero-initialised or reset by html_doc_free).
 * Returns 0, or -1 when out of memory.
 */
int		html_scan(const char *s, size_t len, struct html_doc *d);
/* The source line of the visible-text byte at off. */
unsigned long	html_line(const struct html_doc *, size_t off);
void		html_doc_free(struct html_doc *);

/*
 * A quick text of HTML that keeps its line structure, for reading a
 * notice rather than judging a page: tags dropped, a line break before
 * each <br>, <p>, <div> and <tr>, &nbsp; &lt; &gt; &amp; decoded, all
 * else (white space, other entities, script text) kept as it is, one
 * line break at the end.  s is NUL-terminated; appends to out.  0, or
 * -1 when out of memory.
 */
int		html_lines(const char *s, struct sbuf *out);

#endif
