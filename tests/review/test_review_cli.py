"""The CLI: add users, issue a token, review in the terminal, push the outbox, verify the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select
from typer.testing import CliRunner

from opsloop.cli import app
from opsloop.settings import Settings
from opsloop.store.db import dispose_engines, open_database
from opsloop.store.tables import Proposal
from tests.review.review_helpers import add_proposal

runner = CliRunner()


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("OPSLOOP_DATABASE_URL", raising=False)
    yield tmp_path / "var"
    dispose_engines()


def test_users_review_outbox_and_audit_from_the_terminal(tmp_path: Path) -> None:
    engine = open_database(Settings())
    pid = add_proposal(engine)
    added = runner.invoke(
        app, ["users", "add", "rita", "--role", "approver", "--limit", "1000", "--password", "s3cret-pass"]
    )
    assert added.exit_code == 0, added.output
    assert runner.invoke(app, ["users", "token", "rita"]).stdout.startswith("opl_")
    # WHEN rita reviews in the terminal: asks why, then approves
    session_out = runner.invoke(app, ["review", "-u", "rita"], input="why?\napprove\nquit\n")
    assert session_out.exit_code == 0, session_out.output
    assert "Formula: order = EOQ rounded to packs" in session_out.stdout
    assert "Accepted proposal" in session_out.stdout
    pushed = runner.invoke(app, ["outbox", "push"])
    assert "executed 1" in pushed.stdout
    assert len(list((tmp_path / "var" / "erp" / "outbox").glob("*.json"))) == 1
    with Session(engine) as session:
        assert session.exec(select(Proposal.state).where(Proposal.id == pid)).one() == "executed"
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
    # WHEN an event is deleted THEN verify fails
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE id = 2"))
    broken = runner.invoke(app, ["audit", "verify"])
    assert broken.exit_code == 1 and "broken" in broken.stdout


def test_the_terminal_review_mirrors_the_workspace_and_asks_before_a_release() -> None:
    from tests.review.invoice_world import invoice_world

    settings = Settings()
    engine = open_database(settings)
    ids = invoice_world(engine, settings, "mueller_2026-11902.pdf")
    pid = ids["mueller_2026-11902.pdf"]
    runner.invoke(
        app, ["users", "add", "rita", "--role", "approver", "--limit", "5000", "--password", "pw-rita-1"]
    )
    # WHEN rita opens the held invoice, tries a partial approval, then releases it: declines the
    # confirmation once, then accepts it
    said = "approve 1200 of 2000\nrelease: rest delivered\nn\nrelease: rest delivered\ny\nquit\n"
    out = runner.invoke(app, ["review", "-u", "rita", str(pid)], input=said)
    assert out.exit_code == 0, out.output
    text_out = " ".join(out.stdout.split())
    # THEN she sees what the web shows: why it is here, the named decisions, the fields with confidence
    assert "keeps it with a person" in text_out
    assert (
        "Keep on hold (`approve`)" in text_out
        and "Release the hold and pay (`release: <reason>`)" in text_out
    )
    assert "The invoice as read" in text_out and "total" in text_out
    # AND the partial approval is refused, the first release waits for her confirmation
    assert "can't approve part of an invoice" in text_out
    assert "Nothing was decided." in text_out
    assert "Released for payment" in text_out
    with Session(engine) as session:
        proposal = session.get(Proposal, pid)
        assert proposal is not None and (proposal.kind, proposal.state) == ("invoice_approve", "approved")
