"""The offline assistant: the grammar maps plain words to commands, answers from the evidence, and
decides only on an explicit command."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.review.accounts import Actor, Role
from opsloop.review.assistant import parse_command, respond
from opsloop.review.decisions import get_proposal
from opsloop.store.tables import GoodsReceipt, GoodsReceiptLine, PurchaseOrder, PurchaseOrderLine, Vendor
from tests.review.review_helpers import add_proposal, add_users, reorder_draft

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
        ("assign to carol", "assign", "carol", None),
        ("Assign it to @dave", "assign", "dave", None),
        ("assign to me", "assign", "me", None),
        ("unassign", "assign", None, None),
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
        said = why.text.splitlines()
        assert "  ✓ lead time known: 7 days" in said
        assert said[said.index("Numbers:") :][:3] == ["Numbers:", "  reorder point = 37.5", "  eoq = 40"]
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
        assert "Receipts: none yet" in shown.lines
        assert shown.sections[0].rows == [["1", "SKU-1", "40", "12 EUR", "0", "40"]]
        assert "no purchase order 999" in respond(session, pid, ADMIN, "show po 999").text
        pending = respond(session, pid, ADMIN, "what else is pending from this vendor?")
        assert pending.lines[0] == "1 more pending from vendor Acme GmbH (V-1):"
        assert [row[0] for row in pending.sections[0].rows] == ["#2"]


def test_show_po_counts_what_was_received_per_line(engine: Engine) -> None:
    # GIVEN a PO of two lines, the first received in two receipts, the second not at all
    pid = add_proposal(engine)
    with Session(engine) as session:
        vendor = Vendor(erp_id="V-1", name="Acme GmbH")
        session.add(vendor)
        session.flush()
        po = PurchaseOrder(erp_id="po-7", number="4500077", vendor_id=vendor.id, currency="EUR")  # type: ignore[arg-type]
        session.add(po)
        session.flush()
        first = PurchaseOrderLine(purchase_order_id=po.id, line_no=1, sku="A", quantity=10, unit_price=2)  # type: ignore[arg-type]
        second = PurchaseOrderLine(purchase_order_id=po.id, line_no=2, sku="B", quantity=5, unit_price=3)  # type: ignore[arg-type]
        session.add_all([first, second])
        session.flush()
        for number, day, qty in (("GR-1", 3, 4), ("GR-2", 5, 6)):
            receipt = GoodsReceipt(
                erp_id=number, number=number, purchase_order_id=po.id, received_date=date(2026, 11, day)
            )  # type: ignore[arg-type]
            session.add(receipt)
            session.flush()
            session.add(
                GoodsReceiptLine(goods_receipt_id=receipt.id, purchase_order_line_id=first.id, quantity=qty)  # type: ignore[arg-type]
            )
        session.commit()
        # WHEN the reviewer asks for it
        shown = respond(session, pid, ADMIN, "show po 4500077")
    # THEN each line says what was received and what is still open, and the receipts are listed
    assert [row[4:] for row in shown.sections[0].rows] == [["10", "0"], ["0", "5"]]
    assert "Receipts: GR-1 on 2026-11-03, GR-2 on 2026-11-05" in shown.lines
    assert "2 lines, 35.00 EUR" in shown.lines[0]


def test_set_quantity_edits_the_payload_and_the_editor_cannot_approve(engine: Engine) -> None:
    # GIVEN a pending reorder of 40 x 12.00 EUR
    pid = add_proposal(engine)
    with Session(engine) as session:
        # WHEN bob sets the quantity to 25
        edit = respond(session, pid, BOB, "set quantity to 25")
        session.commit()
        proposal = get_proposal(session, pid)
        # THEN the payload and the amount follow, the state is edited, and the opening says who edited
        assert edit.kind == "decision"
        assert (proposal.payload["quantity"], proposal.amount, proposal.state) == (
            "25",
            Decimal("300.00"),
            "edited",
        )
        assert (
            "Edited by bob: quantity 40 → 25 (someone else approves it)."
            in respond(session, pid, ADMIN, "show").lines
        )
        # AND bob cannot approve his own edit, while the admin can
        assert "segregation of duties" in respond(session, pid, BOB, "approve").text
        session.rollback()
        assert respond(session, pid, ADMIN, "approve").outcome is not None


def test_assign_gives_the_proposal_to_a_reviewer(engine: Engine) -> None:
    # GIVEN a pending proposal and the usual users
    add_users(engine)
    pid = add_proposal(engine)
    with Session(engine) as session:
        # WHEN bob assigns it to dave, then takes it himself
        to_dave = respond(session, pid, BOB, "assign to dave")
        session.commit()
        assert to_dave.kind == "decision" and get_proposal(session, pid).assignee == "dave"
        assert "Assigned to dave." in respond(session, pid, BOB, "show").lines
        respond(session, pid, BOB, "assign to me")
        session.commit()
        assert get_proposal(session, pid).assignee == "bob"
        # THEN a viewer or a stranger cannot be assigned, and a viewer cannot assign
        assert "viewer" in respond(session, pid, BOB, "assign to vera").text
        session.rollback()
        assert "no active user 'zed'" in respond(session, pid, BOB, "assign to zed").text
        session.rollback()
        vera = Actor(username="vera", role=Role.VIEWER)
        assert respond(session, pid, vera, "assign to me").kind == "error"
        session.rollback()
        # AND unassign leaves it to nobody, still pending
        respond(session, pid, BOB, "unassign")
        session.commit()
        proposal = get_proposal(session, pid)
        assert (proposal.assignee, proposal.state) == (None, "pending")
