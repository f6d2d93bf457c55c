"""The whole opsloop loop against a running Tryton (`make erp-demo`, `opsloop erp-demo`).

1. sync Tryton into the mirror;
2. write an e-invoice (CII XML) per open Tryton purchase, as its supplier would send it, plus one that
   quotes no known PO, into the watched inbox, and process them: each is reconciled against Tryton's
   purchases and receipts (a PO not fully received is held for its missing receipt);
3. receive what is still open in Tryton (the warehouse books the goods), sync again: the held invoice
   is re-checked and released;
4. approve what is ready, as a person with the approver role (`opsloop.review.decisions.decide`);
5. push the outbox through the Tryton connector: draft supplier invoices, read back over RPC.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pydantic import BaseModel
from sqlmodel import Session, col, select

from opsloop.erp.connectors import push_connector_from_settings, source_from_settings
from opsloop.erp.sync import SyncReport, sync_source
from opsloop.erp.tryton import TrytonConnector
from opsloop.errors import ConfigError
from opsloop.review.accounts import Role, actor_of, create_user
from opsloop.review.decisions import DecisionAction, DecisionRequest, decide
from opsloop.review.outbox import PushReport, push_outbox
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.store.db import open_database
from opsloop.store.tables import Proposal as ProposalRow
from opsloop.store.tables import PurchaseOrder, PurchaseOrderLine, User, Vendor

APPROVER = ("erp-demo-approver", "opsloop-erp-demo")

Say = Callable[[str], None]


class ErpDemoSummary(BaseModel):
    first_sync: SyncReport
    second_sync: SyncReport
    invoices_written: list[str]
    proposals: list[tuple[str, str, str]]
    """(subject, kind, state) of every invoice proposal at the end."""
    approved: list[int]
    push: PushReport
    tryton_invoices: list[dict[str, Any]]
    """Supplier invoices as Tryton now shows them (read back over RPC)."""


def _amount(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f")


def cii_invoice(
    *,
    number: str,
    issued: date,
    seller: str,
    seller_vat: str | None,
    buyer: str,
    po_number: str,
    currency: str,
    lines: list[tuple[str, str, Decimal, Decimal, Decimal]],
) -> str:
    """A minimal EN 16931 CII invoice. `lines`: (sku, name, quantity, net unit price, VAT percent)."""
    items = []
    basis: dict[Decimal, Decimal] = {}
    for position, (sku, name, quantity, price, rate) in enumerate(lines, start=1):
        total = (quantity * price).quantize(Decimal("0.01"))
        basis[rate] = basis.get(rate, Decimal(0)) + total
        items.append(
            f"""    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>{position}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:SellerAssignedID>{escape(sku)}</ram:SellerAssignedID><ram:Name>{escape(name)}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{_amount(price)}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="H87">{format(quantity.normalize(), "f")}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{format(rate.normalize(), "f")}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{_amount(total)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>"""
        )
    net = sum(basis.values(), Decimal(0))
    taxes = {rate: (amount * rate / 100).quantize(Decimal("0.01")) for rate, amount in basis.items()}
    tax_total = sum(taxes.values(), Decimal(0))
    tax_blocks = "\n".join(
        f"""      <ram:ApplicableTradeTax><ram:CalculatedAmount>{_amount(taxes[rate])}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{_amount(amount)}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{format(rate.normalize(), "f")}</ram:RateApplicablePercent></ram:ApplicableTradeTax>"""
        for rate, amount in basis.items()
    )
    vat = (
        f'<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{escape(seller_vat)}</ram:ID></ram:SpecifiedTaxRegistration>'
        if seller_vat
        else ""
    )
    nl = "\n"
    return f"""<?xml version='1.0' encoding='UTF-8'?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument><ram:ID>{escape(number)}</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">{issued:%Y%m%d}</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
{nl.join(items)}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>{escape(seller)}</ram:Name>{vat}</ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>{escape(buyer)}</ram:Name></ram:BuyerTradeParty>
      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>{escape(po_number)}</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>{escape(currency)}</ram:InvoiceCurrencyCode>
{tax_blocks}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>{_amount(net)}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>{_amount(net)}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="{escape(currency)}">{_amount(tax_total)}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>{_amount(net + tax_total)}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>{_amount(net + tax_total)}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""


def write_invoices(session: Session, inbox: Path, today: date) -> list[str]:
    """One e-invoice per open PO in the mirror (all of its lines, at the agreed prices), and one for
    a PO nobody knows. Returns the file names written."""
    inbox.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    orders = session.exec(
        select(PurchaseOrder)
        .where(col(PurchaseOrder.status).in_(("open", "partially_received")))
        .order_by(col(PurchaseOrder.id))
    ).all()
    vendor = None
    for position, order in enumerate(orders, start=1):
        vendor = session.get(Vendor, order.vendor_id)
        lines = session.exec(
            select(PurchaseOrderLine)
            .where(PurchaseOrderLine.purchase_order_id == order.id)
            .order_by(col(PurchaseOrderLine.line_no))
        ).all()
        if vendor is None or not lines:
            continue
        number = f"{today:%Y}-{7700 + position}"
        xml = cii_invoice(
            number=number,
            issued=today,
            seller=vendor.name,
            seller_vat=vendor.vat_id,
            buyer="opsloop Demo GmbH",
            po_number=order.number,
            currency=order.currency or "EUR",
            lines=[
                (
                    line.sku or "",
                    line.description or line.sku or "",
                    line.quantity,
                    line.unit_price,
                    line.tax_rate or Decimal(0),
                )
                for line in lines
            ],
        )
        name = f"erp-demo_{number}.xml"
        (inbox / name).write_text(xml, encoding="utf-8")
        written.append(name)
    if vendor is not None:
        xml = cii_invoice(
            number=f"{today:%Y}-7799",
            issued=today,
            seller=vendor.name,
            seller_vat=vendor.vat_id,
            buyer="opsloop Demo GmbH",
            po_number="PO-99999",
            currency="EUR",
            lines=[("X-1", "Consulting (not ordered)", Decimal(1), Decimal("250.00"), Decimal(19))],
        )
        (inbox / "erp-demo_unknown-po.xml").write_text(xml, encoding="utf-8")
        written.append("erp-demo_unknown-po.xml")
    return written


def receive_open_moves(connector: TrytonConnector) -> int:
    """In Tryton, as the warehouse would: one incoming shipment for every purchase move still
    waiting, received and done. Returns how many moves were received."""
    moves = connector.search_read(
        "stock.move",
        [["origin", "like", "purchase.line,%"], ["state", "=", "draft"]],
        ["id", "origin"],
    )
    if not moves:
        return 0
    lines = connector.call(
        "purchase.line", "read", sorted({int(str(m["origin"]).split(",")[1]) for m in moves}), ["purchase"]
    )
    purchases = connector.call(
        "purchase.purchase", "read", sorted({line["purchase"] for line in lines}), ["party"]
    )
    [warehouse] = connector.search_read(
        "stock.location", [["type", "=", "warehouse"]], ["input_location", "storage_location"]
    )
    party_of_line = {
        line["id"]: next(p["party"] for p in purchases if p["id"] == line["purchase"]) for line in lines
    }
    by_party: dict[int, list[int]] = {}
    for move in moves:
        party = party_of_line[int(str(move["origin"]).split(",")[1])]
        by_party.setdefault(party, []).append(move["id"])
    for party, ids in by_party.items():
        shipment = connector.call(
            "stock.shipment.in",
            "create",
            [
                {
                    "supplier": party,
                    "company": connector._context.get("company"),
                    "warehouse": warehouse["id"],
                    "warehouse_input": warehouse["input_location"],
                    "warehouse_storage": warehouse["storage_location"],
                    "incoming_moves": [["add", ids]],
                }
            ],
        )
        connector.call("stock.shipment.in", "receive", shipment)
        connector.call("stock.shipment.in", "do", shipment)
    return len(moves)


def _invoice_proposals(session: Session) -> list[ProposalRow]:
    return list(
        session.exec(
            select(ProposalRow)
            .where(col(ProposalRow.subject_key).startswith("invoice:"))
            .order_by(col(ProposalRow.id))
        )
    )


def run_erp_demo(settings: Settings, *, today: date, say: Say = print) -> ErpDemoSummary:
    """The loop, against the Tryton that `settings.erp` names (see the module docstring)."""
    if settings.erp.connector != "tryton":
        raise ConfigError(
            "the ERP demo runs against Tryton", hint="Set OPSLOOP_ERP__CONNECTOR=tryton (make erp-demo does)."
        )
    engine = open_database(settings)
    source = source_from_settings(settings)
    assert isinstance(source, TrytonConnector)
    with Session(engine) as session:
        if session.exec(select(User).where(User.username == APPROVER[0])).first() is None:
            create_user(session, APPROVER[0], APPROVER[1], Role.APPROVER, approval_limit=Decimal("10000"))
            session.commit()

    say("1. sync Tryton into the mirror")
    first = sync_source(engine, source, settings.erp, full=True)
    if first.status == "failed":
        raise ConfigError(
            f"the first sync failed: {first.error}", hint="Is Tryton running? (make erp-demo starts it)"
        )
    say(f"   {first.status}: created {first.load.created}")

    say(f"2. supplier e-invoices into the watched folder {settings.inbox_dir}, then processed")
    with Session(engine) as session:
        written = write_invoices(session, settings.inbox_dir, today)
    ingest_and_process(engine, settings, [settings.inbox_dir], move=True)
    with Session(engine) as session:
        for proposal in _invoice_proposals(session):
            say(f"   {proposal.subject_key}: {proposal.kind} — {proposal.title}")

    say("3. the warehouse receives the open goods in Tryton; sync again (held invoices are re-checked)")
    received = receive_open_moves(source)
    second = sync_source(engine, source, settings.erp)
    say(
        f"   {received} move(s) received; sync {second.status}: re-checked {second.rechecked}, released {second.released}"
    )

    say(f"4. approve what is ready, as {APPROVER[0]} (approver)")
    approved: list[int] = []
    with Session(engine, expire_on_commit=False) as session:
        approver = session.exec(select(User).where(User.username == APPROVER[0])).one()
        for proposal in _invoice_proposals(session):
            if proposal.kind == "invoice_approve" and proposal.state in ("pending", "edited"):
                assert proposal.id is not None
                decide(
                    session,
                    proposal.id,
                    actor_of(approver),
                    DecisionRequest(action=DecisionAction.APPROVE, reason="matches Tryton's PO and receipts"),
                )
                session.commit()
                approved.append(proposal.id)
                say(f"   approved proposal {proposal.id}: {proposal.title}")

    say("5. push the outbox to Tryton")
    with Session(engine, expire_on_commit=False) as session:
        push = push_outbox(session, push_connector_from_settings(settings))
        proposals = [(p.subject_key, p.kind, p.state) for p in _invoice_proposals(session)]
    say(f"   executed {push.executed}, retried {push.retried}, failed {push.failed}")
    invoices = source.search_read(
        "account.invoice",
        [["type", "=", "in"]],
        ["number", "reference", "state", "party.name", "total_amount", "comment"],
    )
    return ErpDemoSummary(
        first_sync=first,
        second_sync=second,
        invoices_written=written,
        proposals=proposals,
        approved=approved,
        push=push,
        tryton_invoices=invoices,
    )
