"""Offline extraction time of two checkouts side by side, file by file, in alternation: an A/B test
that a shared machine's changing load does not decide.

`bench_extract.py` times one checkout; two of its runs a minute apart differ by more than a speed
change of a few percent when other work shares the machine. Here each checkout runs in its own
process (``--base`` is put first on its PYTHONPATH; the other process imports opsloop as this one
would), and every file is read and extracted by both, one right after the other (which goes first
alternating), for ``--repeat`` rounds; each file's fastest run per checkout counts. The two see the
same load, so their ratio holds where the absolute figures move. The timing is `bench_extract.py`'s:
``read_pdf`` without attachments, then ``extract_invoice`` text only, opsloop's per-line caches
emptied before each run. Each file's time is measured twice, as wall-clock time and as the
worker's CPU time (``time.process_time``): on a machine other work shares, CPU time moves less with
the load (a process waiting for a core is not charged), wall time is what a user waits. Prints
numbers, never pass/fail.

    .venv/bin/python evals/bench_extract_ab.py --base /tmp/base-worktree/src [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

_WORKER = """
import sys, time
from pathlib import Path
sys.path.insert(0, {evals!r})
from bench_extract import _forget_lines
from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf
blobs = [Path(line.rstrip("\\n")).read_bytes() for line in open({listing!r}, encoding="utf-8")]
extract_invoice(read_pdf(blobs[0], attachments=False), text_only=True)  # lexicons compiled
print("ready", flush=True)
for line in sys.stdin:
    data = blobs[int(line)]
    _forget_lines()
    started, started_cpu = time.perf_counter(), time.process_time()
    parsed = read_pdf(data, attachments=False)
    middle, middle_cpu = time.perf_counter(), time.process_time()
    extract_invoice(parsed, text_only=True)
    ended, ended_cpu = time.perf_counter(), time.process_time()
    print(middle - started, ended - middle, middle_cpu - started_cpu, ended_cpu - middle_cpu, flush=True)
"""


class _Worker:
    """One checkout's process: sent a file's number, it answers the file's reading and extracting time,
    wall-clock and CPU."""

    def __init__(self, listing: Path, path: str | None) -> None:
        env = dict(os.environ)
        if path is not None:
            env["PYTHONPATH"] = os.pathsep.join([path, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        source = _WORKER.format(evals=str(Path(__file__).parent), listing=str(listing))
        self.process = subprocess.Popen(
            [sys.executable, "-c", source], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        assert self.process.stdout is not None
        if self.process.stdout.readline().strip() != "ready":
            raise SystemExit("a worker failed to start")

    def time(self, index: int) -> tuple[tuple[float, float], tuple[float, float]]:
        """(reading, extracting) wall-clock seconds and (reading, extracting) CPU seconds."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{index}\n")
        self.process.stdin.flush()
        read, extract, read_cpu, extract_cpu = map(float, self.process.stdout.readline().split())
        return (read, extract), (read_cpu, extract_cpu)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--base", required=True, help="The other checkout's src folder (A).")
    parser.add_argument("--data", type=Path, default=Path("../shared/data/invoices"))
    parser.add_argument("--repeat", type=int, default=5, help="Rounds; each file's fastest run counts.")
    args = parser.parse_args()
    files = sorted(args.data.glob("**/*.pdf"))
    if not files:
        print(f"skipped: no PDFs under {args.data}")
        return
    listing = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench_extract_ab.{os.getpid()}.txt"
    listing.write_text("".join(f"{path.resolve()}\n" for path in files), encoding="utf-8")
    from pypdf import PdfReader

    pages = sum(len(PdfReader(path).pages) for path in files)
    workers = {"A": _Worker(listing, args.base), "B": _Worker(listing, None)}
    # each file's fastest run per checkout, wall-clock and CPU apart (the fastest of one need not be
    # the fastest of the other)
    best = {name: [(float("inf"), float("inf"))] * len(files) for name in workers}
    best_cpu = {name: [(float("inf"), float("inf"))] * len(files) for name in workers}
    try:
        for round_ in range(args.repeat):
            for index in range(len(files)):
                order = ("A", "B") if (index + round_) % 2 == 0 else ("B", "A")
                for name in order:
                    timed, cpu = workers[name].time(index)
                    if sum(timed) < sum(best[name][index]):
                        best[name][index] = timed
                    if sum(cpu) < sum(best_cpu[name][index]):
                        best_cpu[name][index] = cpu
    finally:
        for worker in workers.values():
            worker.close()
        listing.unlink(missing_ok=True)
    print(f"files {len(files)}, pages {pages}, each file's fastest of {args.repeat}, A and B alternating")
    for clock, fastest in (("wall", best), ("CPU", best_cpu)):
        totals: dict[str, float] = {}
        for name, label in (("A", f"A {args.base}"), ("B", "B this checkout")):
            read = 1000 * sum(t[0] for t in fastest[name]) / pages
            extract = 1000 * sum(t[1] for t in fastest[name]) / pages
            totals[name] = read + extract
            print(
                f"{clock:4} {label:40} reading {read:6.2f}  extracting {extract:6.2f}"
                f"  total {read + extract:6.2f} ms/page"
            )
        print(f"{clock:4} B / A: {totals['B'] / totals['A']:.4f}")


if __name__ == "__main__":
    main()
