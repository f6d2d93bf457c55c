"""Shared pieces of the ERP tests: a migrated database, export folders, and a held invoice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.reconcile import load_mirror, load_policy, reconcile_invoice, record_reconciliation
from opsloop.reconcile.proposals import propose_invoice_action
from opsloop.review.queue import upsert_proposal
from opsloop.store import db
from opsloop.store import tables as t
from tests.conftest import keyed

D = Decimal


def migrated_engine(path: Path) -> Engine:
    url = f"sqlite:///{path}"
    db.upgrade(url)
    return keyed(db.make_engine(url), path.parent)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


def base_export(folder: Path) -> None:
    """ACME with PO-1003 (20 gloves at 4.00), nothing received yet."""
    write(
        folder,
        "vendors.csv",
        """
erp_id,name,vat_id,iban,address,currency,payment_terms_days
V-ACME,ACME Fasteners GmbH,DE111111111,DE89370400440532013000,"Hauptstr. 1, Berlin",EUR,30
V-OTHER,Other Supplies Ltd,,,,EUR,14
""",
    )
    write(
        folder,
        "items.csv",
        """
erp_id,sku,name,category,unit,unit_cost
I-1,D-400,Safety gloves,safety,pair,4.00
""",
    )
    write(
        folder,
        "purchase_orders.csv",
        """
erp_id,number,vendor_erp_id,order_date,currency,status
PO10,PO-1003,V-ACME,2026-03-01,EUR,open
""",
    )
    write(
        folder,
        "purchase_order_lines.csv",
        """
po_number,line_no,sku,description,quantity,unit,unit_price,tax_rate
PO-1003,1,D-400,"Safety gloves, size L",20,pair,4.00,19
""",
    )


def receipt_export(folder: Path, quantity: str = "20") -> None:
    write(
        folder,
        "goods_receipts.csv",
        """
erp_id,number,po_number,received_date
GR1,GR-1,PO-1003,2026-03-09
""",
    )
    write(
        folder,
        "goods_receipt_lines.csv",
        f"""
receipt_erp_id,po_line_no,quantity
GR1,1,{quantity}
""",
    )


def gloves_invoice() -> InvoiceExtraction:
    return InvoiceExtraction(
        vendor=VendorExtraction(
            name="ACME Fasteners GmbH", vat_id="DE111111111", iban="DE89370400440532013000"
        ),
        invoice_number="INV-9",
        invoice_date=date(2026, 3, 5),
        po_numbers=["PO-1003"],
        currency="EUR",
        subtotal=D("80.00"),
        tax_total=D("15.20"),
        total=D("95.20"),
        lines=[
            InvoiceLineExtraction(
                sku="D-400",
                description="Safety gloves",
                quantity=D(20),
                unit_price=D("4.00"),
                amount=D("80.00"),
            )
        ],
    )


def hold_invoice(engine: Engine) -> int:
    """Store the gloves invoice, reconcile it against the mirror as it is, queue its proposal.
    Returns the document id (the proposal's subject is `invoice:<document id>`)."""
    return hold_extraction(engine, gloves_invoice())


def hold_extraction(engine: Engine, extraction: InvoiceExtraction) -> int:
    """Store `extraction` as an invoice, reconcile it against the mirror, queue its proposal."""
    with Session(engine, expire_on_commit=False) as session:
        document = t.Document(
            sha256="b" * 64,
            original_name="inv.pdf",
            source_path="/in/inv.pdf",
            size_bytes=10,
            state="in_review",
        )
        session.add(document)
        session.flush()
        assert document.id is not None
        invoice = t.Invoice(
            document_id=document.id,
            document_type="invoice",
            extraction_method="test",
            invoice_number=extraction.invoice_number,
            invoice_date=extraction.invoice_date,
            po_numbers=extraction.po_numbers,
            currency=extraction.currency,
            total=extraction.total,
            extraction=extraction.model_dump(mode="json"),
        )
        session.add(invoice)
        session.flush()
        assert invoice.id is not None
        rec = reconcile_invoice(
            extraction, load_mirror(session), load_policy(session), document_id=document.id, text_hash="h1"
        )
        record_reconciliation(session, invoice.id, rec)
        upsert_proposal(session, propose_invoice_action(rec, extraction))
        session.commit()
        return document.id


def proposals_for(engine: Engine, subject: str) -> list[t.Proposal]:
    with Session(engine) as session:
        return list(session.exec(select(t.Proposal).where(t.Proposal.subject_key == subject)))
