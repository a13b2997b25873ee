/*
 * -j N: worker processes fed messages by the parent, their records
 * written back in input order.  See core/workers.h.
 *
 * The feed is a stream of frames on a pipe: a kind byte, the payload's
 * length (8 bytes, host order: both ends are the same program), the
 * payload.  'M' a message (msgno, offset, its length, then source,
 * envelope and error as a presence byte and NUL-terminated text, then
 * its bytes); 'R' a message whose bytes stand verbatim in the file its
 * source names (msgno, offset, its length, where in the file, source,
 * envelope, error): the worker reads them itself, so that a file's
 * bytes do not go through the parent and a pipe (the parent only finds
 * where each message starts); 'E' an operand the parent could not read
 * (where, what); 'B' the end of a batch, after which the worker writes a
 * NUL to its stdout.  Each batch goes to the worker with the fewest
 * batches not done (the first such), and the parent keeps which worker
 * has which batch: batch k's records are the next ones of its worker.
 * So a worker that runs slower (a busier core, costlier messages) gets
 * fewer batches than round robin would give it.  The parent queues a
 * few batches for every worker and reads every worker's records as they
 * come, keeping them until their turn, so that no worker waits for
 * another; no batch is made more than WINDOW batches past the one whose
 * records come next, which bounds what the parent keeps.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/util.h"
#include "core/workers.h"

#define MAX_JOBS	256
/* 128 messages a batch wrote a tenth less system time than 32 did, with
 * the same user time (bench/bounce-classify.sh, -j 2) */
#define BATCH_BYTES	(1024 * 1024)	/* a batch ends past this size */
#define BATCH_MSGS	128		/* or with this many messages */
#define QUEUE_BATCHES	4		/* a worker's batches not done */
#define WINDOW(n)	((n) * QUEUE_BATCHES * 2) /* batches made, not written */
#define READ_CHUNK	65536
#define READ_AHEAD	(1024 * 1024)	/* a worker reads a file so much */
#define OUT_BUFFER	(256 * 1024)	/* stdout's buffer with -j N */

struct worker {
	pid_t		 pid;
	int		 in;		/* the parent writes the feed, or -1 */
	int		 out;		/* the parent reads records, or -1 */
	struct sbuf	 q;		/* its batches not yet sent */
	size_t		 qpos;		/* sent of q */
	struct sbuf	 pend;		/* records read before their turn */
	long long	 given;		/* batches queued for it */
	long long	 ended;		/* NULs read: batches it finished */
	bool		 eof;		/* its records have all been read */
};

struct disp {
	struct worker	*w;
	int		 n;
	struct input	*in;
	struct sbuf	 batch;		/* the batch being made */
	int		*owner;		/* batch k's worker: owner[k % WINDOW] */
	long long	 nb;		/* batches made */
	long long	 rb;		/* the batch whose records come next */
	bool		 input_done;
};

bool
workers_option(int ch, const char *arg, struct input_opts *io)
{
	unsigned long long v, mul = 1;
	struct derr e;
	double d;
	char *end;

	if (ch == 'j') {
		if (cli_num("--jobs", arg, 0, MAX_JOBS, true, &d, &e) == -1)
			snprintf(io->bad_option, sizeof(io->bad_option),
			    "%.20s: %.130s", e.where, e.what);
		else
			io->jobs = d == 0 ? -1 : (int)d;
		return true;
	}
	if (ch != WORKERS_OPT_MAX_SIZE)
		return false;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*end == 'k' || *end == 'K')
		mul = 1ULL << 10;
	else if (*end == 'M')
		mul = 1ULL << 20;
	else if (*end == 'G')
		mul = 1ULL << 30;
	if (mul > 1)
		end++;
	if (errno != 0 || end == arg || *end != '\0' || *arg == '-' ||
	    v == 0 || v > (1ULL << 40) / mul)
		snprintf(io->bad_option, sizeof(io->bad_option),
		    "--max-size: not a size from 1 to 1024G (a number with "
		    "k, M or G): %.40s", arg);
	else
		io->max_size = (size_t)(v * mul);
	return true;
}

/* ---- the frames ---- */

static int
put(struct sbuf *b, const void *p, size_t n)
{
	return sbuf_add(b, p, n);
}

static int
put_str(struct sbuf *b, const char *s)
{
	if (s == NULL)
		return sbuf_addc(b, 0);
	if (sbuf_addc(b, 1) == -1)
		return -1;
	return sbuf_add(b, s, strlen(s) + 1);
}

/* Start a frame of kind k; its length is set by frame_end(). */
static size_t
frame_start(struct sbuf *b, char k)
{
	uint64_t len = 0;
	size_t at = b->len;

	sbuf_addc(b, k);
	put(b, &len, sizeof(len));
	return at;
}

static int
frame_end(struct sbuf *b, size_t at)
{
	uint64_t len;

	if (b->len < at + 9)
		return -1;
	len = b->len - at - 9;
	memcpy(b->s + at + 1, &len, sizeof(len));
	return 0;
}

static int
frame_msg(struct sbuf *b, const struct msg *m, const char *raw, size_t len)
{
	int64_t no = m->msgno, off = (int64_t)m->offset;
	uint64_t n = len;
	size_t at = frame_start(b, 'M');

	if (put(b, &no, 8) == -1 || put(b, &off, 8) == -1 ||
	    put(b, &n, 8) == -1 || put_str(b, m->source) == -1 ||
	    put_str(b, m->envelope) == -1 || put_str(b, m->error) == -1 ||
	    (len > 0 && put(b, raw, len) == -1))
		return -1;
	return frame_end(b, at);
}

static int
frame_ref(struct sbuf *b, const struct msg *m, size_t len, off_t at)
{
	int64_t no = m->msgno, off = (int64_t)m->offset, fo = (int64_t)at;
	uint64_t n = len;
	size_t fs = frame_start(b, 'R');

	if (put(b, &no, 8) == -1 || put(b, &off, 8) == -1 ||
	    put(b, &n, 8) == -1 || put(b, &fo, 8) == -1 ||
	    put_str(b, m->source) == -1 || put_str(b, m->envelope) == -1 ||
	    put_str(b, m->error) == -1)
		return -1;
	return frame_end(b, fs);
}

static int
frame_err(struct sbuf *b, const struct derr *e)
{
	size_t at = frame_start(b, 'E');

	if (put_str(b, e->where) == -1 || put_str(b, e->what) == -1)
		return -1;
	return frame_end(b, at);
}

/* ---- the worker's side ---- */

struct feed {
	int		 fd;
	GByteArray	*buf;
	size_t		 pos;		/* the next frame */
	bool		 dead;
	char		 where[256], what[256];
	GByteArray	*msg;		/* read of the file: msg[0..len) */
	off_t		 msg_at;	/* is the file's bytes from here */
	int		 file;		/* the file it is read from, or -1 */
	char		*path;		/* its name */
};

struct feed *
feed_open(int fd)
{
	struct feed *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->fd = fd;
	f->file = -1;
	f->buf = g_byte_array_sized_new(READ_CHUNK);
	f->msg = g_byte_array_new();
	return f;
}

/*
 * An 'R' frame's message: len bytes at off of the file path, at
 * f->msg[*at..*at + len).  A batch's messages follow one another in the
 * file, so the file is read READ_AHEAD bytes at a time (or the message,
 * if longer), and the next messages are found in what was read: one
 * read a window, not one a message.  0, or -1 with e filled (the file
 * went or shrank since the parent read it).
 */
static int
read_ref(struct feed *f, const char *path, off_t off, size_t len,
    size_t *at, struct derr *e)
{
	size_t got = 0, want;
	ssize_t r;

	if (f->path == NULL || strcmp(f->path, path) != 0) {
		if (f->file != -1)
			close(f->file);
		free(f->path);
		f->path = strdup(path);
		if (f->path == NULL || (f->file = open(path, O_RDONLY)) == -1) {
			derr_set(e, path, "%s", f->path == NULL ?
			    "out of memory" : strerror(errno));
			free(f->path);
			f->path = NULL;
			return -1;
		}
		g_byte_array_set_size(f->msg, 0);
	}
	if (len > G_MAXUINT - READ_AHEAD) {
		derr_set(e, path, "%s", strerror(EFBIG));
		return -1;
	}
	if (off >= f->msg_at && (size_t)(off - f->msg_at) <= f->msg->len &&
	    len <= f->msg->len - (size_t)(off - f->msg_at)) {
		*at = (size_t)(off - f->msg_at);
		return 0;
	}
	want = len > READ_AHEAD ? len : READ_AHEAD;
	g_byte_array_set_size(f->msg, (guint)want);
	f->msg_at = off;
	while (got < want) {
		r = pread(f->file, f->msg->data + got, want - got,
		    off + (off_t)got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1 || (r == 0 && got < len)) {
			g_byte_array_set_size(f->msg, 0);
			derr_set(e, path, "%s", r == 0 ? "the file shrank "
			    "while it was read" : strerror(errno));
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	g_byte_array_set_size(f->msg, (guint)got);
	*at = 0;
	return 0;
}

/*
 * buf[pos..) holds at least n bytes.  0, 1 at a clean end, -1.  What
 * is before pos was handed out and is done with: it goes only when more
 * must be read, not after every frame (moving the rest of a 64 KB read
 * once a message cost more than the messages' own bytes).
 */
static int
need(struct feed *f, size_t n)
{
	size_t len;
	ssize_t r;

	if (f->buf->len - f->pos < n && f->pos > 0) {
		g_byte_array_remove_range(f->buf, 0, (guint)f->pos);
		f->pos = 0;
	}
	while (f->buf->len - f->pos < n) {
		len = f->buf->len;
		if (n - (len - f->pos) > G_MAXUINT - len) {
			errno = EFBIG;
			return -1;
		}
		g_byte_array_set_size(f->buf, (guint)(len + (n - (len -
		    f->pos) > READ_CHUNK ? n - (len - f->pos) : READ_CHUNK)));
		do
			r = read(f->fd, f->buf->data + len, f->buf->len - len);
		while (r == -1 && errno == EINTR);
		g_byte_array_set_size(f->buf, (guint)(len + (r > 0 ?
		    (size_t)r : 0)));
		if (r == -1)
			return -1;
		if (r == 0) {
			if (len == f->pos)
				return 1;
			errno = EPIPE;
			return -1;
		}
	}
	return 0;
}

/* The string at *p (before end), or NULL; *p moves past it. */
static const char *
get_str(const char **p, const char *end)
{
	const char *s;

	if (*p >= end)
		return NULL;
	if (*(*p)++ == 0)
		return NULL;
	s = *p;
	*p += strnlen(s, (size_t)(end - s)) + 1;
	return s;
}

int
feed_next(struct feed *f, struct feed_msg *fm, struct derr *e)
{
	const char *p, *end, *w;
	size_t at;
	uint64_t len, rawlen;
	int64_t no, off, fileoff;
	char kind;
	int r;

	if (f->dead)
		return 0;
	for (;;) {
		if ((r = need(f, 9)) == 1)
			return 0;
		if (r == -1)
			goto broken;
		memcpy(&len, f->buf->data + f->pos + 1, 8);
		if (len > G_MAXUINT - 9 || need(f, 9 + (size_t)len) != 0)
			goto broken;
		kind = (char)f->buf->data[f->pos];
		p = (const char *)f->buf->data + f->pos + 9;
		end = p + len;
		f->pos += 9 + (size_t)len;
		if (kind == 'B') {
			/* the records of the batch are all out */
			fputc('\0', stdout);
			fflush(stdout);
			continue;
		}
		if (kind == 'E') {
			w = get_str(&p, end);
			snprintf(f->where, sizeof(f->where), "%s",
			    w != NULL ? w : "-");
			w = get_str(&p, end);
			snprintf(f->what, sizeof(f->what), "%s",
			    w != NULL ? w : "cannot read");
			derr_set(e, f->where, "%s", f->what);
			return 2;
		}
		if ((kind != 'M' && kind != 'R') || len < (kind == 'M' ?
		    24U : 32U))
			goto broken;
		memcpy(&no, p, 8);
		memcpy(&off, p + 8, 8);
		memcpy(&rawlen, p + 16, 8);
		p += 24;
		fileoff = -1;
		if (kind == 'R') {
			memcpy(&fileoff, p, 8);
			p += 8;
		}
		fm->msgno = (long)no;
		fm->offset = (off_t)off;
		fm->source = get_str(&p, end);
		fm->envelope = get_str(&p, end);
		fm->error = get_str(&p, end);
		if (fm->source == NULL)
			goto broken;
		if (kind == 'R') {
			if (fileoff < 0 || read_ref(f, fm->source,
			    (off_t)fileoff, (size_t)rawlen, &at, e) == -1)
				return 2;
			fm->buf = f->msg;
			fm->start = at;
			fm->end = at + (size_t)rawlen;
			return 1;
		}
		if (rawlen > (uint64_t)(end - p))
			goto broken;
		fm->buf = f->buf;
		fm->start = (size_t)(p - (const char *)f->buf->data);
		fm->end = fm->start + (size_t)rawlen;
		return 1;
	}
broken:
	f->dead = true;
	derr_set(e, "-j", "the feed from the parent broke");
	return -1;
}

void
feed_close(struct feed *f)
{
	if (f == NULL)
		return;
	close(f->fd);
	if (f->file != -1)
		close(f->file);
	free(f->path);
	g_byte_array_unref(f->buf);
	g_byte_array_unref(f->msg);
	free(f);
}

/* ---- the parent's side ---- */

/* Kill the workers still running and reap them all. */
static void
reap(struct disp *d, int *status)
{
	int i, st;

	*status = DELIV_EXIT_OK;
	for (i = 0; i < d->n; i++) {
		if (d->w[i].in != -1)
			close(d->w[i].in);
		if (d->w[i].out != -1)
			close(d->w[i].out);
		d->w[i].in = d->w[i].out = -1;
		sbuf_free(&d->w[i].pend);
		sbuf_free(&d->w[i].q);
		if (d->w[i].pid <= 0)
			continue;
		while (waitpid(d->w[i].pid, &st, 0) == -1 && errno == EINTR)
			;
		if (!WIFEXITED(st))
			*status = DELIV_EXIT_ERROR;
		else if (WEXITSTATUS(st) > *status)
			*status = WEXITSTATUS(st);
	}
}

static void
kill_all(struct disp *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (d->w[i].pid > 0)
			kill(d->w[i].pid, SIGTERM);
}

/* stdout broke (a reader that went away): die as one process would. */
static _Noreturn void
stdout_broken(struct disp *d)
{
	int st;

	kill_all(d);
	reap(d, &st);
	signal(SIGPIPE, SIG_DFL);
	raise(SIGPIPE);
	_exit(DELIV_EXIT_ERROR);
}

/* Write to stdout. */
static void
emit(struct disp *d, const char *p, size_t n)
{
	if (n > 0 && fwrite(p, 1, n, stdout) != n)
		stdout_broken(d);
}

/*
 * The worker the next batch goes to: the one with the fewest batches not
 * done, the first of them; -1 when every worker has QUEUE_BATCHES, or
 * the parent keeps WINDOW batches.
 */
static int
next_worker(const struct disp *d)
{
	long long least = QUEUE_BATCHES, k;
	int i, best = -1;

	if (d->nb - d->rb >= WINDOW(d->n))
		return -1;
	for (i = 0; i < d->n; i++)
		if ((k = d->w[i].given - d->w[i].ended) < least) {
			least = k;
			best = i;
		}
	return best;
}

/*
 * Make the next batch from the input and queue it for worker wi.  0, or
 * -1 when out of memory.
 */
static int
make_batch(struct disp *d, int wi)
{
	struct worker *w = &d->w[wi];
	struct sbuf *b = &d->batch;
	struct msg *m;
	struct derr e;
	const char *raw;
	size_t len, nmsg = 0, at, bytes = 0;
	off_t fo;
	int r;

	sbuf_reset(b);
	while (bytes < BATCH_BYTES && nmsg < BATCH_MSGS) {
		if ((r = input_next(d->in, &m, &e)) == 0) {
			d->input_done = true;
			break;
		}
		if (r == -1)
			r = frame_err(b, &e);
		else {
			raw = input_msg_raw(d->in, m, &len);
			r = input_msg_in_file(d->in, m, &fo) ?
			    frame_ref(b, m, len, fo) :
			    frame_msg(b, m, raw, len);
			bytes += len;
			nmsg++;
		}
		if (r == -1)
			return -1;
	}
	if (b->len == 0)
		return 0;
	at = frame_start(b, 'B');
	if (frame_end(b, at) == -1)
		return -1;
	/* what was sent of the queue goes */
	if (w->qpos > 0) {
		memmove(w->q.s, w->q.s + w->qpos, w->q.len - w->qpos);
		w->q.len -= w->qpos;
		w->qpos = 0;
	}
	if (sbuf_add(&w->q, b->s, b->len) == -1)
		return -1;
	w->given++;
	d->owner[d->nb % WINDOW(d->n)] = wi;
	d->nb++;
	return 0;
}

/* Why worker wi ended before its records did. */
static void
died(struct disp *d, int wi, struct derr *e)
{
	derr_set(e, "-j", "worker %d (pid %ld) ended early", wi + 1,
	    (long)d->w[wi].pid);
}

/*
 * Records written in turn: those kept for the worker whose turn it is,
 * up to the NUL that ends its batch, then the next worker's.  Each
 * worker's buffer is kept (growing it anew for every batch cost more
 * than the records).
 */
static void
flush_pend(struct disp *d)
{
	struct worker *t;
	const char *q;
	size_t off, k;

	while (d->rb < d->nb && (t = &d->w[d->owner[d->rb % WINDOW(d->n)]])->
	    pend.len > 0) {
		q = memchr(t->pend.s, '\0', t->pend.len);
		k = q != NULL ? (size_t)(q - t->pend.s) : t->pend.len;
		emit(d, t->pend.s, k);
		off = k;
		if (q != NULL) {
			off++;
			d->rb++;
		}
		memmove(t->pend.s, t->pend.s + off, t->pend.len - off + 1);
		t->pend.len -= off;
	}
}

/*
 * Feed the workers and write their records: every worker's batches are
 * queued (up to QUEUE_BYTES each) and its records read as they come, so
 * that no worker waits for another.  0, or -1 (e filled).
 */
static int
dispatch(struct disp *d, struct derr *e)
{
	struct pollfd *pf;
	struct worker *w;
	char buf[READ_CHUNK], *p;
	ssize_t r;
	int i, np, wi, *who, ret = -1;

	pf = calloc((size_t)d->n * 2, sizeof(*pf));
	who = calloc((size_t)d->n * 2, sizeof(*who));
	if (pf == NULL || who == NULL) {
		derr_set(e, "-j", "out of memory");
		goto out;
	}
	for (;;) {
		/* fill the queues from the input, the least busy first */
		while (!d->input_done && (wi = next_worker(d)) != -1)
			if (make_batch(d, wi) == -1) {
				derr_set(e, "-j", "out of memory");
				goto out;
			}
		np = 0;
		for (i = 0; i < d->n; i++) {
			w = &d->w[i];
			if (w->in != -1 && w->qpos == w->q.len &&
			    d->input_done) {
				close(w->in);	/* the end of its feed */
				w->in = -1;
			}
			if (w->in != -1 && w->qpos < w->q.len) {
				who[np] = i;
				pf[np++] = (struct pollfd){ w->in, POLLOUT, 0 };
			}
			if (w->out != -1 && !w->eof && d->rb < d->nb) {
				who[np] = i;
				pf[np++] = (struct pollfd){ w->out, POLLIN, 0 };
			}
		}
		if (d->rb == d->nb && d->input_done)
			break;
		if (poll(pf, (nfds_t)np, -1) == -1) {
			if (errno == EINTR)
				continue;
			derr_set(e, "-j", "poll: %s", strerror(errno));
			goto out;
		}
		for (i = 0; i < np; i++) {
			if (pf[i].revents == 0)
				continue;
			w = &d->w[who[i]];
			if (pf[i].events == POLLOUT) {
				r = write(w->in, w->q.s + w->qpos,
				    w->q.len - w->qpos);
				if (r == -1 && errno != EINTR &&
				    errno != EAGAIN) {
					died(d, who[i], e);
					goto out;
				}
				if (r > 0)
					w->qpos += (size_t)r;
				continue;
			}
			r = read(w->out, buf, sizeof(buf));
			if (r == -1 && errno != EINTR && errno != EAGAIN) {
				derr_set(e, "-j", "%s", strerror(errno));
				goto out;
			}
			if (r == 0 && w->ended < w->given) {
				died(d, who[i], e);
				goto out;
			}
			for (p = buf; r > 0 && (p = memchr(p, '\0',
			    (size_t)(buf + r - p))) != NULL; p++)
				w->ended++;
			if (r == 0)
				w->eof = true;
			/* kept, then written in turn */
			if (r > 0 && sbuf_add(&w->pend, buf, (size_t)r) == -1) {
				derr_set(e, "-j", "out of memory");
				goto out;
			}
			flush_pend(d);
		}
	}
	/* what the workers write at their end, in order */
	for (i = 0; i < d->n; i++) {
		emit(d, d->w[i].pend.s, d->w[i].pend.len);
		sbuf_reset(&d->w[i].pend);
		while ((r = read(d->w[i].out, buf, sizeof(buf))) != 0) {
			if (r == -1 && errno == EINTR)
				continue;
			if (r == -1)
				break;
			emit(d, buf, (size_t)r);
		}
	}
	ret = 0;
out:
	free(pf);
	free(who);
	return ret;
}

/*
 * stdout writes OUT_BUFFER bytes at once, not a pipe buffer's 4 KB: each
 * write to a pipe wakes its reader (a context switch each), and a
 * worker's batch of records goes in one.  glibc takes the size only
 * with a buffer, which stdout keeps to the end of the process; without
 * memory, stdout stays as it was.  Before any output on stdout.
 */
static void
big_stdout(void)
{
	char *b;

	if ((b = malloc(OUT_BUFFER)) != NULL &&
	    setvbuf(stdout, b, _IOFBF, OUT_BUFFER) != 0)
		free(b);
}

/* In worker wi, just forked: its fds, the feed, and no header. */
static void
become_worker(struct disp *d, int wi, int feed, int out,
    struct input_opts *io, struct out_opts *oo)
{
	int i;

	for (i = 0; i < wi; i++) {
		close(d->w[i].in);
		close(d->w[i].out);
	}
	if (out != STDOUT_FILENO) {
		dup2(out, STDOUT_FILENO);
		close(out);
	}
	big_stdout();
	/* 0 means no feed: keep it off the standard fds */
	if (feed < 3 && (i = fcntl(feed, F_DUPFD, 3)) != -1) {
		close(feed);
		feed = i;
	}
	io->feed_fd = feed;
	io->progress = NULL;
	io->jobs = 1;
	/* the first has the first batch: its records come first */
	if (wi > 0)
		oo->header = false;
	oo->progress = 0;
	free(d->w);
	free(d->owner);
}

int
workers_start(int argc, char *const argv[], struct input_opts *io,
    struct out_opts *oo, int *status, struct derr *e)
{
	struct input_opts po = *io;
	struct disp d;
	void (*old)(int);
	long n = io->jobs;
	int i, fin[2], fout[2], r;

	if (io->bad_option[0] != '\0') {
		/* "--jobs: why" */
		i = (int)strcspn(io->bad_option, ":");
		derr_set(e, "", "%s", io->bad_option + i + (io->bad_option[i] ?
		    2 : 0));
		snprintf(e->where, sizeof(e->where), "%.*s", i,
		    io->bad_option);
		return -1;
	}
	if (io->solo != NULL && n != 0 && n != 1) {
		derr_set(e, io->solo, "not with -j %ld: one process writes it "
		    "(use -j 1)", n == -1 ? 0 : n);
		return -1;
	}
	if (n == -1)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	/* A table or --summary needs every record in one process. */
	if (n <= 1 || oo->format == OUT_TABLE || oo->summary == 1)
		return 0;
	if (n > MAX_JOBS)
		n = MAX_JOBS;
	memset(&d, 0, sizeof(d));
	if ((d.w = calloc((size_t)n, sizeof(*d.w))) == NULL ||
	    (d.owner = calloc((size_t)WINDOW(n), sizeof(*d.owner))) == NULL) {
		free(d.w);
		derr_set(e, "-j", "out of memory");
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	for (i = 0; i < n; i++) {
		if (pipe(fin) == -1 || pipe(fout) == -1) {
			derr_set(e, "-j", "pipe: %s", strerror(errno));
			goto fail;
		}
		if ((d.w[i].pid = fork()) == -1) {
			derr_set(e, "-j", "fork: %s", strerror(errno));
			goto fail;
		}
		if (d.w[i].pid == 0) {
			close(fin[1]);
			close(fout[0]);
			become_worker(&d, i, fin[0], fout[1], io, oo);
			oo->tally_line = NULL;	/* a share of the records */
			return 0;
		}
		close(fin[0]);
		close(fout[1]);
		d.w[i].in = fin[1];
		d.w[i].out = fout[0];
		d.n = i + 1;
		fcntl(fin[1], F_SETFL, fcntl(fin[1], F_GETFL) | O_NONBLOCK);
	}
	po.raw_only = true;
	po.jobs = 1;
	if ((d.in = input_open(argc, argv, &po)) == NULL) {
		derr_set(e, "input", "out of memory");
		goto fail;
	}
	/* the records in big writes too (nothing was written yet) */
	big_stdout();
	old = signal(SIGPIPE, SIG_IGN);
	r = dispatch(&d, e);
	signal(SIGPIPE, old);
	cli_progress_end(io->progress);
	io->progress = NULL;
	input_close(d.in);
	sbuf_free(&d.batch);
	if (r == -1)
		goto fail;
	if (fflush(stdout) == EOF)
		stdout_broken(&d);
	reap(&d, status);
	free(d.w);
	free(d.owner);
	return 1;
fail:
	kill_all(&d);
	reap(&d, &r);
	free(d.w);
	free(d.owner);
	return -1;
}
