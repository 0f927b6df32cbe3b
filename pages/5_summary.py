"""Summary, top-down: the leaning and why, the legal test's path (iop_shell/path.py), the next steps;
then the findings (what needs action by theme with "Varför?", the partnership signs and notes as
compact lists), where the case sits between grant, IOP and procurement, every framework side by
side, and the PDF."""

import streamlit as st

from iop_core.report.comparison import Comparison, cell_label, compare
from iop_core.report.path import SYMBOL, deciding_step
from iop_core.report.picture import axis_points, leaning_label, light_label
from iop_core.report.summary import group_findings, next_steps, why
from iop_core.rules.catalogue import framework, frameworks
from iop_shell import council as register
from iop_shell.charts import axis_chart, chart
from iop_shell.navigation import next_link, page_link
from iop_shell.path import draw_path, finding_step
from iop_shell.report import pdf_controls
from iop_shell.ui import (
    IOP_ICON,
    SEVERITY_ICON,
    cached,
    cite_all,
    current,
    current_assessment,
    current_assessments,
    finding_box,
    lazy_expander,
    plain,
    tr,
)

BOX = {"green": st.success, "amber": st.warning, "red": st.error}
DIFFERS_ICON = ":material/compare_arrows:"


def _decided(x) -> str:
    """A framework's deciding step in the comparison table: "✗ Köper den offentliga parten en tjänst?"."""
    step = deciding_step(x)
    return f"{SYMBOL[step.outcome]} {step.title}" if step else "–"


def _row(title: str, cells: list[str], differs: bool) -> str:
    """One markdown table row; a differing row is marked with an icon and the words "skiljer sig"."""
    head = f"{DIFFERS_ICON} **{plain(title)}** · *{tr('summary.differs')}*" if differs else plain(title)
    return "| " + " | ".join([head, *(plain(c) for c in cells)]) + " |"


def _comparison_tables(s, results, lang) -> tuple[Comparison, str, str]:
    """The comparison, and its table as markdown: every row, and only the rows that differ."""
    cmp = compare(s, assessments=results, lang=lang)
    names = [frameworks(lang)[fid].short + (f" {tr('summary.chosen')}" if fid == s.framework else "")
             for fid in cmp.frameworks]
    head = [
        "| " + " | ".join([tr("summary.col_finding"), *names]) + " |",
        "|" + "---|" * (len(names) + 1),
        _row(tr("summary.row_classification"), [cmp.classification.label(fid, lang) for fid in cmp.frameworks],
             cmp.classification.differs),
        _row(tr("summary.row_decided"), [_decided(x) for x in results], len({_decided(x) for x in results}) > 1),
    ]
    rows = [(row.differs, _row(row.title, [cell_label(row.verdict(fid), lang) for fid in cmp.frameworks], row.differs))
            for row in cmp.rows]
    return (cmp, "\n".join(head + [line for _, line in rows]),
            "\n".join(head + [line for differs, line in rows if differs]))


def _why(f) -> None:
    """The "Varför?" box of a finding: the answers, the rule in words, the sources, the points."""
    w = why(f, lang)
    st.markdown("\n\n".join([  # one markdown: each element costs a message a rerun
        f"**{tr('summary.why_facts')}**",
        "\n".join(f"- {plain(x)}" for x in w.facts) if w.facts else tr("summary.why_no_facts"),
        f"**{tr('summary.why_rule')}** ({plain(w.framework_name)})  \n{plain(w.condition)}",  # in words, no rule id
        f"**{tr('summary.why_sources')}**",
        "\n".join(f"- {plain(x)}" for x in w.sources),
        finding_step(a, f),
    ]))


def _why_each(found) -> None:
    """The "Varför?" of each finding in a compact list, one after the other."""
    for f in found:
        st.markdown(f"**{plain(f.title)}**")
        _why(f)


s = current()
lang = s.language
a = current_assessment()
fw = framework(s.framework, lang)

st.title(tr("summary.title"), anchor=False)
top, pdf = st.columns([3, 1], gap="large")
with top:
    BOX[a.traffic_light](
        f"**{light_label(a.traffic_light, lang)} – {leaning_label(a.classification, lang)}** · {plain(fw.name)}"
        f"\n\n{plain(a.summary)}",
        icon=tr(f"picture.icon_{a.traffic_light}"),
    )
    draw_path(a)
    st.caption(a.disclaimer)
with pdf:
    st.markdown(f"**{tr('summary.pdf_title')}**")
    st.caption(tr("summary.pdf_intro"))
    pdf_controls("summary")

def _missing() -> None:
    st.markdown("\n".join(f"- {plain(m.question)}" for m in a.missing))
    page_link("initiative", tr("summary.to_initiative"))


if a.missing:
    lazy_expander(tr("summary.missing_title", n=len(a.missing)), "summary_missing", _missing, icon=":material/help:")

# --- next steps ----------------------------------------------------------------------------------
steps = next_steps(s, a, lang)
st.header(tr("summary.next_title"), anchor=False)
bring, decide = st.columns(2, gap="large")
with bring:
    st.subheader(tr("summary.bring_title"), anchor=False)
    st.markdown("\n".join(f"- {plain(x)}" for x in steps.bring))
    if steps.missing_documents:
        st.markdown(f"**{tr('summary.missing_documents_title')}**")
        st.markdown("\n".join(f"- {plain(x)}" for x in steps.missing_documents))
        page_link("documents", tr("summary.to_documents"))
    if steps.to_resolve:
        st.markdown(f"**{tr('summary.resolve_title')}**")
        st.markdown("\n".join(f"- **{plain(title)}:** {plain(step)} *({cite_all(c)})*"
                              for title, step, c in steps.to_resolve))
    if steps.routes:
        st.markdown(f"**{tr('summary.routes_title')}**")
        st.caption(tr("summary.routes_intro"))
        st.markdown("\n".join(f"- **{plain(r.title)}:** {plain(r.text)} *({cite_all(r.citations)})*"
                              for r in steps.routes))
with decide:
    st.subheader(tr("summary.who_decides_title"), anchor=False)
    st.info(f"{plain(steps.who_decides.text)}\n\n*{tr('answer.source')}: {cite_all(steps.who_decides.citations)}*",
            icon=":material/account_balance:")
    st.caption(steps.mandate)

# --- findings by theme ------------------------------------------------------------------------
# What needs action opens in full, by theme; the partnership signs and the notes are one compact
# list each, their "Varför?" behind one box (#24: the page was a wall of green boxes).
st.header(tr("summary.findings_title"), anchor=False)
if not a.findings:
    st.info(tr("summary.no_findings"), icon=":material/info:")
act = [f for f in a.findings if f.severity != "info"]
signs = [f for f in a.findings if f.severity == "info" and f.direction == "iop"]
notes = [f for f in a.findings if f.severity == "info" and f.direction != "iop"]
for group in group_findings(act, lang):
    st.subheader(group.label, anchor=False)
    for f in group.findings:
        finding_box(f)
        lazy_expander(tr("summary.why", title=f.title), f"why_{f.rule_id}", lambda f=f: _why(f))
for found, title, why_title, box, icon, key in (
    (signs, tr("summary.signs_title", n=len(signs)), tr("summary.signs_why"), st.success, IOP_ICON, "why_signs"),
    (notes, tr("summary.notes_title", n=len(notes)), tr("summary.notes_why"), st.info, SEVERITY_ICON["info"], "why_notes"),
):
    if found:
        st.subheader(title, anchor=False)
        box("\n".join(f"- **{plain(f.title)}** *({cite_all(f.citations)})*" for f in found), icon=icon)
        lazy_expander(why_title, key, lambda found=found: _why_each(found))

# --- the picture and the comparison --------------------------------------------------------------
results = current_assessments()
st.header(tr("summary.picture_title"), anchor=False)
st.caption(tr("summary.picture_caption"))
chart("position", lambda: axis_chart(axis_points(results, chosen=s.framework, lang=lang), lang=lang))

# Built again only when the answers change: a rerun that changes nothing redraws the same text.
cmp, every_row, differing_rows = cached("summary_comparison", lambda: _comparison_tables(s, results, lang))
st.header(tr("summary.compare_title"), anchor=False)
st.caption(tr("summary.compare_intro"))
only_diff = st.toggle(tr("summary.compare_only_differs"), key="summary_only_differs")
st.markdown(differing_rows if only_diff else every_row)
st.caption(tr("summary.compare_legend"))

st.subheader(tr("summary.differences_title"), anchor=False)
if cmp.classification.differs:
    with st.container(border=True):
        st.markdown(f"{DIFFERS_ICON} **{tr('summary.row_classification')}**\n\n{plain(cmp.classification.explanation)}")
if not cmp.differing and not cmp.classification.differs:
    st.markdown(tr("summary.no_differences"))
for row in cmp.differing:
    with st.container(border=True):
        st.markdown(f"{DIFFERS_ICON} **{plain(row.title)}**\n\n" + "\n".join(f"- {plain(g)}" for g in row.groups))
        if row.why:
            st.caption(plain(row.why))

st.divider()
next_link("summary", tr("summary.to_agreement"))
register.submit_box()
