"""Drive opsloop against the company's Tryton, as an AP team would run it: opsloop's Tryton connector
syncs the ERP (`sync_source`, what `opsloop sync` runs), each supplier invoice is ingested and processed
(`ingest_and_process`), a clerk approves the history through the review API, approved actions are pushed
back to Tryton through the outbox (`push_outbox`, what `opsloop outbox push` runs), and what opsloop
decided and what reached Tryton are scored against the AP labels.

`python -m evals.decisions3 --seeds 0 1 --report PATH`
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from evals.decisions.runner import CLERK, _Api, _environment, observed
from evals.decisions3 import erp
from evals.decisions3.model import CLASSES, Case, Company
from evals.decisions3.render import render

CACHE = Path(__file__).resolve().parent.parent.parent / "var" / "decisions3"


def judge(case: Case, outcome: str) -> tuple[bool, str]:
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


@dataclass
class SeedRun:
    seed: int
    results: list[Result] = field(default_factory=list)
    established: dict[str, int] = field(default_factory=dict)
    writeback_faults: list[str] = field(default_factory=list)
    writeback_checked: int = 0
    seconds: float = 0.0


def _apply(company: Company, tryton: erp.Company, phase: str) -> None:
    """The ERP's day-to-day for one phase: parties, products, orders and events, in date order."""
    if phase == "setup":
        for vendor in company.vendors.values():
            tryton.party(
                vendor.key, vendor.code, vendor.name, vendor.vat, vendor.street, vendor.zip, vendor.city
            )
            if vendor.iban:
                tryton.bank_account(vendor.key, vendor.iban)
        for items in company.items.values():
            for item in items:
                tryton.product(item.sku, item.name, item.price, item.category)
    for event in [e for e in company.events if e.phase == phase and e.kind == "duplicate_party"]:
        v = company.vendors[event.vendor or ""]
        tryton.party("dup2", company.duplicate_code, v.name, v.vat, v.street, v.zip, v.city)
        if v.iban:
            tryton.share_account(v.key, "dup2")
    for order in sorted((o for o in company.orders if o.phase == phase), key=lambda o: o.issued):
        tryton.order(
            order.key, order.vendor, order.issued, order.currency,
            [{"sku": line.sku, "description": line.description, "quantity": line.quantity, "price": line.price,
              "unit": line.unit} for line in order.lines],
            order.tax,
        )  # fmt: skip
    for event in sorted(
        (e for e in company.events if e.phase == phase and e.kind != "duplicate_party"),
        key=lambda e: (e.when is None, e.when or 0),
    ):
        if event.kind == "receive":
            tryton.receive(event.order or "", event.when or company.orders[0].issued, event.share)
        elif event.kind == "return":
            tryton.return_goods(event.order or "", event.when or company.orders[0].issued)
        elif event.kind == "cancel_open":
            tryton.cancel_open(event.order or "")
        elif event.kind == "amend":
            change = event.share or {}
            tryton.amend(event.order or "", event.reference or "", event.when or company.orders[0].issued,
                         price=change.get("price"), quantity=change.get("quantity"))  # fmt: skip
        elif event.kind == "change_iban":
            tryton.change_iban(event.vendor or "", event.reference or "")
        elif event.kind == "deactivate":
            tryton.deactivate(event.vendor or "")
        elif event.kind == "key_in":
            tryton.key_in_invoice(
                event.order or "", event.reference or "", event.when or company.orders[0].issued
            )


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


class Opsloop(NamedTuple):
    """opsloop opened on the settings in force: its database, a clerk's API, the ERP's source and pusher."""

    settings: Any
    engine: Any
    api: _Api
    source: Any
    pusher: Any


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


def run_seed(seed: int, keep: Path | None = None, progress: bool = True) -> SeedRun:
    company = Company(seed)
    template_db, facts = erp.template(CACHE)
    with tempfile.TemporaryDirectory(prefix=f"opsloop-dec3-{seed}-") as tmp:
        root = keep / f"seed{seed}" if keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        with opsloop_on_tryton(root, template_db) as server:
            return _run(seed, company, erp.Company(server.client, facts), root, progress)


def _say(progress: bool, text: str) -> None:
    if progress:
        print(text, file=sys.stderr, flush=True)


def _run(seed: int, company: Company, tryton: erp.Company, root: Path, progress: bool) -> SeedRun:
    from sqlmodel import Session

    from opsloop.erp.sync import sync_source
    from opsloop.review.outbox import push_outbox
    from opsloop.service import ingest_and_process
    from opsloop.store.db import dispose_engines

    started = time.perf_counter()
    _apply(company, tryton, "setup")
    _say(progress, f"  seed {seed}: Tryton set up ({time.perf_counter() - started:.0f} s)")
    settings, engine, api, source, pusher = open_opsloop("decisions3-eval")
    mail = root / "mail"
    mail.mkdir(exist_ok=True)
    out = SeedRun(seed)
    documents: dict[str, tuple[int | None, str]] = {}

    def sync() -> None:
        report = sync_source(engine, source, settings.erp)
        if report.status == "failed":
            raise RuntimeError(f"sync failed: {report.error}")

    def push() -> None:
        with Session(engine) as session:
            push_outbox(session, pusher, limit=1000)

    def ingest(case: Case, n: int) -> None:
        body = render(case.doc, tryton.numbers.get(case.doc.po or ""))
        name = re.sub(r"[^A-Za-z0-9]+", "-", case.doc.number).strip("-")
        path = mail / f"{n:03d}_{name}.pdf"
        path.write_bytes(body)
        outcomes, _ = ingest_and_process(engine, settings, [path], move=False)
        documents[case.id] = (outcomes[0].document_id, outcomes[0].status.value)

    try:
        sync()
        history = sorted((c for c in company.cases if c.history), key=lambda c: c.doc.issued)
        for n, case in enumerate(history):
            ingest(case, n)
            _clerk(api, documents[case.id][0], case, out)
        push()
        _say(
            progress,
            f"  seed {seed}: history done, {len(history)} invoices ({time.perf_counter() - started:.0f} s)",
        )
        _apply(company, tryton, "test")
        sync()
        tests = [c for c in company.cases if not c.history]
        for n, case in enumerate(tests, start=len(history)):
            ingest(case, n)
        sync()
        _say(
            progress,
            f"  seed {seed}: test done, {len(tests)} invoices ({time.perf_counter() - started:.0f} s)",
        )
        seen: dict[str, tuple[str, frozenset[str], str, str | None]] = {}
        for case in tests:
            seen[case.id] = observed(api, engine, *documents[case.id])
        # a person's check: what opsloop proposes for payment and the AP label says to pay is approved
        approved = {c.id for c in tests if seen[c.id][0] == "auto_approve"}
        for case in tests:
            proposed = seen[case.id][0] == "proposed_approve" and case.label.decision == "approve"
            if proposed and _clerk(api, documents[case.id][0], case, out):
                approved.add(case.id)
        push()
        invoices = tryton.supplier_invoices()
        for case in tests:
            outcome, types, said, rule = seen[case.id]
            right, error = judge(case, outcome)
            check = _writeback(case, case.id in approved, invoices, tryton, company)
            if check:
                out.writeback_checked += 1
                if check != "ok":
                    out.writeback_faults.append(f"{case.id}: {check}")
            out.results.append(
                Result(
                    case.id,
                    case.cls,
                    case.vendor.key,
                    case.doc.number,
                    case.label.decision,
                    case.label.auto_ok,
                    outcome,
                    right,
                    error,
                    sorted(types),
                    said[:400],
                    rule,
                    case.label.why,
                    check,
                )
            )
    finally:
        api.close()
        engine.dispose()
        dispose_engines()
    out.seconds = time.perf_counter() - started
    return out


def _writeback(
    case: Case, approved: bool, invoices: list[dict[str, Any]], tryton: erp.Company, company: Company
) -> str:
    """What reached Tryton for the case's invoice: for an approved one exactly one draft supplier invoice from
    opsloop with its number, its supplier's party, its net as untaxed amount, its total as total, its currency,
    its PO and the PO's payment term; for any
    other, none."""
    mine = [i for i in invoices if i["opsloop"] and i["reference"] == case.doc.number]
    if not approved:
        return f"written for a {case.label.decision} case it did not approve: {mine}" if mine else ""
    if len(mine) != 1:
        return f"{len(mine)} opsloop invoices in Tryton (expected 1)"
    found = mine[0]
    party_code = company.duplicate_code if case.party == "dup2" else case.vendor.code
    faults = []
    if found["party"] != party_code:
        faults.append(f"party {found['party']} (expected {party_code})")
    if Decimal(found["untaxed"]) != case.doc.net:
        faults.append(f"untaxed {found['untaxed']} (invoice net {case.doc.net})")
    if Decimal(found["total"]) != case.doc.total:
        faults.append(f"total {found['total']} (invoice total {case.doc.total})")
    if found["currency"] != case.doc.currency:
        faults.append(f"currency {found['currency']} (invoice {case.doc.currency})")
    if found["over_ordered"]:
        faults.append(f"quantities beyond the PO's in Tryton: {'; '.join(found['over_ordered'])}")
    if found["po_terms"] and found["payment_term"] not in found["po_terms"]:
        faults.append(f"payment term {found['payment_term']} (the PO's {found['po_terms']})")
    po = tryton.numbers.get(case.doc.po or "")
    if po and found["purchases"] != [po]:
        faults.append(f"lines from purchases {found['purchases']} (expected {po})")
    return "; ".join(faults) or "ok"


def _clerk(api: _Api, document_id: int | None, case: Case, out: SeedRun) -> bool:
    """A clerk approves what opsloop proposes for payment (confirming when asked: checked by hand)."""
    if document_id is None:
        return False
    done = False
    for proposal in api.proposals_of(document_id):
        payload = proposal.get("payload") or {}
        if (
            proposal["kind"] == "invoice_approve"
            and payload.get("action") == "approve_payment"
            and proposal["state"] in ("pending", "edited")
        ):
            reason = "checked against PO and receipt"
            if api.decide(proposal["id"], proposal["version"], "approve", reason) is not None:
                api.decide(proposal["id"], proposal["version"], "approve", reason, confirmed=True)
            if case.history:
                out.established[case.vendor.key] = out.established.get(case.vendor.key, 0) + 1
            done = True
    return done


# ---------------------------------------------------------------------------- report


def figures(results: list[Result]) -> dict[str, Any]:
    n = len(results)
    errors = Counter(r.error for r in results if r.error)
    return {
        "cases": n,
        "accuracy": round(100 * sum(r.right for r in results) / n, 1) if n else 0.0,
        "wrong_auto": errors["wrong_auto"],
        "wrong_proposed": errors["wrong_proposed"],
        "false_holds": errors["false_hold"],
        "other_errors": n
        - sum(r.right for r in results)
        - errors["wrong_auto"]
        - errors["wrong_proposed"]
        - errors["false_hold"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.decisions3", description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--report", type=Path)
    parser.add_argument("--keep", type=Path, help="keep each seed's Tryton and data folders here")
    args = parser.parse_args(argv)
    runs = [run_seed(seed, args.keep) for seed in args.seeds]
    results = [r for run in runs for r in run.results]
    print(f"decisions3: {len(results)} cases over seeds {args.seeds}")
    for run in runs:
        f = figures(run.results)
        print(f"  seed {run.seed}: accuracy {f['accuracy']} %, wrong approvals automatic {f['wrong_auto']} / proposed "
              f"{f['wrong_proposed']}, false holds {f['false_holds']}, other {f['other_errors']}; write-back "
              f"{run.writeback_checked - len(run.writeback_faults)}/{run.writeback_checked} right; established "
              f"{len(run.established)} suppliers; {run.seconds:.0f} s")  # fmt: skip
    total = figures(results)
    wb_checked = sum(r.writeback_checked for r in runs)
    wb_faults = [f for r in runs for f in r.writeback_faults]
    print(f"  all: accuracy {total['accuracy']} %, wrong approvals automatic {total['wrong_auto']} / proposed "
          f"{total['wrong_proposed']}, false holds {total['false_holds']}, other {total['other_errors']}; "
          f"write-back {wb_checked - len(wb_faults)}/{wb_checked} right")  # fmt: skip
    by_class: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_class[r.cls].append(r)
    print("  per class (right / cases):")
    for cls in CLASSES:
        rows = by_class.get(cls, [])
        wrong = [
            f"{r.outcome}{'[' + ','.join(r.types) + ']' if r.types else ''}" for r in rows if not r.right
        ]
        print(f"    {cls:28s} {sum(r.right for r in rows)}/{len(rows)}  {'; '.join(wrong)}")
    for fault in wb_faults:
        print(f"  write-back fault: {fault}")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "seeds": args.seeds,
            "figures": total,
            "per_seed": {
                str(r.seed): {
                    **figures(r.results),
                    "seconds": round(r.seconds),
                    "established": r.established,
                    "writeback_checked": r.writeback_checked,
                    "writeback_faults": r.writeback_faults,
                }
                for r in runs
            },
            "per_class": {
                cls: {
                    "right": sum(r.right for r in by_class.get(cls, [])),
                    "cases": len(by_class.get(cls, [])),
                }
                for cls in CLASSES
            },
            "results": [asdict(r) for r in results],
        }
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0
