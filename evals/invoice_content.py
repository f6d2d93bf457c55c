"""How often the mandatory-content check (opsloop.reconcile.mandatory) would hold an invoice whose page does print
what it is held for (the seller's VAT id, or ours on an intra-EU invoice; the VAT it charges, for a hold saying it
charges none without a reason; the invoice a credit note corrects): a false hold caused by what the reader or the
extractor missed.

A hold saying the invoice charges no VAT without a reason is false where the truth's VAT is above zero (the
extractor read a zero); where the truth's VAT is zero it is listed, to be looked at (the wording is not judged here:
that would repeat opsloop's lexicon). A credit note whose truth names the invoice it corrects (`preceding_invoice`)
is checked against an ERP that holds that invoice, linked by amount: passed (the reference read), a person's check
(no reference read: false where the page prints the number), held saying it names an invoice not in the ERP (false
where the page prints the truth's number).

Generated sets only (a folder with manifest.jsonl and a truth JSON beside each PDF): the truth's seller VAT id is
the vendor master's, the truth's buyer VAT id ours. Whether the page prints the seller's VAT id is decided here,
without opsloop's reading: the id's characters after its country prefix, in order, in pypdf's text of the file
with everything but letters and digits removed (the buyer's likewise, for a hold saying ours is missing). opsloop is only the system under test: `read_pdf`,
`document_text`, `extract_invoice`, `check_invoice_content`.

    python -m evals.invoice_content DIR [DIR ...] [--per-set 30] [--credit-per-set 10] [--report PATH]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from opsloop.domain.erp import CompanyRecord, ExceptionType, PriorInvoiceRecord, VendorRecord
from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.reconcile.mandatory import CHECK, CREDIT_CHECK, check_credit_reference, check_invoice_content
from opsloop.reconcile.mirror import Mirror
from opsloop.reconcile.run import Run
from opsloop.reconcile.screening import document_text

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def _on_page(pdf: Path, vat_id: str) -> bool:
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    body = _NOT_ALNUM.sub("", vat_id.upper())[2:]
    return bool(body) and body in _NOT_ALNUM.sub("", text.upper())


def run(folders: Sequence[Path], per_set: int, credit_per_set: int = 10) -> tuple[dict[str, int], list[str]]:
    tally: Counter[str] = Counter()
    false_holds: list[str] = []
    for folder in folders:
        rows = [
            json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines() if line.strip()
        ]
        rows = [r for r in rows if str(r.get("document", "")).endswith(".pdf")]
        invoices = credits = 0
        for row in rows:
            pdf = folder / row["document"]
            truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
            if row.get("credit_note") or truth.get("document_type") == "credit_note":
                credits += 1
                if truth.get("preceding_invoice") and credits <= credit_per_set:
                    _credit_note(pdf, truth, tally, false_holds, f"{folder.parent.name}/{row['id']}")
                continue
            invoices += 1
            if invoices > per_set:
                continue
            seller = (truth.get("seller") or {}).get("vat_id") or truth.get("seller_vat_id")
            buyer = (truth.get("buyer") or {}).get("vat_id")
            if not seller:
                tally["no seller VAT id in the truth"] += 1
                continue
            parsed = read_pdf(pdf.read_bytes())
            invoice = extract_invoice(parsed, text_only=True)
            vendor = VendorRecord(1, "V-1", str(truth.get("seller_name") or "seller"), seller)
            ours = (
                [CompanyRecord("C1", str(truth.get("buyer_name") or "buyer"), vat_ids=(buyer,))]
                if buyer
                else []
            )
            result = Run()
            check_invoice_content(invoice, vendor, ours, document_text(parsed), "hold", result)
            found = next((c for c in result.checks if c.name == CHECK), None)
            printed = _on_page(pdf, seller)
            held = any(e.type is ExceptionType.INVOICE_CONTENT_MISSING for e in result.exceptions)
            tally["documents"] += 1
            tally["seller VAT id on the page" if printed else "seller VAT id not on the page"] += 1
            if (
                printed
                and (invoice.vendor.vat_id or "").replace(" ", "").upper() != seller.replace(" ", "").upper()
            ):
                tally["on the page, not extracted as the seller's"] += 1
            outcome = (
                "not checked (country not in the data)"
                if found is None
                else "held"
                if held
                else "a person checks"
                if found.passed is False
                else "passed"
            )
            tally[f"{'printed' if printed else 'not printed'}: {outcome}"] += 1
            if held:
                # which element was claimed absent, and does the page print it?
                said = " ".join(e.sentence for e in result.exceptions)
                charged = Decimal(str(truth.get("tax_total") or 0)) != 0
                wrong = (
                    ("of the seller" in said and printed)
                    or ("none of our VAT numbers" in said and bool(buyer) and _on_page(pdf, str(buyer)))
                    or ("charges no VAT" in said and charged)
                )
                if "charges no VAT" in said and not charged:
                    tally["held for no VAT without a reason, truth VAT zero (look)"] += 1
                    false_holds.append(f"(look: truth VAT zero) {folder.parent.name}/{row['id']}")
                tally["held, the element absent from the page (right)" if not wrong else "held, wrongly"] += 1
                if wrong:
                    false_holds.append(f"{folder.parent.name}/{row['id']}")
            if found is not None and found.passed is False and not held:
                tally[f"person check: {found.sentence.split(';')[0][:60]}"] += 1
    return dict(sorted(tally.items())), false_holds


def _credit_note(
    pdf: Path, truth: dict[str, object], tally: Counter[str], wrong: list[str], name: str
) -> None:
    """A credit note against an ERP holding the invoice its truth names, linked to it by amount."""
    number = str(truth["preceding_invoice"])
    parsed = read_pdf(pdf.read_bytes())
    credit = extract_invoice(parsed, text_only=True)
    vendor = VendorRecord(1, "V-1", str(truth.get("seller_name") or "seller"))
    total = Decimal(str(truth.get("grand_total") or 0))
    prior = PriorInvoiceRecord(
        document_id=1,
        vendor_id=1,
        invoice_number=number,
        invoice_date=date(2000, 1, 1),
        total=abs(total) * 10,
    )
    mirror = Mirror.from_records([vendor], invoices=[prior])
    result = Run()
    check_credit_reference(credit, vendor, mirror, document_text(parsed), [1], "hold", result, document_id=2)
    found = next((c for c in result.checks if c.name == CREDIT_CHECK), None)
    printed = _on_page(pdf, "XX" + number)
    held = bool(result.exceptions)
    tally["credit notes naming an invoice (truth)"] += 1
    tally[f"credit notes, number {'on' if printed else 'not on'} the page"] += 1
    outcome = "passed" if found is not None and found.passed else "held" if held else "a person checks"
    tally[f"credit notes: {outcome}"] += 1
    if printed and outcome != "passed":
        tally[f"credit notes: {outcome} though the page prints the number (reference unread)"] += 1
    if held and printed:
        wrong.append(f"(credit note) {name}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.invoice_content", description=__doc__)
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--per-set", type=int, default=30)
    parser.add_argument("--credit-per-set", type=int, default=10, help="credit notes a set (default 10)")
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    tally, false_holds = run(args.folders, args.per_set, args.credit_per_set)
    for key, value in tally.items():
        print(f"{value:6d}  {key}")
    print("false holds (an element held as missing that the page prints):", len(false_holds))
    for name in false_holds:
        print("   ", name)
    if args.report:
        args.report.write_text(
            json.dumps({"tally": tally, "false_holds": false_holds}, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
