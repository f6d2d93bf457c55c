"""The planner's charts: server-rendered SVG that scales to a phone or a desktop, says in words what it
shows, and carries the figures of the proposal it belongs to."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from xml.etree import ElementTree

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.plan.charts import proposal_chart_svg
from opsloop.plan.forecast import DemandPoint
from opsloop.plan.inventory import ItemPlanInput, propose_item
from opsloop.plan.staffing import StaffingInputs, propose_staffing
from opsloop.settings import PlanSettings
from tests.plan.test_plan_staffing import NOW, SETTINGS, arrivals, baseline_samples, roster

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2026, 11, 28)


def reorder(sku: str = "BT-1001", on_hand: str = "40") -> ProposalDraft:
    history = [
        DemandPoint(period_start=TODAY - timedelta(days=120 - i), quantity=Decimal(10 + i % 3))
        for i in range(120)
    ]
    item = ItemPlanInput(
        sku=sku,
        unit="Pck",
        unit_cost=Decimal("3.85"),
        pack_size=Decimal(5),
        min_order_qty=Decimal(50),
        lead_time_days=5,
        lead_time_std_days=1,
        ordering_cost=Decimal(45),
        holding_cost_rate=Decimal("0.25"),
        on_hand=Decimal(on_hand),
        history=history,
        history_through=TODAY - timedelta(days=1),
    )
    [draft] = [
        d
        for d in propose_item(item, PlanSettings(), TODAY + timedelta(days=3))
        if d.kind is ProposalKind.REORDER
    ]
    return draft


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def assert_accessible_and_fluid(root: ElementTree.Element) -> None:
    """An image with a title and a description it names, scaling with its container: a 400-unit viewBox at
    100 % width (at most 640 px by the stylesheet's `svg.plan-chart`: no inline style, so a strict CSP
    holds), no fixed pixel size, no text smaller than 11 units (≥ 10 px at 390 px)."""
    assert root.get("role") == "img"
    ids = (root.get("aria-labelledby") or "").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None and [title.get("id"), desc.get("id")] == ids
    assert (title.text or "").strip() and len(desc.text or "") > 60
    assert root.get("width") == "100%" and root.get("height") is None
    assert (root.get("viewBox") or "").startswith("0 0 400 ")
    assert root.get("style") is None and "plan-chart" in (root.get("class") or "").split()
    sizes = [float(t.get("font-size") or 0) for t in root.iter(f"{SVG}text")]
    assert sizes and min(sizes) >= 11


def test_a_reorder_chart_shows_history_forecast_and_stock_against_the_reorder_point() -> None:
    """GIVEN a reorder planned three days after the last export WHEN its chart is drawn THEN the history,
    the forecast, the projected stock with and without the order, the reorder point and the safety stock are
    there, the unexported days are shaded, and the description quotes the proposal's figures."""
    draft = reorder()
    svg = proposal_chart_svg("reorder", draft.working, chart_id="p-1")
    assert svg is not None
    root = parsed(svg)
    assert_accessible_and_fluid(root)
    assert len(list(root.iter(f"{SVG}polyline"))) == 4  # history, forecast, stock with and without the order
    labels = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    chart = draft.working["chart"]
    assert f"reorder point {chart['reorder_point']:,.0f}" in labels
    assert "safety stock" in labels and f"+{draft.payload['quantity']} arrives" in labels
    assert "not exported yet (3 d)" in labels
    description = root.find(f"{SVG}desc")
    assert description is not None and "The 3 days since the last export are not known yet" in (
        description.text or ""
    )


def test_text_from_the_erp_is_escaped_in_a_chart() -> None:
    draft = reorder(sku='<script>alert("x")</script>')
    svg = proposal_chart_svg("reorder", draft.working)
    assert svg is not None and "<script>" not in svg
    parsed(svg)  # still well-formed XML


def test_a_staffing_chart_shows_arrivals_agents_and_service_level_by_hour() -> None:
    """GIVEN an under-staffed Monday day shift WHEN its proposal's chart is drawn THEN one bar per hour of
    forecast arrivals, rostered and proposed agents, the service level before and after against the target,
    and a description with the weighted service levels."""
    inputs = StaffingInputs(arrivals=arrivals(), handle_times=baseline_samples())
    drafts = [d for d in propose_staffing(inputs, roster(1), SETTINGS, NOW) if d.payload["add_agents"] > 0]
    draft = drafts[0]
    svg = proposal_chart_svg("staffing", draft.working, chart_id="staffing 9")
    assert svg is not None
    root = parsed(svg)
    assert_accessible_and_fluid(root)
    hours = draft.working["numbers"]["hours"]
    assert len([r for r in root.iter(f"{SVG}rect")]) == len(hours)
    labels = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "target 80%" in labels and "proposed" in labels and "rostered" in labels
    description = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    after = round(draft.working["numbers"]["service_level_after"] * 100)
    assert re.search(rf"\b{after}% after adding {draft.payload['add_agents']}\b", description)


def test_only_reorder_and_staffing_proposals_have_a_chart() -> None:
    assert proposal_chart_svg("invoice_approve", {"numbers": {"status": "matched"}}) is None
    assert proposal_chart_svg("reorder", {"numbers": {}}) is None  # a working from before the chart data
