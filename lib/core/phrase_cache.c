/*
 * The on-disk cache of compiled Vectorscan phrase databases: the key, the
 * file format, reading with every check, writing atomically.  See
 * phrase_cache.h.
 */
#ifdef DELIV_VECTORSCAN
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "core/phrase_cache.h"

#define PC_MAGIC	"deliv-hsdb 1\n\0\0\0"	/* 16 bytes with the NULs */
#define PC_MAGICLEN	16
#define PC_HEAD		(PC_MAGICLEN + PHRASE_CACHE_KEY + 16)
#define PC_MAX		(256 * 1024 * 1024)	/* no real database is near */
#define PC_NAMEMAX	64

/* The cache folder into buf: $XDG_CACHE_HOME/deliv or ~/.cache/deliv. */
static int
cache_dir(char *buf, size_t len, int make)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n;

	if (x != NULL && x[0] == '/')
		n = snprintf(buf, len, "%s", x);
	else if (home != NULL && home[0] == '/')
		n = snprintf(buf, len, "%s/.cache", home);
	else
		return -1;
	if (n < 0 || (size_t)n >= len)
		return -1;
	if (make && mkdir(buf, 0700) == -1 && errno != EEXIST)
		return -1;
	if ((size_t)n + sizeof("/deliv") > len)
		return -1;
	memcpy(buf + n, "/deliv", sizeof("/deliv"));
	if (make && mkdir(buf, 0700) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

/* The file of key for list name into buf. */
static int
cache_path(char *buf, size_t len, const struct phrase_cache_key *k,
    const char *name, int make)
{
	char safe[PC_NAMEMAX + 1];
	size_t i, n;
	int r;

	if (cache_dir(buf, len, make) == -1)
		return -1;
	for (i = 0; name[i] != '\0' && i < PC_NAMEMAX; i++) {
		char c = name[i];

		safe[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' ? c : '_';
	}
	safe[i] = '\0';
	n = strlen(buf);
	r = snprintf(buf + n, len - n, "/%s-", safe);
	if (r < 0 || (size_t)r >= len - n)
		return -1;
	n += (size_t)r;
	if (n + 2 * PHRASE_CACHE_KEY + sizeof(".hsdb") > len)
		return -1;
	for (i = 0; i < PHRASE_CACHE_KEY; i++)
		n += (size_t)snprintf(buf + n, len - n, "%02x", k->key[i]);
	memcpy(buf + n, ".hsdb", sizeof(".hsdb"));
	return 0;
}

static void
put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static int
sha256(const unsigned char *s, size_t len, unsigned char *out)
{
	unsigned int n = 0;

	return EVP_Digest(s, len, out, &n, EVP_sha256(), NULL) == 1 &&
	    n == PHRASE_CACHE_KEY ? 0 : -1;
}

int
phrase_cache_begin(struct phrase_cache_key *k, const char *name)
{
	const char *off = getenv("DELIV_NO_CACHE");
	const char *label = "deliv phrase database 1", *v = hs_version();
	hs_platform_info_t plat;
	char dir[4096];
	EVP_MD_CTX *md;

	k->md = NULL;
	if ((off != NULL && off[0] != '\0' && strcmp(off, "0") != 0) ||
	    cache_dir(dir, sizeof(dir), 0) == -1)
		return -1;
	memset(&plat, 0, sizeof(plat));
	if (hs_populate_platform(&plat) != HS_SUCCESS)
		return -1;
	if ((md = EVP_MD_CTX_new()) == NULL)
		return -1;
	if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(md, label, strlen(label) + 1) != 1 ||
	    EVP_DigestUpdate(md, name, strlen(name) + 1) != 1 ||
	    EVP_DigestUpdate(md, v, strlen(v) + 1) != 1 ||
	    EVP_DigestUpdate(md, &plat, sizeof(plat)) != 1) {
		EVP_MD_CTX_free(md);
		return -1;
	}
	k->md = md;
	return 0;
}

void
phrase_cache_add(struct phrase_cache_key *k, const char *pat,
    unsigned int flags, unsigned int id)
{
	unsigned char b[16];

	if (k->md == NULL)
		return;
	put64(b, flags);
	put64(b + 8, id);
	if (EVP_DigestUpdate(k->md, b, sizeof(b)) != 1 ||
	    EVP_DigestUpdate(k->md, pat, strlen(pat) + 1) != 1) {
		EVP_MD_CTX_free(k->md);
		k->md = NULL;
	}
}

int
phrase_cache_end(struct phrase_cache_key *k)
{
	unsigned int n = 0;
	int r;

	if (k->md == NULL)
		return -1;
	r = EVP_DigestFinal_ex(k->md, k->key, &n) == 1 &&
	    n == PHRASE_CACHE_KEY ? 0 : -1;
	EVP_MD_CTX_free(k->md);
	k->md = NULL;
	return r;
}

void
phrase_cache_done(struct phrase_cache_key *k)
{
	EVP_MD_CTX_free(k->md);
	k->md = NULL;
}

/* The whole of fd (a trusted regular file) into *buf: its length or -1. */
static ssize_t
read_all(int fd, unsigned char **buf)
{
	struct stat st;
	unsigned char *b;
	size_t got = 0;
	ssize_t r;

	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH)) ||
	    st.st_size < PC_HEAD + PHRASE_CACHE_KEY || st.st_size > PC_MAX)
		return -1;
	if ((b = malloc((size_t)st.st_size)) == NULL)
		return -1;
	while (got < (size_t)st.st_size) {
		r = read(fd, b + got, (size_t)st.st_size - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			free(b);
			return -1;
		}
		got += (size_t)r;
	}
	*buf = b;
	return (ssize_t)got;
}

/* Vectorscan's own word on a serialized database: this version, block. */
static int
db_fits(const unsigned char *db, size_t len)
{
	char *info = NULL, want[64];
	const char *v = hs_version();
	size_t vlen = strcspn(v, " ");
	size_t size = 0;
	int ok;

	if (hs_serialized_database_size((const char *)db, len, &size) !=
	    HS_SUCCESS || size == 0 ||
	    hs_serialized_database_info((const char *)db, len, &info) !=
	    HS_SUCCESS || info == NULL)
		return 0;
	snprintf(want, sizeof(want), "Version: %.*s ", (int)vlen, v);
	ok = strncmp(info, want, strlen(want)) == 0 &&
	    strstr(info, "Mode: BLOCK") != NULL;
	free(info);
	return ok;
}

hs_database_t *
phrase_cache_load(const struct phrase_cache_key *k, const char *name,
    unsigned char *state, size_t n)
{
	char path[4200];
	unsigned char *b = NULL, sum[PHRASE_CACHE_KEY];
	hs_database_t *db = NULL;
	uint64_t nst, ndb;
	ssize_t len;
	int fd;

	if (cache_path(path, sizeof(path), k, name, 0) == -1 ||
	    (fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return NULL;
	len = read_all(fd, &b);
	close(fd);
	if (len == -1)
		return NULL;
	nst = get64(b + PC_MAGICLEN + PHRASE_CACHE_KEY);
	ndb = get64(b + PC_MAGICLEN + PHRASE_CACHE_KEY + 8);
	if (memcmp(b, PC_MAGIC, PC_MAGICLEN) != 0 ||
	    CRYPTO_memcmp(b + PC_MAGICLEN, k->key, PHRASE_CACHE_KEY) != 0 ||
	    nst != n || ndb > PC_MAX ||
	    (uint64_t)len != PC_HEAD + nst + ndb + PHRASE_CACHE_KEY ||
	    sha256(b, (size_t)len - PHRASE_CACHE_KEY, sum) == -1 ||
	    CRYPTO_memcmp(sum, b + len - PHRASE_CACHE_KEY,
	    PHRASE_CACHE_KEY) != 0 ||
	    !db_fits(b + PC_HEAD + nst, (size_t)ndb) ||
	    hs_deserialize_database((const char *)b + PC_HEAD + nst,
	    (size_t)ndb, &db) != HS_SUCCESS)
		db = NULL;
	else if (n > 0)
		memcpy(state, b + PC_HEAD, n);
	free(b);
	return db;
}

static int
write_all(int fd, const unsigned char *s, size_t len)
{
	ssize_t r;

	while (len > 0) {
		r = write(fd, s, len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		s += r;
		len -= (size_t)r;
	}
	return 0;
}

int
phrase_cache_store(const struct phrase_cache_key *k, const char *name,
    const hs_database_t *db, const unsigned char *state, size_t n)
{
	char path[4200], tmp[4300], *ser = NULL;
	unsigned char *b = NULL;
	size_t nser = 0, len;
	int fd = -1, rc = -1;

	if (cache_path(path, sizeof(path), k, name, 1) == -1 ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >=
	    sizeof(tmp) ||
	    hs_serialize_database(db, &ser, &nser) != HS_SUCCESS)
		goto out;
	len = PC_HEAD + n + nser + PHRASE_CACHE_KEY;
	if (nser > PC_MAX || (b = malloc(len)) == NULL)
		goto out;
	memcpy(b, PC_MAGIC, PC_MAGICLEN);
	memcpy(b + PC_MAGICLEN, k->key, PHRASE_CACHE_KEY);
	put64(b + PC_MAGICLEN + PHRASE_CACHE_KEY, n);
	put64(b + PC_MAGICLEN + PHRASE_CACHE_KEY + 8, nser);
	if (n > 0)
		memcpy(b + PC_HEAD, state, n);
	memcpy(b + PC_HEAD + n, ser, nser);
	if (sha256(b, len - PHRASE_CACHE_KEY, b + len - PHRASE_CACHE_KEY) ==
	    -1 || (fd = mkstemp(tmp)) == -1)
		goto out;
	rc = write_all(fd, b, len);
	if (close(fd) == -1)
		rc = -1;
	fd = -1;
	if (rc == -1 || rename(tmp, path) == -1) {
		rc = -1;
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	if (fd != -1) {
		close(fd);
		unlink(tmp);
	}
	free(ser);
	free(b);
	return rc;
}
#else
/* Without Vectorscan there is nothing to cache. */
typedef int phrase_cache_unused;
#endif
