"""OASIS UBL 2.1 invoices and credit notes (Peppol BIS Billing 3), read exactly."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from opsloop.domain.invoices import (
    AllowanceChargeExtraction,
    DocumentType,
    InvoiceExtraction,
    InvoiceLineExtraction,
)
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

UBL_NAMESPACE_PREFIX = "urn:oasis:names:specification:ubl:schema:xsd:"


def is_ubl(root: etree._Element) -> bool:
    ns = etree.QName(root).namespace or ""
    return local(root) in ("Invoice", "CreditNote") and ns.startswith(UBL_NAMESPACE_PREFIX)


def _amount(parent: etree._Element | None, name: str, currency: str | None) -> etree._Element | None:
    candidates = children(parent, name)
    for candidate in candidates:
        if currency and candidate.get("currencyID") == currency:
            return candidate
    return candidates[0] if candidates else None


def _party_name(party: etree._Element | None) -> etree._Element | None:
    legal = path(party, "PartyLegalEntity", "RegistrationName")
    if text_of(legal):
        return legal
    return path(party, "PartyName", "Name")


def _party_vat(party: etree._Element | None) -> etree._Element | None:
    for scheme in children(party, "PartyTaxScheme"):
        company = child(scheme, "CompanyID")
        scheme_id = text_of(path(scheme, "TaxScheme", "ID"))
        if text_of(company) and (scheme_id is None or scheme_id.upper() == "VAT"):
            return company
    return None


def _address(party: etree._Element | None) -> str | None:
    address = child(party, "PostalAddress")
    if address is None:
        return None
    parts = [text_of(child(address, n)) for n in ("StreetName", "AdditionalStreetName")]
    parts.append(text_of(path(address, "AddressLine", "Line")))
    city = " ".join(
        p for p in (text_of(child(address, "PostalZone")), text_of(child(address, "CityName"))) if p
    )
    parts += [city, text_of(path(address, "Country", "IdentificationCode"))]
    return ", ".join(p for p in parts if p) or None


def _line(item: etree._Element) -> InvoiceLineExtraction:
    quantity_el = child(item, "InvoicedQuantity", "CreditedQuantity")
    product = child(item, "Item")
    price = unit_decimal_of(path(item, "Price", "PriceAmount"))
    base = unit_decimal_of(path(item, "Price", "BaseQuantity"))
    if price is not None and base not in (None, Decimal(0), Decimal(1)):
        assert base is not None
        price = per_unit(price / base)
    order_line = child(item, "OrderLineReference")
    return InvoiceLineExtraction(
        description=text_of(child(product, "Name")) or text_of(child(product, "Description")),
        sku=text_of(path(product, "SellersItemIdentification", "ID")),
        buyer_sku=text_of(path(product, "BuyersItemIdentification", "ID")),
        quantity=unit_decimal_of(quantity_el),
        unit=quantity_el.get("unitCode") if quantity_el is not None else None,
        unit_price=price,
        amount=decimal_of(child(item, "LineExtensionAmount")),
        tax_rate=decimal_of(path(product, "ClassifiedTaxCategory", "Percent")),
        tax_code=text_of(path(product, "ClassifiedTaxCategory", "ID")),
        po_number=text_of(path(order_line, "OrderReference", "ID")),
        po_line=text_of(child(order_line, "LineID")),
    )


def _allowance_charge(element: etree._Element, line: int | None) -> AllowanceChargeExtraction:
    """A UBL AllowanceCharge (document or line level)."""
    category = child(element, "TaxCategory")
    return AllowanceChargeExtraction(
        kind="charge" if is_true(text_of(child(element, "ChargeIndicator"))) else "allowance",
        reason=text_of(child(element, "AllowanceChargeReason")),
        reason_code=text_of(child(element, "AllowanceChargeReasonCode")),
        amount=_magnitude(decimal_of(child(element, "Amount"))),
        base_amount=decimal_of(child(element, "BaseAmount")),
        percent=decimal_of(child(element, "MultiplierFactorNumeric")),
        tax_rate=decimal_of(child(category, "Percent")),
        tax_code=text_of(child(category, "ID")),
        line=line,
    )


def _magnitude(value: Decimal | None) -> Decimal | None:
    return abs(value) if value is not None else None


def read_ubl(root: etree._Element) -> InvoiceExtraction:
    """Read a UBL 2.1 Invoice or CreditNote into the extraction contract."""
    result = InvoiceExtraction(extraction_method="einvoice:ubl")
    type_el = child(root, "InvoiceTypeCode", "CreditNoteTypeCode")
    totals = child(root, "LegalMonetaryTotal")
    if local(root) == "CreditNote":
        result.document_type = DocumentType.CREDIT_NOTE
    else:
        payable = decimal_of(_amount(totals, "PayableAmount", None)) or decimal_of(
            _amount(totals, "TaxInclusiveAmount", None)
        )
        result.document_type = document_type_for(text_of(type_el), payable)
    result.fields["document_type"] = found(f"{local(root)} {text_of(type_el) or ''}", confidence=1.0)

    number_el = child(root, "ID")
    result.invoice_number = text_of(number_el)
    record(result, "invoice_number", number_el, result.invoice_number)
    date_el = child(root, "IssueDate")
    result.invoice_date = date_of(date_el)
    record(result, "invoice_date", date_el, result.invoice_date)
    due_el = child(root, "DueDate")
    if due_el is None:
        for means in children(root, "PaymentMeans"):
            candidate = child(means, "PaymentDueDate")
            due_el = candidate if candidate is not None else due_el
    if due_el is None:
        # UBL 2.1 also gives the terms their own due date (PaymentTerms/PaymentDueDate), where some
        # senders put it instead of DueDate
        due_el = next(
            (c for t in children(root, "PaymentTerms") if (c := child(t, "PaymentDueDate")) is not None), None
        )
    result.due_date = date_of(due_el)
    record(result, "due_date", due_el, result.due_date)

    currency_el = child(root, "DocumentCurrencyCode")
    result.currency = text_of(currency_el)
    record(result, "currency", currency_el, result.currency)

    seller = path(root, "AccountingSupplierParty", "Party")
    buyer = path(root, "AccountingCustomerParty", "Party")
    name_el = _party_name(seller)
    result.vendor.name = text_of(name_el)
    record(result, "vendor.name", name_el, result.vendor.name)
    vat_el = _party_vat(seller)
    result.vendor.vat_id = normalise_vat(text_of(vat_el))
    record(result, "vendor.vat_id", vat_el, result.vendor.vat_id)
    result.vendor.address = _address(seller)
    record(result, "vendor.address", child(seller, "PostalAddress"), result.vendor.address)
    buyer_el = _party_name(buyer)
    result.buyer.name = text_of(buyer_el)
    record(result, "buyer.name", buyer_el, result.buyer.name)
    buyer_vat_el = _party_vat(buyer)  # the customer party's own VAT id (BT-48)
    result.buyer.vat_id = normalise_vat(text_of(buyer_vat_el))
    record(result, "buyer.vat_id", buyer_vat_el, result.buyer.vat_id)

    iban_el = None
    for means in children(root, "PaymentMeans"):
        candidate = path(means, "PayeeFinancialAccount", "ID")
        if text_of(candidate):
            iban_el = candidate
            break
    result.vendor.iban = normalise_iban(text_of(iban_el))
    record(result, "vendor.iban", iban_el, result.vendor.iban)

    order = text_of(path(root, "OrderReference", "ID"))
    result.po_numbers = [order] if order else []
    # the invoice a credit note corrects (BT-25); a credit note of another credit note names it the same way
    preceding(
        result,
        [
            text_of(path(reference, kind, "ID"))
            for reference in children(root, "BillingReference")
            for kind in ("InvoiceDocumentReference", "CreditNoteDocumentReference")
        ],
        "BillingReference",
    )

    tax_el = None
    for tax_total in children(root, "TaxTotal"):
        candidate = _amount(tax_total, "TaxAmount", result.currency)
        if candidate is not None and (tax_el is None or candidate.get("currencyID") == result.currency):
            tax_el = candidate
    fields: dict[str, etree._Element | None] = {
        "subtotal": _amount(totals, "TaxExclusiveAmount", result.currency),
        "tax_total": tax_el,
        "total": _amount(totals, "TaxInclusiveAmount", result.currency),
        "amount_due": _amount(totals, "PayableAmount", result.currency),
    }
    values: dict[str, Decimal | None] = {name: decimal_of(el) for name, el in fields.items()}
    result.subtotal = values["subtotal"]
    result.tax_total = values["tax_total"]
    result.total = values["total"]
    result.amount_due = values["amount_due"]
    for name, element in fields.items():
        record(result, name, element, values[name])

    for position, item in enumerate(
        children(root, "InvoiceLine") + children(root, "CreditNoteLine"), start=1
    ):
        result.lines.append(_line(item))
        for allowance in children(item, "AllowanceCharge"):
            result.charges.append(_allowance_charge(allowance, position))
        for note in children(item, "Note"):
            add_note(result, text_of(note))
    for allowance in children(root, "AllowanceCharge"):
        result.charges.append(_allowance_charge(allowance, None))
    for line in result.lines:
        if line.po_number and line.po_number not in result.po_numbers:
            result.po_numbers.append(line.po_number)
    result.fields["po_numbers"] = (
        found("OrderReference: " + ", ".join(result.po_numbers), confidence=1.0)
        if result.po_numbers
        else missing("not present in the e-invoice XML")
    )
    for note in children(root, "Note"):
        add_note(result, text_of(note))
    for terms in children(root, "PaymentTerms"):
        add_note(result, text_of(child(terms, "Note")))
    for tax_total in children(root, "TaxTotal"):
        for subtotal in children(tax_total, "TaxSubtotal"):
            add_note(result, text_of(path(subtotal, "TaxCategory", "TaxExemptionReason")))
    result.fields["lines"] = (
        found(f"{len(result.lines)} invoice lines", confidence=1.0)
        if result.lines
        else missing("no line items in the e-invoice XML")
    )
    return result
