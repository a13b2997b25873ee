/*
 * Messages from stdin, files, Maildirs and folders, one at a time.  See
 * input.h.  mbox or single message is decided from the first bytes; on a
 * pipe those bytes are put back in front of the stream with a cat stream
 * (and the parser told not to persist it); CR-only input goes through a
 * small GMime filter that turns bare CRs into LFs.
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

/* A GMime filter: bare CR (and CRLF) to LF, for CR-only mail. */
typedef struct {
	GMimeFilter	 parent;
	gboolean	 saw_cr;
} DelivFilterCR;
typedef struct {
	GMimeFilterClass parent_class;
} DelivFilterCRClass;

static GType	deliv_filter_cr_get_type(void);
G_DEFINE_TYPE(DelivFilterCR, deliv_filter_cr, GMIME_TYPE_FILTER)

static void
cr_convert(GMimeFilter *f, char *in, size_t len, size_t prespace,
    char **out, size_t *outlen, size_t *outprespace)
{
	DelivFilterCR *cr = (DelivFilterCR *)f;
	size_t i;
	char *o;

	g_mime_filter_set_size(f, len + 1, FALSE);
	o = f->outbuf;
	for (i = 0; i < len; i++) {
		if (in[i] == '\r') {
			*o++ = '\n';
			cr->saw_cr = TRUE;
		} else if (in[i] == '\n' && cr->saw_cr) {
			cr->saw_cr = FALSE;
		} else {
			*o++ = in[i];
			cr->saw_cr = FALSE;
		}
	}
	*out = f->outbuf;
	*outlen = (size_t)(o - f->outbuf);
	*outprespace = prespace;
}

static GMimeFilter *
cr_copy(GMimeFilter *f)
{
	(void)f;
	return g_object_new(deliv_filter_cr_get_type(), NULL);
}

static void
cr_complete(GMimeFilter *f, char *in, size_t len, size_t prespace,
    char **out, size_t *outlen, size_t *outprespace)
{
	cr_convert(f, in, len, prespace, out, outlen, outprespace);
}

static void
cr_reset(GMimeFilter *f)
{
	((DelivFilterCR *)f)->saw_cr = FALSE;
}

static void
deliv_filter_cr_class_init(DelivFilterCRClass *k)
{
	GMimeFilterClass *fc = GMIME_FILTER_CLASS(k);

	fc->copy = cr_copy;
	fc->filter = cr_convert;
	fc->complete = cr_complete;
	fc->reset = cr_reset;
}

static void
deliv_filter_cr_init(DelivFilterCR *f)
{
	f->saw_cr = FALSE;
}

struct input {
	char *const		*ops;
	int			 nops;
	int			 next_op;	/* next operand to open */
	int			 nerr;
	GMimeParserOptions	*popts;

	/* The current source: a parser over one file or stdin. */
	GMimeParser		*parser;
	char			*source;
	long			 msgno;
	bool			 mbox;
	bool			 done_single;	/* single message handed out */

	/* The current directory listing, if an operand was a folder. */
	char			**list;
	size_t			 nlist;
	size_t			 next_list;

	struct msg		 cur;
	GMimeMessage		*held;
	char			*envelope;
	char			 errbuf[256];
	GByteArray		*raw;
	bool			 init_gmime;
};

struct input *
input_open(int argc, char *const argv[], const struct input_opts *o)
{
	static char *const stdin_ops[] = { "-", NULL };
	struct input *in;

	(void)o;
	if ((in = calloc(1, sizeof(*in))) == NULL)
		return NULL;
	g_mime_init();
	in->init_gmime = true;
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
	g_free(in->envelope);
	in->envelope = NULL;
	if (in->raw != NULL) {
		g_byte_array_unref(in->raw);
		in->raw = NULL;
	}
	memset(&in->cur, 0, sizeof(in->cur));
}

static void
close_source(struct input *in)
{
	if (in->parser != NULL) {
		g_object_unref(in->parser);
		in->parser = NULL;
	}
	free(in->source);
	in->source = NULL;
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
	char sub[4096];
	struct stat st;
	int maildir = 0;
	const char *parts[] = { "cur", "new" };
	size_t i;

	free_list(in);
	for (i = 0; i < nitems(parts); i++) {
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
		    parts[i]) >= sizeof(sub))
			continue;
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			maildir = 1;
			if (list_dir(in, sub, e) == -1)
				return -1;
		}
	}
	if (!maildir && list_dir(in, path, e) == -1)
		return -1;
	return 0;
}

/*
 * Open one file (or stdin for "-") and set up its parser.  Returns 1 when
 * a parser is ready, 0 for an empty stdin, 2 for an empty named file (an
 * error message is handed out for it), -1 on error.
 */
static int
open_file(struct input *in, const char *path, struct derr *e)
{
	GMimeStream *s = NULL, *mem, *cat, *filt;
	GMimeFilter *f;
	char peek[PEEK_SIZE];
	ssize_t n, got = 0;
	struct stat st;
	bool is_stdin = strcmp(path, "-") == 0, regular, cronly, direct;
	int fd;

	if (is_stdin)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		derr_set(e, path, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		derr_set(e, path, "%s", strerror(errno));
		goto fail;
	}
	regular = S_ISREG(st.st_mode);
	while (got < (ssize_t)sizeof(peek)) {
		n = read(fd, peek + got, sizeof(peek) - (size_t)got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			derr_set(e, path, "%s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		got += n;
	}
	free(in->source);
	if ((in->source = strdup(path)) == NULL) {
		derr_set(e, path, "out of memory");
		goto fail;
	}
	in->msgno = 0;
	in->done_single = false;
	if (got == 0) {
		if (!is_stdin)
			close(fd);
		return is_stdin ? 0 : 2;
	}
	cronly = memchr(peek, '\r', (size_t)got) != NULL &&
	    memchr(peek, '\n', (size_t)got) == NULL;
	in->mbox = got >= 5 && memcmp(peek, "From ", 5) == 0;
	direct = regular && !cronly && lseek(fd, 0, SEEK_SET) == 0;
	if (direct) {
		s = g_mime_stream_fs_new(fd);
		if (is_stdin)
			g_mime_stream_fs_set_owner(GMIME_STREAM_FS(s), FALSE);
	} else {
		mem = g_mime_stream_mem_new_with_buffer(peek, (size_t)got);
		if (regular)
			s = g_mime_stream_fs_new(fd);
		else
			s = g_mime_stream_pipe_new(fd);
		if (is_stdin && regular)
			g_mime_stream_fs_set_owner(GMIME_STREAM_FS(s), FALSE);
		else if (is_stdin)
			g_mime_stream_pipe_set_owner(GMIME_STREAM_PIPE(s),
			    FALSE);
		cat = g_mime_stream_cat_new();
		g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat), mem);
		g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat), s);
		g_object_unref(mem);
		g_object_unref(s);
		s = cat;
		if (cronly) {
			filt = g_mime_stream_filter_new(s);
			f = g_object_new(deliv_filter_cr_get_type(), NULL);
			g_mime_stream_filter_add(GMIME_STREAM_FILTER(filt), f);
			g_object_unref(f);
			g_object_unref(s);
			s = filt;
		}
	}
	in->parser = g_mime_parser_new_with_stream(s);
	g_object_unref(s);
	g_mime_parser_set_format(in->parser, in->mbox ? GMIME_FORMAT_MBOX :
	    GMIME_FORMAT_MESSAGE);
	/* Only a seekable file may stay on disk behind the parsed parts. */
	g_mime_parser_set_persist_stream(in->parser, direct);
	return 1;
fail:
	if (!is_stdin)
		close(fd);
	return -1;
}

/* Hand out the next message of the open parser; 0 when it is done. */
static int
parser_next(struct input *in, struct msg **m)
{
	GMimeMessage *msg;
	char *marker, *sp;

	if (!in->mbox && in->done_single)
		return 0;
	if (g_mime_parser_eos(in->parser))
		return 0;
	msg = g_mime_parser_construct_message(in->parser, in->popts);
	in->msgno++;
	in->cur.source = in->source;
	in->cur.msgno = in->msgno;
	in->cur.offset = (off_t)g_mime_parser_get_headers_begin(in->parser);
	if (msg == NULL) {
		/* The rest of this source cannot be parsed: say so, stop. */
		snprintf(in->errbuf, sizeof(in->errbuf),
		    "cannot parse message at offset %lld",
		    (long long)g_mime_parser_tell(in->parser));
		in->cur.error = in->errbuf;
		in->done_single = true;
		in->mbox = false;
		*m = &in->cur;
		return 1;
	}
	in->held = msg;
	in->cur.mime = msg;
	if (in->mbox) {
		marker = g_mime_parser_get_mbox_marker(in->parser);
		if (marker != NULL && strncmp(marker, "From ", 5) == 0) {
			sp = marker + 5;
			sp[strcspn(sp, " \t\r\n")] = '\0';
			in->envelope = g_strdup(sp);
			in->cur.envelope = in->envelope;
		}
		g_free(marker);
	}
	in->done_single = true;
	*m = &in->cur;
	return 1;
}

int
input_next(struct input *in, struct msg **m, struct derr *e)
{
	const char *path;
	struct stat st;
	int r;

	release_msg(in);
	for (;;) {
		if (in->parser != NULL) {
			if (parser_next(in, m) == 1)
				return 1;
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
		if (r == 2) {
			in->cur.source = in->source;
			in->cur.msgno = 1;
			in->cur.error = "empty input";
			*m = &in->cur;
			return 1;
		}
	}
}

const char *
input_msg_raw(struct input *in, struct msg *m, size_t *len)
{
	GMimeStream *s;

	*len = 0;
	if (m->mime == NULL)
		return NULL;
	if (in->raw == NULL) {
		s = g_mime_stream_mem_new();
		g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(s), FALSE);
		g_mime_object_write_to_stream(GMIME_OBJECT(m->mime), NULL, s);
		in->raw = g_mime_stream_mem_get_byte_array(
		    GMIME_STREAM_MEM(s));
		g_object_unref(s);
	}
	*len = in->raw->len;
	return (const char *)in->raw->data;
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
	if (in->popts != NULL)
		g_mime_parser_options_free(in->popts);
	if (in->init_gmime)
		g_mime_shutdown();
	free(in);
}
