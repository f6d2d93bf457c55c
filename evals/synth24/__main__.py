"""python -m evals.synth24 --out DIR --count N [--seed S]: write a set of the twenty-fourth (development) generator: invoices as an accounts-payable clerk receives them in fifteen languages — en, de, fr, nl, es, it, pt, pl, sv, da, cs, ro, hu, fi, nb — with each country's conventions (legal mentions, tax and registry ids with valid check digits, national payment references and slips, a Swiss QR-bill, local number and date forms), drawn as PDFKit pages run by Node in twelve layouts (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth24.dataset import DEFAULT_SEED, PdfkitMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth24", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=PdfkitMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
