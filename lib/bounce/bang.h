/*
 * bounce/bang: the addresses of Plan 9 upas's "bounced mail" notice.
 * upas names each address as it routes it, in bang form HOST!USER: its
 * smtpd hands a recipient on as DOMAIN!USER, and send/main.c
 * mkerrstring() writes the notice's lines " from 'SENDER'\nto 'ADDR'\n
 * and 'ADDR'\nfailed with error 'ERR'.", an alias's member as "PARENT'
 * alias `MEMBER" (appaddr()).
 */
#ifndef BOUNCE_BANG_H
#define BOUNCE_BANG_H

#include <stddef.h>

/*
 * Rewrite in place, in the NUL-terminated text t of len bytes, each
 * one-hop bang address HOST!USER (HOST a domain with a dot) quoted on
 * the "to '...'" and "and '...'" lines over upas's "failed with error"
 * line as USER@HOST: the same length, so no other place in t moves.  A
 * path of more hops, a host with no dot, and the sender's line stay as
 * they are.
 */
void	bnc_upas_bang(char *t, size_t len);

#endif
