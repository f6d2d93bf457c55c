"""Vendor memory recognises a vendor by any of the bank accounts the ERP keeps for it, not only the
first: a document paying to a supplier's second account is read with that supplier's memory."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.documents import DocumentKind, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction, VendorExtraction
from opsloop.memory.apply import identify_vendor
from opsloop.memory.store import active_entries, record_event
from opsloop.store.tables import MemoryEntry, Vendor

FIRST, SECOND = "DE89370400440532013000", "DE75512108001245126199"


def test_a_vendors_second_account_recognises_its_memory(engine: Engine) -> None:
    # GIVEN ACME with two accounts in the ERP, and memory learned from ACME's corrected documents
    with Session(engine) as session:
        session.add(Vendor(erp_id="V-ACME", name="ACME Fasteners GmbH", iban=FIRST, ibans=[FIRST, SECOND]))
        version = record_event(session, "V-ACME", "learned", "rita", {})
        session.add(
            MemoryEntry(
                vendor_key="V-ACME", kind="example", field="*", value={}, actor="rita", version=version
            )
        )
        session.commit()
        # WHEN a document whose name was not read pays to ACME's second account
        extraction = InvoiceExtraction(vendor=VendorExtraction(iban=SECOND))
        parsed = ParsedDocument(kind=DocumentKind.PDF)
        found = identify_vendor(session, parsed, extraction, active_entries(session), [], 0.6)
    # THEN memory takes it for ACME, by its IBAN
    assert found == ("V-ACME", "its IBAN")
