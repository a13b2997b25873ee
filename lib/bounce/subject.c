/*
 * A subject's tags and prefixes, as the writers and the relays on the
 * way put them.  See bounce/bounce_priv.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "bounce/bounce_priv.h"

/*
 * A subject a person answering or forwarding writes: "Re:", "Fwd:",
 * "AW:", "SV:", "Re[2]:", after an optional list tag "[list] ".
 */
bool
bnc_reply_subject(const char *s)
{
	static const char *const pre[] = { "re", "fw", "fwd", "aw", "sv",
	    "vs", "antw", "r", "rif", "tr", "wg" };
	const char *w;
	size_t i, n;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '[' && (w = strchr(s, ']')) != NULL)
		for (s = w + 1; *s == ' ' || *s == '\t'; s++)
			;
	for (n = 0; isalpha((unsigned char)s[n]); n++)
		;
	for (i = 0; i < nitems(pre); i++)
		if (strlen(pre[i]) == n && strncasecmp(s, pre[i], n) == 0)
			break;
	if (n == 0 || i == nitems(pre))
		return false;
	s += n;
	if (*s == '[') {
		for (s++; isdigit((unsigned char)*s); s++)
			;
		if (*s++ != ']')
			return false;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == ':';
}

/*
 * A tag a relay or a list puts in front of a subject: an Exchange mail
 * flow rule's PrependSubject ("[External] "), a list's subject_prefix
 * ("[news] ", Mailman's default "[%(real_name)s] "), a gateway's
 * subject tag (FortiMail's incoming-subject-tagging-value): a bracketed
 * word or few, at most 40 bytes on one line.
 * Returns where the subject goes on after it and its spaces, or NULL
 * when s opens with no tag.
 */
static const char *
past_tag(const char *s)
{
	const char *e;

	if (*s != '[' || (e = strchr(s, ']')) == NULL || e - s > 40 ||
	    memchr(s, '\n', (size_t)(e - s)) != NULL)
		return NULL;
	for (e++; *e == ' ' || *e == '\t'; e++)
		;
	return e;
}

/*
 * The subject past up to three such tags: the subject lists' patterns
 * that read its opening words ("^automatic reply") read the writer's
 * own subject so.
 */
const char *
bnc_untagged(const char *s)
{
	const char *t;
	int i;

	while (*s == ' ' || *s == '\t')
		s++;
	for (i = 0; i < 3 && (t = past_tag(s)) != NULL; i++)
		s = t;
	return s;
}

/* Does the subject open with pre (caseless), after up to three tags? */
bool
bnc_subject_opens(const char *s, const char *pre)
{
	int i;

	while (*s == ' ' || *s == '\t')
		s++;
	for (i = 0; i <= 3 && s != NULL; i++, s = past_tag(s))
		if (strncasecmp(s, pre, strlen(pre)) == 0)
			return true;
	return false;
}
