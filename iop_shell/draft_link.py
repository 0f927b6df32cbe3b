"""The links live in the address's fragment, never in its query: the resume link
(`/#utkast=<token>`) and, for an organisation without a draft of its own, the status link of its
case in the council's register (`/#arende=<token>`).

The draft's token is the key that decrypts it; the case's token shows the case's status. A browser
never sends the fragment to a server, so no proxy, access log or error log ever sees either (issue
#22 point 4). The price: Python cannot read the fragment. A small constant script (LINK_SCRIPT, allowed by its hash in the
Content-Security-Policy) does the two things a server cannot:

- it hands the fragment's link (its name and token) to this session through a hidden text field
  (FIELD), together with the marks of the drafts this browser created (below), and
- it keeps the address showing the session's link: the moment a save creates the draft, after a
  page switch (Streamlit rewrites the address then), and without it once the draft is deleted.

What the script needs from the server it reads from one hidden element's data attributes (the
script text itself never changes): `data-iop-name` (`utkast` or `arende`: the link the address
should show), `data-iop-token` (the token this session holds for it), `data-iop-address` (the
token the address should show, `-` for none), `data-iop-heard` (the last token the server
received, so nothing is sent twice) and `data-iop-mark` (see below).

**Drafts made elsewhere.** Whoever made a link can read what is typed into its draft. So that a
link sent by someone else cannot be used to read what a victim types, the browser remembers a
*mark* of every draft it created (a one-way hash of the token, never the token, in localStorage)
and sends its marks with a link; a draft opened without its mark asks before the first save.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from iop_shell import state

PARAM = "utkast"  # the resume link: a draft
CASE = "arende"  # the status link of a case sent to the council (iop_shell/council.py)
NAMES = (PARAM, CASE)
FIELD = state.DRAFT_LINK_IN.name  # the hidden field the script writes into (its class names it: .st-key-draft_link_in)
MAX_SENT = 2_000  # a token, at most 50 marks and a counter: far below
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")

LINK_SCRIPT = (
    "(function () {"
    " if (window.__iopDraftLink) { window.__iopDraftLink(); return; }"
    " var KEY = \"iop-draft-marks\", count = 0, sent = {};"
    " function inAddress() { var m = /^#(?:.*&)?(utkast|arende)=([A-Za-z0-9_-]{1,64})(?:&|$)/.exec(location.hash);"
    " return m ? [m[1], m[2]] : [\"\", \"\"]; }"
    " function marks() { try { var v = JSON.parse(localStorage.getItem(KEY) || \"[]\");"
    " return Array.isArray(v) ? v.slice(-50) : []; } catch (e) { return []; } }"
    " function remember(mark) { var list = marks().filter(function (m) { return m !== mark; });"
    " list.push(mark); try { localStorage.setItem(KEY, JSON.stringify(list.slice(-50))); } catch (e) {} }"
    " function show(name, token) { history.replaceState(history.state, \"\","
    " location.pathname + location.search + (token ? \"#\" + name + \"=\" + token : \"\")); }"
    " function send(text) { var input = document.querySelector(\".st-key-draft_link_in input\");"
    " if (!input) { return false; }"
    " Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, \"value\").set.call(input, text);"
    " input.dispatchEvent(new Event(\"input\", {bubbles: true}));"
    " input.dispatchEvent(new KeyboardEvent(\"keydown\", {key: \"Enter\", code: \"Enter\", keyCode: 13, bubbles: true}));"
    " input.dispatchEvent(new KeyboardEvent(\"keypress\", {key: \"Enter\", code: \"Enter\", keyCode: 13, bubbles: true})); return true; }"
    " function sync() { var el = document.querySelector(\"[data-iop-address]\"); if (!el) { return; }"
    " var token = el.getAttribute(\"data-iop-token\"), want = el.getAttribute(\"data-iop-address\"),"
    " heard = el.getAttribute(\"data-iop-heard\"), session = el.getAttribute(\"data-iop-session\"), mark = el.getAttribute(\"data-iop-mark\"),"
    " name = el.getAttribute(\"data-iop-name\"), link = inAddress(), now = link[1];"
    " if (mark) { remember(mark); }"
    " if (want === \"-\" && now) { show(\"\", \"\"); now = \"\"; }"
    " else if (want && want !== \"-\" && (want !== now || name !== link[0])) { show(name, want); link = [name, want]; now = want; }"
    " if (now && now !== token && now !== heard && sent[session] !== now) { count += 1;"
    " if (send([link[0], now].concat(marks(), [String(count)]).join(\" \"))) { sent[session] = now; } } }"
    " window.__iopDraftLink = sync;"
    " window.addEventListener(\"hashchange\", function () { var el = document.querySelector(\"[data-iop-token]\"), now = inAddress()[1];"
    " if (now && el && el.getAttribute(\"data-iop-token\") && now !== el.getAttribute(\"data-iop-token\")) { location.reload(); } });"
    " new MutationObserver(sync).observe(document.body, {subtree: true, childList: true, attributes: true});"
    " sync();"
    " })();"
)
"""One constant text: a Content-Security-Policy allows it by its hash (docs/security-proxy.md "Headers a reverse
proxy must send"). A link pasted into the address of an open tab (only the fragment changes, so
the browser does not reload) reloads the page, so it opens as it would in a new tab."""

HIDE = "<style>.st-key-draft_link_in { display: none; }</style>"


def mark(token: str) -> str:
    """What the browser keeps of a draft it created: a one-way hash, not the key."""
    return hashlib.sha256(b"iop-screening browser mark\0" + token.encode("ascii", "replace")).hexdigest()[:16]


@dataclass(frozen=True)
class Sent:
    name: str  # PARAM (a draft) or CASE (a case's status)
    token: str  # as the browser sent it; the store tells whether it is a well-formed token
    known: bool  # this browser created the draft (its mark was among those sent)


def received(text: str) -> Sent | None:
    """What the script sent ("<name> <token> <mark>… <count>"), bounded; None for nothing usable."""
    words = (text or "")[:MAX_SENT].split()
    if len(words) < 2 or words[0] not in NAMES:
        return None
    name, token = words[0], words[1] if TOKEN.fullmatch(words[1]) else words[1][:64]
    return Sent(name, token, mark(token) in words[2:-1])


def draw(session: str, name: str, token: str | None, address: str, heard: str | None, own: bool,
         on_sent: Callable[[], None]) -> None:
    """The hidden element the script reads, the script, and the hidden field it writes into.

    `name` and `address`: the link the address should show (`address` "-": none, "": leave it);
    `token`: the token this session holds for that link (never sent back)."""
    attrs = {"data-iop-session": session, "data-iop-name": name, "data-iop-token": token or "",
             "data-iop-address": address, "data-iop-heard": heard or "",
             "data-iop-mark": mark(token) if token and own else ""}
    span = "<span hidden " + " ".join(f'{k}="{v}"' for k, v in attrs.items() if TOKEN.fullmatch(v) or v in ("", "-"))
    st.html(f"{HIDE}{span}></span><script>{LINK_SCRIPT}</script>", unsafe_allow_javascript=True)
    st.text_input("draft link", key=FIELD, on_change=on_sent, label_visibility="collapsed", max_chars=MAX_SENT)
