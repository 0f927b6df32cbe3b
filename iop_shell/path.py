"""The legal test's path on a page (iop_core.report.path words it): one line per step, in the
order of `Assessment.path`, each an expander with its detail; the deciding step open. The checks
beside the main line follow under "Vid sidan av". Sign and words, never colour alone."""

from __future__ import annotations

import streamlit as st

from iop_core.report.path import PathLine, outcome_label, path_lines, step_of
from iop_core.screening.model import Assessment, Finding
from iop_shell.navigation import page_link
from iop_shell.ui import cite_all, current, lazy_expander, plain, tr

__all__ = ["draw_path", "finding_step"]


def label(line: PathLine) -> str:
    """The step's one line (the expander's label): "✗ 2. Köper …? – Hinder för ett IOP · **Det här
    steget avgjorde**"."""
    text = f"**{line.symbol}** {plain(line.heading)} – {plain(line.label)}"
    return f"{text} · **{tr('path_view.decided')}**" if line.decided else text


def _detail(line: PathLine) -> None:
    parts = [plain(line.reason)] if line.reason else []
    if line.facts:
        parts += [f"**{tr('path_view.facts')}**", "\n".join(f"- {plain(x)}" for x in line.facts)]
    if line.missing:
        parts += [f"**{tr('path_view.missing')}**", "\n".join(f"- {plain(x)}" for x in line.missing)]
    if line.change:
        parts.append(tr("path_view.change", change=plain(line.change)))
    if line.citations:
        parts.append(f"*{tr('path_view.sources', citations=cite_all(line.citations))}*")
    st.markdown("\n\n".join(parts))  # one markdown: each element costs a message a rerun
    if line.missing:
        page_link("initiative", tr("summary.to_initiative"))


def _step(line: PathLine) -> None:
    # The key names the step and whether it decided: when another step decides after a change,
    # that one opens, as on a first visit.
    lazy_expander(label(line), f"path_{line.id}_{int(line.decided)}", lambda: _detail(line), expanded=line.decided)


def draw_path(a: Assessment) -> None:
    """"Så prövades fallet": the main steps, then the checks beside them."""
    lines = path_lines(a, current().language)
    if not lines:
        return
    st.header(tr("path_view.title"), anchor=False)
    st.caption(tr("path_view.intro"))
    for line in (x for x in lines if not x.parallel):
        _step(line)
    beside = [x for x in lines if x.parallel]
    if beside:
        st.markdown(f"**{tr('path_view.beside')}** · {tr('path_view.beside_intro')}")
        for line in beside:
            _step(line)


def finding_step(a: Assessment, f: Finding) -> str:
    """The "Varför?" line of a finding: the step of the test that rests on it, and whether it
    decided; or that no step does."""
    step = step_of(a, f.rule_id)
    if step is None:
        return tr("path_view.why_no_step")
    key = "path_view.why_step_decided" if step.decided else "path_view.why_step"
    return tr(key, step=plain(step.title), outcome=outcome_label(step.outcome, current().language))
