"""Speed of the offline conversation analysis, each way timed in a fresh interpreter.

    python evals/conversations/speed.py [--data ../shared/data/chats] [--messages 10000] [--way batch]
                                        [--workers N] [--runs N]

A fresh interpreter, so that nothing is warm but what the warm-up loads (the models, the lexicon and
rules, the compiled patterns: timed apart and reported as such); every per-text cache (chunks, tokens,
name masks) starts empty. The messages are the first `--messages` tweets of `all_dev.jsonl` (repeated
when there are fewer), with the data set's airline names as names, as the eval analyses them. Wall
time and CPU time are both reported: the CPU of this process and of the processes `analyse_messages`
shared the batch among (`workers`: how many it used, this one included; `--workers` sets the most,
default as `analyse_messages` decides: `opsloop.converse.analysis.default_workers()`), so that on a
machine of two cores the wall seconds can be read against the CPU seconds all processes spent.
`--runs N` times N fresh interpreters one after the other and adds the medians.

Ways: `batch` — `analyse_messages(texts)` (what `opsloop analyse --lines` and the pipeline use);
`one` — `analyse_message(text)` for each text; `lexicon` — the batch with `LEXICON_ONLY` (the
lexicon and rules alone). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

WAYS = ("batch", "one", "lexicon")
ROOT = Path(__file__).resolve().parents[2]


def _texts(data: Path, messages: int) -> tuple[list[str], list[str]]:
    rows = []
    with (data / "airline_tweets" / "all_dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
    names = sorted({str(r["airline"]) for r in rows if r.get("airline")})
    texts = [str(r["text"]) for r in rows]
    texts = (texts * (messages // max(1, len(texts)) + 1))[:messages]
    return texts, names


def _cpu() -> tuple[float, float]:
    """CPU seconds (user and system) of this process and of its children that have ended."""
    times = os.times()
    return times.user + times.system, times.children_user + times.children_system


def time_way(data: Path, messages: int, way: str, workers: int | None = None) -> dict[str, Any]:
    """Time one way in this interpreter (which should be fresh: see `measure`)."""
    texts, names = _texts(data, messages)
    wall, (cpu, _) = time.perf_counter(), _cpu()
    from opsloop.converse.analysis import LEXICON_ONLY, analyse_message, analyse_messages, parallel_workers

    models = LEXICON_ONLY if way == "lexicon" else None
    analyse_messages(["warm up: load the models"], names=names, models=models)
    warm_wall, warm_cpu = time.perf_counter() - wall, _cpu()[0] - cpu
    used = 1 if way == "one" else parallel_workers(len(texts), workers)
    wall, (cpu, children) = time.perf_counter(), _cpu()
    if way == "one":
        results = [analyse_message(text, names=names) for text in texts]
    else:
        results = analyse_messages(texts, names=names, models=models, workers=workers)
    seconds = time.perf_counter() - wall
    cpu_after, children_after = _cpu()
    own, theirs = cpu_after - cpu, children_after - children
    return {
        "way": way,
        "messages": len(results),
        "workers": used,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(own + theirs, 2),
        "cpu_seconds_this_process": round(own, 2),
        "cpu_seconds_children": round(theirs, 2),
        "warm_up_seconds": round(warm_wall, 2),
        "warm_up_cpu_seconds": round(warm_cpu, 2),
    }


def measure(data: Path, messages: int, way: str, workers: int | None = None) -> dict[str, Any]:
    """`time_way` in a fresh interpreter started from this checkout."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH")]))
    done = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),  # as a script: nothing of the eval is imported but this
            "--data",
            str(Path(data).resolve()),
            "--messages",
            str(messages),
            "--way",
            way,
            *(["--workers", str(workers)] if workers is not None else []),
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"speed ({way}) failed: {done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python evals/conversations/speed.py", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/chats"))
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--way", choices=WAYS, default="batch")
    parser.add_argument("--workers", type=int, default=None, help="the most processes (1: this one alone)")
    parser.add_argument("--runs", type=int, default=1, help="fresh interpreters, one after the other")
    args = parser.parse_args(argv)
    if not (args.data / "airline_tweets" / "all_dev.jsonl").is_file():
        print(f"skipped: no tweets at {args.data}", file=sys.stderr)
        return 0
    if args.runs <= 1:
        print(json.dumps(time_way(args.data, args.messages, args.way, args.workers)))
        return 0
    runs = [measure(args.data, args.messages, args.way, args.workers) for _ in range(args.runs)]
    for run in runs:
        print(json.dumps(run))
    keys = ("seconds", "cpu_seconds", "cpu_seconds_this_process", "cpu_seconds_children")
    median = {key: statistics.median(run[key] for run in runs) for key in keys}
    print(json.dumps({"way": args.way, "runs": len(runs), "workers": runs[0]["workers"], "median": median}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
