"""python -m evals.synth14 --out DIR --count N [--seed S]: write a set of the fourteenth (development) generator: bills and statements from a document-composition system (hand-written PostScript, Ghostscript) (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth14.dataset import DEFAULT_SEED, GhostscriptMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth14", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=GhostscriptMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
