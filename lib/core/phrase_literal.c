/*
 * Literals of phrase-list entries: the word a phrase opens with, the run
 * a pattern's every match holds, and the one-pass search of many runs.  See
 * phrase_literal.h.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/phrase_filter.h"
#include "core/phrase_literal.h"

struct lit {
	char		 s[LIT_MAX];
	size_t		 len;
	/* its first 8 bytes (fewer when shorter) as one word: text bytes
	 * t are them when ((t | fold) & care) == head; fold has 0x20 at
	 * ASCII letters, care 0xff at the run's bytes (see lit_head()) */
	uint64_t	 head, fold, care;
};

/* A pair of bytes that a run holds at off (0 or 1). */
struct key {
	unsigned	 pair;
	unsigned	 off;
	size_t		 id;
};

/*
 * The search looks at every other byte: a run of 3 or more bytes that
 * starts at i holds at the even one of i and i + 1 its pair at 0 or 1.
 * A pair of bits is then looked up only when a third byte agrees too:
 * the pair after it (a run's bytes 1 and 2, for a pair at 0) or the one
 * before it (bytes 0 and 1, for a pair at 1) is some run's.
 */
struct litset {
	struct lit	 l[LITSET_MAX];	/* by number */
	size_t		 n;
	struct key	 k[2 * LITSET_MAX];	/* two a run, sorted by pair */
	unsigned short	 from[257];	/* k[from[h]..from[h + 1]): the keys
					 * whose pair's first byte is h */
	uint32_t	 bits[65536 / 32];	/* the pairs of k, in every
						 * case of their letters, as
						 * two bytes read in the
						 * machine's order (pair16()) */
	uint32_t	 after[65536 / 32];	/* so, each run's bytes 1, 2 */
	uint32_t	 before[65536 / 32];	/* so, each run's bytes 0, 1 */
	unsigned char	 present[LITSET_MAX];	/* in the text last found */
};

static unsigned char
lw(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* c in upper case (ASCII letters; the rest as it is) */
static unsigned char
up(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? (unsigned char)(c - 'a' + 'A') : c;
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

/*
 * Does re hide its structure from a reading that counts parentheses and
 * bars: a quote (\Q...\E), \c and the byte it takes, a comment (it
 * ends at its first ')'), a verb, or extended mode (# comments)?
 */
static bool
hidden(const char *re, size_t n)
{
	size_t i, j;

	for (i = 0; i + 1 < n; i++) {
		if (re[i] == '\\') {
			if (re[i + 1] == 'Q' || re[i + 1] == 'c')
				return true;
			i++;
		} else if (re[i] == '(' && re[i + 1] == '*') {
			return true;
		} else if (re[i] == '(' && re[i + 1] == '?') {
			if (i + 2 < n && re[i + 2] == '#')
				return true;
			for (j = i + 2; j < n && (isalpha((unsigned char)re[j]) ||
			    re[j] == '-' || re[j] == '^'); j++)
				if (re[j] == 'x')
					return true;
		}
	}
	return false;
}

size_t
lit_regex_key(const char *re, size_t n, char *key)
{
	size_t i = 0, k = 0, open = 0, depth;
	bool cls = false;

	if (hidden(re, n))
		return 0;
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

/* Is re[i] the escape \x and two hex digits (one byte, "\x01")? */
static bool
hex2(const char *re, size_t n, size_t i)
{
	return i + 3 < n && re[i] == '\\' && re[i + 1] == 'x' &&
	    isxdigit((unsigned char)re[i + 2]) &&
	    isxdigit((unsigned char)re[i + 3]);
}

/* Does re hold anything the reading below does not follow?  A '|' at
 * its top counts only when alt is false. */
static bool
unread(const char *re, size_t n, bool alt)
{
	size_t i, depth = 0;

	/* escapes with arguments, in a class too (\c] is one character);
	 * but \x and two hex digits is one byte (hex2()) */
	for (i = 0; i < n; i++)
		if (re[i] == '\\') {
			if (hex2(re, n, i))
				i += 3;
			else if (i + 1 < n && (strchr("xopPNgkQEcuU",
			    re[i + 1]) != NULL || (re[i + 1] >= '0' &&
			    re[i + 1] <= '9')))
				return true;
			else
				i++;
		}
	for (i = 0; i < n; i++) {
		if (re[i] == '\\') {
			i++;
		} else if (re[i] == '[') {
			i = skip_class(re, n, i) - 1;
		} else if (re[i] == '(') {
			if (i + 1 < n && re[i + 1] == '*')
				return true;
			/* option settings change what follows them; a
			 * comment ends at its first ')', whatever it holds */
			if (i + 2 < n && re[i + 1] == '?' &&
			    strchr(":=!<>|", re[i + 2]) == NULL)
				return true;
			depth++;
		} else if (re[i] == ')') {
			if (depth-- == 0)
				return true;
		} else if (re[i] == '|' && depth == 0 && !alt)
			return true;
	}
	return false;
}

/*
 * The length of the UTF-8 character at s[0..n) when it is of a script
 * without case (Arabic, the Indic scripts, Thai, CJK punctuation, kana,
 * CJK ideographs, Hangul): matched caseless, it is its own bytes.  Else
 * 0.
 */
static size_t
caseless_char(const unsigned char *s, size_t n)
{
	size_t q = phrase_filter_utf8_seq(s, n);
	unsigned long cp;

	if (q == 2)
		cp = (unsigned long)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	else if (q == 3)
		cp = (unsigned long)(s[0] & 0x0f) << 12 |
		    (unsigned long)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	else
		return 0;
	if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x900 && cp <= 0xe7f) ||
	    (cp >= 0x3000 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af))
		return q;
	return 0;
}

size_t
lit_required(const char *re, size_t n, char *out)
{
	char run[LIT_MAX];
	size_t i = 0, k = 0, best = 0, q;
	size_t last = 0;	/* the bytes of run the item before gave */

	if (unread(re, n, false))
		return 0;
#define END_RUN() do {							\
	if (k > best) {							\
		memcpy(out, run, k);					\
		best = k;						\
	}								\
	k = 0;								\
	last = 0;							\
} while (0)
	while (i < n) {
		unsigned char c = (unsigned char)re[i];

		if (c == '?' || c == '*' || c == '+' || c == '{') {
			/* a quantifier: the char it repeats is not sure */
			k -= last;
			END_RUN();
			q = i + 1;
			if (c == '{') {
				/* newer PCRE2 takes spaces in the braces */
				while (q < n && ((re[q] >= '0' &&
				    re[q] <= '9') || re[q] == ',' ||
				    re[q] == ' '))
					q++;
				q = q < n && re[q] == '}' ? q + 1 : i + 1;
			}
			if (q < n && (re[q] == '?' || re[q] == '+'))
				q++;
			i = q;
			continue;
		}
		if (hex2(re, n, i)) {
			/* a byte by its code: no letter of a run */
			END_RUN();
			i += 4;
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
		} else if (c >= 0x80 && (q = caseless_char((const unsigned
		    char *)re + i, n - i)) > 0) {
			if (k + q > LIT_MAX)
				END_RUN();
			memcpy(run + k, re + i, q);
			k += q;
			last = q;
			i += q;
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
		last = 1;
	}
	END_RUN();
#undef END_RUN
	if (best < LIT_MIN)
		return 0;
	return best;
}

/*
 * Where the body of the group that opens at re[i] starts, when every
 * match of the pattern has the text it matches in the subject: a group,
 * capturing, named, atomic or branch-resetting, or a positive look-
 * around (what it sees is in the subject too, if not in the match).
 * 0 for a negative lookaround, which holds nothing.
 */
static size_t
body_at(const char *re, size_t n, size_t i)
{
	const char *g;

	if (i + 2 >= n)
		return 0;
	if (re[i + 1] != '?')
		return i + 1;
	switch (re[i + 2]) {
	case ':': case '>': case '|': case '=':
		return i + 3;
	case '<':
		if (i + 3 < n && re[i + 3] == '=')
			return i + 4;
		if (i + 3 < n && re[i + 3] == '!')
			return 0;
		g = memchr(re + i + 3, '>', n - i - 3);
		return g != NULL ? (size_t)(g - re) + 1 : 0;
	default:
		return 0;
	}
}

#define ANY_DEPTH	8	/* groups in groups read for runs */

static size_t any_of(const char *, size_t, char [][LIT_MAX], size_t *,
    size_t, int);

/* The smallest of len[0..k). */
static size_t
shortest(const size_t *len, size_t k)
{
	size_t i, m = SIZE_MAX;

	for (i = 0; i < k; i++)
		if (len[i] < m)
			m = len[i];
	return m;
}

/*
 * The runs of a branch (no '|' at its top) of which every match holds
 * one: its own run (lit_required()), else those of one group that every
 * match goes through (no ?, * or {} after it), each branch of its body
 * read so in turn; of several such groups, the one whose shortest run
 * is the longest.  Their number (at most max), or 0.
 */
static size_t
branch_any(const char *re, size_t n, char out[][LIT_MAX], size_t *len,
    size_t max, int depth)
{
	char tmp[LIT_ANY_MAX][LIT_MAX];
	size_t tlen[LIT_ANY_MAX], i, b, end, k, best = 0, bestmin = 0, m;

	if (max == 0)
		return 0;
	if ((len[0] = lit_required(re, n, out[0])) > 0)
		return 1;
	if (depth >= ANY_DEPTH)
		return 0;
	for (i = 0; i < n;) {
		if (re[i] == '\\') {
			i += 2;
			continue;
		}
		if (re[i] == '[') {
			i = skip_class(re, n, i);
			continue;
		}
		if (re[i] != '(') {
			i++;
			continue;
		}
		end = skip_group(re, n, i);
		b = body_at(re, n, i);
		if (b != 0 && b < end && (end >= n || strchr("?*{",
		    re[end]) == NULL) && (k = any_of(re + b, end - 1 - b, tmp,
		    tlen, max < LIT_ANY_MAX ? max : LIT_ANY_MAX, depth + 1)) >
		    0 && (m = shortest(tlen, k)) > bestmin) {
			memcpy(out, tmp, k * sizeof(*tmp));
			memcpy(len, tlen, k * sizeof(*tlen));
			best = k;
			bestmin = m;
		}
		i = end;
	}
	return best;
}

/* Each branch of re's top (one or more) read by branch_any(). */
static size_t
any_of(const char *re, size_t n, char out[][LIT_MAX], size_t *len,
    size_t max, int depth)
{
	size_t i, from = 0, d = 0, k = 0, got;

	for (i = 0; i <= n; i++) {
		if (i + 1 < n && re[i] == '\\') {
			i++;
		} else if (i < n && re[i] == '[') {
			i = skip_class(re, n, i) - 1;
		} else if (i < n && re[i] == '(') {
			d++;
		} else if (i < n && re[i] == ')') {
			d--;
		} else if (i == n || (re[i] == '|' && d == 0)) {
			if ((got = branch_any(re + from, i - from, out + k,
			    len + k, max - k, depth)) == 0)
				return 0;
			k += got;
			from = i + 1;
		}
	}
	return k;
}

size_t
lit_required_any(const char *re, size_t n, char out[][LIT_MAX],
    size_t *len, size_t max)
{
	if (unread(re, n, true))
		return 0;
	return any_of(re, n, out, len, max, 0);
}

bool
lit_odd_case(const char *s, size_t len)
{
	const char *p, *e = s + len;

	for (p = s; (p = memchr(p, 0xe2, (size_t)(e - p))) != NULL; p++)
		if (e - p >= 3 && p[1] == '\x84' && p[2] == '\xaa')
			return true;
	for (p = s; (p = memchr(p, 0xc5, (size_t)(e - p))) != NULL; p++)
		if (e - p >= 2 && p[1] == '\xbf')
			return true;
	return false;
}

struct litset *
litset_new(void)
{
	return calloc(1, sizeof(struct litset));
}

bool
litset_has(const struct litset *ls, int id)
{
	return id >= 0 && (size_t)id < ls->n && ls->present[id];
}

void
litset_all(struct litset *ls)
{
	memset(ls->present, 1, ls->n);
}

/* The two bytes at u as one number, in the machine's order. */
static inline uint16_t
pair16(const unsigned char *u)
{
	uint16_t v;

	memcpy(&v, u, sizeof(v));
	return v;
}

/* Is the pair at u (pair16()) in the bit set bits? */
static inline bool
pair_in(const uint32_t *bits, const unsigned char *u)
{
	unsigned v = pair16(u);

	return ((bits[v >> 5] >> (v & 31)) & 1) != 0;
}

/* The lower-case pair s[0..2) into the bit set bits, in every case of its
 * letters: the search reads the text's bytes as they are, A-Z too. */
static void
pair_add(uint32_t *bits, const char *s)
{
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];
	unsigned char ca[2] = { a, up(a) }, cb[2] = { b, up(b) };
	size_t x, y;

	for (x = 0; x < 2; x++)
		for (y = 0; y < 2; y++) {
			unsigned char two[2] = { ca[x], cb[y] };
			uint16_t v = pair16(two);

			bits[v >> 5] |= UINT32_C(1) << (v & 31);
		}
}

/* Key (pair, off, id) into ls->k (room for it), in order of pair. */
static void
add_key(struct litset *ls, const char *s, unsigned off, size_t id)
{
	unsigned char a = (unsigned char)s[off], b = (unsigned char)s[off + 1];
	unsigned pair = (unsigned)a << 8 | b;
	size_t at, nk = 2 * id + off, h;

	for (at = nk; at > 0 && ls->k[at - 1].pair > pair; at--)
		;
	memmove(&ls->k[at + 1], &ls->k[at], (nk - at) * sizeof(*ls->k));
	ls->k[at] = (struct key){ pair, off, id };
	pair_add(ls->bits, s + off);
	for (h = 0, at = 0; h < 256; h++) {
		ls->from[h] = (unsigned short)at;
		while (at <= nk && ls->k[at].pair >> 8 == h)
			at++;
	}
	ls->from[256] = (unsigned short)at;
}

/*
 * l's head, fold and care (see struct lit), byte by byte in memory order
 * as at_run() reads the text, so that the word test says what lw(t) ==
 * s says of each byte: a lower-case letter is matched by it and its
 * upper case (| 0x20 folds them), any other byte only by itself, an
 * upper-case letter by none (| 0x20 leaves no byte it).
 */
static void
lit_head(struct lit *l)
{
	unsigned char head[8] = { 0 }, fold[8] = { 0 }, care[8] = { 0 };
	size_t j;

	for (j = 0; j < l->len && j < sizeof(head); j++) {
		head[j] = (unsigned char)l->s[j];
		fold[j] = lw(head[j]) >= 'a' && lw(head[j]) <= 'z' ? 0x20 : 0;
		care[j] = 0xff;
	}
	memcpy(&l->head, head, sizeof(head));
	memcpy(&l->fold, fold, sizeof(fold));
	memcpy(&l->care, care, sizeof(care));
}

int
litset_add(struct litset *ls, const char *s, size_t len)
{
	size_t i;

	if (len < LIT_MIN || len > LIT_MAX)
		return -1;
	for (i = 0; i < ls->n; i++)
		if (ls->l[i].len == len && memcmp(ls->l[i].s, s, len) == 0)
			return (int)i;
	if (ls->n == LITSET_MAX)
		return -1;
	memcpy(ls->l[ls->n].s, s, len);
	ls->l[ls->n].len = len;
	lit_head(&ls->l[ls->n]);
	add_key(ls, s, 0, ls->n);
	add_key(ls, s, 1, ls->n);
	pair_add(ls->after, s + 1);
	pair_add(ls->before, s);
	return (int)ls->n++;
}

/*
 * Does run l stand at t[at..len), caseless?  Its first 8 bytes at once
 * (its head) when the text has them, then byte by byte.
 */
static bool
at_run(const struct lit *l, const unsigned char *u, size_t len, size_t at)
{
	uint64_t w;
	size_t j = 0;

	if (l->len > len - at)
		return false;
	if (len - at >= sizeof(w)) {
		memcpy(&w, u + at, sizeof(w));
		if (((w | l->fold) & l->care) != l->head)
			return false;
		j = l->len < sizeof(w) ? l->len : sizeof(w);
	}
	for (; j < l->len && lw(u[at + j]) == (unsigned char)l->s[j]; j++)
		;
	return j == l->len;
}

void
litset_find(struct litset *ls, const char *t, size_t len)
{
	unsigned char *present = ls->present;
	const unsigned char *u = (const unsigned char *)t;
	const uint32_t *bits = ls->bits, *after = ls->after;
	const uint32_t *before = ls->before;
	const unsigned char *p, *last;
	const struct key *k;
	size_t i, lo, hi, left = ls->n, nk = 2 * ls->n;
	unsigned pair;

	memset(present, 0, ls->n);
	if (left == 0 || len < 2)
		return;
	/* p walks the pairs at even places, up to the last at last */
	for (p = u, last = u + len - 2; p <= last; p += 2) {
		/* bits holds every case of a pair: no folding until a hit */
		if (!pair_in(bits, p))
			continue;
		i = (size_t)(p - u);
		/* a run holding this pair at 0 goes on at i + 2, one holding
		 * it at 1 began at i - 1 */
		if (!(i + 2 < len && pair_in(after, u + i + 1)) &&
		    !(i > 0 && pair_in(before, u + i - 1)))
			continue;
		pair = (unsigned)lw(u[i]) << 8 | lw(u[i + 1]);
		/* the first key of this pair, among those of its first byte */
		for (lo = ls->from[pair >> 8], hi = ls->from[(pair >> 8) + 1];
		    lo < hi;) {
			size_t mid = lo + (hi - lo) / 2;

			if (ls->k[mid].pair < pair)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = &ls->k[lo]; lo < nk && k->pair == pair; lo++, k++) {
			if (present[k->id] || k->off > i ||
			    !at_run(&ls->l[k->id], u, len, i - k->off))
				continue;
			present[k->id] = 1;
			left--;
		}
		if (left == 0)
			break;
	}
}
