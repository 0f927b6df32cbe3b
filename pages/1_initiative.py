"""Initiative checklist: the chosen framework's fact questions, with live cited findings.

One tab per group of questions and one for the free texts. Only the open tab is drawn (lazy tabs,
`on_change="rerun"`): each element costs the server a message on every rerun, and a workshop of
30 people on this page is what sets the server's load (docs/performance.md). Which tab is open
is kept in the session (state.INITIATIVE_SECTION); the line above the tabs says how much of each is answered, so
a tab not opened yet is never missed.
"""

import streamlit as st

from iop_core.report.progress import INITIATIVE_TEXTS as TEXTS
from iop_core.rules.assessment import is_asked
from iop_core.rules.catalogue import framework, questions_for
from iop_core.screening.model import fact_value
from iop_core.screening.persistence import open_migration_notes
from iop_shell import state
from iop_shell.navigation import next_link
from iop_shell.ui import action, clear_notices, current, free_text, live_findings, question, tr

GROUPS = ("start", "steering", "money", "market", "time", "organisation")


@action
def _open(label: str) -> None:
    state.INITIATIVE_SECTION.set(label)


def _answered(section: str, group_qs: list) -> tuple[int, int]:
    s = current()
    if section == "texts":
        return sum(bool(fact_value(s, f"initiative.{name}")) for name in TEXTS), len(TEXTS)
    return sum(fact_value(s, q.id) is not None for q in group_qs), len(group_qs)


def _questions(group: str, group_qs: list) -> None:
    st.subheader(tr(f"initiative.group_{group}"), anchor=False)
    ask, explain = st.columns([3, 2], gap="large")
    with ask:
        for q in group_qs:
            question(q)
    with explain:
        st.markdown(f"**{tr('initiative.live_title')}**")
        live_findings({q.id for q in group_qs})


def _texts() -> None:
    st.subheader(tr("initiative.texts_title"), anchor=False)
    st.caption(tr("initiative.texts_intro"))
    for name in TEXTS:
        free_text(f"initiative.{name}", tr(f"initiative.{name}"), tr(f"initiative.{name}_help"))


s = current()
fw = framework(s.framework, s.language)
st.title(tr("initiative.title"), anchor=False)
st.caption(tr("initiative.intro", framework=fw.name))
for note in open_migration_notes(s):  # an older file's answer that means something else now
    st.info(tr(f"migration.{note}"), icon=":material/update:")

qs = [q for q in questions_for(s.framework, s.language) if is_asked(q, s, fw)]
sections = {g: [q for q in qs if q.group == g] for g in GROUPS if any(q.group == g for q in qs)} | {"texts": []}
labels = [tr(f"initiative.tab_{section}") for section in sections]
st.markdown(tr("initiative.answered") + " " + " · ".join(
    tr("initiative.answered_part", section=label, done=done, of=of)
    for label, (done, of) in zip(labels, map(_answered, sections, sections.values()), strict=True)))

tabs = st.tabs(labels, key=state.INITIATIVE_SECTION.name, on_change=clear_notices)  # another tab is a user action
for i, ((section, group_qs), tab) in enumerate(zip(sections.items(), tabs, strict=True)):
    if not tab.open:
        continue
    with tab:
        if section == "texts":
            _texts()
        else:
            _questions(section, group_qs)
        if i + 1 < len(labels):
            st.button(tr("initiative.next_section", section=labels[i + 1]), on_click=_open, args=(labels[i + 1],),
                      icon=":material/arrow_forward:", key="initiative_next_section")

next_link("initiative")
