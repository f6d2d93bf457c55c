"""python -m evals.synth18 --out DIR --count N [--seed S]: write a set of the eighteenth (development) generator: invoices in nine languages (de, fr, nl, es, nb, hr, sk, bg, en-GB) drawn with ReportLab's canvas and tables (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth18.dataset import DEFAULT_SEED, FontsMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth18", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=FontsMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
