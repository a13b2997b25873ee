/*
 * The reasons table (bounce/table.c): data/reasons.tsv, one reason a
 * line with its kind, its RFC 3463 codes and its meaning.
 */
#ifndef BOUNCE_TABLE_H
#define BOUNCE_TABLE_H

#include "core/deliv.h"
#include "core/phrases.h"

/* The kind column. */
enum reason_kind {
	REASON_HARD,
	REASON_SOFT,
	REASON_UNDET,		/* "undetermined" */
	REASON_BYCODE,		/* soft when the code is temporary, else hard */
	REASON_CHOICE,		/* a phrase tag "a|b": the code chooses */
	REASON_UNKNOWN		/* not in the table */
};

struct reasons;

/*
 * Load and check the table at path (name is what errors say, as
 * "data/reasons.tsv").  NULL and e filled ("data/reasons.tsv:12", what)
 * on an unreadable file or a bad line.
 */
struct reasons	*reasons_load(const char *path, const char *name,
		    struct derr *e);
void		 reasons_free(struct reasons *);

/*
 * Every tag of the phrase list is a reason of the table: 0, else -1
 * and e names the list's file and line.
 */
int	reasons_check_phrases(const struct reasons *, const struct phr *,
	    struct derr *e);

/* The kind of a reason; REASON_UNKNOWN when the table lacks it. */
enum reason_kind	 reasons_kind(const struct reasons *,
			    const char *reason);

/* The reason whose codes hold status ("5.1.1" matches X.1.1), or NULL. */
const char	*reasons_of_status(const struct reasons *, const char *status);

#endif
