"""Bar charts drawn on the server as SVG: no script, readable by screen readers through the
title and description, and always shown beside the table that holds the same figures."""

from dataclasses import dataclass

from public_register.statistics import SUPPRESS_BELOW, shown

WIDTH = 640
BAR_AREA_TOP = 10
BAR_HEIGHT = 160
LABEL_SPACE = 40


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    text_x: float
    value_y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]


def bar_chart(rows: list[tuple[str, int]]) -> BarChart:
    """Bars for (label, count) rows; a suppressed count is drawn as no bar, labelled "<5"."""
    drawn = [(label, count if count >= SUPPRESS_BELOW else 0, count) for label, count in rows]
    top = max([value for _label, value, _count in drawn] + [1])
    slot = WIDTH / max(len(rows), 1)
    bars = []
    for n, (label, value, count) in enumerate(drawn):
        height = BAR_HEIGHT * value / top
        x = n * slot + slot * 0.15
        y = BAR_AREA_TOP + BAR_HEIGHT - height
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(y, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=label,
                value=shown(count),
                text_x=round(x + slot * 0.35, 1),
                value_y=round(y - 3, 1),
            )
        )
    return BarChart(
        width=WIDTH,
        height=BAR_AREA_TOP + BAR_HEIGHT + LABEL_SPACE,
        baseline=BAR_AREA_TOP + BAR_HEIGHT,
        bars=bars,
    )
