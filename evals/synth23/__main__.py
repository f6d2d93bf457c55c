"""python -m evals.synth23 --out DIR --count N [--seed S]: write a set of the twenty-third (development) generator: invoices in fourteen languages we had hardly printed — Russian, Ukrainian, Bulgarian, Greek, Estonian, Latvian, Lithuanian, Slovenian, Slovak, Croatian, Catalan, Icelandic, Malay and Turkish — laid out in HTML and CSS and printed by WeasyPrint: one column, a two-column header, labels under values, a boxed grid, a letterhead with the company's data in the footer, a statement of deliveries, a bilingual form, a narrow receipt, a payment box above the title (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth23.dataset import DEFAULT_SEED, WeasyPrintMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth23", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=WeasyPrintMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
