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
#include "core/util.h"

enum lint_sev { LINT_INFO, LINT_WARN, LINT_ERROR };

/* One entry of the check catalogue. */
struct lint_check {
	const char	*id;
	const char	*rfc;		/* "RFC 5322 section 2.1.1", or NULL */
	const char	*fix;		/* one line */
	enum lint_sev	 sev;		/* from the weights file */
	double		 points;	/* from the weights file */
};

/*
 * The built-in catalogue, in report order (ids, RFCs, fixes; severity
 * and points zero until a weights file fills them); *n is its length.
 */
const struct lint_check	*lint_checks(size_t *n);

/*
 * Read the weights file at path (data/lint-weights.tsv: "id TAB severity
 * TAB points TAB meaning" lines, "#" comments, an "id" header line) into
 * cat[0..n), a copy of lint_checks().  Every check must have exactly one
 * line.  Returns 0, or -1 with e filled: where "path:line" and what for
 * a bad line or an unknown check id, where path for a missing check or
 * an unreadable file.
 */
int	lint_weights_load(const char *path, struct lint_check *cat, size_t n,
	    struct derr *e);

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
	struct strpool		 str;		/* the findings' strings */
};

void	lint_result_free(struct lint_result *);

/* "info", "warn", "error"; lint_sev_parse returns -1 for another word. */
const char	*lint_sev_name(enum lint_sev);
int		 lint_sev_parse(const char *);

struct lint;

/* Where lint's data is. */
struct lint_conf {
	const char	*phrases;	/* directory of spam.txt, shorteners.txt */
	const char	*weights;	/* the weights file (lint_weights_load) */
	const char	*psl;		/* public_suffix_list.dat, or NULL */
};

/*
 * Load the data: from the phrases directory spam.txt (weighted spam
 * phrases, tag = weight) and shorteners.txt (URL-shortener domains, one
 * a line, a leading dot for any host under it); the weights file; the
 * Public Suffix List for organizational domains (NULL: the last two
 * labels).  Compile the patterns.  Returns NULL and fills e on an
 * unreadable or bad file.
 */
struct lint	*lint_new(const struct lint_conf *, struct derr *e);
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
