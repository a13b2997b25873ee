/*
 * dnscheck's findings: one record per thing checked (check, subject,
 * status, detail, value), collected in a list per domain so that the
 * checks can run in threads and be written in input order.
 */
#ifndef DCREC_H
#define DCREC_H

#include <stddef.h>

enum dcrec_status {
	DCREC_PASS = 0,
	DCREC_WARN,
	DCREC_FAIL,
	DCREC_INFO,
	DCREC_TEMPERROR
};

/* One finding; every string owned by the list. */
struct dcrec {
	char			*check;		/* "mx", "spf-result", ... */
	char			*subject;	/* host, IP, selector/NULL */
	enum dcrec_status	 status;
	char			*detail;	/* a sentence for people */
	char			*value;		/* the record or answer seen */
};

struct dcrec_list {
	struct dcrec	*v;
	size_t		 n;
	size_t		 cap;
	int		 nomem;		/* an append failed */
};

/* "pass", "warn", "fail", "info", "temperror" */
const char	*dcrec_status_str(enum dcrec_status);

/*
 * Append a finding (strings are copied; subject and value may be NULL;
 * detail is a printf format).  On out of memory nothing is added and
 * l->nomem is set.
 */
void	dcrec_add(struct dcrec_list *, const char *check, const char *subject,
	    enum dcrec_status, const char *value, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));

/* 1 if any finding of the list is a fail, else 0. */
int	dcrec_has_fail(const struct dcrec_list *);

/* Free the records and zero the list (it can be reused). */
void	dcrec_list_free(struct dcrec_list *);

#endif
