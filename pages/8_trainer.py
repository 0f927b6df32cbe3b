"""Trainer mode: a gallery of fictional demo cases, "Tänk om…" switches, and a projector view.

A switch is applied to a *copy* of the current screening (iop_core.report.what_if); what the user or the
demo case filled in is never changed. The presentation view hides the sidebar with constant,
app-controlled CSS and draws the grant ↔ IOP ↔ procurement picture large.
"""

import streamlit as st

from iop_core.report.path import deciding_head, deciding_line
from iop_core.report.picture import axis_points, leaning_label, light_label
from iop_core.report.what_if import (
    apply,
    changes_anything,
    claim_holds,
    explain_change,
    fact_changes,
    switch,
    switches,
)
from iop_core.rules.assessment import assess_all
from iop_core.rules.catalogue import framework, frameworks, questions
from iop_core.screening.demo import demo_cases
from iop_shell.charts import axis_chart, chart
from iop_shell.rulebook import rulebook_section
from iop_shell.ui import (
    action,
    cached,
    cite_all,
    clear_notices,
    current,
    current_assessments,
    lazy_expander,
    notify,
    plain,
    show_notice,
    tr,
    wkey,
)
from iop_shell.unsaved import demo_button, demo_undo_button, open_demo

PRESENT_KEY = "trainer_present"
NOTICE = "trainer"  # the notice slot of this page: an example opened
# Constant, app-controlled CSS (never user data): no sidebar or header, large type for a projector.
PRESENT_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem !important; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li,
[data-testid="stMainBlockContainer"] label p { font-size: 1.6rem !important; line-height: 1.45 !important; }
[data-testid="stMainBlockContainer"] h1 { font-size: 3rem !important; }
[data-testid="stMainBlockContainer"] h2, [data-testid="stMainBlockContainer"] h3 { font-size: 2.2rem !important; }
</style>"""
BOX = {"green": st.success, "amber": st.warning, "red": st.error}
CHANGE_ICON = {"added": ":material/add_circle:", "removed": ":material/remove_circle:", "changed": ":material/swap_vert:"}


@action
def _open_demo(case_id: str, title: str) -> None:
    new = open_demo(case_id)
    notify(NOTICE, "success", tr("trainer.opened", title=title) + " "
           + tr("demo.framework", framework=frameworks(new.language)[new.framework].name), icon=":material/check:")


def _leaning(a, *, icon: bool = True) -> str:
    lang = current().language
    text = f"{light_label(a.traffic_light, lang)} – {leaning_label(a.classification, lang)}"
    return f"{tr(f'picture.icon_{a.traffic_light}')} {text}" if icon else text


def gallery() -> None:
    cases = demo_cases(current().language)
    cols = st.columns(3)
    for i, case in enumerate(cases):
        with cols[i % 3].container(border=True):
            st.markdown(f"**{case.title}**")
            st.caption(tr("trainer.fictional"))
            st.write(case.story)
            st.markdown(f"*{tr('trainer.teaches')}:* {case.teaches}")
            demo_button(case.id, case.title, f"trainer_open_{case.id}", tr("trainer.open"), _open_demo)


def case_title() -> str:
    s = current()
    titles = {c.id: c.title for c in demo_cases(s.language)}
    if s.demo_case in titles:
        return tr("trainer.current_case", title=titles[s.demo_case])
    return tr("trainer.own_case")


def what_if_picker() -> str | None:
    """The switch to try (None = the case as it is). Only switches that change something are offered."""
    s = current()
    usable = cached("what_if_usable", lambda: [sw for sw in switches(s.language) if changes_anything(s, sw)], s.language)
    already = [sw.label for sw in switches(s.language) if sw not in usable]
    choice = st.radio(
        tr("trainer.what_if_label"), options=[None, *[sw.id for sw in usable]],
        format_func=lambda sid: tr("trainer.what_if_none") if sid is None else switch(sid, s.language).label,
        key=wkey("trainer.what_if"), on_change=clear_notices,
    )
    if already:
        st.caption(tr("trainer.what_if_already", labels="; ".join(already)))
    return choice


def explain(switch_id: str, befores, afters) -> None:
    s = current()
    sw = switch(switch_id, s.language)
    fw = framework(s.framework, s.language)
    before = next(a for a in befores if a.framework == s.framework)
    after = next(a for a in afters if a.framework == s.framework)
    holds = claim_holds(sw, before, after)
    (st.info if holds else st.warning)(
        f"**{tr('trainer.claim')}:** {plain(sw.claim)}\n\n"
        f"{tr('trainer.claim_holds') if holds else tr('trainer.claim_not_here')}",
        icon=":material/lightbulb:",
    )
    qs = questions(s.language)
    lines = [
        tr("trainer.fact_changed", question=qs[path].label, old=qs[path].answer_label(old), new=qs[path].answer_label(new))
        for path, old, new in fact_changes(s, sw)
    ]
    if sw.org_share is not None:
        percent = int(sw.org_share * 100)
        lines.append(tr("trainer.budget_changed", share=f"{percent} %" if s.language == "sv" else f"{percent}%"))
    st.markdown("\n".join(f"- {plain(line)}" for line in lines))

    def points(a) -> str:
        return " / ".join(str(a.scores.get(k, 0)) for k in ("iop", "grant", "procurement"))

    decided = tr("path_view.trainer_decided", before=deciding_head(before, s.language) or "–",
                 after=deciding_head(after, s.language) or "–")
    st.markdown(tr("trainer.moved", before=_leaning(before), after=_leaning(after)) + "  \n" + plain(decided) + "  \n"
                + tr("trainer.points", before=points(before), after=points(after)))
    if deciding_line(after, s.language) != deciding_line(before, s.language):  # why the step now decides so
        st.caption(plain(deciding_line(after, s.language)))
    st.markdown(f"**{tr('trainer.changes_title', framework=fw.short)}**")
    changes = explain_change(before, after)
    if not changes:
        st.caption(tr("trainer.no_change", framework=fw.short))
    for c in changes:
        sev = tr(f"severity.{c.severity_after or c.severity_before}")
        if c.kind == "changed":
            sev = tr("trainer.change_severity", before=tr(f"severity.{c.severity_before}"),
                     after=tr(f"severity.{c.severity_after}"))
        st.markdown(
            f"{CHANGE_ICON[c.kind]} **{tr(f'trainer.change_{c.kind}')}:** {plain(c.title)} · {sev}  \n"
            f"*{tr('answer.source')}: {cite_all(c.citations)}*"
        )


s = current()
present = st.toggle(tr("trainer.present"), key=PRESENT_KEY, help=tr("trainer.present_help"), on_change=clear_notices)
if present:
    st.markdown(PRESENT_CSS, unsafe_allow_html=True)

show_notice(NOTICE)
demo_undo_button("trainer_undo")

if present:  # the picture first and full width; the switches and what they changed below it
    st.header(plain(case_title()), anchor=False)
    picture_slot = st.container()
    pick_col, explain_col = st.columns([2, 3], gap="large")
else:
    st.title(tr("trainer.title"), anchor=False)
    st.caption(tr("trainer.intro"))
    is_demo = s.demo_case in {c.id for c in demo_cases(s.language)}
    lazy_expander(tr("trainer.gallery_title"), "trainer_gallery", gallery, expanded=not is_demo, icon=":material/school:")
    st.subheader(plain(case_title()), anchor=False)
    pick_col, picture_slot = st.columns([2, 3], gap="large")
    explain_col = st.container()

befores = current_assessments()
with pick_col:
    st.subheader(tr("trainer.what_if_title"), anchor=False)
    choice = what_if_picker()
    st.caption(tr("trainer.what_if_note"))
afters = cached("what_if_after", lambda: assess_all(apply(s, switch(choice))), choice) if choice else None

with picture_slot:
    if not present:
        st.subheader(tr("trainer.picture_title"), anchor=False)
    points = axis_points(befores, scenario=tr("trainer.before"), lang=s.language)
    if afters:
        points += axis_points(afters, scenario=tr("trainer.after"), lang=s.language)
    chart("picture", lambda: axis_chart(points, large=present, lang=s.language), choice, present)
    st.caption(tr("picture.caption"))

with explain_col:
    if choice:
        explain(choice, befores, afters)
    else:
        mine = next(a for a in befores if a.framework == s.framework)
        BOX[mine.traffic_light](f"**{_leaning(mine, icon=False)}** ({framework(s.framework, s.language).short})\n\n{plain(mine.summary)}",
                                icon=tr(f"picture.icon_{mine.traffic_light}"))

if not present:
    st.subheader(tr("trainer.frameworks_title"), anchor=False)
    rows = [f"| {tr('triage.col_framework')} | {tr('trainer.before')} | {tr('trainer.after')} |", "|---|---|---|"]
    for i, a in enumerate(befores):
        after_text = _leaning(afters[i]) if afters else "–"
        rows.append(f"| {frameworks(s.language)[a.framework].short} | {_leaning(a)} | {after_text} |")
    st.markdown("\n".join(rows))

if not present:
    rulebook_section()
