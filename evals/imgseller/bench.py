"""Seconds per page of the image path: each PDF of a folder extracted from its file with the page's images read
where the text names no seller (the default) and with them left unread (``OPSLOOP_OCR__READ_IMAGES=false``),
the two ways interleaved, ``--repeat`` rounds; medians per layout (the manifest's) and over all. Prints, never
pass/fail.

    python -m evals.imgseller.bench DIR [--repeat 3] [--limit 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from opsloop.extract import extract_file
from opsloop.settings import OcrSettings, Settings, environment_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.imgseller.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args(argv)
    layouts: dict[str, str] = {}
    manifest = args.folder / "manifest.jsonl"
    if manifest.is_file():
        for line in manifest.read_text("utf-8").splitlines():
            row = json.loads(line)
            layouts[str(row["id"])] = str(row.get("layout", ""))
    paths = sorted(args.folder.glob("*.pdf"))[: args.limit]
    with_images = environment_settings()
    without = Settings(ocr=OcrSettings(read_images=False))
    times: dict[tuple[str, str], list[float]] = defaultdict(list)
    methods: dict[str, str] = {}
    for _ in range(args.repeat):
        for path in paths:
            for way, settings in (("images", with_images), ("text", without)):
                clock = time.perf_counter()
                result = extract_file(path, settings=settings)
                times[(way, layouts.get(path.stem, "?"))].append(time.perf_counter() - clock)
                times[(way, "all")].append(time.perf_counter() - clock)
                if way == "images":
                    methods[path.stem] = result.extraction_method
    read = sum(m.startswith("image+") for m in methods.values())
    print(f"{len(paths)} one-page PDFs, {args.repeat} rounds; images read on {read}")
    print(f"{'layout':>14} {'n':>3} {'text layer s':>13} {'with images s':>14} {'added s':>8}")
    for layout in sorted({key[1] for key in times}):
        text, images = times[("text", layout)], times[("images", layout)]
        added = statistics.median(images) - statistics.median(text)
        print(
            f"{layout:>14} {len(text) // args.repeat:>3} {statistics.median(text):>13.3f} "
            f"{statistics.median(images):>14.3f} {added:>8.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
