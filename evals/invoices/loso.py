"""Leave-one-source-out: each source scored by an engine that was not tuned or trained on it.

    python -m evals.invoices.loso [--data DIR] [--synth DIR ...] [--generate N]
                                  [--model-for-source "CMD {source} {out}" --model-env VAR]

- Hand rules: one run over every source (text only); each source is marked with whether the rules
  were developed on it (invoice2data, ZUGFeRD, SROIE: yes; generated sets: no). Only the unmarked
  ones are held-out figures for the rules.
- Learned scorer: for each source S, the hook command trains a model without S (``{source}`` is S,
  ``{out}`` the model file to write), then S is scored in a fresh process whose environment names that
  model file in ``--model-env``. Without a hook, ``python -m evals.train_fields --exclude-source
  {source} --out {out}`` is used when this checkout has evals/train_fields.py; otherwise the learned
  half is skipped with a line saying so.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from evals.invoices.run import DEFAULT_DATA, HEADLINE, SourceResult, cell, run_invoice_eval

LOSO_DIR = Path("var/evals/loso")
DEFAULT_TRAINER = "{python} -m evals.train_fields --exclude-source {source} --out {out}"


def headline_rows(results: list[SourceResult]) -> list[list[str]]:
    rows = []
    for result in results:
        f1 = result.line_f1_mean
        rows.append(
            [
                result.source,
                "yes" if result.tuned else "no (held out)",
                str(result.items),
                *(cell(result.fields.get(name)) for name in HEADLINE),
                f"{f1:.2f} ({len(result.line_f1)})" if f1 is not None else "-",
            ]
        )
    return rows


def print_rows(title: str, rows: list[list[str]]) -> None:
    headers = ["source", "rules tuned on it", "items", *HEADLINE, "line F1"]
    print(title)
    print(" | ".join(headers))
    for row in rows:
        print(" | ".join(row))


def learned_scores(
    sources: list[str], synth: list[Path], data: Path, hook: str, model_env: str
) -> list[dict[str, Any]]:
    """Train without each source (hook), score that source in a fresh process with the model set."""
    LOSO_DIR.mkdir(parents=True, exist_ok=True)
    out: list[dict[str, Any]] = []
    for source in sources:
        safe = source.replace(":", "-")
        model = LOSO_DIR / f"model-without-{safe}"
        command = hook.format(source=shlex.quote(source), out=shlex.quote(str(model)), python=sys.executable)
        print(f"training without {source}: {command}", file=sys.stderr)
        trained = subprocess.run(command, shell=True, check=False)
        if trained.returncode != 0:
            out.append({"source": source, "error": f"training exited {trained.returncode}"})
            continue
        report = LOSO_DIR / f"scores-{safe}.json"
        score = [
            sys.executable,
            "-m",
            "evals.invoices",
            "--data",
            str(data),
            "--sources",
            source,
            "--text-only",
        ]
        score += [arg for folder in synth for arg in ("--synth", str(folder))]
        score += ["--report", str(report), "--misses", str(LOSO_DIR / f"misses-{safe}.json")]
        env = {**os.environ, model_env: str(model)}
        scored = subprocess.run(score, env=env, check=False, capture_output=True, text=True)
        if scored.returncode != 0:
            out.append({"source": source, "error": scored.stderr.strip().splitlines()[-1:]})
            continue
        payload = json.loads(report.read_text("utf-8"))
        out.extend(payload["sources"])
    return out


def main(argv: list[str] | None = None) -> int:
    from evals.invoices.__main__ import generated_set

    parser = argparse.ArgumentParser(prog="python -m evals.invoices.loso", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--synth", type=Path, action="append", default=[])
    parser.add_argument("--generate", type=int, default=0)
    parser.add_argument("--sroie-limit", type=int, default=None)
    parser.add_argument("--model-for-source", default=None, help='e.g. "python -m evals.train_fields '
                        '--exclude-source {source} --out {out}"')  # fmt: skip
    parser.add_argument(
        "--model-env", default=None, help="the setting (environment variable) naming a model file"
    )
    parser.add_argument("--report", type=Path, default=Path("evals/reports/invoices_loso.json"))
    args = parser.parse_args(argv)
    synth = list(args.synth)
    if args.generate:
        synth.append(generated_set(args.generate))
    results = run_invoice_eval(args.data, synth=synth, modes=("text-only",), sroie_limit=args.sroie_limit)
    if results is None:
        print(f"skipped: no evaluation data at {args.data} and no generated set")
        return 0
    print_rows("hand rules (one engine, scored per source):", headline_rows(results))
    payload: dict[str, Any] = {"rules": [r.as_dict() | {"misses": len(r.misses)} for r in results]}

    hook = args.model_for_source
    if hook is None and Path("evals/train_fields.py").is_file():
        hook = DEFAULT_TRAINER
    if hook is None or args.model_env is None:
        reason = (
            "no trainer in this checkout (evals/train_fields.py)"
            if hook is None
            else "no --model-env naming the setting that loads a model file"
        )
        print(f"learned scorer: skipped — {reason}; pass --model-for-source CMD and --model-env VAR")
        payload["learned"] = {"skipped": reason}
    else:
        sources = [r.source for r in results]
        learned = learned_scores(sources, synth, args.data, hook, args.model_env)
        payload["learned"] = learned
        print("learned scorer (trained without the source it is scored on):")
        for entry in learned:
            if "error" in entry:
                print(f"  {entry['source']}: {entry['error']}")
                continue
            fields = entry.get("fields", {})
            cells = [f"{name} {fields[name]['accuracy']:.2f}" for name in HEADLINE if fields.get(name)]
            print(f"  {entry['source']}: " + ", ".join(cells))
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(payload, indent=1, ensure_ascii=False, default=str) + "\n", "utf-8")
    print(f"report: {args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
