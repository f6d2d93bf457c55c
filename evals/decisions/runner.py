"""Drive opsloop through one generated company as a new AP team would, and read what it decided.

Only public entry points: a fresh data folder, the folder connector's export files and a sync (what
`opsloop sync` runs), each document ingested and processed (what `opsloop ingest` runs), a clerk
account with an API token (`opsloop users add` / `users token`), and the review API
(`GET /api/proposals`, `GET /api/proposals/{id}`, `POST /api/proposals/{id}/decide`) to read
proposals and to approve the history invoices. Nothing of opsloop's parsing, matching or
reconciling is imported.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from evals.decisions.company import Company, day_date
from evals.decisions.scenarios import Case, build_cases
from evals.decisions.vocabulary import Outcome

CLERK = "ap-clerk"
PAYMENT_KINDS = ("invoice_approve", "invoice_hold", "invoice_request_credit_note")


class Renderer(Protocol):
    """What the runner needs from evals/synth/render.py."""

    def can_render(self, fmt: str) -> bool: ...

    def render(self, case: Case, fmt: str) -> bytes: ...


class SynthRenderer:
    """The shared renderers of evals/synth (render_pdf / render_ubl / render_cii / render_facturx)."""

    def __init__(self) -> None:
        from evals.synth import render

        self.module = render
        self.layouts: tuple[str, ...] = tuple(getattr(render, "LAYOUTS", ()))
        self.locales: tuple[str, ...] = tuple(getattr(render, "LOCALES", ()))

    def can_render(self, fmt: str) -> bool:
        if fmt in ("ubl", "cii"):
            return True
        return bool(self.layouts)

    def render(self, case: Case, fmt: str) -> bytes:
        invoice = case.invoice
        locale = next((loc for loc in case.vendor.locales if loc in self.locales), None)
        if locale is not None and locale != invoice.locale:
            invoice = replace(invoice, locale=locale)
        if fmt == "ubl":
            return bytes(self.module.render_ubl(invoice))
        if fmt == "cii":
            return bytes(self.module.render_cii(invoice))
        layout = self.layout_for(case)
        if fmt == "facturx":
            return bytes(self.module.render_facturx(invoice, layout))
        return bytes(self.module.render_pdf(invoice, layout))

    def layout_for(self, case: Case) -> str:
        """The vendor's own layout, or one that prints what the case is about (`layout_feature`)."""
        layouts = self.layouts
        if case.layout_feature is not None:
            fitting = tuple(name for name in layouts if case.layout_feature in self._features(name))
            layouts = fitting or layouts
        return layouts[case.layout_slot % len(layouts)]

    def _features(self, layout: str) -> set[str]:
        try:
            from evals.synth.pdf import LAYOUT_SPECS
        except ImportError:
            return set()
        spec = LAYOUT_SPECS.get(layout)
        if spec is None:
            return set()
        return set(spec.columns) | ({"recipient_label"} if spec.recipient_label else set())


def synth_renderer() -> SynthRenderer | None:
    """The shared renderer, or None when evals/synth/render.py is not there."""
    try:
        return SynthRenderer()
    except ImportError:
        return None


# ---------------------------------------------------------------------------- observations


@dataclass
class Observation:
    """What opsloop did with one case's document."""

    case_id: str
    outcome: Outcome
    types: frozenset[str] = frozenset()
    """opsloop's exception types on the document's current proposal."""
    document_id: int | None = None
    ingest: str = ""
    state: str | None = None
    said: str = ""
    """opsloop's own words: the proposal's summary and its exceptions' sentences (or the failure reason)."""
    rule: str | None = None
    """The autonomy rule that approved it, for automatic approvals."""
    fmt: str = ""
    layout: str | None = None
    waiting: str = ""
    """Why the document waits for a person, in opsloop's words (its last state change's reason: the
    autonomy guards that held it), for the touchless misses in the report."""


@dataclass
class CompanyRun:
    seed: int
    cases: list[Case]
    observations: dict[str, Observation]
    skipped: dict[str, str] = field(default_factory=dict)
    """Case id -> why it could not be run (e.g. no PDF renderer)."""
    established: dict[str, int] = field(default_factory=dict)
    """Vendor ERP id -> history invoices the clerk could approve (opsloop proposed them for payment)."""
    seconds: float = 0.0
    documents: int = 0
    confirmations: list[dict[str, Any]] = field(default_factory=list)
    """History approvals the API asked the clerk to confirm (case id, the summary it showed)."""


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """opsloop reads its settings from OPSLOOP_* variables: set ours, hide the caller's, restore."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("OPSLOOP_")}
    for key in saved:
        del os.environ[key]
    os.environ.update(values)
    try:
        yield
    finally:
        for key in [k for k in os.environ if k.startswith("OPSLOOP_")]:  # ours, and a day set since (on_day)
            del os.environ[key]
        os.environ.update(saved)


def on_day(day: date) -> None:
    """opsloop's clock on the eval's calendar: `day` is today for what opsloop decides from now on (as the
    machine's clock is in use; `OPSLOOP_TODAY`, read at every decision; `_environment` clears it on leaving)."""
    os.environ["OPSLOOP_TODAY"] = day.isoformat()


def _file_name(case: Case, fmt: str, sequence: int) -> str:
    number = re.sub(r"[^A-Za-z0-9]+", "-", case.invoice.number).strip("-")
    suffix = "xml" if fmt in ("ubl", "cii") else "pdf"
    return f"{sequence:03d}_{number}.{suffix}"


class _Api:
    """The review API, in process (FastAPI's test client), as the clerk."""

    def __init__(self, settings: Any, engine: Any, token: str) -> None:
        from fastapi.testclient import TestClient

        from opsloop.web.app import create_app

        self.client = TestClient(create_app(settings, engine=engine))
        self.client.__enter__()
        self.headers = {"Authorization": f"Bearer {token}"}

    def close(self) -> None:
        self.client.__exit__(None, None, None)

    def get(self, path: str, **params: Any) -> Any:
        response = self.client.get(path, params=params, headers=self.headers)
        response.raise_for_status()
        return response.json()

    def decide(
        self,
        proposal_id: int,
        version: int,
        action: str,
        reason: str,
        *,
        confirmed: bool = False,
        extra: dict[str, Any] | None = None,
    ) -> list[str] | None:
        """The decision, as the API takes it (`extra`: more of the request's fields, e.g.
        `remember_recurring`). A 428 (the API asks for a confirmation, nothing changed) is returned as its
        summary for the caller to read; any other refusal raises."""
        body: dict[str, Any] = {
            "action": action,
            "reason": reason,
            "expected_version": version,
            **(extra or {}),
        }
        if confirmed:
            body["confirmed"] = True
        response = self.client.post(f"/api/proposals/{proposal_id}/decide", json=body, headers=self.headers)
        if response.status_code == 428 and not confirmed:
            return [str(line) for line in response.json().get("summary") or []]
        response.raise_for_status()
        return None

    def proposals_of(self, document_id: int) -> list[dict[str, Any]]:
        listed = self.get("/api/proposals", state="all", per_page=1000)["items"]
        return [
            self.get(f"/api/proposals/{p['id']}")
            for p in listed
            if p["document_id"] == document_id and p["kind"] in PAYMENT_KINDS
        ]


def observed(
    api: _Api, engine: Any, document_id: int | None, ingest: str
) -> tuple[Outcome, frozenset[str], str, str | None]:
    """`outcome_of` one ingested document: its payment proposals from the review API, its state from the store."""
    from sqlmodel import Session

    from opsloop.store.tables import Document

    proposals = api.proposals_of(document_id) if document_id is not None else []
    state = None
    if document_id is not None:
        with Session(engine) as session:
            row = session.get(Document, document_id)
            state = row.state if row is not None else None
    return outcome_of(ingest, state, proposals)


def outcome_of(
    ingest: str, state: str | None, proposals: list[dict[str, Any]]
) -> tuple[Outcome, frozenset[str], str, str | None]:
    """What opsloop decided for one document: (outcome, exception types, its words, autonomy rule)."""
    if ingest == "duplicate":
        return "dropped", frozenset({"duplicate"}), "the same file was received before", None
    if ingest != "accepted" or state in ("failed", "quarantined", "needs_ocr"):
        return "failed", frozenset(), f"{ingest} / {state}", None
    for p in proposals:
        if p["kind"] == "invoice_approve" and (p["payload"] or {}).get("action") == "approve_payment":
            autos = [d for d in p["decisions"] if d.get("action") == "approve" and d.get("autonomy_rule")]
            if autos and p["state"] in ("approved", "executed"):
                types, said = _exceptions(p)
                return "auto_approve", types, said, str(autos[0]["autonomy_rule"])
    live = [p for p in proposals if p["state"] != "superseded"]
    if not live:
        return "none", frozenset(), f"no proposal (document {state})", None
    current = max(live, key=lambda p: p["id"])
    types, said = _exceptions(current)
    action = (current.get("payload") or {}).get("action")
    if current["kind"] == "invoice_approve" and action == "book_credit_note":
        return "credit", types, said, None
    if current["kind"] == "invoice_approve" and current["state"] in (
        "pending",
        "edited",
        "approved",
        "executed",
        "failed",
    ):
        return "proposed_approve", types, said, None
    return "hold", types, said, None


def _exceptions(proposal: dict[str, Any]) -> tuple[frozenset[str], str]:
    """The exception types in a proposal's working, and its words (summary, then any sentence of an
    exception the summary does not already say)."""
    working = proposal.get("working") or {}
    exceptions = [e for e in working.get("exceptions") or [] if isinstance(e, dict)]
    summary = str(proposal.get("summary") or "")
    sentences = [str(e.get("sentence") or "") for e in exceptions]
    said = " | ".join([summary, *(x for x in dict.fromkeys(sentences) if x and x not in summary)])
    return frozenset(str(e.get("type")) for e in exceptions), said


def run_company(
    seed: int,
    renderer: Renderer,
    *,
    quick: bool = False,
    vendors: int = 12,
    workdir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> CompanyRun:
    """Generate company `seed`, run its whole timeline through opsloop, observe every case."""
    company = Company(seed, vendors=vendors)
    cases = build_cases(company, quick=quick)
    with tempfile.TemporaryDirectory(prefix=f"opsloop-decisions-{seed}-") as tmp:
        root = workdir or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        data = root / "data"
        env = {
            "OPSLOOP_DATA_DIR": str(data),
            "OPSLOOP_ERP__CONNECTOR": "folder",
            "OPSLOOP_ERP__FOLDER": str(data / "erp"),
            "OPSLOOP_RUNNER__MODE": "inprocess",
        }
        with _environment(env):
            return _run(seed, company, cases, renderer, root, progress)


def _run(
    seed: int,
    company: Company,
    cases: list[Case],
    renderer: Renderer,
    root: Path,
    progress: Callable[[str], None] | None,
) -> CompanyRun:
    from decimal import Decimal

    from sqlmodel import Session, col, select

    from opsloop.erp.connectors import source_from_settings
    from opsloop.erp.sync import sync_source
    from opsloop.review.accounts import Role, create_user, issue_token
    from opsloop.service import ingest_and_process
    from opsloop.settings import Settings
    from opsloop.store.db import dispose_engines, open_database, session_scope
    from opsloop.store.tables import Document, DocumentEvent

    started = time.perf_counter()
    settings = Settings(_env_file=None)  # only the variables set here, never a .env in the cwd
    settings.ensure_dirs()
    engine = open_database(settings)
    with session_scope(engine) as session:
        clerk = create_user(
            session, CLERK, "eval-clerk-password", Role.APPROVER, approval_limit=Decimal("1000000")
        )
        token = issue_token(session, clerk, "decisions-eval")
    api = _Api(settings, engine, token)
    run = CompanyRun(seed=seed, cases=cases, observations={})
    mail = root / "mail"
    mail.mkdir(exist_ok=True)
    sent: dict[str, tuple[bytes, str]] = {}
    documents: dict[str, tuple[int | None, str]] = {}
    erp_folder = settings.erp_folder
    source = source_from_settings(settings)

    def state_of(document_id: int) -> tuple[str | None, str]:
        """The document's state, as `opsloop docs` lists it, and the reason of its last state change
        (`opsloop docs --events` shows it)."""
        with Session(engine) as session:
            document = session.get(Document, document_id)
            if document is None:
                return None, ""
            last = session.exec(
                select(DocumentEvent)
                .where(DocumentEvent.document_id == document_id)
                .order_by(col(DocumentEvent.id).desc())
                .limit(1)
            ).first()
            return document.state, (last.reason or "") if last is not None else ""

    try:
        days = sorted({c.day for c in cases} | {max(c.day for c in cases) + 1})
        last_day = days[-1]
        day_index = 0
        for day in range(min(days) - 1, last_day + 1):
            on_day(day_date(day))
            if company.write_export(erp_folder, day):
                report = sync_source(engine, source, settings.erp)
                if report.status == "failed":
                    raise RuntimeError(f"sync failed on day {day}: {report.error}")
            todays = [c for c in cases if c.day == day]
            for case in todays:
                day_index += 1
                fmt = case.fmt
                if case.resend_of is not None:
                    if case.resend_of not in sent:
                        run.skipped[case.id] = f"the file it re-sends ({case.resend_of}) was not sent"
                        continue
                    body, fmt = sent[case.resend_of]
                else:
                    if not renderer.can_render(fmt):
                        if fmt == "pdf" and _needs_pdf(case):
                            run.skipped[case.id] = (
                                "no PDF renderer (evals/synth/render.py has no layouts yet)"
                            )
                            continue
                        fmt = _xml_stand_in(case, fmt)
                    body = renderer.render(case, fmt)
                sent[case.id] = (body, fmt)
                path = mail / _file_name(case, fmt, day_index)
                path.write_bytes(body)
                outcomes, _states = ingest_and_process(engine, settings, [path], move=False)
                outcome = outcomes[0]
                documents[case.id] = (outcome.document_id, outcome.status.value)
                run.documents += 1
                if case.observe == "arrival":
                    run.observations[case.id] = _observe(
                        api, state_of, case, outcome.document_id, outcome.status.value, fmt, renderer
                    )
            # the clerk's day: approve what opsloop proposes for payment among the history invoices
            for case in todays:
                if case.history and case.id in documents:
                    document_id, status = documents[case.id]
                    if document_id is not None and status == "accepted":
                        _clerk_approves(api, document_id, case, run)
            if progress is not None and todays:
                progress(f"seed {seed}: day {day}, {run.documents} documents")
        for case in cases:
            if case.id in documents and case.id not in run.observations:
                document_id, status = documents[case.id]
                run.observations[case.id] = _observe(
                    api, state_of, case, document_id, status, sent[case.id][1], renderer
                )
    finally:
        api.close()
        engine.dispose()
        dispose_engines()
    run.seconds = time.perf_counter() - started
    return run


def _xml_stand_in(case: Case, fmt: str) -> str:
    """Without a PDF renderer a PDF vendor sends UBL, a Factur-X vendor CII; a re-rendered duplicate
    takes the other one so that its bytes differ from the original's."""
    if case.cls == "duplicate_rerendered":
        return "cii" if case.vendor.fmt in ("pdf", "ubl") else "ubl"
    return "ubl" if fmt == "pdf" else "cii"


def _needs_pdf(case: Case) -> bool:
    """Cases whose point is how a PDF prints something (a PO number in groups, a column, a rounding)."""
    return (case.fmt == "pdf" and case.fmt != case.vendor.fmt) or case.cls in _PDF_CLASSES


_PDF_CLASSES = frozenset(
    {
        "po_printed_with_spaces",
        "po_printed_with_item_suffix",
        "po_several",
        "buyer_item_id_pdf",
        "position_column",
        "wrapped_description",
        "rounded_unit_price",
    }
)


def _observe(
    api: _Api,
    state_of: Callable[[int], tuple[str | None, str]],
    case: Case,
    document_id: int | None,
    ingest: str,
    fmt: str,
    renderer: Renderer,
) -> Observation:
    state = None
    waiting = ""
    proposals: list[dict[str, Any]] = []
    if document_id is not None:
        proposals = api.proposals_of(document_id)
        state, waiting = state_of(document_id)
    outcome, types, said, rule = outcome_of(ingest, state, proposals)
    layout_for = getattr(renderer, "layout_for", None)
    layout = layout_for(case) if layout_for is not None and fmt in ("pdf", "facturx") else None
    return Observation(
        case_id=case.id,
        outcome=outcome,
        types=types,
        document_id=document_id,
        ingest=ingest,
        state=state,
        said=said,
        rule=rule,
        fmt=fmt,
        layout=layout,
        waiting=waiting if state == "in_review" else "",
    )


def open_payment_proposals(api: _Api, document_id: int) -> list[dict[str, Any]]:
    """The document's proposals to pay it that still wait for a person."""
    return [
        p
        for p in api.proposals_of(document_id)
        if p["kind"] == "invoice_approve"
        and (p.get("payload") or {}).get("action") == "approve_payment"
        and p["state"] in ("pending", "edited")
    ]


def _clerk_approves(api: _Api, document_id: int, case: Case, run: CompanyRun) -> None:
    """A clerk approves the history invoice when opsloop proposes it for payment (and only then).

    When the API asks for a confirmation (428: above the confirmation amount, or against a failed
    check), the clerk does what a person at the screen does: reads the summary and confirms only
    because their own check of the paper against PO and receipt found the invoice right (the case's
    label). The confirmation goes through the API's contract (`confirmed: true` on a second request);
    nothing is bypassed, and each one is counted (`CompanyRun.confirmations`)."""
    reason = "checked against PO and receipt"
    for proposal in open_payment_proposals(api, document_id):
        summary = api.decide(proposal["id"], proposal["version"], "approve", reason)
        if summary is not None:
            if case.label.decision != "approve":
                continue  # the clerk's own check disagrees: no confirmation, it stays open
            run.confirmations.append({"case": case.id, "summary": summary})
            api.decide(proposal["id"], proposal["version"], "approve", reason, confirmed=True)
        run.established[case.vendor.erp_id] = run.established.get(case.vendor.erp_id, 0) + 1
