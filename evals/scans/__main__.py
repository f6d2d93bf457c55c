"""python -m evals.scans --out DIR --count N [--seed S] [--langs es,it,pt,pl,sv,da,cs] [--clean DIR]: write a set of image-only scans (no text layer: opsloop's own OCR reads them) of evals/synth14's and evals/synth5's documents in the languages asked for (see dataset.py)."""

from __future__ import annotations

from pathlib import Path

from evals._generator import cli
from evals.scans.dataset import DEFAULT_LANGS, DEFAULT_SEED, ScannerMissing, write_dataset

OPTIONS = {
    "--langs": (
        "langs",
        {
            "type": lambda text: tuple(part.strip() for part in text.split(",") if part.strip()),
            "default": DEFAULT_LANGS,
            "help": f"document languages, comma-separated (default {','.join(DEFAULT_LANGS)})",
        },
    ),
    "--clean": (
        "clean",
        {"type": Path, "help": "also write the same documents unscanned (the source PDFs) here"},
    ),
}


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.scans", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=ScannerMissing, options=OPTIONS, layer="page images (no text layer)")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
