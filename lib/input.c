/*
 * Messages from stdin, files, Maildirs and folders, one at a time.  See
 * input.h.  mbox or single message is decided from the first bytes.  The
 * mbox is split here, at a "From " line that starts the file or follows
 * an empty line (RFC 4155), and each message's bytes are parsed by GMime
 * on their own: GMime 3.2's own mbox parser stops for good at the first
 * message whose headers it cannot parse, which would lose the rest of
 * the mailbox.  CR-only input has its CRs turned into LFs as it is read.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "input.h"
#include "util.h"

#define PEEK_SIZE	4096

#define READ_SIZE	65536

/* A buffered reader of one file descriptor, line by line. */
struct reader {
	int		 fd;
	bool		 own;		/* close fd at the end */
	bool		 cronly;	/* lines end in CR: turn them into LF */
	bool		 eof;
	long long	 nread;		/* bytes read from fd */
	char		*buf;
	size_t		 pos, len;
};

struct input {
	char *const		*ops;
	int			 nops;
	int			 next_op;	/* next operand to open */
	int			 nerr;
	GMimeParserOptions	*popts;

	/* The current source: one file or stdin. */
	struct reader		 rd;
	bool			 open;
	char			*source;
	long			 msgno;
	off_t			 offset;	/* bytes consumed so far */
	bool			 mbox;
	struct sbuf		 line;		/* a line read ahead */
	bool			 have_line;

	/* The current directory listing, if an operand was a folder. */
	char			**list;
	size_t			 nlist;
	size_t			 next_list;

	struct msg		 cur;
	GMimeMessage		*held;
	GByteArray		*raw;
	char			*envelope;
	char			 errbuf[256];
	long long		 bytes_done;	/* over all sources */
	long long		 bytes_total;	/* -2: not yet known */
};

struct input *
input_open(int argc, char *const argv[], const struct input_opts *o)
{
	static char *const stdin_ops[] = { "-", NULL };
	struct input *in;

	(void)o;
	if ((in = calloc(1, sizeof(*in))) == NULL)
		return NULL;
	if ((in->rd.buf = malloc(READ_SIZE)) == NULL) {
		free(in);
		return NULL;
	}
	g_mime_init();
	in->bytes_total = -2;
	if (argc == 0) {
		in->ops = stdin_ops;
		in->nops = 1;
	} else {
		in->ops = argv;
		in->nops = argc;
	}
	in->popts = g_mime_parser_options_new();
	g_mime_parser_options_set_rfc2047_compliance_mode(in->popts,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(in->popts,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(in->popts,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	return in;
}

static void
release_msg(struct input *in)
{
	if (in->held != NULL) {
		g_object_unref(in->held);
		in->held = NULL;
	}
	if (in->raw != NULL) {
		g_byte_array_unref(in->raw);
		in->raw = NULL;
	}
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
	if (in->open && in->rd.own)
		close(in->rd.fd);
	in->open = false;
	in->have_line = false;
	free(in->source);
	in->source = NULL;
}

/* Fill the reader's buffer.  0 on data, 1 at the end, -1 on error. */
static int
rd_fill(struct reader *rd)
{
	ssize_t n;

	if (rd->pos < rd->len)
		return 0;
	if (rd->eof)
		return 1;
	for (;;) {
		n = read(rd->fd, rd->buf, READ_SIZE);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		break;
	}
	rd->pos = 0;
	rd->len = (size_t)n;
	rd->nread += n;
	if (n == 0) {
		rd->eof = true;
		return 1;
	}
	return 0;
}

/*
 * Read one line, with its end (LF; a CR in CR-only mode, written as LF),
 * into b (replacing its contents).  1 on a line, 0 at the end, -1 on a
 * read error or when out of memory.
 */
static int
rd_line(struct reader *rd, struct sbuf *b)
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
		p = memchr(rd->buf + rd->pos, term, rd->len - rd->pos);
		n = p ? (size_t)(p - (rd->buf + rd->pos)) + 1 :
		    rd->len - rd->pos;
		if (sbuf_add(b, rd->buf + rd->pos, n) == -1)
			return -1;
		rd->pos += n;
		if (p != NULL) {
			if (rd->cronly) {
				b->s[b->len - 1] = '\n';
				/* A CRLF in CR-only input: drop the LF. */
				if (rd_fill(rd) == 0 && rd->buf[rd->pos] == '\n')
					rd->pos++;
			}
			return 1;
		}
	}
}

static void
free_list(struct input *in)
{
	size_t i;

	for (i = 0; i < in->nlist; i++)
		free(in->list[i]);
	free(in->list);
	in->list = NULL;
	in->nlist = in->next_list = 0;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append the regular files of dir (sorted, no dot files) to the list. */
static int
list_dir(struct input *in, const char *dir, struct derr *e)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	char **v, *p;
	size_t first = in->nlist;

	if ((d = opendir(dir)) == NULL) {
		derr_set(e, dir, "%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&p, "%s/%s", dir, de->d_name) == -1)
			goto oom;
		if (stat(p, &st) == -1 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		v = reallocarray(in->list, in->nlist + 1, sizeof(*v));
		if (v == NULL) {
			free(p);
			goto oom;
		}
		in->list = v;
		in->list[in->nlist++] = p;
	}
	closedir(d);
	qsort(in->list + first, in->nlist - first, sizeof(*in->list),
	    cmpstr);
	return 0;
oom:
	closedir(d);
	derr_set(e, dir, "out of memory");
	return -1;
}

/* An operand that is a directory: a Maildir (cur/, new/) or a folder. */
static int
open_dir(struct input *in, const char *path, struct derr *e)
{
	const char *parts[] = { "cur", "new" };
	char sub[4096];
	struct stat st;
	bool maildir = false;
	size_t i;

	free_list(in);
	for (i = 0; i < nitems(parts); i++) {
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
		    parts[i]) >= sizeof(sub))
			continue;
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			maildir = true;
			if (list_dir(in, sub, e) == -1)
				return -1;
		}
	}
	if (!maildir && list_dir(in, path, e) == -1)
		return -1;
	return 0;
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
	rd->eof = false;
	rd->pos = rd->len = 0;
	in->open = true;
	in->have_line = false;
	in->msgno = 0;
	in->offset = 0;
	if ((r = rd_fill(rd)) == -1) {
		derr_set(e, path, "%s", strerror(errno));
		close_source(in);
		return -1;
	}
	if (r == 1)
		return 0;
	n = rd->len;
	rd->cronly = memchr(rd->buf, '\r', n) != NULL &&
	    memchr(rd->buf, '\n', n) == NULL;
	in->mbox = n >= 5 && memcmp(rd->buf, "From ", 5) == 0;
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
 * Read the next message of the open source into a new byte array.  In an
 * mbox it runs to the next From_ line after an empty line.  Returns 1
 * with *out set, 0 at the end of the source, -1 on a read error.
 */
static int
read_message(struct input *in, GByteArray **out, struct derr *e)
{
	GByteArray *a;
	bool empty_before = false;
	int r;

	*out = NULL;
	if (!in->have_line) {
		r = rd_line(&in->rd, &in->line);
		if (r == -1)
			goto fail;
		if (r == 0)
			return 0;
		in->have_line = true;
	}
	a = g_byte_array_new();
	in->cur.offset = in->offset;
	if (in->mbox && is_from_line(&in->line)) {
		const char *p = in->line.s + 5;

		in->envelope = strndup(p, strcspn(p, " \t\r\n"));
		in->offset += (off_t)in->line.len;
	} else
		g_byte_array_append(a, (guint8 *)in->line.s, in->line.len);
	in->have_line = false;
	for (;;) {
		r = rd_line(&in->rd, &in->line);
		if (r == -1) {
			g_byte_array_unref(a);
			goto fail;
		}
		if (r == 0)
			break;
		if (in->mbox && empty_before && is_from_line(&in->line)) {
			in->have_line = true;
			break;
		}
		in->offset += (off_t)in->line.len;
		empty_before = is_empty_line(&in->line);
		g_byte_array_append(a, (guint8 *)in->line.s, in->line.len);
	}
	/* An mbox message's last empty line separates; it is not body. */
	if (in->mbox && empty_before && a->len > 0 &&
	    a->data[a->len - 1] == '\n') {
		g_byte_array_set_size(a, a->len - 1);
		if (a->len > 0 && a->data[a->len - 1] == '\r')
			g_byte_array_set_size(a, a->len - 1);
	}
	*out = a;
	return 1;
fail:
	derr_set(e, in->source, "%s", strerror(errno));
	return -1;
}

/* Parse the bytes of one message with GMime; NULL if it cannot. */
static GMimeMessage *
parse_message(struct input *in, GByteArray *a)
{
	GMimeStream *s;
	GMimeParser *p;
	GMimeMessage *msg;

	s = g_mime_stream_mem_new_with_byte_array(a);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(s), FALSE);
	p = g_mime_parser_new_with_stream(s);
	g_object_unref(s);
	g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
	g_mime_parser_set_persist_stream(p, FALSE);
	msg = g_mime_parser_construct_message(p, in->popts);
	g_object_unref(p);
	return msg;
}

int
input_next(struct input *in, struct msg **m, struct derr *e)
{
	const char *path;
	GByteArray *a;
	struct stat st;
	int r;

	release_msg(in);
	for (;;) {
		if (in->open) {
			r = read_message(in, &a, e);
			if (r == -1) {
				in->nerr++;
				close_source(in);
				return -1;
			}
			if (r == 1) {
				in->raw = a;
				in->cur.source = in->source;
				in->cur.msgno = ++in->msgno;
				in->cur.envelope = in->envelope;
				in->held = parse_message(in, a);
				in->cur.mime = in->held;
				if (in->held == NULL)
					in->cur.error = "cannot parse message";
				*m = &in->cur;
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
	*len = 0;
	if (in->raw == NULL)
		return NULL;
	*len = in->raw->len;
	return (const char *)in->raw->data;
}

/* Total size of a path: a file's size, a folder's files; -1 unknown. */
static long long
path_size(const char *path)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char sub[4096];
	long long sum = 0, n;

	if (strcmp(path, "-") == 0) {
		if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
			return (long long)st.st_size;
		return -1;
	}
	if (stat(path, &st) == -1)
		return 0;
	if (S_ISREG(st.st_mode))
		return (long long)st.st_size;
	if (!S_ISDIR(st.st_mode) || (d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
		    de->d_name) >= sizeof(sub))
			continue;
		if ((n = path_size(sub)) < 0) {
			sum = -1;
			break;
		}
		sum += n;
	}
	closedir(d);
	return sum;
}

void
input_position(struct input *in, long long *done, long long *total)
{
	int i;
	long long n;

	if (in->bytes_total == -2) {
		in->bytes_total = 0;
		for (i = 0; i < in->nops; i++) {
			if ((n = path_size(in->ops[i])) < 0) {
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
	close_source(in);
	free_list(in);
	sbuf_free(&in->line);
	if (in->popts != NULL)
		g_mime_parser_options_free(in->popts);
	g_mime_shutdown();
	free(in->rd.buf);
	free(in);
}
