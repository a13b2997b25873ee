/*
 * dnscheck's findings: one record per thing checked (check, subject,
 * status, detail, value), collected in a list per domain so that the
 * checks can run in threads and be written in input order.
 */
#ifndef FINDING_H
#define FINDING_H

#include <stddef.h>

#include "core/util.h"

enum finding_status {
	FINDING_PASS = 0,
	FINDING_WARN,
	FINDING_FAIL,
	FINDING_INFO,
	FINDING_TEMPERROR
};

/* One finding; every string owned by the list. */
struct finding {
	char			*check;		/* "mx", "spf-result", ... */
	char			*subject;	/* host, IP, selector/NULL */
	enum finding_status	 status;
	char			*detail;	/* a sentence for people */
	char			*value;		/* the record or answer seen */
};

struct finding_list {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;
	int		 nomem;		/* an append failed */
	struct strpool	 str;		/* the findings' strings */
};

/* "pass", "warn", "fail", "info", "temperror" */
const char	*finding_status_str(enum finding_status);

/*
 * Append a finding (strings are copied; subject and value may be NULL;
 * detail is a printf format).  On out of memory nothing is added and
 * l->nomem is set.
 */
void	finding_add(struct finding_list *, const char *check, const char *subject,
	    enum finding_status, const char *value, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));

/* 1 if any finding of the list is a fail, else 0. */
int	finding_has_fail(const struct finding_list *);

/* Free the records and zero the list (it can be reused). */
void	finding_list_free(struct finding_list *);

#endif
