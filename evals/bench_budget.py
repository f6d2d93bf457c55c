"""What the document budgets cost: N small invoices and chats through every stage, with the content
work in budgeted sandbox workers (the default) and inline (`OPSLOOP_BUDGET__ISOLATE=false`).

    nice .venv/bin/python evals/bench_budget.py [--documents 120]

Prints milliseconds per document for each and the difference. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from opsloop.service import ingest_and_process
from opsloop.settings import BudgetSettings, OcrSettings, Settings
from opsloop.stages import reset_caches
from opsloop.store.db import dispose_engines, open_database
from tests.samples import text_pdf, ubl_invoice


def _chat(n: int) -> bytes:
    messages = [
        {"role": "customer", "text": f"Order {n} has not arrived, it is late again"},
        {"role": "agent", "text": "Sorry about that, I will check the shipment now"},
        {"role": "customer", "text": "Thanks, please hurry"},
    ]
    return json.dumps({"id": f"bench-{n}", "messages": messages}).encode()


def run(isolate: bool, documents: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp) / "var",
            database_url=None,
            budget=BudgetSettings(isolate=isolate),
            ocr=OcrSettings(enabled=False),
        )
        dispose_engines()
        reset_caches()
        engine = open_database(settings)
        drop = Path(tmp) / "drop"
        drop.mkdir()
        for n in range(documents):
            if n % 3 == 0:
                (drop / f"{n:05}.xml").write_bytes(ubl_invoice(f"BUDGET-{n:05}"))
            elif n % 3 == 1:
                (drop / f"{n:05}.pdf").write_bytes(text_pdf([f"Invoice BUDGET-{n:05}", "Total 119.00 EUR"]))
            else:
                (drop / f"{n:05}.json").write_bytes(_chat(n))
        ingest_and_process(engine, settings, [drop], move=False)  # warm-up: the fork server starts here
        for path in drop.iterdir():
            path.write_bytes(path.read_bytes() + b"\n")  # new bytes, new documents
        started = time.perf_counter()
        ingest_and_process(engine, settings, [drop], move=False)
        elapsed = time.perf_counter() - started
        dispose_engines()
    return elapsed / documents * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=120)
    args = parser.parse_args()
    inline = run(False, args.documents)
    budgeted = run(True, args.documents)
    print(f"{args.documents} documents (invoices as XML and PDF, chats), every stage, after a warm-up run:")
    print(f"  inline     {inline:7.1f} ms per document")
    print(
        f"  budgeted   {budgeted:7.1f} ms per document   (+{budgeted - inline:.1f} ms, {budgeted / inline:.2f}x)"
    )


if __name__ == "__main__":
    main()
