"""Server-rendered SVG charts of a planner proposal's working (pure functions, text in, text out).

* `reorder_chart_svg(chart)`: a reorder's daily demand (history and forecast), then the projected stock
  position with and without the order, with the reorder point and the safety stock. `chart` is the
  `working["chart"]` the inventory planner stores with every reorder proposal.
* `staffing_chart_svg(working)`: a staffing proposal's forecast arrivals, agents (rostered and proposed)
  and service level (before and after, with the target) hour by hour, from `working["numbers"]["hours"]`.
* `proposal_chart_svg(kind, working)`: the chart for a stored proposal, or None when its kind has none.

The SVG scales to its container (`width="100%"`, a viewBox 400 units wide, at most 640 px by the
stylesheet's `svg.plan-chart`, no inline style so a strict CSP holds): the 11-unit
labels stay at least 10 px on a 390 px phone and are not blown up on a 1440 px screen. Each chart is an
`img` with a `<title>` and a `<desc>` that says in words what the lines show; series differ by dash
pattern as well as colour. Every text from the data is escaped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from html import escape
from typing import Any

__all__ = ["proposal_chart_svg", "reorder_chart_svg", "staffing_chart_svg"]

WIDTH = 400
LEFT, RIGHT = 44, 12
INK, GRID, MUTED = "#1f2933", "#d9dee5", "#52606d"
BLUE, ORANGE, RED, GREEN = "#1d5fbf", "#b35900", "#b3261e", "#2e7d32"


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _number(value: float) -> str:
    if abs(value) >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values (1, 2, 5 × 10^k steps) covering low..high."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(math.ceil((high - first) / step) + 1)]


class _Panel:
    """One plot area: a y range mapped onto [top, top + height], x indexes onto the plot width."""

    def __init__(self, top: float, height: float, low: float, high: float, points: int) -> None:
        self.top, self.height = top, height
        ticks = _ticks(low, high)
        self.low, self.high = min(ticks[0], low), max(ticks[-1], high)
        if self.high <= self.low:
            self.high = self.low + 1
        self.ticks = ticks
        self.points = max(points, 2)

    def x(self, index: float) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * index / (self.points - 1)

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.top + self.height * (1 - share)

    def frame(self, label: str, fmt: str = "{}") -> list[str]:
        out = [
            f'<text x="{LEFT}" y="{_f(self.top - 6)}" font-size="12" font-weight="600" fill="{INK}">'
            f"{escape(label)}</text>"
        ]
        for tick in self.ticks:
            y = self.y(tick)
            out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(y)}" y2="{_f(y)}" stroke="{GRID}"/>')
            text = fmt.format(_number(tick)) if "{}" in fmt else fmt.format(tick)
            out.append(
                f'<text x="{LEFT - 4}" y="{_f(y + 4)}" font-size="11" text-anchor="end" fill="{MUTED}">'
                f"{escape(text)}</text>"
            )
        return out

    def line(
        self, values: Sequence[float], color: str, *, offset: int = 0, dash: str = "", width: float = 2
    ) -> str:
        if not values:
            return ""
        path = " ".join(f"{_f(self.x(offset + i))},{_f(self.y(v))}" for i, v in enumerate(values))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="{width}"{dashes} '
            'stroke-linejoin="round"/>'
        )

    def steps(self, values: Sequence[float], color: str, *, dash: str = "", width: float = 2) -> str:
        """A step line: each value held over its whole slot (hourly figures)."""
        if not values:
            return ""
        points: list[str] = []
        for i, v in enumerate(values):
            points += [f"{_f(self.x(i))},{_f(self.y(v))}", f"{_f(self.x(i + 1))},{_f(self.y(v))}"]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        return f'<polyline points="{" ".join(points)}" fill="none" stroke="{color}" stroke-width="{width}"{dashes}/>'

    def level(self, value: float, color: str, label: str, dash: str, *, below: bool = False) -> list[str]:
        """A horizontal reference line with its label at the right, above it (or `below` it)."""
        y = self.y(value)
        label_y = y + 12 if below else y - 3
        return [
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(y)}" y2="{_f(y)}" stroke="{color}" '
            f'stroke-width="1.5" stroke-dasharray="{dash}"/>',
            f'<text x="{WIDTH - RIGHT - 2}" y="{_f(label_y)}" font-size="11" text-anchor="end" fill="{color}">'
            f"{escape(label)}</text>",
        ]


def _legend(y: float, entries: Sequence[tuple[str, str, str]]) -> list[str]:
    """Legend swatches (colour, dash, label) in a row, wrapping to a second row when needed."""
    out: list[str] = []
    x: float = LEFT
    row = y
    for color, dash, label in entries:
        width = 26 + 6.2 * len(label)
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, row = float(LEFT), row + 15
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{_f(x)}" x2="{_f(x + 18)}" y1="{_f(row - 4)}" y2="{_f(row - 4)}" stroke="{color}" '
            f'stroke-width="2.5"{dashes}/>'
        )
        out.append(f'<text x="{_f(x + 22)}" y="{_f(row)}" font-size="11" fill="{INK}">{escape(label)}</text>')
        x += width
    return out


def _svg(chart_id: str, height: float, title: str, desc: str, body: list[str]) -> str:
    ident = re.sub(r"[^A-Za-z0-9_-]+", "-", chart_id).strip("-") or "chart"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plan-chart" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {WIDTH} {_f(height)}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _floats(values: Any) -> list[float]:
    out: list[float] = []
    for value in values or []:
        try:
            out.append(float(value))
        except (TypeError, ValueError):
            out.append(0.0)
    return out


def _date_labels(panel: _Panel, first: date, count: int, y: float, every: int) -> list[str]:
    out: list[str] = []
    for index in range(0, count, max(every, 1)):
        day = first + timedelta(days=index)
        x = panel.x(index)
        anchor = "start" if index == 0 else "end" if x > WIDTH - RIGHT - 18 else "middle"
        out.append(
            f'<text x="{_f(x)}" y="{_f(y)}" font-size="11" text-anchor="{anchor}" fill="{MUTED}">'
            f"{day:%d %b}</text>"
        )
    return out


def reorder_chart_svg(chart: Mapping[str, Any], *, chart_id: str = "reorder-chart") -> str:
    """Two panels: daily demand (history, forecast; the days since the last export shaded) and the
    projected stock position from the planning date with and without the order, against the reorder
    point and the safety stock."""
    sku = str(chart.get("sku") or "the item")
    unit = str(chart.get("unit") or "units")
    as_of = date.fromisoformat(str(chart["as_of"]))
    history = _floats(chart.get("history"))
    forecast = _floats(chart.get("forecast"))
    period = int(chart.get("period_days") or 1)
    history_start = date.fromisoformat(str(chart.get("history_start") or as_of))
    forecast_start = date.fromisoformat(str(chart.get("forecast_start") or as_of))
    daily_history = [v / period for v in history for _ in range(period)]
    without = _floats(chart.get("stock_without_order"))
    with_order = _floats(chart.get("stock_with_order"))
    rop = float(chart.get("reorder_point") or 0.0)
    ss = float(chart.get("safety_stock") or 0.0)
    arrives = int(chart.get("order_arrives_after_days") or 0)
    order = str(chart.get("order_qty") or "0")

    body: list[str] = []
    # panel 1: demand per day
    days = len(daily_history) + len(forecast)
    top = max([*daily_history, *forecast, 1.0])
    demand = _Panel(30, 100, 0.0, top * 1.1, days + 1)
    body += demand.frame(f"Daily demand, {unit}")
    gap = (as_of - forecast_start).days
    if gap > 0:
        x0, x1 = demand.x(len(daily_history)), demand.x(len(daily_history) + gap)
        body.append(
            f'<rect x="{_f(x0)}" y="{demand.top}" width="{_f(max(x1 - x0, 1))}" height="{demand.height}" '
            f'fill="{GRID}" opacity="0.6"/>'
        )
    body.append(demand.line(daily_history, INK, width=1.5))
    body.append(demand.line(forecast, BLUE, offset=len(daily_history), dash="5 3"))
    today_x = demand.x(len(daily_history) + max(gap, 0))
    body.append(
        f'<line x1="{_f(today_x)}" x2="{_f(today_x)}" y1="{demand.top}" y2="{demand.top + demand.height}" '
        f'stroke="{MUTED}" stroke-dasharray="2 2"/>'
    )
    body += _date_labels(demand, history_start, days, demand.top + demand.height + 14, max(days // 4, 1))
    legend = [(INK, "", "history"), (BLUE, "5 3", "forecast")]
    if gap > 0:
        legend.append((GRID, "", f"not exported yet ({gap} d)"))
    body += _legend(demand.top + demand.height + 32, legend)

    # panel 2: projected stock position
    values = [*without, *with_order, rop, ss, 0.0]
    stock = _Panel(215, 110, min(values), max(values) * 1.05 if max(values) > 0 else 1.0, len(with_order))
    body += stock.frame(f"Projected stock position, {unit}")
    if stock.low < 0 < stock.high:
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(stock.y(0))}" y2="{_f(stock.y(0))}" stroke="{INK}"/>'
        )
    body += stock.level(rop, ORANGE, f"reorder point {_number(rop)}", "6 3")
    body += stock.level(ss, RED, f"safety stock {_number(ss)}", "2 3", below=stock.y(ss) - stock.y(rop) < 14)
    body.append(stock.line(without, MUTED, dash="4 4"))
    body.append(stock.line(with_order, BLUE, width=2.5))
    if 0 < arrives < len(with_order):
        x = stock.x(arrives)
        body.append(
            f'<text x="{_f(x)}" y="{_f(stock.y(with_order[arrives]) - 6)}" font-size="11" text-anchor="middle" '
            f'fill="{BLUE}">+{escape(order)} arrives</text>'
        )
    body += _date_labels(
        stock, as_of, len(with_order), stock.top + stock.height + 14, max(len(with_order) // 4, 1)
    )
    body += _legend(
        stock.top + stock.height + 32,
        [(BLUE, "", f"with the order of {order}"), (MUTED, "4 4", "without it")],
    )

    mean_history = sum(daily_history[-28:]) / max(len(daily_history[-28:]), 1)
    next_week = sum(forecast[max(gap, 0) : max(gap, 0) + 7]) / max(
        len(forecast[max(gap, 0) : max(gap, 0) + 7]), 1
    )
    low_without = min(without) if without else 0.0
    low_with = min(with_order[arrives:]) if with_order[arrives:] else 0.0
    desc = (
        f"Demand for {sku} averaged {_number(mean_history)} {unit} a day over the last four weeks of history; the "
        f"forecast is {_number(next_week)} a day. "
        + (f"The {gap} days since the last export are not known yet. " if gap > 0 else "")
        + f"Without the order the stock position falls to {_number(low_without)}, below the reorder point "
        f"{_number(rop)}; with {order} arriving after {arrives} days it stays at or above {_number(low_with)} "
        f"(safety stock {_number(ss)})."
    )
    return _svg(chart_id, 385, f"Demand and projected stock for {sku}", desc, body)


def _hour_label(value: str) -> str:
    try:
        return f"{datetime.fromisoformat(value):%H}"
    except ValueError:
        return ""


def staffing_chart_svg(working: Mapping[str, Any], *, chart_id: str = "staffing-chart") -> str:
    """Three panels hour by hour (UTC): forecast arrivals (bars), agents on duty as rostered and as proposed,
    and the service level before and after with the target."""
    numbers: Mapping[str, Any] = working.get("numbers") or {}
    inputs: Mapping[str, Any] = working.get("inputs") or {}
    hours = [h for h in numbers.get("hours") or [] if isinstance(h, Mapping)]
    change = int(float(numbers.get("add_agents") or 0))
    target = float(inputs.get("service_level_target") or 0.8)
    seconds = float(inputs.get("target_seconds") or 60)
    queue = str(inputs.get("queue") or "the queue")
    arrivals = _floats(h.get("arrivals") for h in hours)
    agents = _floats(h.get("agents") for h in hours)
    proposed = [max(a + change, 0.0) for a in agents]
    before = [v * 100 for v in _floats(h.get("sl_before") for h in hours)]
    after = [v * 100 for v in _floats(h.get("sl_after") for h in hours)]
    labels = [_hour_label(str(h.get("hour") or "")) for h in hours]
    count = max(len(hours), 1)
    body: list[str] = []

    bars = _Panel(30, 80, 0.0, max([*arrivals, 1.0]) * 1.1, count + 1)
    body += bars.frame("Forecast conversations per hour")
    slot = (WIDTH - LEFT - RIGHT) / count
    for i, value in enumerate(arrivals):
        y = bars.y(value)
        body.append(
            f'<rect x="{_f(bars.x(i) + slot * 0.15)}" y="{_f(y)}" width="{_f(slot * 0.7)}" '
            f'height="{_f(bars.top + bars.height - y)}" fill="{BLUE}" opacity="0.75"/>'
        )

    staff = _Panel(145, 70, 0.0, max([*agents, *proposed, 1.0]) + 1, count + 1)
    body += staff.frame("Agents on duty")
    body.append(staff.steps(agents, MUTED, dash="4 3"))
    body.append(staff.steps(proposed, GREEN, width=2.5))
    body += _legend(staff.top + staff.height + 16, [(MUTED, "4 3", "rostered"), (GREEN, "", "proposed")])

    level = _Panel(265, 80, 0.0, 100.0, count + 1)
    body += level.frame(f"Answered within {seconds:.0f} s", "{}%")
    body += level.level(target * 100, ORANGE, f"target {target:.0%}", "6 3")
    body.append(level.steps(before, RED, dash="4 3"))
    body.append(level.steps(after, GREEN, width=2.5))
    step = max(count // 8, 1)
    for i in range(0, count, step):
        body.append(
            f'<text x="{_f(level.x(i + 0.5))}" y="{_f(level.top + level.height + 14)}" font-size="11" '
            f'text-anchor="middle" fill="{MUTED}">{escape(labels[i])}</text>'
        )
    body += _legend(
        level.top + level.height + 32,
        [(RED, "4 3", "before"), (GREEN, "", "after"), (ORANGE, "6 3", "target")],
    )

    def weighted(levels: Sequence[float]) -> float:
        total = sum(arrivals)
        return sum(a * v for a, v in zip(arrivals, levels, strict=False)) / total if total else 100.0

    first = labels[0] if labels else ""
    last = f"{int(labels[-1]) + 1:02d}" if labels and labels[-1].isdigit() else ""
    verb = f"adding {change}" if change > 0 else f"removing {-change}" if change < 0 else "keeping the roster"
    desc = (
        f"Queue {queue}, {first}:00 to {last}:00 UTC: about {_number(sum(arrivals))} conversations expected, at most "
        f"{_number(max(arrivals) if arrivals else 0)} in one hour; {_number(min(agents) if agents else 0)} to "
        f"{_number(max(agents) if agents else 0)} agents rostered. The share answered within {seconds:.0f} s is "
        f"{weighted(before):.0f}% as rostered and {weighted(after):.0f}% after {verb} (target {target:.0%})."
    )
    return _svg(chart_id, 390, f"Arrivals, agents and service level for {queue}", desc, body)


def proposal_chart_svg(
    kind: str, working: Mapping[str, Any], *, chart_id: str = "proposal-chart"
) -> str | None:
    """The chart for a stored proposal's working: reorder and staffing proposals have one; None otherwise
    (or when the working predates the chart data)."""
    if kind == "reorder" and isinstance(working.get("chart"), Mapping) and working["chart"].get("as_of"):
        return reorder_chart_svg(working["chart"], chart_id=chart_id)
    numbers = working.get("numbers")
    if kind == "staffing" and isinstance(numbers, Mapping) and numbers.get("hours"):
        return staffing_chart_svg(working, chart_id=chart_id)
    return None
