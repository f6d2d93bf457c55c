"""python -m evals.price_basis DIR [--list]: unit prices of lines priced per 100 or per 1000 units.

Scores opsloop's rules engine on a generated set whose truth lines record the quantity their price is for
(`price_per`, as evals/synth22 writes it): for every true line with a basis other than 1, the extracted line of
the same amount (to the cent) must carry the price of ONE unit (the truth's `unit_price`, within 0.005 %). The
line F1 of evals/invoices matches lines by amount and description only, so a price read as 46.201 instead of
0.0462 costs it nothing: this is the figure that sees it. Shares no parsing code with the engine (Decimal
comparisons of the truth's strings)."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path

TOLERANCE = Decimal("0.00005")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.price_basis", description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--list", action="store_true", help="print each line read wrong")
    args = parser.parse_args(argv)
    from opsloop.extract import extract_invoice
    from opsloop.ingest.readers.pdf import read_pdf

    lines = right = documents = 0
    for truth_path in sorted(args.folder.glob("*.json")):
        truth = json.loads(truth_path.read_text("utf-8"))
        priced = [
            t for t in truth.get("line_items") or [] if str(t.get("price_per") or 1) not in ("1", "1.0")
        ]
        pdf = truth_path.with_suffix(".pdf")
        if not priced or not pdf.is_file():
            continue
        documents += 1
        read = extract_invoice(read_pdf(pdf.read_bytes()), engine="rules", text_only=True)
        for line in priced:
            lines += 1
            amount, price = Decimal(str(line["line_total"])), Decimal(str(line["unit_price"]))
            same = [
                x
                for x in read.lines
                if x.amount is not None and abs(abs(x.amount) - abs(amount)) < Decimal("0.005")
            ]
            ok = any(
                x.unit_price is not None
                and abs(x.unit_price - price) <= TOLERANCE * max(Decimal(1), abs(price))
                for x in same
            )
            right += ok
            if not ok and args.list:
                print(
                    f"{pdf.name}: per {line['price_per']}, truth {price}, read {[str(x.unit_price) for x in same]}"
                )
    share = f"{right / lines:.2f}" if lines else "-"
    print(f"lines priced per 100/1000: {lines} in {documents} documents; unit price right: {right} ({share})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
