/*
 * What a plain-text notice says of its recipients beyond their words
 * (bounce/notice.c): the lines that introduce failed or delayed
 * recipients (phrases/bounce-notice.txt) and their blocks, the addresses
 * the notice ties to a failure, and the addresses a session transcript
 * shows accepted or refused.
 */
#ifndef BOUNCE_NOTICE_H
#define BOUNCE_NOTICE_H

#include "bounce/bounce_priv.h"

/*
 * The lines of the text that introduce failed or delayed recipients
 * (bounce-notice.txt), in order; at most NOTICE_MAX, found once.
 */
#define NOTICE_MAX	32

struct notices {
	size_t		 at[NOTICE_MAX];
	size_t		 bstart[NOTICE_MAX];	/* the recipients it */
	size_t		 bend[NOTICE_MAX];	/* introduces: [bstart, bend) */
	unsigned long	 line[NOTICE_MAX];	/* of bounce-notice.txt */
	bool		 delayed[NOTICE_MAX];
	size_t		 n;
	/* what bnc_notice_ties() found of the last line it read, so that
	 * many addresses on one long line cost one pass over it */
	size_t		 c_ls;		/* that line's start + 1; 0: none */
	size_t		 c_at;		/* the last address read on it */
	size_t		 c_ae;		/* the end of the address it opens
					 * with, or 0 */
	bool		 c_code;	/* it has a failure code */
	size_t		 c_le;		/* that line's end */
	bool		 c_list;	/* it lists addresses, nothing else */
	size_t		 c_ps;		/* its paragraph's start */
	bool		 c_open;	/* that paragraph opens with a word
					 * holding an '@' */
	size_t		 c_open_s;	/* the address it opens with, */
	size_t		 c_open_e;	/* [c_open_s, c_open_e); 0: none */
	bool		 c_block;	/* bnc_notice_ties() found it in */
					/* a notice line's block */
	bool		 c_by_code;	/* ... or tied it by its line's */
					/* failure code alone */
};

/* Fill nt with the notice lines of t[0..len) and their blocks. */
void	bnc_find_notices(struct ctx *, const char *t, size_t len,
	    struct notices *nt);

/*
 * What the notice line that introduces the recipient named at offset at
 * ((size_t)-1: not placed) says of r: a delay makes it soft.
 */
void	bnc_apply_notice(struct ctx *, struct bounce_rcpt *r,
	    const struct notices *nt, size_t at);

/*
 * Set c->whole to the recipient's own group when the notice has groups
 * of both kinds (else NULL).
 */
void	bnc_notice_group(struct ctx *, const char *t, size_t len,
	    const struct notices *nt, size_t at);

/*
 * Does the notice tie the address at t[s..e) to a failure: in the block
 * of a notice line, on its own line as "<addr>:", refused in the session
 * transcript (refused, which may be NULL), or on a line with a 4xx/5xx
 * reply or failure status code?
 */
bool	bnc_notice_ties(struct ctx *, const char *t, size_t len,
	    struct notices *nt, GHashTable *refused, size_t s, size_t e);

/*
 * Without notice lines: does the address at t[s..e) stand with the first
 * failed address named (at first), before pend (bnc_block_end() of that
 * one; 0: none yet) or on a later line with a failure code or the first
 * one's words before it, and not as a word of another recipient's
 * paragraph?
 */
bool	bnc_prose_ties(struct ctx *, const char *t, size_t len,
	    struct notices *nt, size_t pend, size_t first, size_t s,
	    size_t e);

/*
 * The end of the block that starts at the line holding offset at: its
 * paragraph, then each paragraph that opens with an address.
 */
size_t	bnc_block_end(struct ctx *, const char *t, size_t len, size_t at);

/*
 * Does the sentence of the address at t[s..e) tie it to a failure (a
 * reply or status code, a reason phrase, a notice line in it)?
 */
bool	bnc_sentence_fails(struct ctx *, const char *t, size_t len, size_t s,
	    size_t e);

/* Where the sentence holding offset at ends: its ".!?;", a blank line. */
size_t	bnc_sentence_end(const char *t, size_t len, size_t at);

/* The white space (spaces, tabs) that indents the line at t[ls], up to
 * len: its length. */
size_t	bnc_indent(const char *t, size_t len, size_t ls);

/* Is the address at t[s..e) alone at its line's start, as listed? */
bool	bnc_listed(const char *t, size_t len, size_t s, size_t e);

/*
 * The set of addresses a session transcript in t[0..len) shows accepted
 * (lower case), or NULL; free with g_hash_table_destroy().
 */
GHashTable	*bnc_accepted_rcpts(struct ctx *, const char *t, size_t len);

/*
 * The set of addresses a session transcript shows failed (refused, or
 * accepted before the message itself was refused), or NULL.
 */
GHashTable	*bnc_refused_rcpts(struct ctx *, const char *t, size_t len);

/* Is address a in the set of bnc_accepted_rcpts() (which may be NULL)? */
bool	bnc_was_accepted(GHashTable *, const char *a);

#endif
