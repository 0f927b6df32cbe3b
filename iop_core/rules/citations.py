"""A citation in words: "SKR 2.5", "LOU 1 kap. 2 §", several joined by "; ".

The catalogue's source registry (data/sources.toml) gives each document its short name and
title, so citing sits beside the catalogue, below everything that shows a finding, a rule or a
question with its source.
"""

from __future__ import annotations

from collections.abc import Iterable

from iop_core.i18n import DEFAULT_LANGUAGE
from iop_core.rules.catalogue import sources
from iop_core.screening.model import Citation


def cite(c: Citation, lang: str = DEFAULT_LANGUAGE, *, full: bool = False) -> str:
    """A citation as readers see it: the source's short name and the pinpoint ("SKR 2.5", "LOU
    1 kap. 2 §"); `full` gives the source's whole title ("Idéburet offentligt partnerskap …, 2.5")."""
    src = sources(lang).get(c.document)
    if src is None:
        return f"{c.document} {c.section}"
    return f"{src.title}, {c.section}" if full else f"{src.short} {c.section}"


def cite_all(citations: Iterable[Citation], lang: str = DEFAULT_LANGUAGE) -> str:
    """Several citations in one line: "SKR 2.5; SKR kap. 3"."""
    return "; ".join(cite(c, lang) for c in citations)
