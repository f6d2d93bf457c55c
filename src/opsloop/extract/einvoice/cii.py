"""UN/CEFACT Cross Industry Invoice: ZUGFeRD 1 (CrossIndustryDocument), ZUGFeRD 2, Factur-X and
XRechnung (CrossIndustryInvoice D16B), read exactly, namespace-agnostic."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from opsloop.domain.invoices import AllowanceChargeExtraction, InvoiceExtraction, InvoiceLineExtraction
from opsloop.extract.amounts import per_unit
from opsloop.extract.einvoice.common import (
    add_note,
    document_type_for,
    is_true,
    normalise_iban,
    normalise_vat,
    preceding,
    record,
)
from opsloop.extract.einvoice.xmltools import (
    child,
    children,
    date_of,
    decimal_of,
    local,
    path,
    text_of,
    unit_decimal_of,
)
from opsloop.extract.evidence import found, missing

CII_ROOTS = frozenset({"CrossIndustryInvoice", "CrossIndustryDocument"})

_HEADER = ("ExchangedDocument", "HeaderExchangedDocument")
_TRANSACTION = ("SupplyChainTradeTransaction", "SpecifiedSupplyChainTradeTransaction")
_AGREEMENT = ("ApplicableHeaderTradeAgreement", "ApplicableSupplyChainTradeAgreement")
_SETTLEMENT = ("ApplicableHeaderTradeSettlement", "ApplicableSupplyChainTradeSettlement")
_SUMMATION = ("SpecifiedTradeSettlementHeaderMonetarySummation", "SpecifiedTradeSettlementMonetarySummation")
_LINE_AGREEMENT = ("SpecifiedLineTradeAgreement", "SpecifiedSupplyChainTradeAgreement")
_LINE_DELIVERY = ("SpecifiedLineTradeDelivery", "SpecifiedSupplyChainTradeDelivery")
_LINE_SETTLEMENT = ("SpecifiedLineTradeSettlement", "SpecifiedSupplyChainTradeSettlement")
_LINE_SUMMATION = (
    "SpecifiedTradeSettlementLineMonetarySummation",
    "SpecifiedTradeSettlementMonetarySummation",
)


def is_cii(root: etree._Element) -> bool:
    """CII proper, or the early ZUGFeRD draft whose root is `Invoice` in a UN/CEFACT namespace."""
    name = local(root)
    if name in CII_ROOTS:
        return True
    ns = etree.QName(root).namespace or ""
    return name == "Invoice" and "unece:uncefact" in ns


def _amount(parent: etree._Element | None, name: str, currency: str | None) -> etree._Element | None:
    """The amount element in the invoice currency when several are given (e.g. TaxTotalAmount)."""
    candidates = children(parent, name)
    if not candidates:
        return None
    for candidate in candidates:
        if currency and candidate.get("currencyID") == currency:
            return candidate
    return candidates[0]


def _party_vat(party: etree._Element | None) -> etree._Element | None:
    for registration in children(party, "SpecifiedTaxRegistration"):
        identifier = child(registration, "ID")
        if identifier is not None and identifier.get("schemeID") == "VA" and text_of(identifier):
            return identifier
    return None


def _address(party: etree._Element | None) -> str | None:
    address = child(party, "PostalTradeAddress")
    if address is None:
        return None
    parts = [text_of(child(address, name)) for name in ("LineOne", "LineTwo", "LineThree")]
    city = " ".join(
        p for p in (text_of(child(address, "PostcodeCode")), text_of(child(address, "CityName"))) if p
    )
    parts += [city, text_of(child(address, "CountryID"))]
    joined = ", ".join(p for p in parts if p)
    return joined or None


def _line(item: etree._Element) -> InvoiceLineExtraction | None:
    product = child(item, "SpecifiedTradeProduct")
    agreement = child(item, *_LINE_AGREEMENT)
    delivery = child(item, *_LINE_DELIVERY)
    settlement = child(item, *_LINE_SETTLEMENT)
    quantity_el = child(delivery, "BilledQuantity")
    tax = child(settlement, "ApplicableTradeTax")
    rate = decimal_of(child(tax, "RateApplicablePercent", "ApplicablePercent"))
    amount = decimal_of(path(settlement, _LINE_SUMMATION, "LineTotalAmount"))
    description = text_of(child(product, "Name"))
    if amount is None and description is None and quantity_el is None:
        return None  # a note-only line (free text between positions)
    order = child(agreement, "BuyerOrderReferencedDocument")
    price = unit_decimal_of(path(agreement, "NetPriceProductTradePrice", "ChargeAmount"))
    base = unit_decimal_of(path(agreement, "NetPriceProductTradePrice", "BasisQuantity"))
    if price is not None and base not in (None, Decimal(0), Decimal(1)):
        assert base is not None
        price = per_unit(
            price / base
        )  # the net price is for the base quantity (BT-146 per BT-149), as in UBL
    return InvoiceLineExtraction(
        description=description,
        sku=text_of(child(product, "SellerAssignedID")),
        buyer_sku=text_of(child(product, "BuyerAssignedID")),
        quantity=unit_decimal_of(quantity_el),
        unit=quantity_el.get("unitCode") if quantity_el is not None else None,
        unit_price=price,
        amount=amount,
        tax_rate=rate,
        tax_code=text_of(child(tax, "CategoryCode")),
        po_number=text_of(child(order, "IssuerAssignedID")),
        po_line=text_of(child(order, "LineID")),
    )


def _allowance_charge(element: etree._Element, line: int | None) -> AllowanceChargeExtraction:
    """A CII SpecifiedTradeAllowanceCharge (document or line level)."""
    indicator = child(element, "ChargeIndicator")
    tax = child(element, "CategoryTradeTax")
    amount = decimal_of(child(element, "ActualAmount"))
    return AllowanceChargeExtraction(
        kind="charge"
        if is_true(text_of(child(indicator, "Indicator")) or text_of(indicator))
        else "allowance",
        reason=text_of(child(element, "Reason")),
        reason_code=text_of(child(element, "ReasonCode")),
        amount=abs(amount) if amount is not None else None,
        base_amount=decimal_of(child(element, "BasisAmount")),
        percent=decimal_of(child(element, "CalculationPercent")),
        tax_rate=decimal_of(child(tax, "RateApplicablePercent", "ApplicablePercent")),
        tax_code=text_of(child(tax, "CategoryCode")),
        line=line,
    )


def _logistics_charge(element: etree._Element) -> AllowanceChargeExtraction:
    """A ZUGFeRD SpecifiedLogisticsServiceCharge (freight and the like), a document-level charge."""
    tax = child(element, "AppliedTradeTax")
    amount = decimal_of(child(element, "AppliedAmount"))
    return AllowanceChargeExtraction(
        kind="charge",
        reason=text_of(child(element, "Description")),
        amount=abs(amount) if amount is not None else None,
        tax_rate=decimal_of(child(tax, "RateApplicablePercent", "ApplicablePercent")),
        tax_code=text_of(child(tax, "CategoryCode")),
    )


def read_cii(root: etree._Element) -> InvoiceExtraction:
    """Read a CII e-invoice into the extraction contract; every value is exactly what the XML says."""
    result = InvoiceExtraction(extraction_method="einvoice:cii")
    header = child(root, *_HEADER)
    transaction = child(root, *_TRANSACTION)
    agreement = child(transaction, *_AGREEMENT)
    settlement = child(transaction, *_SETTLEMENT)
    summation = child(settlement, *_SUMMATION)

    type_el = child(header, "TypeCode")
    grand = decimal_of(_amount(summation, "DuePayableAmount", None)) or decimal_of(
        _amount(summation, "GrandTotalAmount", None)
    )
    result.document_type = document_type_for(text_of(type_el), grand)
    result.fields["document_type"] = found(f"TypeCode: {text_of(type_el) or ''}", confidence=1.0)

    number_el = child(header, "ID")
    result.invoice_number = text_of(number_el)
    record(result, "invoice_number", number_el, result.invoice_number)
    date_el = child(header, "IssueDateTime")
    result.invoice_date = date_of(date_el)
    record(result, "invoice_date", date_el, result.invoice_date)

    seller = child(agreement, "SellerTradeParty")
    buyer = child(agreement, "BuyerTradeParty")
    seller_name = child(seller, "Name")
    result.vendor.name = text_of(seller_name)
    record(result, "vendor.name", seller_name, result.vendor.name)
    vat_el = _party_vat(seller)
    result.vendor.vat_id = normalise_vat(text_of(vat_el))
    record(result, "vendor.vat_id", vat_el, result.vendor.vat_id)
    result.vendor.address = _address(seller)
    address_el = child(seller, "PostalTradeAddress")
    record(result, "vendor.address", address_el, result.vendor.address)
    buyer_name = child(buyer, "Name")
    result.buyer.name = text_of(buyer_name)
    record(result, "buyer.name", buyer_name, result.buyer.name)
    buyer_vat_el = _party_vat(buyer)  # the buyer's own VAT id (BT-48)
    result.buyer.vat_id = normalise_vat(text_of(buyer_vat_el))
    record(result, "buyer.vat_id", buyer_vat_el, result.buyer.vat_id)

    orders = [
        text_of(child(doc, "IssuerAssignedID", "ID"))
        for doc in children(agreement, "BuyerOrderReferencedDocument")
    ]
    result.po_numbers = [o for o in orders if o]
    if result.po_numbers:
        result.fields["po_numbers"] = found(
            "BuyerOrderReferencedDocument: " + ", ".join(result.po_numbers), confidence=1.0
        )
    else:
        result.fields["po_numbers"] = missing("not present in the e-invoice XML")

    # the invoice a credit note corrects (BT-25), on the settlement
    preceding(
        result,
        [
            text_of(child(doc, "IssuerAssignedID"))
            for doc in children(settlement, "InvoiceReferencedDocument")
        ],
        "InvoiceReferencedDocument",
    )

    currency_el = child(settlement, "InvoiceCurrencyCode")
    result.currency = text_of(currency_el)
    record(result, "currency", currency_el, result.currency)

    iban_el = None
    for means in children(settlement, "SpecifiedTradeSettlementPaymentMeans"):
        candidate = path(means, "PayeePartyCreditorFinancialAccount", "IBANID")
        if text_of(candidate):
            iban_el = candidate
            break
    result.vendor.iban = normalise_iban(text_of(iban_el))
    record(result, "vendor.iban", iban_el, result.vendor.iban)

    due_el = None
    for terms in children(settlement, "SpecifiedTradePaymentTerms"):
        candidate = child(terms, "DueDateDateTime")
        if date_of(candidate) is not None:
            due_el = candidate
            break
    result.due_date = date_of(due_el)
    record(result, "due_date", due_el, result.due_date)

    fields: dict[str, etree._Element | None] = {
        "subtotal": _amount(summation, "TaxBasisTotalAmount", result.currency),
        "tax_total": _amount(summation, "TaxTotalAmount", result.currency),
        "total": _amount(summation, "GrandTotalAmount", result.currency),
        "amount_due": _amount(summation, "DuePayableAmount", result.currency),
    }
    values: dict[str, Decimal | None] = {name: decimal_of(el) for name, el in fields.items()}
    result.subtotal = values["subtotal"]
    result.tax_total = values["tax_total"]
    result.total = values["total"]
    result.amount_due = values["amount_due"]
    for name, element in fields.items():
        record(result, name, element, values[name])
    if result.amount_due is None and result.total is not None:
        result.amount_due = _amount_due_from_total(result.total, summation, result.currency)
        result.fields["amount_due"] = found(
            None,
            confidence=1.0,
            reason="no DuePayableAmount: the grand total less TotalPrepaidAmount plus RoundingAmount (EN 16931 BR-CO-16)",
        )

    for item in children(transaction, "IncludedSupplyChainTradeLineItem"):
        line = _line(item)
        for note in children(child(item, "AssociatedDocumentLineDocument"), "IncludedNote"):
            add_note(result, text_of(child(note, "Content")))
        if line is not None:
            result.lines.append(line)
            line_settlement = child(item, *_LINE_SETTLEMENT)
            for allowance in children(line_settlement, "SpecifiedTradeAllowanceCharge"):
                result.charges.append(_allowance_charge(allowance, len(result.lines)))
    for allowance in children(settlement, "SpecifiedTradeAllowanceCharge"):
        result.charges.append(_allowance_charge(allowance, None))
    for logistics in children(settlement, "SpecifiedLogisticsServiceCharge"):
        result.charges.append(_logistics_charge(logistics))
    for line in result.lines:
        if line.po_number and line.po_number not in result.po_numbers:
            result.po_numbers.append(line.po_number)
            result.fields["po_numbers"] = found(
                "BuyerOrderReferencedDocument: " + ", ".join(result.po_numbers), confidence=1.0
            )
    for note in children(header, "IncludedNote"):
        add_note(result, text_of(child(note, "Content")))
    for terms in children(settlement, "SpecifiedTradePaymentTerms"):
        add_note(result, text_of(child(terms, "Description")))
    for tax in children(settlement, "ApplicableTradeTax"):
        add_note(result, text_of(child(tax, "ExemptionReason")))
    if result.lines:
        result.fields["lines"] = found(
            f"{len(result.lines)} IncludedSupplyChainTradeLineItem", confidence=1.0
        )
    else:
        result.fields["lines"] = missing("no line items in the e-invoice XML")
    return result


def _amount_due_from_total(total: Decimal, summation: etree._Element | None, currency: str | None) -> Decimal:
    """No DuePayableAmount (optional in ZUGFeRD 1.0 BASIC): the amount due is the grand total less the
    amount paid before (TotalPrepaidAmount) plus the rounding (RoundingAmount), as EN 16931 defines it."""
    prepaid = decimal_of(_amount(summation, "TotalPrepaidAmount", currency)) or Decimal(0)
    rounding = decimal_of(_amount(summation, "RoundingAmount", currency)) or Decimal(0)
    return total - prepaid + rounding
