"""Shared view helpers (not a page): the one Screening in session state and widgets bound to it.

Widgets are views of the model: seeded from it, written back in `on_change` callbacks. Widget
keys carry a generation number, bumped whenever the whole screening is replaced (file loaded,
demo opened), so every widget re-seeds from the new model. User text is shown as text, never as
markdown or HTML (see `plain`).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError
from streamlit import dataframe_util

from iop_core.i18n import t
from iop_core.rules import citations as citing
from iop_core.rules.assessment import assess, assess_all
from iop_core.rules.catalogue import Question, rules_for_fact
from iop_core.rules.checks import allowed_words, describe_sentence, sentence_citations
from iop_core.rules.wording import by_sentence, check_text
from iop_core.screening.model import STEPS, Assessment, Citation, Finding, Screening, fact_value, path_owner, set_fact
from iop_core.screening.persistence import describe_validation_error
from iop_core.text import plain

PAGE_FILES = {
    "start": "pages/0_start.py", "initiative": "pages/1_initiative.py", "documents": "pages/2_documents.py",
    "values": "pages/3_values.py", "budget": "pages/4_budget.py", "summary": "pages/5_summary.py",
    "agreement": "pages/6_agreement.py", "triage": "pages/7_triage.py", "trainer": "pages/8_trainer.py",
    "register": "pages/9_register.py", "followup": "pages/10_followup.py",
}
"""Each page's file by its id, which is also its address (/values; Start is /). The walk's order
is STEPS (iop_core.screening.model); pages name each other by id (`page_link`, `next_link`),
never by file."""
MODES = ("triage", "trainer")
REGISTER = ("register", "followup")  # the council's register: officers only, [iop] register = true

STATE = "screening"
GENERATION = "screening_generation"
ERRORS = "field_errors"
ASSESSMENT = "assessment_cache"
ASSESSMENTS = "assessments_cache"
NAV_PAGES = "navigation_pages"  # the st.Page objects of this session (navigation)


_RUN = threading.local()
"""The screening of the script run on this thread (Streamlit runs each session's scripts on that
session's own script thread). A page asks for the screening hundreds of times a run, and each
read of st.session_state costs about 25 µs: 15 ms a run on Initiativet. The object kept here is
always the one in st.session_state[STATE]: only current() and replace_screening() set either."""


def current() -> Screening:
    """The user's screening; created empty on first use."""
    s = getattr(_RUN, "screening", None)
    if s is None:
        s = st.session_state.get(STATE)
        if s is None:
            s = st.session_state[STATE] = Screening()
            st.session_state[GENERATION] = 0
        _RUN.screening = s
    return s


def per_run(name: str, build: Callable[[], Any]) -> Any:
    """`build()` once per script thread, like the screening above: a run, and the reruns Streamlit
    starts on the same thread right after it. For what does not change while a session runs, e.g.
    the settings, whose secrets Streamlit re-reads from disk on every access when there is no
    secrets file (a dozen times a run before)."""
    slot = f"per_run:{name}"
    if not hasattr(_RUN, slot):
        setattr(_RUN, slot, build())
    return getattr(_RUN, slot)


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
    # a chart's hover text whole: Streamlit's theme cuts each value after five lines with "…"
    "body #vg-tooltip-element { font-size: 14px; max-width: min(40rem, 90vw); }"
    "body #vg-tooltip-element table tr td.value { display: block; max-width: min(30rem, 70vw); max-height: none;"
    " overflow: visible; -webkit-line-clamp: unset; line-clamp: unset; white-space: pre-line; }"
    "</style>"
)
"""Drawn once a run by app.py (every page): a focus ring that is clearly visible on every control,
and charts' hover texts shown whole."""


# --- notices: what the user's last action did, shown until the next action --------------------

NOTICES = "notices"
NOTICE_PAGE = "notice_page"
SEEN = "seen_pages"
_SHOW = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}


def notify(slot: str, kind: str, text: str, icon: str | None = None) -> None:
    """Say what an action did ("… är öppnat", "Ditt utkast är raderat"). `show_notice(slot)` draws
    `text` (markdown the caller made safe) as a `kind` box on every run until the user acts
    again, so a run without a user action (a reconnect, a redraw) does not hide it."""
    st.session_state.setdefault(NOTICES, {})[slot] = (kind, text, icon)


def show_notice(slot: str) -> None:
    notice = st.session_state.get(NOTICES, {}).get(slot)
    if notice:
        kind, text, icon = notice
        _SHOW[kind](text, icon=icon)


def clear_notices() -> None:
    """The user acted: the notices of the previous action are over. Also an on_change of its own
    for a widget that has no other callback."""
    st.session_state.pop(NOTICES, None)


def action(callback: Callable[..., Any]) -> Callable[..., Any]:
    """Every on_change/on_click callback of the app is wrapped in this: the notices of the previous
    action go before `callback` runs (which may set one of its own)."""
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        clear_notices()
        return callback(*args, **kwargs)
    return run


def page_shown(url_path: str) -> None:
    """app.py, every run: moving to another page is a user action too; the page counts as seen."""
    if st.session_state.get(NOTICE_PAGE, url_path) != url_path:
        clear_notices()
    st.session_state[NOTICE_PAGE] = url_path
    st.session_state.setdefault(SEEN, set()).add(url_path)


def seen_pages() -> frozenset[str]:
    """The pages (by id, PAGE_FILES) opened in this session since the screening was last replaced:
    the sidebar's step states start the summary, which asks nothing, once it has been seen."""
    return frozenset(st.session_state.get(SEEN, ()))


def replace_screening(new: Screening) -> None:
    """Swap in a whole screening (loaded file, demo case) and re-seed every widget from it. A
    different screening has not been seen yet (its summary starts unopened)."""
    if new is not st.session_state.get(STATE):
        st.session_state[SEEN] = {st.session_state.get(NOTICE_PAGE, "")}
    st.session_state[STATE] = _RUN.screening = new
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state[ERRORS] = {}


def tr(key: str, **values: Any) -> str:
    """A UI string in the screening's language."""
    return t(key, current().language, **values)


# --- navigation: every page by its id; the walk in the order of STEPS ---------------------------


def page_title(page: str) -> str:
    """A page's name in the sidebar: "2. Dokument" for a step of the walk after Start."""
    if page in REGISTER:
        return tr(f"nav.register_pages.{page}")
    number = STEPS.index(page) if page in STEPS else 0
    return f"{number}. {tr(f'nav.{page}')}" if number else tr(f"nav.{page}")


def navigation(register: bool) -> dict[str, list[Any]]:
    """Every page as an st.Page by sidebar section: the walk (STEPS), the other ways in and, when
    the council's register is on, its pages. app.py hands it to st.navigation and the sidebar."""
    sections = {"nav.section_walk": STEPS, "nav.section_modes": MODES}
    if register:
        sections["nav.register_pages.section"] = REGISTER

    def pages() -> dict[str, list[Any]]:
        return {tr(section): [st.Page(PAGE_FILES[p], title=page_title(p), url_path=p, default=p == STEPS[0])
                              for p in section_pages] for section, section_pages in sections.items()}

    # Kept per session: an st.Page resolves its file on the disk (a stat per folder of its path),
    # 3-5 ms a run for the list. Not shared between sessions: st.navigation marks the page it
    # returns as the one its run may call.
    return memo(NAV_PAGES, (current().language, register), pages)


def sidebar_navigation(pages: dict[str, list[Any]]) -> None:
    """The app's own page list: a heading per section, a link per page, the current page in bold
    on grey. Streamlit's own list is off (client.showSidebarNavigation = false, and app.py's
    st.navigation is hidden): it would list the files of pages/, helpers included, until the
    first run of app.py replaced it."""
    for section, section_pages in pages.items():
        with st.container(gap="xsmall"):
            st.markdown(f":small[**{section}**]")
            for p in section_pages:
                st.page_link(p, width="stretch")


def page_link(page: str, label: str, icon: str = ":material/arrow_forward:") -> None:
    """A link to another page, named by its id (PAGE_FILES)."""
    st.page_link(PAGE_FILES[page], label=label, icon=icon)


def next_link(step: str, label: str | None = None) -> None:
    """The link at the foot of a step to the step after it in STEPS ("Nästa: Dokument")."""
    following = STEPS[STEPS.index(step) + 1]
    page_link(following, label or tr("nav.next", page=tr(f"nav.{following}")))


def memo(slot: str, key: Any, build: Callable[[], Any]) -> Any:
    """Per-session memo: rebuild only when `key` changed. Never st.cache_* (that is global)."""
    cached = st.session_state.get(slot)
    if cached is not None and cached[0] == key:
        return cached[1]
    value = build()
    st.session_state[slot] = (key, value)
    return value


def current_assessment() -> Assessment:
    """assess() of the current screening, recomputed only when the screening changed."""
    s = current()
    return memo(ASSESSMENT, s.model_dump_json(), lambda: assess(s))


def current_assessments() -> list[Assessment]:
    """assess_all() of the current screening (all frameworks), recomputed only on change."""
    s = current()
    return memo(ASSESSMENTS, s.model_dump_json(), lambda: assess_all(s))


def lazy_expander(label: str, key: str, draw: Callable[[], Any], *, expanded: bool = False, icon: str | None = None) -> None:
    """An expander whose content is drawn only while it is open (opening it reruns the page).

    Each element costs the server a message on every rerun, also inside a closed expander; a
    page of "Varför?" boxes that nobody has opened is most of a workshop's load
    (docs/performance.md)."""
    box = st.expander(label, expanded=expanded, key=key, icon=icon, on_change="rerun")
    if box.open:
        with box:
            draw()


def chart_spec(chart: Any) -> dict:
    """An Altair chart as the Vega-Lite spec st.vega_lite_chart draws, its rows already in Arrow.

    Streamlit turns a spec's named datasets into Arrow on every draw unless they already are
    Arrow bytes; converted once here (with Streamlit's own converter), a redraw of a kept spec
    costs almost nothing."""
    spec = chart.to_dict()
    spec["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(rows)
                        for name, rows in spec.get("datasets", {}).items()}
    return spec


def cached(name: str, build: Callable[[], Any], *key: Any) -> Any:
    """`build()`, computed again only when the screening or `key` changed (per session)."""
    return memo(f"cached:{name}", (current().model_dump_json(), key), build)


def chart(name: str, build: Callable[[], Any], *key: Any, height: Any = "content") -> None:
    """Draw an Altair chart; its Vega-Lite spec is rebuilt only when the screening or `key` changed.

    Building and validating an Altair chart costs 30-100 ms here, more than the rest of a page.
    """
    spec = cached(f"chart:{name}", lambda: chart_spec(build()), *key)
    st.vega_lite_chart(spec=spec, width="stretch", height=height)


# --- binding widgets to the model -------------------------------------------------------------


def wkey(path: str) -> str:
    current()
    return f"{path}@{st.session_state.get(GENERATION, 0)}"


def _errors() -> dict[str, str]:
    return st.session_state.setdefault(ERRORS, {})


UNKNOWN = "__unknown__"
"""The "Vet inte / inte besvarad" option of a question; stored in the model as None."""


@action
def commit(path: str, key: str) -> None:
    """on_change callback: copy the widget's value into the model, or remember why not."""
    value = st.session_state.get(key)
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


def _bool_labels() -> dict[Any, str]:
    """Labels of a yes/no question, looked up now (format_func may run outside the script run)."""
    return {True: tr("answer.yes"), False: tr("answer.no"), UNKNOWN: tr("answer.unknown")}


def with_unknown(q: Question) -> list[Any]:
    """A choice question's options plus "Vet inte / inte besvarad", unless the question has a
    "Vet inte" choice of its own (then nothing chosen means not answered: one "Vet inte" only)."""
    return [*q.choices] if "unknown" in q.choices else [*q.choices, UNKNOWN]


def question(q: Question, *, with_why: bool = True) -> None:
    """One catalogue question, bound to its fact, with "Varför frågar vi?" from the rules."""
    if q.kind == "bool":
        labels = _bool_labels()
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
    if with_why:  # one markdown: each element costs the server a message on every rerun
        with st.expander(tr("answer.why")):
            st.markdown("\n\n".join([plain(q.help), *(
                f"**{plain(rule.title)}** – {plain(rule.explanation)}  \n*{tr('answer.source')}: {cite_all(rule.citations)}*"
                for rule in rules_for_fact(current().framework, q.id, current().language)),
                f"*{tr('answer.sources')}: {cite_all(q.citations)}*"]))


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
    without app.py (no sidebar, no draft, no leave guard), /council the helper pages/_council.py
    (docs/architecture.md "Pages and navigation"). Every page and helper imports this module, so its first
    import in the server ends that mode for all sessions, as st.navigation does, and runs the
    same address again, now through app.py. The flag is Streamlit's own (1.67, not public API):
    tests/e2e/test_navigation.py opens /values and /council on a fresh server.

    The rerun is only requested here, not raised (st.rerun() would): it happens at the script's
    next element, after every import has finished. An exception out of a module's import leaves
    the other sessions importing it at that moment without the module ("cannot import name
    '_drafts'"; tests/storage/test_first_crowd.py)."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import RerunData, get_script_run_ctx

    ctx = get_script_run_ctx()
    if PagesManager.uses_pages_directory and ctx is not None:
        PagesManager.uses_pages_directory = False
        if ctx.script_requests is not None:
            ctx.script_requests.request_rerun(RerunData(
                query_string=ctx.query_string, page_script_hash=ctx.page_script_hash,
                cached_message_hashes=ctx.cached_message_hashes, context_info=ctx.context_info))


_through_app()
