"""GIVEN small CII and UBL e-invoices WHEN read THEN every value is exactly the XML's."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, EmbeddedFile, PageText, ParsedDocument
from opsloop.domain.invoices import DocumentType
from opsloop.errors import EngineUnavailable, RejectedInput
from opsloop.extract import extract_invoice
from opsloop.extract.einvoice import read_einvoice

CII = """<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocument><ram:ID>INV-7</ram:ID><ram:TypeCode>381</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20240131</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:SellerAssignedID>W-1</ram:SellerAssignedID><ram:Name>Widget</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>2.5000</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">4</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement>
    <ram:ApplicableTradeTax><ram:RateApplicablePercent>19</ram:RateApplicablePercent></ram:ApplicableTradeTax>
    <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>10.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
   </ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty><ram:Name>Acme GmbH</ram:Name>
    <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE123456789</ram:ID></ram:SpecifiedTaxRegistration>
   </ram:SellerTradeParty>
   <ram:BuyerTradeParty><ram:Name>Kunde AG</ram:Name></ram:BuyerTradeParty>
   <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>PO-9</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:SpecifiedTradeSettlementPaymentMeans><ram:PayeePartyCreditorFinancialAccount>
    <ram:IBANID>DE08 7009 0100 1234 5678 90</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>
   </ram:SpecifiedTradeSettlementPaymentMeans>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>10.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>10.00</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="USD">2.10</ram:TaxTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">1.90</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>11.90</ram:GrandTotalAmount><ram:DuePayableAmount>11.90</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>"""

UBL = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>U-42</cbc:ID><cbc:IssueDate>2023-05-02</cbc:IssueDate><cbc:DueDate>2023-06-01</cbc:DueDate>
 <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>
 <cac:OrderReference><cbc:ID>PO-1</cbc:ID></cac:OrderReference>
 <cac:AccountingSupplierParty><cac:Party>
  <cac:PartyName><cbc:Name>Nordic Trade</cbc:Name></cac:PartyName>
  <cac:PartyTaxScheme><cbc:CompanyID>NO999999999MVA</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  <cac:PartyLegalEntity><cbc:RegistrationName>Nordic Trade AS</cbc:RegistrationName></cac:PartyLegalEntity>
 </cac:Party></cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Buyer Ltd</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>
 <cac:TaxTotal><cbc:TaxAmount currencyID="NOK">25.00</cbc:TaxAmount></cac:TaxTotal>
 <cac:LegalMonetaryTotal>
  <cbc:LineExtensionAmount currencyID="NOK">100.00</cbc:LineExtensionAmount>
  <cbc:TaxExclusiveAmount currencyID="NOK">100.00</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="NOK">125.00</cbc:TaxInclusiveAmount>
  <cbc:PayableAmount currencyID="NOK">125.00</cbc:PayableAmount>
 </cac:LegalMonetaryTotal>
 <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="HUR">4</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="NOK">100.00</cbc:LineExtensionAmount>
  <cac:Item><cbc:Name>Consulting</cbc:Name><cac:ClassifiedTaxCategory><cbc:Percent>25</cbc:Percent></cac:ClassifiedTaxCategory></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="NOK">25.00</cbc:PriceAmount></cac:Price>
 </cac:InvoiceLine>
</Invoice>"""


def test_cii_is_read_exactly() -> None:
    result = read_einvoice(CII)
    assert result.extraction_method == "einvoice:cii"
    assert result.document_type is DocumentType.CREDIT_NOTE
    assert (result.invoice_number, result.invoice_date, result.currency) == (
        "INV-7",
        date(2024, 1, 31),
        "EUR",
    )
    assert (result.vendor.name, result.vendor.vat_id, result.vendor.iban) == (
        "Acme GmbH",
        "DE123456789",
        "DE08700901001234567890",
    )
    assert result.buyer.name == "Kunde AG" and result.po_numbers == ["PO-9"]
    # the tax total in the invoice currency, not the accounting currency listed first
    assert (result.subtotal, result.tax_total, result.total, result.amount_due) == (
        Decimal("10.00"),
        Decimal("1.90"),
        Decimal("11.90"),
        Decimal("11.90"),
    )
    line = result.lines[0]
    assert (
        line.description,
        line.sku,
        line.quantity,
        line.unit,
        line.unit_price,
        line.amount,
        line.tax_rate,
    ) == (
        "Widget",
        "W-1",
        Decimal(4),
        "C62",
        Decimal("2.5000"),
        Decimal("10.00"),
        Decimal(19),
    )
    assert result.fields["invoice_number"].confidence == 1.0


def test_ubl_is_read_exactly() -> None:
    result = read_einvoice(UBL)
    assert result.extraction_method == "einvoice:ubl"
    assert (result.invoice_number, result.invoice_date, result.due_date) == (
        "U-42",
        date(2023, 5, 2),
        date(2023, 6, 1),
    )
    assert (result.vendor.name, result.vendor.vat_id, result.buyer.name) == (
        "Nordic Trade AS",
        "NO999999999MVA",
        "Buyer Ltd",
    )
    assert (result.currency, result.subtotal, result.tax_total, result.total) == (
        "NOK",
        Decimal("100.00"),
        Decimal("25.00"),
        Decimal("125.00"),
    )
    assert result.po_numbers == ["PO-1"]
    assert [(x.quantity, x.unit, x.unit_price, x.amount) for x in result.lines] == [
        (Decimal(4), "HUR", Decimal("25.00"), Decimal("100.00"))
    ]


def test_auto_prefers_the_embedded_einvoice_and_text_only_ignores_it() -> None:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF,
        pages=[PageText(number=1, text="Rechnung Nr. 555\nGesamtbetrag 99,00 EUR")],
        embedded=[EmbeddedFile(name="factur-x.xml", content=CII)],
    )
    assert extract_invoice(parsed).invoice_number == "INV-7"
    text_result = extract_invoice(parsed, text_only=True)
    assert text_result.extraction_method == "rules"
    assert text_result.invoice_number == "555"
    assert {c.name for c in text_result.checks} >= {"subtotal_plus_tax_is_total", "iban_checksum"}


def test_a_standalone_xml_is_an_einvoice_and_entities_are_not_expanded() -> None:
    assert extract_invoice(ParsedDocument(kind=DocumentKind.EINVOICE, text=UBL)).invoice_number == "U-42"
    evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice>&e;</Invoice>'
    with pytest.raises(RejectedInput):
        read_einvoice(evil)


def test_engines_that_cannot_run_say_why() -> None:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="Invoice 1")])
    with pytest.raises(EngineUnavailable):
        extract_invoice(parsed, engine="llm")
    with pytest.raises(RejectedInput):
        extract_invoice(parsed, engine="einvoice")


def test_a_scan_without_text_layer_is_not_guessed() -> None:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text="   ")])
    result = extract_invoice(parsed)
    assert result.total is None and result.invoice_number is None
    assert "no text layer" in (result.fields["total"].reason or "")


@pytest.mark.parametrize(
    ("extra", "due"),
    [
        ("", "11.90"),
        ("<ram:TotalPrepaidAmount>4.00</ram:TotalPrepaidAmount>", "7.90"),
        (
            "<ram:TotalPrepaidAmount>4.00</ram:TotalPrepaidAmount><ram:RoundingAmount>0.10</ram:RoundingAmount>",
            "8.00",
        ),
    ],
)
def test_a_cii_without_due_payable_amount_owes_the_total_less_the_prepaid(extra: str, due: str) -> None:
    # GIVEN a CII that leaves out DuePayableAmount (optional in ZUGFeRD 1.0 BASIC)
    xml = CII.replace("<ram:DuePayableAmount>11.90</ram:DuePayableAmount>", extra)
    result = read_einvoice(xml)
    # THEN the amount due is EN 16931's: the grand total less the prepaid amount plus the rounding
    assert result.total == Decimal("11.90")
    assert result.amount_due == Decimal(due)
    assert "DuePayableAmount" in (result.fields["amount_due"].reason or "")


def test_a_cii_net_price_for_a_base_quantity_is_read_per_unit() -> None:
    # GIVEN a CII line whose net price is given for a base quantity (BT-146 for BT-149: 30.00 per 3)
    cii = CII.replace(
        "<ram:ChargeAmount>2.5000</ram:ChargeAmount></ram:NetPriceProductTradePrice>",
        "<ram:ChargeAmount>10.0000</ram:ChargeAmount>"
        '<ram:BasisQuantity unitCode="C62">4.0000</ram:BasisQuantity></ram:NetPriceProductTradePrice>',
    )
    # THEN the line's unit price is per unit, as UBL's PriceAmount per BaseQuantity is read
    line = read_einvoice(cii).lines[0]
    assert (line.quantity, line.unit_price, line.amount) == (Decimal("4"), Decimal("2.5"), Decimal("10.00"))
