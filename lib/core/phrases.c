/*
 * Phrase lists compiled into PCRE2 alternations.  See core/phrases.h.
 *
 * A list is one alternation per PHR_PART phrases (PCRE2 refuses a
 * compiled pattern over 64 KB, which a long list passes), matched part
 * by part: the leftmost match wins, and at the same start the earlier
 * part, as one alternation of them all would decide.  Each regex is
 * compiled alone at load (an error names its line); a part is compiled
 * and JIT-compiled when first matched (a list searched through
 * core/phrase_index never is), an error then naming the list.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core/phrases.h"
#include "core/util.h"

#define PHR_MATCH_LIMIT	10000000	/* bounds a runaway /regex/ */
#define PHR_DEPTH_LIMIT	10000
#define PHR_JIT_STACK	(8 * 1024 * 1024)	/* room for deep backtracking */
#define PHR_PART	200	/* phrases in one alternation */
/*
 * \C (one byte of a character) is refused: in one alternation of a list
 * it changes where the other phrases may begin a match.
 */
#define PHR_COMPILE	(PCRE2_CASELESS | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | \
			PCRE2_NEVER_BACKSLASH_C)

struct phr_entry {
	unsigned long	 line;
	char		*tag;
	char		*phrase;
	bool		 regex;
	uint32_t	 groups;	/* a regex's capturing groups */
};

/* A regex's named group, and its line: a list's names must differ. */
struct phr_name {
	char		*name;
	unsigned long	 line;
};

struct phr {
	char			*name;
	struct phr_entry	*e;
	size_t			 n;
	struct phr_name		*names;
	size_t			 nnames;
	pcre2_code		**re;	/* one alternation per part, or NULL
					 * before its first match */
	bool			*jit;	/* which are JIT-compiled */
	size_t			 nre;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	pcre2_jit_stack		*jstack;
	struct strpool		 str;	/* the name, tags and phrases */
};

static bool
is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/*
 * Append a literal phrase as a pattern: non-alphanumeric ASCII escaped,
 * runs of white space matching any white space, word boundaries at the
 * ends that are word characters.
 */
int
phr_literal_pattern(struct sbuf *b, const char *p)
{
	size_t len = strlen(p), i;
	int r = 0;

	if (len > 0 && is_word((unsigned char)p[0]))
		r |= sbuf_adds(b, "\\b");
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == ' ' || c == '\t') {
			while (i + 1 < len && (p[i + 1] == ' ' ||
			    p[i + 1] == '\t'))
				i++;
			r |= sbuf_adds(b, "\\s+");
		} else if (c < 0x80 && !is_word(c)) {
			r |= sbuf_addc(b, '\\');
			r |= sbuf_addc(b, (char)c);
		} else
			r |= sbuf_addc(b, (char)c);
	}
	if (len > 0 && is_word((unsigned char)p[len - 1]))
		r |= sbuf_adds(b, "\\b");
	return r;
}

static int
compile_error(struct derr *e, const char *where, int code, size_t off)
{
	PCRE2_UCHAR msg[256];

	pcre2_get_error_message(code, msg, sizeof(msg));
	derr_set(e, where, "%s at offset %zu", (const char *)msg, off);
	return -1;
}

/*
 * Note the named groups of re (the regex of line `line`): a list is
 * compiled as one alternation, where two groups of one name are an
 * error, so the second is refused here, naming both lines.  0, or -1
 * with e filled.
 */
static int
add_names(struct phr *p, const pcre2_code *re, unsigned long line,
    const char *where, struct derr *e)
{
	PCRE2_SPTR table;
	uint32_t count, size, i;
	struct phr_name *v;
	const char *name;
	size_t k;

	if (pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &count) != 0 ||
	    count == 0 ||
	    pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &size) != 0 ||
	    pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table) != 0)
		return 0;
	for (i = 0; i < count; i++) {
		/* an entry: the group's number in two bytes, its name */
		name = (const char *)table + (size_t)i * size + 2;
		/* (one regex may repeat a name of its own under (?J)) */
		for (k = 0; k < p->nnames; k++)
			if (p->names[k].line != line &&
			    strcmp(p->names[k].name, name) == 0) {
				derr_set(e, where, "the group name \"%s\" is line "
				    "%lu's too: a list is one alternation, whose "
				    "names must differ", name, p->names[k].line);
				return -1;
			}
		if ((v = reallocarray(p->names, p->nnames + 1,
		    sizeof(*v))) == NULL) {
			derr_set(e, where, "out of memory");
			return -1;
		}
		p->names = v;
		if ((v[p->nnames].name = strpool_dup(&p->str, name)) == NULL) {
			derr_set(e, where, "out of memory");
			return -1;
		}
		v[p->nnames++].line = line;
	}
	return 0;
}

/*
 * Does the regex re[0..n) hold a verb ((*COMMIT), (*SKIP), ...)?  A verb
 * in one phrase stops the search of the others at that place, so a list
 * would match otherwise than its phrases one by one.
 */
static bool
has_verb(const char *re, size_t n)
{
	size_t i;
	bool cls = false;

	for (i = 0; i + 1 < n; i++) {
		if (re[i] == '\\')
			i++;
		else if (cls)
			cls = re[i] != ']';
		else if (re[i] == '[') {
			cls = true;
			if (re[i + 1] == '^' && i + 2 < n)
				i++;
			if (re[i + 1] == ']')
				i++;
		} else if (re[i] == '(' && re[i + 1] == '*')
			return true;
	}
	return false;
}

static int
add_entry(struct phr *p, unsigned long line, char *text, struct derr *e)
{
	struct phr_entry *v;
	char where[300], *tab, *ph;
	size_t plen;
	pcre2_code *re;
	PCRE2_SIZE off;
	int code;

	snprintf(where, sizeof(where), "%s:%lu", p->name, line);
	if ((tab = strchr(text, '\t')) == NULL) {
		derr_set(e, where, "no tab between tag and phrase");
		return -1;
	}
	*tab = '\0';
	ph = tab + 1;
	while (*ph == '\t')
		ph++;
	if (*str_trim(text) == '\0' || *(ph = str_trim(ph)) == '\0') {
		derr_set(e, where, "empty tag or phrase");
		return -1;
	}
	if ((v = reallocarray(p->e, p->n + 1, sizeof(*v))) == NULL) {
		derr_set(e, where, "out of memory");
		return -1;
	}
	p->e = v;
	v = &p->e[p->n];
	memset(v, 0, sizeof(*v));
	v->line = line;
	plen = strlen(ph);
	v->regex = plen >= 3 && ph[0] == '/' && ph[plen - 1] == '/';
	if (v->regex) {
		/* Compile alone first, so an error names its line. */
		re = pcre2_compile((PCRE2_SPTR)ph + 1, plen - 2, PHR_COMPILE,
		    &code, &off, NULL);
		if (re == NULL)
			return compile_error(e, where, code, off);
		if (pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT,
		    &v->groups) != 0)
			v->groups = 0;
		if (add_names(p, re, line, where, e) == -1) {
			pcre2_code_free(re);
			return -1;
		}
		pcre2_code_free(re);
		if (has_verb(ph + 1, plen - 2)) {
			derr_set(e, where, "a verb such as (*COMMIT) would "
			    "change how the list's other phrases match");
			return -1;
		}
	}
	if ((v->tag = strpool_dup(&p->str, text)) == NULL ||
	    (v->phrase = strpool_dup(&p->str, ph)) == NULL) {
		derr_set(e, where, "out of memory");
		return -1;
	}
	p->n++;
	return 0;
}

/* Part k of p (phrases lo..hi) as one alternation, each with its mark:
 * 0, -1. */
static int
compile_part(struct phr *p, size_t k, struct derr *e)
{
	struct sbuf b = { 0 };
	PCRE2_SIZE off;
	size_t i, lo = k * PHR_PART, hi = lo + PHR_PART < p->n ?
	    lo + PHR_PART : p->n;
	int code, r = 0;

	r |= sbuf_adds(&b, "(?:");
	for (i = lo; i < hi; i++) {
		const char *ph = p->e[i].phrase;

		if (i > lo)
			r |= sbuf_addc(&b, '|');
		if (p->e[i].regex) {
			r |= sbuf_adds(&b, "(?:");
			r |= sbuf_add(&b, ph + 1, strlen(ph) - 2);
			r |= sbuf_addc(&b, ')');
		} else
			r |= phr_literal_pattern(&b, ph);
		r |= sbuf_printf(&b, "(*MARK:%zu)", i);
	}
	r |= sbuf_addc(&b, ')');
	if (hi == lo) {
		sbuf_reset(&b);
		r |= sbuf_adds(&b, "(*FAIL)");
	}
	if (r != 0) {
		sbuf_free(&b);
		derr_set(e, p->name, "out of memory");
		return -1;
	}
	p->re[k] = pcre2_compile((PCRE2_SPTR)b.s, b.len, PHR_COMPILE,
	    &code, &off, NULL);
	sbuf_free(&b);
	if (p->re[k] == NULL)
		return compile_error(e, p->name, code, off);
	return 0;
}

static int
compile_list(struct phr *p, struct derr *e)
{
	size_t i, parts = p->n == 0 ? 1 : (p->n + PHR_PART - 1) / PHR_PART;
	uint32_t groups = 0, top = 0;

	if ((p->re = calloc(parts, sizeof(*p->re))) == NULL ||
	    (p->jit = calloc(parts, sizeof(*p->jit))) == NULL) {
		derr_set(e, p->name, "out of memory");
		return -1;
	}
	p->nre = parts;
	/* match data with room for the part with the most groups: a part's
	 * are its regexes' */
	for (i = 0; i < p->n; i++) {
		if (i % PHR_PART == 0)
			groups = 0;
		if ((groups += p->e[i].groups) > top)
			top = groups;
	}
	p->md = pcre2_match_data_create(top + 1, NULL);
	p->mctx = pcre2_match_context_create(NULL);
	p->jstack = pcre2_jit_stack_create(32 * 1024, PHR_JIT_STACK, NULL);
	if (p->md == NULL || p->mctx == NULL || p->jstack == NULL) {
		derr_set(e, p->name, "out of memory");
		return -1;
	}
	pcre2_jit_stack_assign(p->mctx, NULL, p->jstack);
	pcre2_set_match_limit(p->mctx, PHR_MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, PHR_DEPTH_LIMIT);
	return 0;
}

struct phr *
phr_load_mem(const char *text, size_t len, const char *name, struct derr *e)
{
	struct phr *p;
	const char *q = text, *end = text + len, *nl;
	unsigned long line = 0;
	char *buf, *s;
	size_t n;

	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->name = strpool_dup(&p->str, name)) == NULL) {
		free(p);
		derr_set(e, name, "out of memory");
		return NULL;
	}
	while (q < end) {
		line++;
		nl = memchr(q, '\n', (size_t)(end - q));
		n = nl ? (size_t)(nl - q) : (size_t)(end - q);
		if (memchr(q, '\0', n) != NULL) {
			char where[300];

			snprintf(where, sizeof(where), "%s:%lu", name, line);
			derr_set(e, where, "NUL byte in line");
			goto fail;
		}
		if ((buf = strndup(q, n)) == NULL) {
			derr_set(e, name, "out of memory");
			goto fail;
		}
		q += n + (nl != NULL);
		if (n > 0 && buf[n - 1] == '\r')
			buf[n - 1] = '\0';
		s = buf;
		while (*s == ' ')
			s++;
		if (*s == '\0' || *s == '#') {
			free(buf);
			continue;
		}
		if (add_entry(p, line, s, e) == -1) {
			free(buf);
			goto fail;
		}
		free(buf);
	}
	if (compile_list(p, e) == -1)
		goto fail;
	return p;
fail:
	phr_free(p);
	return NULL;
}

struct phr *
phr_load(const char *path, const char *name, struct derr *e)
{
	struct sbuf b = { 0 };
	struct phr *p;
	char chunk[8192];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		derr_set(e, path, "%s", strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (sbuf_add(&b, chunk, n) == -1) {
			derr_set(e, path, "out of memory");
			goto fail;
		}
	if (ferror(fp)) {
		derr_set(e, path, "%s", strerror(errno));
		goto fail;
	}
	fclose(fp);
	p = phr_load_mem(b.s ? b.s : "", b.len, name, e);
	sbuf_free(&b);
	return p;
fail:
	fclose(fp);
	sbuf_free(&b);
	return NULL;
}

int
phr_match(struct phr *p, const char *s, size_t len, size_t start,
    struct phr_hit *hit, struct derr *e)
{
	PCRE2_SIZE *ov, best = 0, bend = 0;
	PCRE2_UCHAR msg[256];
	PCRE2_SPTR mark;
	unsigned long i, bi = 0;
	size_t k;
	bool found = false;
	int rc;

	if (start > len)
		return 0;
	for (k = 0; k < p->nre; k++) {
		if (p->re[k] == NULL && compile_part(p, k, e) == -1)
			return -1;
		if (!p->jit[k]) {
			(void)pcre2_jit_compile(p->re[k], PCRE2_JIT_COMPLETE);
			p->jit[k] = true;
		}
		rc = pcre2_match(p->re[k], (PCRE2_SPTR)s, len, start, 0, p->md,
		    p->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			continue;
		if (rc < 0) {
			pcre2_get_error_message(rc, msg, sizeof(msg));
			derr_set(e, p->name, "%s", (const char *)msg);
			return -1;
		}
		mark = pcre2_get_mark(p->md);
		i = mark ? strtoul((const char *)mark, NULL, 10) : 0;
		if (mark == NULL || i >= p->n) {
			derr_set(e, p->name, "match without a mark");
			return -1;
		}
		/* the leftmost; at the same start, the earlier part's */
		ov = pcre2_get_ovector_pointer(p->md);
		if (!found || ov[0] < best) {
			found = true;
			best = ov[0];
			bend = ov[1];
			bi = i;
		}
	}
	if (!found)
		return 0;
	phr_entry(p, bi, hit, NULL);
	hit->start = best;
	hit->end = bend;
	return 1;
}

size_t
phr_count(const struct phr *p)
{
	return p->n;
}

void
phr_entry(const struct phr *p, size_t i, struct phr_hit *hit, bool *regex)
{
	memset(hit, 0, sizeof(*hit));
	if (i >= p->n)
		return;
	hit->file = p->name;
	hit->line = p->e[i].line;
	hit->tag = p->e[i].tag;
	hit->phrase = p->e[i].phrase;
	if (regex != NULL)
		*regex = p->e[i].regex;
}

void
phr_free(struct phr *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->e);
	free(p->names);
	pcre2_match_data_free(p->md);
	pcre2_match_context_free(p->mctx);
	pcre2_jit_stack_free(p->jstack);
	for (i = 0; i < p->nre; i++)
		pcre2_code_free(p->re[i]);
	free(p->re);
	free(p->jit);
	strpool_free(&p->str);
	free(p);
}
