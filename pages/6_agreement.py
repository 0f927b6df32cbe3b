"""Agreement outline: the chosen framework's headings, prefilled from the screening, editable.

Each section shows the source's guidance, a text area seeded with the user's text or the app's
suggestion, the word-choice check and "Återställ förslag". Edits are stored in
Screening.agreement.sections[section id] by on_change; a text equal to the suggestion is not
stored, so the suggestion keeps following the answers until the user changes it.
"""

import streamlit as st
from pydantic import ValidationError

from iop_core.report.outline import build_outline, suggested_text
from iop_core.rules.catalogue import framework
from iop_core.rules.outlines import notice, outline_for
from iop_core.screening.model import MAX_LINE, MAX_TEXT, fact_value
from iop_core.screening.persistence import describe_validation_error
from iop_shell import state
from iop_shell.report import pdf_controls
from iop_shell.ui import action, cached, cite_all, commit, current, plain, show_error, tr, wkey, word_hints


def _key(section_id: str) -> str:
    return wkey(f"agreement.sections.{section_id}")


def _suggestion(section_id: str) -> str:
    s = current()
    return suggested_text(outline_for(s.framework, s.language).section(section_id), s, s.language)


def _refresh_suggestions() -> None:
    """Re-seed every section the user has not edited (after a change its suggestion depends on)."""
    s = current()
    for sec in outline_for(s.framework, s.language).sections:
        if sec.id not in s.agreement.sections:
            state.set_widget(_key(sec.id), suggested_text(sec, s, s.language))


@action
def _commit_section(section_id: str) -> None:
    """on_change: keep the user's text (or forget it when it equals the suggestion)."""
    text = state.widget_value(_key(section_id), "") or ""
    s = current()
    sections = dict(s.agreement.sections)
    if text == _suggestion(section_id):
        sections.pop(section_id, None)
    else:
        sections[section_id] = text
    errors = state.AGREEMENT_ERRORS.setdefault({})
    try:
        s.agreement.sections = sections
        errors.pop(section_id, None)
    except ValidationError as exc:
        errors[section_id] = describe_validation_error(exc, lang=current().language)


@action
def _reset_section(section_id: str) -> None:
    s = current()
    s.agreement.sections = {k: v for k, v in s.agreement.sections.items() if k != section_id}
    state.AGREEMENT_ERRORS.setdefault({}).pop(section_id, None)
    state.set_widget(_key(section_id), _suggestion(section_id))


@action
def _commit_contact(path: str, key: str) -> None:
    commit(path, key)
    _refresh_suggestions()


def _height(text: str) -> int:
    """Room for the text plus a line or two, within sensible bounds (pixels)."""
    lines = sum(max(1, -(-len(line) // 110)) for line in (text or "").split("\n"))
    return max(100, min(360, 24 * lines + 48))


def _contact_input(path: str, label: str) -> None:
    key = wkey(path)
    st.text_input(label, value=fact_value(current(), path), key=key, on_change=_commit_contact,
                  args=(path, key), max_chars=MAX_LINE, placeholder=tr("agreement.contact_placeholder"))
    show_error(path)


s = current()
lang = s.language
fw = framework(s.framework, lang)
filled = cached("agreement_outline", lambda: build_outline(s, lang=lang))  # again only after a change
outline = filled.outline
n = notice(lang)

st.title(tr("agreement.title"))
st.info(f"{plain(n.text)}\n\n*{tr('answer.sources')}: {cite_all(n.citations)}*",
        icon=":material/forum:")
st.markdown(f"**{plain(outline.title)}**")
st.caption(f"{outline.intro} ({cite_all(outline.citations)})")
if outline.note:
    st.caption(f"{outline.note} ({cite_all(outline.note_citations)})")
st.caption(tr("agreement.framework_hint", framework=fw.name))

hits = filled.word_hits
if hits:
    st.warning(tr("agreement.word_summary", n=len(hits)), icon=":material/edit_note:")

with st.container(border=True):
    st.markdown(f"**{tr('agreement.contacts_title')}**")
    left, right = st.columns(2)
    with left:
        _contact_input("agreement.contact_organisation", tr("agreement.contact_organisation"))
    with right:
        _contact_input("agreement.contact_public", tr("agreement.contact_public"))
    st.caption(tr("agreement.contacts_help") + " " + tr("agreement.done_when"))

errors = state.AGREEMENT_ERRORS.get({})
for sec in filled.sections:
    head = sec.section
    key = _key(head.id)
    if not state.has_widget(key):  # seeded from the model; never also passed as value=
        state.set_widget(key, sec.text)
    # Whether the text is the app's suggestion goes with the heading and guidance, in one element
    # (each element is a message on every rerun); an edited text's note stays by its reset button.
    status = "" if sec.edited else (f":material/auto_awesome: {tr('agreement.suggested')}" if sec.suggested
                                    else f":material/edit_note: {tr('agreement.empty')}")
    with st.container(border=True, key=f"outline_section_{head.id}"):
        st.markdown(f"#### {plain(head.label)}" + (f" · *{tr('agreement.added')}*" if head.added else "")
                    + f"\n\n:small[{plain(head.guidance)} ({cite_all(head.citations)})]"
                    + (f"\n\n:small[{status}]" if status else ""))
        st.text_area(tr("agreement.text_label", section=head.label), key=key, on_change=_commit_section,
                     args=(head.id,), height=_height(sec.text), max_chars=MAX_TEXT)
        if head.id in errors:
            st.error(plain(errors[head.id]), icon=":material/error:")
        word_hints(list(sec.word_hits))
        if sec.edited:  # columns only where there is a button beside the caption (fewer elements a rerun)
            note, reset = st.columns([3, 1])
            note.caption(f":material/edit: {tr('agreement.edited')}")
            reset.button(tr("agreement.reset"), key=f"reset_{key}", on_click=_reset_section, args=(head.id,),
                         icon=":material/undo:")

st.divider()
st.markdown(f"**{tr('agreement.pdf_title')}**")
st.caption(tr("agreement.pdf_intro"))
pdf_controls("agreement")
