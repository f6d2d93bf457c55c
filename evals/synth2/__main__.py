"""python -m evals.synth2 --out DIR --count N --seed S: write a held-out invoice set (see dataset.py)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from evals.synth2.browser import BrowserError
from evals.synth2.dataset import write_dataset
from evals.synth2.knowledge import locale_countries
from evals.synth2.scenario import TEMPLATES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.synth2", description=__doc__.split(":")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--templates", default="", help=f"comma list of {', '.join(sorted(TEMPLATES))}")
    parser.add_argument(
        "--locales", default="", help=f"comma list of {', '.join(sorted(locale_countries()))}"
    )
    parser.add_argument("--keep-html", action="store_true", help="also keep each document's HTML")
    parser.add_argument(
        "--chromium", default=None, help="the Chromium binary (default: found on this machine)"
    )
    args = parser.parse_args(argv)
    templates = tuple(t for t in args.templates.split(",") if t)
    locales = tuple(x for x in args.locales.split(",") if x)
    unknown = [t for t in templates if t not in TEMPLATES] + [
        x for x in locales if x not in locale_countries()
    ]
    if unknown or args.count < 1:
        print(
            f"unknown template or locale: {', '.join(unknown)}" if unknown else "--count must be >= 1",
            file=sys.stderr,
        )
        return 2
    countries = tuple(locale_countries()[x] for x in locales) or None
    started = time.perf_counter()
    try:
        rows = write_dataset(args.out, args.count, args.seed, templates=templates or None, countries=countries,
                             keep_html=args.keep_html, chromium=args.chromium,
                             progress=lambda n: print(f"\r{n}/{args.count}", end="", file=sys.stderr))  # fmt: skip
    except (BrowserError, ValueError) as error:
        print(f"\nno set written: {error}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    gaps = [row for row in rows if row["not_on_page"]]
    print(f"\nwrote {len(rows)} invoices to {args.out} in {seconds:.0f} s ({seconds / len(rows):.2f} s each); "
          f"{len(gaps)} with a truth value not found in the text layer (manifest.jsonl: not_on_page)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
