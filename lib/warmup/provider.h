/*
 * Mailbox providers (gmail, microsoft, yahoo, apple, ...) recognised from
 * a recipient's domain or an MX host name, by the table in
 * data/providers.tsv.  Anything the table does not name is "other".
 */
#ifndef PROVIDER_H
#define PROVIDER_H

#include "core/deliv.h"

struct prov_table;

/*
 * Read the table from path.  Returns a table the caller frees with
 * prov_free(), or NULL with e filled (unreadable file, bad line).
 */
struct prov_table	*prov_load(const char *path, struct derr *e);
void			 prov_free(struct prov_table *);

/*
 * The provider of a recipient domain ("Gmail.COM" -> "gmail"), of an MX
 * or remote MTA host name ("alt1.gmail-smtp-in.l.google.com."), or of an
 * address ("<user@hotmail.co.uk>"): a name borrowed from the table, or
 * "other".  NULL or empty input gives "other".
 */
const char	*prov_of_domain(const struct prov_table *, const char *domain);
const char	*prov_of_mx(const struct prov_table *, const char *host);
const char	*prov_of_address(const struct prov_table *, const char *addr);

#endif
