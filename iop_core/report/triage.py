"""Officer triage: the quick questions, the value declaration's status, and the one-page note.

The triage asks the questions marked `triage = true` in data/questions.toml. They are the same
Screening fields as the full walk, so the saved file can be handed to the organisation to
continue. The value declaration is *not* asked here: it is confirmed point by point on its own
page, and the triage only reports its status (`value_declaration_status`).

`meeting_note()` builds the "mötesanteckning" as a PdfDocument; `meeting_note_pdf()` renders it
and guarantees ONE A4 page: free texts are cut (visibly, with "…" and a note that the full text
is in the saved file) at the first set of NoteLimits that fits. The note is in the screening's language
(`Screening.language`) unless `lang` says otherwise. No Streamlit here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Sequence

from pypdf import PdfReader

from iop_core.format import cite_all, lower_first
from iop_core.rules.assessment import assess_all
from iop_core.rules.catalogue import Question, framework, frameworks, questions
from iop_core.rules.checks import value_declaration_started
from iop_core.documents.declaration import is_signed
from iop_core.i18n import t
from iop_core.screening.model import VALUE_POINTS, Assessment, Screening, fact_value
from iop_core.report.pdf import Callout, Paragraph, PdfDocument, Table, render_pdf
from iop_core.screening.persistence import save_file_name
from iop_core.report.picture import leaning_label, light_label

ELLIPSIS = "…"
LIGHT_TONE = {"green": "success", "amber": "warning", "red": "danger"}


def triage_questions(lang: str = "sv") -> list[Question]:
    """The officer's quick questions, in questions.toml order, texts in `lang`."""
    qs = questions() if lang == "sv" else questions(lang)  # questions() is the cached Swedish catalogue
    return [q for q in qs.values() if q.triage]


def short_label(q: Question, lang: str = "sv") -> str:
    """A short name for a triage question (for the one-page note): "Initiativ", "Sanktioner"."""
    return t(f"triage.fact_{q.id.split('.')[-1]}", lang)


def unanswered(s: Screening) -> list[Question]:
    return [q for q in triage_questions() if fact_value(s, q.id) is None]


@dataclass(frozen=True)
class ValueDeclarationStatus:
    started: bool
    confirmed: int
    total: int
    signed: bool
    required: bool
    """The framework stops the process until the declaration is complete (e.g. Mora)."""

    @property
    def complete(self) -> bool:
        return self.confirmed == self.total and self.signed


def value_declaration_status(s: Screening, framework_id: str | None = None) -> ValueDeclarationStatus:
    """What the model says about the declaration. Nothing is inferred or confirmed here."""
    vd = s.value_declaration
    fw = framework(framework_id or s.framework)
    required = any(r.check == "value_declaration" and r.severity == "blocker" for r in fw.rules)
    return ValueDeclarationStatus(
        started=value_declaration_started(s),
        confirmed=sum(1 for p in VALUE_POINTS if vd.confirmed.get(p) is True),
        total=len(VALUE_POINTS),
        signed=is_signed(s),
        required=required,
    )


def value_declaration_text(st: ValueDeclarationStatus, framework_name: str, lang: str = "sv") -> str:
    """One line in plain Swedish: how far the declaration has come, and whether it is required."""
    if not st.started:
        status = t("triage.vd_not_started", lang)
    else:
        status = t("triage.vd_progress", lang, confirmed=st.confirmed, total=st.total)
        status += " " + t("triage.vd_signed" if st.signed else "triage.vd_unsigned", lang)
    rule = "triage.vd_required" if st.required else "triage.vd_not_required"
    return f"{status} {t(rule, lang, framework=framework_name)}"


# --- the one-page meeting note ------------------------------------------------------------------


def truncate(text: str, max_chars: int, max_lines: int) -> tuple[str, bool]:
    """Cut `text` to at most `max_chars` characters and `max_lines` lines, ending in "…" if cut."""
    text = (text or "").strip()
    lines = text.splitlines()
    cut = False
    if len(lines) > max_lines:
        text = "\n".join(lines[:max_lines])
        cut = True
    if len(text) > max_chars:
        head = text[:max_chars]
        space = head.rfind(" ")
        text = head[:space] if space > max_chars * 0.6 else head
        cut = True
    return (text.rstrip() + ELLIPSIS, True) if cut else (text, False)


@dataclass(frozen=True)
class NoteLimits:
    """How much free text and how many findings the one-page note may show."""

    chars: tuple[int, int, int]
    """open questions, next steps, notes"""
    lines: int
    findings: int
    names: int = 90
    """characters of the organisation's and the partner's name in the subtitle"""


NOTE_LIMITS: tuple[NoteLimits, ...] = (
    NoteLimits(chars=(600, 600, 900), lines=10, findings=3),
    NoteLimits(chars=(350, 350, 500), lines=6, findings=3),
    NoteLimits(chars=(200, 200, 260), lines=3, findings=3),
    NoteLimits(chars=(100, 100, 120), lines=2, findings=2, names=60),
    NoteLimits(chars=(100, 100, 120), lines=2, findings=0, names=40),
    NoteLimits(chars=(40, 40, 40), lines=1, findings=0, names=25),
)
"""Tried in order until the note fits one page. Most real notes fit the first."""


def _fact_rows(s: Screening, lang: str) -> list[list[str]]:
    fw = framework(s.framework, lang)
    cells = [(short_label(q, lang), q.answer_label(fact_value(s, q.id))) for q in triage_questions(lang)]
    cells.append((t("triage.fact_value_declaration", lang),
                  value_declaration_text(value_declaration_status(s), fw.short, lang)))
    if len(cells) % 2:
        cells.append(("", ""))
    half = len(cells) // 2
    return [[*cells[i], *cells[i + half]] for i in range(half)]


def _frameworks_line(assessments: Sequence[Assessment], lang: str) -> str:
    """All frameworks in one line: "SKR Rött, risk för upphandling (3/2/22) · Mora …"."""
    fws = frameworks(lang)
    parts = [
        t("triage.pdf_framework_item", lang, framework=fws[a.framework].short,
          light=light_label(a.traffic_light, lang), leaning=lower_first(leaning_label(a.classification, lang)),
          points="/".join(str(a.scores.get(k, 0)) for k in ("iop", "grant", "procurement")))
        for a in assessments
    ]
    return t("triage.pdf_frameworks", lang) + " " + " · ".join(parts)


def _findings_line(mine: Assessment, limits: NoteLimits, lang: str) -> Paragraph | None:
    """The first risks (not IOP signs, not notes) with their sources, or None."""
    risks = [f for f in mine.findings if f.direction != "iop" and f.severity != "info"][: limits.findings]
    if not risks:
        return None
    items = " · ".join(f"{f.title} ({cite_all(f.citations, lang)})" for f in risks)
    return Paragraph(text=f"{t('triage.pdf_findings', lang)}: {items}", style="note")


def _meeting_texts(s: Screening, limits: NoteLimits, lang: str) -> tuple[Table, bool]:
    """Open questions, next steps and notes, each cut to `limits`; True if any was cut."""
    cut_any = False
    rows = []
    texts = (
        ("open_questions", s.meeting.open_questions, limits.chars[0]),
        ("next_steps", s.meeting.next_steps, limits.chars[1]),
        ("notes", s.meeting.notes, limits.chars[2]),
    )
    for name, text, limit in texts:
        shown, cut = truncate(text, limit, limits.lines)
        cut_any |= cut
        rows.append([t(f"triage.pdf_{name}", lang), shown or t("triage.pdf_empty", lang)])
    return Table(headers=[t("triage.col_topic", lang), ""], rows=rows, col_widths=[1.2, 4.8]), cut_any


def meeting_note(
    s: Screening,
    *,
    on: date,
    limits: NoteLimits = NOTE_LIMITS[0],
    assessments: Sequence[Assessment] | None = None,
    lang: str | None = None,
) -> PdfDocument:
    """The meeting note as a document: facts, result, open questions, next steps and notes, in
    `lang` (by default the screening's language)."""
    lang = lang or s.language
    results = list(assessments) if assessments is not None else assess_all(s, lang=lang)
    mine = next(a for a in results if a.framework == s.framework)
    fw = framework(s.framework, lang)
    org = truncate(s.organisation.name, limits.names, 1)[0] or t("triage.pdf_no_org", lang)
    partner = truncate(s.organisation.public_partner, limits.names, 1)[0] or t("triage.pdf_no_partner", lang)
    texts, cut_any = _meeting_texts(s, limits, lang)
    blocks: list = [
        Callout(
            tone=LIGHT_TONE[mine.traffic_light],
            title=t("triage.pdf_result_title", lang, light=light_label(mine.traffic_light, lang),
                    leaning=leaning_label(mine.classification, lang), framework=fw.short),
            text=mine.summary,
        ),
        Paragraph(text=_frameworks_line(results, lang), style="note"),
        _findings_line(mine, limits, lang),
        Table(
            headers=[t("triage.col_question", lang), t("triage.col_answer", lang)] * 2,
            rows=_fact_rows(s, lang),
            col_widths=[1.55, 1.95, 1.55, 1.95],
        ),
        texts,
    ]
    missing = unanswered(s)
    if missing:
        names = ", ".join(short_label(q, lang).lower() for q in missing)
        blocks.append(Paragraph(text=t("triage.pdf_unanswered", lang, names=names), style="note"))
    if cut_any:
        blocks.append(Paragraph(text=t("triage.pdf_truncated", lang), style="note"))
    return PdfDocument(
        title=t("triage.pdf_title", lang),
        subtitle=f"{org} · {partner}",
        cover_lines=[t("triage.pdf_meta", lang, date=on.isoformat(), framework=fw.name)],
        disclaimer=mine.disclaimer,
        footer_left=t("triage.pdf_footer", lang),
        page_label=t("triage.pdf_page", lang),
        blocks=[b for b in blocks if b is not None],
        language=lang,
        layout="one_page",
    )


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def meeting_note_pdf(s: Screening, *, creation_date: datetime | None = None, lang: str | None = None) -> bytes:
    """The meeting note as PDF bytes, always one A4 page (texts cut as much as needed), in `lang`
    (by default the screening's language)."""
    lang = lang or s.language
    created = creation_date or datetime.now().astimezone()
    results = assess_all(s, lang=lang)
    data = b""
    for limits in NOTE_LIMITS:
        doc = meeting_note(s, on=created.date(), limits=limits, assessments=results, lang=lang)
        data = render_pdf(doc, creation_date=created)
        if page_count(data) == 1:
            return data
    return data


FILE_PREFIX = {"sv": "motesanteckning-iop-", "en": "meeting-note-iop-"}


def note_file_name(s: Screening, today: date | None = None) -> str:
    """motesanteckning-iop-<org>-<date>.pdf (meeting-note-iop-… in English), the same slug as the
    saved screening file."""
    name = save_file_name(s, today)
    prefix = FILE_PREFIX.get(s.language, FILE_PREFIX["sv"])
    return prefix + name.removeprefix("iop-screening-").removesuffix(".json") + ".pdf"
