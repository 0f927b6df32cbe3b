"""The PDF's look in numbers: A4 margins (mm), colours, type sizes and the keep-together limit."""

from __future__ import annotations

Colour = tuple[int, int, int]

MARGIN_L = 22.0
MARGIN_R = 20.0
MARGIN_T = 20.0
MARGIN_B = 22.0
FOOTER_Y = -14.0  # mm from the bottom edge

BLUE: Colour = (31, 95, 139)  # #1f5f8b
TEXT: Colour = (33, 37, 41)
MUTED: Colour = (92, 102, 112)
RULE: Colour = (196, 208, 218)
WHITE: Colour = (255, 255, 255)
HEADER_FILL: Colour = (223, 234, 243)
ZEBRA: Colour = (246, 248, 250)
BOX_FILL: Colour = (247, 248, 250)
BOX_BORDER: Colour = (150, 165, 178)

TONES: dict[str, tuple[Colour, Colour, Colour]] = {
    # tone: (background, bar, title colour)
    "info": ((234, 242, 248), BLUE, BLUE),
    "warning": ((255, 245, 226), (196, 125, 0), (130, 80, 0)),
    "danger": ((252, 236, 235), (179, 38, 30), (150, 30, 25)),
    "success": ((234, 245, 236), (46, 125, 50), (28, 94, 33)),
}

BODY_PT = 10.5
BODY_LH = 5.4
SMALL_PT = 9.0
SMALL_LH = 4.6
TABLE_PT = 9.0
TABLE_LH = 4.6
TABLE_PAD_X = 1.8
TABLE_PAD_Y = 1.4
MAX_TABLE_COLS = 12
MIN_COL_MM = 14.0
CELL_MAX = 4_000  # characters of one table cell
TALL_ROW = 0.45  # a table row is cut (with a note) above this share of the page height

KEEP_WHOLE = 0.25
"""A table or box up to this share of the page height moves whole to the next page rather than
split; a larger one splits where the page ends. With the headings kept with it, a page is thus
left at most about a third empty."""

HEADING_LINES = 2  # a heading keeps at least this many lines of a following text on its page
