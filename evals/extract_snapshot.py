"""Write the offline extraction of every PDF under some folders, one JSON per file, to compare two trees.

What ``opsloop extract --json --text-only`` prints (``extract_file(..., text_only=True)`` dumped the same
way), for every PDF found under the folders given. Made for speed work: write a snapshot before a change
and one after, then ``diff -r`` the two folders; the outputs should be byte-identical (confidence floats
included). ``--pages`` writes each PDF's pages as read too (layout text and word boxes, one ``.pages``
file per PDF), for work on the reader. Prints the number of files written and the time taken, never
pass/fail.

    .venv/bin/python evals/extract_snapshot.py OUT [--pages] [--data ../shared/data/invoices var/evals/synth ...]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from opsloop.extract import extract_file, parse_file


def _name(root: Path, path: Path) -> str:
    """A flat file name for one PDF, the same in every checkout: the folder's name and its relative path."""
    return f"{root.name}__{path.relative_to(root).as_posix().replace('/', '__')}.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="Folder the JSON files are written to.")
    parser.add_argument(
        "--data", type=Path, nargs="+", default=[Path("../shared/data/invoices")], help="Folders of PDFs."
    )
    parser.add_argument("--pages", action="store_true", help="Write each PDF's pages as read too.")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    written = 0
    for root in args.data:
        for path in sorted(root.glob("**/*.pdf")):
            try:
                text = extract_file(path, text_only=True).model_dump_json(indent=2)
            except Exception as error:  # a failure is part of the snapshot
                text = f"error: {type(error).__name__}: {error}"
            (args.out / _name(root, path)).write_text(text + "\n", encoding="utf-8")
            if args.pages:
                pages = [page.model_dump_json() for page in parse_file(path, attachments=False).pages]
                (args.out / (_name(root, path) + ".pages")).write_text(
                    "\n".join(pages) + "\n", encoding="utf-8"
                )
            written += 1
    print(f"{written} files written to {args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
