"""python -m evals.parties --out DIR --count N [--seed S]: write a set of invoices whose party blocks take the forms real invoices print (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.parties.dataset import DEFAULT_SEED, WriterMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.parties", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=WriterMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
