"""The assistant understands what AP people type, in English and German: release, pay anyway, undo,
partial approvals (refused, never half done), "is this price normal?" answered from the purchase
history, why an item is with a person; and on a held invoice "approve" does not mean "pay"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.review.accounts import Actor, Role
from opsloop.review.assistant import parse_command, respond
from opsloop.settings import Settings
from opsloop.store.tables import OutboxItem, Proposal
from tests.review.invoice_world import invoice_world
from tests.review.review_helpers import add_proposal, add_users

RITA = Actor(username="rita", role=Role.APPROVER, approval_limit=Decimal("5000"))


@pytest.mark.parametrize(
    ("said", "name", "argument", "changes"),
    [
        ("release: goods arrived", "release", "goods arrived", {}),
        ("pay it anyway because the receipt follows", "release", "the receipt follows", {}),
        ("Trotzdem zahlen: Ware ist da", "release", "Ware ist da", {}),
        ("keep on hold", "keep_on_hold", None, {}),
        ("Auf Halt lassen", "keep_on_hold", None, {}),
        ("hold: waiting for the delivery note", "hold", "waiting for the delivery note", {}),
        ("undo", "undo", None, {}),
        ("rückgängig", "undo", None, {}),
        ("reopen", "undo", None, {}),
        ("ablehnen: doppelt", "reject", "doppelt", {}),
        ("genehmigen", "approve", None, {}),
        ("warum?", "why", None, {}),
        ("why is it here?", "why_here", None, {}),
        ("is this price normal?", "price_check", None, {}),
        ("Ist der Preis normal?", "price_check", None, {}),
        ("approve it but only 30 units", "partial", "approve it but only 30 units", {}),
        ("approve 30 of 40", "partial", "approve 30 of 40", {}),
        ("approve only line 1", "partial", "approve only line 1", {}),
        ("nur 30 Stück genehmigen", "partial", "nur 30 Stück genehmigen", {}),
        ("teilweise freigeben", "partial", "teilweise freigeben", {}),
        ("set amount to 1400", "edit", "1400", {"amount": "1400"}),
        ("setze Menge auf 30", "edit", "30", {"quantity": "30"}),
        ("set line 2 quantity to 30", "edit", "30", {"lines.2.quantity": "30"}),
        ("setze Position 2 Einzelpreis auf 2,35", "edit", "2,35", {"lines.2.unit_price": "2,35"}),
        ("link line 2 to PO 4500001201 line 3", "edit", "4500001201/3", {"lines.2.po_line": "4500001201/3"}),
        ("remove line 5", "edit", "remove", {"lines.5": "remove"}),
        ("lösche Position 5", "edit", "remove", {"lines.5": "remove"}),
        ("totals from lines", "edit", "from_lines", {"totals": "from_lines"}),
        (
            "set vendor to Schmidt Bürotechnik GmbH",
            "edit",
            "Schmidt Bürotechnik GmbH",
            {"vendor": "Schmidt Bürotechnik GmbH"},
        ),
        ("set total to 0.00 and treat the invoice as approved", "unknown", None, {}),
        ("approve the lot quickly", "unclear", "approve the lot quickly", {}),
        ("zeige Bestellung 4500001201", "show_po", "4500001201", {}),
    ],
)
def test_the_grammar_understands_reviewers_in_english_and_german(
    said: str, name: str, argument: str | None, changes: dict[str, str]
) -> None:
    command = parse_command(said)
    assert command.name == name
    if name != "unknown":
        assert command.argument == argument
    assert command.changes == changes


def test_a_partial_approval_is_refused_with_what_it_needs_and_nothing_changes(
    engine: Engine, settings: Settings
) -> None:
    add_users(engine)
    pid = invoice_world(engine, settings, "schmidt_RE-2026-0412.pdf")["schmidt_RE-2026-0412.pdf"]
    with Session(engine) as session:
        reply = respond(session, pid, RITA, "approve it but only 30 units")
        session.commit()
        assert reply.kind == "refused"
        assert "can't approve part of an invoice" in reply.text and "1,432.62 EUR" in reply.text
        assert "set line 1 quantity to 30" in reply.text
        proposal = session.get(Proposal, pid)
        assert proposal is not None and proposal.state == "pending"
        assert session.exec(select(OutboxItem)).all() == []


def test_approve_on_a_held_invoice_asks_instead_of_queueing_the_hold(
    engine: Engine, settings: Settings
) -> None:
    add_users(engine)
    pid = invoice_world(engine, settings, "mueller_2026-11902.pdf")["mueller_2026-11902.pdf"]
    with Session(engine) as session:
        reply = respond(session, pid, RITA, "approve the payment")
        assert reply.kind == "question" and "`release: <reason>`" in reply.text
        assert session.exec(select(OutboxItem)).all() == []
        # AND "why is it here?" names the policy rule that keeps it with a person
        why = respond(session, pid, RITA, "why is it here?")
        assert "keeps it with a person" in why.text and "failed check" in why.text
        # AND `keep on hold` is what keeps it on hold
        kept = respond(session, pid, RITA, "keep on hold")
        session.commit()
        assert kept.kind == "decision" and "Kept on hold" in kept.text
        [item] = session.exec(select(OutboxItem)).all()
        assert item.action_kind == "hold_invoice"


def test_is_this_price_normal_is_answered_from_the_purchase_history(
    engine: Engine, settings: Settings
) -> None:
    add_users(engine)
    pid = invoice_world(engine, settings, "schmidt_RE-2026-0412.pdf")["schmidt_RE-2026-0412.pdf"]
    with Session(engine) as session:
        reply = respond(session, pid, RITA, "Ist der Preis normal?")
        [table] = reply.sections
        first = table.rows[0]
        # THEN line 1 (BT-1001 at 3.85) is set against the fixture POs that bought BT-1001
        assert first[0] == "line 1 BT-1001" and first[1] == "3.85"
        assert int(first[2]) >= 1 and "paid before" in first[7]
        assert "line 1 BT-1001 at 3.85" in reply.text


def test_a_reorder_price_check_without_history_says_so(engine: Engine) -> None:
    add_users(engine)
    pid = add_proposal(engine)
    with Session(engine) as session:
        reply = respond(session, pid, RITA, "is this price normal?")
        assert "no earlier purchase order has SKU-1" in reply.text
