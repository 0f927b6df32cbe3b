"""Mora's value declaration (data/value_declaration.toml): its points, their state in a Screening,
the signature, and the status rows for the summary page and the PDF.

In another language the texts are the translation in data/i18n/<lang>.toml [value_declaration],
a help to read it; the Swedish text is the one the organisation certifies. Nothing here judges:
the rule ``values.incomplete`` (iop_core.rules.checks) does.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import NamedTuple

from pydantic import Field

from iop_core.i18n import DEFAULT_LANGUAGE, t
from iop_core.rules.catalogue import DATA, CatalogueError, _check_citations, _Frozen, framework, overlay
from iop_core.screening.model import VALUE_POINTS, Citation, Screening

_POINT_KEYS: dict[bool | None, str] = {True: "confirmed", False: "refused", None: "open"}

ORGANISATION_BLANK = "__________________"


def point_label(state: bool | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A declaration point's state as text: "Intygas" / "Certified", "Kan inte intygas", "Inte besvarad"."""
    return t(f"point_state.{_POINT_KEYS[state]}", lang)


class DeclarationPoint(_Frozen):
    id: str
    label: str
    """Mora's own wording of the point (for 4a-4g the sub-point alone: "Etnisk tillhörighet")."""
    text: str
    """The point as a full statement (4a-4g include point 4's stem), for lists and findings."""
    group: str = ""

    @property
    def number(self) -> str:
        """"1", "4a", … or "" for the routines statement."""
        return "" if self.id == "routines" else self.id

    @property
    def name(self) -> str:
        return self.name_in(DEFAULT_LANGUAGE)

    def name_in(self, lang: str) -> str:
        """"Punkt 4b" / "Point 4b", or "Rutiner för medarbetare" / "Routines for staff"."""
        return t("values.routines", lang) if self.id == "routines" else t("values.point", lang, id=self.id)


class DeclarationGroup(_Frozen):
    id: str
    text: str


class DeclarationContext(_Frozen):
    """What one framework says about values and democracy conditions (context, not a rule)."""

    title: str
    note: str
    quote: str = ""
    items: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = Field(min_length=1)


class Declaration(_Frozen):
    preface: str
    intro: str
    groups: tuple[DeclarationGroup, ...]
    points: tuple[DeclarationPoint, ...]
    citation: Citation
    context: dict[str, DeclarationContext]

    def point(self, point_id: str) -> DeclarationPoint:
        return next(p for p in self.points if p.id == point_id)

    def group(self, group_id: str) -> DeclarationGroup:
        return next(g for g in self.groups if g.id == group_id)


@cache
def declaration(lang: str = DEFAULT_LANGUAGE) -> Declaration:
    """Mora's value declaration, loaded and checked (points in VALUE_POINTS order, citations known).

    In another language the texts are the translation in data/i18n/<lang>.toml
    ``[value_declaration]``, a help to read it; the Swedish text is the one that is certified.
    """
    if lang != DEFAULT_LANGUAGE:
        return _translate_declaration(declaration(), lang)
    raw = tomllib.loads((DATA / "value_declaration.toml").read_text(encoding="utf-8"))
    try:
        d = Declaration.model_validate({
            "preface": raw["preface"], "intro": raw["intro"], "groups": raw.get("group", []),
            "points": raw["point"], "citation": raw["citation"], "context": raw.get("context", {}),
        })
    except Exception as exc:
        raise CatalogueError(f"value_declaration.toml: {exc}") from exc
    if tuple(p.id for p in d.points) != VALUE_POINTS:
        raise CatalogueError("value_declaration.toml must list the points of model.VALUE_POINTS, in order")
    if "{organisation}" not in d.intro:
        raise CatalogueError("value_declaration.toml: the intro needs the {organisation} blank")
    group_ids = {g.id for g in d.groups}
    for p in d.points:
        if p.group and p.group not in group_ids:
            raise CatalogueError(f"value_declaration.toml: point {p.id!r} names unknown group {p.group!r}")
    _check_citations((d.citation,), "value_declaration.toml citation")
    for fid, ctx in d.context.items():
        _check_citations(ctx.citations, f"value_declaration.toml [context.{fid}]")
    return d


def _translate_declaration(d: Declaration, lang: str) -> Declaration:
    tr = overlay(lang, "value_declaration")
    groups = tr.get("groups", {})
    points = tr.get("points", {})
    context = tr.get("context", {})
    unknown = (set(groups) - {g.id for g in d.groups}) | (set(points) - set(VALUE_POINTS)) | (set(context) - set(d.context))
    if unknown:
        raise CatalogueError(f"i18n/{lang}.toml [value_declaration]: unknown ids {sorted(unknown)}")
    return d.model_copy(update={
        "preface": tr.get("preface", d.preface),
        "intro": tr.get("intro", d.intro),
        "groups": tuple(g.model_copy(update={"text": groups.get(g.id, g.text)}) for g in d.groups),
        "points": tuple(p.model_copy(update=points.get(p.id, {})) for p in d.points),
        "context": {fid: c.model_copy(update={k: tuple(v) if k == "items" else v for k, v in context.get(fid, {}).items()})
                    for fid, c in d.context.items()},
    })


def declaration_intro(s: Screening, lang: str | None = None) -> str:
    """Mora's intro with the organisation's name in the blank (the blank stays if no name is known),
    in `lang` (by default the screening's language)."""
    return declaration(lang or s.language).intro.format(organisation=signer_organisation(s) or ORGANISATION_BLANK)


def declaration_context(framework_id: str, lang: str = DEFAULT_LANGUAGE) -> DeclarationContext | None:
    return declaration(lang).context.get(framework(framework_id).id)


def point_state(s: Screening, point_id: str) -> bool | None:
    """True = intygas, False = kan inte intygas, None = inte besvarad."""
    return s.value_declaration.confirmed.get(point_id)


def set_point(s: Screening, point_id: str, value: bool | None) -> None:
    """Confirm (True), refuse (False) or clear (None) one point of the declaration."""
    if point_id not in VALUE_POINTS:
        raise KeyError(f"unknown declaration point {point_id!r}")
    if value is not None and not isinstance(value, bool):
        raise TypeError("value must be True, False or None")
    confirmed = dict(s.value_declaration.confirmed)
    if value is None:
        confirmed.pop(point_id, None)
    else:
        confirmed[point_id] = value
    s.value_declaration.confirmed = confirmed



class PointStatus(NamedTuple):
    """One point of the declaration: id ("1", "4a", "routines"), full text, status text."""

    point_id: str
    text: str
    status: str


def declaration_status(s: Screening, lang: str | None = None) -> list[PointStatus]:
    lang = lang or s.language
    return [PointStatus(p.id, p.text, point_label(point_state(s, p.id), lang)) for p in declaration(lang).points]


def signer_organisation(s: Screening) -> str:
    """The organisation the signer signs for: as typed, or else the organisation from Start."""
    return (s.value_declaration.signer_organisation or s.organisation.name).strip()


def is_signed(s: Screening) -> bool:
    vd = s.value_declaration
    return bool(vd.signer_name and vd.signer_role and signer_organisation(s) and vd.signed_on)


def signature_line(s: Screening, lang: str | None = None) -> str:
    """"Undertecknad av Anna Lind, ordförande, Föreningen X, 2026-03-02" or what is missing, in
    `lang` (by default the screening's language)."""
    lang = lang or s.language
    vd = s.value_declaration
    fields = {"name": vd.signer_name, "role": vd.signer_role, "organisation": signer_organisation(s)}
    missing = [k for k, v in fields.items() if not v] + ([] if vd.signed_on else ["date"])
    if len(missing) == 4:
        return t("signature.none", lang)
    known = ", ".join(v for v in (*fields.values(), vd.signed_on.isoformat() if vd.signed_on else "") if v)
    if not missing:
        return t("signature.done", lang, known=known)
    names = ", ".join(t(f"signature.{k}", lang) for k in missing)
    return t("signature.incomplete", lang, known=known, missing=names)
