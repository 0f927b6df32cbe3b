"""The legal test's path as the summary, the PDF, triage and the trainer show it.

`Assessment.path` (iop_core.rules.legal_test) is the test as walked: the main steps in order,
then the checks beside them. This module only words it; it never re-decides, drops or reorders a
step, so what is shown is what was decided (tests/pages/test_summary.py, tests/core/test_path.py).

- `path_lines(a, lang)`: one `PathLine` per step of `a.path`, in the same order: the outcome as a
  symbol and in words (never colour alone), the step's question, its number on the main line, and
  the detail (reason, the answers that decided it, open questions, what would change it, sources);
- `path_blocks(a, lang)`: the same as PDF blocks ("Så prövades fallet");
- `deciding_line(a, lang)`: the deciding step and its reason in one line (triage, the trainer).

Pure: no Streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from iop_core.format import lower_first
from iop_core.i18n import t
from iop_core.report.pdf import Block, Callout, Heading, Paragraph
from iop_core.rules.citations import cite_all
from iop_core.screening.model import Assessment, Citation, PathStep

__all__ = [
    "SYMBOL",
    "PathLine",
    "deciding_head",
    "deciding_line",
    "deciding_step",
    "detail_lines",
    "first_sentence",
    "outcome_label",
    "path_blocks",
    "path_lines",
    "step_of",
]

SYMBOL = {"pass": "✓", "fail": "✗", "unanswered": "?", "unclear": "!", "not_reached": "○"}
"""The outcome's sign, always shown next to its words (DejaVu Sans in the PDF has each glyph)."""
OUTCOME_KEY = {
    "pass": "path_view.outcome_pass", "fail": "path_view.outcome_fail", "unanswered": "path_view.outcome_unanswered",
    "unclear": "path_view.outcome_unclear", "not_reached": "path_view.outcome_not_reached",
}
TONE = {"pass": "success", "fail": "danger", "unanswered": "warning", "unclear": "warning", "not_reached": "info"}
"""The PDF box's tint per outcome; the title says the outcome in words as well."""


def outcome_label(outcome: str, lang: str = "sv") -> str:
    """"✓ Inget hinder för ett IOP", "? Inte besvarat", …: the sign and the words."""
    return f"{SYMBOL[outcome]} {t(OUTCOME_KEY[outcome], lang)}"


@dataclass(frozen=True)
class PathLine:
    """One step of the path, worded: what the summary draws as one line with its detail."""

    id: str
    number: int | None
    """1, 2, 3 on the main line; None for a check beside it."""
    title: str
    outcome: str
    symbol: str
    label: str
    """The outcome in words, without the sign ("Inget hinder för ett IOP")."""
    decided: bool
    parallel: bool
    reason: str
    facts: tuple[str, ...]
    missing: tuple[str, ...]
    change: str
    citations: tuple[Citation, ...]

    @property
    def heading(self) -> str:
        """"2. Köper den offentliga parten en tjänst?" (a check beside has no number)."""
        return f"{self.number}. {self.title}" if self.number else self.title

    def headline(self, lang: str = "sv") -> str:
        """The one line: sign, step, outcome, and whether it decided. Plain text."""
        line = f"{self.symbol} {self.heading} – {self.label}"
        return line + " · " + t("path_view.decided", lang) if self.decided else line


def path_lines(a: Assessment, lang: str = "sv") -> list[PathLine]:
    """Every step of `a.path`, in its order, worded in `lang`."""
    out, number = [], 0
    for step in a.path:
        if not step.parallel:
            number += 1
        out.append(_line(step, None if step.parallel else number, lang))
    return out


def _line(step: PathStep, number: int | None, lang: str) -> PathLine:
    return PathLine(
        id=step.id, number=number, title=step.title, outcome=step.outcome, symbol=SYMBOL[step.outcome],
        label=t(OUTCOME_KEY[step.outcome], lang), decided=step.decided, parallel=step.parallel,
        reason=step.reason, facts=tuple(step.facts), missing=tuple(step.missing), change=step.change,
        citations=tuple(step.citations),
    )


def detail_lines(line: PathLine, lang: str = "sv") -> list[str]:
    """The step's detail as plain lines: reason, the answers, open questions, what would change
    it, sources (the PDF's box text; the page draws the same parts as markdown)."""
    lines = [line.reason] if line.reason else []
    if line.facts:
        lines += [t("path_view.facts", lang) + ":", *(f"– {x}" for x in line.facts)]
    if line.missing:
        lines += [t("path_view.missing", lang) + ":", *(f"– {x}" for x in line.missing)]
    if line.change:
        lines.append(t("path_view.change", lang, change=line.change))
    if line.citations:
        lines.append(t("path_view.sources", lang, citations=cite_all(line.citations, lang)))
    return lines


def path_blocks(a: Assessment, lang: str = "sv") -> list[Block]:
    """"Så prövades fallet": one box per step in the path's order, the checks beside after
    "Vid sidan av:". Empty when the assessment has no path (stored before the legal test)."""
    lines = path_lines(a, lang)
    if not lines:
        return []
    blocks: list[Block] = [Heading(text=t("path_view.title", lang), level=2),
                           Paragraph(text=t("path_view.intro_pdf", lang), style="muted")]
    beside = False
    for line in lines:
        if line.parallel and not beside:
            blocks.append(Paragraph(text=t("path_view.beside", lang) + ":"))
            beside = True
        blocks.append(Callout(tone=TONE[line.outcome], title=line.headline(lang),
                              text="\n".join(detail_lines(line, lang)) or line.label))
    return blocks


def deciding_step(a: Assessment) -> PathStep | None:
    """The step that decided the verdict (None for an assessment stored without a path)."""
    return next((p for p in a.path if p.decided), None)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def first_sentence(text: str) -> str:
    """The first sentence of `text` ("… ref. 15" does not end one: a capital must follow)."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def deciding_head(a: Assessment, lang: str = "sv") -> str:
    """"✗ Köper den offentliga parten en tjänst? (hinder för ett IOP)"; empty without a path."""
    step = deciding_step(a)
    if step is None:
        return ""
    return t("path_view.deciding", lang, symbol=SYMBOL[step.outcome], step=step.title,
             outcome=lower_first(t(OUTCOME_KEY[step.outcome], lang)))


def deciding_line(a: Assessment, lang: str = "sv", *, short: bool = False) -> str:
    """The deciding step and its reason in one line: "✗ Köper den offentliga parten en tjänst?
    (hinder för ett IOP): ja, det finns …" (`short`: the reason's first sentence). Empty without
    a path."""
    step, head = deciding_step(a), deciding_head(a, lang)
    if step is None or not step.reason:
        return head
    return f"{head}: {lower_first(first_sentence(step.reason) if short else step.reason)}"


def step_of(a: Assessment, rule_id: str) -> PathStep | None:
    """The step of the path that rests on a finding (the first that names it), or None."""
    return next((p for p in a.path if rule_id in p.rule_ids), None)
