"""The offline assistant: the grammar maps plain words to commands, answers from the evidence, and
decides only on an explicit command."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.review.accounts import Actor, Role
from opsloop.review.assistant import parse_command, respond
from opsloop.review.decisions import get_proposal
from opsloop.store.tables import PurchaseOrder, PurchaseOrderLine, Vendor
from tests.review.review_helpers import add_proposal, reorder_draft

BOB = Actor(username="bob", role=Role.APPROVER, approval_limit=Decimal("10000"))
ADMIN = Actor(username="alice", role=Role.ADMIN)


@pytest.mark.parametrize(
    ("said", "name", "argument", "field"),
    [
        ("why?", "why", None, None),
        ("Approve", "approve", None, None),
        ("reject: price too high", "reject", "price too high", None),
        ("reject because price too high", "reject", "price too high", None),
        ("set quantity to 40", "edit", "40", "quantity"),
        ("change unit cost to 11.5", "edit", "11.5", "unit_cost"),
        ("show PO 4500012", "show_po", "4500012", None),
        ("what else is pending from this vendor?", "vendor_pending", None, None),
        ("next", "next", None, None),
        ("looks good", "sounds_like_approve", None, None),
        ("approved!", "sounds_like_approve", None, None),
        ("comment: called the vendor", "comment", "called the vendor", None),
        ("make it so", "unknown", "make it so", None),
    ],
)
def test_the_grammar_understands_plain_commands(
    said: str, name: str, argument: str | None, field: str | None
) -> None:
    command = parse_command(said)
    assert (command.name, command.argument, command.field) == (name, argument, field)


def test_sounding_like_yes_asks_instead_of_deciding(engine: Engine) -> None:
    pid = add_proposal(engine)
    with Session(engine) as session:
        reply = respond(session, pid, ADMIN, "looks good")
        assert reply.kind == "question" and "approve" in reply.text
        assert get_proposal(session, pid).state == "pending"


def test_a_conversation_explains_edits_and_moves_on(engine: Engine) -> None:
    pid = add_proposal(engine)
    other = add_proposal(engine, reorder_draft(sku="SKU-2", quantity=5))
    with Session(engine) as session:
        why = respond(session, pid, ADMIN, "why?")
        assert (
            "✓ lead time known: 7 days" in why.lines
            and "Numbers: reorder_point = 37.5, eoq = 40" in why.lines
        )
        edit = respond(session, pid, BOB, "set quantity to 60", seen_version=0)
        assert edit.kind == "decision" and "quantity: 40 → 60" in edit.text
        stale = respond(session, pid, ADMIN, "approve", seen_version=0)
        assert stale.kind == "error" and "version" in stale.text
        session.commit()
        refused = respond(session, pid, BOB, "approve")
        assert refused.kind == "error" and "segregation" in refused.text
        nxt = respond(session, pid, BOB, "next")
        assert nxt.next_proposal_id == other


def test_show_po_and_vendor_pending_answer_from_the_mirror(engine: Engine) -> None:
    pid = add_proposal(engine)
    add_proposal(engine, reorder_draft(sku="SKU-3"))
    with Session(engine) as session:
        vendor = Vendor(erp_id="V-1", name="Acme GmbH")
        session.add(vendor)
        session.flush()
        po = PurchaseOrder(erp_id="po-1", number="4500012", vendor_id=vendor.id, currency="EUR")  # type: ignore[arg-type]
        session.add(po)
        session.flush()
        session.add(
            PurchaseOrderLine(purchase_order_id=po.id, line_no=1, sku="SKU-1", quantity=40, unit_price=12)  # type: ignore[arg-type]
        )
        session.commit()
        shown = respond(session, pid, ADMIN, "show PO 4500012")
        assert shown.lines[0].startswith("PO 4500012 (open) from Acme GmbH")
        assert "1. SKU-1" in shown.lines[1] and "Receipts: none yet" in shown.lines
        assert "no purchase order 999" in respond(session, pid, ADMIN, "show po 999").text
        pending = respond(session, pid, ADMIN, "what else is pending from this vendor?")
        assert pending.lines[0] == "1 more pending from vendor V-1:"
