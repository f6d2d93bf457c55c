"""End to end: a PDF from the fixture generator that prints terms shorter than the ones agreed in the ERP
(and contradicting its own due date), with an early-payment discount, taken in by the pipeline against
the fixture ERP: the proposal still approves, warns in plain words, pays on the agreed date, shows the
discount and posts the invoice's amount."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import ModuleType

from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.proposals import ProposalKind
from opsloop.erp.folder import load_folder
from opsloop.review.assistant import working_sections
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store.tables import Proposal
from tests.conftest import REPO_ROOT


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fixtures_generate", REPO_ROOT / "fixtures" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_terms_shorter_than_agreed_are_paid_on_the_agreed_date_through_the_pipeline(
    engine: Engine, settings: Settings
) -> None:
    # GIVEN the fixture invoice that matches its PO exactly (Schmidt, 30 days agreed in fixtures/erp,
    # due date printed 30 days after the invoice date), now also printing 14 days net and 2 % Skonto
    gen = _generator()
    base = next(s for s in gen.INVOICES if s.stem == "schmidt_RE-2026-0412")
    spec = replace(
        base, notes=("Zahlungsbedingungen: 2 % Skonto bei Zahlung innerhalb von 10 Tagen, 14 Tage netto.",)
    )
    truth = gen.build_truth(spec)
    reset_caches()
    with Session(engine) as session:
        load_folder(session, REPO_ROOT / "fixtures" / "erp")
        session.commit()
    inbox = Path(settings.data_dir) / "incoming"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / f"{spec.stem}.pdf").write_bytes(gen.render_pdf(spec, truth))
    # WHEN the pipeline reads, reconciles and proposes it
    ingest_and_process(engine, settings, [inbox], move=False)
    with Session(engine) as session:
        [proposal] = session.exec(select(Proposal)).all()
        sections = {s.title: s for s in working_sections(session, proposal)}
    # THEN it is proposed for payment (the terms hold nothing) ...
    assert proposal.kind == ProposalKind.INVOICE_APPROVE, proposal.summary
    warnings = [w["sentence"] for w in proposal.working["warnings"] if w["type"] == "payment_terms"]
    # ... saying in plain words that the terms contradict the printed due date and are shorter than agreed
    assert any(
        w.startswith("The invoice says 14 days net but prints a due date 30 days after the invoice date")
        for w in warnings
    ), warnings
    assert any(
        "sooner than the 30 days agreed with" in w and "scheduled for 2026-12-02" in w for w in warnings
    )
    # ... paying on the agreed date, which the queue shows as the due date
    assert proposal.payload["payment_date"] == "2026-12-02"
    assert proposal.summary.count("scheduled for 2026-12-02") == 1  # (said by the warning, not twice)
    assert proposal.due_date == date(2026, 12, 2)
    # ... showing the discount with its last day, and posting the invoice's own amount
    discount = proposal.payload["early_payment_discount"]
    assert discount["percent"] == "2" and discount["last_day"] == "2026-11-12"
    assert discount["amount"] == str((truth.amount_due * 2 / 100).quantize(Decimal("0.01"), ROUND_HALF_UP))
    assert proposal.payload["amount"] == str(truth.total)
    # AND the reviewer's working shows the warnings and the schedule
    assert ["payment scheduled for", "2026-12-02"] in sections["Payment"].rows
    assert [row[0] for row in sections["Warnings"].rows] == ["payment terms", "payment terms"]
