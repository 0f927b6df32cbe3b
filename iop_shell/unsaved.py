"""The user's own input when something would replace or lose it (not a page): opening a demo case
asks first and offers "Ångra"; the browser's "Leave site?" prompt stands while input is unsaved."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

import streamlit as st

from iop_core.screening.demo import load_demo, switch_demo_texts
from iop_core.screening.model import Screening
from iop_core.screening.persistence import dump_screening
from iop_shell import state
from iop_shell.ui import action, current, replace_screening, screening_json, tr

# --- opening a demo case: ask before replacing the user's own input, and offer an undo ---------

_NOT_INPUT = {"language", "framework", "role", "schema_version"}


def _content(s: Screening) -> str:
    return s.model_dump_json(exclude=_NOT_INPUT)


def _current_content() -> str:
    """_content() of the current screening, dumped again only when the screening changed (its JSON,
    ui.screening_json, is dumped once a run anyway): the leave guard and each demo button ask."""
    s = current()
    return state.memo(state.CONTENT, screening_json(), lambda: _content(s))


@functools.cache
def _blank() -> str:
    """The content of an empty screening (the same for every language: it is not input)."""
    return _content(Screening())


def demo_needs_confirm() -> bool:
    """True when opening a demo would replace something the user entered (not a blank screening,
    nor a demo case as it was opened)."""
    return _current_content() not in (_blank(), state.DEMO_PRISTINE.get())


def open_demo(case_id: str) -> Screening:
    """Replace the screening with a demo case; the one it replaces is kept for "Ångra"."""
    previous = current()
    new = load_demo(case_id, previous.language)  # the example opens in the chosen language
    replace_screening(new)
    state.DEMO_PREVIOUS.set(previous)
    state.DEMO_PRISTINE.set(_content(new))
    state.DEMO_PENDING.pop()
    return new


def switch_language(new: str) -> None:
    """Switch the screening's language; a demo case's own texts follow (iop_core.screening.demo),
    and a demo that was untouched still counts as untouched (no "replace your input?" question)."""
    s = current()
    untouched = state.DEMO_PRISTINE.get() == _content(s)
    switch_demo_texts(s, s.language, new)
    s.language = new
    if untouched:
        state.DEMO_PRISTINE.set(_content(s))


@action
def undo_demo() -> None:
    previous = state.DEMO_PREVIOUS.pop()
    if previous is not None:
        replace_screening(previous)
        state.DEMO_PRISTINE.set(None)


@action
def _ask_demo(case_id: str) -> None:
    state.DEMO_PENDING.set(case_id)


@action
def _cancel_demo() -> None:
    state.DEMO_PENDING.pop()


def demo_button(case_id: str, title: str, key: str, label: str, on_open: Callable[[str, str], None]) -> None:
    """"Öppna exemplet": opens at once on a blank screening, otherwise asks first."""
    if state.DEMO_PENDING.get() == case_id:
        st.warning(tr("demo.confirm", title=title), icon=":material/warning:")
        yes, no = st.columns(2)
        yes.button(tr("demo.confirm_yes"), key=f"{key}_yes", on_click=on_open, args=(case_id, title), type="primary")
        no.button(tr("demo.confirm_no"), key=f"{key}_no", on_click=_cancel_demo)
    elif demo_needs_confirm():
        st.button(label, key=key, on_click=_ask_demo, args=(case_id,), icon=":material/open_in_new:")
    else:
        st.button(label, key=key, on_click=on_open, args=(case_id, title), icon=":material/open_in_new:")


def demo_undo_button(key: str) -> None:
    """"Ångra" after a demo replaced the user's own screening (while the demo is unchanged)."""
    previous = state.DEMO_PREVIOUS.get()
    if previous is not None and _content(previous) != _blank() and not demo_needs_confirm():
        st.button(tr("demo.undo"), key=key, on_click=undo_demo, icon=":material/undo:")


LEAVE_SCRIPT = (
    "(function () {"
    " if (window.__iopLeaveGuard) { return; }"
    " window.__iopLeaveGuard = true;"
    " var saved = null;"
    " document.addEventListener(\"click\", function (event) {"
    " if (event.target.closest && event.target.closest(\".st-key-save_sidebar\")) {"
    " var el = document.querySelector(\"[data-iop-unsaved]\"); saved = el && el.getAttribute(\"data-iop-content\"); }"
    " }, true);"
    " window.addEventListener(\"beforeunload\", function (event) {"
    " var el = document.querySelector(\"[data-iop-unsaved=true]\");"
    " if (el && el.getAttribute(\"data-iop-content\") !== saved) { event.preventDefault(); event.returnValue = \"\"; }"
    " });"
    " })();"
)
"""The browser's own "Leave site?" prompt while there is input that was not saved. The script is
one constant text, so a Content-Security-Policy can allow it by its hash (docs/security-proxy.md "Headers a
reverse proxy must send"); whether there is unsaved input is a data attribute it reads, beside a
fingerprint of the input (`data-iop-content`). "Spara" starts no run (below), so the script itself
remembers the fingerprint shown when "Spara" was clicked: what was saved asks nothing."""


def _saved() -> dict[str, str]:
    return state.SAVED.setdefault({})


def mark_saved() -> None:
    """The draft store holds the current input: no "leave page?" prompt for it."""
    _saved()["content"] = _content(current())


def save_file(s: Screening) -> Callable[[], str]:
    """"Spara"'s data, made when it is clicked: the screening as a file, marked as saved.

    The click starts no run (on_click="ignore"). Streamlit 1.67 sends the file's address to the
    browser as a message that the start of a run throws away while it still waits to be sent; the
    button then waits three minutes for it and takes no click ("Spara" did nothing, once in a
    dozen clicks). So the file marks itself saved, from the click's worker thread, for the next run."""
    holder = _saved()

    def build() -> str:
        holder["content"] = _content(s)
        return dump_screening(s)

    return build


def has_unsaved_input(content: str) -> bool:
    """Whether `content` (the screening's) is input of the user's own that a reload would lose:
    not blank, not a demo as opened, not saved."""
    return content not in (_blank(), state.DEMO_PRISTINE.get(), _saved().get("content"))


def leave_guard(style: str = "") -> None:
    """The marks the "Leave site?" script reads, the script, and `style` (the app's CSS, app.py): one
    element a run, not two."""
    content = _current_content()
    flag = "true" if has_unsaved_input(content) else "false"
    fingerprint = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
    st.html(f'{style}<span data-iop-unsaved="{flag}" data-iop-content="{fingerprint}" hidden></span>'
            f'<script>{LEAVE_SCRIPT}</script>', unsafe_allow_javascript=True)
