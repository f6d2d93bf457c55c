"""python -m evals.invoices: the strict invoice extraction eval (see run.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evals.invoices.generators import BY_KEY, GENERATORS
from evals.invoices.misses import classify_misses, write_miss_classes
from evals.invoices.run import DEFAULT_DATA, DEFAULT_REPORT, print_results, run_invoice_eval, write_report

SYNTH_CACHE = Path("var/evals/synth")
DEFAULT_SYNTH_SEED = 101


def generated_set(count: int, seed: int = DEFAULT_SYNTH_SEED, fmt: str = "pdf") -> Path:
    """The generated set for (count, seed, format), written once under var/evals/synth."""
    from evals.synth.generate import write_dataset

    folder = SYNTH_CACHE / f"{fmt}-s{seed}-n{count}"
    if not (folder / "manifest.jsonl").is_file():
        print(f"generating {count} invoices (seed {seed}, {fmt}) into {folder} …", file=sys.stderr)
        write_dataset(folder, count, seed, fmt=fmt)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.invoices", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--synth", type=Path, action="append", default=[], help="a generated set's folder")
    parser.add_argument(
        "--generate", type=int, default=0, help="also generate and score N invoices (seed 101)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SYNTH_SEED)
    for generator in GENERATORS:
        key = generator.key
        parser.add_argument(f"--{key}", type=Path, action="append", default=[], help=generator.describe())
        parser.add_argument(f"--generate-{key}", type=int, default=0, metavar="N",
                            help=f"also generate and score N documents of it (seed {generator.seed})")  # fmt: skip
        parser.add_argument(f"--{key}-seed", type=int, default=generator.seed)
    parser.add_argument("--heldout-misses", action="store_true",
                        help="list the held-out sets' misses in the report (default: counted only)")  # fmt: skip
    parser.add_argument(
        "--sources",
        default=None,
        help=f"comma list: invoice2data,zugferd,sroie,synth,{','.join(BY_KEY)}",
    )
    parser.add_argument("--text-only", action="store_true", help="ZUGFeRD: skip the embedded-XML mode")
    parser.add_argument("--sroie-limit", type=int, default=None)
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--misses", type=Path, default=Path("evals/reports/invoice_miss_classes.json"))
    args = parser.parse_args(argv)
    synth = list(args.synth)
    if args.generate:
        synth.append(generated_set(args.generate, args.seed))
    generated: dict[str, list[Path]] = {}
    for generator in GENERATORS:
        option = generator.key.replace("-", "_")
        folders = generated[generator.key] = list(getattr(args, option))
        count = getattr(args, f"generate_{option}")
        if count:
            folder = generator.write_set(count, getattr(args, f"{option}_seed"))
            if folder is not None:
                folders.append(folder)
    missing = [
        str(p) for p in [*synth, *(f for folders in generated.values() for f in folders)] if not p.is_dir()
    ]
    if missing:
        print(f"no generated set at {', '.join(missing)} (python -m evals.synth.generate / "
              f"{' / '.join(g.package for g in GENERATORS)} --out DIR)", file=sys.stderr)  # fmt: skip
        return 2
    results = run_invoice_eval(
        args.data,
        synth=synth,
        heldout_misses=args.heldout_misses,
        modes=("text-only",) if args.text_only else ("embedded", "text-only"),
        sources=args.sources.split(",") if args.sources else None,
        sroie_limit=args.sroie_limit,
        progress=lambda what: print(f"scoring {what} …", file=sys.stderr),
        **generated,
    )
    if results is None:
        print(f"skipped: no evaluation data at {args.data} and no generated set", file=sys.stderr)
        return 0
    print_results(results)
    print(f"report: {write_report(results, args.report)}")
    classes = classify_misses(results)
    if classes:
        print(f"miss classes: {write_miss_classes(classes, args.misses)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
