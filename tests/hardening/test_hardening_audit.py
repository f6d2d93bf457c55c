"""The audit chain cannot be rewritten unnoticed by someone who can write the database: its hashes
are keyed with a key kept outside it, its head is anchored outside it, and the rows it produced are
checked against it."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session, select

from opsloop.review.audit import ChainReport, verify_chain
from opsloop.review.decisions import DecisionAction, DecisionRequest, decide
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store.chain import REKEYED
from opsloop.store.db import dispose_engines, open_database
from opsloop.store.tables import OutboxItem
from tests.hardening.tamper import audit_events, rewrite_chain
from tests.review.review_helpers import add_proposal, add_users, reorder_draft


def _history(engine: Engine) -> list[int]:
    """Users, three proposals, an edit, an approval (with its outbox row) and a rejection."""
    users = add_users(engine)
    ids = [add_proposal(engine, reorder_draft(sku=f"SKU-{n}")) for n in range(3)]
    with Session(engine) as session:
        decide(
            session,
            ids[0],
            users["dave"],
            DecisionRequest(action=DecisionAction.EDIT, changes={"quantity": "30"}),
        )
        session.commit()
    with Session(engine) as session:
        decide(session, ids[0], users["alice"], DecisionRequest(action=DecisionAction.APPROVE))
        decide(
            session, ids[1], users["bob"], DecisionRequest(action=DecisionAction.REJECT, reason="not needed")
        )
        session.commit()
    return ids


def _verify(engine: Engine) -> ChainReport:
    with Session(engine) as session:
        return verify_chain(session)


def test_an_untouched_history_verifies_with_its_anchor(engine: Engine) -> None:
    _history(engine)
    report = _verify(engine)
    assert report.ok, report
    assert report.anchor is not None and report.anchor.event_id == audit_events(engine)[-1].id
    assert report.anchor.count == report.events


def test_an_edited_event_with_recomputed_plain_hashes_is_detected(engine: Engine) -> None:
    _history(engine)
    target = next(e for e in audit_events(engine) if e.action == "proposal.approve")
    assert target.id is not None
    rewrite_chain(engine, target.id, {"actor": "mallory"})
    report = _verify(engine)
    assert not report.ok and report.first_bad_id == target.id
    assert (report.problem or "").startswith("the event was changed")


def test_deleting_the_newest_events_is_detected_by_the_anchor(engine: Engine) -> None:
    _history(engine)
    events = audit_events(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE id >= :id"), {"id": events[-2].id})
    report = _verify(engine)
    assert not report.ok
    assert f"names event #{events[-1].id}" in (report.problem or "") and "deleted" in (report.problem or "")


def test_a_chain_cut_at_its_start_is_detected(engine: Engine) -> None:
    _history(engine)
    events = audit_events(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE id <= :id"), {"id": events[1].id})
    report = _verify(engine)
    assert not report.ok and report.first_bad_id == events[2].id
    assert (report.problem or "").startswith("an earlier event is missing")


def test_an_edited_or_removed_anchor_is_detected(engine: Engine, settings: Settings) -> None:
    _history(engine)
    anchor = settings.data_dir / "audit.anchor"
    lines = anchor.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])
    last["count"] -= 1  # as if fewer events had been written
    anchor.write_text("\n".join([*lines[:-1], json.dumps(last)]) + "\n", encoding="utf-8")
    assert "anchor file was changed" in (_verify(engine).problem or "")
    anchor.unlink()
    assert "anchor file is missing" in (_verify(engine).problem or "")


def test_a_proposal_approved_by_hand_in_the_database_is_reported(engine: Engine) -> None:
    ids = _history(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE proposals SET state = 'approved' WHERE id = :id"), {"id": ids[2]})
    report = _verify(engine)
    assert not report.ok
    assert f"proposal {ids[2]} is approved, but the audit log last left it pending" in report.mismatches


def test_an_outbox_payload_changed_after_approval_is_reported(engine: Engine) -> None:
    _history(engine)
    with Session(engine) as session:
        item = session.exec(select(OutboxItem)).one()
        key = item.idempotency_key
        item.payload = {**item.payload, "quantity": "4000"}
        session.add(item)
        session.commit()
    report = _verify(engine)
    assert not report.ok
    assert f"outbox row {key}: its payload changed after it was approved" in report.mismatches


def test_an_outbox_row_no_approval_queued_is_reported(engine: Engine) -> None:
    ids = _history(engine)
    with Session(engine) as session:
        session.add(
            OutboxItem(proposal_id=ids[2], idempotency_key="forged-1", action_kind="create_purchase_order")
        )
        session.commit()
    assert "outbox row forged-1 was queued by no audit event" in _verify(engine).mismatches


def test_a_rewritten_decision_row_is_reported(engine: Engine) -> None:
    ids = _history(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE review_decisions SET actor = 'carol' WHERE proposal_id = :id AND action = 'approve'"
            ),
            {"id": ids[0]},
        )
    report = _verify(engine)
    assert not report.ok and any(f"on proposal {ids[0]} (carol: approve)" in m for m in report.mismatches)


def test_a_plain_chain_from_before_keying_is_rekeyed_when_opened(engine: Engine, settings: Settings) -> None:
    # GIVEN a history whose events carry plain SHA-256 hashes (as opsloop wrote them before) and no anchor
    _history(engine)
    events = audit_events(engine)
    assert events[0].id is not None
    rewrite_chain(engine, events[0].id, {})
    (settings.data_dir / "audit.anchor").unlink()
    # WHEN a keyed opsloop opens the database
    dispose_engines()
    reset_caches()
    reopened = open_database(settings)
    # THEN every event was re-keyed, the re-keying is recorded at the end, the anchor written, and it verifies
    after = audit_events(reopened)
    assert after[-1].action == REKEYED and after[-1].data["events"] == len(events)
    report = _verify(reopened)
    assert report.ok, report
    assert report.anchor is not None and report.anchor.event_id == after[-1].id


def test_a_plain_chain_broken_before_the_upgrade_stays_broken(engine: Engine, settings: Settings) -> None:
    _history(engine)
    events = audit_events(engine)
    assert events[0].id is not None
    rewrite_chain(engine, events[0].id, {})
    with engine.begin() as connection:  # an edit without recomputing: the plain chain is broken here
        connection.execute(
            text("UPDATE audit_events SET actor = 'mallory' WHERE id = :id"), {"id": events[3].id}
        )
    (settings.data_dir / "audit.anchor").unlink()
    dispose_engines()
    reopened = open_database(settings)
    report = _verify(reopened)
    assert not report.ok and report.first_bad_id == events[3].id


def test_the_audit_key_lives_outside_the_database_readable_by_its_owner_only(
    engine: Engine, settings: Settings
) -> None:
    _history(engine)
    key_file = settings.data_dir / "secrets" / "audit.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert (key_file.parent.stat().st_mode & 0o077) == 0
    key = key_file.read_text(encoding="ascii").strip()
    database = Path(settings.data_dir / "opsloop.db")
    assert key.encode() not in database.read_bytes()
