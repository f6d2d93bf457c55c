"""python -m evals.einvoices --out DIR [--count N] [--seed S] [--syntax ubl|fatturapa] [--score]: write a set of
generated UBL 2.1 / FatturaPA e-invoices with their truths (see dataset.py); --score then prints how exactly
opsloop's e-invoice reader reads every field of it (score.py; exit 1 when any field is not exact)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evals.einvoices.dataset import DEFAULT_SEED, write_dataset
from evals.einvoices.score import print_score, score_folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.einvoices", description=(__doc__ or "").split(":")[0]
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--syntax", choices=("ubl", "fatturapa"), default=None)
    parser.add_argument("--score", action="store_true", help="score opsloop's reader on the set, every field")
    args = parser.parse_args(argv)
    if args.count < 1:
        print("--count must be >= 1", file=sys.stderr)
        return 2
    rows = write_dataset(args.out, args.count, args.seed, args.syntax)
    print(f"wrote {len(rows)} e-invoices to {args.out}")
    if not args.score:
        return 0
    score = score_folder(args.out)
    print_score(score)
    return 0 if score.exact() else 1


if __name__ == "__main__":
    raise SystemExit(main())
