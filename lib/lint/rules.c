/*
 * lint's check catalogue and its weights: the ids, RFCs and fixes of the
 * checks (in C, since the code is what finds them), and their severities
 * and points read from a weights file (data/lint-weights.tsv) and
 * validated.  See lint/lint.h.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deliv.h"
#include "core/tsv.h"
#include "core/util.h"
#include "lint/lint.h"
#include "lint/lint_priv.h"

#define POINTS_MAX	100

static const struct lint_check builtin[C_COUNT] = {
	[C_UNPARSEABLE] = { "message-unparseable",
	    "RFC 5322 section 3", "write the message with a mail library" },
	[C_LINE_998] = { "line-too-long",
	    "RFC 5322 section 2.1.1",
	    "wrap lines or use quoted-printable/base64" },
	[C_LINE_78] = { "line-over-78",
	    "RFC 5322 section 2.1.1", "wrap lines at 78 characters" },
	[C_B64_LINE] = { "base64-line-length",
	    "RFC 2045 section 6.8", "wrap base64 at 76 characters a line" },
	[C_QP_LINE] = { "qp-line-length",
	    "RFC 2045 section 6.7",
	    "use soft line breaks (=) to keep lines within 76 characters" },
	[C_DATE_MISSING] = { "date-missing",
	    "RFC 5322 section 3.6", "add a Date: header" },
	[C_DATE_INVALID] = { "date-invalid",
	    "RFC 5322 section 3.3",
	    "write Date like \"Mon, 23 Nov 2026 09:30:00 +0000\"" },
	[C_MSGID_MISSING] = { "message-id-missing",
	    "RFC 5322 section 3.6.4",
	    "add Message-ID: <unique@your.domain>" },
	[C_MSGID_SYNTAX] = { "message-id-syntax",
	    "RFC 5322 section 3.6.4",
	    "write Message-ID as <unique@your.domain>" },
	[C_MSGID_DOMAIN] = { "message-id-domain",
	    "RFC 5322 section 3.6.4",
	    "use your sending domain after the @ of Message-ID" },
	[C_FROM_MISSING] = { "from-missing",
	    "RFC 5322 section 3.6.2", "add a From: header" },
	[C_FROM_SYNTAX] = { "from-syntax",
	    "RFC 5322 section 3.4",
	    "write From as \"Name <user@example.com>\"" },
	[C_FROM_MULTIPLE] = { "from-multiple",
	    "RFC 5322 section 3.6.2", "put exactly one mailbox in From" },
	[C_DOMAIN_RESERVED] = { "domain-reserved",
	    "RFC 6761, RFC 2606",
	    "use your real sending domain in From and Reply-To" },
	[C_MIME_VERSION] = { "mime-version-missing",
	    "RFC 2045 section 4", "add MIME-Version: 1.0" },
	[C_SUBJECT_MISSING] = { "subject-missing",
	    "RFC 5322 section 3.6.5", "give the message a subject" },
	[C_SUBJECT_ENCODING] = { "subject-encoding",
	    "RFC 2047 section 2",
	    "encode non-ASCII subjects as RFC 2047 encoded-words" },
	[C_HEADER_DUP] = { "header-duplicate",
	    "RFC 5322 section 3.6", "keep one instance of the header" },
	[C_HEADER_8BIT] = { "header-8bit",
	    "RFC 5322 section 2.2",
	    "encode non-ASCII header text (RFC 2047)" },
	[C_HTML_ONLY] = { "html-only",
	    "RFC 2046 section 5.1.4",
	    "add a text/plain alternative (multipart/alternative)" },
	[C_TEXT_HTML_DIFFER] = { "text-html-differ",
	    "RFC 2046 section 5.1.4",
	    "make the text/plain part say what the HTML says" },
	[C_IMAGE_HEAVY] = { "image-heavy", NULL,
	    "add real text; do not send a message that is mostly images" },
	[C_BODY_EMPTY] = { "body-empty", NULL,
	    "write a body" },
	[C_HTML_CLIPPED] = { "html-clipped", NULL,
	    "keep the HTML under 102 KB (Gmail clips the rest)" },
	[C_HTML_DANGEROUS] = { "html-dangerous", NULL,
	    "remove script, iframe, form, object and on* handlers" },
	[C_ATTACH_RISKY] = { "attachment-risky", NULL,
	    "do not attach executables; link to a download page" },
	[C_CAPS_SUBJECT] = { "caps-subject", NULL,
	    "write the subject in normal case" },
	[C_CAPS_BODY] = { "caps-body", NULL,
	    "write the body in normal case" },
	[C_EXCL_SUBJECT] = { "exclamation-subject", NULL,
	    "drop the exclamation marks from the subject" },
	[C_EXCL_BODY] = { "exclamation-body", NULL,
	    "use fewer exclamation marks" },
	[C_MONEY] = { "money", NULL,
	    "do not lead with sums of money or $$$" },
	[C_SPAM_PHRASE] = { "spam-phrase", NULL,
	    "reword the phrase" },
	[C_LINK_SHORTENER] = { "link-shortener", NULL,
	    "link to your own domain, not a URL shortener" },
	[C_LINK_HTTP] = { "link-http", NULL,
	    "link with https:" },
	[C_LINK_IP] = { "link-ip-literal",
	    "RFC 3986 section 3.2.2",
	    "link to a host name, not an IP address" },
	[C_LINK_TEXT_HOST] = { "link-text-host", NULL,
	    "make the visible link text show the real destination" },
	[C_LINK_MALFORMED] = { "link-malformed",
	    "RFC 3986 section 3", "fix the URL" },
	[C_TRACKING_PIXEL] = { "tracking-pixel", NULL,
	    "drop 1x1 tracking images or keep to one" },
	[C_LINK_UNRELATED] = { "link-domain-unrelated", NULL,
	    "link to the From domain where you can" },
	[C_UNSUB_MISSING] = { "unsubscribe-missing",
	    "RFC 2369 section 3.2",
	    "add List-Unsubscribe: <https://...>, <mailto:...>" },
	[C_UNSUB_SYNTAX] = { "unsubscribe-syntax",
	    "RFC 2369 section 2",
	    "put each List-Unsubscribe URI in <angle brackets>" },
	[C_UNSUB_HTTPS] = { "unsubscribe-no-https",
	    "RFC 8058 section 3.1",
	    "add an https URI to List-Unsubscribe" },
	[C_UNSUB_POST_MISSING] = { "unsubscribe-post-missing",
	    "RFC 8058 section 3.1",
	    "add List-Unsubscribe-Post: List-Unsubscribe=One-Click" },
	[C_UNSUB_POST_INVALID] = { "unsubscribe-post-invalid",
	    "RFC 8058 section 3.1",
	    "write exactly List-Unsubscribe-Post: List-Unsubscribe=One-Click" },
	[C_UNSUB_ENCODED] = { "unsubscribe-encoded",
	    "RFC 2369 section 2",
	    "write List-Unsubscribe in plain ASCII, no encoded-words" },
	[C_UNSUB_FOLDED] = { "unsubscribe-folded",
	    "RFC 2369 section 2",
	    "fold List-Unsubscribe only between URIs, never inside one" },
	[C_UNSUB_DKIM_H] = { "unsubscribe-unsigned",
	    "RFC 8058 section 4",
	    "sign List-Unsubscribe and List-Unsubscribe-Post (DKIM h=)" },
	[C_UNSUB_DKIM_D] = { "dkim-misaligned",
	    "RFC 7489 section 3.1.1",
	    "sign with d= your From domain (or its parent)" },
};

const struct lint_check *
lint_checks(size_t *n)
{
	*n = C_COUNT;
	return builtin;
}

static int
check_index(const char *id)
{
	int k;

	for (k = 0; k < C_COUNT; k++)
		if (strcmp(builtin[k].id, id) == 0)
			return k;
	return -1;
}

/* What the weights loader fills. */
struct weights {
	struct lint_check	*cat;
	bool			 seen[C_COUNT];
};

/* One row "id TAB severity TAB points TAB meaning" into the catalogue. */
static int
weights_row(void *arg, struct tsv_row *r, struct derr *e)
{
	struct weights *w = arg;
	char **f = r->f, *end;
	double pts;
	int k, sev;

	if (strcmp(f[0], "id") == 0 && r->n > 1)	/* a header line */
		return 0;
	if (r->n != 4) {
		derr_set(e, r->where, "want 4 tab-separated fields: id, "
		    "severity, points, meaning");
		return -1;
	}
	if ((k = check_index(f[0])) == -1) {
		derr_set(e, r->where, "unknown check id \"%.60s\"", f[0]);
		return -1;
	}
	if (w->seen[k]) {
		derr_set(e, r->where, "check %s given twice", f[0]);
		return -1;
	}
	if ((sev = lint_sev_parse(f[1])) == -1) {
		derr_set(e, r->where, "severity \"%.20s\" is not info, warn "
		    "or error", f[1]);
		return -1;
	}
	errno = 0;
	pts = strtod(f[2], &end);
	if (*f[2] == '\0' || *end != '\0' || errno != 0 || !isfinite(pts) ||
	    pts < 0 || pts > POINTS_MAX) {
		derr_set(e, r->where, "points \"%.20s\" not a number from 0 "
		    "to %d", f[2], POINTS_MAX);
		return -1;
	}
	if (*str_trim(f[3]) == '\0') {
		derr_set(e, r->where, "no meaning given");
		return -1;
	}
	w->seen[k] = true;
	w->cat[k].sev = (enum lint_sev)sev;
	w->cat[k].points = pts;
	return 0;
}

int
lint_weights_load(const char *path, struct lint_check *cat, size_t ncat,
    struct derr *e)
{
	struct weights w = { .cat = cat };
	struct tsv_opts o = { 0 };
	size_t k;

	if (ncat != C_COUNT) {
		derr_set(e, path, "catalogue of %zu checks, not %d", ncat,
		    C_COUNT);
		return -1;
	}
	if (tsv_each(path, path, &o, weights_row, &w, e) == -1)
		return -1;
	for (k = 0; k < C_COUNT; k++)
		if (!w.seen[k]) {
			derr_set(e, path, "no line for check %s", builtin[k].id);
			return -1;
		}
	return 0;
}
