"""Vendor memory: a reviewer's correction changes how the vendor's next invoice is read, says so in
its evidence, never overrides a check, and can be forgotten."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal

from evals.synth.generate import COUNTRIES, iban
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from opsloop.cli import app
from opsloop.review.accounts import actor_of
from opsloop.review.decisions import DecisionAction, DecisionRequest, decide
from opsloop.settings import Settings
from opsloop.store.tables import Correction, InvoiceReconciliation, MemoryEntry, User
from tests.memory.memory_world import (
    BILLS,
    correct,
    invoice_pdf,
    make_vendor,
    proposal_of,
    read,
    seed_world,
    take_in,
)


def _learned(extraction: object, field: str) -> str:
    evidence = getattr(extraction, "fields", {}).get(field)
    return (evidence.reason or "") if evidence is not None else ""


def test_a_correction_changes_the_next_document_of_the_same_vendor(
    engine: Engine, settings: Settings
) -> None:
    # GIVEN a vendor whose due date stands beside a label of its own, which the engine cannot read
    vendor = make_vendor()
    seed_world(engine, settings, [vendor])
    first = take_in(engine, settings, "kv-0101.pdf", invoice_pdf(vendor, BILLS[0]))
    assert read(engine, first).due_date is None
    # WHEN rita corrects the due date on the first invoice
    proposal_id = correct(engine, first, {"due_date": "2026-04-01"})
    # THEN the correction is stored with its document, its layout and its vendor
    with Session(engine) as session:
        (row,) = session.exec(select(Correction).where(Correction.document_id == first)).all()
        assert (row.field, row.actor, row.vendor_key) == ("due_date", "rita", vendor.erp_id)
        assert row.layout and len(row.layout) == 16
    # AND the vendor's next invoice (new number, date and amounts) reads its own due date there
    second = take_in(engine, settings, "kv-0117.pdf", invoice_pdf(vendor, BILLS[1]))
    extraction = read(engine, second)
    assert extraction.due_date == BILLS[1].due
    assert (extraction.invoice_number, extraction.invoice_date, extraction.total) == (
        BILLS[1].number,
        BILLS[1].issued,
        BILLS[1].total,
    )
    # AND its evidence says where that came from, and points at the printed date
    reason = _learned(extraction, "due_date")
    assert f"learned from the correction of #{proposal_id} by rita" in reason
    evidence = extraction.fields["due_date"]
    assert evidence.text == BILLS[1].due.strftime("%d.%m.%Y") and evidence.bbox is not None
    assert extraction.extraction_method.endswith("+memory")


def test_memory_forget_undoes_what_was_learned(engine: Engine, settings: Settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a vendor memory that learned the due date from one correction
    vendor = make_vendor()
    seed_world(engine, settings, [vendor])
    first = take_in(engine, settings, "kv-0101.pdf", invoice_pdf(vendor, BILLS[0]))
    correct(engine, first, {"due_date": "2026-04-01"})
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(settings.data_dir))
    runner = CliRunner()
    listed = runner.invoke(app, ["memory", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [(v["vendor_key"], v["version"]) for v in json.loads(listed.output)] == [(vendor.erp_id, 1)]
    # WHEN it is forgotten from the command line
    forgot = runner.invoke(app, ["memory", "forget", vendor.erp_id, "--as", "admin"])
    assert forgot.exit_code == 0, forgot.output
    assert "memory is now v2" in forgot.output
    # THEN the next invoice is read as if nothing had been learned
    second = take_in(engine, settings, "kv-0117.pdf", invoice_pdf(vendor, BILLS[1]))
    extraction = read(engine, second)
    assert extraction.due_date is None
    assert "learned from" not in _learned(extraction, "due_date")
    # AND what was forgotten stays on record, retired by version 2
    shown = runner.invoke(app, ["memory", "show", vendor.erp_id, "--retired", "--json"])
    view = json.loads(shown.output)
    assert view["summary"]["entries"] == 0 and view["entries"]
    assert all(e["retired"].startswith("v2 by admin") for e in view["entries"])
    assert [e["action"] for e in view["events"]] == ["learned", "forgot"]


def test_an_undone_edit_teaches_nothing(engine: Engine, settings: Settings) -> None:
    # GIVEN a correction that rita takes back before deciding
    vendor = make_vendor()
    seed_world(engine, settings, [vendor])
    first = take_in(engine, settings, "kv-0101.pdf", invoice_pdf(vendor, BILLS[0]))
    proposal_id = correct(engine, first, {"due_date": "2026-04-01"})
    with Session(engine) as session:
        rita = actor_of(session.exec(select(User).where(User.username == "rita")).one())
        decide(session, proposal_id, rita, DecisionRequest(action=DecisionAction.UNDO))
        session.commit()
        assert not session.exec(select(MemoryEntry).where(col(MemoryEntry.retired_at).is_(None))).all()
    # WHEN the vendor's next invoice arrives
    second = take_in(engine, settings, "kv-0117.pdf", invoice_pdf(vendor, BILLS[1]))
    # THEN it is read as the engine reads it
    assert read(engine, second).due_date is None


def test_a_learned_iban_is_read_from_the_page_and_still_checked_against_the_vendor_master(
    engine: Engine, settings: Settings
) -> None:
    # GIVEN memory that learned where this vendor prints its IBAN
    vendor = make_vendor()
    seed_world(engine, settings, [vendor])
    first = take_in(engine, settings, "kv-0101.pdf", invoice_pdf(vendor, BILLS[0]))
    assert read(engine, first).vendor.iban is None
    correct(engine, first, {"vendor.iban": vendor.iban})
    # WHEN the next invoice prints other bank details at that place
    other = iban(random.Random(99), COUNTRIES["DK"])
    assert other and other != vendor.iban
    second = take_in(engine, settings, "kv-0117.pdf", invoice_pdf(vendor, BILLS[1], printed_iban=other))
    # THEN memory reads the IBAN printed there, not the one it learned
    extraction = read(engine, second)
    assert extraction.vendor.iban == other
    assert "learned from" in _learned(extraction, "vendor.iban")
    # AND the reconciler still compares it with the vendor master: the changed bank details are caught
    with Session(engine) as session:
        row = session.exec(
            select(InvoiceReconciliation).where(
                InvoiceReconciliation.document_id == second, col(InvoiceReconciliation.current)
            )
        ).one()
    types = {e.get("type") for e in row.result.get("exceptions") or []}
    checks = {c.get("name"): c.get("passed") for c in row.result.get("checks") or []}
    assert "iban_changed" in types or checks.get("bank_details_unchanged") is False


def test_another_vendors_document_is_not_read_with_this_vendors_memory(
    engine: Engine, settings: Settings
) -> None:
    # GIVEN memory about one vendor, and a second vendor (another VAT id) printing the same template
    vendor, other = make_vendor(), make_vendor(seed=8, name="Solbakke Handel ApS", erp_id="V-SO")
    seed_world(engine, settings, [vendor, other])
    first = take_in(engine, settings, "kv-0101.pdf", invoice_pdf(vendor, BILLS[0]))
    correct(engine, first, {"due_date": "2026-04-01"})
    # WHEN the other vendor's invoice arrives
    theirs = take_in(engine, settings, "so-0117.pdf", invoice_pdf(other, BILLS[1]))
    # THEN nothing learned about the first vendor applies to it
    extraction = read(engine, theirs)
    # (the engine alone may read the date beside the unknown label: the learned scorer's due date
    # takes a date after the invoice date; what matters is that no memory of the first vendor is used)
    assert not any("learned from" in (e.reason or "") for e in extraction.fields.values())


def test_a_vendor_item_code_maps_to_our_sku_on_the_next_invoice(engine: Engine, settings: Settings) -> None:
    # GIVEN rita maps the vendor's line to our SKU once
    vendor = make_vendor()
    seed_world(engine, settings, [vendor])
    first = take_in(engine, settings, "kv-0101.pdf", invoice_pdf(vendor, BILLS[0]))
    assert read(engine, first).lines, "the engine reads the line table"
    proposal_id = correct(engine, first, {"lines.1.sku": "FILM-500"})
    # WHEN the next invoice bills the same article
    second = take_in(engine, settings, "kv-0117.pdf", invoice_pdf(vendor, BILLS[1]))
    # THEN its line carries our SKU, with the evidence naming the correction
    extraction = read(engine, second)
    assert extraction.lines[0].sku == "FILM-500"
    assert f"#{proposal_id} by rita" in _learned(extraction, "lines[0].sku")
    assert extraction.lines[0].quantity == Decimal(BILLS[1].quantity)


def test_the_learned_place_reads_nothing_when_the_label_is_gone(engine: Engine, settings: Settings) -> None:
    # GIVEN memory of where the due date stands
    vendor = make_vendor()
    seed_world(engine, settings, [vendor])
    first = take_in(engine, settings, "kv-0101.pdf", invoice_pdf(vendor, BILLS[0]))
    correct(engine, first, {"due_date": "2026-04-01"})
    # WHEN a document of the vendor prints no such label (a one-line note instead of its template)
    from tests.samples import text_pdf

    note = take_in(
        engine,
        settings,
        "kv-note.pdf",
        text_pdf([vendor.name, f"VAT {vendor.vat_id}", "Invoice No.: KT-2026-0200", "Total DKK 50.00"]),
    )
    # THEN memory invents nothing
    assert read(engine, note).due_date is None
    assert date(2026, 4, 1) not in {read(engine, note).due_date}
    assert proposal_of(engine, note)
