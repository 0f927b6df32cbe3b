"""The whole report as a PDF: summary (the verdict and the legal test's path), next steps, findings,
budget, documents, values, outline.

`build_report(screening, framework_id, today=...)` composes an iop_core.report.pdf.PdfDocument from the
assessment, the comparison, the budget maths, the documents and value-declaration rows and the
agreement outline; `build_report_pdf()` renders it. The same screening on the same day gives the
same text and the same bytes (the creation date is the day, not the clock).

It adds no judgement of its own and draws nothing itself: iop_core.report.pdf does the layout and is
robust against any user text (its contract: iop_core/report/pdf/__init__.py). No Streamlit here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal

from iop_core.budget.table import shown_parties, year_rows
from iop_core.budget.terms import years_uncovered
from iop_core.budget.totals import BudgetSummary, line_value, summarise
from iop_core.budget.vocabulary import PARTIES, category_label, kind_label, party_label, unit_label
from iop_core.clock import today as swedish_today
from iop_core.documents.checklist import document_rows, statutes_rows
from iop_core.documents.declaration import (
    declaration,
    declaration_intro,
    declaration_status,
    is_signed,
    signature_line,
    signer_organisation,
)
from iop_core.format import format_date, format_number, format_period, format_sek, format_share, lower_first, quote
from iop_core.i18n import t
from iop_core.report.comparison import Comparison, compare
from iop_core.report.outline import FilledOutline, build_outline
from iop_core.report.path import SYMBOL, deciding_step, path_blocks
from iop_core.report.pdf import Block, Bullets, Callout, Heading, Paragraph, PdfDocument, Table, render_pdf
from iop_core.report.picture import leaning_label, light_label
from iop_core.report.summary import group_findings, next_steps
from iop_core.report.triage import value_declaration_status
from iop_core.rules.assessment import assess, assess_all
from iop_core.rules.catalogue import framework
from iop_core.rules.checks import describe_hit
from iop_core.rules.citations import cite_all
from iop_core.rules.outlines import notice
from iop_core.screening.model import Assessment, Finding, Screening

__all__ = ["build_report", "build_report_pdf", "report_file_name"]

LIGHT_TONE = {"green": "success", "amber": "warning", "red": "danger"}
LINE_WIDTHS = {  # "SEK 1,350,000" is wider than "1 350 000 kr"
    "sv": [2.0, 1.6, 1.5, 1.4, 1.2, 1.4, 1.7],
    "en": [1.7, 1.6, 1.3, 1.3, 1.4, 1.5, 2.0],
}


def _headers(lang: str, *columns: str) -> list[str]:
    return [t(f"report.col_{c}", lang) for c in columns]


def _finding_tone(f: Finding) -> str:
    if f.direction == "iop":
        return "success"
    return {"blocker": "danger", "high": "danger", "warning": "warning"}.get(f.severity, "info")


def _finding_callout(f: Finding, lang: str) -> Callout:
    lines = [f.explanation]
    if f.facts:
        lines.append(t("report.facts", lang) + " " + " · ".join(f.facts))
    lines.append(t("report.next_step", lang) + " " + f.next_step)
    lines.append(t("report.source", lang) + " " + cite_all(f.citations, lang))
    label = t("report.iop_signal", lang) if f.direction == "iop" else t(f"severity.{f.severity}", lang)
    return Callout(tone=_finding_tone(f), title=f"{label}: {f.title}", text="\n".join(lines))


def _summary_blocks(a: Assessment, cmp: Comparison, lang: str) -> list[Block]:
    fw = framework(a.framework, lang)
    blocks: list[Block] = [
        Heading(text=t("report.h_summary", lang)),
        Callout(tone=LIGHT_TONE[a.traffic_light],
                title=t("report.result_title", lang, light=light_label(a.traffic_light, lang),
                        leaning=leaning_label(a.classification, lang), framework=fw.name),
                text=a.summary),
        *path_blocks(a, lang),
    ]
    if a.missing:
        blocks += [Heading(text=t("report.h_missing", lang), level=2),
                   Bullets(items=[m.question for m in a.missing])]
    rows = [
        [framework(x.framework, lang).name, cmp.classification.label(x.framework, lang),
         f"{SYMBOL[step.outcome]} {step.title}" if (step := deciding_step(x)) else "–"]
        for x in cmp.classification.assessments
    ]
    blocks += [
        Heading(text=t("report.h_frameworks", lang), level=2),
        Table(headers=_headers(lang, "framework", "leaning", "decided"),
              rows=rows, col_widths=[2.0, 2.4, 2.4]),
        Paragraph(text=cmp.classification.explanation, style="note"),
    ]
    if cmp.differing:
        titles = ", ".join(quote(r.title, lang) for r in cmp.differing)
        blocks.append(Paragraph(text=t("report.differs_intro", lang, n=len(cmp.differing), titles=titles)))
    return blocks


def _comparison_blocks(cmp: Comparison, lang: str) -> list[Block]:
    """Each row where the frameworks differ: who says what (cited), then their own reasons."""
    if not cmp.differing:
        return []
    blocks: list[Block] = [Heading(text=t("report.h_differences", lang)),
                           Paragraph(text=t("report.differences_intro", lang), style="muted")]
    for row in cmp.differing:
        blocks += [Heading(text=row.title, level=2), Bullets(items=list(row.groups))]
        if row.why:
            blocks.append(Paragraph(text=row.why, style="note"))
    return blocks


def _findings_blocks(a: Assessment, lang: str) -> list[Block]:
    blocks: list[Block] = [Heading(text=t("report.h_findings", lang))]
    if not a.findings:
        return blocks + [Paragraph(text=t("report.no_findings", lang))]
    blocks.append(Paragraph(text=t("report.findings_intro", lang), style="muted"))
    for group in group_findings(a.findings, lang):
        blocks.append(Heading(text=group.label, level=2))
        blocks += [_finding_callout(f, lang) for f in group.findings]
    return blocks


def _next_step_blocks(s: Screening, a: Assessment, lang: str) -> list[Block]:
    steps = next_steps(s, a, lang)
    blocks: list[Block] = [
        Heading(text=t("report.h_next", lang)),
        Heading(text=t("report.h_bring", lang), level=2),
        Bullets(items=list(steps.bring)),
    ]
    if steps.to_resolve:
        blocks += [
            Heading(text=t("report.h_resolve", lang), level=2),
            Bullets(items=[f"{title}: {step} ({cite_all(c, lang)})" for title, step, c in steps.to_resolve]),
        ]
    if steps.routes:
        blocks += [
            Heading(text=t("report.h_routes", lang), level=2),
            Bullets(items=[f"{r.title}: {r.text} ({cite_all(r.citations, lang)})" for r in steps.routes]),
        ]
    if steps.missing_documents:
        blocks += [Heading(text=t("report.h_missing_documents", lang), level=2),
                   Bullets(items=list(steps.missing_documents))]
    blocks += [
        Heading(text=t("report.h_who_decides", lang), level=2),
        Paragraph(text=f"{steps.who_decides.text} ({cite_all(steps.who_decides.citations, lang)})"),
        Paragraph(text=steps.mandate, style="muted"),
    ]
    return blocks


def _amount(value: Decimal, lang: str) -> str:
    return format_sek(value, lang, ore=True)


def _years_text(years: list[int]) -> str:
    """2027, 2028, 2029 -> "2027–2029"; gaps are listed: "2027, 2029"."""
    years = sorted(set(years))
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def _line_rows(s: Screening, lang: str) -> list[list[str]]:
    """Budget lines, the same input in several years shown once (quantity and value summed)."""
    groups: dict[tuple, list] = {}
    for x in s.budget.lines:
        key = (x.party, x.category, x.other_text, x.kind, x.unit, x.unit_value)
        groups.setdefault(key, []).append(x)
    ordered = sorted(groups.items(), key=lambda kv: (PARTIES.index(kv[0][0]), min(x.year for x in kv[1])))
    rows = []
    for (party, category, other, kind, unit, unit_value), lines in ordered:
        quantity = sum((x.quantity for x in lines), Decimal(0))
        value = sum((line_value(x) for x in lines), Decimal(0))
        lump = unit == "kr" and all(x.quantity == 1 for x in lines)  # a sum of money, not a unit price
        rows.append([
            party_label(party, lang),
            category_label(category, lang) + (f": {other}" if other else ""),
            kind_label(kind, lang),
            "–" if lump else f"{format_number(quantity, lang)} {unit_label(unit, lang)}",
            "–" if lump else _amount(unit_value, lang),
            _years_text([x.year for x in lines]),
            _amount(value, lang),
        ])
    return rows


def _split_blocks(s: Screening, summary: BudgetSummary, parties: list[str], lang: str) -> list[Block]:
    """Who brings what: money, other resources, sum and share per party, then the total."""
    split = [[party_label(party, lang), _amount(summary.party_kind(party, "money"), lang),
              _amount(summary.party_kind(party, "in_kind"), lang), _amount(summary.party(party), lang),
              format_share(summary.share(party), lang)] for party in parties]
    split.append([t("report.total", lang), _amount(summary.money, lang), _amount(summary.in_kind, lang),
                  _amount(summary.total, lang), format_share(Decimal(1), lang)])
    return [
        Heading(text=t("report.h_split", lang), level=2),
        Table(headers=_headers(lang, "party", "money", "in_kind", "sum", "share"),
              rows=split, col_widths=[2.2, 1.6, 1.6, 1.6, 1.0], align_right=[False, True, True, True, True]),
        Paragraph(text=t("report.split_note", lang, rate=_amount(s.budget.volunteer_hourly_rate, lang)), style="note"),
    ]


def _years_blocks(summary: BudgetSummary, parties: list[str], lang: str) -> list[Block]:
    """Each year's contribution per party (only for a budget over more than one year)."""
    if len(summary.by_year) <= 1:
        return []
    return [
        Heading(text=t("report.h_years", lang), level=2),
        Table(headers=[t("report.col_year", lang), *(party_label(p, lang) for p in parties),
                       t("report.col_sum", lang)],
              rows=[[str(r.year), *(_amount(a, lang) for a in r.amounts), _amount(r.total, lang)]
                    for r in year_rows(summary, parties)],
              col_widths=[1.0, *([2.0] * len(parties)), 2.0],
              align_right=[False, *([True] * len(parties)), True]),
    ]


def _terms_blocks(s: Screening, lang: str) -> list[Block]:
    """Payment, period and surplus: the budget's terms, "Inte angivet" where not given."""
    terms = s.budget.terms
    grants = {True: t("report.yes", lang), False: t("report.no", lang), None: ""}[terms.other_grants_allowed]
    term_rows = [
        [t("report.term_payment_how", lang), terms.payment_how],
        [t("report.term_payment_when", lang), terms.payment_when],
        [t("report.term_payment_to", lang), terms.payment_to],
        [t("report.term_other_grants", lang), grants],
        [t("report.term_surplus", lang), terms.surplus_handling],
        [t("report.term_period", lang), format_period(terms.period_start, terms.period_end, lang)],
        [t("report.term_extension", lang), terms.extension],
    ]
    term_rows = [[k, v.strip() or t("report.not_given", lang)] for k, v in term_rows]
    return [
        Heading(text=t("report.h_terms", lang), level=2),
        Table(headers=_headers(lang, "term", "answer"), rows=term_rows, col_widths=[2, 5]),
    ]


def _budget_blocks(s: Screening, lang: str) -> list[Block]:
    summary = summarise(s.budget)
    blocks: list[Block] = [Heading(text=t("report.h_budget", lang))]
    if summary.is_empty:
        blocks.append(Paragraph(text=t("report.budget_empty", lang)))
    else:
        parties = shown_parties(summary)
        blocks += _split_blocks(s, summary, parties, lang)
        blocks += [
            Heading(text=t("report.h_lines", lang), level=2),
            Table(headers=_headers(lang, "party", "input", "kind", "quantity", "unit_value", "years", "value"),
                  rows=_line_rows(s, lang), col_widths=LINE_WIDTHS.get(lang, LINE_WIDTHS["sv"]),
                  align_right=[False, False, False, True, True, False, True]),
        ]
        blocks += _years_blocks(summary, parties, lang)
    uncovered = years_uncovered(s.budget)
    if uncovered:
        blocks.insert(1, Callout(text=t("report.years_uncovered", lang, **dict(uncovered.params)), tone="warning"))
    if s.budget.drafts:
        blocks.append(Paragraph(text=t("report.drafts", lang, n=len(s.budget.drafts)), style="note"))
    return blocks + _terms_blocks(s, lang)


def _document_blocks(s: Screening, fid: str, lang: str) -> list[Block]:
    rows = [[r.label, r.status, r.file_info or "–", r.citation] for r in document_rows(s, fid, lang)]
    blocks: list[Block] = [Heading(text=t("report.h_documents", lang))]
    if rows:
        blocks.append(Table(
            headers=_headers(lang, "document", "status", "file", "source"),
            rows=rows, col_widths=[2.6, 1.5, 2.1, 2.0]))
    else:
        blocks.append(Paragraph(text=t("report.no_documents", lang, framework=framework(fid, lang).name)))
    blocks += [
        Heading(text=t("report.h_statutes", lang), level=2),
        Table(headers=_headers(lang, "question", "answer"),
              rows=[list(r) for r in statutes_rows(s, lang)], col_widths=[4, 2]),
    ]
    return blocks


def _signature(s: Screening, lang: str) -> str:
    vd = s.value_declaration
    if is_signed(s):
        return t("report.signed", lang, name=vd.signer_name, role=vd.signer_role,
                 organisation=signer_organisation(s), date=format_date(vd.signed_on, lang))
    return signature_line(s, lang)


def _declaration_blocks(s: Screening, fid: str, lang: str) -> list[Block]:
    status = value_declaration_status(s, fid)
    fw = framework(fid, lang)
    required = t("report.vd_required" if status.required else "report.vd_not_required", lang, framework=fw.name)
    d = declaration(lang)
    statuses = {p.point_id: p.status for p in declaration_status(s, lang)}
    rows, shown_groups = [], set()
    for point in d.points:
        if not point.group:
            rows.append([point.number or "–", point.text, statuses[point.id]])
            continue
        if point.group in shown_groups:
            continue
        shown_groups.add(point.group)
        members = [x for x in d.points if x.group == point.group]
        if len({statuses[x.id] for x in members}) == 1:  # one row when every sub-point has the same answer
            labels = [lower_first(x.label) for x in members]
            text = f"{d.group(point.group).text} {', '.join(labels[:-1])}{t('report.or', lang)}{labels[-1]}"
            rows.append([f"{members[0].number}–{members[-1].number}", text, statuses[point.id]])
        else:
            rows.append([point.group, d.group(point.group).text, ""])
            rows += [[x.number, x.label, statuses[x.id]] for x in members]
    return [
        Heading(text=t("report.h_declaration", lang)),
        Paragraph(text=t("report.vd_progress", lang, confirmed=status.confirmed, total=status.total)
              + " " + _signature(s, lang)),
        Paragraph(text=required, style="muted"),
        Paragraph(text=declaration_intro(s, lang)),
        Table(headers=_headers(lang, "point", "statement", "status"),
              rows=rows, col_widths=[0.7, 5.2, 1.5]),
    ]


def _outline_blocks(filled: FilledOutline, lang: str) -> list[Block]:
    o = filled.outline
    n = notice(lang)
    blocks: list[Block] = [  # no page break before it: it left the page before up to 3/4 empty (#13.12)
        Heading(text=t("report.h_outline", lang)),
        Paragraph(text=o.title, style="muted"),
        Callout(tone="info", title=t("report.notice_title", lang), text=f"{n.text} ({cite_all(n.citations, lang)})"),
        Paragraph(text=f"{o.intro} ({cite_all(o.citations, lang)})", style="note"),
    ]
    if o.note:
        blocks.append(Paragraph(text=f"{o.note} ({cite_all(o.note_citations, lang)})", style="note"))
    for sec in filled.sections:
        label = sec.section.label + (t("report.added", lang) if sec.section.added else "")
        blocks.append(Heading(text=label, level=2))
        if sec.text.strip():
            blocks.append(Paragraph(text=sec.text))
        else:
            blocks.append(Paragraph(text=t("report.empty_section", lang), style="muted"))
        guidance = f"{sec.section.guidance} ({cite_all(sec.section.citations, lang)})"
        blocks.append(Paragraph(text=t("report.guidance", lang) + " " + guidance, style="note"))
        if sec.word_hits:
            words = " ".join(describe_hit(h, lang, inline=True) for h in sec.word_hits)
            blocks.append(Paragraph(text=t("report.word_hits", lang, words=words), style="note"))
    return blocks


def build_report(
    s: Screening, framework_id: str | None = None, *, today: date, lang: str | None = None,
    assessments: list[Assessment] | None = None,
) -> PdfDocument:
    """The report as a structured document (what the PDF will say). `assessments`: the results
    to report (a case's, as sent); by default the screening is assessed now."""
    lang = lang or s.language
    fid = framework(framework_id or s.framework, lang).id
    results = list(assessments) if assessments is not None else assess_all(s, lang)
    a = next((x for x in results if x.framework == fid), None) or assess(s, fid, lang)
    cmp = compare(s, assessments=results, lang=lang)
    fw = framework(fid, lang)
    org = s.organisation.name.strip() or t("report.no_org", lang)
    partner = s.organisation.public_partner.strip() or t("report.no_partner", lang)
    cover = [
        t("report.cover_partner", lang, partner=partner),
        t("report.cover_framework", lang, framework=fw.name),
        t("report.cover_date", lang, date=format_date(today, lang)),
        t("report.cover_result", lang, light=light_label(a.traffic_light, lang),
          leaning=leaning_label(a.classification, lang)),
    ]
    if s.demo_case:
        cover.append(t("report.cover_demo", lang))
    n = notice(lang)
    blocks: list[Block] = [
        *_summary_blocks(a, cmp, lang),  # top-down: the verdict and the path, what to do next, then why
        *_next_step_blocks(s, a, lang),
        *_findings_blocks(a, lang),
        *_comparison_blocks(cmp, lang),
        *_budget_blocks(s, lang),
        *_document_blocks(s, fid, lang),
        *_declaration_blocks(s, fid, lang),
        *_outline_blocks(build_outline(s, fid, lang), lang),
    ]
    number = 0
    for i, block in enumerate(blocks):  # "1. Sammanfattning", … in the order the sections come
        if isinstance(block, Heading) and block.level == 1:
            number += 1
            blocks[i] = block.model_copy(update={"text": f"{number}. {block.text}"})
    return PdfDocument(
        title=t("report.title", lang),
        subtitle=org,
        cover_lines=cover,
        disclaimer=f"{a.disclaimer}\n\n{n.text} ({cite_all(n.citations, lang)})",
        footer_left=t("report.footer", lang, organisation=org),
        page_label=t("report.page", lang),
        blocks=blocks,
        language=lang,
    )


def build_report_pdf(
    s: Screening, framework_id: str | None = None, *, today: date | None = None, lang: str | None = None,
    assessments: list[Assessment] | None = None,
) -> bytes:
    """The report as PDF bytes in `lang` (default: the screening's language). Raises
    iop_core.report.pdf.PdfRenderError (Swedish message) on failure."""
    today = today or swedish_today()
    doc = build_report(s, framework_id, today=today, lang=lang, assessments=assessments)
    created = datetime(today.year, today.month, today.day, 12, 0, tzinfo=UTC)
    return render_pdf(doc, creation_date=created)


def report_file_name(s: Screening, today: date, lang: str | None = None) -> str:
    """"iop-underlag-foreningen-x-2026-11-24.pdf", in English "iop-report-…" (ASCII, safe as a
    download name)."""
    prefix = "iop-report" if (lang or s.language) == "en" else "iop-underlag"
    name = unicodedata.normalize("NFKD", s.organisation.name.lower()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", name).strip("-")[:40].strip("-")
    return f"{prefix}-{slug + '-' if slug else ''}{today.isoformat()}.pdf"
