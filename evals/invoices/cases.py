"""The scored cases of every source, in one shape: a document (or a text), its truth per field, its lines.

Sources (under ``../shared/data/invoices`` unless given):
- ``invoice2data``: compare/<name>.pdf|.txt + <name>.json (invoice2data's expected output);
- ``zugferd``: zugferd_corpus/<name>.pdf + .json (the embedded XML's projection), grouped by ``dup_group``;
- ``sroie``: sroie_text/items.jsonl (receipt transcriptions: vendor, date, total);
- ``synth:<folder>``: a generated set (``python -m evals.synth.generate``), truth as evals/synth/truth.py writes it;
- ``<key>:<folder>``: a set of another generator (evals/synth2 … synth7: other producers, words, layouts and
  locales, the same truth projection), one row each in generators.py, which says which are development
  sources and which is the held-out source (scored apart, misses counted, not listed).

Every truth value a source holds is scored. The only exceptions are named in ``TRUTH_NOTES``, each
with its reason, printed by the eval and listed in evals/README.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

TUNED_SOURCES = frozenset({"invoice2data", "zugferd", "sroie"})
"""Sources the hand rules were developed on; generated sets were never seen by them."""


@dataclass(frozen=True)
class TruthNote:
    source: str
    item: str
    field: str
    action: str
    """``replace`` (score against ``value``) or ``exclude`` (not scored, in this mode only when ``mode`` is set)."""
    reason: str
    value: Any = None
    mode: str | None = None


TRUTH_NOTES: tuple[TruthNote, ...] = (
    TruthNote(
        "invoice2data", "Orlen", "invoice_number", "replace",
        "the data's MANIFEST: the template cuts the number to 'F'; the text says 'F 1234K20/1234/12'",
        "F 1234K20/1234/12",
    ),
    TruthNote(
        "invoice2data", "FlipkartInvoice", "invoice_number", "replace",
        "the data's MANIFEST: the template's number keeps a leading '#' that is not part of it",
        "BLR_WFLD20151000982590",
    ),
    TruthNote(
        "invoice2data", "FlipkartInvoice", "vendor", "exclude",
        "the data's MANIFEST: the issuer is the template's name ('Flipkart'), not the legal seller printed",
    ),
    TruthNote(
        "invoice2data", "SammyMaystoneLinesTest", "vendor", "exclude",
        "the issuer is the template's title ('Sammy Maystone - For Lines testing'), not a party name",
    ),
    TruthNote(
        "invoice2data", "oyo", "vendor", "exclude",
        "the data's MANIFEST: the issuer is the template's name, the brand ('OYO'), not the legal seller "
        "printed; the page names Oravel Stays Pvt. Ltd. as payee and registered company, and the GSTIN and "
        "CIN in the same truth are that company's",
    ),
    TruthNote(
        "invoice2data", "saeco", "vendor", "exclude",
        "the seller's name and address are printed only inside an image (the page says so): a reading of the "
        "text layer alone (evals.train_fields) holds no seller; the eval, which reads the image, scores it",
        mode="text-layer",
    ),
    *(
        TruthNote(
            "zugferd", f"ZUGFeRDv1__correct__Mustangproject__MustangGnuaccountingBeispielRE-20151008_{name}",
            field, "exclude", "the embedded XML's dates (2014) are not the dates the page prints (2015)",
            mode="text-only",
        )
        for name in ("504", "504new")
        for field in ("invoice_date", "due_date")
    ),
)  # fmt: skip
"""Truths this eval cannot use as they stand, by name and reason. Nothing else is left out."""


@dataclass(frozen=True)
class TrueAddress:
    """The seller's postal address as a generated set's truth holds it: its parts (street, postcode,
    town; a postcode-and-town line where the truth keeps it whole) and its country's code."""

    parts: tuple[str, ...]
    country: str | None = None

    def __str__(self) -> str:
        return ", ".join(self.parts) + (f" ({self.country})" if self.country else "")


def true_address(party: Any) -> TrueAddress | None:
    """The address of a truth's party record (``seller``: street, postcode, city or city_line, country);
    None without a street and a town."""
    if not isinstance(party, dict):
        return None
    town = [party.get("postcode"), party.get("city")] if party.get("city") else [party.get("city_line")]
    parts = tuple(str(p).strip() for p in [party.get("street"), *town] if p and str(p).strip())
    if not party.get("street") or len(parts) < 2:
        return None
    return TrueAddress(parts, party.get("country") or None)


def not_on_page(folder: Path) -> dict[str, set[str]]:
    """Per document of a generated set, the scored truths its manifest says the text layer does not show."""
    path = folder / "manifest.jsonl"
    if not path.is_file():
        return {}
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return {
        str(row.get("id")): {str(name).split("[")[0] for name in row.get("not_on_page") or []} for row in rows
    }


@dataclass
class Case:
    source: str
    item: str
    group: str
    truth: dict[str, Any]
    """Canonical field -> true value (None: the source does not hold it)."""
    document: Path | None = None
    text: str | None = None
    lines: list[dict[str, Any]] | None = None
    """True lines: name, amounts (acceptable printed amounts as strings)."""
    credit: bool = False
    facts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    """Other true values of the document (generated sets), for classifying misses."""


def apply_notes(case: Case, mode: str) -> Case:
    for note in TRUTH_NOTES:
        if note.source != case.source or note.item != case.item or (note.mode and note.mode != mode):
            continue
        before = case.truth.get(note.field)
        if note.action == "replace":
            case.truth[note.field] = note.value
            case.notes.append(
                f"{case.item}: {note.field} {before!r} scored as {note.value!r} ({note.reason})"
            )
        else:
            case.truth[note.field] = None
            case.notes.append(f"{case.item}: {note.field} {before!r} not scored ({note.reason})")
    return case


def invoice2data_cases(folder: Path) -> Iterator[Case]:
    for truth_path in sorted((folder / "compare").glob("*.json")):
        documents = [
            p for p in (truth_path.with_suffix(".pdf"), truth_path.with_suffix(".txt")) if p.exists()
        ]
        if not documents:
            continue
        raw = json.loads(truth_path.read_text("utf-8"))
        truth = raw[0] if isinstance(raw, list) else raw
        vendors = [v for v in (truth.get("issuer"), truth.get("partner_name")) if v]
        yield Case(
            source="invoice2data",
            item=truth_path.stem,
            group=truth_path.stem,
            document=documents[0],
            truth={
                "vendor": vendors or None,
                "invoice_number": truth.get("invoice_number"),
                "invoice_date": truth.get("date"),
                "due_date": truth.get("date_due"),
                "currency": truth.get("currency"),
                "total": truth.get("amount"),
                "subtotal": truth.get("amount_untaxed"),
                "tax_total": truth.get("amount_tax"),
            },
        )


def _lines_from_projection(lines: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """True lines with the amounts a page may print for each: its total, or quantity x net price (a
    generator that writes the tax-inclusive figure into the XML prints the net on the page)."""
    from evals.invoices.normalise import amount

    out: list[dict[str, Any]] = []
    for line in lines or []:
        if not line:
            continue
        amounts = [a for a in (amount(line.get("line_total")),) if a is not None]
        quantity, price = amount(line.get("quantity")), amount(line.get("unit_price_net"))
        if quantity is not None and price is not None:
            amounts.append((quantity * price).quantize(Decimal("0.01")))
        out.append({"name": line.get("name") or "", "amounts": [str(a) for a in amounts]})
    return out


CREDIT_CODES = frozenset({"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"})
"""UNTDID 1001 document type codes of credit notes (the EN 16931 list)."""


def zugferd_cases(folder: Path) -> Iterator[Case]:
    for truth_path in sorted(folder.glob("*.json")):
        pdf = truth_path.with_suffix(".pdf")
        if not pdf.exists():
            continue
        raw = json.loads(truth_path.read_text("utf-8"))
        truth = raw["ground_truth"]
        # UNTDID 1001: the credit-note codes, and a corrected invoice or debit note (384, 383) whose total is
        # negative: it credits money (issue 14: never paid)
        code = str(truth.get("type_code") or "")
        negative = str(truth.get("grand_total") or "").strip().startswith("-")
        credit = code in CREDIT_CODES or (code in ("383", "384") and negative)
        yield Case(
            source="zugferd",
            item=pdf.stem,
            group=raw.get("dup_group") or pdf.stem,
            document=pdf,
            credit=credit,
            truth={
                "vendor": truth.get("seller_name"),
                "buyer": truth.get("buyer_name"),
                "invoice_number": truth.get("invoice_number"),
                "invoice_date": truth.get("invoice_date"),
                "due_date": truth.get("due_date"),
                "currency": truth.get("currency"),
                "po_number": [truth["po_number"]] if truth.get("po_number") else None,
                "subtotal": truth.get("tax_basis_total"),
                "tax_total": truth.get("tax_total"),
                "total": truth.get("grand_total"),
                "amount_due": truth.get("due_payable"),
                "document_type": "credit_note" if credit else "invoice",
            },
            lines=_lines_from_projection(truth.get("line_items")),
        )


def sroie_cases(folder: Path, limit: int | None = None) -> Iterator[Case]:
    with (folder / "items.jsonl").open(encoding="utf-8") as handle:
        for number, raw_line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            record = json.loads(raw_line)
            truth = record["ground_truth"]
            yield Case(
                source="sroie",
                item=f"sroie {record['id']}",
                group=str(record["id"]),
                text=record["text"],
                truth={
                    "vendor": truth.get("company"),
                    "invoice_date": truth.get("date"),
                    "total": truth.get("total"),
                },
            )


def synth_cases(folder: Path, name: str | None = None, *, prefix: str = "synth:") -> Iterator[Case]:
    """A generated set's cases; ``prefix`` names another generator's source (generators.py: ``heldout5:``
    …), whose sets share the truth projection."""
    source = f"{prefix}{name or folder.name}"
    unprinted = not_on_page(folder)
    for truth_path in sorted(folder.glob("*.json")):
        document = next(
            (p for p in (truth_path.with_suffix(".pdf"), truth_path.with_suffix(".xml")) if p.exists()), None
        )
        if document is None:
            continue
        truth = json.loads(truth_path.read_text("utf-8"))
        credit = truth.get("document_type") == "credit_note"
        meta = truth.get("_synth", {})
        lines = [
            {"name": line.get("name") or "", "amounts": [line["line_total"]]}
            for line in truth.get("line_items") or []
        ]
        # the seller's address, unless the manifest says the page does not print it
        address = (
            None
            if "vendor_address" in unprinted.get(truth_path.stem, ())
            else true_address(truth.get("seller"))
        )
        yield Case(
            source=source,
            item=truth_path.stem,
            group=truth_path.stem,
            document=document,
            credit=credit,
            truth={
                "vendor": truth.get("seller_name"),
                "buyer": truth.get("buyer_name"),
                "invoice_number": truth.get("invoice_number"),
                "invoice_date": truth.get("invoice_date"),
                "due_date": truth.get("due_date"),
                "currency": truth.get("currency"),
                "po_number": truth.get("po_numbers") or None,
                "subtotal": truth.get("tax_basis_total"),
                "tax_total": truth.get("tax_total"),
                "total": truth.get("grand_total"),
                "amount_due": truth.get("due_payable"),
                "document_type": truth.get("document_type"),
                "vendor_vat_id": truth.get("seller_vat_id"),
                "vendor_iban": truth.get("seller_iban"),
                "vendor_address": address,
            },
            lines=lines,
            facts={
                "locale": str(meta.get("locale", "")),
                "layout": str(meta.get("layout", "")),
                **{str(k): str(v) for k, v in (meta.get("factors") or {}).items()},
            },
            context={
                "buyer_vat_id": (truth.get("buyer") or {}).get("vat_id"),
                "delivery_note": truth.get("delivery_note"),
                "preceding_invoice": truth.get("preceding_invoice"),
                "line_totals": [line["line_total"] for line in truth.get("line_items") or []],
                "prepaid": truth.get("prepaid"),
            },
        )
