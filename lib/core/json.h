/*
 * A small strict JSON reader (RFC 8259): one value parsed into a tree
 * that is read with the accessors below.  Strings come out as UTF-8
 * with their escapes decoded (a \u0000 or a lone surrogate is an
 * error); numbers are kept as the text they were written as.  Nesting
 * deeper than JSON_DEPTH_MAX is an error, not a stack overflow; every
 * failure says where (the byte offset) and what.
 */
#ifndef JSON_H
#define JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deliv.h"

#define JSON_DEPTH_MAX	64	/* arrays and objects within one another */

enum json_type { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING,
	JSON_ARRAY, JSON_OBJECT };

struct json;

/*
 * Parse s[0..len) as exactly one JSON value, white space around it
 * allowed.  Returns the tree (json_free() it), or NULL and e filled:
 * where is name ("results.jsonl:3", say), what tells the offset and the
 * fault ("offset 17: expected ':' after an object key").
 */
struct json	*json_parse(const char *s, size_t len, const char *name,
		    struct derr *e);

/*
 * The same for a value at the start of s (after white space) followed
 * by anything: *end is set to the offset just past the value.  For JSON
 * inside other text (the body of a mail).
 */
struct json	*json_parse_prefix(const char *s, size_t len, size_t *end,
		    const char *name, struct derr *e);

void		 json_free(struct json *);

/* The type of v; JSON_NULL for v NULL. */
enum json_type	 json_type(const struct json *v);

/*
 * The text of a scalar: a string's decoded value, a number as written
 * ("-1.5e3"), "true", "false"; NULL for null, an array, an object or v
 * NULL.  Valid until json_free().
 */
const char	*json_text(const struct json *v);
/* A string's length in bytes (0 for anything else). */
size_t		 json_len(const struct json *v);

/* The members of an array or an object, in order; 0 for the rest. */
size_t		 json_count(const struct json *v);
/* Member i (0-based) of an array or object, or NULL. */
const struct json *json_at(const struct json *v, size_t i);
/* The key of member i of an object, or NULL. */
const char	*json_key(const struct json *v, size_t i);

/* The value of the first member called key of object v, or NULL. */
const struct json *json_get(const struct json *v, const char *key);
/*
 * json_get() along a dotted path ("bounce.bouncedRecipients"); NULL as
 * soon as a step is missing or not an object.
 */
const struct json *json_path(const struct json *v, const char *path);
/* json_text(json_get(v, key)). */
const char	*json_get_text(const struct json *v, const char *key);

#endif
