"""python -m evals.synth15 --out DIR --count N [--seed S]: write a set of the fifteenth (development) generator: invoices and receipts printed from a web browser (its own header and footer on) and from mail clients (see dataset.py)."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from evals.synth15.dataset import DEFAULT_SEED, ChromiumMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.synth15", description=(__doc__ or "").split(":")[0]
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--keep-html", action="store_true", help="keep each page's HTML beside its PDF")
    args = parser.parse_args(argv)
    if args.count < 1:
        print("--count must be >= 1", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        rows = write_dataset(args.out, args.count, args.seed, keep_source=args.keep_html,
                             progress=lambda n: print(f"\r{n}/{args.count}", end="", file=sys.stderr))  # fmt: skip
    except ChromiumMissing as error:
        print(f"\nno set written: {error}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    gaps = [row for row in rows if row["not_on_page"]]
    fields = Counter(name.split("[")[0] for row in gaps for name in row["not_on_page"])
    print(
        f"\nwrote {len(rows)} documents to {args.out} in {seconds:.1f} s; {len(gaps)} with a truth value "
        f"not found in the text layer (manifest.jsonl: not_on_page){': ' + repr(dict(fields)) if fields else ''}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
