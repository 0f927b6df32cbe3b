"""Shared view helpers: the one Screening (kept by iop_shell.state) and widgets bound to it.

Widgets are views of the model: seeded from it, written back in `on_change` callbacks. Widget
keys carry a generation number, bumped whenever the whole screening is replaced (file loaded,
demo opened), so every widget re-seeds from the new model. User text is shown as text, never as
markdown or HTML (see `plain`).
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
from pydantic import ValidationError

from iop_core.i18n import t
from iop_core.report.progress import StepState, step_states
from iop_core.rules import citations as citing
from iop_core.rules.assessment import assess, assess_all
from iop_core.rules.catalogue import Question, rules_for_fact
from iop_core.rules.checks import allowed_words, describe_sentence, sentence_citations
from iop_core.rules.wording import by_sentence, check_text
from iop_core.screening.model import Assessment, Citation, Finding, fact_value, path_owner, set_fact
from iop_core.screening.persistence import describe_validation_error
from iop_core.text import plain
from iop_shell import state

current = state.screening
"""The user's screening (iop_shell.state.screening: read once a run, created empty on first use)."""
replace_screening = state.set_screening
"""Swap in a whole screening (loaded file, demo case) and re-seed every widget from it."""


PAGE_ICON = "data:image/svg+xml;base64," + base64.b64encode(
    (Path(__file__).resolve().parents[1] / "assets" / "icon.svg").read_bytes()).decode("ascii")
"""The page icon, served by the app itself as a data: URL (a material-icon or emoji page_icon makes
every visitor's browser ask a third-party CDN for it). Read once per process: a file path would
be read, checked and re-encoded by Streamlit on every run (1 ms a run)."""

INDENT = "indent-"
"""The key prefix of a container whose content APP_CSS indents (st.container(key=INDENT + name))."""
EVEN = "even-"
"""The key prefix of a horizontal container whose elements APP_CSS makes equally wide (a row of
buttons in one block, where a column each would be two blocks more)."""
FOCUS_COLOUR = "#1f5f8b"
"""The keyboard focus ring: the theme's primary colour (.streamlit/config.toml), 6.8:1 on white and
6.3:1 on the sidebar's grey, so WCAG 2.4.7 / 1.4.11 (at least 3:1) hold on every control."""
APP_CSS = (
    "<style>"
    # buttons, links, page links, expanders, tabs: Streamlit's own ring is a half-transparent shadow
    f".stApp :is(button, a, summary, [role=tab]):focus-visible {{ outline: 3px solid {FOCUS_COLOUR} !important;"
    " outline-offset: 2px; box-shadow: none !important; }"
    # radio buttons and checkboxes: the input is hidden, so the ring goes round the option and its label
    f".stApp label:has(input:is([type=radio], [type=checkbox]):focus-visible) {{ outline: 3px solid {FOCUS_COLOUR};"
    " outline-offset: 2px; border-radius: 0.25rem; }"
    # text, number, date fields and drop-downs: the ring goes round the field's box
    f".stApp div:has(> :is(input, textarea):not([type=radio], [type=checkbox]):focus-visible) {{"
    f" outline: 3px solid {FOCUS_COLOUR}; outline-offset: 1px; }}"
    # a group of questions under its stem (Värdegrund 4a-4g): one indented block, not a column pair each
    f".stApp [class*=st-key-{INDENT}] {{ padding-left: 2.5rem; }}"
    # a row of buttons in one horizontal block: equally wide, as a column each made them
    f".stApp [class*=st-key-{EVEN}] > * {{ flex: 1 1 0; }}"
    # Budget: the totals' figures a size smaller, so four fit side by side
    '.st-key-budget_totals [data-testid="stMetricValue"] { font-size: 1.75rem; }'
    # Snabbtriage: the result column stays in view while the questions scroll
    '[data-testid="stColumn"]:has(.st-key-triage_result) { position: sticky; top: 3.75rem; align-self: flex-start; }'
    # a chart's hover text whole: Streamlit's theme cuts each value after five lines with "…"
    "body #vg-tooltip-element { font-size: 14px; max-width: min(40rem, 90vw); }"
    "body #vg-tooltip-element table tr td.value { display: block; max-width: min(30rem, 70vw); max-height: none;"
    " overflow: visible; -webkit-line-clamp: unset; line-clamp: unset; white-space: pre-line; }"
    "</style>"
)
"""Drawn once a run by app.py (every page, with the leave guard's marks in one element): a focus
ring that is clearly visible on every control, indented and even rows, a sticky triage result,
the budget's figures, and charts' hover texts shown whole."""


# --- notices: what the user's last action did, shown until the next action --------------------

_SHOW = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}


def notify(slot: str, kind: str, text: str, icon: str | None = None) -> None:
    """Say what an action did ("… är öppnat", "Ditt utkast är raderat"). `show_notice(slot)` draws
    `text` (markdown the caller made safe) as a `kind` box on every run until the user acts
    again, so a run without a user action (a reconnect, a redraw) does not hide it."""
    state.NOTICES.setdefault({})[slot] = (kind, text, icon)


def show_notice(slot: str) -> None:
    notice = state.NOTICES.get({}).get(slot)
    if notice:
        kind, text, icon = notice
        _SHOW[kind](text, icon=icon)


def clear_notices() -> None:
    """The user acted: the notices of the previous action are over. Also an on_change of its own
    for a widget that has no other callback."""
    state.NOTICES.pop()


def action(callback: Callable[..., Any]) -> Callable[..., Any]:
    """Every on_change/on_click callback of the app is wrapped in this: the notices of the previous
    action go before `callback` runs (which may set one of its own)."""
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        clear_notices()
        try:
            return callback(*args, **kwargs)
        finally:
            state.forget_run("screening_json")  # a callback may have written to the screening
    return run


def page_shown(url_path: str) -> None:
    """app.py, every run: moving to another page is a user action too; the page counts as seen."""
    if state.NOTICE_PAGE.get(url_path) != url_path:
        clear_notices()
    state.NOTICE_PAGE.set(url_path)
    state.SEEN_PAGES.setdefault(set()).add(url_path)


def seen_pages() -> frozenset[str]:
    """The pages (by id, PAGE_FILES) opened in this session since the screening was last replaced:
    the sidebar's step states start the summary, which asks nothing, once it has been seen."""
    return frozenset(state.SEEN_PAGES.get(()))


def tr(key: str, **values: Any) -> str:
    """A UI string in the screening's language."""
    return t(key, current().language, **values)


def screening_json(*, fresh: bool = False) -> str:
    """The screening as JSON: the key of every memo built from it and the draft's "changed?" check.

    Dumped once a run (0.2-0.5 ms a dump; it was six a run). The screening is written only by
    callbacks, which run before the script draws, and every callback is an `action`, which forgets
    the dump, as replace_screening() does. `fresh`: dump again all the same (the draft's last check
    of a run, app.py)."""
    if fresh:
        state.forget_run("screening_json")
    return state.per_run("screening_json", lambda: current().model_dump_json())


def current_assessment() -> Assessment:
    """assess() of the current screening, recomputed only when the screening changed."""
    s = current()
    return state.memo(state.ASSESSMENT, screening_json(), lambda: assess(s))


def current_step_states() -> dict[str, StepState]:
    """The sidebar's state of each step (iop_core.report.progress), again only on a change."""
    seen = seen_pages()
    return state.memo(state.STEP_STATES, (screening_json(), seen),
                      lambda: step_states(current(), current_assessment(), seen=seen))


def current_assessments() -> list[Assessment]:
    """assess_all() of the current screening (all frameworks), recomputed only on change."""
    s = current()
    return state.memo(state.ASSESSMENTS, screening_json(), lambda: assess_all(s))


def lazy_expander(label: str, key: str, draw: Callable[[], Any], *, expanded: bool = False, icon: str | None = None) -> None:
    """An expander whose content is drawn only while it is open (opening it reruns the page).

    Each element costs the server a message on every rerun, also inside a closed expander; a
    page of "Varför?" boxes that nobody has opened is most of a workshop's load
    (docs/performance.md)."""
    box = st.expander(label, expanded=expanded, key=key, icon=icon, on_change="rerun")
    if box.open:
        with box:
            draw()


def cached(name: str, build: Callable[[], Any], *key: Any) -> Any:
    """`build()`, computed again only when the screening or `key` changed (per session)."""
    return state.memo(state.CACHED, (screening_json(), key), build, name=name)


# --- binding widgets to the model -------------------------------------------------------------


wkey = state.field_key
"""The key of the widget bound to `path` (a key of state.FIELD)."""


def _errors() -> dict[str, str]:
    return state.FIELD_ERRORS.setdefault({})


UNKNOWN = "__unknown__"
"""The "Vet inte / inte besvarad" option of a question; stored in the model as None."""


@action
def commit(path: str, key: str) -> None:
    """on_change callback: copy the widget's value into the model, or remember why not."""
    value = state.widget_value(key)
    if value == UNKNOWN:
        value = None
    if isinstance(value, str):
        value = value.strip() if "\n" not in value else value
    try:
        set_fact(current(), path, value)
        _errors().pop(path, None)
    except ValidationError as exc:
        _errors()[path] = describe_validation_error(exc, lang=current().language)


def show_error(path: str) -> None:
    message = _errors().get(path)
    if message:
        st.error(plain(message), icon=":material/error:")


def select_placeholder(options: Any, *, many: bool = False) -> str:
    """The text an empty st.selectbox / st.multiselect shows, from the text table: Streamlit's own
    is English ("Choose an option", "Choose options", "No options to select")."""
    if not list(options):
        return tr("answer.no_options")
    return tr("answer.choose_many" if many else "answer.choose_one")


def bound(widget: Any, path: str, label: str, **kwargs: Any) -> Any:
    """Draw `widget` seeded from the model at `path`; changes are committed to the model. A
    selectbox or multiselect gets the text table's placeholder unless one is given."""
    key = wkey(path)
    value = fact_value(current(), path)
    if widget in (st.selectbox, st.multiselect):
        kwargs.setdefault("placeholder", select_placeholder(kwargs["options"], many=widget is st.multiselect))
    if widget in (st.selectbox, st.radio):
        options = kwargs["options"]
        if value is None and UNKNOWN in options:
            value = UNKNOWN
        kwargs["index"] = options.index(value) if value in options else None
    elif widget is st.toggle or widget is st.checkbox:
        kwargs["value"] = bool(value)
    else:
        kwargs["value"] = value
    result = widget(label, key=key, on_change=commit, args=(path, key), **kwargs)
    show_error(path)
    return result


# --- plain text and citations -----------------------------------------------------------------

def cite(c: Citation) -> str:
    """A citation in the screening's language ("SKR 2.5")."""
    return citing.cite(c, current().language)


def cite_all(citations: list[Citation] | tuple[Citation, ...]) -> str:
    """Citations in the screening's language ("SKR 2.5; SKR kap. 3")."""
    return citing.cite_all(citations, current().language)


# --- questions, free texts and findings ------------------------------------------------------

def _is_integer(path: str) -> bool:
    """Whether the model field at `path` holds whole numbers (number_input must not mix types)."""
    owner, name = path_owner(current(), path)
    annotation = repr(type(owner).model_fields[name].annotation)
    return "int" in annotation and "float" not in annotation


def yes_no_labels() -> dict[Any, str]:
    """Labels of a yes/no question, looked up now (format_func may run outside the script run)."""
    return {True: tr("answer.yes"), False: tr("answer.no"), UNKNOWN: tr("answer.unknown")}


def with_unknown(q: Question) -> list[Any]:
    """A choice question's options plus "Vet inte / inte besvarad", unless the question has a
    "Vet inte" choice of its own (then nothing chosen means not answered: one "Vet inte" only)."""
    return [*q.choices] if "unknown" in q.choices else [*q.choices, UNKNOWN]


def question(q: Question, *, with_why: bool = True) -> None:
    """One catalogue question, bound to its fact, with "Varför frågar vi?" from the rules."""
    if q.kind == "bool":
        labels = yes_no_labels()
        bound(st.radio, q.id, q.label, options=[True, False, UNKNOWN], format_func=labels.__getitem__, horizontal=True)
    elif q.kind == "choice":
        labels = {**q.choices, UNKNOWN: tr("answer.unknown")}
        bound(st.radio, q.id, q.label, options=with_unknown(q), format_func=labels.__getitem__)
    else:
        if _is_integer(q.id):
            limits = dict(min_value=0, max_value=int(q.maximum or 10_000_000), step=1)
        else:
            limits = dict(min_value=0.0, max_value=50.0, step=0.5, format="%g")
        bound(st.number_input, q.id, q.label, placeholder=tr("answer.unknown"), **limits)
    if with_why:  # drawn when opened: a closed box of text costs a message on every rerun too
        lazy_expander(tr("answer.why"), f"why_asked.{q.id}", lambda: st.markdown("\n\n".join([plain(q.help), *(
            f"**{plain(rule.title)}** – {plain(rule.explanation)}  \n*{tr('answer.source')}: {cite_all(rule.citations)}*"
            for rule in rules_for_fact(current().framework, q.id, current().language)),
            f"*{tr('answer.sources')}: {cite_all(q.citations)}*"])))


def free_text(path: str, label: str, help: str = "", height: int = 110) -> None:
    """A text area bound to the model, with the SKR kap. 3 word check shown inline: one hint per
    sentence to rewrite, under the screening's framework's allow-list."""
    bound(st.text_area, path, label, help=help or None, height=height, max_chars=10_000)
    s = current()
    word_hints(check_text(fact_value(s, path) or "", allowed=allowed_words(s.framework)))


def word_hints(hits: list) -> None:
    """The word check's advice under a text: "Skriv om meningen: ”…”" with each word and SKR's word."""
    for sentence in by_sentence(hits):
        st.warning(f"{plain(describe_sentence(sentence, current().language, inline=True))} "
                   f"({cite_all(sentence_citations(sentence))})", icon=":material/edit_note:")


# Material icons ship with Streamlit, so they render without an emoji font on the machine.
SEVERITY_ICON = {"blocker": ":material/block:", "high": ":material/error:", "warning": ":material/warning:", "info": ":material/info:"}
IOP_ICON = ":material/check_circle:"


def finding_box(f: Finding, *, compact: bool = False) -> None:
    """One finding: title, the facts that triggered it, next step and citations. Never colour alone."""
    label = tr(f"severity.{f.severity}")
    body = f"**{plain(f.title)}** · {label}"
    if not compact:
        body += f"\n\n{plain(f.explanation)}"
    if f.facts:
        body += "\n\n" + "\n".join(f"- {plain(fact)}" for fact in f.facts[:6])
    if not compact:
        body += f"\n\n**{tr('finding.next_step')}:** {plain(f.next_step)}"
    body += f"\n\n*{tr('answer.source')}: {cite_all(f.citations)}*"
    icon = SEVERITY_ICON[f.severity] if f.direction != "iop" else IOP_ICON
    if f.direction == "iop":
        st.success(body, icon=icon)
    elif f.severity in ("blocker", "high"):
        st.error(body, icon=icon)
    elif f.severity == "warning":
        st.warning(body, icon=icon)
    else:
        st.info(body, icon=icon)


def live_findings(facts: set[str]) -> list[Finding]:
    """Findings the given facts trigger right now (a side column beside the questions); returned."""
    s = current()
    reading = {rule.id for fact in facts for rule in rules_for_fact(s.framework, fact, s.language)}
    findings = [f for f in current_assessment().findings if f.rule_id in reading]
    if not findings:
        answered = all(fact_value(current(), fact) is not None for fact in facts)
        st.caption(tr("finding.none_answered" if answered else "finding.none_yet"))
    for f in findings:
        finding_box(f, compact=True)
    return findings


# --- every page through app.py ---------------------------------------------------------------


def _through_app() -> None:
    """Right after a server start, until some session has called st.navigation, Streamlit runs a
    file of pages/ on its own when its name matches the address: /values runs pages/3_values.py
    without app.py (no sidebar, no draft, no leave guard; docs/architecture.md "Pages and
    navigation"). Every page imports this module, so its first import in the server ends that
    mode for all sessions, as st.navigation does, and runs the same address again, now through
    app.py. The flag is Streamlit's own (1.67, not public API): tests/e2e/test_navigation.py
    opens /values and /council on a fresh server. Imported before any session (serve.py's
    warm-up), it ends the mode before it began.

    The sidebar's page list is off in .streamlit/config.toml, so that a run in that mode shows no
    list of the files of pages/; it is turned on here, before the run through app.py, whose
    st.navigation draws the app's list (iop_shell/navigation.py).

    The rerun is only requested here, not raised (st.rerun() would): it happens at the script's
    next element, after every import has finished. An exception out of a module's import leaves
    the other sessions importing it at that moment without the module ("cannot import name
    '_drafts'"; tests/storage/test_first_crowd.py)."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import RerunData, get_script_run_ctx

    st.set_option("client.showSidebarNavigation", True)
    ctx = get_script_run_ctx()
    if ctx is None:
        PagesManager.uses_pages_directory = False
    elif PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        if ctx.script_requests is not None:
            ctx.script_requests.request_rerun(RerunData(
                query_string=ctx.query_string, page_script_hash=ctx.page_script_hash,
                cached_message_hashes=ctx.cached_message_hashes, context_info=ctx.context_info))


_through_app()
