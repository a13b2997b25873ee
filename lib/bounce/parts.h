/*
 * Taking a bounce apart (bounce/parts.c): its text parts, its
 * delivery-status and feedback-report fields, the original message's
 * Message-ID and addresses, and the cut between the bounce's own words
 * and the copy of the original.
 */
#ifndef BOUNCE_PARTS_H
#define BOUNCE_PARTS_H

#include "bounce/bounce_priv.h"

/* Fill p (zeroed by the caller) from message m. */
void	bnc_parts_read(struct bounce *, struct parts *, GMimeMessage *m);
void	bnc_parts_free(struct parts *);

/*
 * Parse the To and From of the originals that were read without a
 * message into orig_to and orig_from (parts.c leaves them raw until a
 * reader of those asks: most bounces never do).
 */
void	bnc_parts_addrs(struct parts *);
/* Is a the address of the mailing list the original went through? */
bool	bnc_list_addr(const struct parts *, const char *a);

/*
 * Does m go out as a person's message, not an automatic one?  A
 * Return-Path that is not null (a delivery notification's is, RFC 5321
 * section 4.5.5) and no Auto-Submitted other than "no" (RFC 3834
 * section 5).
 */
bool	bnc_persons_message(GMimeMessage *m);

#endif
