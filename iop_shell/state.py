"""The session state: every key the app keeps in st.session_state, declared once with its type and
lifetime, and the one module that touches st.session_state (tests/pages/test_shell_layout.py).

A key is a `Slot` (one name) or a `Family` (a name pattern: one key per question, budget grid,
case field …). Lifetimes, shortest first:

- RUN: not in st.session_state but on the script thread: one run and the reruns Streamlit starts
  on the same thread right after it (`per_run`, the screening read once a run);
- PAGE: a widget's value. Streamlit drops it when a run does not draw the widget (its page was
  left), so the app keeps nothing there it needs later: widgets are views of the Screening;
- ACTION: until the user's next action (`iop_shell.ui.action` clears it);
- SCREENING: until the whole screening is replaced (a file, a demo or a draft opened);
- SESSION: until the browser's session ends (a reload is a new session; nothing survives it but
  a draft in the database).

The string names never change: tests and the browser's script (`.st-key-draft_link_in`) use them.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import streamlit as st

from iop_core.screening.model import Screening

if TYPE_CHECKING:  # named, not imported: importing them here first changed the order in which a
    # crowd of script threads imports iop_core.storage, and one of 30 first runs crashed on a
    # partly imported module (tests/storage/test_first_crowd.py)
    from iop_core.council.signin import LocalSession
    from iop_core.documents.uploads import FileStore

T = TypeVar("T")
Lifetime = Literal["run", "page", "action", "screening", "session"]
RUN, PAGE, ACTION, SCREENING, SESSION = "run", "page", "action", "screening", "session"
DECLARED: dict[str, Slot] = {}
"""Every fixed key by its name (a name declared twice fails at import)."""


def _declare(registry: dict[str, Any], item: Any, what: str) -> None:
    """Enter `item` under its name; a name declared twice fails at import."""
    if item.name in registry:
        raise ValueError(f"{what} {item.name!r} declared twice")
    registry[item.name] = item


@dataclass(frozen=True)
class Slot(Generic[T]):
    """One key of st.session_state: its name, the type of its value, how long it lives, and why."""

    name: str
    type: Any  # a class, or its name where importing it here would change the import order
    lifetime: Lifetime
    doc: str

    def __post_init__(self) -> None:
        _declare(DECLARED, self, "session-state key")

    def get(self, default: Any = None) -> T | Any:
        return st.session_state.get(self.name, default)

    def set(self, value: T) -> T:
        st.session_state[self.name] = value
        return value

    def setdefault(self, default: T) -> T:
        return st.session_state.setdefault(self.name, default)

    def pop(self, default: Any = None) -> T | Any:
        return st.session_state.pop(self.name, default)

    def exists(self) -> bool:
        return self.name in st.session_state


@dataclass(frozen=True)
class Family:
    """Keys made from a pattern, one per question, row or case (`key(**parts)` names one)."""

    pattern: str
    type: Any
    lifetime: Lifetime
    doc: str

    def key(self, **parts: Any) -> str:
        return self.pattern.format(**parts)


# --- widgets: their values, by key ------------------------------------------------------------------


def widget_value(key: str, default: Any = None) -> Any:
    """A widget's value as this run sees it (in its on_change callback: the new value)."""
    return st.session_state.get(key, default)


def set_widget(key: str, value: Any) -> None:
    """Seed or reset a widget's value (before it is drawn, or in a callback)."""
    st.session_state[key] = value


def has_widget(key: str) -> bool:
    return key in st.session_state


def forget_widget(key: str) -> None:
    st.session_state.pop(key, None)


def incoming_widget_states() -> dict | None:
    """The widget states the client sent for this run, by widget id, before any widget reads them
    (Streamlit internals, 1.67; iop_shell/client_guard.py); None outside a script run."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return None if ctx is None else ctx.session_state._state._new_widget_state.states


# --- the screening, and what lives as long as it ----------------------------------------------------

SCREENING_STATE: Slot[Screening] = Slot("screening", Screening, SESSION, "the user's one Screening (iop_shell.ui)")
GENERATION: Slot[int] = Slot(
    "screening_generation", int, SESSION,
    "bumped whenever the whole screening is replaced: in every FIELD key, so each widget re-seeds")
FIELD = Family("{path}@{generation}", Any, PAGE, "a widget bound to the model at `path` (iop_shell.ui.bound)")
FIELD_ERRORS: Slot[dict[str, str]] = Slot("field_errors", dict[str, str], SCREENING,
                                         "model path -> why the widget's last value was not taken")
SEEN_PAGES: Slot[set[str]] = Slot("seen_pages", set[str], SCREENING, "the pages opened since the screening was replaced")
NOTICE_PAGE: Slot[str] = Slot("notice_page", str, SESSION, "the page of the last run (a page switch is an action)")
NOTICES: Slot[dict[str, tuple[str, str, str | None]]] = Slot(
    "notices", dict[str, tuple[str, str, str | None]], ACTION, "slot -> (kind, markdown, icon): what the last action did")

_RUN = threading.local()
"""The screening of the script run on this thread (Streamlit runs each session's scripts on that
session's own script thread). A page asks for the screening hundreds of times a run, and each
read of st.session_state costs about 25 µs: 15 ms a run on Initiativet. The object kept here is
always the one in SCREENING_STATE: only screening() and set_screening() set either."""


def screening() -> Screening:
    """The user's screening; created empty on first use."""
    s = getattr(_RUN, "screening", None)
    if s is None:
        s = SCREENING_STATE.get()
        if s is None:
            s = SCREENING_STATE.set(Screening())
            GENERATION.set(0)
        _RUN.screening = s
    return s


def set_screening(new: Screening) -> None:
    """Swap in a whole screening and re-seed every widget from it. A different screening has not
    been seen yet (its summary starts unopened)."""
    if new is not SCREENING_STATE.get():
        SEEN_PAGES.set({NOTICE_PAGE.get("")})
    SCREENING_STATE.set(new)
    _RUN.screening = new
    forget_run("screening_json")
    GENERATION.set(GENERATION.get(0) + 1)
    FIELD_ERRORS.set({})


def field_key(path: str) -> str:
    """The FIELD key of the widget bound to `path` in this generation of the screening."""
    screening()
    return FIELD.key(path=path, generation=GENERATION.get(0))


def per_run(name: str, build: Callable[[], Any]) -> Any:
    """`build()` once per script thread (lifetime RUN), like the screening above. For what does not
    change while a session runs, e.g. the settings, whose secrets Streamlit re-reads from disk on
    every access when there is no secrets file (a dozen times a run before)."""
    slot = f"per_run:{name}"
    if not hasattr(_RUN, slot):
        setattr(_RUN, slot, build())
    return getattr(_RUN, slot)


def forget_run(name: str) -> None:
    """Build `per_run(name, …)` again at its next use in this run."""
    if hasattr(_RUN, f"per_run:{name}"):
        delattr(_RUN, f"per_run:{name}")


# --- memos: rebuilt only when their key changed (never st.cache_*: that is global) ------------------
# All in one session key, MEMOS, each by its name: Streamlit reads every key of the session state
# each time a text field, radio or drop-down is drawn (SessionState.filtered_state), so ten memo
# keys would cost every widget of every rerun ten reads more. A memo is therefore not a Slot: it
# has a name inside MEMOS, and no key of its own to get or set.

MEMOS: Slot[dict] = Slot("memos", dict, SESSION, "every memo below by its name: (key, value)")


@dataclass(frozen=True)
class Memo:
    """A value kept in MEMOS with the key it was built from; `name` may be a pattern ("{name}")."""

    name: str
    doc: str

    def __post_init__(self) -> None:
        _declare(MEMO_NAMES, self, "memo")


MEMO_NAMES: dict[str, Memo] = {}

ASSESSMENT = Memo("assessment", "(screening JSON, assess() of it)")
ASSESSMENTS = Memo("assessments", "(screening JSON, assess_all() of it)")
CACHED = Memo("cached:{name}", "((screening JSON, key), a value built from them; ui.cached)")
BUDGET_CHARTS = Memo("budget_chart_specs", "(totals, the budget page's two chart specs)")
BUDGET_FRAME = Memo("budget_frame", "((language, the grid's cells), the DataFrame st.data_editor is given)")
CASE_REPORT = Memo("case_report", "(case version, its report as the officer reads it)")
RULEBOOK_TEXT = Memo("trainer_rulebook_markdown", "(framework, its rule text as markdown)")
CONTENT = Memo("content", "(screening JSON, its input without language and framework)")
STEP_STATES = Memo("step_states", "((screening JSON, pages seen), the sidebar's step states)")
NAV_PAGES = Memo("navigation_pages", "((language, register on), the sidebar's st.Page objects)")


def memo(which: Memo, key: Any, build: Callable[[], Any], **parts: Any) -> Any:
    """Per-session memo: `build()` again only when `key` changed; `parts` fill a pattern's name."""
    name = which.name.format(**parts) if parts else which.name
    memos = MEMOS.setdefault({})
    cached = memos.get(name)
    if cached is not None and cached[0] == key:
        return cached[1]
    value = build()
    memos[name] = (key, value)
    return value


# --- drafts and the links in the address ------------------------------------------------------------


@dataclass
class DraftState:
    """What this session knows about its draft (iop_shell.drafts). Never the screening itself."""

    started: bool = False
    token: str | None = None
    version: int = 0
    saved_json: str | None = None
    saved_at: datetime | None = None
    problem: str | None = None  # i18n key under drafts.error while saving does not work
    conflict: datetime | None = None  # when the newer draft was saved (another tab)
    paused: str | None = None  # why autosave is off in this session (i18n key under drafts.paused)
    own: bool = False  # this browser made the draft, or its user said to go on with one made elsewhere
    moved: str | None = None  # an old link's token (?utkast=), on its way into the address's fragment
    heard: str | None = None  # the last token the browser's script sent (see iop_shell/draft_link.py)
    session: str = field(default_factory=lambda: secrets.token_hex(4))  # the script sends once per session


DRAFT: Slot[DraftState] = Slot("draft_state", DraftState, SESSION, "this session's draft")
CONFIRM_DELETE: Slot[bool] = Slot("draft_delete_confirm", bool, SESSION, "'Radera mitt utkast' pressed once: ask first")
DRAFT_LINK_IN: Slot[str] = Slot("draft_link_in", str, PAGE, "hidden field the browser's script sends the link into")
CASE_SENT: Slot[str] = Slot("case_link_sent", str, SESSION, "the token of a status link the browser sent")


def draft_state() -> DraftState:
    if not DRAFT.exists():
        DRAFT.set(DraftState())
    return DRAFT.get()


# --- the user's own input: demo cases, "Spara", the report PDF --------------------------------------

DEMO_PENDING: Slot[str] = Slot("demo_pending", str, SESSION, "the demo case whose 'open' button asks to confirm")
DEMO_PREVIOUS: Slot[Screening] = Slot("demo_previous", Screening, SESSION, "the screening a demo replaced (for undo)")
DEMO_PRISTINE: Slot[str | None] = Slot("demo_pristine", str, SESSION, "a demo's content as opened (untouched = no input)")
SAVED: Slot[dict[str, str]] = Slot("saved_content", dict[str, str], SESSION,
                                   "{'content': what 'Spara' or the draft store last saved}; a click's thread writes it")
REPORT_PDF: Slot[dict] = Slot("report_pdf", dict, SESSION, "{digest, data, error} of the last report PDF built")

# --- the pages' own --------------------------------------------------------------------------------

INITIATIVE_SECTION: Slot[str] = Slot("initiative_section", str, PAGE, "Initiativet's open tab, by its label")
DOCUMENT_FILES: Slot[FileStore] = Slot("document_files", "FileStore", SESSION, "bytes of accepted uploads")
DOCUMENT_NOTICES: Slot[dict] = Slot("document_notices", dict, SESSION, "document -> (generation, ok, message)")
DOCUMENT_ROUNDS: Slot[dict[str, int]] = Slot("document_upload_rounds", dict[str, int], SESSION,
                                             "document -> counter in its uploader's key: a fresh dropzone")
AGREEMENT_ERRORS: Slot[dict[str, str]] = Slot("agreement_errors", dict[str, str], SESSION, "section -> why not taken")
BUDGET_EDITOR = Family("{field}.{epoch}", dict, PAGE, "the budget grid's edits (a FIELD key and BUDGET_EPOCH)")
BUDGET_BASE: Slot[tuple] = Slot("budget_editor_base", tuple, SESSION, "(editor key, the grid's rows by position)")
BUDGET_EPOCH: Slot[int] = Slot("budget_editor_epoch", int, SESSION, "bumped when the grid starts afresh")
BUDGET_EMPTY_ROWS: Slot[int] = Slot("budget_editor_empty_rows", int, SESSION, "empty rows the next fresh grid gets")
BUDGET_COPY: Slot[str | None] = Slot("budget_copy_what", str, PAGE, "the year or row chosen to copy or delete")
BUDGET_UPLOADS: Slot[int] = Slot("budget_upload_count", int, SESSION, "CSV files read: in the uploader's key")
BUDGET_CSV = Family("budget.csv@{round}", Any, PAGE, "the CSV uploader, new after each file")

# --- the council's register and officers -----------------------------------------------------------

CASE_TOKEN: Slot[str] = Slot("register_case_token", str, SESSION, "the link of the case this session sent or opened")
SUBMIT_PENDING: Slot[bool] = Slot("register_submit_pending", bool, SESSION, "a submission waits for the database")
SENT_HERE: Slot[str] = Slot("register_sent_here", str, SESSION, "the link whose case this session's screening was sent as")
CASE_CHECKED: Slot[str] = Slot("register_case_checked", str, SESSION, "the link this session looked a case up for")
RESEND_CONSENT: Slot[bool] = Slot("resend_consent", bool, PAGE, "the consent checkbox of 'Skicka igen'")
OFFICER: Slot[LocalSession] = Slot("register_officer", "LocalSession", SESSION, "this session's local sign-in")
OFFICER_USER: Slot[str] = Slot("officer_user", str, PAGE, "the sign-in form's user name")
OFFICER_PASSWORD: Slot[str] = Slot("officer_password", str, PAGE, "the sign-in form's password (emptied on use)")
OPEN_CASE: Slot[int | None] = Slot("register_open_case", int, SESSION, "the case open on the register page")
SEEN_VERSION: Slot[int | None] = Slot("register_seen_version", int, SESSION, "the version of it the officer saw")
CASE_FIELD = Family("{field}@{case}", Any, PAGE,
                    "a field of a case's forms (case_decision, case_note, …); `case` is '<id>@<version>'")
STEP_DONE = Family("step_done_{step}@{case}", bool, PAGE, "a process step's checkbox on a case")
STEP_DATE = Family("step_date_{step}@{case}", Any, PAGE, "a process step's date on a case")
