"""Where offline extraction's time goes: a profile of ``extract_invoice`` alone, per-line caches emptied
before each document as `bench_extract.py` does.

Reading (``read_pdf``) is done once, untimed; one untimed pass compiles what is compiled once per process.
Then two views, printed, never pass/fail:

- ``--cprofile``: cProfile (process time) over ``--passes`` passes, the top functions by cumulative and by
  own time. Its per-call cost inflates functions called very often (the label look-ups): read it for the
  call tree, not the shares;
- default: each per-line cache (a bounded functools cache of at least ``LINE_CACHE_MIN_SIZE`` entries,
  the ones the bench empties) with its misses per pass (distinct texts it computed) and the process time
  spent computing them (what it calls included), against the pass's whole. Measured by a wrapper per
  cache, so the figures carry its own cost (about a microsecond a miss).

    .venv/bin/python evals/profile_extract.py [--data ../shared/data/invoices] [--passes 2] [--cprofile]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_extract import LINE_CACHE_MIN_SIZE, _forget_lines
from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf


def _line_caches() -> dict[tuple[str, str], Any]:
    """opsloop's per-line caches by (module, name): those `_forget_lines` empties."""
    found: dict[tuple[str, str], Any] = {}
    for name, module in list(sys.modules.items()):
        if name != "opsloop" and not name.startswith("opsloop."):
            continue
        for attr, value in list(vars(module).items()):
            if (
                isinstance(value, functools._lru_cache_wrapper)
                and getattr(value, "__module__", None) == name
                and (value.cache_parameters().get("maxsize") or 0) >= LINE_CACHE_MIN_SIZE
            ):
                found[(name, attr)] = value
    return found


def _timed_caches(spent: dict[tuple[str, str], list[float]]) -> None:
    """Put in each per-line cache's place (in every module that holds it) a cache of the same size over a
    wrapper that adds each miss's process time to ``spent``."""
    for key, cached in _line_caches().items():
        compute: Callable[..., Any] = cached.__wrapped__

        def timed(*args: Any, _key: tuple[str, str] = key, _compute: Callable[..., Any] = compute) -> Any:
            started = time.process_time()
            try:
                return _compute(*args)
            finally:
                entry = spent.setdefault(_key, [0.0, 0.0])
                entry[0] += time.process_time() - started
                entry[1] += 1

        replacement = functools.lru_cache(maxsize=cached.cache_parameters()["maxsize"])(timed)
        replacement.__module__ = key[0]  # (so that `_forget_lines` empties it as it did the original)
        for name, module in list(sys.modules.items()):
            if name == "opsloop" or name.startswith("opsloop."):
                for attr, value in list(vars(module).items()):
                    if value is cached:
                        setattr(module, attr, replacement)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/invoices"))
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--cprofile", action="store_true", help="cProfile's top functions instead.")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    files = sorted(args.data.glob("**/*.pdf"))
    if not files:
        print(f"skipped: no PDFs under {args.data}")
        return
    documents = [read_pdf(path.read_bytes(), attachments=False) for path in files]
    for document in documents:  # compiled once per process: not profiled
        _forget_lines()
        extract_invoice(document, text_only=True)
    profile = cProfile.Profile(time.process_time) if args.cprofile else None
    spent: dict[tuple[str, str], list[float]] = {}
    if profile is None:
        _timed_caches(spent)
    whole = 0.0
    for _ in range(args.passes):
        for document in documents:
            _forget_lines()
            started = time.process_time()
            if profile is not None:
                profile.enable()
            extract_invoice(document, text_only=True)
            if profile is not None:
                profile.disable()
            whole += time.process_time() - started
    print(f"files {len(files)}, passes {args.passes}, extracting {whole / args.passes:.3f} s CPU a pass")
    if profile is not None:
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        return
    print(f"{'per-line cache':44} {'misses/pass':>11} {'CPU/pass':>9} {'share':>6}")
    for (module, name), (seconds, misses) in sorted(spent.items(), key=lambda item: -item[1][0]):
        share = seconds / whole if whole else 0.0
        label = f"{module.removeprefix('opsloop.')}.{name}"
        print(f"{label:44} {misses / args.passes:11.0f} {seconds / args.passes:8.3f}s {share:6.1%}")
    print("(each cache's time holds the misses of the caches it calls: the shares overlap)")


if __name__ == "__main__":
    main()
