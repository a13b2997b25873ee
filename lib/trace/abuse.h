/*
 * Abuse contacts, offline: the shipped registry table (data/rir.tsv)
 * says which RIR answers for an address and where its RDAP and whois
 * services are; an optional SQLite database, filled from the RIRs' bulk
 * data, gives the abuse mailbox of the longest matching network.
 */
#ifndef ABUSE_H
#define ABUSE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deliv.h"

struct abuse;

/* What is known about one address; empty strings when unknown. */
struct abuse_info {
	char	registry[32];	/* "ripencc", "arin", "private", ... */
	char	name[64];	/* "RIPE NCC" */
	char	rdap[256];	/* RDAP URL for the address, or "" */
	char	whois[64];	/* whois server, or "" */
	char	mailbox[256];	/* abuse mailbox from the database */
	char	asn[32];	/* origin AS from --lookup, "AS64496" */
};

/*
 * Load the table at tablepath (may be NULL: no registry column) and open
 * the database at dbpath (may be NULL; created when create is true).
 * Returns NULL with e filled on an unreadable table or database.
 */
struct abuse	*abuse_open(const char *tablepath, const char *dbpath,
		    bool create, struct derr *e);
void		 abuse_close(struct abuse *);

/* Fill ai for the (normalised) address ip.  0, or -1 (e filled). */
int	abuse_lookup(struct abuse *, const char *ip, struct abuse_info *ai,
	    struct derr *e);

/*
 * Import a registry bulk file into the database: an RIR delegation
 * statistics file ("registry|cc|ipv4|start|count|date|status") or an
 * RPSL database split (inetnum, inet6num, role, organisation, irt
 * objects with abuse-mailbox, abuse-c, org, mnt-irt).  *count gets the
 * number of objects stored.  0, or -1 (e filled).
 */
int	abuse_import(struct abuse *, const char *path, size_t *count,
	    struct derr *e);

/*
 * The --import-registry mode of header-trace: open (create) the database
 * at dbpath with the table at tablepath (may be NULL) and import
 * files[0..n) in order; after each, done(path, objects, arg) is called
 * when done is not NULL.  0, or -1 (e filled) at the first file that
 * cannot be read or stored.
 */
int	abuse_import_registry(const char *tablepath, const char *dbpath,
	    char *const files[], size_t n,
	    void (*done)(const char *path, size_t count, void *arg),
	    void *arg, struct derr *e);

/*
 * Opt-in DNS (--lookup): an IP-to-ASN TXT zone answering
 * "d.c.b.a.ZONE" (IPv4) or the reversed nibbles under ZONE6 with
 * "ASN | prefix | CC | registry | date", and an abuse-contact TXT zone
 * answering "DOMAIN.ZONE" with the domain's abuse addresses.  Each zone
 * may be NULL (not asked).
 */
struct dns;
struct orgdom;
struct abuse_zones {
	const char	*asn4;		/* e.g. origin.asn.cymru.com */
	const char	*asn6;		/* e.g. origin6.asn.cymru.com */
	const char	*contacts;	/* e.g. contacts.abuse.net */
	/* The rdns name's registered domain is asked under contacts
	   (orgdom_get; NULL: orgdom_guess(), no Public Suffix List). */
	const struct orgdom *orgdom;
};

/*
 * Complete ai (filled by abuse_lookup) for ip (whose recorded reverse-DNS name is rdns, may be
 * NULL) from DNS: the ASN and its registry, and the abuse mailbox of the
 * name's domain when ai has none yet.  A name that does not exist is no
 * error.  Returns 0, or -1 on a temporary DNS error (e filled, ai kept).
 */
int	abuse_lookup_dns(struct abuse *, struct dns *,
	    const struct abuse_zones *, const char *ip, const char *rdns,
	    struct abuse_info *ai, struct derr *e);

#endif
