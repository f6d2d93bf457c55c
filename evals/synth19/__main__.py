"""python -m evals.synth19 --out DIR --count N [--seed S]: write a set of the nineteenth (development) generator: invoices in eleven languages (en, de, fr, nl, es, it, pt, pl, sv, da, cs) typeset with Typst (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth19.dataset import DEFAULT_SEED, TypstMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth19", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=TypstMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
