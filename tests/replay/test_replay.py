"""Replaying an autonomy policy over a recorded history whose answer is known, and saving a policy
only after its replay was shown (command line and operations page)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from opsloop.cli import app
from opsloop.review import accounts
from opsloop.review.accounts import Role, create_user
from opsloop.review.autonomy import default_autonomy_policy, load_autonomy_policy
from opsloop.review.replay import replay_policy
from opsloop.settings import Settings
from opsloop.store.tables import AutonomyPolicyVersion, Proposal, ReviewDecision
from opsloop.web.app import create_app
from opsloop.web.replay import policy_toml

RULE = "invoice-matched-known-vendor"
DEFAULT = default_autonomy_policy().version


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


CLEAN_CHECKS = ("po_found", "tax_total_matches", "tax_rates_match", "bank_details_unchanged")
READ_FIELDS = ("invoice_number", "currency", "subtotal", "tax_total", "total", "po_numbers", "lines")


def _clean_working() -> dict[str, Any]:
    """What a cleanly matched invoice carries: a printed PO, every check passed (VAT exact, the master's
    IBAN), every relied-on value read with high confidence — nothing an autonomy guard holds."""
    return {
        "numbers": {"status": "matched", "po_resolution": "printed"},
        "checks": [{"name": name, "passed": True} for name in CLEAN_CHECKS],
        "fields": dict.fromkeys(READ_FIELDS, 0.99),
    }


def _proposal(session: Session, amount: str, state: str) -> Proposal:
    proposal = Proposal(
        kind="invoice_approve",
        state=state,
        subject_key=f"invoice:{amount}:{state}:{session.exec(select(Proposal)).all().__len__()}",
        title=f"Approve invoice over {amount}",
        summary="matched",
        payload={"action": "approve_payment", "vendor_erp_id": "V-1", "amount": amount},
        working=_clean_working(),
        amount=Decimal(amount),
        currency="EUR",
    )
    session.add(proposal)
    session.flush()
    return proposal


def _decide(session: Session, proposal: Proposal, action: str, actor: str = "rita", **extra: Any) -> None:
    assert proposal.id is not None
    session.add(ReviewDecision(proposal_id=proposal.id, actor=actor, action=action, **extra))
    session.flush()


def recorded_history(engine: Engine) -> None:
    """Three approvals by people make V-1 a known vendor; then, in order: approved as it was (500),
    rejected (1500), over the rule's limit and approved (3000), approved automatically and reversed by
    a person (300), not decided yet (200), and edited from 800 to 850 before approval (the edit keeps
    the proposal as it arrived)."""
    with Session(engine) as session:
        for amount in ("100.00", "110.00", "120.00"):
            _decide(session, _proposal(session, amount, "approved"), "approve")
        _decide(session, _proposal(session, "500.00", "approved"), "approve")
        _decide(session, _proposal(session, "1500.00", "rejected"), "reject", reason="price too high")
        _decide(session, _proposal(session, "3000.00", "approved"), "approve")
        reversed_ = _proposal(session, "300.00", "approved")
        _decide(session, reversed_, "approve", actor=f"autonomy:{RULE}", autonomy_rule=RULE)
        _decide(session, reversed_, "reverse", reason="wrong vendor")
        _proposal(session, "200.00", "pending")
        edited = _proposal(session, "850.00", "approved")
        arrival = {
            "kind": "invoice_approve",
            "title": "Approve invoice over 800.00",
            "summary": "matched",
            "payload": {"action": "approve_payment", "vendor_erp_id": "V-1", "amount": "800.00"},
            "working": _clean_working(),
            "amount": "800.00",
            "currency": "EUR",
            "confidence": None,
        }
        _decide(
            session,
            edited,
            "edit",
            changes={"total": {"from": "800.00", "to": "850.00"}, "_restore": {"proposal": arrival}},
        )
        _decide(session, edited, "approve")
        session.commit()


def test_replay_counts_what_the_policy_would_have_automated_and_what_people_overturned(
    engine: Engine,
) -> None:
    # GIVEN a recorded history with a known answer
    recorded_history(engine)
    # WHEN the default policy (up to 2,000, three earlier approvals) is replayed over it
    with Session(engine) as session:
        report = replay_policy(session, default_autonomy_policy())
        # THEN it would have automated 500, 1500, 300, 200 and the 800 as it arrived (not the 3000) by the
        # known-vendor rule, and nothing by the recurring-charge rule (no person asked to remember a charge)
        rules = {row.rule_id: row for row in report.rules}
        assert set(rules) == {"invoice-matched-known-vendor", "invoice-recurring-charge"}
        assert rules["invoice-recurring-charge"].automated == 0
        rule = rules["invoice-matched-known-vendor"]
        assert report.cases == 9
        assert (rule.automated, rule.agreed, rule.overturned, rule.edited, rule.undecided) == (5, 1, 2, 1, 1)
        assert rule.error_rate == pytest.approx(3 / 4)
        assert rule.amount == Decimal("3300.00")
        assert rule.amount_at_risk == Decimal("2600.00")
        # AND per threshold: up to 1,000 it automates 500, 300, 200 and 800; up to 5,000 the 3000 too
        by_limit = {row.threshold: row for row in rule.thresholds}
        assert (by_limit[Decimal(1000)].automated, by_limit[Decimal(1000)].errors) == (4, 2)
        assert (by_limit[Decimal(5000)].automated, by_limit[Decimal(5000)].errors) == (6, 3)
        assert by_limit[Decimal(250)].automated == 1
        assert report.held.get("new_vendor") == 1
        # AND a stricter policy automates less: up to 400 leaves only the reversed 300 and the undecided 200
        strict = default_autonomy_policy().model_copy(
            update={
                "version": "strict",
                "rules": [default_autonomy_policy().rules[0].model_copy(update={"max_amount": Decimal(400)})],
            }
        )
        tight = replay_policy(session, strict).rules[0]
        assert (tight.automated, tight.overturned, tight.undecided, tight.error_rate) == (2, 1, 1, 1.0)
        # AND the replay changed nothing
        assert len(session.exec(select(ReviewDecision)).all()) == 10


def _candidate(tmp_path: Path, version: str, limit: str) -> Path:
    policy = default_autonomy_policy().model_copy(
        update={
            "version": version,
            "rules": [default_autonomy_policy().rules[0].model_copy(update={"max_amount": Decimal(limit)})],
        }
    )
    path = tmp_path / f"{version}.toml"
    path.write_text(policy_toml(policy), "utf-8")
    return path


def test_policy_save_shows_the_replay_and_saves_only_after_a_yes(
    engine: Engine, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a recorded history and a candidate policy file
    recorded_history(engine)
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(settings.data_dir))
    path = _candidate(tmp_path, "wider-1", "5000.00")
    runner = CliRunner()
    # WHEN it is replayed, THEN the current and the proposed policy are shown side by side
    shown = runner.invoke(app, ["replay", "--policy", str(path), "--json"])
    assert shown.exit_code == 0, shown.output
    assert f'"policy_version": "{DEFAULT}"' in shown.output and '"policy_version": "wider-1"' in shown.output
    # WHEN saving is declined, THEN nothing is saved (the replay was printed first)
    declined = runner.invoke(app, ["policy", "save", str(path)], input="n\n")
    assert declined.exit_code == 1 and "automated" in declined.output and "not saved" in declined.output
    with Session(engine) as session:
        assert load_autonomy_policy(session).version == DEFAULT
    # WHEN it is confirmed, THEN it is the active version
    saved = runner.invoke(app, ["policy", "save", str(path), "--as", "admin"], input="y\n")
    assert saved.exit_code == 0, saved.output
    with Session(engine) as session:
        assert load_autonomy_policy(session).version == "wider-1"
    # AND a version cannot be saved twice
    again = runner.invoke(app, ["policy", "save", str(path), "--yes"])
    assert again.exit_code == 2 and "exists already" in again.output
    # AND a file that is not a policy is refused in one line
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "x"\nrules = 3\n', "utf-8")
    refused = runner.invoke(app, ["replay", "--policy", str(bad)])
    assert refused.exit_code == 2 and "not an autonomy policy" in refused.output


def _login(client: TestClient, username: str, password: str) -> str:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    client.post("/login", data={"username": username, "password": password, "csrf_token": token.group(1)})
    ops = client.get("/ops/replay")
    assert ops.status_code == 200
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', ops.text)
    assert csrf is not None
    return csrf.group(1)


def test_the_operations_page_replays_a_proposed_policy_beside_the_current_one(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    # GIVEN a recorded history, an admin and a reviewer
    recorded_history(engine)
    with Session(engine) as session:
        create_user(session, "boss", "boss-password-1", Role.ADMIN)
        create_user(session, "rita", "rita-password-1", Role.APPROVER, approval_limit=Decimal(5000))
        session.commit()
    text = _candidate(tmp_path, "tight-1", "400.00").read_text("utf-8")
    with TestClient(create_app(settings, engine=engine)) as client:
        csrf = _login(client, "rita", "rita-password-1")
        # WHEN a reviewer replays a proposed policy
        page = client.post("/ops/replay", data={"policy_text": text, "csrf_token": csrf})
        # THEN both replays are on the page, and only an admin is offered to save it
        assert page.status_code == 200
        assert f"Current policy ({DEFAULT})" in page.text and "Proposed policy (tight-1)" in page.text
        assert "Save tight-1" not in page.text
        denied = client.post(
            "/ops/replay/save", data={"policy_text": text, "csrf_token": csrf, "seen_replay": "tight-1"}
        )
        assert denied.status_code == 403
    with TestClient(create_app(settings, engine=engine)) as client:
        csrf = _login(client, "boss", "boss-password-1")
        page = client.post("/ops/replay", data={"policy_text": text, "csrf_token": csrf})
        assert "Save tight-1 as the active policy" in page.text
        # WHEN the admin saves it from the replay
        saved = client.post(
            "/ops/replay/save",
            data={"policy_text": text, "csrf_token": csrf, "seen_replay": "tight-1"},
            follow_redirects=False,
        )
        # THEN it is the active version, saved by the admin
        assert saved.status_code == 303 and saved.headers["location"] == "/ops/replay?saved=tight-1"
    with Session(engine) as session:
        row = session.exec(
            select(AutonomyPolicyVersion).where(AutonomyPolicyVersion.version == "tight-1")
        ).one()
        assert row.created_by == "boss"
        assert load_autonomy_policy(session).version == "tight-1"
