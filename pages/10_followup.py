"""Årlig uppföljning (Mora "Uppföljning"): initiatives received per year, by leaning, decision and
policy area and framework, and the days to a decision; a table per framework and year, charts, and
a CSV and an XLSX for the yearly report. Officers only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from iop_core.clock import today
from iop_core.council.export import to_xlsx
from iop_core.council.followup import long_rows, sheet, to_csv, yearly
from iop_core.council.process import decisions
from iop_core.rules.catalogue import frameworks
from iop_shell import council
from iop_shell.charts import draw_followup_chart
from iop_shell.ui import current, tr

officer = council.require_officer()  # stops here for anyone else
lang = current().language

st.title(tr("followup.title"))
st.caption(tr("followup.intro"))
counts = yearly(council.read_or_stop(lambda store: store.all_for_followup(officer)))
if not counts:
    st.info(tr("followup.empty"))
    st.stop()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
names = {f: fw.name for f, fw in frameworks(lang).items()}
labels = {f"verdict.{v}": tr(f"picture.class_{v}") for v in ("iop", "grant", "procurement", "not_eligible", "uncertain")}
labels |= {f"framework.{f}": name for f, name in names.items()}
labels |= {f"decision.{d}": dec.label for d, dec in decisions(lang).items()}
labels |= {f"policy_area.{a}": tr(f"register.policy.{a}") for a in
           ("social", "health", "education", "culture_leisure", "labour", "environment", "other", "unset")}
labels |= {"measure.received": tr("followup.received"), "measure.framework": tr("followup.by_framework"),
           "measure.verdict": tr("followup.by_verdict"),
           "measure.decision": tr("followup.by_decision"), "measure.policy_area": tr("followup.by_policy_area"),
           "measure.median_days_to_decision": tr("followup.median_days")}

st.dataframe(pd.DataFrame([{
    tr("followup.year"): str(c.year), tr("followup.received"): c.received, tr("followup.decided"): c.decided,
    tr("followup.median_days"): c.median_days,
} for c in counts]), hide_index=True, width="stretch")

st.subheader(tr("followup.by_framework"))
st.dataframe(pd.DataFrame([{tr("followup.year"): str(c.year), **{name: c.by_framework.get(f, 0) for f, name in names.items()}}
                           for c in counts]), hide_index=True, width="stretch")

titles = {"year": tr("followup.year"), "count": tr("followup.count"), "value": tr("followup.value")}
rows = [r for r in long_rows(counts, labels) if r["measure"] in ("framework", "verdict", "decision", "policy_area")]
for measure, title in (("framework", "followup.by_framework"), ("verdict", "followup.by_verdict"), ("decision", "followup.by_decision"),
                       ("policy_area", "followup.by_policy_area")):
    data = pd.DataFrame([{"year": str(r["year"]), "value": r["value"], "count": r["count"]}
                         for r in rows if r["measure"] == measure])
    if measure != "framework":
        st.subheader(tr(title))
    if data.empty:
        st.caption("–")
        continue
    draw_followup_chart(data, titles)

header = (tr("followup.year"), tr("followup.measure"), tr("followup.value"), tr("followup.count"))
csv = to_csv(counts, labels, header=header)
c1, c2, _ = st.columns([1, 1, 2])
c1.download_button(tr("followup.csv"), data=csv.encode("utf-8-sig"), file_name=f"iop-uppfoljning-{today().isoformat()}.csv",
                   mime="text/csv", on_click="ignore", icon=":material/download:", key="followup_csv")
c2.download_button(tr("followup.xlsx"), data=lambda: to_xlsx(sheet(counts, labels, header, tr("followup.title"))),
                   file_name=f"iop-uppfoljning-{today().isoformat()}.xlsx", mime=XLSX, on_click="ignore",
                   icon=":material/table_view:", key="followup_xlsx")
