"""The wiring every Tryton decision eval (decisions3 and after) shares: a Tryton server on a copy of decisions3's
template database with opsloop's connector pointed at it, opsloop opened with a clerk who may approve, each
document dropped into opsloop as a user would, the clerk's approvals through the review API, the outbox pushed
back, what reached Tryton read back, each document judged against its AP label, and the figures printed.

Each eval keeps its own company, documents and labels; only the driving is here. `DayByDay` is the day-by-day
timeline (orders, ERP events and documents in date order) of decisions5 and after, with hooks for what an eval
does in its own way. Nothing of opsloop's parsing, matching or reconciling is imported.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from evals.decisions.runner import CLERK, _Api, _environment, observed, on_day, open_payment_proposals
from evals.decisions3 import erp

CACHE = Path(__file__).resolve().parent.parent.parent / "var" / "decisions3"
"""decisions3's template database (built once): every Tryton eval starts from a copy of it."""

Seen = tuple[str, frozenset[str], str, str | None]
"""What opsloop decided for one document: (outcome, exception types, its words, autonomy rule)."""


def judge(case: Any, outcome: str) -> tuple[bool, str]:
    """(right by AP practice, error kind: "" / wrong_auto / wrong_proposed / false_hold / not_decided)."""
    decision = case.label.decision
    if outcome == "auto_approve":
        return (True, "") if decision == "approve" and case.label.auto_ok else (False, "wrong_auto")
    if outcome == "proposed_approve":
        return (True, "") if decision in ("approve", "person") else (False, "wrong_proposed")
    if outcome == "credit":
        return (
            (True, "")
            if decision == "credit"
            else (False, "false_hold" if decision == "approve" else "mis_booked")
        )
    if decision == "approve":
        return False, "false_hold"
    if outcome in ("hold", "dropped"):
        return True, ""
    return False, "not_decided"


@dataclass
class Result:
    case_id: str
    cls: str
    vendor: str
    number: str
    label: str
    auto_ok: bool
    outcome: str
    right: bool
    error: str
    types: list[str]
    said: str
    rule: str | None
    why: str
    writeback: str = ""
    """ok / fault text / "" when nothing was to be checked."""


def result(case: Any, seen: Seen, check: str = "", limit: int = 400) -> Result:
    """The case judged on what opsloop decided (`seen`), with the write-back check's text."""
    outcome, types, said, rule = seen
    right, error = judge(case, outcome)
    label = case.label
    return Result(case.id, case.cls, case.vendor.key, case.doc.number, label.decision, label.auto_ok,
                  outcome, right, error, sorted(types), said[:limit], rule, label.why, check)  # fmt: skip


@dataclass
class SeedRun:
    seed: int
    results: list[Result] = field(default_factory=list)
    established: dict[str, int] = field(default_factory=dict)
    writeback_faults: list[str] = field(default_factory=list)
    writeback_checked: int = 0
    seconds: float = 0.0


@dataclass
class Run:
    seed: int
    results: list[Result] = field(default_factory=list)
    arrival: dict[str, str] = field(default_factory=dict)
    """Case id -> what opsloop decided when it arrived (before later ERP events)."""
    final: dict[str, str] = field(default_factory=dict)
    """Case id -> what opsloop had decided at the end, where it differs from the arrival."""
    established: dict[str, int] = field(default_factory=dict)
    writeback_checked: int = 0
    writeback_faults: list[str] = field(default_factory=list)
    seconds: float = 0.0


# ---------------------------------------------------------------------------- Tryton and opsloop


@contextmanager
def opsloop_on_tryton(root: Path, template_db: Path) -> Iterator[erp.Server]:
    """A Tryton server on a copy of the template database (under `root`/tryton) and opsloop's settings
    pointing its Tryton connector at it, its data under `root`/data; the server stops on leaving."""
    server = erp.Server(root / "tryton", template_db)
    try:
        env = {
            "OPSLOOP_DATA_DIR": str(root / "data"),
            "OPSLOOP_ERP__CONNECTOR": "tryton",
            "OPSLOOP_ERP__URL": server.url,
            "OPSLOOP_ERP__DATABASE": erp.DATABASE,
            "OPSLOOP_ERP__USER": "admin",
            "OPSLOOP_ERP__PASSWORD": "admin",
            "OPSLOOP_RUNNER__MODE": "inprocess",
        }
        with _environment(env):
            yield server
    finally:
        server.stop()


@contextmanager
def company_tryton(prefix: str, seed: int, keep: Path | None) -> Iterator[tuple[Path, erp.Company]]:
    """One seed's folder (kept under `keep`/seed<N> when asked, else a temporary one) and its company's Tryton
    (a fresh copy of the template, opsloop's settings pointed at it), stopped on leaving."""
    template_db, facts = erp.template(CACHE)
    with tempfile.TemporaryDirectory(prefix=f"opsloop-{prefix}-{seed}-") as tmp:
        root = keep / f"seed{seed}" if keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        with opsloop_on_tryton(root, template_db) as server:
            yield root, erp.Company(server.client, facts)


def suppliers(tryton: erp.Company, vendors: Any) -> None:
    """Each vendor as a supplier party in Tryton, with its bank account where it has one."""
    for vendor in vendors:
        tryton.party(vendor.key, vendor.code, vendor.name, vendor.vat, vendor.street, vendor.zip, vendor.city)
        if vendor.iban:
            tryton.bank_account(vendor.key, vendor.iban)


def place_order(
    tryton: erp.Company, order: Any, tax: str, fields: Sequence[str] = (), confirm: bool = True, **fixed: Any
) -> None:
    """Purchasing orders `order` (key, vendor, issued, lines) in EUR with the supplier's `tax`: each line's SKU,
    description, quantity and price, its `fields` and the `fixed` values."""
    lines = [
        {name: getattr(x, name) for name in ("sku", "description", "quantity", "price", *fields)} | fixed
        for x in order.lines
    ]
    tryton.order(order.key, order.vendor, order.issued, "EUR", lines, tax, confirm=confirm)


class Opsloop(NamedTuple):
    """opsloop opened on the settings in force: its database, a clerk's API, the ERP's source and pusher."""

    settings: Any
    engine: Any
    api: _Api
    source: Any
    pusher: Any

    def sync(self) -> None:
        """What `opsloop sync` runs; a failed sync stops the run."""
        from opsloop.erp.sync import sync_source

        report = sync_source(self.engine, self.source, self.settings.erp)
        if report.status == "failed":
            raise RuntimeError(f"sync failed: {report.error}")

    def push(self) -> None:
        """What `opsloop outbox push` runs."""
        from sqlmodel import Session

        from opsloop.review.outbox import push_outbox

        with Session(self.engine) as session:
            push_outbox(session, self.pusher, limit=1000)

    def drop(
        self, folder: Path, n: int, number: str, body: bytes, suffix: str, move: bool
    ) -> tuple[int | None, str]:
        """The document saved as `folder`/NNN_<number><suffix> and taken as `opsloop ingest` (move=False) or
        the watcher (move=True) takes it: (its document id, the ingest status)."""
        from opsloop.service import ingest_and_process

        name = re.sub(r"[^A-Za-z0-9]+", "-", number).strip("-")
        path = folder / f"{n:03d}_{name}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        outcomes, _ = ingest_and_process(self.engine, self.settings, [path], move=move)
        return outcomes[0].document_id, outcomes[0].status.value

    def close(self) -> None:
        from opsloop.store.db import dispose_engines

        self.api.close()
        self.engine.dispose()
        dispose_engines()


def open_opsloop(token_name: str) -> Opsloop:
    """Open opsloop as the environment configures it (opsloop_on_tryton) with a clerk who may approve."""
    from opsloop.erp.connectors import push_connector_from_settings, source_from_settings
    from opsloop.review.accounts import Role, create_user, issue_token
    from opsloop.settings import Settings
    from opsloop.store.db import open_database, session_scope

    settings = Settings(_env_file=None)
    settings.ensure_dirs()
    engine = open_database(settings)
    with session_scope(engine) as session:
        clerk = create_user(
            session, CLERK, "eval-clerk-password", Role.APPROVER, approval_limit=Decimal("1000000")
        )
        token = issue_token(session, clerk, token_name)
    api = _Api(settings, engine, token)
    return Opsloop(
        settings, engine, api, source_from_settings(settings), push_connector_from_settings(settings)
    )


def say(progress: bool, text: str) -> None:
    if progress:
        print(text, file=sys.stderr, flush=True)


def clerk_approves(api: _Api, document_id: int | None, case: Any, out: SeedRun | Run) -> bool:
    """A clerk approves what opsloop proposes for payment (confirming when asked: checked by hand)."""
    if document_id is None:
        return False
    done = False
    reason = "checked against PO and receipt"
    for proposal in open_payment_proposals(api, document_id):
        if api.decide(proposal["id"], proposal["version"], "approve", reason) is not None:
            api.decide(proposal["id"], proposal["version"], "approve", reason, confirmed=True)
        if case.history:
            out.established[case.vendor.key] = out.established.get(case.vendor.key, 0) + 1
        done = True
    return done


DONE = {"reject": "rejected", "release": "released"}


def decide_open(
    api: _Api, document_id: int | None, action: str, reason: str, *, remember: bool = False
) -> str:
    """The clerk decides the document's open proposals (`reject`: a held invoice AP sends back; `release`: a
    held invoice AP pays all the same; `remember`: and ticks "remember as a recurring charge" as the budget
    owner asked): what the API said."""
    if document_id is None:
        return "no document"
    said = []
    extra = {"remember_recurring": True} if remember else None
    for proposal in api.proposals_of(document_id):
        if proposal["state"] not in ("pending", "edited"):
            continue
        try:
            if api.decide(proposal["id"], proposal["version"], action, reason, extra=extra) is not None:
                api.decide(proposal["id"], proposal["version"], action, reason, confirmed=True, extra=extra)
            said.append(f"{proposal['kind']} {DONE[action]}")
        except Exception as error:  # the API refused: say so in the report, the run goes on
            said.append(f"{proposal['kind']} not {DONE[action]}: {str(error)[:120]}")
    return "; ".join(said) or f"nothing open to {action}"


# ---------------------------------------------------------------------------- what reached Tryton


def drafts_of(invoices: list[dict[str, Any]], number: str, party: str | None = None) -> list[dict[str, Any]]:
    """opsloop's supplier invoices in Tryton with the printed number as reference (and of `party`, if given)."""
    return [
        i
        for i in invoices
        if i["opsloop"] and i["reference"] == number and (party is None or i["party"] == party)
    ]


def the_draft(
    case: Any, approved: bool, invoices: list[dict[str, Any]], by_party: bool = True
) -> dict[str, Any] | str:
    """An approved case's one opsloop draft in Tryton (its number as reference, of its supplier's party unless
    `by_party` is off), or what is wrong: none or several for an approved case, any for another ("" if none)."""
    mine = drafts_of(invoices, case.doc.number, case.vendor.code if by_party else None)
    if not approved:
        return f"written for a {case.label.decision} case nobody approved: {mine}" if mine else ""
    if len(mine) != 1:
        return f"{len(mine)} opsloop invoices in Tryton (expected 1)"
    return mine[0]


def amounts_faults(found: dict[str, Any], net: Decimal, total: Decimal, beyond: str) -> list[str]:
    """A draft's untaxed amount and total against the invoice's, and quantities billed beyond its order's."""
    faults = []
    if Decimal(found["untaxed"]) != net:
        faults.append(f"untaxed {found['untaxed']} (invoice net {net})")
    if Decimal(found["total"]) != total:
        faults.append(f"total {found['total']} (invoice total {total})")
    if found["over_ordered"]:
        faults.append(f"{beyond}: {'; '.join(found['over_ordered'])}")
    return faults


def billed_per_po_line(tryton: erp.Company) -> list[str]:
    """Purchase lines that all supplier invoices in Tryton together bill beyond the quantity ordered."""
    lines = tryton.c.search_read(
        "account.invoice.line",
        [["invoice.type", "=", "in"], ["invoice.state", "!=", "cancelled"]],
        ["origin", "quantity"],
    )
    billed: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        origin = str(line.get("origin") or "")
        if origin.startswith("purchase.line,"):
            billed[int(origin.split(",")[1])] += Decimal(repr(line["quantity"]))
    if not billed:
        return []
    ordered = tryton.c("purchase.line", "read", sorted(billed), ["quantity", "purchase.number"])
    return [
        f"{(row.get('purchase.') or {}).get('number')} line {row['id']}: {format(billed[row['id']].normalize(), 'f')} "
        f"of {format(Decimal(repr(row['quantity'])).normalize(), 'f')}"
        for row in ordered
        if billed[row["id"]] > Decimal(repr(row["quantity"]))
    ]


# ---------------------------------------------------------------------------- the day-by-day timeline


def timeline(company: Any) -> list[tuple[Any, int, str, Any]]:
    """Everything that happens, in date order: orders, then ERP events, then documents of the day."""
    steps: list[tuple[Any, int, str, Any]] = []
    steps += [(o.issued, 0, "order", o) for o in company.orders]
    steps += [(e.when, 1, "event", e) for e in company.events]
    steps += [(c.day, 2, "doc", c) for c in company.cases]
    return sorted(steps, key=lambda s: (s[0], s[1]))


class DayByDay:
    """Drive opsloop against a company's Tryton day by day, as an AP team runs it: orders and ERP events are
    made in Tryton as they happen, opsloop's connector syncs whenever the ERP changed, each supplier document
    is dropped into opsloop's watched inbox and taken as the watcher takes it, a clerk approves through the
    review API what opsloop proposes where AP practice pays it, approved invoices are pushed back to Tryton
    through the outbox and read back there; every test document is judged on what opsloop had decided at the
    end of the timeline (`judged_on` says otherwise).

    An eval says how its company is set up (`setup`), ordered (`order`), what its events do (`event`), how its
    documents render (`render`) and what reached Tryton for a case (`writeback`); the rest are defaults."""

    token = "day-by-day-eval"
    final_round = True
    """After the last document: one more sync, and the clerk approves what waited for the ERP."""
    twins = True
    """A draft with an approved case's number from the same supplier is that case's, not checked twice."""
    said_limit = 400

    def __init__(self, seed: int, company: Any, tryton: erp.Company, root: Path, progress: bool) -> None:
        self.seed = seed
        self.company = company
        self.tryton = tryton
        self.root = root
        self.progress = progress
        self.out = Run(seed)
        self.documents: dict[str, tuple[int | None, str]] = {}
        self.arrival_seen: dict[str, Seen] = {}
        self.clerk_approved: set[str] = set()

    # hooks ------------------------------------------------------------------

    def setup(self) -> None:
        """Tryton before the first day: parties, products."""
        raise NotImplementedError

    def order(self, order: Any) -> None:
        raise NotImplementedError

    def event(self, event: Any) -> None:
        raise NotImplementedError

    def render(self, doc: Any) -> tuple[bytes, str]:
        raise NotImplementedError

    def writeback(self, case: Any, approved: bool, invoices: list[dict[str, Any]]) -> str:
        raise NotImplementedError

    def pays(self, case: Any) -> bool:
        """Whether the clerk pays what opsloop proposes for this case (the history, the approve labels)."""
        return bool(case.history or case.label.decision == "approve")

    def arrived(self, case: Any, paid: bool) -> None:
        """After the clerk's look at a document that just arrived (`paid`: the clerk approved it)."""

    def judged_on(self, case: Any, seen: Seen) -> Seen:
        """What a test case is judged on: what opsloop had decided at the end (`seen`)."""
        return seen

    def said(self, case: Any, said: str) -> str:
        return said

    # the run ------------------------------------------------------------------

    def observe(self, case: Any) -> Seen:
        return observed(self.ops.api, self.ops.engine, *self.documents[case.id])

    def clerk(self, case: Any) -> bool:
        if clerk_approves(self.ops.api, self.documents[case.id][0], case, self.out):
            self.clerk_approved.add(case.id)
            return True
        return False

    def run(self) -> Run:
        started = time.perf_counter()
        self.setup()
        self.ops = open_opsloop(self.token)
        company, tryton, out = self.company, self.tryton, self.out
        history_count = sum(c.history for c in company.cases)
        try:
            changed = True
            n = 0
            for when, _, kind, step in timeline(company):
                on_day(when)
                if kind in ("order", "event"):
                    self.order(step) if kind == "order" else self.event(step)
                    changed = True
                    continue
                case = step
                if changed:
                    self.ops.sync()
                    changed = False
                body, suffix = self.render(case.doc)
                inbox = self.ops.settings.inbox_dir
                self.documents[case.id] = self.ops.drop(inbox, n, case.doc.number, body, suffix, move=True)
                (self.root / "documents").mkdir(exist_ok=True)
                name = re.sub(r"[^A-Za-z0-9]+", "-", case.doc.number).strip("-")
                (self.root / "documents" / f"{n:03d}_{name}{suffix}").write_bytes(body)
                n += 1
                if not case.history:
                    self.arrival_seen[case.id] = self.observe(case)
                    out.arrival[case.id] = self.arrival_seen[case.id][0]
                self.arrived(case, self.pays(case) and self.clerk(case))
                if case.history and n == history_count:
                    say(
                        self.progress,
                        f"  seed {self.seed}: history done ({time.perf_counter() - started:.0f} s)",
                    )
            self.ops.sync()
            if self.final_round:
                # what waited for the ERP (a receipt) and is proposed now: the clerk's last round
                for case in company.cases:
                    waiting = (
                        not case.history
                        and case.label.decision == "approve"
                        and case.id not in self.clerk_approved
                    )
                    if waiting:
                        self.clerk(case)
            self.ops.push()
            invoices = tryton.supplier_invoices()
            billed = billed_per_po_line(tryton)
            if billed:
                out.writeback_faults.append(
                    "PO lines billed beyond their ordered quantity in Tryton: " + "; ".join(billed)
                )
            tests = [c for c in company.cases if not c.history]
            seen = {case.id: self.observe(case) for case in tests}
            approved_ids = {
                c.id for c in tests if seen[c.id][0] == "auto_approve" or c.id in self.clerk_approved
            }
            # a twin's draft (the same number from the same supplier) is the approved one's, checked there
            paid = {(c.doc.number, c.vendor.code) for c in tests if c.id in approved_ids}
            for case in tests:
                outcome, types, said, rule = self.judged_on(case, seen[case.id])
                if seen[case.id][0] != out.arrival[case.id]:
                    out.final[case.id] = seen[case.id][0]
                approved = case.id in approved_ids
                twin_paid = self.twins and not approved and (case.doc.number, case.vendor.code) in paid
                check = "" if twin_paid else self.writeback(case, approved, invoices)
                if check:
                    out.writeback_checked += 1
                    if check != "ok":
                        out.writeback_faults.append(f"{case.id}: {check}")
                judged = (outcome, frozenset(types), self.said(case, said), rule)
                out.results.append(result(case, judged, check, self.said_limit))
        finally:
            self.ops.close()
        out.seconds = time.perf_counter() - started
        return out


def run_day_by_day(
    driver: type[DayByDay], prefix: str, seed: int, company: Any, keep: Path | None, progress: bool
) -> Run:
    """One seed of a day-by-day eval: its company's Tryton set up fresh, driven by `driver`."""
    with company_tryton(prefix, seed, keep) as (root, tryton):
        return driver(seed, company, tryton, root, progress).run()


# ---------------------------------------------------------------------------- figures


def figures(results: list[Result]) -> dict[str, Any]:
    """Accuracy, wrong approvals, false holds; exception precision / recall; touchless (the clean invoices AP
    lets through untouched that opsloop approved on its own)."""
    n = len(results)
    # exceptions: a hold label is one; opsloop found one when it did not approve nor propose to approve
    # (`person` labels, where either is right, are left out)
    scored = [r for r in results if r.label != "person"]
    should = [r for r in scored if r.label == "hold"]
    flagged = [r for r in scored if r.outcome not in ("auto_approve", "proposed_approve")]
    hit = [r for r in flagged if r.label == "hold"]
    clean = [r for r in results if r.label == "approve" and r.auto_ok]

    def pct(a: int, b: int) -> float:
        return round(100 * a / b, 1) if b else 100.0

    return {
        "documents": n,
        "accuracy": pct(sum(r.right for r in results), n),
        "wrong_auto": sum(r.error == "wrong_auto" for r in results),
        "wrong_proposed": sum(r.error == "wrong_proposed" for r in results),
        "false_holds": sum(r.error == "false_hold" for r in results),
        "other_errors": sum(
            bool(r.error) and r.error not in ("wrong_auto", "wrong_proposed", "false_hold") for r in results
        ),
        "precision": pct(len(hit), len(flagged)),
        "recall": pct(len(hit), len(should)),
        "touchless": pct(sum(r.outcome == "auto_approve" for r in clean), len(clean)),
    }


def _line(f: dict[str, Any]) -> str:
    return (
        f"{f['documents']} documents, accuracy {f['accuracy']} %, wrong approvals automatic {f['wrong_auto']} / "
        f"proposed {f['wrong_proposed']}, false holds {f['false_holds']}, other {f['other_errors']}, exception "
        f"precision {f['precision']} % recall {f['recall']} %, touchless {f['touchless']} %"
    )


def summarise(name: str, runs: Sequence[Run], classes: Sequence[str], report_path: Path | None) -> None:
    """Print the figures of a day-by-day eval's runs (per seed, all, per class, write-back faults) and
    write its report (figures, per seed, per class, every result) to `report_path`."""
    results = [r for run in runs for r in run.results]
    seeds = [run.seed for run in runs]
    print(f"{name}: {len(results)} test documents over seeds {seeds}")
    for run in runs:
        wb = f"write-back {run.writeback_checked - len(run.writeback_faults)}/{run.writeback_checked} right"
        print(f"  seed {run.seed}: {_line(figures(run.results))}; {wb}; {run.seconds:.0f} s")
    total = figures(results)
    faults = [f"seed {run.seed}: {f}" for run in runs for f in run.writeback_faults]
    checked = sum(run.writeback_checked for run in runs)
    print(f"  all: {_line(total)}; write-back {checked - len(faults)}/{checked} right")
    by_class: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_class[r.cls].append(r)
    print("  per class (right / documents; wrong: vendor:outcome[exceptions]):")
    for cls in classes:
        rows = by_class.get(cls, [])
        wrong = [
            f"{r.vendor}:{r.outcome}{'[' + ','.join(r.types) + ']' if r.types else ''}"
            for r in rows
            if not r.right
        ]
        print(f"    {cls:32s} {sum(r.right for r in rows)}/{len(rows)}  {'; '.join(wrong)}")
    for fault in faults:
        print(f"  write-back fault: {fault}")
    if report_path:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "seeds": seeds,
            "figures": total,
            "per_seed": {
                str(run.seed): {
                    **figures(run.results),
                    "seconds": round(run.seconds),
                    "established": run.established,
                    "arrival": run.arrival,
                    "final": run.final,
                    "writeback_checked": run.writeback_checked,
                    "writeback_faults": run.writeback_faults,
                }
                for run in runs
            },
            "per_class": {
                cls: {
                    "right": sum(r.right for r in by_class.get(cls, [])),
                    "documents": len(by_class.get(cls, [])),
                }
                for cls in classes
            },
            "results": [asdict(r) for r in results],
        }
        report_path.write_text(
            json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
        )


def main_of(
    name: str, doc: str | None, run_seed: Callable[[int, Path | None], Run], classes: Sequence[str]
) -> Callable[[Sequence[str] | None], int]:
    """`python -m evals.<name> --seeds 0 1 [--report PATH] [--keep DIR]` of a day-by-day eval."""

    def main(argv: Sequence[str] | None = None) -> int:
        parser = argparse.ArgumentParser(prog=f"python -m evals.{name}", description=doc)
        parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
        parser.add_argument("--report", type=Path)
        parser.add_argument(
            "--keep", type=Path, help="keep each seed's Tryton, data folder and documents here"
        )
        args = parser.parse_args(argv)
        runs = [run_seed(seed, args.keep) for seed in args.seeds]
        summarise(name, runs, list(classes), args.report)
        return 0

    return main
