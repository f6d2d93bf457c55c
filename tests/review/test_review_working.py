"""The conversation shows a proposal's working: a planner proposal's inputs, formula, numbers,
expected effect, confidence and sensitivity; an invoice proposal's checks, variances per line and the
document text (page + source span) behind each extracted field."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.review.accounts import Actor, Role
from opsloop.review.assistant import opening_sections, respond, working_sections
from opsloop.review.decisions import get_proposal
from opsloop.store.tables import Document, Invoice
from tests.review.review_helpers import add_proposal

ADMIN = Actor(username="alice", role=Role.ADMIN)


def _planner_draft() -> ProposalDraft:
    return ProposalDraft(
        kind=ProposalKind.STAFFING,
        subject_key="queue:support:2026-11-30T08",
        title="Add 2 agents to support 08:00-16:00",
        summary="The projected service level misses the target.",
        payload={"action": "change_roster", "add_agents": 2},
        working={
            "inputs": {"queue": "support", "weekly_totals": [410, 455, 470], "shrinkage": 0.3},
            "formula": "A = arrivals/h × AHT/3600; C(A,N) = Erlang C",
            "numbers": {
                "service_level_before": 0.62,
                "hours": [
                    {"hour": "08:00", "arrivals": 31.5, "agents": 3, "sl_before": 0.55, "sl_after": 0.84},
                    {"hour": "09:00", "arrivals": 40.0, "agents": 3, "sl_before": 0.41, "sl_after": 0.8},
                ],
            },
            "expected_effect": "Service level over the shift 62% → 83%.",
            "sensitivity": "At +20% arrivals: 74% with the proposed roster.",
        },
        confidence=0.71,
        urgency=0.6,
    )


def test_a_planner_proposal_shows_every_part_of_its_working(engine: Engine) -> None:
    # GIVEN a staffing proposal with inputs, formula, numbers (including a per-hour table)
    pid = add_proposal(engine, _planner_draft())
    with Session(engine) as session:
        proposal = get_proposal(session, pid)
        # WHEN its working is laid out
        sections = {s.title: s for s in working_sections(session, proposal)}
        # THEN each part is there, with its values as a reviewer reads them
        assert sections["Outlook"].rows == [
            ["expected effect", "Service level over the shift 62% → 83%."],
            ["confidence", "71%"],
            ["sensitivity", "At +20% arrivals: 74% with the proposed roster."],
        ]
        assert ["weekly totals", "410, 455, 470"] in sections["Inputs"].rows
        assert sections["Formula"].text == ["A = arrivals/h × AHT/3600; C(A,N) = Erlang C"]
        assert sections["Numbers"].rows == [["service level before", "0.62"]]
        assert sections["Hours"].columns == ["hour", "arrivals", "agents", "sl before", "sl after"]
        assert sections["Hours"].rows[1] == ["09:00", "40.0", "3", "0.41", "0.8"]
        # AND the opening message leads with the outlook and the numbers
        assert [s.title for s in opening_sections(session, proposal)] == ["Outlook", "Numbers"]
        # AND "why?" says the same in plain text (the terminal)
        text = respond(session, pid, ADMIN, "why?").text
        assert "Confidence: 71%" in text and "Sensitivity: At +20% arrivals" in text


def test_an_invoice_proposal_shows_checks_variances_and_field_evidence(engine: Engine) -> None:
    # GIVEN an invoice read by the rules engine and a proposal with a failed price check
    with Session(engine) as session:
        document = Document(
            sha256="a" * 64, original_name="inv.pdf", source_path="inv.pdf", size_bytes=1, state="in_review"
        )
        session.add(document)
        session.flush()
        assert document.id is not None
        session.add(
            Invoice(
                document_id=document.id,
                document_type="invoice",
                extraction_method="rules",
                extraction={
                    "total": "3492.65",
                    "vendor": {"vat_id": "DE264195835"},
                    "fields": {
                        "total": {"confidence": 0.95, "page": 2, "text": "Gesamtbetrag    3.492,65 €"},
                        "vendor.vat_id": {"confidence": 0.9, "page": 1, "text": "USt-IdNr. DE264195835"},
                        "due_date": {"confidence": 0.0, "page": None, "text": None, "reason": "no due date"},
                    },
                },
            )
        )
        session.commit()
        document_id = document.id
    draft = ProposalDraft(
        kind=ProposalKind.INVOICE_REQUEST_CREDIT_NOTE,
        subject_key="invoice:1",
        title="Request a credit note",
        summary="Line 2 is above the PO price.",
        payload={"action": "request_credit_note"},
        working={
            "checks": [
                {"name": "vendor_identified", "passed": True, "detail": "by VAT id"},
                {"name": "prices_within_tolerance", "passed": False, "detail": "Line 2: 54.90 vs 48.90"},
            ],
            "lines": [
                {
                    "position": 1,
                    "sku": "A",
                    "invoiced_qty": "1",
                    "invoiced_unit_price": "2",
                    "ordered_qty": "1",
                    "po_unit_price": "2",
                    "received_qty": "1",
                    "price_variance": "0.00",
                    "within_tolerance": True,
                },
                {
                    "position": 2,
                    "sku": "B",
                    "invoiced_qty": "40",
                    "invoiced_unit_price": "54.90",
                    "ordered_qty": "40",
                    "po_unit_price": "48.90",
                    "received_qty": "40",
                    "price_variance": "6.00",
                    "price_variance_pct": "12.27",
                    "po_number": "4500001202",
                    "within_tolerance": False,
                },
            ],
        },
        amount=Decimal("3492.65"),
        currency="EUR",
        document_id=document_id,
    )
    pid = add_proposal(engine, draft)
    with Session(engine) as session:
        proposal = get_proposal(session, pid)
        # WHEN its working is laid out
        sections = {s.title: s for s in working_sections(session, proposal)}
    # THEN the checks carry their marks, the variance line is flagged, and each field shows its source
    checks = sections["Checks (1 of 2 passed)"]
    assert checks.row_styles == ["pass", "fail"] and checks.rows[1][0] == "✗"
    lines = sections["Lines against the PO and receipts"]
    assert lines.rows[1] == ["2", "B", "40 × 54.90", "40 × 48.90 (PO 4500001202)", "40", "6.00 (12.27%)", "✗"]
    evidence = sections["Read from the document (rules)"]
    assert evidence.rows[:2] == [
        ["total", "3492.65", "2", "Gesamtbetrag 3.492,65 €"],
        ["vendor vat id", "DE264195835", "1", "USt-IdNr. DE264195835"],
    ]
    assert evidence.rows[2] == ["due date", "not found", "—", "no due date"]
    # AND the opening message shows only what failed
    with Session(engine) as session:
        opening = opening_sections(session, get_proposal(session, pid))
    assert [s.title for s in opening] == ["Checks (1 of 2 passed)", "Lines outside tolerance"]
    assert [len(s.rows) for s in opening] == [1, 1]
