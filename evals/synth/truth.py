"""The ground truth of a SynthInvoice, as the extraction eval scores it (JSON-ready: strings, lists, dicts).

Amounts are decimal strings with two places (unit prices and quantities as exact as the model holds
them), dates ISO 8601, credit-note amounts positive as in EN 16931 (a page may print them negative;
the eval compares magnitudes for credit notes). Field names follow the ZUGFeRD corpus's projection in
../shared/data (``seller_name``, ``grand_total``, ``due_payable``, ``line_items`` …) so one scorer
reads both.
"""

from __future__ import annotations

from typing import Any

from evals.synth.einvoice import amount, number, type_code
from evals.synth.model import Line, Party, SynthInvoice


def _party(party: Party) -> dict[str, Any]:
    return {
        "name": party.name,
        "street": party.street,
        "postcode": party.postcode,
        "city": party.city,
        "country": party.country,
        "vat_id": party.vat_id,
        "iban": party.iban,
        "bic": party.bic,
    }


def _line(index: int, line: Line) -> dict[str, Any]:
    return {
        "line_id": line.position or str(index),
        "position": line.position,
        "name": " ".join(part.strip() for part in line.description.split("\n") if part.strip()),
        "seller_item_id": line.seller_sku,
        "buyer_item_id": line.buyer_sku,
        "quantity": number(line.quantity),
        "unit_code": line.unit,
        "unit_price_net": number(line.unit_price),
        "tax_rate": number(line.tax_rate),
        "tax_category": line.tax_category,
        "line_total": amount(line.net),
        "po_line_ref": line.po_line_ref,
    }


def truth(invoice: SynthInvoice) -> dict[str, Any]:
    """What a perfect extraction of any rendering of ``invoice`` reads."""
    return {
        "document_type": invoice.doc_type,
        "type_code": type_code(invoice),
        "invoice_number": invoice.number,
        "invoice_date": invoice.issue_date.isoformat(),
        "due_date": invoice.due_date.isoformat() if invoice.due_date else None,
        "currency": invoice.currency,
        "locale": invoice.locale,
        "seller_name": invoice.seller.name,
        "buyer_name": invoice.buyer.name,
        "seller": _party(invoice.seller),
        "buyer": _party(invoice.buyer),
        "seller_vat_id": invoice.seller.vat_id,
        "seller_iban": invoice.seller.iban,
        "po_number": invoice.po_numbers[0] if invoice.po_numbers else None,
        "po_numbers": list(invoice.po_numbers),
        "delivery_note": invoice.delivery_note,
        "preceding_invoice": invoice.preceding_invoice,
        "subtotal_lines": amount(invoice.line_total),
        "allowance_total": amount(invoice.allowance_total),
        "charge_total": amount(invoice.charge_total),
        "tax_basis_total": amount(invoice.net_total),
        "tax_total": amount(invoice.tax_total),
        "grand_total": amount(invoice.grand_total),
        "prepaid": amount(invoice.prepaid),
        "due_payable": amount(invoice.amount_due),
        "taxes": [
            {
                "category": t.category,
                "rate": number(t.rate),
                "base": amount(t.base),
                "tax": amount(t.tax),
                "exemption_reason": t.exemption_reason,
            }
            for t in invoice.tax_subtotals
        ],
        "line_items": [_line(index, line) for index, line in enumerate(invoice.lines, start=1)],
        "notes": list(invoice.notes),
        "payment_terms": invoice.payment_terms,
    }
