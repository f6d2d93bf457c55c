"""What the invoice generators (evals/synth12 … evals/synth16) share around their own knowledge: the command
line (``python -m evals.synthNN --out DIR --count N [--seed S]``), the fingerprint that names a cached set,
the (layout, language) draw, the ``not_on_page`` check, and writing truths and the manifest.

Each generator keeps what makes it itself — its words, data, layouts and printer — in its own package and
calls these pure functions; a generator's fingerprint covers this module too, so a change here writes its
sets anew.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from evals.synth5.dataset import NAMES, page_text, squeeze  # the PDFium text-layer check the generators share

__all__ = ["cli", "fingerprint", "manifest_row", "not_on_page", "page_text", "plan", "write_manifest",
           "write_truth"]  # fmt: skip

EVALS = Path(__file__).parent
"""The folder that holds the generator packages."""


def fingerprint(*packages: str, borrowed: Iterable[str] = ()) -> str:
    """Eight hex digits over the code that writes a set — every ``*.py`` of the named packages (folders of
    evals/), the ``borrowed`` files (paths under evals/) and this module: a cached set is reused only when
    this very code wrote it."""
    files = [
        (f"{name}/{path.name}", path) for name in packages for path in sorted((EVALS / name).glob("*.py"))
    ]
    files += [(name, EVALS / name) for name in borrowed]
    files.append((Path(__file__).name, Path(__file__)))
    digest = hashlib.sha256()
    for label, path in files:
        digest.update(label.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def plan(
    generator: str, count: int, seed: int, layouts: Iterable[str], tags: Sequence[str]
) -> list[tuple[str, str]]:
    """(layout, language) per document: the layouts in an order drawn from ``generator:seed:plan``, the
    languages shifted by one on each pass, so every pair comes up once count reaches layouts x languages."""
    rng = random.Random(f"{generator}:{seed}:plan")
    names = sorted(layouts)
    order = rng.sample(names, len(names))
    langs = rng.sample(tags, len(tags))
    out = []
    for i in range(count):
        turn, slot = divmod(i, len(order))
        out.append((order[slot], langs[(slot + turn) % len(langs)]))
    return out


def not_on_page(printed: Mapping[str, Sequence[str]], text: str) -> list[str]:
    """The scored truths none of whose printed forms (``printed``: name → the strings any one of which will
    do) is in ``text``: blanks ignored, names (vendor, buyer) in any case — a page may set them in capitals."""
    page = squeeze(text)
    folded = page.casefold()
    return [
        name
        for name, options in printed.items()
        if not any(squeeze(o) in page or (name in NAMES and squeeze(o).casefold() in folded) for o in options)
    ]


def write_truth(out: Path, item: str, record: Mapping[str, Any]) -> str:
    """Write ``<item>.json`` (the truth record, one-space indented, UTF-8) into ``out``; returns its text."""
    text = json.dumps(record, indent=1, ensure_ascii=False) + "\n"
    (out / f"{item}.json").write_text(text, "utf-8")
    return text


def manifest_row(
    item: str,
    *,
    locale: str,
    layout: str,
    kind: str,
    factors: Mapping[str, str],
    missing: list[str],
    implied: list[str],
    credit_note: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    """One manifest row: the document ``<item>.pdf``, how it was made, and the scored truths its text layer
    does not show (``not_on_page``) or that the page implies without printing (``implied``); ``extra`` keys
    stand after the factors."""
    return {"id": item, "document": f"{item}.pdf", "locale": locale, "layout": layout, "kind": kind,
            "format": "pdf", "credit_note": credit_note, "factors": dict(factors), **extra,
            "not_on_page": missing, "implied": implied}  # fmt: skip


def write_manifest(out: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    """Write ``manifest.jsonl`` into ``out``: one JSON row a line."""
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def cli(
    argv: list[str] | None,
    *,
    prog: str,
    doc: str | None,
    default_seed: int,
    write: Callable[..., list[dict[str, Any]]],
    refusal: type[Exception],
    options: Mapping[str, tuple[str, dict[str, Any]]] | None = None,
    layer: str = "text layer",
) -> int:
    """A generator's command line: ``--out DIR --count N [--seed S]`` plus ``options`` (flag → (the keyword
    of ``write`` it sets, argparse's keywords)); calls ``write(out, count, seed, **options, progress=…)``,
    prints progress to stderr and what was written, or why no set was written (``refusal``), exit status 2."""
    parser = argparse.ArgumentParser(prog=prog, description=(doc or "").split(":")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=default_seed)
    keywords = {}
    for flag, (keyword, spec) in (options or {}).items():
        keywords[keyword] = parser.add_argument(flag, **spec).dest
    args = parser.parse_args(argv)
    if args.count < 1:
        print("--count must be >= 1", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        rows = write(args.out, args.count, args.seed, **{k: getattr(args, dest) for k, dest in keywords.items()},
                     progress=lambda n: print(f"\r{n}/{args.count}", end="", file=sys.stderr))  # fmt: skip
    except refusal as error:
        print(f"\nno set written: {error}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    print(f"\n{summary(rows, args.out, seconds, layer)}")
    return 0


def summary(rows: Sequence[Mapping[str, Any]], out: Path, seconds: float, layer: str = "text layer") -> str:
    """What a run wrote: how many documents, and how many have a truth their ``layer`` does not show, by field."""
    gaps = [row for row in rows if row["not_on_page"]]
    fields = Counter(name.split("[")[0] for row in gaps for name in row["not_on_page"])
    return (
        f"wrote {len(rows)} documents to {out} in {seconds:.1f} s; {len(gaps)} with a truth value "
        f"not found in the {layer} (manifest.jsonl: not_on_page){': ' + repr(dict(fields)) if fields else ''}"
    )
