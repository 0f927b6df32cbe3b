"""Årlig uppföljning (Mora "Uppföljning"): initiatives received per year, by leaning, decision and
policy area, and the days to a decision; a chart and a CSV for the yearly report. Officers only."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from iop_core.register.followup import long_rows, to_csv, yearly
from iop_core.register.process import decisions
from iop_core.storage import StorageUnavailable
from pages import _council as reg
from pages._ui import current, tr

officer = reg.require_officer()  # stops here for anyone else
lang = current().language

st.title(tr("followup.title"))
st.caption(tr("followup.intro"))
try:
    counts = yearly(reg.store().all_for_followup(officer))
except StorageUnavailable:
    st.error(tr("register.unavailable"))
    st.stop()
if not counts:
    st.info(tr("followup.empty"))
    st.stop()

labels = {f"verdict.{v}": tr(f"picture.class_{v}") for v in ("iop", "grant", "procurement", "not_eligible", "uncertain")}
labels |= {f"decision.{d}": dec.label for d, dec in decisions(lang).items()}
labels |= {f"policy_area.{a}": tr(f"register.policy.{a}") for a in
           ("social", "health", "education", "culture_leisure", "labour", "environment", "other", "unset")}
labels |= {"measure.received": tr("followup.received"), "measure.verdict": tr("followup.by_verdict"),
           "measure.decision": tr("followup.by_decision"), "measure.policy_area": tr("followup.by_policy_area"),
           "measure.median_days_to_decision": tr("followup.median_days")}

st.dataframe(pd.DataFrame([{
    tr("followup.year"): str(c.year), tr("followup.received"): c.received, tr("followup.decided"): c.decided,
    tr("followup.median_days"): c.median_days,
} for c in counts]), hide_index=True, width="stretch")

rows = [r for r in long_rows(counts, labels) if r["measure"] in ("verdict", "decision", "policy_area")]
for measure, title in (("verdict", "followup.by_verdict"), ("decision", "followup.by_decision"),
                       ("policy_area", "followup.by_policy_area")):
    data = pd.DataFrame([{"year": str(r["year"]), "value": r["value"], "count": r["count"]}
                         for r in rows if r["measure"] == measure])
    st.subheader(tr(title))
    if data.empty:
        st.caption("–")
        continue
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("year:N", title=tr("followup.year")),
        y=alt.Y("count:Q", title=tr("followup.count"), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("value:N", title=tr("followup.value")),
        tooltip=["year", "value", "count"],
    )
    st.altair_chart(chart, width="stretch")

csv = to_csv(counts, labels, header=(tr("followup.year"), tr("followup.measure"), tr("followup.value"), tr("followup.count")))
st.download_button(tr("followup.csv"), data=csv.encode("utf-8-sig"), file_name="iop-uppfoljning.csv", mime="text/csv",
                   on_click="ignore", icon=":material/download:", key="followup_csv")
