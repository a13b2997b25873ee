/*
 * Messages from stdin, files, Maildirs and folders, one at a time.  See
 * input.h.  mbox or single message is decided from the first bytes.  The
 * mbox is split here, at a "From " line that starts the file or follows
 * an empty line (RFC 4155), and each message's bytes are parsed by GMime
 * on their own: GMime 3.2's own mbox parser stops for good at the first
 * message whose headers it cannot parse, which would lose the rest of
 * the mailbox.  CR-only input has its CRs turned into LFs as it is read.
 *
 * LF (and CRLF) input is read in big blocks into one buffer that is
 * reused from message to message; the split is a memchr(3) search for
 * "\nFrom " lines, and GMime parses each message in place (a memory
 * stream bounded to the message, one parser reused, part contents kept
 * as substreams of it rather than copied).  CR-only input, rare, goes
 * line by line.
 *
 * Files and stdin compressed with gzip, xz or bzip2 (told by their
 * first bytes) are read through core/zread.  A message over the size
 * cap is not kept: its bytes are passed over (in an mbox, to the next
 * From_ line; else to the end of the source, which is not read further)
 * and it is handed out with its error set and no bytes, so memory stays
 * bounded on any input.  A worker of core/workers reads its messages
 * from the parent's feed instead of files.
 *
 * raw_only hands out the bytes with no GMime parse; with raw_verify a
 * message is still given the error a GMime read would give it, GMime
 * being asked only when the bytes' shape does not vouch for them
 * (surely_parses()).
 *
 * GMime's parse is core/mimeparse's.  The glibc converters of the common
 * non-ASCII charsets are opened once, after the first WARM_AFTER
 * messages (a long run: a short one would pay for modules it never
 * needs), those of rarer ones after WARM_ALL_AFTER, and kept open while
 * the input is.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "core/cli.h"
#include "core/input.h"
#include "core/maildir.h"
#include "core/mbox.h"
#include "core/mimeparse.h"
#include "core/util.h"
#include "core/workers.h"
#include "core/zread.h"

#define READ_SIZE	65536		/* the first read, which decides */
#define BLOCK_SIZE	(256 * 1024)	/* the reads after it */
#define BIG_SIZE	(16 * BLOCK_SIZE) /* a buffer given back after use */

#define WARM_AFTER	64	/* messages before the common converters */
#define WARM_ALL_AFTER	1024	/* before the rarer ones too */

/*
 * A buffered reader of one file descriptor.  buf holds the bytes read
 * and not yet handed out from pos on; in LF input a message is handed
 * out as a range of buf, which stays untouched until the next message.
 */
struct reader {
	int		 fd;
	bool		 own;		/* close fd at the end */
	bool		 regular;	/* a regular file: pread() can read it */
	bool		 cronly;	/* lines end in CR: turn them into LF */
	bool		 eof;
	long long	 nread;		/* bytes read from fd */
	long long	 base;		/* source offset of buf->data[0] */
	GByteArray	*buf;
	bool		 big;		/* buf grew past BIG_SIZE */
	size_t		 pos;
	struct zread	*z;		/* compressed input, or NULL */
	const char	*zwhy;		/* what is wrong with its data */
};

struct input {
	char *const		*ops;
	int			 nops;
	int			 next_op;	/* next operand to open */
	int			 nerr;

	/* The current source: one file or stdin. */
	struct reader		 rd;
	bool			 open;
	char			*source;
	long			 msgno;
	off_t			 offset;	/* bytes consumed so far */
	bool			 mbox;
	struct sbuf		 line;		/* CR-only: a line read ahead */
	bool			 have_line;
	GByteArray		*crmsg;		/* CR-only: the message */

	/* The current directory listing, if an operand was a folder. */
	char			**list;
	size_t			 nlist;
	size_t			 next_list;

	struct msg		 cur;
	bool			 skipped;	/* cur is over the size cap */
	GMimeMessage		*held;
	struct mimeparse	*mp;		/* NULL when raw_only (but
						   raw_verify) */
	const char		*raw;		/* the message's bytes */
	size_t			 rawlen;
	char			*envelope;
	char			 errbuf[256];
	long long		 bytes_done;	/* over all sources */
	long long		 bytes_total;	/* -2: not yet known */
	struct cli_progress	*progress;	/* or NULL */
	bool			 raw_only;	/* no GMime parse */
	bool			 raw_verify;	/* but a doubtful message's */
	bool			 refused;	/* GMime refused cur */
	size_t			 max_size;	/* the size cap of a message */
	struct feed		*feed;		/* a worker's feed, or NULL */
	long long		 handed;	/* messages handed out */
};

struct input *
input_open(int argc, char *const argv[], const struct input_opts *o)
{
	static char *const stdin_ops[] = { "-", NULL };
	struct input *in;

	if ((in = calloc(1, sizeof(*in))) == NULL)
		return NULL;
	in->progress = o != NULL ? o->progress : NULL;
	in->raw_only = o != NULL && o->raw_only;
	in->raw_verify = in->raw_only && o->raw_verify;
	in->max_size = o != NULL && o->max_size > 0 ? o->max_size :
	    INPUT_MAX_SIZE;
	if (o != NULL && o->feed_fd > 0 &&
	    (in->feed = feed_open(o->feed_fd)) == NULL) {
		free(in);
		return NULL;
	}
	g_mime_init();
	/* raw_verify parses a doubtful message too */
	if ((!in->raw_only || in->raw_verify) && (in->mp = mimeparse_new(o !=
	    NULL && o->lean_headers && !in->raw_only)) == NULL) {
		feed_close(in->feed);
		g_mime_shutdown();
		free(in);
		return NULL;
	}
	in->rd.buf = g_byte_array_sized_new(READ_SIZE);
	in->crmsg = g_byte_array_new();
	in->bytes_total = -2;
	if (argc == 0) {
		in->ops = stdin_ops;
		in->nops = 1;
	} else {
		in->ops = argv;
		in->nops = argc;
	}
	return in;
}

static void
release_msg(struct input *in)
{
	if (in->held != NULL) {
		g_object_unref(in->held);
		in->held = NULL;
	}
	in->raw = NULL;
	in->rawlen = 0;
	in->skipped = false;
	in->refused = false;
	free(in->envelope);
	in->envelope = NULL;
	memset(&in->cur, 0, sizeof(in->cur));
}

static void
close_source(struct input *in)
{
	if (in->open)
		in->bytes_done += in->rd.nread;
	in->rd.nread = 0;
	zread_free(in->rd.z);
	in->rd.z = NULL;
	if (in->open && in->rd.own)
		close(in->rd.fd);
	in->open = false;
	in->have_line = false;
	free(in->source);
	in->source = NULL;
}

/*
 * Append up to n bytes from the file to buf.  0 on data, 1 at the end,
 * -1 on a read error.
 */
static int
rd_read(struct reader *rd, size_t n)
{
	size_t len = rd->buf->len;
	ssize_t r;

	if (rd->eof)
		return 1;
	/* a byte array holds at most G_MAXUINT bytes */
	if (n > G_MAXUINT - len) {
		errno = EFBIG;
		return -1;
	}
	g_byte_array_set_size(rd->buf, (guint)(len + n));
	for (;;) {
		if (rd->z != NULL)
			r = zread_read(rd->z, rd->buf->data + len, n,
			    &rd->zwhy);
		else
			r = read(rd->fd, rd->buf->data + len, n);
		if (r == -1 && errno == EINTR)
			continue;
		break;
	}
	g_byte_array_set_size(rd->buf, (guint)(len + (r > 0 ? (size_t)r : 0)));
	if (rd->buf->len > BIG_SIZE)
		rd->big = true;
	if (r == -1)
		return -1;
	if (rd->z != NULL)
		rd->nread = zread_consumed(rd->z);
	else
		rd->nread += r;
	if (r == 0) {
		rd->eof = true;
		return 1;
	}
	return 0;
}

/*
 * Read more after what buf holds, dropping the bytes before keep: the
 * rest moves to the front, and *shift is how far the caller's offsets
 * into buf move back.  0 on data, 1 at the end, -1 on a read error.
 */
static int
rd_more(struct reader *rd, size_t keep, size_t *shift)
{
	GByteArray *b = rd->buf;

	*shift = keep;
	if (keep > 0) {
		memmove(b->data, b->data + keep, b->len - keep);
		g_byte_array_set_size(b, (guint)(b->len - keep));
		rd->base += (long long)keep;
		rd->pos -= keep < rd->pos ? keep : rd->pos;
	}
	/* the memory of a big message goes back once it is done */
	if (rd->big && b->len <= BLOCK_SIZE) {
		rd->buf = g_byte_array_sized_new(2 * BLOCK_SIZE);
		g_byte_array_append(rd->buf, b->data, b->len);
		g_byte_array_unref(b);
		rd->big = false;
	}
	return rd_read(rd, BLOCK_SIZE);
}

/* CR-only input: refill an empty buffer.  0 on data, 1 at the end, -1. */
static int
rd_fill(struct reader *rd)
{
	if (rd->pos < rd->buf->len)
		return 0;
	rd->base += (long long)rd->buf->len;
	g_byte_array_set_size(rd->buf, 0);
	rd->pos = 0;
	return rd_read(rd, READ_SIZE);
}

/*
 * Read one line, with its end (LF; a CR in CR-only mode, written as LF),
 * into b (replacing its contents).  1 on a line, 0 at the end, -1 on a
 * read error or when out of memory.
 */
static int
rd_line(struct reader *rd, struct sbuf *b, size_t max)
{
	char term = rd->cronly ? '\r' : '\n', *p;
	size_t n;
	int r;

	sbuf_reset(b);
	for (;;) {
		if ((r = rd_fill(rd)) == -1)
			return -1;
		if (r == 1)
			return b->len > 0;
		p = memchr(rd->buf->data + rd->pos, term,
		    rd->buf->len - rd->pos);
		n = p ? (size_t)(p - ((char *)rd->buf->data + rd->pos)) + 1 :
		    rd->buf->len - rd->pos;
		/* past the cap, the line's bytes are not kept */
		if (b->len + n <= max && sbuf_add(b, (char *)rd->buf->data +
		    rd->pos, n) == -1)
			return -1;
		if (b->len == 0 && p != NULL && b->len + n > max)
			sbuf_addc(b, '\n');
		rd->pos += n;
		if (p != NULL) {
			if (rd->cronly) {
				b->s[b->len - 1] = '\n';
				/* A CRLF in CR-only input: drop the LF. */
				if (rd_fill(rd) == 0 &&
				    rd->buf->data[rd->pos] == '\n')
					rd->pos++;
			}
			return 1;
		}
	}
}

static void
free_list(struct input *in)
{
	strv_free(in->list, in->nlist);
	in->list = NULL;
	in->nlist = in->next_list = 0;
}

/* An operand that is a directory: a Maildir (cur/, new/) or a folder. */
static int
open_dir(struct input *in, const char *path, struct derr *e)
{
	free_list(in);
	return maildir_list(path, &in->list, &in->nlist, e);
}

/* Why the last read failed. */
static const char *
rd_why(const struct reader *rd)
{
	return rd->zwhy != NULL ? rd->zwhy : strerror(errno);
}

/*
 * The first read of a source: 0 data, 1 nothing at all, -1 a read error
 * (e filled, the source closed).
 */
static int
first_read(struct input *in, const char *path, struct derr *e)
{
	int r;

	if ((r = rd_read(&in->rd, READ_SIZE)) == -1) {
		derr_set(e, path, "%s", rd_why(&in->rd));
		close_source(in);
	}
	return r;
}

/*
 * Open one file (or stdin for "-") and look at its first bytes.  Returns
 * 1 when it has data, 0 when it is empty, -1 on error.
 */
static int
open_file(struct input *in, const char *path, struct derr *e)
{
	struct reader *rd = &in->rd;
	bool is_stdin = strcmp(path, "-") == 0;
	enum zread_kind k;
	struct stat st;
	size_t n;
	int fd, r;

	if (is_stdin)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		derr_set(e, path, "%s", strerror(errno));
		return -1;
	}
	free(in->source);
	if ((in->source = strdup(path)) == NULL) {
		if (!is_stdin)
			close(fd);
		derr_set(e, path, "out of memory");
		return -1;
	}
	rd->fd = fd;
	rd->own = !is_stdin;
	rd->regular = !is_stdin && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	rd->eof = false;
	rd->zwhy = NULL;
	rd->pos = 0;
	rd->base = 0;
	g_byte_array_set_size(rd->buf, 0);
	in->open = true;
	in->have_line = false;
	in->msgno = 0;
	in->offset = 0;
	if ((r = first_read(in, path, e)) != 0)
		return r == 1 ? 0 : -1;
	if ((k = zread_magic(rd->buf->data, rd->buf->len)) != ZREAD_NONE) {
		/* what was read is the start of the compressed data */
		if ((rd->z = zread_new(k, fd, rd->buf->data, rd->buf->len)) ==
		    NULL) {
			derr_set(e, path, "out of memory");
			close_source(in);
			return -1;
		}
		g_byte_array_set_size(rd->buf, 0);
		if ((r = first_read(in, path, e)) != 0)
			return r == 1 ? 0 : -1;
	}
	n = rd->buf->len;
	rd->cronly = memchr(rd->buf->data, '\r', n) != NULL &&
	    memchr(rd->buf->data, '\n', n) == NULL;
	in->mbox = n >= 5 && memcmp(rd->buf->data, "From ", 5) == 0;
	return 1;
}

static bool
is_from_line(const struct sbuf *b)
{
	return b->len >= 5 && memcmp(b->s, "From ", 5) == 0;
}

static bool
is_empty_line(const struct sbuf *b)
{
	return (b->len == 1 && b->s[0] == '\n') ||
	    (b->len == 2 && b->s[0] == '\r' && b->s[1] == '\n');
}

/*
 * A message over the cap in a source that is one message: the rest is
 * not read (it may not end: /dev/zero).
 */
static void
stop_source(struct reader *rd)
{
	g_byte_array_set_size(rd->buf, 0);
	rd->pos = 0;
	rd->eof = true;
}

/*
 * CR-only input: read the next message line by line into in->crmsg.  In
 * an mbox it runs to the next From_ line after an empty line.  Returns 1
 * with the message in in->crmsg, 0 at the end of the source, -1 on a
 * read error.
 */
static int
read_message_lines(struct input *in, struct derr *e)
{
	GByteArray *a = in->crmsg;
	bool empty_before = false;
	int r;

	if (!in->have_line) {
		r = rd_line(&in->rd, &in->line, in->max_size);
		if (r == -1)
			goto fail;
		if (r == 0)
			return 0;
		in->have_line = true;
	}
	if (a->len > BIG_SIZE) {
		/* the memory of a big message goes back */
		g_byte_array_unref(a);
		a = in->crmsg = g_byte_array_new();
	}
	g_byte_array_set_size(a, 0);
	in->cur.offset = in->offset;
	if (in->mbox && is_from_line(&in->line)) {
		in->envelope = mbox_envelope(in->line.s, in->line.len);
		in->offset += (off_t)in->line.len;
	} else
		g_byte_array_append(a, (guint8 *)in->line.s, in->line.len);
	in->have_line = false;
	for (;;) {
		r = rd_line(&in->rd, &in->line, in->max_size);
		if (r == -1)
			goto fail;
		if (r == 0)
			break;
		if (in->mbox && is_from_line(&in->line) && (empty_before ||
		    mbox_dated_from_line(in->line.s, in->line.len))) {
			in->have_line = true;
			break;
		}
		in->offset += (off_t)in->line.len;
		empty_before = is_empty_line(&in->line);
		if (!in->skipped && a->len + in->line.len > in->max_size) {
			in->skipped = true;
			g_byte_array_set_size(a, 0);
			if (!in->mbox) {
				stop_source(&in->rd);
				break;
			}
		}
		if (!in->skipped)
			g_byte_array_append(a, (guint8 *)in->line.s,
			    in->line.len);
	}
	/* An mbox message's last empty line separates; it is not body. */
	if (in->mbox && empty_before && a->len > 0 &&
	    a->data[a->len - 1] == '\n') {
		g_byte_array_set_size(a, a->len - 1);
		if (a->len > 0 && a->data[a->len - 1] == '\r')
			g_byte_array_set_size(a, a->len - 1);
	}
	return 1;
fail:
	derr_set(e, in->source, "%s", rd_why(&in->rd));
	return -1;
}

/*
 * LF input: find the next message in the reader's buffer, reading more
 * as needed.  In an mbox it runs from its From_ line to the next From_
 * line after an empty line (which, being the separator, is not part of
 * it); else to the end.  Returns 1 with the message at
 * buf[*start..*end), 0 at the end of the source, -1 on a read error.
 */
static int
read_message_block(struct input *in, size_t *start, size_t *end,
    struct derr *e)
{
	struct reader *rd = &in->rd;
	const unsigned char *d, *q, *nl;
	size_t body, scan, shift, keep;
	bool from, partial;
	int r;

	/* the first line: the From_ line of an mbox message */
	in->cur.offset = (off_t)(rd->base + (long long)rd->pos);
	for (scan = rd->pos;;) {
		d = rd->buf->data;
		q = scan < rd->buf->len ? memchr(d + scan, '\n',
		    rd->buf->len - scan) : NULL;
		if (q != NULL || rd->eof)
			break;
		scan = rd->buf->len;
		keep = rd->pos;
		if (rd->buf->len - rd->pos > in->max_size) {
			/* a line longer than the cap: keep none of it */
			in->skipped = true;
			if (!in->mbox)
				goto stop;
			keep = rd->buf->len;
		}
		if (rd_more(rd, keep, &shift) == -1)
			goto fail;
		scan -= shift;
	}
	if (rd->pos >= rd->buf->len && !in->skipped)
		return 0;
	from = !in->skipped && in->mbox && rd->buf->len - rd->pos >= 5 &&
	    memcmp(d + rd->pos, "From ", 5) == 0;
	if (from) {
		body = q != NULL ? (size_t)(q - d) + 1 : rd->buf->len;
		in->envelope = mbox_envelope((const char *)d + rd->pos,
		    body - rd->pos);
	} else if (in->skipped)
		body = q != NULL ? (size_t)(q - d) + 1 : rd->buf->len;
	else
		body = rd->pos;

	/* on to the next From_ line after an empty line, or with a date */
	scan = body;
	for (;;) {
		d = rd->buf->data;
		q = NULL;
		partial = false;
		while (in->mbox &&
		    (q = mbox_find_from(d, scan, rd->buf->len)) != NULL) {
			if ((size_t)(q - d) >= body &&
			    mbox_empty_line_at(d, body, (size_t)(q - d)))
				break;
			nl = memchr(q + 1, '\n', rd->buf->len -
			    (size_t)(q + 1 - d));
			if (nl == NULL && !rd->eof) {
				/* the whole line first */
				scan = (size_t)(q - d);
				q = NULL;
				partial = true;
				break;
			}
			if ((size_t)(q - d) >= body && mbox_dated_from_line(
			    (const char *)q + 1, (size_t)((nl != NULL ? nl :
			    d + rd->buf->len) - (q + 1))))
				break;
			scan = (size_t)(q - d) + 1;
			q = NULL;
		}
		if (q != NULL || rd->eof)
			break;
		/* look again at the last bytes, where a match may start */
		if (!partial && rd->buf->len - scan > 5)
			scan = rd->buf->len - 5;
		if (!in->skipped && rd->buf->len - rd->pos > in->max_size) {
			in->skipped = true;
			if (!in->mbox)
				goto stop;
		}
		/* over the cap, only the bytes a From_ line needs are kept */
		keep = !in->skipped ? rd->pos : scan > 2 ? scan - 2 : 0;
		if ((r = rd_more(rd, keep, &shift)) == -1)
			goto fail;
		body -= shift < body ? shift : body;
		scan -= shift;
	}
	if (in->skipped) {
		*start = *end = q != NULL ? (size_t)(q - d) + 1 :
		    rd->buf->len;
		rd->pos = *end;
		return 1;
	}
	*start = body;
	*end = q != NULL ? (size_t)(q - d) + 1 : rd->buf->len;
	rd->pos = *end;
	/* An mbox message's last empty line separates; it is not body. */
	if (in->mbox && *end > body && d[*end - 1] == '\n' &&
	    mbox_empty_line_at(d, body, *end - 1)) {
		(*end)--;
		if (*end > body && d[*end - 1] == '\r')
			(*end)--;
	}
	/* over the cap though read whole */
	if (*end - *start > in->max_size) {
		in->skipped = true;
		*start = *end;
	}
	return 1;
stop:
	stop_source(rd);
	*start = *end = 0;
	return 1;
fail:
	derr_set(e, in->source, "%s", rd_why(&in->rd));
	return -1;
}

/*
 * Whether GMime surely parses the message s[0..len) (raw_verify): it
 * ends in a line end and starts with an empty line or a field name of
 * printable ASCII and its colon.  GMime 3.2 refuses a message whose
 * first line is no field (nor a From_ line it passes over) and one whose
 * last, unended line is a field name with no colon; a message this does
 * not vouch for is given to GMime.
 */
static bool
surely_parses(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || s[len - 1] != '\n')
		return false;
	if (s[0] == '\n' || (s[0] == '\r' && len > 1 && s[1] == '\n'))
		return true;
	for (i = 0; i < len && s[i] > ' ' && s[i] < 0x7f && s[i] != ':'; i++)
		;
	return i > 0 && i < len && s[i] == ':';
}

/*
 * raw_verify: is a[start..end) one that GMime refuses?  Parsed only
 * when surely_parses() cannot tell.
 */
static bool
refused(struct input *in, GByteArray *a, size_t start, size_t end)
{
	GMimeMessage *msg;

	if (end > start &&
	    surely_parses((const char *)a->data + start, end - start))
		return false;
	if ((msg = mimeparse_message(in->mp, a, start, end)) == NULL)
		return true;
	g_object_unref(msg);
	return false;
}

/*
 * The next message of the open source, parsed.  1 with in->cur filled,
 * 0 at the end of the source, -1 on a read error.
 */
static int
next_message(struct input *in, struct derr *e)
{
	GByteArray *a;
	size_t start, end;
	int r;

	if (in->rd.cronly) {
		if ((r = read_message_lines(in, e)) != 1)
			return r;
		a = in->crmsg;
		start = 0;
		end = a->len;
	} else {
		if ((r = read_message_block(in, &start, &end, e)) != 1)
			return r;
		a = in->rd.buf;
	}
	if (in->skipped) {
		snprintf(in->errbuf, sizeof(in->errbuf), "message larger "
		    "than %zu bytes (--max-size): skipped", in->max_size);
		return 1;
	}
	in->raw = a->data != NULL ? (const char *)a->data + start : NULL;
	in->rawlen = end - start;
	if (!in->raw_only)
		in->held = mimeparse_message(in->mp, a, start, end);
	else if (in->raw_verify)
		in->refused = refused(in, a, start, end);
	return 1;
}

/* A worker: the next message of the feed.  As input_next(). */
static int
next_fed(struct input *in, struct msg **m, struct derr *e)
{
	struct feed_msg fm;
	int r;

	if ((r = feed_next(in->feed, &fm, e)) <= 0 || r == 2) {
		if (r != 0)
			in->nerr++;
		return r == 0 ? 0 : -1;
	}
	in->cur.source = fm.source;
	in->cur.msgno = fm.msgno;
	in->cur.offset = fm.offset;
	in->cur.envelope = fm.envelope;
	in->cur.error = fm.error;
	in->raw = (const char *)fm.buf->data + fm.start;
	in->rawlen = fm.end - fm.start;
	if (fm.error == NULL && ((!in->raw_only && (in->held =
	    mimeparse_message(in->mp, fm.buf, fm.start, fm.end)) == NULL) ||
	    (in->raw_verify && refused(in, fm.buf, fm.start, fm.end))))
		in->cur.error = "cannot parse message";
	in->cur.mime = in->held;
	*m = &in->cur;
	in->handed++;
	return 1;
}

int
input_next(struct input *in, struct msg **m, struct derr *e)
{
	const char *path;
	struct stat st;
	long long done, total;
	int r;

	release_msg(in);
	if ((in->handed == WARM_AFTER || in->handed == WARM_ALL_AFTER) &&
	    !in->raw_only)
		mimeparse_warm(in->mp, in->handed == WARM_ALL_AFTER);
	if (in->feed != NULL)
		return next_fed(in, m, e);
	if (in->progress != NULL && in->handed > 0) {
		input_position(in, &done, &total);
		cli_progress_tick(in->progress, in->handed, done, total);
	}
	for (;;) {
		if (in->open) {
			r = next_message(in, e);
			if (r == -1) {
				in->nerr++;
				close_source(in);
				return -1;
			}
			if (r == 1) {
				in->cur.source = in->source;
				in->cur.msgno = ++in->msgno;
				in->cur.envelope = in->envelope;
				in->cur.mime = in->held;
				if (in->skipped)
					in->cur.error = in->errbuf;
				else if (in->refused ||
				    (in->held == NULL && !in->raw_only))
					in->cur.error = "cannot parse message";
				*m = &in->cur;
				in->handed++;
				return 1;
			}
			close_source(in);
		}
		if (in->next_list < in->nlist)
			path = in->list[in->next_list++];
		else {
			free_list(in);
			if (in->next_op >= in->nops)
				return 0;
			path = in->ops[in->next_op++];
			if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
			    S_ISDIR(st.st_mode)) {
				if (open_dir(in, path, e) == -1) {
					in->nerr++;
					return -1;
				}
				continue;
			}
		}
		r = open_file(in, path, e);
		if (r == -1) {
			in->nerr++;
			return -1;
		}
		if (r == 0 && strcmp(path, "-") != 0) {
			/* An empty named file is still accounted for. */
			in->cur.source = in->source;
			in->cur.msgno = 1;
			in->cur.error = "empty input";
			if (in->rd.own)
				close(in->rd.fd);
			in->open = false;
			*m = &in->cur;
			in->handed++;
			return 1;
		}
		if (r == 0)
			close_source(in);
	}
}

const char *
input_msg_raw(struct input *in, struct msg *m, size_t *len)
{
	(void)m;
	*len = in->rawlen;
	return in->raw;
}

bool
input_msg_in_file(struct input *in, struct msg *m, off_t *off)
{
	const struct reader *rd = &in->rd;

	if (in->feed != NULL || !in->mbox || !rd->regular || rd->cronly ||
	    rd->z != NULL || in->skipped || m->error != NULL ||
	    in->raw == NULL || rd->buf->data == NULL ||
	    in->raw < (const char *)rd->buf->data ||
	    in->raw + in->rawlen > (const char *)rd->buf->data + rd->buf->len)
		return false;
	*off = (off_t)(rd->base + (in->raw - (const char *)rd->buf->data));
	return true;
}

void
input_position(struct input *in, long long *done, long long *total)
{
	int i;
	long long n;

	if (in->bytes_total == -2) {
		in->bytes_total = 0;
		for (i = 0; i < in->nops; i++) {
			if ((n = maildir_size(in->ops[i])) < 0) {
				in->bytes_total = -1;
				break;
			}
			in->bytes_total += n;
		}
	}
	*done = in->bytes_done + in->rd.nread;
	*total = in->bytes_total;
}

int
input_errors(const struct input *in)
{
	return in->nerr;
}

void
input_close(struct input *in)
{
	if (in == NULL)
		return;
	release_msg(in);
	feed_close(in->feed);
	close_source(in);
	free_list(in);
	sbuf_free(&in->line);
	g_byte_array_unref(in->rd.buf);
	g_byte_array_unref(in->crmsg);
	mimeparse_free(in->mp);
	g_mime_shutdown();
	free(in);
}
