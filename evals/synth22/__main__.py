"""python -m evals.synth22 --out DIR --count N [--seed S]: write a set of the twenty-second (development) generator: invoices in fourteen languages (en, de, fr, nl, es, it, pt, pl, sv, da, cs, fi, hu, ro) drawn with fpdf2 — a packing slip and invoice on one sheet, hours and rates, prices per 100 / 1000, a collective invoice over delivery notes, decimal quantities with units, a foreign currency with the VAT in the home currency, a seller only in the logo line and bank footer, labels under values, totals on page two, a cash discount (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth22.dataset import DEFAULT_SEED, FontsMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth22", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=FontsMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
