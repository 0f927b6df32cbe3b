"""The partner-documents and value-declaration steps as pure functions (no Streamlit, no disk).

What it does:

* **What each framework asks for** (data/documents.toml, data/frameworks/*.toml):
  :func:`required_documents`, :func:`optional_documents`, :func:`framework_note`.
* **A document's state** in a Screening: :func:`document_state`, :func:`set_status`,
  :func:`set_reason`, :func:`accept_upload`, :func:`remove_upload`,
  :func:`outstanding_documents` (what the ``documents_missing`` check reports).
* **Uploads:** :func:`check_upload` (re-exported; the one implementation lives in
  :mod:`iop_core.documents.upload_check`), :func:`meta_from_check`, and :class:`FileStore` – the bytes of
  accepted files for *one* session, kept in memory only (the page holds it in
  ``st.session_state``). The Screening only ever gets metadata: name, type, size, pages, SHA-256
  and upload time. Nothing here writes to disk or logs file contents.
* **Mora's value declaration** (data/value_declaration.toml): :func:`declaration`,
  :func:`declaration_intro`, :func:`set_point`, :func:`point_state`, :func:`declaration_context`.
* **Rows for the summary page and the PDF:** :func:`document_rows`,
  :func:`declaration_status`, :func:`signature_line`, :func:`statutes_rows`.

Languages: every function that shows text takes `lang`; those that take a Screening default to
the screening's language (`Screening.language`), the others to Swedish. Translations come from
data/i18n/<lang>.toml (document notes, the value declaration; sentences: iop_core.i18n); Swedish is the
model, and the Swedish value declaration is the one the organisation certifies.

It does not decide anything about the leaning: the rules ``documents.missing`` and
``values.incomplete`` in data/rules.toml (checks in :mod:`iop_core.rules.checks`) do.
"""

from __future__ import annotations

import hashlib
import tomllib
from datetime import datetime, timezone
from functools import cache
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from iop_core.format import cite_all
from iop_core.i18n import DEFAULT_LANGUAGE, t
from iop_core.rules.catalogue import (
    DATA, CatalogueError, DocumentSpec, document_specs, framework, overlay, questions, sources,
)
from iop_core.screening.model import VALUE_POINTS, Citation, DocumentEntry, Screening, UploadedFileMeta, fact_value
from iop_core.documents.upload_check import (
    ACCEPTED_KINDS,
    DEFAULT_MAX_UPLOAD_MB,
    UploadCheck,
    check_upload,
    format_mb,
    format_size,
)

__all__ = [
    "accept_upload",
    "ACCEPTED_KINDS",
    "answered_by",
    "check_upload",
    "Declaration",
    "declaration",
    "declaration_context",
    "declaration_intro",
    "declaration_status",
    "DEFAULT_MAX_UPLOAD_MB",
    "document_rows",
    "document_state",
    "DocumentRow",
    "file_info",
    "FileStore",
    "format_mb",
    "framework_note",
    "FrameworkNote",
    "max_upload_bytes",
    "meta_from_check",
    "now_local",
    "optional_documents",
    "outstanding_among",
    "outstanding_documents",
    "POINT_LABELS",
    "point_label",
    "point_state",
    "PointStatus",
    "remove_upload",
    "required_documents",
    "set_point",
    "set_reason",
    "set_status",
    "signature_line",
    "state_label",
    "STATE_LABELS",
    "statutes_rows",
    "UploadCheck",
]

_MIB = 1024 * 1024

DocState = Literal["uploaded", "answered", "later", "missing", "open"]
"""uploaded: a file was accepted; answered: an answer in the app stands in for it (Mora punkt 8);
later: to be handed in later; missing: does not exist (with a reason); open: nothing said yet."""

_POINT_KEYS: dict[bool | None, str] = {True: "confirmed", False: "refused", None: "open"}


def state_label(state: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A document state as text: "Uppladdad" / "Uploaded", "Lämnas senare", …"""
    return t(f"document_state.{state}", lang)


def point_label(state: bool | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A declaration point's state as text: "Intygas" / "Certified", "Kan inte intygas", "Inte besvarad"."""
    return t(f"point_state.{_POINT_KEYS[state]}", lang)


STATE_LABELS: dict[str, str] = {s: state_label(s) for s in ("uploaded", "answered", "later", "missing", "open")}
"""The Swedish state labels (kept for existing imports; use state_label(state, lang))."""

POINT_LABELS: dict[bool | None, str] = {v: point_label(v) for v in (True, False, None)}
"""The Swedish point labels (kept for existing imports; use point_label(state, lang))."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_citations(citations: tuple[Citation, ...], where: str) -> None:
    for c in citations:
        src = sources().get(c.document)
        if src is None or not src.knows(c.section):
            raise CatalogueError(f"{where}: unknown citation {c.document!r} {c.section!r}; see sources.toml")


# --------------------------------------------------------------------------- what frameworks ask


class FrameworkNote(_Frozen):
    """What a framework says about partner documents, in plain Swedish, with its sources."""

    note: str
    citations: tuple[Citation, ...] = ()


@cache
def _documents_data() -> dict[str, Any]:
    return tomllib.loads((DATA / "documents.toml").read_text(encoding="utf-8"))


@cache
def _notes() -> dict[str, FrameworkNote]:
    out = {}
    for fid, body in _documents_data().get("framework", {}).items():
        note = FrameworkNote.model_validate(body)
        _check_citations(note.citations, f"documents.toml [framework.{fid}]")
        out[fid] = note
    return out


def framework_note(framework_id: str, lang: str = DEFAULT_LANGUAGE) -> FrameworkNote:
    """What the framework says about documents (documents.toml [framework.<id>]), with sources.

    A framework without a note gets a plain "lists no documents" (never an invented list).
    """
    fw = framework(framework_id, lang)
    note = _notes().get(fw.id)
    if note is None:
        return FrameworkNote(note=t("document_state.no_list", lang, framework=fw.name))
    translated = overlay(lang, "document_notes", _notes()).get(fw.id, {}).get("note")
    return note.model_copy(update={"note": translated}) if translated else note


def required_documents(framework_id: str, lang: str = DEFAULT_LANGUAGE) -> tuple[DocumentSpec, ...]:
    """The documents the framework asks for (``documents = [...]`` in its data file), in order."""
    return framework(framework_id, lang).documents


def optional_documents(framework_id: str, lang: str = DEFAULT_LANGUAGE) -> tuple[DocumentSpec, ...]:
    """Catalogue documents the framework does not ask for (users may still hand them in)."""
    required = {d.id for d in required_documents(framework_id)}
    return tuple(d for d in document_specs(lang).values() if d.id not in required)


def answered_by(doc_id: str) -> str | None:
    """The fact whose answer stands in for this document (e.g. the number of members), if any."""
    return _documents_data().get("answered_by", {}).get(doc_id)


def _spec(doc_id: str) -> DocumentSpec:
    try:
        return document_specs()[doc_id]
    except KeyError:
        raise KeyError(f"unknown document {doc_id!r}; see iop_core/data/documents.toml") from None


# --------------------------------------------------------------------------- a document's state


def document_state(s: Screening, doc_id: str) -> DocState:
    entry = s.documents.get(doc_id)
    if entry and entry.status == "uploaded" and entry.file:
        return "uploaded"
    fact = answered_by(doc_id)
    if fact and fact_value(s, fact) is not None:
        return "answered"
    if entry and entry.status in ("later", "missing"):
        return entry.status
    return "open"


def outstanding_documents(s: Screening, framework_id: str, lang: str | None = None) -> list[str]:
    """Required documents not handed in, one plain line each (with the user's reason), in `lang`
    (by default the screening's language)."""
    lang = lang or s.language
    return outstanding_among(s, required_documents(framework_id, lang), lang)


def outstanding_among(s: Screening, specs: tuple[DocumentSpec, ...], lang: str | None = None) -> list[str]:
    """:func:`outstanding_documents` for a given list of documents (a resolved Framework's)."""
    lang = lang or s.language
    out = []
    for spec in specs:
        state = document_state(s, spec.id)
        if state in ("uploaded", "answered"):
            continue
        entry = s.documents.get(spec.id)
        if state == "missing":
            reason = entry.reason.strip() if entry else ""
            why = t("documents.missing_reason", lang, reason=reason) if reason else t("documents.no_reason", lang)
            out.append(t("documents.missing", lang, label=spec.label, reason=why))
        elif state == "later":
            out.append(t("documents.later", lang, label=spec.label))
        else:
            out.append(t("documents.not_uploaded", lang, label=spec.label))
    return out


def _entry(s: Screening, doc_id: str) -> DocumentEntry:
    _spec(doc_id)
    return s.documents.get(doc_id) or DocumentEntry()


def set_status(s: Screening, doc_id: str, status: Literal["later", "missing"] | None) -> None:
    """"Lämnas senare", "Finns inte" or unanswered for a document without a file. Keeps the reason.

    A document with a file is changed by removing the file first (:func:`remove_upload`).
    """
    entry = _entry(s, doc_id)
    if entry.file is not None:
        raise ValueError(f"document {doc_id!r} has a file; remove it before changing its status")
    if status not in ("later", "missing", None):
        raise ValueError(f"status must be 'later', 'missing' or None, not {status!r}")
    s.documents = {**s.documents, doc_id: DocumentEntry(status=status, reason=entry.reason)}


def set_reason(s: Screening, doc_id: str, reason: str) -> None:
    """Why a document does not exist. Raises pydantic.ValidationError if it is too long."""
    entry = _entry(s, doc_id)
    s.documents = {**s.documents, doc_id: DocumentEntry(status=entry.status, reason=reason, file=entry.file)}


# --------------------------------------------------------------------------- uploads


def max_upload_bytes(limit_mb: float | None = None) -> int:
    """The upload limit in bytes: Streamlit's ``server.maxUploadSize`` (MB) if given, else 20 MB."""
    mb = limit_mb if limit_mb and limit_mb > 0 else DEFAULT_MAX_UPLOAD_MB
    return int(mb * _MIB)


def now_local() -> datetime:
    """The time now in Sweden (UTC if the time-zone database is missing), to the second."""
    try:
        from zoneinfo import ZoneInfo

        tz: Any = ZoneInfo("Europe/Stockholm")
    except Exception:
        tz = timezone.utc
    return datetime.now(tz).replace(microsecond=0)


def meta_from_check(check: UploadCheck, uploaded_at: datetime) -> UploadedFileMeta:
    """The metadata the Screening keeps for an accepted file (never its contents)."""
    if not check.ok or check.sha256 is None or check.kind is None:
        raise ValueError("only accepted uploads have metadata")
    return UploadedFileMeta(
        file_name=check.file_name, kind=check.kind, size_bytes=check.size_bytes, pages=check.pages,
        sha256=check.sha256, uploaded_at=uploaded_at,
    )


class FileStore:
    """The bytes of accepted uploads for one session, by document id. Memory only.

    The page keeps one instance in ``st.session_state``; it dies with the session. It is never
    written anywhere: it refuses to be pickled, and its repr shows counts, not contents.
    """

    def __init__(self) -> None:
        self._files: dict[str, tuple[str, bytes]] = {}

    def put(self, doc_id: str, data: bytes) -> str:
        """Keep a copy of `data` for `doc_id` (replacing any earlier file); returns its SHA-256."""
        data = bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        self._files[doc_id] = (digest, data)
        return digest

    def get(self, doc_id: str, sha256: str | None = None) -> bytes | None:
        """The bytes for `doc_id`, or None (also None if `sha256` is given and does not match)."""
        item = self._files.get(doc_id)
        if item is None or (sha256 is not None and item[0] != sha256):
            return None
        return item[1]

    def remove(self, doc_id: str) -> None:
        self._files.pop(doc_id, None)

    def sync(self, s: Screening) -> None:
        """Forget bytes the screening no longer points to (file removed, another screening loaded)."""
        for doc_id, (digest, _data) in list(self._files.items()):
            entry = s.documents.get(doc_id)
            if not (entry and entry.status == "uploaded" and entry.file and entry.file.sha256 == digest):
                del self._files[doc_id]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._files

    def __len__(self) -> int:
        return len(self._files)

    @property
    def total_bytes(self) -> int:
        return sum(len(data) for _digest, data in self._files.values())

    def __repr__(self) -> str:
        return f"FileStore({len(self)} filer, {self.total_bytes} byte)"

    def __reduce__(self) -> Any:
        raise TypeError("FileStore holds uploaded files in memory only and is never pickled or saved")


def accept_upload(
    s: Screening, store: FileStore, doc_id: str, name: str, data: bytes, *,
    max_bytes: int | None = None, now: datetime | None = None, lang: str = DEFAULT_LANGUAGE,
) -> UploadCheck:
    """Check an upload and, only if it is accepted, attach it to `doc_id`. Never raises on bad files;
    the result's message is in `lang`.

    A rejected file changes nothing: earlier uploads, statuses and answers stay as they were.
    """
    _spec(doc_id)
    limit = max_bytes if max_bytes is not None else max_upload_bytes()
    result = check_upload(name, data, max_bytes=limit, lang=lang)
    if not result.ok:
        return result
    meta = meta_from_check(result, now or now_local())
    old = _entry(s, doc_id)
    s.documents = {**s.documents, doc_id: DocumentEntry(status="uploaded", reason=old.reason, file=meta)}
    store.put(doc_id, data)
    return result


def remove_upload(s: Screening, store: FileStore, doc_id: str) -> None:
    """Drop a document's file (metadata and bytes); its status becomes unanswered, the reason stays."""
    old = _entry(s, doc_id)
    s.documents = {**s.documents, doc_id: DocumentEntry(status=None, reason=old.reason)}
    store.remove(doc_id)


def file_info(meta: UploadedFileMeta, lang: str = DEFAULT_LANGUAGE) -> str:
    """"stadgar.pdf · PDF · 3 sidor · 45 kB · 2026-11-24 09:30 · SHA-256 1a2b3c4d5e6f" (plain text)."""
    kind = t(f"file_kind.{meta.kind}", lang) if meta.kind in ACCEPTED_KINDS else meta.kind
    parts = [meta.file_name, kind]
    if meta.pages is not None:
        parts.append(t("file.one_page", lang) if meta.pages == 1 else t("file.pages", lang, n=meta.pages))
    parts += [format_size(meta.size_bytes, lang), meta.uploaded_at.strftime("%Y-%m-%d %H:%M"), f"SHA-256 {meta.sha256[:12]}"]
    return " · ".join(parts)


# --------------------------------------------------------------------------- value declaration


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


ORGANISATION_BLANK = "__________________"


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


# --------------------------------------------------------------------------- rows for summary / PDF


class DocumentRow(NamedTuple):
    """One line of the documents annex: label, status text, file info ("" if none), citation."""

    label: str
    status: str
    file_info: str
    citation: str


def document_rows(s: Screening, framework_id: str, lang: str | None = None) -> list[DocumentRow]:
    """The framework's required documents, then any other document the user handed in or marked,
    in `lang` (by default the screening's language).

    Plain text (user text included): escape it before putting it into markdown.
    """
    lang = lang or s.language
    required = required_documents(framework_id, lang)
    extra = [d for d in optional_documents(framework_id, lang)
             if document_state(s, d.id) in ("uploaded", "later", "missing")]
    rows = []
    for spec in (*required, *extra):
        state = document_state(s, spec.id)
        entry = s.documents.get(spec.id)
        status = state_label(state, lang)
        if state == "missing" and entry and entry.reason.strip():
            status = f"{status}: {entry.reason.strip()}"
        info = ""
        if state == "uploaded" and entry and entry.file:
            info = file_info(entry.file, lang)
        elif state == "answered":
            fact = answered_by(spec.id) or ""
            q = questions(lang).get(fact)
            info = q.answer_label(fact_value(s, fact)) if q else str(fact_value(s, fact))
        label = spec.label if spec in required else t("document_state.optional", lang, label=spec.label)
        rows.append(DocumentRow(label, status, info, cite_all(spec.citations, lang)))
    return rows


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


STATUTES_QUESTIONS: tuple[str, ...] = (
    "statutes.has_statutes", "statutes.democratic", "statutes.members", "initiative.org_type",
)


def statutes_rows(s: Screening, lang: str | None = None) -> list[tuple[str, str]]:
    """(question, answer) for the statutes check and the organisation type, in `lang` (by default
    the screening's language)."""
    qs = questions(lang or s.language)
    return [(qs[q].label, qs[q].answer_label(fact_value(s, q))) for q in STATUTES_QUESTIONS]
