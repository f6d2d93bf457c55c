"""python -m evals.synth13 --out DIR --count N [--seed S]: write a set of the thirteenth (development) generator: invoices typed into a word processor's template (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth13.dataset import DEFAULT_SEED, LibreOfficeMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth13", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=LibreOfficeMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
