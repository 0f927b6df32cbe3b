"""The agreement outlines (avtalsutkast) per framework, as cited data: data/outlines.toml.

Each framework's own headings and numbering, the source's guidance per section, citations, and
the names of the texts from a screening that prefill a section (PREFILL_NAMES; the texts
themselves are written by iop_core.report.outline). A framework without an outline of its own
uses the national (SKR) one, and its note says so; the notice that an outline is discussion
material, and who decides under each framework ("Vem beslutar?"), are here too.

Every function takes `lang` ("sv" default, "en"): the English texts are the `[outlines]` overlay
in data/i18n/en.toml (headings, guidance, notice, process texts and prefill sentences; citations
are never translated). Loaded and checked like the rest of the catalogue: an unknown framework,
section, prefill name or citation fails at load time. Nothing here reads a screening.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from iop_core.data_folder import NATIONAL
from iop_core.i18n import DEFAULT_LANGUAGE
from iop_core.rules.catalogue import (
    DATA,
    CatalogueError,
    _check_citations,
    framework,
    frameworks,
    overlay,
)
from iop_core.screening.model import Citation

PREFILL_NAMES = (
    "name", "parties", "challenge", "goal", "target_group", "activities", "commitments", "economy", "no_profit",
    "period", "follow_up", "governance", "independence", "renegotiation", "contacts", "values", "mandate",
    "signature", "jointly_prepared",
)
"""The texts from a screening a section may name in `prefill` (iop_core.report.outline.PREFILL
writes each)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OutlineSection(_Frozen):
    id: str
    number: str = ""
    heading: str
    guidance: str
    citations: tuple[Citation, ...] = Field(min_length=1)
    prefill: tuple[str, ...] = ()
    added: bool = False
    """The framework has no such heading; the app adds it (e.g. parties in VGR's list)."""

    @property
    def label(self) -> str:
        """"2.3.1 Avtalspartner", or the heading alone when the section has no number."""
        return f"{self.number} {self.heading}".strip()


class Outline(_Frozen):
    framework: str
    """The framework the outline is shown for (Botkyrka shows SKR's sections)."""
    source: str
    """The framework whose sections these are ("skr" for Botkyrka)."""
    title: str
    intro: str
    citations: tuple[Citation, ...] = Field(min_length=1)
    note: str = ""
    """Why another framework's structure is used, if it is."""
    note_citations: tuple[Citation, ...] = ()
    sections: tuple[OutlineSection, ...]

    def section(self, section_id: str) -> OutlineSection:
        return next(s for s in self.sections if s.id == section_id)


class Notice(_Frozen):
    text: str
    citations: tuple[Citation, ...] = Field(min_length=1)


class Process(_Frozen):
    """Who decides and how the process runs under one framework ("Vem beslutar?")."""

    text: str
    citations: tuple[Citation, ...] = Field(min_length=1)


@cache
def _data() -> dict[str, Any]:
    try:
        raw = tomllib.loads((DATA / "outlines.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"outlines.toml: invalid TOML: {exc}") from exc
    for table in ("outline", "process"):
        unknown = sorted(set(raw.get(table, {})) - set(frameworks()))
        if unknown:
            raise CatalogueError(f"outlines.toml [{table}]: unknown frameworks {unknown}; see data/frameworks/")
    return raw


def _validate(model: type[_Frozen], body: dict[str, Any], where: str) -> Any:
    try:
        obj = model.model_validate(body)
    except Exception as exc:
        raise CatalogueError(f"outlines.toml {where}: {exc}") from exc
    for name in ("citations", "note_citations"):
        if hasattr(obj, name):
            _check_citations(getattr(obj, name), f"outlines.toml {where}")
    return obj


def _sections(fid: str, raw: dict[str, Any]) -> tuple[OutlineSection, ...]:
    out = []
    for body in raw.get("section", []):
        sec = _validate(OutlineSection, body, f"[outline.{fid}] section {body.get('id')!r}")
        unknown = [p for p in sec.prefill if p not in PREFILL_NAMES]
        if unknown:
            raise CatalogueError(f"outlines.toml [outline.{fid}] section {sec.id!r}: unknown prefill {unknown}")
        out.append(sec)
    ids = [s.id for s in out]
    if len(set(ids)) != len(ids):
        raise CatalogueError(f"outlines.toml [outline.{fid}]: duplicate section ids")
    return tuple(out)


def _translation(lang: str) -> dict[str, Any]:
    """The `[outlines]` overlay of data/i18n/<lang>.toml ({} for Swedish)."""
    return overlay(lang, "outlines")


def _translated_outline(fid: str, lang: str) -> dict[str, Any]:
    """[outlines.outline.<fid>] of the translation, checked against the Swedish outline's ids."""
    tr = _translation(lang).get("outline", {})
    unknown = [f for f in tr if f not in _data().get("outline", {})]
    if unknown:
        raise CatalogueError(f"i18n/{lang}.toml [outlines.outline]: unknown frameworks {unknown}")
    return tr.get(fid, {})


@cache
def outline_for(framework_id: str, lang: str = DEFAULT_LANGUAGE) -> Outline:
    """The outline a framework uses in `lang`: its own, the one it names with `same_as`, or, with
    no [outline.<id>], the national one with a note that says so ([fallback] note)."""
    fid = framework(framework_id).id
    outlines = _data().get("outline", {})
    raw = outlines.get(fid)
    if raw is None and fid != NATIONAL:
        base = outline_for(NATIONAL, lang)
        note = (_translation(lang).get("fallback", {}).get("note") or _data()["fallback"]["note"])
        return base.model_copy(update={"framework": fid, "note": note.format(name=framework(fid, lang).name),
                                       "note_citations": base.citations})
    if raw is None:
        raise CatalogueError(f"outlines.toml: no [outline.{NATIONAL}], the outline every other framework can fall back to")
    tr = _translated_outline(fid, lang)
    if "same_as" in raw:
        base = outline_for(raw["same_as"], lang)
        note_cites = tuple(Citation.model_validate(c) for c in raw.get("citations", []))
        _check_citations(note_cites, f"outlines.toml [outline.{fid}]")
        note = tr.get("note") or raw.get("note", "")
        return base.model_copy(update={"framework": fid, "note": note, "note_citations": note_cites})
    body = {k: v for k, v in raw.items() if k != "section"}
    body.update({k: v for k, v in tr.items() if k in ("title", "intro", "note")})
    sections = _sections(fid, raw)
    tr_sections = tr.get("sections", {})
    unknown = [i for i in tr_sections if i not in {sec.id for sec in sections}]
    if unknown:
        raise CatalogueError(f"i18n/{lang}.toml [outlines.outline.{fid}.sections]: unknown section ids {unknown}")
    sections = tuple(
        sec.model_copy(update={k: v for k, v in tr_sections.get(sec.id, {}).items() if k in ("heading", "guidance")})
        for sec in sections
    )
    return _validate(Outline, {**body, "framework": fid, "source": fid, "sections": sections},
                     f"[outline.{fid}]")


@cache
def notice(lang: str = DEFAULT_LANGUAGE) -> Notice:
    """"Discussion material for a joint process, not an application" (VGR "Ett IOP")."""
    body = {**_data()["notice"], **_translation(lang).get("notice", {})}
    return _validate(Notice, body, "[notice]")


@cache
def process_for(framework_id: str, lang: str = DEFAULT_LANGUAGE) -> Process:
    """Who decides and how the process runs under the framework (SKR 2.1, Mora Arbetsgång, ...)."""
    fid = framework(framework_id).id
    if fid not in _data()["process"]:
        fid = NATIONAL  # cited as SKR's, so the reader sees whose process it is
    body = dict(_data()["process"][fid])
    text = _translation(lang).get("process", {}).get(fid)
    if text:
        body["text"] = text
    return _validate(Process, body, f"[process.{fid}]")


def prefill_sentence(key: str, lang: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """A sentence of data/outlines.toml [prefill] in `lang`, formatted with `values`."""
    text = _translation(lang).get("prefill", {}).get(key) or _data()["prefill"][key]
    return text.format(**values)


def all_outlines(lang: str = DEFAULT_LANGUAGE) -> dict[str, Outline]:
    """Every framework's outline in `lang` (loads and checks the whole data file)."""
    return {fid: outline_for(fid, lang) for fid in frameworks()}
