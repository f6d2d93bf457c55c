"""Before/after check that a speed change left the offline analysis's results as they were.

    python evals/conversations/equality.py --write before.jsonl   # on the old code
    python evals/conversations/equality.py --compare before.jsonl # on the new code

Analyses every tweet of `all_dev.jsonl` (with the airline names) and every English IT ticket
(subject and body) with `analyse_messages`, the first 500 tweets also one by one with
`analyse_message`, and writes each result's whole JSON (labels, scores, urgency, points, signals,
both models' votes with their evidence) one per line. `--compare` reports the lines that differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path


def _results(data: Path) -> list[str]:
    from opsloop.converse.analysis import analyse_message, analyse_messages

    tweets = [json.loads(line) for line in (data / "airline_tweets" / "all_dev.jsonl").open(encoding="utf-8")]
    names = sorted({str(r["airline"]) for r in tweets if r.get("airline")})
    texts = [str(r["text"]) for r in tweets]
    tickets = [
        json.loads(line) for line in (data / "synthetic_it_tickets" / "english.jsonl").open(encoding="utf-8")
    ]
    ticket_texts = [f"{r.get('subject') or ''}\n{r.get('body') or ''}" for r in tickets]
    out = [r.model_dump_json() for r in analyse_messages(texts, names=names)]
    out += [r.model_dump_json() for r in analyse_messages(ticket_texts)]
    out += [analyse_message(t, names=names).model_dump_json() for t in texts[:500]]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/chats"))
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    lines = _results(args.data)
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(json.dumps({"results": len(lines), "digest": digest}))
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    differ = [i for i, (a, b) in enumerate(zip(before, lines, strict=False)) if a != b]
    same = len(before) == len(lines) and not differ
    print(json.dumps({"results": len(lines), "before": len(before), "differ": len(differ), "digest": digest}))
    for i in differ[:5]:
        print(f"line {i}:\n  before {before[i][:400]}\n  after  {lines[i][:400]}", file=sys.stderr)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
