/*
 * Pre-send checks of one message: line length, headers, MIME structure,
 * content (capitals, exclamation marks, money, spam phrases), links and
 * bulk-mail unsubscribe headers.  Each finding has an id from a fixed
 * catalogue (lint_checks()), a severity, points, where, detail and a
 * one-line fix; the points add up to the message's score.
 * Deterministic: the same bytes give the same findings, in the same order.
 */
#ifndef LINT_H
#define LINT_H

#include <stdbool.h>
#include <stddef.h>

#include <gmime/gmime.h>

#include "core/deliv.h"

enum lint_sev { LINT_INFO, LINT_WARN, LINT_ERROR };

/* One entry of the check catalogue (static). */
struct lint_check {
	const char	*id;
	enum lint_sev	 sev;		/* default severity */
	double		 points;	/* default points */
	const char	*rfc;		/* "RFC 5322 section 2.1.1", or NULL */
	const char	*fix;		/* one line */
};

/* The catalogue, in report order; *n is set to its length. */
const struct lint_check	*lint_checks(size_t *n);

/* One finding; strings owned by the result that holds it. */
struct lint_finding {
	const struct lint_check	*check;
	enum lint_sev		 sev;
	double			 points;
	char			*where;
	char			*detail;
};

/* The findings of one message.  Zero-initialise; reuse; free. */
struct lint_result {
	struct lint_finding	*f;
	size_t			 n;
	size_t			 cap;
	double			 score;		/* sum of points */
	bool			 error;		/* an error-severity finding */
};

void	lint_result_free(struct lint_result *);

/* "info", "warn", "error"; lint_sev_parse returns -1 for another word. */
const char	*lint_sev_name(enum lint_sev);
int		 lint_sev_parse(const char *);

struct lint;

/*
 * Load the data from the phrases directory dir: spam.txt (weighted spam
 * phrases, tag = weight) and shorteners.txt (URL-shortener domains, one
 * a line, a leading dot for any host under it).  Compile the patterns.
 * Returns NULL and fills e on an unreadable or bad file.
 */
struct lint	*lint_new(const char *dir, struct derr *e);
void		 lint_free(struct lint *);

/*
 * Check one message.  msg is the parsed message (NULL if it could not be
 * parsed; then why says so); raw[0..rawlen) are its bytes as sent (for
 * line lengths; may be NULL).  bulk forces the bulk-mail checks (they
 * also run, at lower severity, when List-* or Precedence headers say the
 * message is list mail).  The result is reset and filled.  Returns 0, or
 * -1 with e filled when out of memory or a pattern fails to match.
 */
int	lint_message(struct lint *, GMimeMessage *msg, const char *why,
	    const char *raw, size_t rawlen, bool bulk, struct lint_result *,
	    struct derr *e);

#endif
