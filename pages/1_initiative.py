"""Initiative checklist: the chosen framework's fact questions, with live cited findings."""

import streamlit as st

from iop_core.rules.catalogue import framework, questions_for
from pages._ui import current, free_text, live_findings, next_link, question, tr

GROUPS = ("start", "steering", "money", "market", "time", "organisation")
TEXTS = ("challenge", "goal", "target_group", "activities", "not_included")

s = current()
fw = framework(s.framework, s.language)
st.title(tr("initiative.title"))
st.caption(tr("initiative.intro", framework=fw.name))

qs = [q for q in questions_for(s.framework, s.language) if q.group in GROUPS]
for group in GROUPS:
    group_qs = [q for q in qs if q.group == group]
    if not group_qs:
        continue
    st.subheader(tr(f"initiative.group_{group}"))
    ask, explain = st.columns([3, 2], gap="large")
    with ask:
        for q in group_qs:
            question(q)
    with explain:
        st.markdown(f"**{tr('initiative.live_title')}**")
        live_findings({q.id for q in group_qs})
    st.divider()

st.subheader(tr("initiative.texts_title"))
st.caption(tr("initiative.texts_intro"))
for name in TEXTS:
    free_text(f"initiative.{name}", tr(f"initiative.{name}"), tr(f"initiative.{name}_help"))

next_link("initiative")
