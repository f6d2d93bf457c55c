"""python -m evals.invoices: the strict invoice extraction eval (see run.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.invoices.misses import classify_misses, write_miss_classes
from evals.invoices.run import DEFAULT_DATA, DEFAULT_REPORT, print_results, run_invoice_eval, write_report

SYNTH_CACHE = Path("var/evals/synth")
DEFAULT_SYNTH_SEED = 101
HELDOUT_CACHE = Path("var/evals/synth2")
DEFAULT_HELDOUT_SEED = 2025
HELDOUT2_CACHE = Path("var/evals/synth3")
DEFAULT_HELDOUT2_SEED = 3031
HELDOUT3_CACHE = Path("var/evals/synth4")
DEFAULT_HELDOUT3_SEED = 4049
HELDOUT4_CACHE = Path("var/evals/synth5")
DEFAULT_HELDOUT4_SEED = 5051
HELDOUT5_CACHE = Path("var/evals/synth6")
DEFAULT_HELDOUT5_SEED = 6067
SYNTH7_CACHE = Path("var/evals/synth7")
DEFAULT_SYNTH7_SEED = 7079
SYNTH8_CACHE = Path("var/evals/synth8")
DEFAULT_SYNTH8_SEED = 8089


def generated_set(count: int, seed: int = DEFAULT_SYNTH_SEED, fmt: str = "pdf") -> Path:
    """The generated set for (count, seed, format), written once under var/evals/synth."""
    from evals.synth.generate import write_dataset

    folder = SYNTH_CACHE / f"{fmt}-s{seed}-n{count}"
    if not (folder / "manifest.jsonl").is_file():
        print(f"generating {count} invoices (seed {seed}, {fmt}) into {folder} …", file=sys.stderr)
        write_dataset(folder, count, seed, fmt=fmt)
    return folder


def heldout_set(count: int, seed: int = DEFAULT_HELDOUT_SEED) -> Path | None:
    """The held-out set (second generator) for (count, seed), written once under var/evals/synth2; None
    (with a line saying why) when it cannot be written here: it needs headless Chromium."""
    from evals.synth2.browser import BrowserError, find_chromium

    folder = HELDOUT_CACHE / f"pdf-s{seed}-n{count}"
    if (folder / "manifest.jsonl").is_file():
        return folder
    if find_chromium() is None:
        print("heldout: skipped — no Chromium to print the held-out set (install chromium or set "
              "OPSLOOP_SYNTH2_CHROMIUM)", file=sys.stderr)  # fmt: skip
        return None
    from evals.synth2.dataset import write_dataset

    return _write_set("heldout", "evals/synth2", folder, count, seed, write_dataset, BrowserError)


def _write_set(
    source: str,
    generator: str,
    folder: Path,
    count: int,
    seed: int,
    write: Callable[[Path, int, int], list[dict[str, Any]]],
    refusal: type[Exception],
) -> Path | None:
    """A held-out generator's set written into `folder` (None, with a line saying why, when the
    generator refuses: no browser, fonts or compiler here), and a line for documents whose truth the
    text layer does not show."""
    print(f"generating {count} held-out invoices ({generator}, seed {seed}) into {folder} …", file=sys.stderr)
    try:
        rows = write(folder, count, seed)
    except refusal as error:
        print(f"{source}: skipped — {error}", file=sys.stderr)
        return None
    gaps = sum(1 for row in rows if row["not_on_page"])
    if gaps:
        print(f"{source}: {gaps} documents print a truth value the text layer does not show "
              f"({folder / 'manifest.jsonl'}: not_on_page)", file=sys.stderr)  # fmt: skip
    return folder


def heldout2_set(count: int, seed: int = DEFAULT_HELDOUT2_SEED) -> Path | None:
    """The third generator's set (evals/synth3, ReportLab; tuned on since its misses were read), written once
    under var/evals/synth3 (the folder name carries the generator's fingerprint, so a changed generator
    writes a new set); None (with a line saying why) when it cannot be written here."""
    from evals.synth3.sheet import FontsMissing

    try:
        from evals.synth3.dataset import fingerprint, write_dataset
    except ImportError as error:  # reportlab is a dev dependency
        print(f"heldout2: skipped — {error} (pip install -e '.[dev]')", file=sys.stderr)
        return None
    folder = HELDOUT2_CACHE / f"pdf-s{seed}-n{count}-{fingerprint()}"
    if (folder / "manifest.jsonl").is_file():
        return folder
    return _write_set("heldout2", "evals/synth3", folder, count, seed, write_dataset, FontsMissing)


def heldout3_set(count: int, seed: int = DEFAULT_HELDOUT3_SEED) -> Path | None:
    """The final held-out set (fourth generator, evals/synth4, Typst) for (count, seed), written once under
    var/evals/synth4 (the folder name carries the generator's fingerprint, so a changed generator writes
    a new set); None (with a line saying why) when it cannot be written here."""
    from evals.synth4.dataset import TypstMissing, fingerprint, write_dataset

    folder = HELDOUT3_CACHE / f"pdf-s{seed}-n{count}-{fingerprint()}"
    if (folder / "manifest.jsonl").is_file():
        return folder
    return _write_set("heldout3", "evals/synth4", folder, count, seed, write_dataset, TypstMissing)


def heldout4_set(count: int, seed: int = DEFAULT_HELDOUT4_SEED) -> Path | None:
    """The fifth generator's set (evals/synth5, WeasyPrint; the held-out source now) for (count, seed), written
    once under var/evals/synth5 (the folder name carries the generator's fingerprint, so a changed generator
    writes a new set); None (with a line saying why) when it cannot be written here."""
    from evals.synth5.dataset import WeasyPrintMissing, fingerprint, write_dataset

    folder = HELDOUT4_CACHE / f"pdf-s{seed}-n{count}-{fingerprint()}"
    if (folder / "manifest.jsonl").is_file():
        return folder
    return _write_set("heldout4", "evals/synth5", folder, count, seed, write_dataset, WeasyPrintMissing)


def heldout5_set(count: int, seed: int = DEFAULT_HELDOUT5_SEED) -> Path | None:
    """The sixth generator's set (evals/synth6, LibreOffice; the held-out source now) for (count, seed), written
    once under var/evals/synth6 (the folder name carries the generator's fingerprint, so a changed generator
    writes a new set); None (with a line saying why) when it cannot be written here."""
    from evals.synth6.dataset import LibreOfficeMissing, fingerprint, write_dataset

    folder = HELDOUT5_CACHE / f"pdf-s{seed}-n{count}-{fingerprint()}"
    if (folder / "manifest.jsonl").is_file():
        return folder
    return _write_set("heldout5", "evals/synth6", folder, count, seed, write_dataset, LibreOfficeMissing)


def synth7_set(count: int, seed: int = DEFAULT_SYNTH7_SEED) -> Path | None:
    """The seventh generator's set (evals/synth7, LibreOffice from odfpy; a development source) for (count, seed),
    written once under var/evals/synth7 (the folder name carries the generator's fingerprint, so a changed
    generator writes a new set); None (with a line saying why) when it cannot be written here."""
    try:
        from evals.synth7.dataset import LibreOfficeMissing, fingerprint, write_dataset
    except ImportError as error:  # odfpy is a dev dependency
        print(f"synth7: skipped — {error} (pip install -e '.[dev]')", file=sys.stderr)
        return None
    folder = SYNTH7_CACHE / f"pdf-s{seed}-n{count}-{fingerprint()}"
    if (folder / "manifest.jsonl").is_file():
        return folder
    return _write_set("synth7", "evals/synth7", folder, count, seed, write_dataset, LibreOfficeMissing)


def synth8_set(count: int, seed: int = DEFAULT_SYNTH8_SEED) -> Path | None:
    """The eighth generator's set (evals/synth8, Typst with system fonts; party presentation as factors; a
    development source) for (count, seed), written once under var/evals/synth8 (the folder name carries the
    generator's fingerprint, so a changed generator writes a new set); None (with a line saying why) when
    it cannot be written here."""
    from evals.synth8.dataset import TypstMissing, fingerprint, write_dataset

    folder = SYNTH8_CACHE / f"pdf-s{seed}-n{count}-{fingerprint()}"
    if (folder / "manifest.jsonl").is_file():
        return folder
    return _write_set("synth8", "evals/synth8", folder, count, seed, write_dataset, TypstMissing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.invoices", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--synth", type=Path, action="append", default=[], help="a generated set's folder")
    parser.add_argument(
        "--generate", type=int, default=0, help="also generate and score N invoices (seed 101)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SYNTH_SEED)
    parser.add_argument("--heldout", type=Path, action="append", default=[],
                        help="a held-out set's folder (python -m evals.synth2); never tune on it")  # fmt: skip
    parser.add_argument("--generate-heldout", type=int, default=0,
                        help=f"also generate (evals/synth2, needs Chromium) and score N held-out invoices "
                             f"(seed {DEFAULT_HELDOUT_SEED})")  # fmt: skip
    parser.add_argument("--heldout-seed", type=int, default=DEFAULT_HELDOUT_SEED)
    parser.add_argument("--heldout2", type=Path, action="append", default=[],
                        help="a set of the third generator (python -m evals.synth3); tuned on since its misses were read")  # fmt: skip
    parser.add_argument("--generate-heldout2", type=int, default=0,
                        help=f"also generate (evals/synth3, ReportLab) and score N invoices of the third generator "
                             f"(seed {DEFAULT_HELDOUT2_SEED})")  # fmt: skip
    parser.add_argument("--heldout2-seed", type=int, default=DEFAULT_HELDOUT2_SEED)
    parser.add_argument("--heldout3", type=Path, action="append", default=[],
                        help="a set of the fourth generator (python -m evals.synth4); tuned on since its misses were read")  # fmt: skip
    parser.add_argument("--generate-heldout3", type=int, default=0,
                        help=f"also generate (evals/synth4, Typst) and score N invoices of the fourth generator "
                             f"(seed {DEFAULT_HELDOUT3_SEED})")  # fmt: skip
    parser.add_argument("--heldout3-seed", type=int, default=DEFAULT_HELDOUT3_SEED)
    parser.add_argument("--heldout4", type=Path, action="append", default=[],
                        help="a set of the fifth generator (python -m evals.synth5); held out until session 8, tuned on since")  # fmt: skip
    parser.add_argument("--generate-heldout4", type=int, default=0,
                        help=f"also generate (evals/synth5, WeasyPrint) and score N invoices of the fifth generator "
                             f"(seed {DEFAULT_HELDOUT4_SEED})")  # fmt: skip
    parser.add_argument("--heldout4-seed", type=int, default=DEFAULT_HELDOUT4_SEED)
    parser.add_argument("--heldout5", type=Path, action="append", default=[],
                        help="a set of the sixth generator (python -m evals.synth6); the held-out source: never tune on it")  # fmt: skip
    parser.add_argument("--generate-heldout5", type=int, default=0,
                        help=f"also generate (evals/synth6, LibreOffice) and score N documents of the sixth generator "
                             f"(seed {DEFAULT_HELDOUT5_SEED})")  # fmt: skip
    parser.add_argument("--heldout5-seed", type=int, default=DEFAULT_HELDOUT5_SEED)
    parser.add_argument("--synth7", type=Path, action="append", default=[],
                        help="a set of the seventh generator (python -m evals.synth7); a development source")  # fmt: skip
    parser.add_argument("--generate-synth7", type=int, default=0,
                        help=f"also generate (evals/synth7, LibreOffice from odfpy) and score N documents of the "
                             f"seventh generator (seed {DEFAULT_SYNTH7_SEED})")  # fmt: skip
    parser.add_argument("--synth7-seed", type=int, default=DEFAULT_SYNTH7_SEED)
    parser.add_argument("--synth8", type=Path, action="append", default=[],
                        help="a set of the eighth generator (python -m evals.synth8); a development source")  # fmt: skip
    parser.add_argument("--generate-synth8", type=int, default=0,
                        help=f"also generate (evals/synth8, Typst; sellers and buyers presented in many ways) and score "
                             f"N documents of the eighth generator (seed {DEFAULT_SYNTH8_SEED})")  # fmt: skip
    parser.add_argument("--synth8-seed", type=int, default=DEFAULT_SYNTH8_SEED)
    parser.add_argument("--heldout-misses", action="store_true",
                        help="list the held-out sets' misses in the report (default: counted only)")  # fmt: skip
    parser.add_argument(
        "--sources",
        default=None,
        help="comma list: invoice2data,zugferd,sroie,synth,synth7,synth8,heldout,heldout2,heldout3,heldout4,heldout5",
    )
    parser.add_argument("--text-only", action="store_true", help="ZUGFeRD: skip the embedded-XML mode")
    parser.add_argument("--sroie-limit", type=int, default=None)
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--misses", type=Path, default=Path("evals/reports/invoice_miss_classes.json"))
    args = parser.parse_args(argv)
    synth = list(args.synth)
    if args.generate:
        synth.append(generated_set(args.generate, args.seed))
    heldout = list(args.heldout)
    if args.generate_heldout:
        folder = heldout_set(args.generate_heldout, args.heldout_seed)
        if folder is not None:
            heldout.append(folder)
    heldout2 = list(args.heldout2)
    if args.generate_heldout2:
        folder = heldout2_set(args.generate_heldout2, args.heldout2_seed)
        if folder is not None:
            heldout2.append(folder)
    heldout3 = list(args.heldout3)
    if args.generate_heldout3:
        folder = heldout3_set(args.generate_heldout3, args.heldout3_seed)
        if folder is not None:
            heldout3.append(folder)
    heldout4 = list(args.heldout4)
    if args.generate_heldout4:
        folder = heldout4_set(args.generate_heldout4, args.heldout4_seed)
        if folder is not None:
            heldout4.append(folder)
    heldout5 = list(args.heldout5)
    if args.generate_heldout5:
        folder = heldout5_set(args.generate_heldout5, args.heldout5_seed)
        if folder is not None:
            heldout5.append(folder)
    synth7 = list(args.synth7)
    if args.generate_synth7:
        folder = synth7_set(args.generate_synth7, args.synth7_seed)
        if folder is not None:
            synth7.append(folder)
    synth8 = list(args.synth8)
    if args.generate_synth8:
        folder = synth8_set(args.generate_synth8, args.synth8_seed)
        if folder is not None:
            synth8.append(folder)
    missing = [
        str(p)
        for p in [*synth, *heldout, *heldout2, *heldout3, *heldout4, *heldout5, *synth7, *synth8]
        if not p.is_dir()
    ]
    if missing:
        print(
            f"no generated set at {', '.join(missing)} (python -m evals.synth.generate / evals.synth2 / evals.synth3 / evals.synth4 / evals.synth5 / evals.synth6 / evals.synth7 / evals.synth8 --out DIR)",
            file=sys.stderr,
        )
        return 2
    results = run_invoice_eval(
        args.data,
        synth=synth,
        heldout=heldout,
        heldout2=heldout2,
        heldout3=heldout3,
        heldout4=heldout4,
        heldout5=heldout5,
        synth7=synth7,
        synth8=synth8,
        heldout_misses=args.heldout_misses,
        modes=("text-only",) if args.text_only else ("embedded", "text-only"),
        sources=args.sources.split(",") if args.sources else None,
        sroie_limit=args.sroie_limit,
        progress=lambda what: print(f"scoring {what} …", file=sys.stderr),
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
