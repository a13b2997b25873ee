/*
 * GMime's parse of one message at a time.  See mimeparse.h.
 */
#include <iconv.h>
#include <stdlib.h>

#include <gmime/gmime.h>

#include "core/deliv.h"
#include "core/headblock.h"
#include "core/mimeparse.h"

#define LEAN_MAX	(1024 * 1024)	/* a larger message is parsed whole */

/*
 * Charsets whose converters are glibc modules, kept loaded (the ASCII
 * and UTF-8 ones are built into glibc; each of these costs a module's
 * load and unload, some 0.2 ms, for every message that uses it).
 */
static const char *const warm_charsets[] = {
	/* the common ones, kept after a few messages */
	"ISO-2022-JP", "SHIFT_JIS", "EUC-JP", "ISO-8859-1", "ISO-8859-2",
	"ISO-8859-5", "ISO-8859-7", "ISO-8859-9", "ISO-8859-15",
	"WINDOWS-1250", "WINDOWS-1251", "WINDOWS-1252", "KOI8-R", "GB2312",
	"GBK", "GB18030", "BIG5", "EUC-KR", "UTF-7", "UTF-16",
	/* the rarer ones, kept in a long run only */
	"ISO-8859-4", "ISO-8859-6", "ISO-8859-8", "ISO-8859-13",
	"WINDOWS-1253", "WINDOWS-1254", "WINDOWS-1255", "WINDOWS-1256",
	"WINDOWS-1257", "KOI8-U", "ISO-2022-KR", "TIS-620"
};
#define NCOMMON	20
#define NWARM	nitems(warm_charsets)

struct mimeparse {
	GMimeParser		*parser;	/* reused for every message */
	GMimeParserOptions	*popts;
	bool			 lean;
	GByteArray		*leanbuf;	/* what GMime parsed, if lean */
	GMimeStream		*leanst;	/* leanbuf as GMime reads it,
						   or NULL */
	GMimeMessage		*shell;		/* the lean messages' one
						   GMimeMessage, or NULL */
	iconv_t			 warm[NWARM];	/* kept open, or (iconv_t)-1 */
};

struct mimeparse *
mimeparse_new(bool lean)
{
	struct mimeparse *mp;
	size_t i;

	if ((mp = calloc(1, sizeof(*mp))) == NULL)
		return NULL;
	mp->lean = lean;
	for (i = 0; i < NWARM; i++)
		mp->warm[i] = (iconv_t)-1;
	mp->parser = g_mime_parser_new();
	mp->popts = g_mime_parser_options_new();
	g_mime_parser_options_set_rfc2047_compliance_mode(mp->popts,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(mp->popts,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(mp->popts,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	return mp;
}

/*
 * Parse a[start..end) with GMime, in place: the parts' contents stay
 * substreams of a.  NULL if it cannot.
 */
static GMimeMessage *
parse_whole(struct mimeparse *mp, GByteArray *a, size_t start, size_t end)
{
	GMimeStream *s;
	GMimeMessage *msg;

	s = g_mime_stream_mem_new_with_byte_array(a);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(s), FALSE);
	g_mime_stream_set_bounds(s, (gint64)start, (gint64)end);
	g_mime_stream_reset(s);
	g_mime_parser_init_with_stream(mp->parser, s);
	g_object_unref(s);
	g_mime_parser_set_format(mp->parser, GMIME_FORMAT_MESSAGE);
	g_mime_parser_set_persist_stream(mp->parser, TRUE);
	msg = g_mime_parser_construct_message(mp->parser, mp->popts);
	return msg;
}

/*
 * Parse mp->leanbuf, the Content- fields, the empty line and the body,
 * as GMime parses a message's body: into the MIME part of mp->shell,
 * one GMimeMessage for every lean message, which holds nothing of its
 * own (GMime would give a message of these fields no field but its
 * parts' and empty address lists: nine objects a message, made and
 * freed for nothing).  The shell is handed out with a reference of its
 * own, like a message parsed anew.  NULL if GMime cannot.
 */
static GMimeMessage *
parse_lean(struct mimeparse *mp)
{
	GMimeObject *part;

	/* one stream over leanbuf, unbounded (its end is the array's),
	 * read from the start again for each message */
	if (mp->leanst == NULL) {
		mp->leanst = g_mime_stream_mem_new_with_byte_array(mp->leanbuf);
		g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mp->leanst),
		    FALSE);
	}
	g_mime_stream_reset(mp->leanst);
	g_mime_parser_init_with_stream(mp->parser, mp->leanst);
	g_mime_parser_set_format(mp->parser, GMIME_FORMAT_MESSAGE);
	g_mime_parser_set_persist_stream(mp->parser, TRUE);
	if ((part = g_mime_parser_construct_part(mp->parser, mp->popts)) ==
	    NULL)
		return NULL;
	if (mp->shell == NULL)
		mp->shell = g_mime_message_new(FALSE);
	g_mime_message_set_mime_part(mp->shell, part);
	g_object_unref(part);
	return g_object_ref(mp->shell);
}

/*
 * Parse a[start..end) with GMime; lean: a clean header block's Content-
 * fields, its empty line and the body (copied, so up to LEAN_MAX bytes),
 * the block kept on the message (core/headblock).  NULL if GMime cannot.
 */
GMimeMessage *
mimeparse_message(struct mimeparse *mp, GByteArray *a, size_t start,
    size_t end)
{
	const char *d;
	GMimeMessage *msg;
	size_t flen;

	if (!mp->lean || a->data == NULL || end - start > LEAN_MAX ||
	    (flen = headblock_clean(d = (const char *)a->data + start,
	    end - start)) == 0)
		return parse_whole(mp, a, start, end);
	if (mp->leanbuf == NULL)
		mp->leanbuf = g_byte_array_new();
	g_byte_array_set_size(mp->leanbuf, 0);
	headblock_mime_fields(d, flen, mp->leanbuf);
	g_byte_array_append(mp->leanbuf, (const guint8 *)d + flen,
	    (guint)(end - start - flen));
	msg = parse_lean(mp);
	if (msg != NULL && headblock_attach(msg, mp->popts, d, flen) == -1) {
		g_object_unref(msg);
		msg = parse_whole(mp, a, start, end);
	}
	return msg;
}

void
mimeparse_warm(struct mimeparse *mp, bool all)
{
	size_t i;

	for (i = 0; i < (all ? NWARM : NCOMMON); i++)
		if (mp->warm[i] == (iconv_t)-1)
			mp->warm[i] = iconv_open("UTF-8", warm_charsets[i]);
}

void
mimeparse_free(struct mimeparse *mp)
{
	size_t i;

	if (mp == NULL)
		return;
	for (i = 0; i < NWARM; i++)
		if (mp->warm[i] != (iconv_t)-1)
			iconv_close(mp->warm[i]);
	g_mime_parser_options_free(mp->popts);
	g_object_unref(mp->parser);
	if (mp->shell != NULL)
		g_object_unref(mp->shell);
	if (mp->leanst != NULL)
		g_object_unref(mp->leanst);
	if (mp->leanbuf != NULL)
		g_byte_array_unref(mp->leanbuf);
	free(mp);
}
