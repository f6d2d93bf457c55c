"""An EInvoice as UBL 2.1 XML: Peppol BIS Billing 3.0 / XRechnung-UBL, an Invoice or a CreditNote root."""

from __future__ import annotations

from decimal import Decimal

from evals.einvoices.model import DocCharge, EInvoice, Line, Party, cents
from lxml import etree

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
ROOT_NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
}


def money(value: Decimal) -> str:
    return f"{cents(value):.2f}"


def plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


class _Writer:
    def __init__(self, currency: str, tax_number_first: bool = False) -> None:
        self.currency = currency
        self.tax_number_first = tax_number_first

    def sub(self, parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        prefix, name = tag.split(":")
        element = etree.SubElement(parent, f"{{{CBC if prefix == 'cbc' else CAC}}}{name}", attrs)
        if text is not None:
            element.text = text
        return element

    def amount(self, parent: etree._Element, tag: str, value: Decimal, currency: str | None = None) -> None:
        self.sub(parent, tag, money(value), currencyID=currency or self.currency)

    def category(
        self, parent: etree._Element, tag: str, category: str, rate: Decimal, reason: str | None = None
    ) -> None:
        node = self.sub(parent, tag)
        self.sub(node, "cbc:ID", category)
        if category != "O":
            self.sub(node, "cbc:Percent", plain(rate))
        if reason:
            self.sub(node, "cbc:TaxExemptionReason", reason)
        self.sub(self.sub(node, "cac:TaxScheme"), "cbc:ID", "VAT")

    def party(self, parent: etree._Element, tag: str, party: Party, seller: bool) -> None:
        node = self.sub(self.sub(parent, tag), "cac:Party")
        if party.vat_id:
            self.sub(
                node, "cbc:EndpointID", party.vat_id, schemeID="9930" if party.country == "DE" else "0088"
            )
        if party.trading_name:
            self.sub(self.sub(node, "cac:PartyName"), "cbc:Name", party.trading_name)
        address = self.sub(node, "cac:PostalAddress")
        self.sub(address, "cbc:StreetName", f"{party.street} {party.house}")
        self.sub(address, "cbc:CityName", party.city)
        self.sub(address, "cbc:PostalZone", party.postcode)
        self.sub(self.sub(address, "cac:Country"), "cbc:IdentificationCode", party.country)
        schemes: list[tuple[str, str]] = [("VAT", party.vat_id)] if party.vat_id else []
        if seller and party.country in ("DE", "AT"):
            number = ("FC", f"{party.postcode[:3]}/{party.house}/{party.postcode}")
            schemes.insert(0 if self.tax_number_first else len(schemes), number)
        for scheme_id, company in schemes:
            scheme = self.sub(node, "cac:PartyTaxScheme")
            self.sub(scheme, "cbc:CompanyID", company)
            self.sub(self.sub(scheme, "cac:TaxScheme"), "cbc:ID", scheme_id)
        legal = self.sub(node, "cac:PartyLegalEntity")
        self.sub(legal, "cbc:RegistrationName", party.legal_name)
        if seller:
            self.sub(legal, "cbc:CompanyID", f"HRB {party.house}{party.postcode[:2]}")

    def charge(self, parent: etree._Element, charge: DocCharge) -> None:
        node = self.sub(parent, "cac:AllowanceCharge")
        self.sub(node, "cbc:ChargeIndicator", "true" if charge.charge else "false")
        self.sub(node, "cbc:AllowanceChargeReasonCode", charge.reason_code)
        self.sub(node, "cbc:AllowanceChargeReason", charge.reason)
        if charge.percent is not None:
            self.sub(node, "cbc:MultiplierFactorNumeric", plain(charge.percent))
        self.amount(node, "cbc:Amount", charge.amount)
        if charge.base is not None:
            self.amount(node, "cbc:BaseAmount", charge.base)
        self.category(node, "cac:TaxCategory", charge.category, charge.rate)

    def line(
        self, parent: etree._Element, index: int, line: Line, invoice: EInvoice, credit_root: bool
    ) -> None:
        node = self.sub(parent, "cac:CreditNoteLine" if credit_root else "cac:InvoiceLine")
        self.sub(node, "cbc:ID", str(index))
        self.sub(node, "cbc:CreditedQuantity" if credit_root else "cbc:InvoicedQuantity", plain(line.quantity),
                 unitCode=line.unit)  # fmt: skip
        self.amount(node, "cbc:LineExtensionAmount", invoice.line_amount(line))
        if line.po_line and invoice.order:
            self.sub(self.sub(node, "cac:OrderLineReference"), "cbc:LineID", line.po_line)
        for amount, is_charge, reason in (
            (line.allowance, False, "Discount"),
            (line.charge, True, "Packing"),
        ):
            if amount is not None:
                ac = self.sub(node, "cac:AllowanceCharge")
                self.sub(ac, "cbc:ChargeIndicator", "true" if is_charge else "false")
                self.sub(ac, "cbc:AllowanceChargeReasonCode", "ABL" if is_charge else "95")
                self.sub(ac, "cbc:AllowanceChargeReason", reason)
                self.amount(ac, "cbc:Amount", amount)
        item = self.sub(node, "cac:Item")
        self.sub(item, "cbc:Name", line.description)
        if line.sku:
            self.sub(self.sub(item, "cac:SellersItemIdentification"), "cbc:ID", line.sku)
        self.category(item, "cac:ClassifiedTaxCategory", line.category, line.rate)
        price = self.sub(node, "cac:Price")
        self.sub(price, "cbc:PriceAmount", plain(line.price), currencyID=self.currency)
        if line.base_quantity != 1 or line.sku is None:
            self.sub(price, "cbc:BaseQuantity", plain(line.base_quantity), unitCode=line.unit)
        if line.gross_price is not None:
            ac = self.sub(price, "cac:AllowanceCharge")
            self.sub(ac, "cbc:ChargeIndicator", "false")
            self.sub(ac, "cbc:Amount", plain(line.gross_price - line.price), currencyID=self.currency)
            self.sub(ac, "cbc:BaseAmount", plain(line.gross_price), currencyID=self.currency)


def render_ubl(invoice: EInvoice) -> bytes:
    root_name = "CreditNote" if invoice.credit_root else "Invoice"
    nsmap = {None: ROOT_NS[root_name], "cac": CAC, "cbc": CBC}
    root = etree.Element(f"{{{ROOT_NS[root_name]}}}{root_name}", nsmap=nsmap)  # type: ignore[arg-type]
    x = _Writer(invoice.currency, invoice.tax_number_first)
    x.sub(
        root,
        "cbc:CustomizationID",
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
    )
    x.sub(root, "cbc:ProfileID", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")
    x.sub(root, "cbc:ID", invoice.number)
    x.sub(root, "cbc:IssueDate", invoice.issued.isoformat())
    if invoice.due and invoice.due_place == "root" and not invoice.credit_root:
        x.sub(root, "cbc:DueDate", invoice.due.isoformat())
    x.sub(root, "cbc:CreditNoteTypeCode" if invoice.credit_root else "cbc:InvoiceTypeCode", invoice.type_code)
    if invoice.note:
        x.sub(root, "cbc:Note", invoice.note)
    x.sub(root, "cbc:DocumentCurrencyCode", invoice.currency)
    if invoice.tax_currency:
        x.sub(root, "cbc:TaxCurrencyCode", invoice.tax_currency)
    if invoice.buyer_reference:
        x.sub(root, "cbc:BuyerReference", invoice.buyer_reference)
    if invoice.order:
        x.sub(x.sub(root, "cac:OrderReference"), "cbc:ID", invoice.order)
    if invoice.credit:
        reference = x.sub(x.sub(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
        x.sub(reference, "cbc:ID", f"{invoice.number}-ORIG")
    x.party(root, "cac:AccountingSupplierParty", invoice.seller, True)
    x.party(root, "cac:AccountingCustomerParty", invoice.buyer, False)
    if invoice.card_means_first:
        x.sub(x.sub(root, "cac:PaymentMeans"), "cbc:PaymentMeansCode", "48")
    means = x.sub(root, "cac:PaymentMeans")
    x.sub(means, "cbc:PaymentMeansCode", "58" if invoice.currency == "EUR" else "30")
    if invoice.due and invoice.due_place == "means":
        x.sub(means, "cbc:PaymentDueDate", invoice.due.isoformat())
    x.sub(means, "cbc:PaymentID", invoice.number)
    account = x.sub(means, "cac:PayeeFinancialAccount")
    assert invoice.seller.iban is not None
    iban = invoice.seller.iban
    x.sub(
        account,
        "cbc:ID",
        " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if len(iban) % 3 == 0 else iban,
    )
    x.sub(account, "cbc:Name", invoice.seller.legal_name)
    if invoice.seller.bic:
        x.sub(x.sub(account, "cac:FinancialInstitutionBranch"), "cbc:ID", invoice.seller.bic)
    if invoice.terms or (invoice.due and invoice.due_place == "terms"):
        terms = x.sub(root, "cac:PaymentTerms")
        if invoice.terms:
            x.sub(terms, "cbc:Note", invoice.terms)
        if invoice.due and invoice.due_place == "terms":
            x.sub(terms, "cbc:PaymentDueDate", invoice.due.isoformat())
    for charge in invoice.charges:
        x.charge(root, charge)

    def tax_in_tax_currency() -> None:
        assert invoice.tax_currency and invoice.tax_currency_rate
        node = x.sub(root, "cac:TaxTotal")
        x.amount(
            node, "cbc:TaxAmount", cents(invoice.tax_total * invoice.tax_currency_rate), invoice.tax_currency
        )

    if invoice.tax_currency and invoice.tax_currency_first:
        tax_in_tax_currency()
    tax = x.sub(root, "cac:TaxTotal")
    x.amount(tax, "cbc:TaxAmount", invoice.tax_total)
    for group in invoice.groups:
        subtotal = x.sub(tax, "cac:TaxSubtotal")
        x.amount(subtotal, "cbc:TaxableAmount", group.taxable)
        x.amount(subtotal, "cbc:TaxAmount", group.tax)
        x.category(subtotal, "cac:TaxCategory", group.category, group.rate, group.reason)
    if invoice.tax_currency and not invoice.tax_currency_first:
        tax_in_tax_currency()
    totals = x.sub(root, "cac:LegalMonetaryTotal")
    x.amount(totals, "cbc:LineExtensionAmount", invoice.line_total)
    x.amount(totals, "cbc:TaxExclusiveAmount", invoice.taxable_total)
    x.amount(totals, "cbc:TaxInclusiveAmount", invoice.total)
    if invoice.charges:
        x.amount(totals, "cbc:AllowanceTotalAmount", invoice.allowance_total)
        x.amount(totals, "cbc:ChargeTotalAmount", invoice.charge_total)
    if invoice.prepaid:
        x.amount(totals, "cbc:PrepaidAmount", invoice.prepaid)
    if invoice.rounding:
        x.amount(totals, "cbc:PayableRoundingAmount", invoice.rounding)
    x.amount(totals, "cbc:PayableAmount", invoice.payable)
    for index, line in enumerate(invoice.lines, start=1):
        x.line(root, index, line, invoice, invoice.credit_root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
