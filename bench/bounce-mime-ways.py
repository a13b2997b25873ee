#!/usr/bin/env python3
"""bench/bounce-mime-ways.py IN_DIR OUT_DIR: the MIME-aware ways of
bench/bounce-metamorphic.sh.  Each message of IN_DIR is parsed with
Python's email package and written again (compat32, no From_ mangling)
as it is ("rt", the round trip every other way is compared with) and
rewritten, each way into OUT_DIR/WAY/ under the file's name, when the
way changes the message:

  qp       every text/plain part (not one inside a returned message)
           re-encoded quoted-printable (RFC 2045 6.7), as relays and
           Exchange write it;
  b64text  the same parts in base64 (RFC 2045 6.8);
  dsncase  the field names of message/delivery-status (and
           message/global-delivery-status) parts in lower case, and no
           space after their colons (RFC 3464 2.1: RFC 822 field
           syntax, names caseless);
  rewrap   the lines of those text/plain parts longer than 76 bytes
           wrapped at spaces to 76, each piece indented as its line
           was (a header field quoted in the text folded), as mail
           clients and gateways wrap prose (a word is never broken; a
           part holding JSON is left as it is);
  latin1   every text/plain part (as above) whose text, decoded from
           its charset, ISO-8859-1 can hold re-encoded ISO-8859-1, and
           one only windows-1252 can hold (curly quotes, a dash)
           re-encoded windows-1252, the charset parameter changed
           (RFC 2046 4.1.2; Outlook, Exchange and old Sendmail and
           Postfix set-ups label and send their text so), 8bit when
           it was 7bit or none and now holds bytes beyond ASCII;
  subj2047 the notice's own Subject as RFC 2047 encoded-words in B
           (base64) and its From's display name in Q (RFC 2047 4.1,
           4.2, 5: an encoded-word in a phrase), UTF-8, as MUAs,
           Exchange and non-English writers send them;
  wrapmixed the notice's body (a multipart/report, a plain or HTML
           text, any multipart) put whole inside a multipart/mixed,
           after a short text/plain banner part (an "external sender"
           banner or disclaimer, as gateways and Exchange transport
           rules add: RFC 2046 5.1.3 mixed parts, RFC 6522 section 1 a
           report nested in another multipart);
  rfc822hdrs a returned message/rfc822 (a part of a multipart/report)
           given as text/rfc822-headers,
           its header only, and a text/rfc822-headers given as a
           message/rfc822 with an empty body (RFC 6522 section 3 and
           RFC 3464 2: the writer may return the whole message or
           only its header);
  ctcase   the Content-Type and Content-Transfer-Encoding fields of
           every part: field names, types, subtypes, parameter names
           and encodings in upper case, parameter values quoted when
           they were bare and bare when quoting is not needed (RFC 2045
           5.1 and 6.1: all of these caseless, a value a token or a
           quoted-string);
  boundary every multipart's boundary another string, in JavaMail's
           "----=_Part_N_M.T" form (RFC 2046 5.1.1: any boundary the
           parts do not contain);
  dsnorder the fields of each delivery-status group (the per-message
           one and each per-recipient one) in the reverse order
           (RFC 3464 2.2, 2.3: the groups' fields are not in a fixed
           order; Action and Status before Final-Recipient as some
           writers put them);
  dsnfold  every delivery-status field longer than 40 bytes folded
           at its spaces with a tab (RFC 5322 2.2.3 under RFC 3464 2.1:
           RFC 822 field syntax), and a Diagnostic-Code's "type; text"
           given as "type;text" (no space: RFC 3464 2.3.6's
           diagnostic-type ";" *text, as several writers send it);
  hdrcase  the header field names of the notice itself and of its
           returned message in lower case, those of the MIME parts in
           upper case (RFC 5322 1.2.2 and RFC 2045 1: field names are
           caseless);
  trailing spaces and a tab added at the end of every line of those
           text/plain parts that holds text, and the leading spaces of
           an indented line given as one tab (padding gateways add; RFC
           5322 2.2.3 / RFC 3676 4.1: trailing white space carries no
           meaning outside format=flowed, which is left alone);
  dsnglobal a message/delivery-status given as
           message/global-delivery-status, its ASCII addresses' type
           "rfc822" as "utf-8" (RFC 6533 3, 3.1: the utf-8 address type
           may carry any address, an ASCII one as it is);
  banner   an "external sender" caution and a blank line put at the top
           of the notice's first text/plain part and of its first
           text/html part (an Exchange mail flow rule's disclaimer,
           -ApplyHtmlDisclaimerLocation Prepend: "inserted to the
           beginning of the message body");
  footer   a mailing list's footer (Mailman 3's default words) where
           Mailman's Decorate handler puts it: appended to the text of
           a plain text/plain message, a new inline text/plain part at
           the end of a multipart/mixed one, any other body wrapped in
           a multipart/mixed with the footer part after it;
  subjtag  "[External] " (an Exchange mail flow rule's PrependSubject)
           or "[News] " (a list's subject_prefix) in front of the
           Subject, the two in turn;
  relayhdrs on top of the notice's header, the fields relays on the
           way add: a Received field (RFC 5321 4.4, "for" the notice's
           recipient), an ARC set (RFC 8617), Authentication-Results
           (RFC 8601) and Exchange Online's X-MS-Exchange-Organization-*
           and X-Forefront-Antispam-Report;
  urldefense the http and https links of the notice's own text and
           HTML parts rewritten as Proofpoint URL Defense v3 or
           Microsoft Defender Safe Links write them, in turn (mailto:
           left: neither is documented to rewrite it);
  htmlonly, trunc, 8bit, flowed: what stores and relays do (the text
           given as HTML, the returned message cut at a byte limit, the
           transfer encoding 8bit or back, format=flowed), in
           bench/bounce_store_ways.py.

Only the parts named are touched; a message the package cannot parse
or write again is left out of every way, one a way cannot rewrite out
of that way.  A message the round trip
changes in what it says (its records differ) shows in the script's
"rt" line, so that a difference of a way is the way's own.
"""
import email
import email.policy
import os
import re
import sys
from email.generator import BytesGenerator
from io import BytesIO

import bounce_store_ways as store   # htmlonly, trunc, 8bit, flowed

WAYS = ("rt", "qp", "b64text", "dsncase", "rewrap", "latin1", "subj2047",
        "wrapmixed", "rfc822hdrs", "ctcase", "boundary", "dsnorder",
        "dsnfold", "hdrcase", "trailing", "dsnglobal", "banner", "footer",
        "subjtag", "relayhdrs", "urldefense", "htmlonly", "trunc", "8bit",
        "flowed")
POLICY = email.policy.compat32


def text_parts(msg):
    """The text/plain leaves of msg, not those inside a returned
    message (message/rfc822 or text/rfc822-headers) or a
    delivery-status part (which the package reads as blocks of fields,
    each a "text/plain"): own_parts() of text/plain."""
    return own_parts(msg, ("text/plain",))


def dsn_parts(msg):
    return [p for p in msg.walk()
            if p.get_content_type() in ("message/delivery-status",
                                        "message/global-delivery-status")]


def decoded(p):
    """A part's body as bytes, decoded from its transfer encoding."""
    b = p.get_payload(decode=True)
    return b if b is not None else b""


def set_body(p, raw, cte):
    """Give part p the body raw (bytes) in transfer encoding cte."""
    import base64
    import quopri
    if cte == "base64":
        enc = base64.encodebytes(raw).decode("ascii")
    else:
        enc = quopri.encodestring(raw).decode("ascii")
    del p["Content-Transfer-Encoding"]
    p["Content-Transfer-Encoding"] = cte
    p.set_payload(enc)


def keep_encoding(p, raw):
    """Give part p the body raw (bytes) in the transfer encoding it has:
    base64 and quoted-printable encoded again, else as it is."""
    cte = (p.get("Content-Transfer-Encoding") or "").lower()
    if cte in ("base64", "quoted-printable"):
        set_body(p, raw, cte)
    else:
        p.set_payload(raw.decode("ascii", "surrogateescape"))


FIELD = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:[ \t]")


def wrap_line(line, width=76):
    if len(line) <= width or b" " not in line.strip():
        return [line]
    lead = re.match(rb"[ \t]*", line).group(0)
    words = line[len(lead):].split(b" ")
    out, cur = [], lead
    # a header field quoted in the text ("Diagnostic-Code: ...", a
    # returned message's headers) is folded (RFC 5322 2.2.3), its
    # continuation lines opening with white space (the field's own
    # first line as it was)
    if not lead and FIELD.match(line):
        lead = b" "
    for w in words:
        if cur.strip() and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = lead + w
        else:
            cur = cur + b" " + w if cur.strip() else cur + w
    out.append(cur)
    return out


def rewrap(raw):
    lines = raw.split(b"\n")
    out = []
    for ln in lines:
        cr = ln.endswith(b"\r")
        body = ln[:-1] if cr else ln
        for piece in wrap_line(body):
            out.append(piece + (b"\r" if cr else b""))
    return b"\n".join(out)


def dsn_lower(p):
    payload = p.get_payload()
    if isinstance(payload, list):
        # the package may parse a delivery-status body into header
        # blocks: write them again in lower case
        for blk in payload:
            items = list(blk.items())
            for k in list(blk.keys()):
                del blk[k]
            for k, v in items:
                blk[k.lower()] = v.lstrip()
        return True
    text = payload
    new = re.sub(r"(?m)^([A-Za-z][A-Za-z0-9-]*):[ \t]*",
                 lambda m: m.group(1).lower() + ":", text)
    if new == text:
        return False
    p.set_payload(new)
    return True


def part_charset(p):
    cs = p.get_content_charset() or "us-ascii"
    return "ascii" if cs in ("us-ascii", "ascii") else cs


def latin1_part(p):
    """Re-encode part p ISO-8859-1 or windows-1252; False when it
    cannot (a charset Python lacks, text neither can hold)."""
    raw = decoded(p)
    try:
        text = raw.decode(part_charset(p))
    except (LookupError, UnicodeDecodeError):
        return False
    for cs in ("iso-8859-1", "windows-1252"):
        try:
            nb = text.encode(cs)
        except UnicodeEncodeError:
            continue
        break
    else:
        return False
    if cs == "iso-8859-1" and any(0x80 <= c < 0xa0 for c in nb):
        return False    # C1 controls: not text
    cte = (p.get("Content-Transfer-Encoding") or "").lower()
    if cte not in ("base64", "quoted-printable") and max(nb, default=0) > 0x7f:
        del p["Content-Transfer-Encoding"]
        p["Content-Transfer-Encoding"] = "8bit"
    keep_encoding(p, nb)
    p.set_param("charset", cs)
    return True


def ew_b(text):
    """text as B encoded-words of at most 75 characters, UTF-8 whole
    characters each."""
    import base64
    words, cur = [], ""
    for ch in text:
        if len((cur + ch).encode("utf-8")) > 45:
            words.append(cur)
            cur = ""
        cur += ch
    if cur:
        words.append(cur)
    enc = ["=?UTF-8?B?" + base64.b64encode(w.encode("utf-8")).decode()
           + "?=" for w in words]
    return " ".join(enc)


Q_SAFE = re.compile(r"[A-Za-z0-9!*+/-]")


def ew_q(text):
    """text as Q encoded-words fit for a phrase (RFC 2047 5 (3))."""
    words, cur = [], ""
    for ch in text:
        if ch == " ":
            e = "_"
        elif Q_SAFE.fullmatch(ch):
            e = ch
        else:
            e = "".join("=%02X" % b for b in ch.encode("utf-8"))
        if len(cur) + len(e) > 60:
            words.append(cur)
            cur = ""
        cur += e
    if cur:
        words.append(cur)
    return " ".join("=?UTF-8?Q?" + w + "?=" for w in words)


def header_text(v):
    """A field's text, its encoded-words decoded; a field in raw bytes
    beyond ASCII taken as UTF-8 (RFC 6532), None when it is not."""
    from email.header import decode_header, make_header
    v = str(v)
    if re.search("[\udc80-\udcff]", v):
        try:
            return v.encode("ascii", "surrogateescape").decode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        return str(make_header(decode_header(str(v))))
    except Exception:
        return None


def set_header_raw(msg, name, value):
    """Replace field name's value in place (its place kept)."""
    for i, (k, v) in enumerate(msg._headers):
        if k.lower() == name.lower():
            msg._headers[i] = (k, value)
            return


def raw_header(msg, name):
    for k, v in msg._headers:
        if k.lower() == name.lower():
            return v
    return None


def subj2047(msg):
    changed = False
    subj = raw_header(msg, "Subject")
    if subj is not None:
        t = header_text(subj)
        if t and t.strip():
            t = re.sub(r"\s+", " ", t.strip())
            set_header_raw(msg, "Subject", ew_b(t))
            changed = True
    frm = raw_header(msg, "From")
    if frm is not None:
        from email.utils import parseaddr
        t = header_text(frm)
        name, addr = parseaddr(t or "")
        if name.strip() and addr and "@" in addr:
            set_header_raw(msg, "From", ew_q(name.strip()) + " <" + addr + ">")
            changed = True
    return changed


BANNER = ("CAUTION: This email originated from outside of the organization.\n"
          "Do not click links or open attachments unless you recognize the\n"
          "sender and know the content is safe.\n")


def wrapmixed(msg, text=BANNER):
    """A new top: multipart/mixed holding a banner (text; none when
    None), then msg's body (its Content-* fields with it; text/plain
    when it had none)."""
    from email.message import Message
    inner = Message(policy=POLICY)
    body_fields = {"content-type", "content-transfer-encoding",
                   "content-description", "content-disposition"}
    for k, v in msg._headers:
        if k.lower() in body_fields:
            inner._headers.append((k, v))
    if not any(k.lower() == "content-type" for k, v in inner._headers):
        inner["Content-Type"] = "text/plain; charset=us-ascii"
    inner._payload = msg._payload    # as it is: not decoded
    inner.set_default_type(msg.get_default_type())
    inner.preamble, inner.epilogue = msg.preamble, msg.epilogue
    banner = Message(policy=POLICY)
    banner["Content-Type"] = 'text/plain; charset="us-ascii"'
    banner["Content-Transfer-Encoding"] = "7bit"
    banner.set_payload(text or "")
    msg._headers = [(k, v) for k, v in msg._headers
                    if k.lower() not in body_fields]
    msg["Content-Type"] = 'multipart/mixed; boundary="----=_Banner_0_1.2"'
    msg.preamble = msg.epilogue = None
    msg.set_payload([banner, inner] if text is not None else [inner])
    return msg


def report_parts(msg):
    """The parts of msg's multipart/report parts (the message itself or
    any part, not one inside a returned message): where RFC 6522 puts
    the returned message.  A message/rfc822 elsewhere (a forwarded
    bounce, an attachment) is no returned message."""
    out = []

    def walk(p):
        if not p.is_multipart() or p.get_content_type().startswith("message/"):
            return
        for s in p.get_payload():
            if p.get_content_type() == "multipart/report":
                out.append(s)
            walk(s)
    walk(msg)
    return out


def set_type(p, ctype):
    """p.set_type(), without the MIME-Version it adds to a part."""
    had = "MIME-Version" in p
    p.set_type(ctype)
    if not had:
        del p["MIME-Version"]


def rfc822hdrs(msg):
    changed = False
    for p in report_parts(msg):
        ct = p.get_content_type()
        if ct == "message/rfc822" and isinstance(p.get_payload(), list):
            whole = flat(p.get_payload(0))
            cut = re.search(rb"\r?\n\r?\n", whole)
            head = whole[:cut.start()] if cut else whole
            head = head.rstrip(b"\r\n") + b"\n"
            set_type(p, "text/rfc822-headers")
            p.set_payload(head.decode("ascii", "surrogateescape"))
            changed = True
        elif ct == "text/rfc822-headers":
            head = decoded(p).rstrip(b"\r\n")
            if not head:
                continue
            inner = email.message_from_bytes(head + b"\n\n", policy=POLICY)
            if not inner.keys():
                continue
            del p["Content-Transfer-Encoding"]
            set_type(p, "message/rfc822")
            p.set_payload([inner])
            changed = True
    return changed


TOKEN = re.compile(r"[!#$%&'*+.0-9A-Z^_`a-z{|}~-]+")


def split_params(v):
    """v's ;-separated items, quotes respected."""
    items, cur, q, esc = [], "", False, False
    for ch in v:
        if esc:
            cur += ch
            esc = False
        elif ch == "\\" and q:
            cur += ch
            esc = True
        elif ch == '"':
            cur += ch
            q = not q
        elif ch == ";" and not q:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    return [i.strip() for i in items]


def ct_case(v):
    v = re.sub(r"\r?\n[ \t]+", " ", v)
    if "(" in v:
        return None     # a comment: leave the field as it is
    items = split_params(v)
    out = [items[0].upper()]
    for it in items[1:]:
        if not it:
            continue
        m = re.fullmatch(r"([^=\s]+)\s*=\s*(.*)", it, re.S)
        if not m:
            return None
        name, val = m.group(1), m.group(2)
        if val.startswith('"') and val.endswith('"') and len(val) >= 2:
            inner = val[1:-1]
            if TOKEN.fullmatch(inner):
                val = inner
        elif TOKEN.fullmatch(val):
            val = '"' + val + '"'
        out.append(name.upper() + "=" + val)
    return "; ".join(out)


def ctcase(msg):
    changed = False
    for p in msg.walk():
        for i, (k, v) in enumerate(p._headers):
            kl = k.lower()
            if kl == "content-type":
                nv = ct_case(str(v))
            elif kl == "content-transfer-encoding":
                nv = str(v).strip().upper()
            else:
                continue
            if nv is None:
                continue
            p._headers[i] = (k.upper(), nv)
            changed = True
    return changed


def boundary(msg, raw):
    changed = False
    n = 0
    for p in msg.walk():
        if p.is_multipart() and p.get_boundary() is not None:
            n += 1
            b = "----=_Part_%d_%d.%d" % (n, 1000 + 7 * n, 1700000000 + n)
            if b.encode() in raw:
                return False
            p.set_boundary(b)
            changed = True
    return changed


def plain_dsn(p):
    """p is a delivery-status part the package parsed into its blocks:
    not one in base64 or quoted-printable, which it leaves as one
    block of text."""
    cte = (p.get("Content-Transfer-Encoding") or "7bit").strip().lower()
    return isinstance(p.get_payload(), list) and cte in (
        "7bit", "8bit", "binary")


def dsn_blocks(msg):
    """The field blocks (each a Message) of msg's delivery-status parts,
    as the package parses a message/delivery-status."""
    out = []
    for p in dsn_parts(msg):
        if plain_dsn(p):
            out.extend(p.get_payload())
    return out


def xtext_decode(a):
    return re.sub(r"\+([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), a)


ADDR_SPEC = re.compile(r"[!#-'*+/-9=?A-Z^-~.-]+@[A-Za-z0-9.-]+")


def utf8_type(v, orcpt):
    """An "rfc822;ADDR" value as "utf-8;ADDR" in RFC 6533's
    utf-8-addr-xtext form ("+", "=" and "\\" written \\x{HEX}); an
    Original-Recipient's xtext (RFC 3461 4.2) decoded first when every
    "+" opens "+2B" or "+3D".  None unless ADDR is a plain ASCII
    addr-spec (no display name, comment, quoted local part, route or
    Exchange IMCEA encapsulation: only an address, as RFC 3464 2.3.2
    gives it)."""
    m = re.match(r"\s*rfc822\s*;\s*(.*)$", v, re.I | re.S)
    if not m:
        return None
    a = m.group(1).strip()
    if orcpt and re.fullmatch(r"[^+]*(?:\+(?:2B|3D)[^+]*)*", a):
        a = xtext_decode(a)
    if not ADDR_SPEC.fullmatch(a) or a.upper().startswith("IMCEA"):
        return None
    enc = "".join(c if 0x21 <= ord(c) <= 0x7e and c not in "+=\\"
                  else "\\x{%X}" % ord(c) for c in a)
    return "utf-8;" + enc


def dsnorder(msg):
    changed = False
    for blk in dsn_blocks(msg):
        if len(blk._headers) > 1:
            blk._headers.reverse()
            changed = True
    return changed


def fold40(name, v):
    """v (one line) folded at its spaces with a tab, each line of the
    field at most 40 bytes where words allow."""
    words = v.split(" ")
    lines, cur = [], ""
    room = 40 - len(name) - 2
    for w in words:
        if cur and len(cur) + 1 + len(w) > room:
            lines.append(cur)
            cur = w
            room = 40 - 1
        else:
            cur = cur + " " + w if cur else w
    lines.append(cur)
    return "\n\t".join(lines)


def dsnfold(msg):
    changed = False
    for blk in dsn_blocks(msg):
        for i, (k, v) in enumerate(blk._headers):
            if not isinstance(v, str):
                continue
            nv = re.sub(r"\r?\n[ \t]+", " ", v).strip()
            if k.lower() == "diagnostic-code":
                nv = re.sub(r"^([A-Za-z0-9-]+)\s*;\s*", r"\1;", nv)
            if len(k) + 2 + len(nv) > 40 and " " in nv:
                nv = fold40(k, nv)
            if nv != v:
                blk._headers[i] = (k, nv)
                changed = True
    return changed


def hdrcase(msg):
    """Field names of msg and of its returned messages lower case, of
    the MIME parts upper case."""
    changed = False

    def walk(p, top):
        nonlocal changed
        new = [((k.lower() if top else k.upper()), v) for k, v in p._headers]
        if new != p._headers:
            p._headers = new
            changed = True
        if p.get_content_type() in ("message/delivery-status",
                                    "message/global-delivery-status"):
            return
        if p.is_multipart():
            inner = p.get_content_type().startswith("message/")
            for s in p.get_payload():
                walk(s, inner)
    walk(msg, True)
    return changed


def pad_lines(body):
    out = []
    for ln in body.split(b"\n"):
        cr = ln.endswith(b"\r")
        t = ln[:-1] if cr else ln
        if t.strip():
            # an indent of spaces at 8-column tab stops (unexpand): a
            # tab for each 8, the rest spaces, so that indents of
            # different depths stay different
            n = len(re.match(rb" *", t).group(0))
            t = b"\t" * (n // 8) + b" " * (n % 8) + t[n:]
            t = t + b"  \t"
        out.append(t + (b"\r" if cr else b""))
    return b"\n".join(out)


def trailing(msg):
    changed = False
    for p in text_parts(msg):
        if (p.get_param("format") or "").lower() == "flowed":
            continue
        body = decoded(p)
        nb = pad_lines(body)
        if nb == body:
            continue
        keep_encoding(p, nb)
        changed = True
    return changed


def dsnglobal(msg):
    """message/delivery-status as message/global-delivery-status, its
    blocks written out as text (the package parses only the former into
    blocks), rfc822 address types of ASCII addresses as utf-8."""
    changed = False
    for p in msg.walk():
        if p.get_content_type() != "message/delivery-status":
            continue
        if not plain_dsn(p):
            continue
        payload = p.get_payload()
        blocks = []
        for blk in payload:
            lines = []
            for k, v in blk._headers:
                v = str(v)
                if k.lower() in ("final-recipient", "original-recipient"):
                    v = utf8_type(v, k.lower() == "original-recipient") or v
                lines.append("%s: %s" % (k, v))
            blocks.append("\n".join(lines) + "\n")
        set_type(p, "message/global-delivery-status")
        p.set_payload("\n".join(blocks))
        changed = True
    return changed


def own_parts(msg, types):
    """The leaves of msg of the given content types that are the
    notice's own (not inside a returned message or a delivery-status
    part), in order."""
    out = []

    def walk(p):
        ct = p.get_content_type()
        if ct.startswith("message/") or ct == "text/rfc822-headers":
            return
        if p.is_multipart():
            for s in p.get_payload():
                walk(s)
        elif ct in types:
            out.append(p)
    walk(msg)
    return out


def part_text(p):
    """p's text decoded from its transfer encoding and charset, or
    None (a charset Python lacks, bytes the charset does not hold)."""
    try:
        return decoded(p).decode(part_charset(p))
    except (LookupError, UnicodeDecodeError):
        return None


def set_text(p, text):
    """Give part p the text, in its own charset and transfer encoding;
    False when the charset cannot hold it."""
    try:
        raw = text.encode(part_charset(p))
    except (LookupError, UnicodeEncodeError):
        return False
    keep_encoding(p, raw)
    return True


# Exchange mail flow rules' disclaimer action (New-TransportRule
# -ApplyHtmlDisclaimerText, -ApplyHtmlDisclaimerLocation Prepend: "the
# disclaimer is inserted to the beginning of the message body"), as the
# "external sender" cautions organisations add; text of our own
TOPBANNER = ("[EXTERNAL] This message came from outside your organization."
             " Be careful with links and attachments.")


def banner(msg):
    """The caution put at the top of the notice's first text/plain
    part and of its first text/html part (the two bodies Exchange
    writes the disclaimer into), a blank line after it."""
    changed = False
    for ct in ("text/plain", "text/html"):
        parts = own_parts(msg, (ct,))
        if not parts:
            continue
        p = parts[0]
        text = part_text(p)
        if text is None:
            continue
        nl = "\r\n" if "\r\n" in text else "\n"
        if ct == "text/plain":
            text = TOPBANNER + nl + nl + text
        else:
            div = ('<div style="background-color:#FFEB9C">' + TOPBANNER
                   + "</div>" + nl)
            m = re.search(r"<body[^>]*>", text, re.I)
            at = m.end() if m else 0
            text = text[:at] + div + text[at:]
        changed |= set_text(p, text)
    return changed


# Mailman's list footer (Mailman 2.1 Handlers/Decorate.py; Mailman 3
# keeps its placement): a plain text/plain message gets it appended to
# its text, a multipart/mixed one as a new inline text/plain part at its
# end, any other body is wrapped in a multipart/mixed with the footer
# part after it.  The words are Mailman 3's default footer's, for a list
# news@lists.example.org
FOOTER = ("_______________________________________________\n"
          "News mailing list -- news@lists.example.org\n"
          "To unsubscribe send an email to news-leave@lists.example.org\n")


def footer_part():
    from email.message import Message
    f = Message(policy=POLICY)
    f["Content-Type"] = 'text/plain; charset="us-ascii"'
    f["MIME-Version"] = "1.0"
    f["Content-Transfer-Encoding"] = "7bit"
    f["Content-Disposition"] = "inline"
    f.set_payload(FOOTER)
    return f


def footer(msg):
    ct = msg.get_content_type()
    if not msg.is_multipart() and ct == "text/plain":
        text = part_text(msg)
        if text is None:
            return False
        if text and not text.endswith("\n"):
            text += "\n"
        return set_text(msg, text + FOOTER)
    if ct == "multipart/mixed" and isinstance(msg.get_payload(), list):
        msg.get_payload().append(footer_part())
        return True
    if msg["MIME-Version"] is None:
        msg["MIME-Version"] = "1.0"
    wrapmixed(msg, None)
    msg.get_payload().append(footer_part())
    return True


# A tag put in front of the Subject: an Exchange mail flow rule's
# -PrependSubject ("[External]", the tag CISA's baseline checks for) and
# a list's subject_prefix (Mailman's default "[%(real_name)s] "); the
# two in turn, message by message
SUBJTAGS = ("[External] ", "[News] ")


def subjtag(msg, n):
    subj = raw_header(msg, "Subject")
    if subj is None:
        return False
    set_header_raw(msg, "Subject", SUBJTAGS[n % 2] + str(subj).lstrip())
    return True


# What the relays on the way to the sender add on top of the notice's
# header: a Received field for the hop (RFC 5321 4.4, with its "for"
# clause naming the notice's recipient), an ARC set (RFC 8617 4.1,
# 5.1), Authentication-Results (RFC 8601 2.2), and the fields Exchange
# Online stamps on a message it takes in (X-MS-Exchange-Organization-*,
# X-Forefront-Antispam-Report: Microsoft's "Anti-spam message headers")
def relayhdrs(msg):
    from email.utils import getaddresses
    to = [a for n, a in getaddresses([str(v) for v in msg.get_all("To", [])])
          if "@" in a]
    forc = " for <%s>" % to[0] if to else ""
    top = [
        ("Received", "from mx2.relay.example.net (mx2.relay.example.net"
         " [192.0.2.25])\n\tby mail.example.org (Postfix) with ESMTPS id"
         " 4XyZ1a2B3cz9sT%s;\n\tMon, 2 Dec 2024 10:00:00 +0000" % forc),
        ("ARC-Seal", "i=1; a=rsa-sha256; t=1733133600; cv=none;"
         "\n\td=relay.example.net; s=arc-2024;"
         "\n\tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ=="),
        ("ARC-Message-Signature", "i=1; a=rsa-sha256; c=relaxed/relaxed;"
         "\n\td=relay.example.net; s=arc-2024; t=1733133600;"
         "\n\th=from:to:subject:date:message-id;"
         "\n\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;"
         "\n\tb=bm90IGEgcmVhbCBzaWduYXR1cmUgZWl0aGVy"),
        ("ARC-Authentication-Results", "i=1; relay.example.net; spf=none"
         " smtp.mailfrom=; dkim=none; dmarc=none"),
        ("Authentication-Results", "mail.example.org; spf=none"
         " smtp.helo=mx2.relay.example.net; dkim=none; dmarc=none"),
        ("X-MS-Exchange-Organization-SCL", "1"),
        ("X-MS-Exchange-Organization-AuthAs", "Anonymous"),
        ("X-Forefront-Antispam-Report", "CIP:192.0.2.25;CTRY:;LANG:en;"
         "SCL:1;SRV:;IPV:NLI;SFV:NSPM;PTR:mx2.relay.example.net;CAT:NONE;"
         "SFS:;DIR:INB;"),
    ]
    msg._headers = top + msg._headers
    return True


# URLs in the notice's own text rewritten by a click-time link checker:
# Proofpoint URL Defense v3 ("https://urldefense.com/v3/__URL__;!!ID!SIG$",
# the form Proofpoint's URLDefenseDecode.py reads) and Microsoft Defender
# Safe Links ("https://REGION.safelinks.protection.outlook.com/?url=
# ENCODED&data=...&sdata=...&reserved=0"), in turn, message by message.
# Only http and https links: neither is documented to rewrite mailto:.
URL = re.compile(r"https?://[^\s<>\"'()\[\]{}|\\^`]+[^\s<>\"'()\[\]{}|\\^`.,;:!?]")


def defended(url, n, html):
    from urllib.parse import quote
    if n % 2 == 0:
        if "*" in url or "__" in url:
            return url
        return "https://urldefense.com/v3/__" + url + "__;!!Ab1Cd2E!x9y8z7w6v5$"
    amp = "&amp;" if html else "&"
    return ("https://eur01.safelinks.protection.outlook.com/?url="
            + quote(url, safe="") + amp + "data=05%7C02%7C%7Cabc123%7C0"
            + amp + "sdata=c2FmZWxpbmtz%3D" + amp + "reserved=0")


def urldefense(msg, n):
    changed = False
    for p in own_parts(msg, ("text/plain", "text/html")):
        text = part_text(p)
        if text is None:
            continue
        html = p.get_content_type() == "text/html"
        new = URL.sub(lambda m: defended(m.group(0), n, html), text)
        if new != text:
            changed |= set_text(p, new)
    return changed


def flat(msg):
    buf = BytesIO()
    BytesGenerator(buf, mangle_from_=False, policy=POLICY).flatten(msg)
    return buf.getvalue()


def HELPERS():
    """This module, for bounce_store_ways' functions (also when it is
    loaded under another name)."""
    import types
    return sys.modules.get(__name__) or types.SimpleNamespace(**globals())


def rewrite(raw, way, n=0):
    msg = email.message_from_bytes(raw, policy=POLICY)
    if way == "rt":
        return flat(msg)
    if way in ("qp", "b64text", "rewrap"):
        parts = text_parts(msg)
        if not parts:
            return None
        for p in parts:
            body = decoded(p)
            if way == "rewrap" and body.lstrip()[:1] in (b"{", b"["):
                continue    # JSON (an ESP's event), not prose
            if way == "rewrap":
                nb = rewrap(body)
                if nb == body:
                    continue
                keep_encoding(p, nb)
            else:
                set_body(p, body, "quoted-printable" if way == "qp"
                         else "base64")
        return flat(msg)
    if way == "dsncase":
        parts = dsn_parts(msg)
        changed = False
        for p in parts:
            changed |= dsn_lower(p)
        return flat(msg) if changed else None
    if way == "latin1":
        changed = False
        for p in text_parts(msg):
            changed |= latin1_part(p)
        return flat(msg) if changed else None
    if way == "subj2047":
        return flat(msg) if subj2047(msg) else None
    if way == "wrapmixed":
        return flat(msg) if wrapmixed(msg) is not None else None
    if way == "rfc822hdrs":
        return flat(msg) if rfc822hdrs(msg) else None
    if way == "ctcase":
        return flat(msg) if ctcase(msg) else None
    if way == "boundary":
        return flat(msg) if boundary(msg, raw) else None
    if way in ("subjtag", "urldefense"):
        fn = subjtag if way == "subjtag" else urldefense
        return flat(msg) if fn(msg, n) else None
    if way in store.WAYS:
        return flat(msg) if store.WAYS[way](msg, HELPERS()) else None
    fn = {"dsnorder": dsnorder, "dsnfold": dsnfold, "hdrcase": hdrcase,
          "trailing": trailing, "dsnglobal": dsnglobal, "banner": banner,
          "footer": footer, "relayhdrs": relayhdrs}.get(way)
    if fn is not None:
        return flat(msg) if fn(msg) else None
    return None


def main():
    src, dst = sys.argv[1], sys.argv[2]
    for w in WAYS:
        os.makedirs(os.path.join(dst, w), exist_ok=True)
    for n, name in enumerate(sorted(os.listdir(src))):
        with open(os.path.join(src, name), "rb") as f:
            raw = f.read()
        # one message a file: a From_ line kept as the envelope
        env = b""
        if raw.startswith(b"From "):
            nl = raw.find(b"\n")
            env, raw = raw[:nl + 1], raw[nl + 1:]
            if b"\nFrom " in raw:
                continue
        outs = {}
        try:
            outs["rt"] = rewrite(raw, "rt")
        except Exception:  # a message the package cannot handle
            continue
        for w in WAYS[1:]:
            try:
                outs[w] = rewrite(raw, w, n)
            except Exception:  # left out of this way only
                outs[w] = None
        for w, o in outs.items():
            if o is None or (w != "rt" and o == outs["rt"]):
                continue
            with open(os.path.join(dst, w, name), "wb") as f:
                f.write(env + o)


if __name__ == "__main__":
    main()
