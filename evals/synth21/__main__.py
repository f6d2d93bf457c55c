"""python -m evals.synth21 --out DIR --count N [--seed S]: write a set of the twenty-first (development) generator: invoices in eleven languages (en, de, fr, nl, es, it, pt, pl, sv, da, cs) typeset with LaTeX — KOMA-Script letters, tabularx, minipage headers, multi-page lists carried forward, credit notes, hours, small capitals (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth21.dataset import DEFAULT_SEED, TexMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth21", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=TexMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
