/*
 * A small strict JSON reader: a recursive-descent parser bounded by
 * JSON_DEPTH_MAX into a tree of values, and its accessors.  See
 * core/json.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/util.h"

struct json {
	enum json_type	 type;
	char		*text;		/* string, number; NUL-terminated */
	size_t		 len;		/* of text */
	struct json	**v;		/* members of an array or object */
	char		**k;		/* keys of an object's members */
	size_t		 n;
};

struct parser {
	const char	*s;
	size_t		 len;
	size_t		 i;
	const char	*name;
	struct derr	*e;
};

static struct json	*value(struct parser *, int depth);

static void
fault(struct parser *p, const char *what)
{
	derr_set(p->e, p->name, "offset %zu: %s", p->i, what);
}

static void
skip_ws(struct parser *p)
{
	while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
	    p->s[p->i] == '\n' || p->s[p->i] == '\r'))
		p->i++;
}

static struct json *
node(struct parser *p, enum json_type t)
{
	struct json *j;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		fault(p, "out of memory");
	else
		j->type = t;
	return j;
}

void
json_free(struct json *j)
{
	size_t i;

	if (j == NULL)
		return;
	for (i = 0; i < j->n; i++) {
		json_free(j->v[i]);
		if (j->k != NULL)
			free(j->k[i]);
	}
	free(j->v);
	free(j->k);
	free(j->text);
	free(j);
}

static int
hex4(struct parser *p, uint32_t *u)
{
	size_t k;
	char c;

	*u = 0;
	if (p->len - p->i < 4) {
		fault(p, "short \\u escape");
		return -1;
	}
	for (k = 0; k < 4; k++) {
		c = p->s[p->i++];
		*u <<= 4;
		if (c >= '0' && c <= '9')
			*u |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*u |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*u |= (uint32_t)(c - 'A' + 10);
		else {
			p->i--;
			fault(p, "bad hex digit in a \\u escape");
			return -1;
		}
	}
	return 0;
}

/* A \u escape (after the "\u"), with its low surrogate if it needs one. */
static int
unicode(struct parser *p, struct sbuf *b)
{
	uint32_t u, lo;

	if (hex4(p, &u) == -1)
		return -1;
	if (u >= 0xdc00 && u < 0xe000) {
		fault(p, "lone low surrogate");
		return -1;
	}
	if (u >= 0xd800 && u < 0xdc00) {
		if (p->len - p->i < 2 || p->s[p->i] != '\\' ||
		    p->s[p->i + 1] != 'u') {
			fault(p, "high surrogate without its low one");
			return -1;
		}
		p->i += 2;
		if (hex4(p, &lo) == -1)
			return -1;
		if (lo < 0xdc00 || lo >= 0xe000) {
			fault(p, "high surrogate without its low one");
			return -1;
		}
		u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (u == 0) {
		fault(p, "\\u0000 in a string");
		return -1;
	}
	return sbuf_add_utf8(b, u);
}

/* A string at p->i (on its quote) into *out (malloc'd) and *outlen. */
static int
string(struct parser *p, char **out, size_t *outlen)
{
	static const char esc_in[] = "\"\\/bfnrt";
	static const char esc_out[] = "\"\\/\b\f\n\r\t";
	struct sbuf b = { 0 };
	const char *q;
	unsigned char c;
	int r = 0;

	p->i++;
	for (;;) {
		if (p->i >= p->len) {
			fault(p, "unterminated string");
			goto fail;
		}
		c = (unsigned char)p->s[p->i];
		if (c == '"')
			break;
		if (c < 0x20) {
			fault(p, "control character in a string");
			goto fail;
		}
		if (c != '\\') {
			r |= sbuf_addc(&b, (char)c);
			p->i++;
			continue;
		}
		if (++p->i >= p->len) {
			fault(p, "unterminated string");
			goto fail;
		}
		if (p->s[p->i] == 'u') {
			p->i++;
			if (unicode(p, &b) == -1)
				goto fail;
			continue;
		}
		if ((q = strchr(esc_in, p->s[p->i])) == NULL ||
		    p->s[p->i] == '\0') {
			fault(p, "bad escape in a string");
			goto fail;
		}
		r |= sbuf_addc(&b, esc_out[q - esc_in]);
		p->i++;
	}
	p->i++;
	if (r != 0 || (b.s == NULL && sbuf_reserve(&b, 1) == -1)) {
		fault(p, "out of memory");
		goto fail;
	}
	*out = b.s;
	*outlen = b.len;
	return 0;
fail:
	sbuf_free(&b);
	return -1;
}

static size_t
digits(struct parser *p)
{
	size_t n = 0;

	while (p->i < p->len && p->s[p->i] >= '0' && p->s[p->i] <= '9') {
		p->i++;
		n++;
	}
	return n;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static struct json *
number(struct parser *p)
{
	size_t start = p->i;
	struct json *j;

	if (p->s[p->i] == '-')
		p->i++;
	if (p->i < p->len && p->s[p->i] == '0')
		p->i++;
	else if (digits(p) == 0) {
		fault(p, "bad number");
		return NULL;
	}
	if (p->i < p->len && p->s[p->i] == '.') {
		p->i++;
		if (digits(p) == 0) {
			fault(p, "no digits after a decimal point");
			return NULL;
		}
	}
	if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (digits(p) == 0) {
			fault(p, "no digits in an exponent");
			return NULL;
		}
	}
	if ((j = node(p, JSON_NUMBER)) == NULL)
		return NULL;
	j->len = p->i - start;
	if ((j->text = strndup(p->s + start, j->len)) == NULL) {
		fault(p, "out of memory");
		free(j);
		return NULL;
	}
	return j;
}

static int
add_member(struct parser *p, struct json *j, char *key, struct json *v)
{
	struct json **nv;
	char **nk;

	if ((nv = reallocarray(j->v, j->n + 1, sizeof(*nv))) == NULL)
		goto oom;
	j->v = nv;
	if (j->type == JSON_OBJECT) {
		if ((nk = reallocarray(j->k, j->n + 1, sizeof(*nk))) == NULL)
			goto oom;
		j->k = nk;
		j->k[j->n] = key;
	}
	j->v[j->n++] = v;
	return 0;
oom:
	fault(p, "out of memory");
	free(key);
	json_free(v);
	return -1;
}

/* An array or an object at p->i (on its bracket). */
static struct json *
container(struct parser *p, int depth)
{
	bool obj = p->s[p->i] == '{';
	char close = obj ? '}' : ']', *key = NULL;
	struct json *j, *v;
	size_t klen;

	if (depth >= JSON_DEPTH_MAX) {
		fault(p, "nested too deep");
		return NULL;
	}
	if ((j = node(p, obj ? JSON_OBJECT : JSON_ARRAY)) == NULL)
		return NULL;
	p->i++;
	skip_ws(p);
	if (p->i < p->len && p->s[p->i] == close) {
		p->i++;
		return j;
	}
	for (;;) {
		skip_ws(p);
		if (obj) {
			if (p->i >= p->len || p->s[p->i] != '"') {
				fault(p, "expected a string key");
				goto fail;
			}
			if (string(p, &key, &klen) == -1)
				goto fail;
			skip_ws(p);
			if (p->i >= p->len || p->s[p->i] != ':') {
				fault(p, "expected ':' after an object key");
				free(key);
				goto fail;
			}
			p->i++;
		}
		if ((v = value(p, depth + 1)) == NULL) {
			free(key);
			goto fail;
		}
		if (add_member(p, j, key, v) == -1)
			goto fail;
		key = NULL;
		skip_ws(p);
		if (p->i < p->len && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->len && p->s[p->i] == close) {
			p->i++;
			return j;
		}
		fault(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
		goto fail;
	}
fail:
	json_free(j);
	return NULL;
}

static struct json *
literal(struct parser *p, const char *word, enum json_type t)
{
	size_t n = strlen(word);

	if (p->len - p->i < n || memcmp(p->s + p->i, word, n) != 0) {
		fault(p, "unexpected character");
		return NULL;
	}
	p->i += n;
	return node(p, t);
}

static struct json *
value(struct parser *p, int depth)
{
	struct json *j;

	skip_ws(p);
	if (p->i >= p->len) {
		fault(p, "unexpected end");
		return NULL;
	}
	switch (p->s[p->i]) {
	case '{':
	case '[':
		return container(p, depth);
	case '"':
		if ((j = node(p, JSON_STRING)) == NULL)
			return NULL;
		if (string(p, &j->text, &j->len) == -1) {
			free(j);
			return NULL;
		}
		return j;
	case 't':
		return literal(p, "true", JSON_TRUE);
	case 'f':
		return literal(p, "false", JSON_FALSE);
	case 'n':
		return literal(p, "null", JSON_NULL);
	default:
		if (p->s[p->i] == '-' || (p->s[p->i] >= '0' &&
		    p->s[p->i] <= '9'))
			return number(p);
		fault(p, "unexpected character");
		return NULL;
	}
}

struct json *
json_parse_prefix(const char *s, size_t len, size_t *end, const char *name,
    struct derr *e)
{
	struct parser p = { s, len, 0, name, e };
	struct json *j;

	if ((j = value(&p, 0)) != NULL)
		*end = p.i;
	return j;
}

struct json *
json_parse(const char *s, size_t len, const char *name, struct derr *e)
{
	struct parser p = { s, len, 0, name, e };
	struct json *j;

	if ((j = value(&p, 0)) == NULL)
		return NULL;
	skip_ws(&p);
	if (p.i < len) {
		fault(&p, "text after the value");
		json_free(j);
		return NULL;
	}
	return j;
}

enum json_type
json_type(const struct json *v)
{
	return v ? v->type : JSON_NULL;
}

const char *
json_text(const struct json *v)
{
	if (v == NULL)
		return NULL;
	switch (v->type) {
	case JSON_STRING:
	case JSON_NUMBER:
		return v->text;
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return NULL;
	}
}

size_t
json_len(const struct json *v)
{
	return v != NULL && v->type == JSON_STRING ? v->len : 0;
}

size_t
json_count(const struct json *v)
{
	return v != NULL ? v->n : 0;
}

const struct json *
json_at(const struct json *v, size_t i)
{
	return v != NULL && i < v->n ? v->v[i] : NULL;
}

const char *
json_key(const struct json *v, size_t i)
{
	return v != NULL && v->type == JSON_OBJECT && i < v->n ? v->k[i] :
	    NULL;
}

const struct json *
json_get(const struct json *v, const char *key)
{
	size_t i;

	if (v == NULL || v->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->k[i], key) == 0)
			return v->v[i];
	return NULL;
}

const struct json *
json_path(const struct json *v, const char *path)
{
	char step[128];
	const char *dot;
	size_t n;

	while (v != NULL && *path != '\0') {
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof(step))
			return NULL;
		memcpy(step, path, n);
		step[n] = '\0';
		v = json_get(v, step);
		path += n + (dot != NULL);
	}
	return v;
}

const char *
json_get_text(const struct json *v, const char *key)
{
	return json_text(json_get(v, key));
}
