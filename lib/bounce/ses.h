/*
 * Amazon SES notifications (bounce/ses.c): the JSON of a Bounce,
 * Complaint or Delivery event in the body.
 */
#ifndef BOUNCE_SES_H
#define BOUNCE_SES_H

#include "bounce/bounce_priv.h"

/* The records of an SES notification: the emitter's value, -1, or 1
 * when the text is none. */
int	bnc_ses(struct ctx *);

#endif
