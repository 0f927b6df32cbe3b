"""Officer triage: the quick questions, the value declaration's status, and the meeting note.

The triage asks the questions marked `triage = true` in data/questions.toml. They are the same
Screening fields as the full walk, so the saved file can be handed to the organisation to
continue. The value declaration is *not* asked here: it is confirmed point by point on its own
page, and the triage only reports its status (`value_declaration_status`).

`meeting_note()` builds the "mötesanteckning" as a PdfDocument; `meeting_note_pdf()` renders it.
A usual meeting fits one A4 page (a compact header, no cover); nothing is cut to make it fit: the
organisation's and council's names stand whole, and the officer's three texts flow from the room
left on page 1 onto the next page, split between lines like any text in the PDF package. The note
is in the screening's language (`Screening.language`) unless `lang` says otherwise. No Streamlit here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pypdf import PdfReader

from iop_core.clock import now as swedish_now
from iop_core.documents.declaration import is_signed
from iop_core.format import lower_first
from iop_core.i18n import t
from iop_core.report.pdf import (
    Callout,
    Heading,
    Paragraph,
    PdfDocument,
    Table,
    render_pdf,
)
from iop_core.report.picture import leaning_label, light_label
from iop_core.rules.assessment import assess_all
from iop_core.rules.catalogue import Question, framework, frameworks, questions
from iop_core.rules.checks import value_declaration_started
from iop_core.rules.citations import cite_all
from iop_core.screening.model import VALUE_POINTS, Assessment, Screening, fact_value
from iop_core.screening.persistence import save_file_name

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


# --- the meeting note ----------------------------------------------------------------------------

MAX_FINDINGS = 3
"""The meeting note names the first few risks; the full list is on the summary page and in the report."""


def _fact_rows(s: Screening, lang: str) -> list[list[str]]:
    cells = [(short_label(q, lang), q.answer_label(fact_value(s, q.id))) for q in triage_questions(lang)]
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


def _findings_line(mine: Assessment, lang: str) -> Paragraph | None:
    """The first risks (not IOP signs, not notes) with their sources; with no risk, the first IOP
    signs, the points the summary asks to go through ("Gå igenom punkterna nedan"); or None."""
    risks = [f for f in mine.findings if f.direction != "iop" and f.severity != "info"][:MAX_FINDINGS]
    points = risks or [f for f in mine.findings if f.direction == "iop"][:MAX_FINDINGS]
    if not points:
        return None
    items = " · ".join(f"{f.title} ({cite_all(f.citations, lang)})" for f in points)
    label = t("triage.pdf_findings" if risks else "triage.pdf_points", lang)
    return Paragraph(text=f"{label}: {items}", style="note")


MEETING_TEXTS = ("open_questions", "next_steps", "notes")
COMPACT_CHARS = 1_000
"""A text up to this long may stand in the compact table (a table row never splits across pages)."""


def _meeting_table(s: Screening, lang: str) -> Table:
    """The three texts whole in a small two-column table: the compact form for a usual meeting."""
    rows = []
    for name in MEETING_TEXTS:
        text = (getattr(s.meeting, name) or "").strip()
        rows.append([t(f"triage.pdf_{name}", lang), text or t("triage.pdf_empty", lang)])
    return Table(headers=[t("triage.col_topic", lang), ""], rows=rows, col_widths=[1.2, 4.8])


def _meeting_flow(s: Screening, lang: str) -> list[Heading | Paragraph]:
    """The three texts whole, each under a small heading: a long text flows on from the room left
    on the page onto the next pages (split between lines, as any text in the PDF)."""
    blocks: list[Heading | Paragraph] = []
    for name in MEETING_TEXTS:
        text = (getattr(s.meeting, name) or "").strip()
        blocks.append(Heading(text=t(f"triage.pdf_{name}", lang), level=3))
        blocks.append(Paragraph(text=text) if text else Paragraph(text=t("triage.pdf_empty", lang), style="muted"))
    return blocks


def fits_compact(s: Screening) -> bool:
    return all(len(getattr(s.meeting, name) or "") <= COMPACT_CHARS for name in MEETING_TEXTS)


def meeting_note(
    s: Screening,
    *,
    on: date,
    assessments: Sequence[Assessment] | None = None,
    lang: str | None = None,
    compact: bool = False,
) -> PdfDocument:
    """The meeting note as a document: facts, result, open questions, next steps and notes, in
    `lang` (by default the screening's language). Nothing is shortened: the names stand whole in
    the subtitle; the officer's texts stand in a small table (`compact`) or each under its own
    heading, flowing onto the next page when this one is full."""
    lang = lang or s.language
    results = list(assessments) if assessments is not None else assess_all(s, lang=lang)
    mine = next(a for a in results if a.framework == s.framework)
    fw = framework(s.framework, lang)
    org = " ".join(s.organisation.name.split()) or t("triage.pdf_no_org", lang)
    partner = " ".join(s.organisation.public_partner.split()) or t("triage.pdf_no_partner", lang)
    blocks: list = [
        Callout(
            tone=LIGHT_TONE[mine.traffic_light],
            title=t("triage.pdf_result_title", lang, light=light_label(mine.traffic_light, lang),
                    leaning=leaning_label(mine.classification, lang), framework=fw.short),
            text=mine.summary,
        ),
        Paragraph(text=_frameworks_line(results, lang), style="note"),
        _findings_line(mine, lang),
        Table(
            headers=[t("triage.col_question", lang), t("triage.col_answer", lang)] * 2,
            rows=_fact_rows(s, lang),
            col_widths=[1.55, 1.95, 1.55, 1.95],
        ),
        Paragraph(text=f"{t('triage.fact_value_declaration', lang)}: "
                       f"{value_declaration_text(value_declaration_status(s), fw.short, lang)}", style="note"),
    ]
    missing = unanswered(s)
    if missing:
        names = ", ".join(short_label(q, lang).lower() for q in missing)
        blocks.append(Paragraph(text=t("triage.pdf_unanswered", lang, names=names), style="note"))
    blocks.extend([_meeting_table(s, lang)] if compact else _meeting_flow(s, lang))
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
    """The meeting note as PDF bytes in `lang` (by default the screening's language), nothing typed
    cut: the compact form when the texts are short and it fits one A4 page, else the flowing form,
    which fills page 1 and goes on overleaf. At most two renderings."""
    lang = lang or s.language
    created = creation_date or swedish_now()
    results = assess_all(s, lang=lang)
    if fits_compact(s):
        data = render_pdf(meeting_note(s, on=created.date(), assessments=results, lang=lang, compact=True),
                          creation_date=created)
        if page_count(data) == 1:
            return data
    return render_pdf(meeting_note(s, on=created.date(), assessments=results, lang=lang), creation_date=created)


FILE_PREFIX = {"sv": "motesanteckning-iop-", "en": "meeting-note-iop-"}


def note_file_name(s: Screening, today: date | None = None) -> str:
    """motesanteckning-iop-<org>-<date>.pdf (meeting-note-iop-… in English), the same slug as the
    saved screening file."""
    name = save_file_name(s, today)
    prefix = FILE_PREFIX.get(s.language, FILE_PREFIX["sv"])
    return prefix + name.removeprefix("iop-screening-").removesuffix(".json") + ".pdf"
