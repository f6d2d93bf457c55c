"""python -m evals.synth25 --out DIR --count N [--seed S]: write a set of the twenty-fifth (development) generator: small businesses' invoices in eleven languages (en, de, fr, nl, es, it, pt, pl, sv, da, cs) typeset by LuaLaTeX with OpenType fonts — thirteen layouts (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth25.dataset import DEFAULT_SEED, LuaTexMissing, write_dataset


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth25", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=LuaTexMissing)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
