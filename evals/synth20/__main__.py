"""python -m evals.synth20 --out DIR --count N [--seed S]: write a set of the twentieth (development) generator: invoices small businesses make in office software (.xlsx by openpyxl, .docx by python-docx) printed to PDF by LibreOffice, in eleven languages (en, de, fr, nl, es, it, pt, pl, sv, da, cs; see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth20.dataset import DEFAULT_SEED, LibreOfficeMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth20", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=LibreOfficeMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
