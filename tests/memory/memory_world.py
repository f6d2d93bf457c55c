"""One vendor's invoices, printed from one template, and an opsloop data folder that knows the vendor:
the world the vendor-memory tests correct and re-read."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from evals.synth.generate import COUNTRIES, iban, vat_id
from fpdf import FPDF
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.folder import load_folder
from opsloop.review.accounts import Role, actor_of, create_user
from opsloop.review.decisions import DecisionAction, DecisionRequest, decide
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store.invoices import load_extraction
from opsloop.store.tables import Proposal, User

DUE_LABEL = "Vrx-Termin:"
"""A due-date label no lexicon knows: the engine cannot tell this date is the due date."""


@dataclass(frozen=True)
class Vendor:
    erp_id: str
    name: str
    vat_id: str
    iban: str


def make_vendor(seed: int = 7, name: str = "Kvistbo Trading ApS", erp_id: str = "V-KV") -> Vendor:
    rng = random.Random(seed)
    return Vendor(erp_id, name, vat_id(rng, "DK"), iban(rng, COUNTRIES["DK"]) or "")


@dataclass(frozen=True)
class Bill:
    number: str
    issued: date
    due: date
    quantity: int
    price: Decimal

    @property
    def net(self) -> Decimal:
        return (self.quantity * self.price).quantize(Decimal("0.01"))

    @property
    def tax(self) -> Decimal:
        return (self.net * Decimal("0.25")).quantize(Decimal("0.01"))

    @property
    def total(self) -> Decimal:
        return self.net + self.tax


def invoice_pdf(
    vendor: Vendor, bill: Bill, *, printed_name: str | None = None, printed_iban: str | None = None
) -> bytes:
    """The vendor's template: letterhead, ids, header fields at fixed places (the due date beside a
    label of the vendor's own), one line, totals."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.text(50, 60, printed_name or vendor.name)
    pdf.set_font("Helvetica", size=9)
    pdf.text(50, 76, "Havnegade 12, 1058 Copenhagen, Denmark")
    pdf.text(50, 88, f"VAT {vendor.vat_id}   IBAN {printed_iban or vendor.iban}")
    pdf.set_font("Helvetica", size=10)
    pdf.text(50, 140, "Bill to: Nordwind Handels GmbH, Hafenstrasse 1, 20457 Hamburg")
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(50, 190, "INVOICE")
    pdf.set_font("Helvetica", size=10)
    for y, label, value in (
        (220, "Invoice No.:", bill.number),
        (236, "Invoice date:", bill.issued.strftime("%d.%m.%Y")),
        (252, DUE_LABEL, bill.due.strftime("%d.%m.%Y")),
    ):
        pdf.text(330, y, label)
        pdf.text(430, y, value)
    pdf.text(50, 300, "Description")
    pdf.text(300, 300, "Qty")
    pdf.text(360, 300, "Price")
    pdf.text(480, 300, "Amount")
    pdf.text(50, 318, "Pallet wrap film 500 mm")
    pdf.text(300, 318, str(bill.quantity))
    pdf.text(360, 318, f"{bill.price:.2f}")
    pdf.text(480, 318, f"{bill.net:.2f}")
    for y, label, amount in (
        (360, "Subtotal", bill.net),
        (376, "VAT 25 %", bill.tax),
        (392, "Total DKK", bill.total),
    ):
        pdf.text(360, y, label)
        pdf.text(480, y, f"{amount:.2f}")
    return bytes(pdf.output())


BILLS = (
    Bill("KT-2026-0101", date(2026, 3, 2), date(2026, 4, 1), 3, Decimal("10.00")),
    Bill("KT-2026-0117", date(2026, 3, 19), date(2026, 4, 20), 7, Decimal("12.50")),
    Bill("KT-2026-0142", date(2026, 4, 8), date(2026, 5, 11), 2, Decimal("99.00")),
)


def seed_world(engine: Engine, settings: Settings, vendors: list[Vendor]) -> None:
    """The ERP mirror knows the vendors; rita reviews."""
    reset_caches()
    folder = Path(settings.data_dir) / "erp-export"
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["erp_id,name,vat_id,iban,address,currency,payment_terms_days"]
    rows += [f"{v.erp_id},{v.name},{v.vat_id},{v.iban},Havnegade 12,DKK,30" for v in vendors]
    (folder / "vendors.csv").write_text("\n".join(rows) + "\n", "utf-8")
    with Session(engine) as session:
        load_folder(session, folder)
        create_user(session, "rita", "rita-password-1", Role.APPROVER, approval_limit=Decimal("100000"))
        session.commit()


def take_in(engine: Engine, settings: Settings, name: str, data: bytes) -> int:
    """Ingest one file through the whole pipeline; its document id."""
    inbox = Path(settings.data_dir) / "mail"
    inbox.mkdir(parents=True, exist_ok=True)
    path = inbox / name
    path.write_bytes(data)
    outcomes, _ = ingest_and_process(engine, settings, [path], move=False)
    assert outcomes[0].document_id is not None, outcomes[0]
    return outcomes[0].document_id


def proposal_of(engine: Engine, document_id: int) -> int:
    with Session(engine) as session:
        proposal = session.exec(
            select(Proposal).where(Proposal.document_id == document_id).order_by(Proposal.id.desc())  # type: ignore[union-attr]
        ).first()
        assert proposal is not None and proposal.id is not None
        return proposal.id


def correct(engine: Engine, document_id: int, changes: dict[str, str], who: str = "rita") -> int:
    """`who` edits the document's proposal on the review page's path (`decide`, action edit)."""
    proposal_id = proposal_of(engine, document_id)
    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == who)).one()
        decide(
            session, proposal_id, actor_of(user), DecisionRequest(action=DecisionAction.EDIT, changes=changes)
        )
        session.commit()
    return proposal_id


def read(engine: Engine, document_id: int):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        extraction = load_extraction(session, document_id)
    assert extraction is not None
    return extraction
