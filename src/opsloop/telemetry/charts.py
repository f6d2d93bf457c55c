"""Server-rendered inline SVG charts for the ops page (no JavaScript, no CDN). Pure functions: data
in, an `<svg>` string out. A missing value (a day with nothing to measure) is a gap, never a zero.

Sized to be read on a phone: the drawing is 480 units wide with 16-unit text, so at 390 px (about 360
px of chart) the text is still 12 px. Titles and legends are HTML beside the chart (never cut, they
wrap): `legend` gives the colour class of each series."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 76, 16, 14, 34
FONT = 16
PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#9b2c2c", "#6b46c1", "#b7791f", "#2c7a7b", "#4a5568")


def _frame(title: str, body: list[str], labels: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(title)}" class="chart">'
        f"<title>{escape(title)}</title>" + "".join(body) + "".join(labels) + "</svg>"
    )


def _axes(days: Sequence[date], top: float, unit: str) -> tuple[list[str], list[str]]:
    plot_bottom, plot_right = HEIGHT - BOTTOM, WIDTH - RIGHT
    body = [
        f'<line x1="{LEFT}" y1="{plot_bottom}" x2="{plot_right}" y2="{plot_bottom}" stroke="#8a94a3"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{plot_bottom}" stroke="#8a94a3"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{plot_right}" y2="{TOP}" stroke="#e3e6ea"/>',
    ]
    labels = [
        f'<text x="{LEFT - 6}" y="{TOP + 6}" font-size="{FONT}" text-anchor="end" fill="#1d2430">'
        f"{escape(_fmt(top, unit))}</text>",
        f'<text x="{LEFT - 6}" y="{plot_bottom}" font-size="{FONT}" text-anchor="end" fill="#1d2430">'
        f"{escape(_fmt(0, unit))}</text>",
    ]
    if days:
        labels.append(
            f'<text x="{LEFT}" y="{HEIGHT - 8}" font-size="{FONT}" fill="#1d2430">{_day(days[0])}</text>'
        )
        labels.append(
            f'<text x="{plot_right}" y="{HEIGHT - 8}" font-size="{FONT}" text-anchor="end" fill="#1d2430">'
            f"{_day(days[-1])}</text>"
        )
    return body, labels


def _day(value: date) -> str:
    """`4 Nov` (the year is on the page; a short label stays readable on a phone)."""
    return f"{value.day} {value.strftime('%b')}"


def legend(names: Sequence[str]) -> list[tuple[str, str]]:
    """(colour class, name) per series, in drawing order: the page draws the legend in HTML (names are
    never cut) with the classes `c0`..`c7` the stylesheet colours like `PALETTE`."""
    return [(f"c{index % len(PALETTE)}", name) for index, name in enumerate(names)]


def _fmt(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value * 100:.0f}%"
    if unit == "h":
        return f"{value:.1f} h"
    if unit == "money":
        return f"{value:.4f}" if 0 < value < 1 else f"{value:,.2f}"
    return f"{value:,.0f}"


def _x(index: int, count: int) -> float:
    span = WIDTH - RIGHT - LEFT
    return LEFT + (span * index / (count - 1) if count > 1 else span / 2)


def _y(value: float, top: float) -> float:
    span = HEIGHT - BOTTOM - TOP
    return HEIGHT - BOTTOM - (span * value / top if top > 0 else 0)


def line_chart(title: str, days: Sequence[date], values: Sequence[float | None], *, unit: str = "") -> str:
    """One line over the days; None values break the line (and are not drawn)."""
    known = [v for v in values if v is not None]
    top = 1.0 if unit == "%" else (max(known) if known and max(known) > 0 else 1.0)
    body, labels = _axes(days, top, unit)
    segments: list[list[str]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            segments.append([])
            continue
        x, y = _x(index, len(values)), _y(value, top)
        segments[-1].append(f"{x:.1f},{y:.1f}")
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{PALETTE[0]}">'
            f"<title>{days[index].isoformat()}: {escape(_fmt(value, unit))}</title></circle>"
        )
    for points in segments:
        if len(points) > 1:
            body.append(
                f'<polyline fill="none" stroke="{PALETTE[0]}" stroke-width="2.5" points="{" ".join(points)}"/>'
            )
    if not known:
        labels.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" font-size="{FONT}" text-anchor="middle" fill="#4a5568">'
            "nothing measured in this period</text>"
        )
    return _frame(title, body, labels)


def stacked_bars(title: str, days: Sequence[date], series: dict[str, Sequence[int]]) -> str:
    """Counts per day, one colour per series (the legend is `legend(list(series))`, drawn in HTML)."""
    totals = [sum(values[i] for values in series.values()) for i in range(len(days))]
    top = float(max(totals)) if totals and max(totals) > 0 else 1.0
    body, labels = _axes(days, top, "")
    span = WIDTH - RIGHT - LEFT
    bar = max(1.0, span / max(1, len(days)) * 0.7)
    for index in range(len(days)):
        base = 0.0
        x = LEFT + span * (index + 0.5) / max(1, len(days)) - bar / 2
        for number, (name, values) in enumerate(series.items()):
            colour = PALETTE[number % len(PALETTE)]
            count = values[index]
            if count <= 0:
                continue
            y_top, y_bottom = _y(base + count, top), _y(base, top)
            body.append(
                f'<rect x="{x:.1f}" y="{y_top:.1f}" width="{bar:.1f}" height="{y_bottom - y_top:.1f}" '
                f'fill="{colour}"><title>{days[index].isoformat()} {escape(name)}: {count}</title></rect>'
            )
            base += count
    if not any(totals):
        labels.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" font-size="{FONT}" text-anchor="middle" fill="#4a5568">'
            "none in this period</text>"
        )
    return _frame(title, body, labels)
