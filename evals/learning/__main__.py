"""python -m evals.learning [--seed 18] [--vendors 18] [--documents 5] [--report PATH]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evals.learning.run import report_rows, run_learning_eval, write_report

DEFAULT_REPORT = Path("evals/reports/learning.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.learning", description=__doc__)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--vendors", type=int, default=18)
    parser.add_argument("--documents", type=int, default=5)
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    args = parser.parse_args(argv)
    result, baseline, learning = run_learning_eval(
        seed=args.seed,
        vendors=args.vendors,
        documents=args.documents,
        progress=lambda line: print(line, file=sys.stderr),
    )
    for label, value in report_rows(result):
        print(f"{label:<58} {value}")
    meta = {"seed": args.seed, "vendors": args.vendors, "documents": args.documents}
    print(f"report: {write_report(result, baseline, learning, args.report, meta)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
