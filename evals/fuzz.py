"""The fuzz eval: mutated fixtures and hand-made hostile files through the real pipeline.

    nice .venv/bin/python evals/fuzz.py --count 10000 [--seed 0] [--seconds 60] [--memory-mb 768]

Every file must end settled with a named reason: accepted and processed (done, in review, waiting for
OCR) or quarantined with its code; none may crash the process, end `failed` (a fault of ours), or run
a stage past its budget. Prints the figures and writes them to evals/reports/fuzz.json (the per-file
outcomes to evals/reports/fuzz_files.jsonl). Figures, not a pass/fail test; tests/hardening runs a
small sample of the same cases as a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evals.fuzzing.mutate import fuzz_cases, seed_files  # noqa: E402
from evals.fuzzing.run import FuzzReport, run_cases  # noqa: E402

from opsloop.settings import BudgetSettings, OcrSettings, Settings  # noqa: E402

REPORTS = ROOT / "evals" / "reports"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--seconds", type=float, default=BudgetSettings().seconds, help="stage budget per document"
    )
    parser.add_argument("--memory-mb", type=int, default=BudgetSettings().memory_mb)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument(
        "--ocr", action="store_true", help="let scans go through Tesseract (slow: off by default)"
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="keep the run's data folder here")
    parser.add_argument("--out", type=Path, default=REPORTS / "fuzz.json")
    args = parser.parse_args()

    seeds = seed_files(ROOT / "fixtures" / "inbox")
    with tempfile.TemporaryDirectory(prefix="opsloop-fuzz-") as tmp:
        data_dir = args.data_dir or Path(tmp) / "var"
        settings = Settings(
            data_dir=data_dir,
            database_url=None,
            budget=BudgetSettings(seconds=args.seconds, memory_mb=args.memory_mb),
            ocr=OcrSettings(enabled=bool(args.ocr)),
        )

        def progress(report: FuzzReport) -> None:
            print(
                f"  {report.files:6} files  crashes {report.crashes}  runner peak RSS "
                f"{report.runner_peak_rss_mb:.0f} MiB  ({report.files_detail[-1].end if report.files_detail else ''})",
                flush=True,
            )

        cases = fuzz_cases(seeds, count=args.count, seed=args.seed)
        report = run_cases(
            cases,
            data_dir,
            settings,
            erp_folder=ROOT / "fixtures" / "erp",
            batch=args.batch,
            on_batch=progress,
        )
    summary = report.summary()
    summary["command"] = " ".join(["python evals/fuzz.py", *sys.argv[1:]])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    with args.out.with_name(args.out.stem + "_files.jsonl").open("w", encoding="utf-8") as lines:
        for outcome in report.files_detail:
            lines.write(json.dumps(asdict(outcome)) + "\n")
    ocr = "on" if args.ocr else "off"
    print(
        f"fuzz: {report.files} files in {report.seconds:.0f} s "
        f"(budget {args.seconds:g} s and {args.memory_mb} MiB per document and stage, OCR {ocr})"
    )
    print(
        f"  crashes {report.crashes} · failed {report.failed} · unsettled {report.unsettled} · "
        f"without a named reason {report.unnamed} · hangs past the budget {report.hangs}"
    )
    print(
        f"  stopped by the budget {report.stopped_by_budget} · longest stage {report.longest_stage_seconds:.1f} s, "
        f"longest not stopped by the budget {report.longest_unstopped_stage_seconds:.1f} s"
    )
    print(
        f"  peak RSS: runner {report.runner_peak_rss_mb:.0f} MiB, workers {report.worker_peak_rss_mb:.0f} MiB"
    )
    print("  outcomes: " + ", ".join(f"{k} {v}" for k, v in report.outcomes.most_common()))
    print("  reasons:  " + ", ".join(f"{k} {v}" for k, v in report.reasons.most_common(25)))
    for name, why in report.failures[:10]:
        print(f"  FAILED {name}: {why[:200]}")
    for detail in report.crash_details[:10]:
        print(f"  CRASH {detail[:200]}")


if __name__ == "__main__":
    main()
