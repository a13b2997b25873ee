/*
 * gzip, xz and bzip2 input through zlib, liblzma and libbz2.  See
 * core/zread.h.  The compressed bytes go through one buffer of IN_SIZE;
 * a member's end followed by more bytes starts the next member, as
 * gzip -d, xz -d and bzip2 -d read concatenated files.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>

#include "core/zread.h"

#define IN_SIZE	65536

struct zread {
	enum zread_kind	 kind;
	int		 fd;
	unsigned char	*in;		/* compressed bytes in[pos..len) */
	size_t		 pos, len;
	bool		 in_eof;	/* fd at its end */
	bool		 done;		/* the data ended */
	bool		 member_end;	/* a member ended; more may follow */
	long long	 consumed;
	z_stream	 z;
	lzma_stream	 x;
	bz_stream	 b;
};

enum zread_kind
zread_magic(const void *v, size_t n)
{
	const unsigned char *p = v;

	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return ZREAD_GZIP;
	if (n >= 6 && memcmp(p, "\xfd" "7zXZ\0", 6) == 0)
		return ZREAD_XZ;
	if (n >= 4 && memcmp(p, "BZh", 3) == 0 && p[3] >= '1' && p[3] <= '9')
		return ZREAD_BZIP2;
	return ZREAD_NONE;
}

const char *
zread_name(enum zread_kind k)
{
	switch (k) {
	case ZREAD_GZIP:
		return "gzip";
	case ZREAD_XZ:
		return "xz";
	case ZREAD_BZIP2:
		return "bzip2";
	default:
		return "";
	}
}

/* (Re)start the decoder for a member.  0, or -1 when out of memory. */
static int
start(struct zread *z, bool again)
{
	lzma_stream xinit = LZMA_STREAM_INIT;

	switch (z->kind) {
	case ZREAD_GZIP:
		if (again)
			return inflateReset(&z->z) == Z_OK ? 0 : -1;
		/* 15 + 16: a gzip header and trailer */
		return inflateInit2(&z->z, 15 + 16) == Z_OK ? 0 : -1;
	case ZREAD_XZ:
		z->x = xinit;
		/* the concatenated streams are liblzma's job */
		return lzma_stream_decoder(&z->x, UINT64_MAX,
		    LZMA_CONCATENATED) == LZMA_OK ? 0 : -1;
	case ZREAD_BZIP2:
		if (again)
			BZ2_bzDecompressEnd(&z->b);
		memset(&z->b, 0, sizeof(z->b));
		return BZ2_bzDecompressInit(&z->b, 0, 0) == BZ_OK ? 0 : -1;
	default:
		return -1;
	}
}

struct zread *
zread_new(enum zread_kind k, int fd, const void *pre, size_t n)
{
	struct zread *z;

	if ((z = calloc(1, sizeof(*z))) == NULL)
		return NULL;
	z->kind = k;
	z->fd = fd;
	if ((z->in = malloc(n > IN_SIZE ? n : IN_SIZE)) == NULL ||
	    start(z, false) == -1) {
		free(z->in);
		free(z);
		return NULL;
	}
	memcpy(z->in, pre, n);
	z->len = n;
	z->consumed = (long long)n;
	return z;
}

/* Refill the compressed buffer when it is empty.  0, or -1 (errno). */
static int
fill(struct zread *z)
{
	ssize_t r;

	if (z->pos < z->len || z->in_eof)
		return 0;
	do
		r = read(z->fd, z->in, IN_SIZE);
	while (r == -1 && errno == EINTR);
	if (r == -1)
		return -1;
	z->pos = 0;
	z->len = (size_t)r;
	z->consumed += r;
	if (r == 0)
		z->in_eof = true;
	return 0;
}

/*
 * One decoder step into dst[0..n): *out bytes made.  1 when the member
 * ended, 0 to go on, -1 on bad data.
 */
static int
step(struct zread *z, unsigned char *dst, size_t n, size_t *out)
{
	size_t avail = z->len - z->pos;
	int r;

	switch (z->kind) {
	case ZREAD_GZIP:
		z->z.next_in = z->in + z->pos;
		z->z.avail_in = (uInt)avail;
		z->z.next_out = dst;
		z->z.avail_out = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
		r = inflate(&z->z, Z_NO_FLUSH);
		*out = (size_t)(z->z.next_out - dst);
		z->pos = z->len - z->z.avail_in;
		if (r == Z_STREAM_END)
			return 1;
		if (r == Z_BUF_ERROR && *out == 0 && avail > 0)
			return -1;
		return r == Z_OK || r == Z_BUF_ERROR ? 0 : -1;
	case ZREAD_XZ:
		z->x.next_in = z->in + z->pos;
		z->x.avail_in = avail;
		z->x.next_out = dst;
		z->x.avail_out = n;
		r = lzma_code(&z->x, z->in_eof ? LZMA_FINISH : LZMA_RUN);
		*out = (size_t)(z->x.next_out - dst);
		z->pos = z->len - z->x.avail_in;
		if (r == LZMA_STREAM_END)
			return 1;
		return r == LZMA_OK || (r == LZMA_BUF_ERROR && !z->in_eof) ?
		    0 : -1;
	case ZREAD_BZIP2:
		z->b.next_in = (char *)z->in + z->pos;
		z->b.avail_in = (unsigned)avail;
		z->b.next_out = (char *)dst;
		z->b.avail_out = (unsigned)(n > UINT32_MAX ? UINT32_MAX : n);
		r = BZ2_bzDecompress(&z->b);
		*out = (size_t)((unsigned char *)z->b.next_out - dst);
		z->pos = z->len - z->b.avail_in;
		if (r == BZ_STREAM_END)
			return 1;
		return r == BZ_OK ? 0 : -1;
	default:
		return -1;
	}
}

ssize_t
zread_read(struct zread *z, void *dst, size_t n, const char **why)
{
	size_t got = 0, k;
	int r;

	*why = NULL;
	if (n > SSIZE_MAX)
		n = SSIZE_MAX;
	while (got == 0 && !z->done && n > 0) {
		if (fill(z) == -1)
			return -1;
		if (z->member_end) {
			/* the data ends, or the next member starts */
			if (z->pos == z->len && z->in_eof) {
				z->done = true;
				break;
			}
			if (z->pos == z->len)
				continue;
			if (start(z, true) == -1) {
				errno = ENOMEM;
				return -1;
			}
			z->member_end = false;
		}
		r = step(z, (unsigned char *)dst + got, n - got, &k);
		got += k;
		if (r == 1) {
			if (z->kind == ZREAD_XZ)
				z->done = true;
			else
				z->member_end = true;
			continue;
		}
		if (r == -1 || (k == 0 && z->pos == z->len && z->in_eof)) {
			*why = r == 0 || (z->kind == ZREAD_XZ && z->in_eof &&
			    z->pos == z->len) ?
			    "unexpected end of compressed data" :
			    "bad compressed data";
			errno = EILSEQ;
			return -1;
		}
	}
	return (ssize_t)got;
}

long long
zread_consumed(const struct zread *z)
{
	return z->consumed;
}

void
zread_free(struct zread *z)
{
	if (z == NULL)
		return;
	switch (z->kind) {
	case ZREAD_GZIP:
		inflateEnd(&z->z);
		break;
	case ZREAD_XZ:
		lzma_end(&z->x);
		break;
	case ZREAD_BZIP2:
		BZ2_bzDecompressEnd(&z->b);
		break;
	default:
		break;
	}
	free(z->in);
	free(z);
}
