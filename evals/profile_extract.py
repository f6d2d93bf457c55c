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
  cache, so the figures carry its own cost (about a microsecond a miss);
- ``--replay``: the label look-ups and the word classes' quick tests, each call recorded over one pass
  and replayed alone in the same order (the per-line caches emptied where a document began), timed
  as one loop, so that no per-call wrapper or sampler inflates them: the look-ups as the rules ask
  them (their cache misses and hits), the hits alone (what asking again costs), the lines' indexes
  (`_line_index`) and the kinds' matching (`_find_labels`'s misses, the indexes ready) apart, and the
  quick tests. A sampling profiler's share of a function called 100,000 times a pass is not its cost:
  this is the ceiling of any change to that machinery;
- ``--gate-ceiling``: the most a perfect per-line gate could save. Every module-level rule of
  ``opsloop.extract`` that is asked about one line (its first parameter a line, a text or a cell, or a
  document's lines and a place in them) is wrapped; a call that finds nothing (None, False, 0, an empty
  text or collection; rules annotated to return None are left out) is one a gate that knew the answer
  could skip, with everything it called. The time of those calls, each counted once (the outermost such
  call: what an empty call called is inside it), against the pass's whole, both under the wrappers'
  cost (each call about a microsecond: read the share, not the seconds). A ceiling: a gate's own test
  costs something, and work an empty call did that a later rule reads from a cache is paid for then.
  ``--gate-scope document``: the same for the rule families asked about a whole document's lines (a
  gate on the document's trigger words).

    .venv/bin/python evals/profile_extract.py [--data ../shared/data/invoices] [--passes 2]
        [--cprofile | --replay | --gate-ceiling]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import inspect
import pkgutil
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_extract import LINE_CACHE_MIN_SIZE, _forget_lines
from opsloop.extract import extract_invoice
from opsloop.extract.rules import lexicon
from opsloop.ingest.readers.pdf import read_pdf

_LABEL_ENTRIES = ("find_labels", "labels_of", "any_label", "is_label_text", "is_column_header")
"""The label look-ups the rules call (`opsloop.extract.rules.lexicon`); one calling another is recorded
once, as the outer call."""


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


def _replace_everywhere(old: object, new: object) -> None:
    """Put ``new`` in ``old``'s place in every opsloop module that holds it."""
    for name, module in list(sys.modules.items()):
        if name == "opsloop" or name.startswith("opsloop."):
            for attr, value in list(vars(module).items()):
                if value is old:
                    setattr(module, attr, new)


def _record(
    documents: list[Any],
) -> tuple[list[list[Any]], list[list[Any]], list[list[str]], list[list[Any]]]:
    """One pass over ``documents``, recording per document: the label look-ups (name, arguments) as the
    rules called them, the quick tests (pattern, text, pos, endpos), the texts `_line_index` computed
    and the (kind, line) pairs `_find_labels` computed."""
    labels: list[list[Any]] = []
    tests: list[list[Any]] = []
    indexed: list[list[str]] = []
    matched: list[list[Any]] = []
    depth = [0]
    originals = {name: getattr(lexicon, name) for name in _LABEL_ENTRIES}

    def recorded(name: str, look_up: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            if depth[0] == 0:
                labels[-1].append((name, args))
            depth[0] += 1
            try:
                return look_up(*args)
            finally:
                depth[0] -= 1

        return call

    first_possible = lexicon.CaselessPattern._first_possible

    def test(self: lexicon.CaselessPattern, text: str, pos: int, endpos: int) -> int | None:
        tests[-1].append((self, text, pos, endpos))
        return first_possible(self, text, pos, endpos)

    line_index, find = lexicon._line_index, lexicon._find_labels

    def index(line: str) -> Any:
        indexed[-1].append(line)
        return line_index.__wrapped__(line)

    def match(kind: str, line: str) -> Any:
        matched[-1].append((kind, line))
        return find.__wrapped__(kind, line)

    replacements: dict[Any, Any] = {name: recorded(name, look_up) for name, look_up in originals.items()}
    index_cache = functools.lru_cache(maxsize=line_index.cache_parameters()["maxsize"])(index)
    match_cache = functools.lru_cache(maxsize=find.cache_parameters()["maxsize"])(match)
    index_cache.__module__ = match_cache.__module__ = lexicon.__name__  # (emptied as the originals are)
    for name, look_up in originals.items():
        _replace_everywhere(look_up, replacements[name])
    _replace_everywhere(line_index, index_cache)
    _replace_everywhere(find, match_cache)
    lexicon.CaselessPattern._first_possible = test  # type: ignore[method-assign]
    try:
        for document in documents:
            for log in (labels, tests, indexed, matched):
                log.append([])
            _forget_lines()
            for look_up in originals.values():  # (a cached look-up is out of its module while recorded)
                if isinstance(look_up, functools._lru_cache_wrapper):
                    look_up.cache_clear()
            extract_invoice(document, text_only=True)
    finally:
        lexicon.CaselessPattern._first_possible = first_possible  # type: ignore[method-assign]
        for name, look_up in originals.items():
            _replace_everywhere(replacements[name], look_up)
        _replace_everywhere(index_cache, line_index)
        _replace_everywhere(match_cache, find)
    return labels, tests, indexed, matched


_PER_LINE_FIRST = ("line", "text", "cell", "upper", "raw")
"""Names of a rule's first parameter that make it a question about one line (or one of its cells)."""
_PER_LINE_PLACE = ("pos", "index", "at", "start")
"""Names of the second parameter that, after ``lines``, make it a question about the line at a place."""
_EMPTY_TYPES = (bool, int, float, str, tuple, list, dict, set, frozenset)


def _per_line_rules(scope: str = "line") -> list[tuple[Any, str, Callable[..., Any]]]:
    """(module, name, function) of every module-level function of ``opsloop.extract`` asked about one
    line: its first parameter one of `_PER_LINE_FIRST`, or ``lines`` followed by one of
    `_PER_LINE_PLACE`; ``scope`` "document": those asked about a document's lines instead (``lines``
    first, no place after it: a rule family run over the whole document). Those annotated to return
    None (they act, they find nothing) left out."""
    import opsloop.extract as package

    found: list[tuple[Any, str, Callable[..., Any]]] = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        try:
            module = importlib.import_module(info.name)
        except Exception:  # (an optional dependency's module: no rule of the offline engine)
            continue
        for name, value in list(vars(module).items()):
            function = value.__wrapped__ if isinstance(value, functools._lru_cache_wrapper) else value
            if not inspect.isfunction(function) or function.__module__ != module.__name__:
                continue
            if function.__annotations__.get("return") in ("None", None):
                continue
            params = list(inspect.signature(function).parameters)
            at_place = len(params) > 1 and params[0] == "lines" and params[1] in _PER_LINE_PLACE
            if scope == "document":
                if params[:1] == ["lines"] and not at_place:
                    found.append((module, name, value))
            elif (params[:1] and params[0] in _PER_LINE_FIRST) or at_place:
                found.append((module, name, value))
    return found


def _wrapper_cost(
    wrap: Callable[[str, Callable[..., Any]], Callable[..., Any]], rounds: int = 200_000
) -> float:
    """The process time one call through ``wrap``'s wrapper adds (fastest of 5 runs of ``rounds`` calls
    of a function that does nothing, against the same calls made directly)."""

    def nothing(text: str) -> bool:
        return False

    through = wrap("(the wrapper's cost)", nothing)

    def run(call: Callable[[str], bool]) -> float:
        started = time.process_time()
        for _ in range(rounds):
            call("")
        return time.process_time() - started

    return max(0.0, min(run(through) for _ in range(5)) - min(run(nothing) for _ in range(5))) / rounds


def _gate_ceiling(documents: list[Any], passes: int, top: int, scope: str = "line") -> None:
    """Print `--gate-ceiling`'s figures: the time of the outermost per-line rule calls that found
    nothing, against the whole, per rule and in all; then both without the wrappers' own cost (the
    calls counted, times the cost of one measured alone)."""
    # per open call: [the time of the empty calls inside it, the wrapped calls inside it, those inside empty calls]
    frames: list[list[float]] = []
    # per rule: [its empty calls' time less the empty calls inside them, wrapped calls in those, empty calls, calls]
    empty: dict[str, list[float]] = {}

    def wrapped(label: str, rule: Callable[..., Any]) -> Callable[..., Any]:
        entry = empty.setdefault(label, [0.0, 0.0, 0.0, 0.0])

        def call(*args: Any, **kwargs: Any) -> Any:
            frames.append([0.0, 0.0, 0.0])
            started = time.process_time()
            try:
                result = rule(*args, **kwargs)
            finally:
                spent = time.process_time() - started
                inner, calls, inner_calls = frames.pop()
            entry[3] += 1
            outer = frames[-1]
            outer[1] += calls + 1
            if result is None or (not result and isinstance(result, _EMPTY_TYPES)):
                entry[0] += spent - inner  # (the empty calls inside it are counted there: once in all)
                entry[1] += calls + 1 - inner_calls
                entry[2] += 1
                outer[0] += spent
                outer[2] += calls + 1
            else:
                outer[0] += inner
                outer[2] += inner_calls
            return result

        return call

    frames.append([0.0, 0.0, 0.0])
    cost = _wrapper_cost(wrapped)
    frames.pop()
    empty.clear()
    replacements: dict[Any, Callable[..., Any]] = {}
    for module, name, value in _per_line_rules(scope):
        if value not in replacements:
            label = f"{module.__name__.removeprefix('opsloop.extract.')}.{name}"
            replacements[value] = wrapped(label, value)
    for old, new in replacements.items():
        _replace_everywhere(old, new)
    whole = wrapped_calls = 0.0
    try:
        for _ in range(passes):
            for document in documents:
                _forget_lines()
                frames.append([0.0, 0.0, 0.0])
                started = time.process_time()
                extract_invoice(document, text_only=True)
                whole += time.process_time() - started
                wrapped_calls += frames.pop()[1]
    finally:
        for old, new in replacements.items():
            _replace_everywhere(new, old)
    found = sum(entry[0] for entry in empty.values())
    found_calls = sum(entry[1] for entry in empty.values())
    bare, bare_found = whole - cost * wrapped_calls, found - cost * found_calls
    print(f"{scope} rules wrapped {len(replacements)}, {wrapped_calls / passes:.0f} calls a pass")
    print(f"extracting under the wrappers {whole / passes:.3f} s a pass; without them {bare / passes:.3f} s")
    print(f"  (one wrapper {cost * 1e6:.2f} µs, measured alone)")
    print(
        f"outermost calls that found nothing: {found / passes:.3f} s a pass ({found / whole:.1%}); "
        f"without the wrappers {bare_found / passes:.3f} s ({bare_found / bare:.1%} of extracting)"
    )
    print(f"{'rule (its outermost empty calls)':52} {'calls':>8} {'empty':>8} {'CPU/pass':>9} {'share':>6}")
    ranked = sorted(empty.items(), key=lambda item: -(item[1][0] - cost * item[1][1]))
    for label, (seconds, inside, count, calls) in ranked[:top]:
        own = seconds - cost * inside
        print(
            f"{label:52} {calls / passes:8.0f} {count / passes:8.0f} {own / passes:8.3f}s {own / bare:6.1%}"
        )
    print("(a rule's time: its empty calls less the empty calls inside them, wrappers' cost taken off)")


def _fastest(run: Callable[[], float], rounds: int = 5) -> float:
    return min(run() for _ in range(rounds))


def _replayed(documents: list[Any], whole: float) -> None:
    """`--replay`: the label look-ups' and the quick tests' CPU per pass, each replayed alone."""
    labels, tests, indexed, matched = _record(documents)
    look_ups = {name: getattr(lexicon, name) for name in _LABEL_ENTRIES}
    first_possible = lexicon.CaselessPattern._first_possible

    def asked() -> float:  # as the rules asked: misses and hits, caches emptied per document
        spent = 0.0
        for calls in labels:
            _forget_lines()
            started = time.process_time()
            for name, args in calls:
                look_ups[name](*args)
            spent += time.process_time() - started
        return spent

    def asked_again() -> float:  # the same calls once more, every answer cached: the hits' cost
        spent = 0.0
        for calls in labels:
            _forget_lines()
            for name, args in calls:
                look_ups[name](*args)
            started = time.process_time()
            for name, args in calls:
                look_ups[name](*args)
            spent += time.process_time() - started
        return spent

    def indexes() -> float:
        compute = lexicon._line_index.__wrapped__
        started = time.process_time()
        for lines in indexed:
            for line in lines:
                compute(line)
        return time.process_time() - started

    def matching() -> float:  # `_find_labels`'s misses, each line's index ready (not timed)
        compute = lexicon._find_labels.__wrapped__
        spent = 0.0
        for pairs in matched:
            _forget_lines()
            for _, line in pairs:
                lexicon._line_index(line)
            started = time.process_time()
            for kind, line in pairs:
                compute(kind, line)
            spent += time.process_time() - started
        return spent

    def quick_tests() -> float:
        spent = 0.0
        for calls in tests:
            _forget_lines()
            started = time.process_time()
            for pattern, text, pos, endpos in calls:
                first_possible(pattern, text, pos, endpos)
            spent += time.process_time() - started
        return spent

    def count(log: list[list[Any]]) -> int:
        return sum(len(calls) for calls in log)

    rows = [
        ("label look-ups as asked (misses and hits)", count(labels), _fastest(asked)),
        ("  the same asked again (hits only)", count(labels), _fastest(asked_again)),
        ("  lines' label indexes (_line_index)", count(indexed), _fastest(indexes)),
        ("  kinds matched on a line (_find_labels)", count(matched), _fastest(matching)),
        ("word classes' quick tests", count(tests), _fastest(quick_tests)),
    ]
    print(f"{'replayed alone (fastest of 5)':44} {'calls/pass':>11} {'CPU/pass':>9} {'share':>6}")
    for label, calls, seconds in rows:
        print(f"{label:44} {calls:11d} {seconds:8.3f}s {seconds / whole:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/invoices"))
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--cprofile", action="store_true", help="cProfile's top functions instead.")
    parser.add_argument(
        "--replay", action="store_true", help="The label look-ups and quick tests replayed alone instead."
    )
    parser.add_argument(
        "--gate-ceiling", action="store_true", help="The most a perfect per-line gate could save instead."
    )
    parser.add_argument(
        "--gate-scope",
        choices=("line", "document"),
        default="line",
        help="--gate-ceiling: rules asked about one line, or rule families asked about a document's lines.",
    )
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
    if args.gate_ceiling:
        _gate_ceiling(documents, args.passes, args.top, args.gate_scope)
        return
    profile = cProfile.Profile(time.process_time) if args.cprofile else None
    spent: dict[tuple[str, str], list[float]] = {}
    if profile is None and not args.replay:
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
    if args.replay:
        _replayed(documents, whole / args.passes)
        return
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
