/*
 * Bounce classification: what a message is (RFC 3464 DSN, plain-text MTA
 * bounce, RFC 5965 feedback report, RFC 3834 auto-reply, or no bounce),
 * who failed and why.  The reason comes from, in this order, the soft
 * phrase list, the hard phrase list, the RFC 3463 enhanced status code,
 * the SMTP reply code; else "undefined".
 */
#ifndef BOUNCE_H
#define BOUNCE_H

#include <stdbool.h>
#include <time.h>

#include <gmime/gmime.h>

#include "core/deliv.h"

struct bounce;

/* One failed (or delivered, or reported) recipient.  Borrowed strings. */
struct bounce_rcpt {
	const char	*message_id;	/* the bounce's own Message-ID */
	time_t		 date;		/* the bounce's Date, or -1 */
	const char	*recipient;	/* NULL when none was found */
	const char	*action;	/* DSN Action, or NULL */
	const char	*kind;		/* hard, soft, undetermined, none */
	const char	*reason;	/* taxonomy name; NULL for kind none */
	const char	*status;	/* "5.1.1", or NULL */
	int		 smtp_code;	/* 550, or 0 */
	const char	*remote_mta;
	const char	*diagnostic;	/* one line, white space collapsed */
	const char	*matched;	/* "soft.txt:12", "status:5.1.1", NULL */
	const char	*original_message_id;
	const char	*mta;		/* the bounce's writer, or NULL */
	time_t		 ts;		/* Last-Attempt-Date, else date, -1 */
};

/* Called once per record; a non-zero return stops and is returned. */
typedef int	(*bounce_emit)(void *arg, const struct bounce_rcpt *);

/*
 * Load the reasons table data_dir/reasons.tsv and the phrase lists of
 * phrase_dir: soft.txt and hard.txt (their tags checked against the
 * table), bounce-subject.txt, bounce-vacation.txt, bounce-cut.txt and
 * bounce-noaddr.txt, bounce-notrcpt.txt, bounce-notice.txt.  Returns NULL
 * and fills e ("data/reasons.tsv:12", "hard.txt:40", with what is wrong)
 * on an unreadable or bad file.
 */
struct bounce	*bounce_new(const char *phrase_dir, const char *data_dir,
		    struct derr *e);
/*
 * bounce_new() with the directories found as the tools find them
 * (find_data_dir() of core/util.h): phrases from phrase_opt (--phrases),
 * else phrase_env ($DELIV_PHRASES), else the installed or the source
 * tree's phrases/; the data directory from data_env ($DELIV_DATA), else
 * the installed or the tree's data/.  NULL and e filled on failure.
 */
struct bounce	*bounce_open(const char *phrase_opt, const char *phrase_env,
		    const char *data_env, struct derr *e);
void		 bounce_free(struct bounce *);

/*
 * Classify one message (mime may be NULL: then error says why, and one
 * kind "none" record is emitted).  Emits at least one record.  Returns 0,
 * the emitter's non-zero value, or -1 on a match error (e filled).
 */
int	bounce_classify(struct bounce *, GMimeMessage *mime,
	    const char *error, bounce_emit emit, void *arg, struct derr *e);

/*
 * Classify a diagnostic text alone, as for one recipient: fills reason,
 * kind, status, smtp_code and matched of r (pointers into b or text).
 * status and smtp_code may be preset from DSN fields.  Returns 0 or -1.
 */
int	bounce_reason(struct bounce *, const char *text, struct bounce_rcpt *r,
	    struct derr *e);

/*
 * The kind of a reason given the codes, by the reasons table: "hard",
 * "soft", "undetermined"; "none" for no reason; "soft" for a reason the
 * table lacks.
 */
const char	*bounce_kind(const struct bounce *, const char *reason,
		    const char *status, int smtp_code);

#endif
