"""Officer triage: the quick questions in two columns, the live result beside them, the meeting note.

The answers are the same Screening fields as the full walk. The value declaration is only shown
(status + link), never confirmed from here. The PDF is built when the button is clicked.
"""

import streamlit as st

from iop_core.format import lower_first
from iop_core.report.path import deciding_head, deciding_line
from iop_core.report.picture import leaning_label, light_label
from iop_core.report.triage import (
    meeting_note_pdf,
    note_file_name,
    triage_questions,
    unanswered,
    value_declaration_status,
    value_declaration_text,
)
from iop_core.rules.catalogue import Question, framework, frameworks
from iop_core.screening.persistence import save_file_name
from iop_shell import council as register
from iop_shell.navigation import page_link
from iop_shell.ui import (
    SEVERITY_ICON,
    UNKNOWN,
    bound,
    cite_all,
    current,
    current_assessment,
    current_assessments,
    lazy_expander,
    plain,
    tr,
    with_unknown,
    yes_no_labels,
)
from iop_shell.unsaved import save_file

BOX = {"green": st.success, "amber": st.warning, "red": st.error}


def compact_question(q: Question) -> None:
    """A triage question as a small widget: yes/no in a row, choices one below the other.

    Choices are radio buttons, not a drop-down: a drop-down in half a column cut the chosen
    answer and the list's options to one line ("Per levererad enhet, till exempel per de…"),
    while every answer here is a sentence that must be read whole. The same as the full walk.
    """
    if q.kind == "bool":
        bound(st.radio, q.id, q.label, options=[True, False, UNKNOWN], format_func=yes_no_labels().get, horizontal=True, help=q.help)
    elif q.kind == "choice":
        bound(st.radio, q.id, q.label, options=with_unknown(q),
              format_func=lambda v: q.choices.get(v, tr("answer.unknown")), help=q.help)
    else:
        bound(st.number_input, q.id, q.label, min_value=0.0, max_value=50.0, step=1.0, format="%g",
              placeholder=tr("answer.unknown"), help=q.help)


def _risks(risks: list) -> None:
    if not risks:
        st.caption(tr("triage.no_findings"))
    for f in risks:
        st.markdown(f"{SEVERITY_ICON[f.severity]} {tr(f'severity.{f.severity}')}: **{plain(f.title)}**  \n"
                    f"*{tr('answer.source')}: {cite_all(f.citations)}*")


def result_panel() -> None:
    s = current()
    lang = s.language
    a = current_assessment()
    fw = framework(s.framework, lang)
    light = a.traffic_light
    line = tr("triage.result_line", light=light_label(light, lang), leaning=leaning_label(a.classification, lang),
              framework=fw.short)
    BOX[light](f"**{line}**", icon=tr(f"picture.icon_{light}"))
    st.caption(plain(a.summary))

    # The condensed path per framework: the step that decided and its reason, one line each.

    st.markdown(f"**{tr('triage.frameworks_title')}**")
    lines, shown = [], {}
    for other in current_assessments():
        name = frameworks(lang)[other.framework].short
        line = (f"{tr(f'picture.icon_{other.traffic_light}')} **{name}**: {light_label(other.traffic_light, lang)}, "
                f"{lower_first(leaning_label(other.classification, lang))}")
        line = f"{line} *({tr('triage.chosen')})*" if other.framework == s.framework else line
        decided = deciding_line(other, lang, short=True)
        if decided in shown:  # the same step for the same reason: said once, then "som för SKR"
            decided = tr("path_view.as_for", head=deciding_head(other, lang), framework=shown[decided])
        else:
            shown[decided] = name
        lines.append(f"{line}  \n:small[{plain(decided)}]" if decided else line)
    st.markdown("  \n".join(lines))

    risks = [f for f in a.findings if f.direction != "iop" and f.severity != "info"]
    lazy_expander(tr("triage.findings_title", n=len(risks)), "triage_risks", lambda: _risks(risks))

s = current()
st.title(tr("triage.title"), anchor=False)
st.caption(tr("triage.intro", n=len(triage_questions())))

ask, result = st.columns([5, 3], gap="medium")
with result:
    with st.container(key="triage_result", border=True):  # stays in view while scrolling (ui.APP_CSS)
        st.markdown(f"**{tr('triage.result_title')}**")
        result_panel()

with ask:
    with st.container(horizontal=True, gap="medium"):  # one block, not a column pair
        bound(st.text_input, "organisation.name", tr("triage.org_name"), max_chars=300)
        bound(st.text_input, "organisation.public_partner", tr("triage.public_partner"), max_chars=300)

    qs = triage_questions(s.language)
    st.subheader(tr("triage.questions_title"), anchor=False)
    st.caption(tr("triage.answered", answered=len(qs) - len(unanswered(s)), total=len(qs)))
    left, right = st.columns(2)
    for i, q in enumerate(qs):
        with left if i % 2 == 0 else right:
            compact_question(q)

    with st.container(border=True):
        vd = value_declaration_status(s)
        st.markdown(f"**{tr('triage.vd_title')}**")
        st.markdown(plain(value_declaration_text(vd, framework(s.framework, s.language).short, s.language)))
        st.caption(tr("triage.vd_explain"))
        page_link("values", tr("triage.vd_link"), icon=":material/verified:")

    st.subheader(tr("triage.meeting_title"), anchor=False)
    bound(st.text_area, "meeting.open_questions", tr("triage.open_questions"), help=tr("triage.open_questions_help"),
          height=90, max_chars=10_000)
    bound(st.text_area, "meeting.next_steps", tr("triage.next_steps"), help=tr("triage.next_steps_help"),
          height=90, max_chars=10_000)
    bound(st.text_area, "meeting.notes", tr("triage.notes"), height=110, max_chars=10_000)

    # Both made on click, from the answers then, as the sidebar's "Spara" (iop_shell.unsaved.save_file,
    # which also marks them saved for the "Leave site?" prompt).
    with st.container(horizontal=True):
        st.download_button(
            tr("triage.pdf_button"), data=lambda: meeting_note_pdf(s), file_name=note_file_name(s),
            mime="application/pdf", help=tr("triage.pdf_help"), icon=":material/picture_as_pdf:",
            on_click="ignore", key="triage_pdf", type="primary",
        )
        st.download_button(
            tr("triage.save_button"), data=save_file(s), file_name=save_file_name(s),
            mime="application/json",
            help=tr("triage.save_help"), icon=":material/download:", on_click="ignore", key="triage_save",
        )
    page_link("initiative", tr("triage.continue_link"))
register.submit_box()
