"""The document checklist: the partner-documents step as pure functions (no Streamlit, no disk): what each framework asks
for, a document's state in a Screening, and the rows for the summary page and the PDF.

* **What each framework asks for** (data/documents.toml, data/frameworks/*.toml):
  :func:`required_documents`, :func:`optional_documents`, :func:`framework_note`.
* **A document's state** in a Screening: :func:`document_state`, :func:`set_status`,
  :func:`set_reason`, :func:`outstanding_documents` (what the ``documents_missing`` check reports).
* **Rows for the summary page and the PDF:** :func:`document_rows`, :func:`file_info`,
  :func:`statutes_rows`.

Uploading a file is iop_core.documents.uploads (checking its bytes: upload_check); Mora's value
declaration is iop_core.documents.declaration.

Languages: every function that shows text takes `lang`; those that take a Screening default to
the screening's language (`Screening.language`), the others to Swedish. Translations come from
data/i18n/<lang>.toml (document notes; the sentences are iop_core.i18n's); Swedish is the model.

It does not decide anything about the leaning: the rule ``documents.missing`` in data/rules.toml
(checks in :mod:`iop_core.rules.checks`) does.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any, Literal, NamedTuple

from iop_core.documents.upload_check import ACCEPTED_KINDS, format_size
from iop_core.i18n import DEFAULT_LANGUAGE, t
from iop_core.rules.catalogue import (
    DATA,
    DocumentSpec,
    _check_citations,
    _Frozen,
    document_specs,
    framework,
    overlay,
    questions,
)
from iop_core.rules.citations import cite_all
from iop_core.screening.model import Citation, DocumentEntry, Screening, UploadedFileMeta, fact_value

DocState = Literal["uploaded", "answered", "later", "missing", "open"]
"""uploaded: a file was accepted; answered: an answer in the app stands in for it (Mora punkt 8);
later: to be handed in later; missing: does not exist (with a reason); open: nothing said yet."""


def state_label(state: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A document state as text: "Uppladdad" / "Uploaded", "Lämnas senare", …"""
    return t(f"document_state.{state}", lang)


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


def document_entry(s: Screening, doc_id: str) -> DocumentEntry:
    """The screening's entry for a document (an empty one if nothing is said yet); KeyError for an
    id documents.toml does not know."""
    _spec(doc_id)
    return s.documents.get(doc_id) or DocumentEntry()


def set_status(s: Screening, doc_id: str, status: Literal["later", "missing"] | None) -> None:
    """"Lämnas senare", "Finns inte" or unanswered for a document without a file. Keeps the reason.

    A document with a file is changed by removing the file first (:func:`remove_upload`).
    """
    entry = document_entry(s, doc_id)
    if entry.file is not None:
        raise ValueError(f"document {doc_id!r} has a file; remove it before changing its status")
    if status not in ("later", "missing", None):
        raise ValueError(f"status must be 'later', 'missing' or None, not {status!r}")
    s.documents = {**s.documents, doc_id: DocumentEntry(status=status, reason=entry.reason)}


def set_reason(s: Screening, doc_id: str, reason: str) -> None:
    """Why a document does not exist. Raises pydantic.ValidationError if it is too long."""
    entry = document_entry(s, doc_id)
    s.documents = {**s.documents, doc_id: DocumentEntry(status=entry.status, reason=reason, file=entry.file)}


# --------------------------------------------------------------------------- rows for summary / PDF


def file_info(meta: UploadedFileMeta, lang: str = DEFAULT_LANGUAGE) -> str:
    """"stadgar.pdf · PDF · 3 sidor · 45 kB · 2026-11-24 09:30 · SHA-256 1a2b3c4d5e6f" (plain text)."""
    kind = t(f"file_kind.{meta.kind}", lang) if meta.kind in ACCEPTED_KINDS else meta.kind
    parts = [meta.file_name, kind]
    if meta.pages is not None:
        parts.append(t("file.one_page", lang) if meta.pages == 1 else t("file.pages", lang, n=meta.pages))
    parts += [format_size(meta.size_bytes, lang), meta.uploaded_at.strftime("%Y-%m-%d %H:%M"), f"SHA-256 {meta.sha256[:12]}"]
    return " · ".join(parts)


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


STATUTES_QUESTIONS: tuple[str, ...] = (
    "statutes.has_statutes", "statutes.democratic", "statutes.members", "initiative.org_type",
)


def statutes_rows(s: Screening, lang: str | None = None) -> list[tuple[str, str]]:
    """(question, answer) for the statutes check and the organisation type, in `lang` (by default
    the screening's language)."""
    qs = questions(lang or s.language)
    return [(qs[q].label, qs[q].answer_label(fact_value(s, q))) for q in STATUTES_QUESTIONS]
