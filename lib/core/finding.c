/*
 * dnscheck's finding list.  See finding.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/finding.h"
#include "core/util.h"

const char *
finding_status_str(enum finding_status s)
{
	static const char *names[] = { "pass", "warn", "fail", "info",
	    "temperror" };

	if ((size_t)s >= sizeof(names) / sizeof(names[0]))
		return "temperror";
	return names[s];
}

void
finding_add(struct finding_list *l, const char *check, const char *subject,
    enum finding_status st, const char *value, const char *fmt, ...)
{
	struct finding *r;
	va_list ap;
	int bad = 0;

	if ((r = array_add(&l->v, l->n, &l->cap, sizeof(*r), 16)) == NULL) {
		l->nomem = 1;
		return;
	}
	r->status = st;
	r->check = strpool_dup_null(&l->str, check, &bad);
	r->subject = strpool_dup_null(&l->str, subject, &bad);
	r->value = strpool_dup_null(&l->str, value, &bad);
	va_start(ap, fmt);
	if ((r->detail = strpool_vprintf(&l->str, fmt, ap)) == NULL)
		bad = 1;
	va_end(ap);
	if (bad) {
		l->nomem = 1;
		return;
	}
	l->n++;
}

int
finding_has_fail(const struct finding_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].status == FINDING_FAIL)
			return 1;
	return 0;
}

void
finding_list_free(struct finding_list *l)
{
	free(l->v);
	strpool_free(&l->str);
	memset(l, 0, sizeof(*l));
}
