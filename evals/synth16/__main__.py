"""python -m evals.synth16 --out DIR --count N [--seed S] [--clean DIR]: write a set of the sixteenth (development) generator: other generators' documents scanned and read by Tesseract, a page image with an invisible OCR text layer (see dataset.py)."""

from __future__ import annotations

from pathlib import Path

from evals._generator import cli
from evals.synth16.dataset import DEFAULT_SEED, ScannerMissing, write_dataset

OPTIONS = {
    "--clean": (
        "clean",
        {"type": Path, "help": "also write the same documents unscanned (the source PDFs) here"},
    )
}


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth16", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=ScannerMissing, options=OPTIONS, layer="OCR text layer")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
