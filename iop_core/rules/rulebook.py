"""A framework's rule set as plain text, for review: one block per rule with its condition,
direction, severity, theme and citations, then the parameters it uses.

tests/golden/<framework>.txt holds this text; a change to any rule or parameter shows up as a
readable diff in review (`UPDATE_GOLDEN=1 python -m pytest tests/core/test_golden.py` rewrites
them after a deliberate change).
"""

from __future__ import annotations

from typing import Any

from iop_core.format import cite, cite_all
from iop_core.rules.catalogue import Framework
from iop_core.rules.conditions import Leaf
from iop_core.rules.parameters import parameters

_OPS = {"eq": "=", "ne": "≠", "in": "∈", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥"}


def condition_text(cond: Any) -> str:
    """A rule's condition in compact notation: `initiative.sanctions = True`, `(a) AND (b)`."""
    if isinstance(cond, Leaf):
        op, target = cond.op
        if isinstance(target, tuple):
            target = "{" + ", ".join(map(str, target)) + "}"
        return f"{cond.fact} {_OPS[op]} {target}"
    joiner, parts = (" AND ", cond.all) if hasattr(cond, "all") else (" OR ", cond.any)
    return joiner.join(f"({condition_text(c)})" if not isinstance(c, Leaf) else condition_text(c) for c in parts)


def _allowed_words(fw: Framework) -> list[str]:
    """The word check's allow-list: national phrases, then the framework's own (marked)."""
    lines = ["## Word check: phrases not flagged"]
    for entry, own in [*((w, False) for w in fw.wording.national), *((w, True) for w in fw.wording.own)]:
        mark = " (this framework's own)" if own else ""
        lines.append(f"{entry.phrase}{mark}  [{cite_all(entry.citations)}]")
    return [*lines, ""]


def render(fw: Framework) -> str:
    lines = [f"# {fw.name} ({fw.id}): {len(fw.rules)} rules", ""]
    for rule in fw.rules:
        when = f"check {rule.check}({', '.join(rule.reads)})" if rule.check else condition_text(rule.when)
        flags = [f for f, on in (("shared_with_grant", rule.shared_with_grant),) if on]
        if rule.severity == "blocker":
            flags.append(f"stops {rule.stops}")
        lines += [
            f"{rule.id}  [{rule.theme}]",
            f"  when: {when}",
            f"  then: {rule.direction} / {rule.severity}" + (f" ({', '.join(flags)})" if flags else ""),
            f"  title: {rule.title}",
            "  cites: " + cite_all(rule.citations),
            "",
        ]
    lines += _allowed_words(fw)
    lines.append("## Parameters")
    for name, p in parameters().items():
        own = " (this framework's own value)" if name in fw.parameters else ""
        basis = "appens tolkning" if p.interpretation else cite(p.source)
        lines.append(f"{name} = {fw.parameter(name)}{own}  since {p.since.isoformat()}  [{basis}]")
    return "\n".join(lines) + "\n"

