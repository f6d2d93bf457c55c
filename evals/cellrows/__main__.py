"""python -m evals.cellrows --out DIR --count N [--seed S]: write a set of item tables whose cells run over several lines (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.cellrows.dataset import DEFAULT_SEED, FontsMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.cellrows", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=FontsMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
