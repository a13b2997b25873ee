/*
 * format=flowed text (RFC 3676) as the lines a reader sees: a line
 * ending in a space (a soft break, 4.2) joined with the next line of
 * the same quote depth, the space-stuffing of a line (4.4) removed,
 * the trailing space itself removed too under DelSp=yes (4.2).  The
 * signature separator "-- " is no soft break (4.3).
 */
#ifndef FLOWED_H
#define FLOWED_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"

/* Append the unflowed s[0..len) to out; 0, or -1 when out of memory. */
int	flowed_lines(const char *s, size_t len, bool delsp, struct sbuf *out);

#endif
