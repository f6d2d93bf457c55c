"""python -m evals.synth17 --out DIR --count N [--seed S]: write a set of the seventeenth (development) generator: small businesses' HTML invoices in eleven languages printed by headless Chromium (see dataset.py)."""

from __future__ import annotations

from evals._generator import cli
from evals.synth17.dataset import DEFAULT_SEED, ChromiumMissing, write_dataset

OPTIONS = {
    "--keep-html": ("keep_source", {"action": "store_true", "help": "keep each page's HTML beside its PDF"})
}


def main(argv: list[str] | None = None) -> int:
    return cli(argv, prog="python -m evals.synth17", doc=__doc__, default_seed=DEFAULT_SEED, write=write_dataset,
               refusal=ChromiumMissing, options=OPTIONS)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
