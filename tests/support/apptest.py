"""AppTest helpers shared by the page tests: the app on a page, its session state, the link a
session holds (what the browser's script would do with the address), rendered markdown.

AppTest reruns only the page after its first run in this app, so `run()` asks for the entry script
(app.py), as a browser does on every interaction. AppTest runs no JavaScript: `start(token)` does
what the browser's script does with a link `/#utkast=<token>` (iop_shell/draft_link.py) — it sends the
token (with this browser's mark of the draft, unless `known=False`) through the hidden field — and
`address(at)` reads the token the script would put in the address."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from iop_core.screening.model import STEPS
from iop_shell.draft_link import FIELD, mark
from iop_shell.navigation import MODES, PAGE_FILES
from tests.support import ROOT

PAGES = {page: PAGE_FILES[page] for page in (*STEPS, *MODES)}


def app(screening=None, page: str = "start") -> AppTest:
    """The whole app (router + sidebar) on `page`, optionally with a screening in session."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    if screening is not None:
        at.session_state["screening"] = screening
        at.session_state["screening_generation"] = 1
    if page != "start" or screening is not None:
        at.switch_page(PAGES[page]).run()
    assert not at.exception, at.exception
    return at


def demo_click(at: AppTest, case_id: str) -> AppTest:
    """Click a demo case's "Öppna exemplet" on Start. Its box draws the button only while open
    (pages/0_start.py), and AppTest sends no expander's state with a run, so the box is opened for
    the run that draws the button and again for the click's."""
    box = f"demo_case_{case_id}"
    at.session_state[box] = True
    at.run()
    at.session_state[box] = True
    at.button(key=f"demo_{case_id}").click()
    return at.run()


def model(at: AppTest):
    return at.session_state["screening"]


def gen(at: AppTest) -> int:
    return at.session_state["screening_generation"]


def shown(markdown: str) -> str:
    """Markdown as the reader sees it: plain()'s backslash escapes and word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def alerts(at: AppTest) -> list[str]:
    return [e.value for kind in ("error", "warning", "info", "success") for e in getattr(at, kind)]


# --- the whole app as a browser runs it, and the link in the address -----------------------------


def run(at: AppTest) -> AppTest:
    """Run app.py (router + sidebar), not only the page, as a browser does on every interaction."""
    at._finished_page_script_hash = ""
    at.run()
    assert not at.exception, at.exception
    return at


def start(token: str | None = None, known: bool = True) -> AppTest:
    """A new session, opened by the link to `token` if given (as the browser's script does)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    if token:
        send(at, token, known)
    return at


def send(at: AppTest, token: str, known: bool = True) -> AppTest:
    """The browser's script: the token in the address, the marks of the drafts it made, a count."""
    at.text_input(key=FIELD).set_value(" ".join(["utkast", token, *([mark(token)] if known else []), "1"]))
    return run(at)


def address(at: AppTest, name: str | None = None) -> str | None:
    """The token the address shows after this run ("-": none; None: as the browser has it), read
    from the sidebar's link element (iop_shell/draft_link.py); with `name`, the link must be that one
    (`utkast`: a draft, `arende`: a submitted case's status)."""
    for el in at.sidebar.get("html"):
        found = re.search(r'data-iop-name="([^"]*)" data-iop-token="[^"]*" data-iop-address="([^"]*)"', el.proto.body)
        if found:
            assert name is None or found.group(1) == name, f"the address shows a {found.group(1)!r} link"
            return found.group(2) or None
    raise AssertionError("no link element in the sidebar")


# --- what a markdown string would render (tests/pages/test_hostile_text.py) ----------------------
# markdown-it parses CommonMark as Streamlit's react-markdown does; the text it leaves is searched
# with the autolink-literal patterns of remark-gfm (mdast-util-gfm-autolink-literal), which find
# links *after* backslash escapes are resolved.

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# remark-gfm's autolink literals (JavaScript \w is ASCII): a URL/www literal, an e-mail literal.
GFM_URL = re.compile(r"(https?://|www(?=\.))[-.\w]+", re.IGNORECASE | re.ASCII)
GFM_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII)
DIRECTIVE = re.compile(r":red\[|:material/home:")  # the payload's directives (the app never draws these)
UNSAFE = {"link_open", "image", "html_inline", "html_block"}


def problems(markdown: str) -> list[str]:
    """Links, images, HTML and Streamlit directives a markdown string would render."""
    out = []
    for block in MD.parse(markdown):
        for tok in [block, *(block.children or [])]:
            if tok.type in UNSAFE:
                out.append(f"{tok.type}: {tok.content or tok.attrs}")
            elif tok.type == "text":
                out += [f"autolink: {m.group(0)}" for m in (*GFM_URL.finditer(tok.content), *GFM_EMAIL.finditer(tok.content))]
                out += [f"directive: {m.group(0)}" for m in DIRECTIVE.finditer(tok.content)]
    return out


# --- Initiativet draws only its open tab ---------------------------------------------------------

SECTION = "initiative_section"  # pages/1_initiative.py


def each_tab(at: AppTest):
    """Open each tab of Initiativet in turn (only the open one is drawn); yields its label."""
    for label in [tab.label for tab in at.tabs]:
        at.session_state[SECTION] = label
        at.run()
        yield label


def show_question(at: AppTest, path: str) -> AppTest:
    """Open the tab of Initiativet that asks the fact at `path` (or holds its text area)."""
    def asked() -> bool:
        key = f"{path}@{gen(at)}"
        return any(w.key == key for w in [*at.radio, *at.number_input, *at.text_area])
    if not asked() and not any(asked() for _ in each_tab(at)):
        raise AssertionError(f"no tab of Initiativet asks {path}")
    return at
