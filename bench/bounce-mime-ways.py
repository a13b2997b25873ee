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
           part holding JSON is left as it is).

Only the parts named are touched; a message the package cannot parse
or write again is left out of every way.  A message the round trip
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

WAYS = ("rt", "qp", "b64text", "dsncase", "rewrap")
POLICY = email.policy.compat32


def text_parts(msg):
    """The text/plain leaves of msg, not those inside a returned
    message (message/rfc822 or text/rfc822-headers) or a
    delivery-status part."""
    out = []

    def walk(p):
        ct = p.get_content_type()
        # a returned message, and a delivery-status part (which the
        # package reads as blocks of fields, each a "text/plain")
        if ct.startswith("message/") or ct == "text/rfc822-headers":
            return
        if p.is_multipart():
            for s in p.get_payload():
                walk(s)
        elif ct == "text/plain":
            out.append(p)
    walk(msg)
    return out


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


FIELD = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:[ \t]")


def wrap_line(line, width=76):
    if len(line) <= width or b" " not in line.strip():
        return [line]
    lead = re.match(rb"[ \t]*", line).group(0)
    # a header field quoted in the text ("Diagnostic-Code: ...", a
    # returned message's headers) is folded (RFC 5322 2.2.3), its
    # continuation lines opening with white space
    if not lead and FIELD.match(line):
        lead = b" "
    words = line[len(lead):].split(b" ")
    out, cur = [], lead
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


def flat(msg):
    buf = BytesIO()
    BytesGenerator(buf, mangle_from_=False, policy=POLICY).flatten(msg)
    return buf.getvalue()


def rewrite(raw, way):
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
                cte = (p.get("Content-Transfer-Encoding") or "").lower()
                if cte in ("base64", "quoted-printable"):
                    set_body(p, nb, cte)
                else:
                    p.set_payload(nb.decode("ascii", "surrogateescape"))
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
    return None


def main():
    src, dst = sys.argv[1], sys.argv[2]
    for w in WAYS:
        os.makedirs(os.path.join(dst, w), exist_ok=True)
    for name in sorted(os.listdir(src)):
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
            for w in WAYS:
                outs[w] = rewrite(raw, w)
        except Exception:  # a message the package cannot handle
            continue
        for w, o in outs.items():
            if o is None or (w != "rt" and o == outs["rt"]):
                continue
            with open(os.path.join(dst, w, name), "wb") as f:
                f.write(env + o)


if __name__ == "__main__":
    main()
