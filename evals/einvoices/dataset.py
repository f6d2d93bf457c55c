"""Write a set of evals/einvoices documents: UBL 2.1 Invoices and CreditNotes (Peppol BIS 3 / XRechnung-UBL)
and FatturaPA v1.2 files, each ``<id>.xml`` with its truth ``<id>.json`` and one ``manifest.jsonl``.

The truth is the model's own figures (model.py), in the projection evals/synth's truth uses (``seller_name``,
``tax_basis_total``, ``grand_total``, ``due_payable``, ``line_items`` …) so evals/invoices scores a set as
the source ``einv:<folder>``, plus ``_einv`` with what score.py checks exactly besides (each line's
quantity, unit price, rate and category; the allowances and charges).

Document ``i`` of seed ``S`` is drawn from its own random stream: a set of 20 is the first 20 of a set of 200.
"""

from __future__ import annotations

import hashlib
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from evals.einvoices.fatturapa import render_fatturapa
from evals.einvoices.model import EInvoice, Line, cents, draw
from evals.einvoices.ubl import render_ubl

GENERATOR = "einvoices"
DEFAULT_SEED = 1616

FATTURAPA_CATEGORY = {"N4": "E", "N6.3": "AE", "N3.2": "K", "N3.1": "G", "N2.2": "O", "N3.5": None}
"""The UNCL 5305 category a FatturaPA nature stands for (None: no single one; the generator's own table)."""


class GeneratorUnavailable(RuntimeError):
    """Never raised: the generator needs nothing beyond lxml (the row's refusal, for the eval's table)."""


def fingerprint() -> str:
    """Eight hex digits over this generator's code: a cached set is reused only when this code wrote it."""
    digest = hashlib.sha256()
    for name in ("model.py", "ubl.py", "fatturapa.py", "dataset.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:8]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _category(invoice: EInvoice, line: Line) -> str | None:
    if invoice.syntax == "fatturapa":
        return FATTURAPA_CATEGORY[line.natura] if line.natura else "S"
    return line.category


def _rate(invoice: EInvoice, line: Line) -> str | None:
    if invoice.syntax == "ubl" and line.category == "O":
        return None  # Peppol: category O states no rate
    return str(line.rate)


def _charges(invoice: EInvoice) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for index, line in enumerate(invoice.lines, start=1):
        if invoice.syntax == "fatturapa":  # line discounts are percentages; the fund is the document's charge
            if line.allowance is not None:
                rows.append(
                    {"kind": "allowance", "amount": None, "percent": str(line.allowance), "line": index}
                )
            continue
        for amount, kind in ((line.allowance, "allowance"), (line.charge, "charge")):
            if amount is not None:
                rows.append({"kind": kind, "amount": str(amount), "percent": None, "line": index})
    for charge in invoice.charges:
        rows.append({"kind": "charge" if charge.charge else "allowance", "amount": str(charge.amount),
                     "percent": _text(charge.percent), "line": None})  # fmt: skip
    return rows


def truth(invoice: EInvoice) -> dict[str, Any]:
    """What a perfect reading of the document holds: the model's figures."""
    seller, buyer = invoice.seller, invoice.buyer
    due = invoice.due if invoice.syntax == "ubl" else (min(invoice.instalment_dates) if invoice.due else None)
    return {
        "document_type": "credit_note" if invoice.credit else "invoice",
        "type_code": invoice.type_code,
        "invoice_number": invoice.number,
        "invoice_date": invoice.issued.isoformat(),
        "due_date": due.isoformat() if due else None,
        "currency": invoice.currency,
        "seller_name": seller.legal_name,
        "buyer_name": buyer.legal_name,
        "seller": {
            "name": seller.legal_name,
            "street": f"{seller.street} {seller.house}",
            "postcode": seller.postcode,
            "city": seller.city,
            "country": seller.country,
            "vat_id": seller.vat_id,
            "iban": seller.iban,
        },
        "buyer": {"name": buyer.legal_name, "vat_id": buyer.vat_id},
        "seller_vat_id": seller.vat_id,
        "seller_iban": seller.iban,
        "po_number": invoice.order,
        "po_numbers": [invoice.order] if invoice.order else [],
        "tax_basis_total": str(cents(invoice.taxable_total)),
        "tax_total": str(cents(invoice.tax_total)),
        "grand_total": str(cents(invoice.stated_total)),
        "prepaid": str(cents(invoice.prepaid)),
        "due_payable": str(cents(invoice.payable)),
        "line_items": [
            {
                "name": line.description,
                "quantity": str(line.quantity),
                "unit_code": line.unit,
                "unit_price_net": str(invoice.unit_price(line)),
                "line_total": str(invoice.line_amount(line)),
                "tax_rate": _rate(invoice, line),
                "tax_category": _category(invoice, line),
                "seller_item_id": line.sku,
            }
            for line in invoice.lines
        ],
        "_einv": {"syntax": invoice.syntax, "charges": _charges(invoice)},
        "_synth": {
            "layout": invoice.syntax + ("-creditnote" if invoice.credit_root else ""),
            "locale": seller.country,
            "factors": {
                "syntax": invoice.syntax,
                "credit": str(invoice.credit).lower(),
                "tax_currency": str(bool(invoice.tax_currency)).lower(),
                "prepaid": str(bool(invoice.prepaid)).lower(),
                "rounding": str(bool(invoice.rounding)).lower(),
                "withholding": str(invoice.withholding is not None).lower(),
                "fund": str(invoice.fund is not None).lower(),
                "alternatives": str(invoice.alternatives).lower(),
                "due_place": invoice.due_place if invoice.syntax == "ubl" else "instalments",
                "brand": str(bool(seller.trading_name)).lower(),
                "taxes": "+".join(sorted({_category(invoice, line) or "none" for line in invoice.lines})),
            },
        },
    }


def write_dataset(
    out: Path, count: int, seed: int = DEFAULT_SEED, syntax: str | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` e-invoices and ``manifest.jsonl`` into ``out``; returns the manifest rows (nothing
    the truth holds is missing from the XML: ``not_on_page`` is empty)."""
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for index in range(count):
        invoice = draw(seed, index, syntax)
        item = f"einv-{seed}-{index:05d}"
        if invoice.syntax == "ubl":
            xml = render_ubl(invoice)
        else:
            xml = render_fatturapa(invoice, random.Random(f"einvoices:render:{seed}:{index}"))
        (out / f"{item}.xml").write_bytes(xml)
        (out / f"{item}.json").write_text(json.dumps(truth(invoice), ensure_ascii=False, indent=1), "utf-8")
        rows.append({"id": item, "syntax": invoice.syntax, "not_on_page": []})
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
