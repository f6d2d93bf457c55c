"""Run the decisions eval over several seeds, print the tables, write evals/reports/decisions.json."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evals.decisions.runner import CompanyRun, Renderer, run_company, synth_renderer
from evals.decisions.scenarios import CLASSES
from evals.decisions.scoring import HEADLINE, Score, score
from evals.decisions.vocabulary import OPSLOOP_NAMES, PROBLEMS
from rich.console import Console
from rich.table import Table

DEFAULT_REPORT = Path("evals/reports/decisions.json")
DEFAULT_SEEDS = (0, 1, 2, 3, 4)
COMMAND = "python -m evals.decisions"


class RenderingUnavailable(RuntimeError):
    """evals/synth/render.py is not there: nothing can be sent to opsloop."""


def run_eval(
    seeds: Sequence[int] = DEFAULT_SEEDS,
    *,
    quick: bool = False,
    vendors: int = 12,
    renderer: Renderer | None = None,
    progress: Callable[[str], None] | None = None,
    keep: Path | None = None,
) -> tuple[Score, list[CompanyRun], dict[str, Any]]:
    """Every seed's company through opsloop, scored. Raises RenderingUnavailable without a renderer."""
    renderer = renderer or synth_renderer()
    if renderer is None:
        raise RenderingUnavailable("evals/synth/render.py is missing: the eval has no documents to send")
    runs = [
        run_company(
            seed,
            renderer,
            quick=quick,
            vendors=vendors,
            progress=progress,
            workdir=None if keep is None else keep / f"seed-{seed}",
        )
        for seed in seeds
    ]
    layouts = tuple(getattr(renderer, "layouts", ()))
    meta = {
        "seeds": list(seeds),
        "quick": quick,
        "vendors": vendors,
        "pdf": renderer.can_render("pdf"),
        "layouts": len(layouts),
        "locales": list(getattr(renderer, "locales", ())),
    }
    return score(runs), runs, meta


# ---------------------------------------------------------------------------- printing


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _num(value: float | None) -> str:
    return "—" if value is None else (f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}")


_RATES = {"decision_accuracy", "exception_precision", "exception_recall", "touchless_rate"}


def _fmt(name: str, value: float | None) -> str:
    return _pct(value) if name in _RATES else _num(value)


def print_report(result: Score, meta: dict[str, Any], console: Console, *, wrong_limit: int = 80) -> None:
    seeds = result.seeds
    headline = Table(
        title=f"decisions: {sum(s.cases for s in seeds)} documents, seeds {', '.join(str(s.seed) for s in seeds)}"
    )
    headline.add_column("figure")
    for s in seeds:
        headline.add_column(f"seed {s.seed}", justify="right")
    headline.add_column("mean", justify="right")
    headline.add_column("min–max", justify="right")
    summary = result.summary()
    for name in HEADLINE:
        row = [name.replace("_", " ")]
        row += [_fmt(name, s.figures()[name]) for s in seeds]
        m = summary[name]
        row += [_fmt(name, m["mean"]), f"{_fmt(name, m['min'])}–{_fmt(name, m['max'])}"]
        headline.add_row(*row)
    console.print(headline)
    for s in seeds:
        console.print(
            f"seed {s.seed}: {s.cases} decisions ({s.right} right); wrong approvals: "
            f"{s.wrong_should_hold_automatic} automatic + {s.wrong_should_hold_proposed} proposed to a person "
            f"that had to be held, {s.wrong_needed_person_automatic} automatic that needed a person; "
            f"{s.false_holds} false holds; touchless {s.touchless}/{s.touchless_candidates}; "
            f"{s.established_vendors}/{s.vendors_with_history} vendors established "
            f"({s.confirmations} history approvals confirmed on the API's request); "
            f"{s.documents} documents in {s.seconds:.0f} s" + (f"; {s.skipped} skipped" if s.skipped else "")
        )
    if not meta.get("pdf"):
        console.print(
            "[yellow]No PDF renderer: PDF vendors sent e-invoices instead; PDF-only cases skipped.[/]"
        )

    classes = Table(title="per scenario class (all seeds)")
    for column in (
        "class",
        "group",
        "cases",
        "right",
        "wrong auto",
        "wrong proposed",
        "false holds",
        "what opsloop did",
    ):
        classes.add_column(
            column, justify="left" if column in ("class", "group", "what opsloop did") else "right"
        )
    order = {c.name: i for i, c in enumerate(CLASSES)}
    for name, tally in sorted(result.per_class.items(), key=lambda kv: order.get(kv[0], 999)):
        classes.add_row(
            name,
            tally.group,
            str(tally.cases),
            str(tally.right),
            str(tally.wrong_automatic or ""),
            str(tally.wrong_proposed or ""),
            str(tally.false_holds or ""),
            ", ".join(f"{k} {v}" for k, v in tally.outcomes.most_common()),
        )
    console.print(classes)

    recall = Table(title="problems: recall (our words → opsloop's exception types)")
    for column in ("problem", "opsloop types that count", "cases", "found", "recall"):
        recall.add_column(column, justify="right" if column in ("cases", "found", "recall") else "left")
    for problem, row in result.problems.items():
        if row["support"]:
            recall.add_row(
                problem,
                ", ".join(OPSLOOP_NAMES[problem]),
                str(row["support"]),
                str(row["found"]),
                _pct(row["found"] / row["support"]),
            )
    console.print(recall)

    precision = Table(title="opsloop's exception types: precision")
    for column in ("type", "raised", "right", "wrong", "tolerated", "precision"):
        precision.add_column(column, justify="left" if column == "type" else "right")
    mapped = {n for names in OPSLOOP_NAMES.values() for n in names}
    for name, row in sorted(result.opsloop_types.items()):
        judged = row["right"] + row["wrong"]
        label = name if name in mapped else f"{name} (unmapped)"
        precision.add_row(
            label,
            str(row["raised"]),
            str(row["right"]),
            str(row["wrong"]),
            str(row["tolerated"]),
            _pct(row["right"] / judged if judged else None),
        )
    console.print(precision)

    wrong = [w for w in result.wrong if not w["decision_right"]]
    console.print(f"[bold]wrong decisions[/] ({len(wrong)}; wrong approvals first):")
    wrong.sort(key=lambda w: (w["wrong_approval"] is None, not w["automatic"], w["class"]))
    for w in wrong[:wrong_limit]:
        tag = (
            f"WRONG APPROVAL ({'automatic' if w['automatic'] else 'proposed'}, {w['wrong_approval']})"
            if w["wrong_approval"]
            else ("false hold" if w["false_hold"] else "wrong")
        )
        console.print(
            f"  seed {w['seed']} {w['case']} [{w['format']}{'/' + w['layout'] if w['layout'] else ''} {w['locale']}]"
            f" {tag}: expected {w['expected']} {w['expected_problems'] or ''}, got {w['got']} {w['opsloop_types'] or ''}"
            f" — opsloop: {w['opsloop_said'][:220]}",
            highlight=False,
            markup=False,
        )
    if len(wrong) > wrong_limit:
        console.print(f"  … {len(wrong) - wrong_limit} more in the JSON report")


def report_json(result: Score, meta: dict[str, Any], seconds: float) -> dict[str, Any]:
    return {
        "command": COMMAND + (" --quick" if meta.get("quick") else ""),
        **meta,
        "seconds": round(seconds, 1),
        "summary": result.summary(),
        "per_seed": [
            {"seed": s.seed, **s.figures(), **{k: v for k, v in vars(s).items() if k != "seed"}}
            for s in result.seeds
        ],
        "per_class": {
            name: {
                "group": t.group,
                "cases": t.cases,
                "right": t.right,
                "wrong_automatic": t.wrong_automatic,
                "wrong_proposed": t.wrong_proposed,
                "false_holds": t.false_holds,
                "outcomes": dict(t.outcomes),
            }
            for name, t in result.per_class.items()
        },
        "problems": {
            p: {**row, "means": PROBLEMS[p], "opsloop_types": list(OPSLOOP_NAMES[p])}
            for p, row in result.problems.items()
        },
        "opsloop_types": result.opsloop_types,
        "wrong_decisions": [w for w in result.wrong if not w["decision_right"]],
        "exception_mismatches": [w for w in result.wrong if w["decision_right"]],
        "skipped": result.skipped,
        "confirmations": result.confirmations,
    }


def write_report(data: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description="Generated companies and their vendors' invoices through opsloop: how right are its decisions?",
    )
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=list(DEFAULT_SEEDS), help="company seeds (default 0 1 2 3 4)"
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: one seed, the quick classes only")
    parser.add_argument("--vendors", type=int, default=12, help="vendors per company (default 12)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help="where to write the JSON")
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="keep each company's data folder and documents here, to look at",
    )
    args = parser.parse_args(argv)
    return run_and_print(
        args.seeds[:1] if args.quick else args.seeds,
        quick=args.quick,
        vendors=args.vendors,
        report=args.report,
        keep=args.keep,
    )


def run_and_print(
    seeds: Sequence[int],
    *,
    quick: bool,
    vendors: int = 12,
    report: Path = DEFAULT_REPORT,
    console: Console | None = None,
    keep: Path | None = None,
) -> int:
    console = console or Console()
    if not console.is_terminal:  # a log or a pipe: wide enough for the tables
        console.width = max(console.width, 160)
    started = time.perf_counter()
    try:
        with console.status("running") as status:
            result, _runs, meta = run_eval(
                seeds, quick=quick, vendors=vendors, progress=lambda m: status.update(m), keep=keep
            )
    except RenderingUnavailable as error:
        console.print(f"[bold red]error:[/] {error}")
        return 2
    seconds = time.perf_counter() - started
    print_report(result, meta, console)
    path = write_report(report_json(result, meta, seconds), report)
    console.print(f"report: {path} ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
