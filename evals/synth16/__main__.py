"""python -m evals.synth16 --out DIR --count N [--seed S] [--clean DIR]: write a set of the sixteenth (development) generator: other generators' documents scanned and read by Tesseract, a page image with an invisible OCR text layer (see dataset.py)."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from evals.synth16.dataset import DEFAULT_SEED, ScannerMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.synth16", description=(__doc__ or "").split(":")[0]
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--clean", type=Path, help="also write the same documents unscanned (the source PDFs) here"
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        print("--count must be >= 1", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        rows = write_dataset(args.out, args.count, args.seed, clean=args.clean,
                             progress=lambda n: print(f"\r{n}/{args.count}", end="", file=sys.stderr))  # fmt: skip
    except ScannerMissing as error:
        print(f"\nno set written: {error}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    gaps = [row for row in rows if row["not_on_page"]]
    fields = Counter(name.split("[")[0] for row in gaps for name in row["not_on_page"])
    print(
        f"\nwrote {len(rows)} documents to {args.out} in {seconds:.1f} s; {len(gaps)} with a truth value "
        f"not found in the OCR text layer (manifest.jsonl: not_on_page){': ' + repr(dict(fields)) if fields else ''}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
