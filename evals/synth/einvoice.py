"""E-invoice XML for a SynthInvoice: UN/CEFACT CII D16B (Factur-X / ZUGFeRD EN 16931 profile) and UBL 2.1.

Written from the EN 16931 semantic model and the two syntax bindings; element order follows the
CII D16B and UBL 2.1 schemas (both are sequence-ordered). Every amount comes from the model's own
arithmetic (model.py); nothing is recomputed here.

Type codes (UNTDID 1001): 380 invoice, 381 credit note, 384 corrected invoice (an invoice that names
the invoice it corrects in ``preceding_invoice``). Credit notes state their amounts positive, as
EN 16931 requires. EN 16931 holds one purchase-order reference (BT-13): the XML carries the first of
``po_numbers``; a PDF may print them all.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from evals.synth.model import AllowanceCharge, Line, Party, SynthInvoice, TaxSubtotal, cents
from lxml import etree

CII_NS: dict[str, str] = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
UBL_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
UBL_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"
PEPPOL_CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PEPPOL_PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

EXEMPTION_CODES: dict[str, str] = {
    "AE": "VATEX-EU-AE",
    "K": "VATEX-EU-IC",
    "G": "VATEX-EU-G",
    "O": "VATEX-EU-O",
}
"""The VATEX code written beside a category's printed exemption reason (E carries only its wording)."""


def type_code(invoice: SynthInvoice) -> str:
    if invoice.doc_type == "credit_note":
        return "381"
    return "384" if invoice.preceding_invoice else "380"


def amount(value: Decimal) -> str:
    return f"{cents(value):.2f}"


def number(value: Decimal) -> str:
    """A quantity, price or percentage as exact as the model holds it (never in exponent form)."""
    return format(value, "f")


def _description_parts(line: Line) -> tuple[str, str | None]:
    """The item name (first printed line) and the rest of a wrapped description, if any."""
    parts = [p.strip() for p in line.description.split("\n") if p.strip()]
    if not parts:
        return "", None
    return parts[0], (" ".join(parts[1:]) or None)


def _notes(invoice: SynthInvoice) -> list[tuple[str, str]]:
    """(text, UNTDID 4451 subject code): the free text as general information (AAI)."""
    return [(n, "AAI") for n in invoice.notes]


# ------------------------------------------------------------------------------------------------ CII


class _Cii:
    def __init__(self) -> None:
        self.nsmap = CII_NS

    def q(self, tag: str) -> str:
        prefix, _, local = tag.partition(":")
        return f"{{{self.nsmap[prefix]}}}{local}"

    def sub(self, parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        element = etree.SubElement(parent, self.q(tag), attrib=attrs or None)
        if text is not None:
            element.text = text
        return element

    def date(self, parent: etree._Element, tag: str, value: date) -> None:
        holder = self.sub(parent, tag)
        self.sub(holder, "udt:DateTimeString", value.strftime("%Y%m%d"), format="102")

    def party(self, parent: etree._Element, tag: str, party: Party) -> None:
        node = self.sub(parent, tag)
        self.sub(node, "ram:Name", party.name)
        if party.registration:
            legal = self.sub(node, "ram:SpecifiedLegalOrganization")
            self.sub(legal, "ram:ID", party.registration)
        if party.phone:
            contact = self.sub(node, "ram:DefinedTradeContact")
            phone = self.sub(contact, "ram:TelephoneUniversalCommunication")
            self.sub(phone, "ram:CompleteNumber", party.phone)
        address = self.sub(node, "ram:PostalTradeAddress")
        self.sub(address, "ram:PostcodeCode", party.postcode)
        self.sub(address, "ram:LineOne", party.street)
        self.sub(address, "ram:CityName", party.city)
        self.sub(address, "ram:CountryID", party.country)
        if party.email:
            uri = self.sub(node, "ram:URIUniversalCommunication")
            self.sub(uri, "ram:URIID", party.email, schemeID="EM")
        if party.vat_id:
            tax = self.sub(node, "ram:SpecifiedTaxRegistration")
            self.sub(tax, "ram:ID", party.vat_id, schemeID="VA")

    def allowance_charge(
        self, parent: etree._Element, ac: AllowanceCharge, *, header_rate: Decimal | None
    ) -> None:
        node = self.sub(parent, "ram:SpecifiedTradeAllowanceCharge")
        indicator = self.sub(node, "ram:ChargeIndicator")
        self.sub(indicator, "udt:Indicator", "true" if ac.is_charge else "false")
        if ac.percent is not None:
            self.sub(node, "ram:CalculationPercent", number(ac.percent))
        if ac.base is not None:
            self.sub(node, "ram:BasisAmount", amount(ac.base))
        self.sub(node, "ram:ActualAmount", amount(ac.amount))
        if ac.reason_code:
            self.sub(node, "ram:ReasonCode", ac.reason_code)
        self.sub(node, "ram:Reason", ac.reason)
        if header_rate is not None:
            tax = self.sub(node, "ram:CategoryTradeTax")
            self.sub(tax, "ram:TypeCode", "VAT")
            self.sub(tax, "ram:CategoryCode", ac.tax_category)
            self.sub(tax, "ram:RateApplicablePercent", number(header_rate))

    def line(self, parent: etree._Element, index: int, line: Line) -> None:
        item = self.sub(parent, "ram:IncludedSupplyChainTradeLineItem")
        document = self.sub(item, "ram:AssociatedDocumentLineDocument")
        self.sub(document, "ram:LineID", line.position or str(index))
        if line.note:
            note = self.sub(document, "ram:IncludedNote")
            self.sub(note, "ram:Content", line.note)
        product = self.sub(item, "ram:SpecifiedTradeProduct")
        if line.seller_sku:
            self.sub(product, "ram:SellerAssignedID", line.seller_sku)
        if line.buyer_sku:
            self.sub(product, "ram:BuyerAssignedID", line.buyer_sku)
        name, description = _description_parts(line)
        self.sub(product, "ram:Name", name)
        if description:
            self.sub(product, "ram:Description", description)
        agreement = self.sub(item, "ram:SpecifiedLineTradeAgreement")
        if line.po_line_ref:
            order = self.sub(agreement, "ram:BuyerOrderReferencedDocument")
            self.sub(order, "ram:LineID", line.po_line_ref)
        price = self.sub(agreement, "ram:NetPriceProductTradePrice")
        self.sub(price, "ram:ChargeAmount", number(line.unit_price))
        delivery = self.sub(item, "ram:SpecifiedLineTradeDelivery")
        self.sub(delivery, "ram:BilledQuantity", number(line.quantity), unitCode=line.unit)
        settlement = self.sub(item, "ram:SpecifiedLineTradeSettlement")
        tax = self.sub(settlement, "ram:ApplicableTradeTax")
        self.sub(tax, "ram:TypeCode", "VAT")
        self.sub(tax, "ram:CategoryCode", line.tax_category)
        self.sub(tax, "ram:RateApplicablePercent", number(line.tax_rate))
        for ac in line.allowances_charges:
            self.allowance_charge(settlement, ac, header_rate=None)
        summation = self.sub(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
        self.sub(summation, "ram:LineTotalAmount", amount(line.net))

    def tax(self, parent: etree._Element, subtotal: TaxSubtotal) -> None:
        node = self.sub(parent, "ram:ApplicableTradeTax")
        self.sub(node, "ram:CalculatedAmount", amount(subtotal.tax))
        self.sub(node, "ram:TypeCode", "VAT")
        if subtotal.exemption_reason:
            self.sub(node, "ram:ExemptionReason", subtotal.exemption_reason)
        self.sub(node, "ram:BasisAmount", amount(subtotal.base))
        self.sub(node, "ram:CategoryCode", subtotal.category)
        if subtotal.exemption_reason and subtotal.category in EXEMPTION_CODES:
            self.sub(node, "ram:ExemptionReasonCode", EXEMPTION_CODES[subtotal.category])
        self.sub(node, "ram:RateApplicablePercent", number(subtotal.rate))


def _header_rate(invoice: SynthInvoice, ac: AllowanceCharge) -> Decimal:
    if ac.tax_rate is not None:
        return ac.tax_rate
    rates = {line.tax_rate for line in invoice.lines}
    if len(rates) != 1:
        raise ValueError("a header allowance/charge on a mixed-rate invoice needs its own tax_rate")
    return rates.pop()


def render_cii(invoice: SynthInvoice) -> bytes:
    """The invoice as UN/CEFACT CII D16B, Factur-X / ZUGFeRD 2 EN 16931 (COMFORT) profile."""
    x = _Cii()
    root = etree.Element(x.q("rsm:CrossIndustryInvoice"), nsmap=x.nsmap)
    context = x.sub(root, "rsm:ExchangedDocumentContext")
    guideline = x.sub(context, "ram:GuidelineSpecifiedDocumentContextParameter")
    x.sub(guideline, "ram:ID", EN16931_GUIDELINE)

    document = x.sub(root, "rsm:ExchangedDocument")
    x.sub(document, "ram:ID", invoice.number)
    x.sub(document, "ram:TypeCode", type_code(invoice))
    x.date(document, "ram:IssueDateTime", invoice.issue_date)
    for text, subject in _notes(invoice):
        note = x.sub(document, "ram:IncludedNote")
        x.sub(note, "ram:Content", text)
        x.sub(note, "ram:SubjectCode", subject)

    transaction = x.sub(root, "rsm:SupplyChainTradeTransaction")
    for index, line in enumerate(invoice.lines, start=1):
        x.line(transaction, index, line)

    agreement = x.sub(transaction, "ram:ApplicableHeaderTradeAgreement")
    x.party(agreement, "ram:SellerTradeParty", invoice.seller)
    x.party(agreement, "ram:BuyerTradeParty", invoice.buyer)
    if invoice.po_numbers:
        order = x.sub(agreement, "ram:BuyerOrderReferencedDocument")
        x.sub(order, "ram:IssuerAssignedID", invoice.po_numbers[0])

    delivery = x.sub(transaction, "ram:ApplicableHeaderTradeDelivery")
    if invoice.delivery_note:
        despatch = x.sub(delivery, "ram:DespatchAdviceReferencedDocument")
        x.sub(despatch, "ram:IssuerAssignedID", invoice.delivery_note)

    settlement = x.sub(transaction, "ram:ApplicableHeaderTradeSettlement")
    x.sub(settlement, "ram:PaymentReference", invoice.number)
    x.sub(settlement, "ram:InvoiceCurrencyCode", invoice.currency)
    means = x.sub(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
    if invoice.seller.iban:
        x.sub(means, "ram:TypeCode", "58")
        account = x.sub(means, "ram:PayeePartyCreditorFinancialAccount")
        x.sub(account, "ram:IBANID", invoice.seller.iban)
        if invoice.seller.bic:
            bank = x.sub(means, "ram:PayeeSpecifiedCreditorFinancialInstitution")
            x.sub(bank, "ram:BICID", invoice.seller.bic)
    else:
        x.sub(means, "ram:TypeCode", "30")
    for subtotal in invoice.tax_subtotals:
        x.tax(settlement, subtotal)
    for ac in invoice.allowances_charges:
        x.allowance_charge(settlement, ac, header_rate=_header_rate(invoice, ac))
    if invoice.payment_terms or invoice.due_date:
        terms = x.sub(settlement, "ram:SpecifiedTradePaymentTerms")
        if invoice.payment_terms:
            x.sub(terms, "ram:Description", invoice.payment_terms)
        if invoice.due_date:
            x.date(terms, "ram:DueDateDateTime", invoice.due_date)
    summation = x.sub(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    x.sub(summation, "ram:LineTotalAmount", amount(invoice.line_total))
    if invoice.charge_total:
        x.sub(summation, "ram:ChargeTotalAmount", amount(invoice.charge_total))
    if invoice.allowance_total:
        x.sub(summation, "ram:AllowanceTotalAmount", amount(invoice.allowance_total))
    x.sub(summation, "ram:TaxBasisTotalAmount", amount(invoice.net_total))
    x.sub(summation, "ram:TaxTotalAmount", amount(invoice.tax_total), currencyID=invoice.currency)
    x.sub(summation, "ram:GrandTotalAmount", amount(invoice.grand_total))
    if invoice.prepaid:
        x.sub(summation, "ram:TotalPrepaidAmount", amount(invoice.prepaid))
    x.sub(summation, "ram:DuePayableAmount", amount(invoice.amount_due))
    if invoice.preceding_invoice:
        reference = x.sub(settlement, "ram:InvoiceReferencedDocument")
        x.sub(reference, "ram:IssuerAssignedID", invoice.preceding_invoice)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


# ------------------------------------------------------------------------------------------------ UBL


class _Ubl:
    def __init__(self, credit: bool) -> None:
        self.credit = credit
        self.root_ns = UBL_CREDIT_NS if credit else UBL_INVOICE_NS
        self.nsmap: dict[str | None, str] = {None: self.root_ns, "cac": UBL_CAC, "cbc": UBL_CBC}

    def q(self, tag: str) -> str:
        prefix, _, local = tag.rpartition(":")
        return f"{{{self.nsmap[prefix or None]}}}{local}"

    def sub(self, parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        element = etree.SubElement(parent, self.q(tag), attrib=attrs or None)
        if text is not None:
            element.text = text
        return element

    def money(self, parent: etree._Element, tag: str, value: Decimal, currency: str) -> None:
        self.sub(parent, tag, amount(value), currencyID=currency)

    def party(self, parent: etree._Element, tag: str, party: Party) -> None:
        holder = self.sub(parent, tag)
        node = self.sub(holder, "cac:Party")
        if party.email:
            self.sub(node, "cbc:EndpointID", party.email, schemeID="EM")
        name = self.sub(node, "cac:PartyName")
        self.sub(name, "cbc:Name", party.name)
        address = self.sub(node, "cac:PostalAddress")
        self.sub(address, "cbc:StreetName", party.street)
        self.sub(address, "cbc:CityName", party.city)
        self.sub(address, "cbc:PostalZone", party.postcode)
        country = self.sub(address, "cac:Country")
        self.sub(country, "cbc:IdentificationCode", party.country)
        if party.vat_id:
            scheme = self.sub(node, "cac:PartyTaxScheme")
            self.sub(scheme, "cbc:CompanyID", party.vat_id)
            tax = self.sub(scheme, "cac:TaxScheme")
            self.sub(tax, "cbc:ID", "VAT")
        legal = self.sub(node, "cac:PartyLegalEntity")
        self.sub(legal, "cbc:RegistrationName", party.name)
        if party.registration:
            self.sub(legal, "cbc:CompanyID", party.registration)
        if party.phone or party.email:
            contact = self.sub(node, "cac:Contact")
            if party.phone:
                self.sub(contact, "cbc:Telephone", party.phone)
            if party.email:
                self.sub(contact, "cbc:ElectronicMail", party.email)

    def tax_category(
        self,
        parent: etree._Element,
        tag: str,
        category: str,
        rate: Decimal,
        reason: str | None = None,
    ) -> None:
        node = self.sub(parent, tag)
        self.sub(node, "cbc:ID", category)
        self.sub(node, "cbc:Percent", number(rate))
        if reason and category in EXEMPTION_CODES:
            self.sub(node, "cbc:TaxExemptionReasonCode", EXEMPTION_CODES[category])
        if reason:
            self.sub(node, "cbc:TaxExemptionReason", reason)
        scheme = self.sub(node, "cac:TaxScheme")
        self.sub(scheme, "cbc:ID", "VAT")

    def allowance_charge(
        self, parent: etree._Element, ac: AllowanceCharge, currency: str, header_rate: Decimal | None
    ) -> None:
        node = self.sub(parent, "cac:AllowanceCharge")
        self.sub(node, "cbc:ChargeIndicator", "true" if ac.is_charge else "false")
        if ac.reason_code:
            self.sub(node, "cbc:AllowanceChargeReasonCode", ac.reason_code)
        self.sub(node, "cbc:AllowanceChargeReason", ac.reason)
        if ac.percent is not None:
            self.sub(node, "cbc:MultiplierFactorNumeric", number(ac.percent))
        self.money(node, "cbc:Amount", ac.amount, currency)
        if ac.base is not None:
            self.money(node, "cbc:BaseAmount", ac.base, currency)
        if header_rate is not None:
            self.tax_category(node, "cac:TaxCategory", ac.tax_category, header_rate)

    def line(self, parent: etree._Element, index: int, line: Line, invoice: SynthInvoice) -> None:
        currency = invoice.currency
        node = self.sub(parent, "cac:CreditNoteLine" if self.credit else "cac:InvoiceLine")
        self.sub(node, "cbc:ID", line.position or str(index))
        if line.note:
            self.sub(node, "cbc:Note", line.note)
        self.sub(
            node,
            "cbc:CreditedQuantity" if self.credit else "cbc:InvoicedQuantity",
            number(line.quantity),
            unitCode=line.unit,
        )
        self.money(node, "cbc:LineExtensionAmount", line.net, currency)
        if line.po_line_ref:
            order = self.sub(node, "cac:OrderLineReference")
            self.sub(order, "cbc:LineID", line.po_line_ref)
        for ac in line.allowances_charges:
            self.allowance_charge(node, ac, currency, None)
        item = self.sub(node, "cac:Item")
        name, description = _description_parts(line)
        if description:
            self.sub(item, "cbc:Description", description)
        self.sub(item, "cbc:Name", name)
        if line.buyer_sku:
            buyers = self.sub(item, "cac:BuyersItemIdentification")
            self.sub(buyers, "cbc:ID", line.buyer_sku)
        if line.seller_sku:
            sellers = self.sub(item, "cac:SellersItemIdentification")
            self.sub(sellers, "cbc:ID", line.seller_sku)
        self.tax_category(item, "cac:ClassifiedTaxCategory", line.tax_category, line.tax_rate)
        price = self.sub(node, "cac:Price")
        self.sub(price, "cbc:PriceAmount", number(line.unit_price), currencyID=currency)


def render_ubl(invoice: SynthInvoice) -> bytes:
    """The invoice as a UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0 customization)."""
    credit = invoice.doc_type == "credit_note"
    x = _Ubl(credit)
    currency = invoice.currency
    # lxml-stubs type nsmap without the default namespace's None key, which lxml accepts
    root = etree.Element(x.q("CreditNote" if credit else "Invoice"), nsmap=x.nsmap)  # type: ignore[arg-type]
    x.sub(root, "cbc:CustomizationID", PEPPOL_CUSTOMIZATION)
    x.sub(root, "cbc:ProfileID", PEPPOL_PROFILE)
    x.sub(root, "cbc:ID", invoice.number)
    x.sub(root, "cbc:IssueDate", invoice.issue_date.isoformat())
    if invoice.due_date and not credit:
        x.sub(root, "cbc:DueDate", invoice.due_date.isoformat())
    x.sub(root, "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode", type_code(invoice))
    for text, _subject in _notes(invoice):
        x.sub(root, "cbc:Note", text)
    x.sub(root, "cbc:DocumentCurrencyCode", currency)
    if invoice.po_numbers:
        order = x.sub(root, "cac:OrderReference")
        x.sub(order, "cbc:ID", invoice.po_numbers[0])
    if invoice.preceding_invoice:
        billing = x.sub(root, "cac:BillingReference")
        reference = x.sub(billing, "cac:InvoiceDocumentReference")
        x.sub(reference, "cbc:ID", invoice.preceding_invoice)
    if invoice.delivery_note:
        despatch = x.sub(root, "cac:DespatchDocumentReference")
        x.sub(despatch, "cbc:ID", invoice.delivery_note)
    x.party(root, "cac:AccountingSupplierParty", invoice.seller)
    x.party(root, "cac:AccountingCustomerParty", invoice.buyer)
    means = x.sub(root, "cac:PaymentMeans")
    x.sub(means, "cbc:PaymentMeansCode", "58" if invoice.seller.iban else "30")
    if invoice.due_date and credit:
        x.sub(means, "cbc:PaymentDueDate", invoice.due_date.isoformat())
    x.sub(means, "cbc:PaymentID", invoice.number)
    if invoice.seller.iban:
        account = x.sub(means, "cac:PayeeFinancialAccount")
        x.sub(account, "cbc:ID", invoice.seller.iban)
        if invoice.seller.bic:
            branch = x.sub(account, "cac:FinancialInstitutionBranch")
            x.sub(branch, "cbc:ID", invoice.seller.bic)
    if invoice.payment_terms:
        terms = x.sub(root, "cac:PaymentTerms")
        x.sub(terms, "cbc:Note", invoice.payment_terms)
    for ac in invoice.allowances_charges:
        x.allowance_charge(root, ac, currency, _header_rate(invoice, ac))
    tax_total = x.sub(root, "cac:TaxTotal")
    x.money(tax_total, "cbc:TaxAmount", invoice.tax_total, currency)
    for subtotal in invoice.tax_subtotals:
        node = x.sub(tax_total, "cac:TaxSubtotal")
        x.money(node, "cbc:TaxableAmount", subtotal.base, currency)
        x.money(node, "cbc:TaxAmount", subtotal.tax, currency)
        x.tax_category(node, "cac:TaxCategory", subtotal.category, subtotal.rate, subtotal.exemption_reason)
    totals = x.sub(root, "cac:LegalMonetaryTotal")
    x.money(totals, "cbc:LineExtensionAmount", invoice.line_total, currency)
    x.money(totals, "cbc:TaxExclusiveAmount", invoice.net_total, currency)
    x.money(totals, "cbc:TaxInclusiveAmount", invoice.grand_total, currency)
    if invoice.allowance_total:
        x.money(totals, "cbc:AllowanceTotalAmount", invoice.allowance_total, currency)
    if invoice.charge_total:
        x.money(totals, "cbc:ChargeTotalAmount", invoice.charge_total, currency)
    if invoice.prepaid:
        x.money(totals, "cbc:PrepaidAmount", invoice.prepaid, currency)
    x.money(totals, "cbc:PayableAmount", invoice.amount_due, currency)
    for index, line in enumerate(invoice.lines, start=1):
        x.line(root, index, line, invoice)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
