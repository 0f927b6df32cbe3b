"""What a PDF says: a PdfDocument of Blocks, plain pydantic data (no layout, no fpdf2).

Blocks are discriminated by `kind`, so a document can also be read from JSON. Every string in
them is treated as user text by the renderer; nothing here checks or cleans text.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Heading(_Model):
    kind: Literal["heading"] = "heading"
    text: str
    level: int = 1  # 1, 2 or 3 (a label in body size); other values are clamped


class Paragraph(_Model):
    kind: Literal["paragraph"] = "paragraph"
    text: str
    style: Literal["normal", "muted", "note"] = "normal"


class Bullets(_Model):
    kind: Literal["bullets"] = "bullets"
    items: list[str]


class Table(_Model):
    kind: Literal["table"] = "table"
    headers: list[str]
    rows: list[list[str]]
    col_widths: list[float] | None = None  # relative widths, one per column
    align_right: list[bool] | None = None  # True for number columns


class Callout(_Model):
    kind: Literal["callout"] = "callout"
    text: str
    tone: Literal["info", "warning", "danger", "success"] = "info"
    title: str = ""


class PageBreak(_Model):
    kind: Literal["pagebreak"] = "pagebreak"


Block = Annotated[
    Heading | Paragraph | Bullets | Table | Callout | PageBreak,
    Field(discriminator="kind"),
]


class PdfDocument(_Model):
    title: str
    subtitle: str = ""
    cover_lines: list[str] = []  # e.g. organisation, framework, date
    disclaimer: str = ""  # shown boxed on the cover page
    footer_left: str = ""  # small text left in the footer
    page_label: str = "Sida {n} av {total}"  # {n} and {total} are replaced
    blocks: list[Block] = []
    language: str = "sv"
    layout: Literal["report", "one_page"] = "report"
    """report: a cover page, the blocks from page 2. one_page: a compact header
    on page 1 with the blocks right below it and the disclaimer at the end (for
    notes meant for one page; what does not fit flows onto the next page)."""


class PdfRenderError(Exception):
    """The PDF could not be produced at all (the message is for the user, in the document's language)."""


class FontNotFoundError(PdfRenderError):
    """The base Unicode font (DejaVu Sans) is not installed / not found (a message for the operator)."""
