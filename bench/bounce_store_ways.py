"""bench/bounce_store_ways.py: four more ways of bench/bounce-mime-ways.py
(imported by it; each function takes the message and that script's
module, whose helpers it uses), what stores and relays do to a notice
on its way without changing which addresses failed or why:

  htmlonly each of the notice's own text/plain parts given as text/html
           (its lines as <div>s, an empty one as <div><br></div>, < > &
           escaped), charset and transfer encoding kept: Exchange and
           Outlook keep a message as plain text, HTML or RTF and convert
           between them when they store or pass it on (Microsoft's
           "Content conversion in Exchange Server", "Exchange and
           Outlook message formats");
  trunc    the returned message (a message/rfc822 or text/rfc822-headers
           part of the notice, or the text after a plain notice's cut
           line) cut at a byte limit, in the middle of a line, as
           Postfix's bounce_size_limit (postconf(5): "the maximal amount
           of original message text that is sent in a non-delivery
           notification") and Exim's return_size_limit ("limits the
           amount of an incoming message that Exim will return as part
           of a bounce message") do; the notice's own text untouched;
  8bit     the notice's own text/plain and text/html parts in
           quoted-printable or base64 sent as 8bit (7bit when ASCII), as
           a relay that has 8BITMIME (RFC 6152) may pass them; a part
           already 8bit with bytes beyond ASCII, the reverse: quoted-
           printable, as a relay without it must downgrade (RFC 6152 3);
  flowed   the notice's own text/plain parts not yet flowed written as
           format=flowed (RFC 3676 4.2, 4.4): lines over 66 bytes broken
           at spaces with soft breaks (a trailing space), trailing
           spaces of a line that stays whole removed, a line that opens
           with a space, ">" or "From " space-stuffed, format=flowed
           (and DelSp=no) on its Content-Type.
"""
import re

# the cut lines of notices that give the returned message as text
# after them (no MIME part): Exim's "------ This is a copy of the
# message, including all the headers. ------", qmail's "--- Below this
# line is a copy of the message.", Sendmail's "----- Original message
# follows -----" / "----- Unsent message follows -----" (bounce-mta.tsv
# and the fixtures hold each)
CUT = re.compile(rb"(?im)^[ \t]*-{2,}[ \t]*(?:this is a copy of the message"
                 rb"|below this line is a copy of the message"
                 rb"|(?:original|unsent) message follows"
                 rb"|original message[ \t]*-)[^\n]*\n")
LIMIT = 1000


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def htmlonly(msg, h):
    changed = False
    for p in h.own_parts(msg, ("text/plain",)):
        text = h.part_text(p)
        if text is None:
            continue
        nl = "\r\n" if "\r\n" in text else "\n"
        lines = text.replace("\r\n", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        body = nl.join("<div>" + (esc(ln) if ln.strip() else "<br>")
                       + "</div>" for ln in lines)
        html = ("<html>" + nl + "<head>" + nl + '<meta http-equiv="Content-Type"'
                ' content="text/html; charset=' + (p.get_content_charset()
                                                   or "us-ascii")
                + '">' + nl + "</head>" + nl + "<body>" + nl + body + nl
                + "</body>" + nl + "</html>" + nl)
        h.set_type(p, "text/html")
        p.del_param("format")
        p.del_param("delsp")
        if p is msg and msg["MIME-Version"] is None:
            msg["MIME-Version"] = "1.0"
        changed |= h.set_text(p, html)
    return changed


def cut_at(raw, limit=LIMIT):
    """raw cut at limit bytes (two thirds of it when shorter), moved on
    into the line when the cut falls at a line's start."""
    n = min(limit, len(raw) * 2 // 3)
    while 0 < n < len(raw) and raw[n - 1:n] == b"\n" and n + 5 < len(raw):
        n += 5
    return raw[:n] if 0 < n < len(raw) else None


def trunc(msg, h):
    """The returned message where RFC 6522 puts it (a part of a
    multipart/report: a message/rfc822 elsewhere may be a forwarded
    notice itself), else the text after a cut line."""
    changed = False
    for p in h.report_parts(msg):
        if p.get_content_type() not in ("message/rfc822",
                                        "text/rfc822-headers"):
            continue
        if p.get_content_type() == "message/rfc822":
            pl = p.get_payload()
            if not isinstance(pl, list) or not pl:
                continue
            whole = h.flat(pl[0])
        else:
            cte = (p.get("Content-Transfer-Encoding") or "").lower()
            if cte in ("base64", "quoted-printable"):
                continue
            whole = h.decoded(p)
        cut = cut_at(whole)
        if cut is None:
            continue
        p._payload = cut.decode("ascii", "surrogateescape")
        changed = True
    if changed:
        return True
    parts = h.own_parts(msg, ("text/plain",))
    for p in parts:
        raw = h.decoded(p)
        m = CUT.search(raw)
        if not m:
            continue
        cut = cut_at(raw[m.end():])
        if cut is None:
            continue
        h.keep_encoding(p, raw[:m.end()] + cut)
        changed = True
    return changed


def eightbit(msg, h):
    parts = h.own_parts(msg, ("text/plain", "text/html"))
    changed = False
    for p in parts:
        cte = (p.get("Content-Transfer-Encoding") or "").strip().lower()
        raw = h.decoded(p)
        if cte in ("base64", "quoted-printable"):
            del p["Content-Transfer-Encoding"]
            p["Content-Transfer-Encoding"] = ("8bit" if max(raw, default=0) > 0x7f
                                              else "7bit")
            p.set_payload(raw.decode("ascii", "surrogateescape"))
            changed = True
    if changed:
        return True
    for p in parts:
        cte = (p.get("Content-Transfer-Encoding") or "").strip().lower()
        raw = h.decoded(p)
        if cte == "8bit" and max(raw, default=0) > 0x7f:
            h.set_body(p, raw, "quoted-printable")
            changed = True
    return changed


def flow_line(ln, width=66):
    """One line as RFC 3676 lines: space-stuffed when it opens with a
    space, ">" or "From ", broken at spaces with a trailing space on
    every piece but the last."""
    ln = ln.rstrip(" ")
    if ln[:1] in (" ", ">") or ln.startswith("From "):
        ln = " " + ln
    if len(ln) <= width:
        return [ln]
    out, cur = [], ""
    for w in re.split(r"(?<= )", ln):
        if cur and len(cur) + len(w) > width and cur.strip():
            out.append(cur if cur.endswith(" ") else cur + " ")
            cur = w
        else:
            cur += w
    out.append(cur.rstrip(" "))
    # a piece opening with a space (runs of spaces) is stuffed as well
    return [out[0]] + [(" " + x if x[:1] in (" ", ">") or x.startswith("From ")
                        else x) for x in out[1:]]


def flowed(msg, h):
    changed = False
    parts = h.own_parts(msg, ("text/plain",))
    for p in parts:
        if (p.get_param("format") or "").lower() == "flowed":
            continue
        text = h.part_text(p)
        if text is None or text.lstrip()[:1] in ("{", "["):
            continue
        nl = "\r\n" if "\r\n" in text else "\n"
        lines = text.replace("\r\n", "\n").split("\n")
        out = []
        for ln in lines:
            out.extend(flow_line(ln))
        new = nl.join(out)
        if new == text:
            continue
        if h.set_text(p, new):
            p.set_param("format", "flowed")
            p.set_param("delsp", "no")
            changed = True
    return changed


WAYS = {"htmlonly": htmlonly, "trunc": trunc, "8bit": eightbit,
        "flowed": flowed}
