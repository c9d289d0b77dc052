"""Horizontal bar charts drawn on the server as SVG, laid out for the page's direction: in
right-to-left pages the labels stand on the right and the bars grow to the left, with no CSS
mirroring (which turned the labels around or pushed them out of the picture). The SVG itself is
written by the `bar_chart` macro of templates/_charts.html; every chart comes with its table."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date

LABEL_WIDTH = 170
PLOT_WIDTH = 440
VALUE_WIDTH = 80
BAR_HEIGHT = 12
BAR_GAP = 2
ROW_GAP = 12
LABEL_CHARS = 26


def month_label(key):
    """ "2026-11" as the page's language writes a month ("nov. 2026", "نوفمبر 2026")."""
    year, month = (int(part) for part in key.split("-"))
    return format_date(date(year, month, 1), "MMM y")


def short(text, limit=LABEL_CHARS):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Bar:
    x: float
    y: float
    width: float
    series: int
    value: object
    value_x: float


@dataclass
class Row:
    label: str
    label_x: float
    label_y: float
    bars: list = field(default_factory=list)


@dataclass
class BarChart:
    """Rows of (label, values), one value per series; `layout(rtl)` gives the coordinates."""

    title: str
    series: list
    rows: list
    width: float = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    height: float = 0
    laid_out: list = field(default_factory=list)
    rtl: bool = False

    def layout(self, rtl):
        peak = max([1] + [v or 0 for _label, values in self.rows for v in values])
        per_row = len(self.series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + ROW_GAP
        total = self.width

        def x_of(x, width=0):
            # The same picture read from the other side: positions measured from the right.
            return round(total - x - width, 1) if rtl else round(x, 1)

        laid = []
        for index, (label, values) in enumerate(self.rows):
            top = index * per_row + ROW_GAP / 2
            middle = top + (per_row - ROW_GAP) / 2 + 4
            row = Row(short(label), x_of(LABEL_WIDTH - 8), round(middle, 1))
            for number, value in enumerate(values):
                width = round((value or 0) / peak * PLOT_WIDTH, 1)
                y = round(top + number * (BAR_HEIGHT + BAR_GAP), 1)
                row.bars.append(
                    Bar(x_of(LABEL_WIDTH, width), y, width, number, value, x_of(LABEL_WIDTH + width + 4))
                )
            laid.append(row)
        self.laid_out, self.rtl = laid, rtl
        self.height = max(per_row, len(self.rows) * per_row)
        return self
