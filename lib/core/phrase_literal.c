/*
 * Literals of phrase-list entries: the word a phrase opens with, the run
 * a pattern's every match holds, and the one-pass search of many runs.  See
 * phrase_literal.h.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/phrase_literal.h"

struct lit {
	char		 s[LIT_MAX];
	size_t		 len;
	unsigned	 pair;	/* its first two bytes, for the search */
	size_t		 id;
};

struct litset {
	struct lit	*l;	/* sorted by pair */
	size_t		 n, cap;
	unsigned char	 bits[65536 / 8];	/* pairs that open a run */
};

static unsigned char
lw(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool
ascii_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

size_t
lit_first_word(const char *s, size_t len, char *key)
{
	size_t n = 0;

	while (n < len && ascii_word((unsigned char)s[n])) {
		if (n + 1 >= LIT_KEY_MAX)
			return 0;
		key[n] = (char)lw((unsigned char)s[n]);
		n++;
	}
	key[n] = '\0';
	return n;
}

size_t
lit_regex_key(const char *re, size_t n, char *key)
{
	size_t i = 0, k = 0, open = 0, depth;
	bool cls = false;

	while (n - i >= 3 && strncmp(re + i, "(?:", 3) == 0) {
		i += 3;
		open++;
	}
	if (n - i < 3 || strncmp(re + i, "\\b", 2) != 0)
		return 0;
	for (i += 2; i < n && ascii_word((unsigned char)re[i]); i++) {
		if (k + 1 >= LIT_KEY_MAX)
			return 0;
		key[k++] = (char)lw((unsigned char)re[i]);
	}
	key[k] = '\0';
	if (k == 0 || i >= n)
		return 0;
	if (re[i] == '\\') {
		if (i + 1 >= n || !(re[i + 1] == 's' || re[i + 1] == 'b' ||
		    (ispunct((unsigned char)re[i + 1]) && re[i + 1] != '_')))
			return 0;
		i += 2;
	} else if (re[i] == ' ' || (ispunct((unsigned char)re[i]) &&
	    strchr("_.?*+{}()[]|^$", re[i]) == NULL))
		i++;
	else
		return 0;
	if (i < n && strchr("?*{", re[i]) != NULL)
		return 0;
	/* no '|' at the depth of the word or above it, no quantifier on a
	 * group that holds it */
	for (depth = open; i < n; i++) {
		if (re[i] == '\\') {
			i++;
		} else if (cls) {
			cls = re[i] != ']';
		} else if (re[i] == '[') {
			cls = true;
			if (i + 1 < n && re[i + 1] == '^')
				i++;
			if (i + 1 < n && re[i + 1] == ']')
				i++;
		} else if (re[i] == '(') {
			depth++;
		} else if (re[i] == ')') {
			if (depth == 0)
				return 0;
			if (depth-- <= open && i + 1 < n &&
			    strchr("?*{", re[i + 1]) != NULL)
				return 0;
		} else if (re[i] == '|' && depth <= open)
			return 0;
	}
	return k;
}

static bool
alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* The end of the group or class opening at re[i], or n when unclosed. */
static size_t
skip_class(const char *re, size_t n, size_t i)
{
	i++;
	if (i < n && re[i] == '^')
		i++;
	if (i < n && re[i] == ']')
		i++;
	for (; i < n; i++) {
		if (re[i] == '\\')
			i++;
		else if (re[i] == '[' && i + 1 < n && re[i + 1] == ':') {
			const char *e = memmem(re + i + 2, n - i - 2, ":]", 2);

			if (e == NULL)
				return n;
			i = (size_t)(e - re) + 1;
		} else if (re[i] == ']')
			return i + 1;
	}
	return n;
}

static size_t
skip_group(const char *re, size_t n, size_t i)
{
	size_t depth = 0;

	while (i < n) {
		if (re[i] == '\\')
			i += 2;
		else if (re[i] == '[')
			i = skip_class(re, n, i);
		else if (re[i] == '(') {
			depth++;
			i++;
		} else if (re[i] == ')') {
			i++;
			if (--depth == 0)
				return i;
		} else
			i++;
	}
	return n;
}

/* Does re hold anything the reading below does not follow? */
static bool
unread(const char *re, size_t n)
{
	size_t i, depth = 0;

	for (i = 0; i < n; i++) {
		if (re[i] == '\\') {
			if (i + 1 < n && (strchr("xopPNgkQEcuU",
			    re[i + 1]) != NULL || (re[i + 1] >= '0' &&
			    re[i + 1] <= '9')))
				return true;
			i++;
		} else if (re[i] == '[') {
			i = skip_class(re, n, i) - 1;
		} else if (re[i] == '(') {
			if (i + 1 < n && re[i + 1] == '*')
				return true;
			/* option settings change what follows them */
			if (i + 2 < n && re[i + 1] == '?' &&
			    strchr(":=!<>|#", re[i + 2]) == NULL)
				return true;
			depth++;
		} else if (re[i] == ')') {
			if (depth-- == 0)
				return true;
		} else if (re[i] == '|' && depth == 0)
			return true;
	}
	return false;
}

size_t
lit_required(const char *re, size_t n, char *out)
{
	char run[LIT_MAX];
	size_t i = 0, k = 0, best = 0, q;
	bool last = false;	/* the item before was a char of run */

	if (unread(re, n))
		return 0;
#define END_RUN() do {							\
	if (k > best) {							\
		memcpy(out, run, k);					\
		best = k;						\
	}								\
	k = 0;								\
	last = false;							\
} while (0)
	while (i < n) {
		unsigned char c = (unsigned char)re[i];

		if (c == '?' || c == '*' || c == '+' || c == '{') {
			/* a quantifier: the char it repeats is not sure */
			if (last)
				k--;
			END_RUN();
			q = i + 1;
			if (c == '{') {
				while (q < n && ((re[q] >= '0' &&
				    re[q] <= '9') || re[q] == ','))
					q++;
				q = q < n && re[q] == '}' ? q + 1 : i + 1;
			}
			if (q < n && (re[q] == '?' || re[q] == '+'))
				q++;
			i = q;
			continue;
		}
		if (c == '\\' && i + 1 < n) {
			c = (unsigned char)re[i + 1];
			i += 2;
			if (alnum(c) || c >= 0x80 || c < ' ') {
				END_RUN();
				continue;
			}
		} else if (c == '[') {
			END_RUN();
			i = skip_class(re, n, i);
			continue;
		} else if (c == '(') {
			END_RUN();
			i = skip_group(re, n, i);
			continue;
		} else if (c == '.' || c == '^' || c == '$' || c >= 0x80 ||
		    c < ' ' || c == '\\') {
			END_RUN();
			i++;
			continue;
		} else
			i++;
		if (k == LIT_MAX)
			END_RUN();
		run[k++] = (char)lw(c);
		last = true;
	}
	END_RUN();
#undef END_RUN
	if (best < LIT_MIN)
		return 0;
	return best;
}

struct litset *
litset_new(void)
{
	return calloc(1, sizeof(struct litset));
}

size_t
litset_count(const struct litset *ls)
{
	return ls->n;
}

int
litset_add(struct litset *ls, const char *s, size_t len)
{
	struct lit *v;
	size_t i, at;
	unsigned pair;

	if (len < 2 || len > LIT_MAX)
		return -1;
	for (i = 0; i < ls->n; i++)
		if (ls->l[i].len == len && memcmp(ls->l[i].s, s, len) == 0)
			return (int)ls->l[i].id;
	if (ls->n == ls->cap) {
		size_t cap = ls->cap ? ls->cap * 2 : 16;

		if ((v = reallocarray(ls->l, cap, sizeof(*v))) == NULL)
			return -1;
		ls->l = v;
		ls->cap = cap;
	}
	pair = (unsigned)(unsigned char)s[0] << 8 | (unsigned char)s[1];
	for (at = ls->n; at > 0 && ls->l[at - 1].pair > pair; at--)
		;
	memmove(&ls->l[at + 1], &ls->l[at], (ls->n - at) * sizeof(*v));
	v = &ls->l[at];
	memcpy(v->s, s, len);
	v->len = len;
	v->pair = pair;
	v->id = ls->n++;
	ls->bits[pair >> 3] |= (unsigned char)(1u << (pair & 7));
	return (int)v->id;
}

void
litset_find(const struct litset *ls, const char *t, size_t len,
    unsigned char *present)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t i, j, lo, hi, left = ls->n;
	unsigned pair;

	memset(present, 0, ls->n);
	for (i = 0; i + 1 < len && left > 0; i++) {
		pair = (unsigned)lw(u[i]) << 8 | lw(u[i + 1]);
		if ((ls->bits[pair >> 3] & (1u << (pair & 7))) == 0)
			continue;
		/* the first run of this pair */
		for (lo = 0, hi = ls->n; lo < hi;) {
			size_t mid = lo + (hi - lo) / 2;

			if (ls->l[mid].pair < pair)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < ls->n && ls->l[lo].pair == pair; lo++) {
			const struct lit *l = &ls->l[lo];

			if (present[l->id] || l->len > len - i)
				continue;
			for (j = 2; j < l->len && lw(u[i + j]) ==
			    (unsigned char)l->s[j]; j++)
				;
			if (j == l->len) {
				present[l->id] = 1;
				left--;
			}
		}
	}
}

void
litset_free(struct litset *ls)
{
	if (ls == NULL)
		return;
	free(ls->l);
	free(ls);
}
