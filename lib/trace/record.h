/*
 * What deliv-header-trace writes for a message: its records, whose
 * columns are in the order this module's table (not received.h) gives
 * them, with the registry and abuse contact of the hops; or the
 * complaint about its origin.  See deliv-header-trace(1).
 */
#ifndef TRACE_RECORD_H
#define TRACE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <time.h>

#include "core/input.h"
#include "core/out.h"
#include "net/dns.h"
#include "trace/abuse.h"
#include "trace/hops.h"
#include "trace/trust.h"

/* Open the record writer on fp (out_open with this module's columns). */
struct out	*trace_record_open(FILE *fp, const struct out_opts *oo);

/*
 * Write hop i of t as a record of kind record ("hop" or "origin") of
 * message msgno of source: the Received fields, date, delay, trust and
 * flags; the registry and abuse contact from ai (NULL: unknown; a
 * contact that is not one addr-spec is left out); more: flags to add
 * (comma list, or NULL).  0, or -1 on a write error.
 */
int	trace_record_hop(struct out *, const char *source, long msgno,
	    const struct trace *t, size_t i, const char *record,
	    const struct abuse_info *ai, const char *more);

/*
 * Write the origin record of a message without one: flags says why
 * ("unparseable-message", "trace-error", t->none).  0, or -1.
 */
int	trace_record_none(struct out *, const char *source, long msgno,
	    const char *flags);

#define TRACE_SEEN	8

/* How to trace and write the messages of a run. */
struct trace_writer {
	struct rcvd_parser	*parser;
	const struct trust_cfg	*cfg;
	const char *const	*xorig;		/* e.g. trace_xorig_headers */
	time_t			 clock;		/* for "date in the future" */
	struct out		*out;		/* records; NULL for complaints
					   on fp */
	int			 complaint;	/* 0, ARF_ARF, ARF_TEXT */
	FILE			*fp;		/* where complaints go (an mbox) */
	const char		*complaint_dir;	/* or one file each in here */
	const char		*to;		/* To: of every complaint (an
					   addr-spec), or NULL: the origin's
					   abuse contact */
	const char		*reporter;	/* From: of complaints */
	time_t			 now;		/* Date: of complaints */
	struct abuse		*ab;
	struct dns		*dns;		/* --lookup, or NULL */
	const struct abuse_zones *zones;
	/* Told of a failed database look-up (the record goes on), and by
	   trace_run() of every error. */
	void			(*warn)(const struct derr *);
	unsigned long		 ncomplaints;	/* complaints written */
	unsigned long		 nmessages;	/* messages traced */
	unsigned long		 norigins;	/* of them with an origin */
	struct trace		 t;		/* reused for every message */
	/* The last TRACE_SEEN answers of abuse_lookup(), by address: a
	   message's own relays, and its origin written twice, are looked
	   up once. */
	struct {
		char			 ip[64];
		struct abuse_info	 ai;
	}			 seen[TRACE_SEEN];
	unsigned		 nseen;		/* answers kept so far */
};

/* What trace_record_message() did. */
enum {
	TREC_NONE = 0,		/* wrote a message without an origin */
	TREC_ORIGIN = 1,	/* wrote a message with an origin */
	TREC_UNTRACED = -2,	/* could not trace it (e filled); wrote its
				   origin record with the flag "trace-error" */
	TREC_WRITE_ERROR = -3,	/* could not write (e filled) */
	TREC_NO_COMPLAINT = -4	/* a message with an origin, but no
				   complaint: no abuse contact that is one
				   address and no --to (e says why) */
};

/*
 * Trace message m, its headers read from raw[0..rawlen) (its bytes, as
 * core/input's input_msg_raw gives them; NULL: from m->mime), and write
 * it: a record per hop and one for its origin, or the complaint about
 * its origin.  A TREC_ value.
 */
int	trace_record_message(struct trace_writer *, const struct msg *m,
	    const char *raw, size_t rawlen, struct derr *e);

/*
 * Trace and write every message of in, telling w->warn of each operand,
 * message or output error.  The exit status: DELIV_EXIT_ERROR after an
 * unreadable operand, an untraced message, a refused complaint or a
 * write error (it stops there); else DELIV_EXIT_FOUND when a message
 * had an origin, DELIV_EXIT_OK when none had.
 */
int	trace_run(struct trace_writer *w, struct input *in);

/* Free what the writer holds (not what the caller gave it). */
void	trace_writer_free(struct trace_writer *);

#endif
