"""How often the mandatory-content check (opsloop.reconcile.mandatory) would hold an invoice whose page does print
what it is held for (the seller's VAT id, or ours on an intra-EU invoice): a false hold caused by what the reader
or the extractor missed.

Generated sets only (a folder with manifest.jsonl and a truth JSON beside each PDF): the truth's seller VAT id is
the vendor master's, the truth's buyer VAT id ours. Whether the page prints the seller's VAT id is decided here,
without opsloop's reading: the id's characters after its country prefix, in order, in pypdf's text of the file
with everything but letters and digits removed (the buyer's likewise, for a hold saying ours is missing). opsloop is only the system under test: `read_pdf`,
`document_text`, `extract_invoice`, `check_invoice_content`.

    python -m evals.invoice_content DIR [DIR ...] [--per-set 30] [--report PATH]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader

from opsloop.domain.erp import CompanyRecord, ExceptionType, VendorRecord
from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.reconcile.mandatory import CHECK, check_invoice_content
from opsloop.reconcile.run import Run
from opsloop.reconcile.screening import document_text

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def _on_page(pdf: Path, vat_id: str) -> bool:
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    body = _NOT_ALNUM.sub("", vat_id.upper())[2:]
    return bool(body) and body in _NOT_ALNUM.sub("", text.upper())


def run(folders: Sequence[Path], per_set: int) -> tuple[dict[str, int], list[str]]:
    tally: Counter[str] = Counter()
    false_holds: list[str] = []
    for folder in folders:
        rows = [
            json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines() if line.strip()
        ]
        rows = [r for r in rows if str(r.get("document", "")).endswith(".pdf") and not r.get("credit_note")]
        for row in rows[:per_set]:
            pdf = folder / row["document"]
            truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
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
                wrong = ("of the seller" in said and printed) or (
                    "none of our VAT numbers" in said and bool(buyer) and _on_page(pdf, str(buyer))
                )
                tally["held, the element absent from the page (right)" if not wrong else "held, wrongly"] += 1
                if wrong:
                    false_holds.append(f"{folder.parent.name}/{row['id']}")
            if found is not None and found.passed is False and not held:
                tally[f"person check: {found.sentence.split(';')[0][:60]}"] += 1
    return dict(sorted(tally.items())), false_holds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.invoice_content", description=__doc__)
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--per-set", type=int, default=30)
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    tally, false_holds = run(args.folders, args.per_set)
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
