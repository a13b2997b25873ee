/*
 * bounce/verp: the list member a bounce was sent back for, when the
 * bounce went to a VERP return path (variable envelope return path: the
 * list gives each recipient's copy its own envelope sender, which holds
 * that recipient's address).  Only the forms their writers document:
 * Mailman's "LIST-bounces+MBOX=DOMAIN@HOST" (its installation manual's
 * VERP sections); Postfix's VERP, "prefix+user=domain@origin" with its
 * default delimiters "+=" (verp_sender(3)), when the prefix is a list's
 * bounce address (LIST-bounces, LIST-bounce) or its owner (owner-LIST,
 * the alias owner convention of Sendmail and Postfix); and ezmlm's
 * distribution bounce "LIST-return-NUM-MBOX=DOMAIN@HOST" and its warning
 * and probe bounces "LIST-return-warn-COOKIE-MBOX=DOMAIN@HOST",
 * "LIST-return-probe-COOKIE-..." (ezmlm-return(1)).  Not an ESP's return
 * path ("bounces+ID-user=..."), whose part after "+" is no address.
 */
#ifndef BOUNCE_VERP_H
#define BOUNCE_VERP_H

#include <gmime/gmime.h>

/*
 * The member address a VERP return path addr holds (malloc'd), or NULL
 * when addr is no such path or what it holds is no plain address.
 */
char	*verp_decode(const char *addr);

/*
 * The member of the bounce m's own recipient (its X-Original-To,
 * Delivered-To, Envelope-To or To) when that is a VERP return path, and
 * the name of the field in *field; NULL when none is, or when two name
 * different members.  malloc'd.
 */
char	*verp_member(GMimeMessage *m, const char **field);

/*
 * Is a an address of the list itself, whose bounce address the bounce m
 * was sent to (its X-Original-To, Delivered-To, Envelope-To or To)?
 * Mailman names a list's addresses LIST@HOST (its posting address) and
 * LIST-bounces, -confirm, -join (-subscribe), -leave (-unsubscribe),
 * -owner, -request @HOST (its List Administration Manual 1.1, "A List's
 * Email Addresses", and its alias overview); Sendmail's and Postfix's
 * alias owner convention, owner-LIST; ezmlm, LIST-return-... beside
 * LIST@HOST.  So from "LIST-bounces[+...]@HOST", "LIST-bounce[+...]@HOST",
 * "owner-LIST[+...]@HOST" or "LIST-return-...@HOST": LIST@HOST,
 * LIST-*@HOST and owner-LIST@HOST.  Such an address is where the post
 * was sent (the list's To), never a member that failed.
 */
bool	verp_list_own(GMimeMessage *m, const char *a);

#endif
