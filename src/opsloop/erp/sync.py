"""Sync: pull from a connector into the mirror, incrementally by cursor, and re-check held invoices.

One run is one transaction: either every record type the connector delivered is upserted (rows that
cannot be read are reported and skipped) and the cursors advance, or nothing changes and the run is
recorded as failed with the reason. An export file that cannot be read as a whole (`ExportUnreadable`)
is reported and its record type left as it was (cursor kept); the other types still sync. Transient failures are retried (tenacity) before that.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from opsloop.erp.identity import apply_identity_file, books_for
from opsloop.erp.protocol import ConnectorUnavailable, Source
from opsloop.erp.records import Pull, RecordType
from opsloop.erp.tabular import ExportUnreadable
from opsloop.erp.upsert import LoadReport, MirrorWriter, RowError
from opsloop.errors import OpsloopError
from opsloop.reconcile import queue_invoice_proposal, rereconcile_held
from opsloop.reconcile.history import recheck_amended
from opsloop.review.audit import append_event
from opsloop.review.autonomy import decide_released
from opsloop.settings import ErpSettings
from opsloop.store.tables import SyncCursor, SyncRun
from opsloop.store.types import utcnow

log = logging.getLogger(__name__)

ProgressCallback = Callable[[RecordType, int, int], None]
"""(record type just done, how many done, how many in all)."""


class SyncReport(BaseModel):
    run_id: int
    connector: str
    status: str
    """ok | partial | failed"""
    full: bool
    load: LoadReport
    duration_ms: int
    rechecked: int = 0
    released: int = 0
    error: str | None = None


def _pull_with_retry(source: Source, record_type: RecordType, cursor: str | None, erp: ErpSettings) -> Pull:
    retrying = Retrying(
        retry=retry_if_exception_type(ConnectorUnavailable),
        stop=stop_after_attempt(max(1, erp.retry_attempts)),
        wait=wait_exponential(multiplier=erp.retry_wait_seconds, max=max(erp.retry_wait_seconds * 8, 0.0)),
        reraise=True,
    )
    for attempt in retrying:
        with attempt:
            return source.pull(record_type, cursor)
    raise AssertionError("unreachable")  # pragma: no cover


def read_cursors(session: Session, connector: str) -> dict[str, str | None]:
    rows = session.exec(select(SyncCursor).where(SyncCursor.connector == connector)).all()
    return {row.record_type: row.cursor for row in rows}


def _save_cursor(session: Session, connector: str, record_type: RecordType, cursor: str | None) -> None:
    row = session.exec(
        select(SyncCursor).where(
            SyncCursor.connector == connector, SyncCursor.record_type == record_type.value
        )
    ).first()
    if row is None:
        row = SyncCursor(connector=connector, record_type=record_type.value)
    if row.cursor != cursor:
        row.cursor = cursor
        row.updated_at = utcnow()
    session.add(row)


def sync_source(
    engine: Engine,
    source: Source,
    erp: ErpSettings | None = None,
    *,
    full: bool = False,
    on_progress: ProgressCallback | None = None,
) -> SyncReport:
    """Pull every record type `source` offers (changed since the stored cursors, or all of them when
    `full`), upsert into the mirror, re-check held invoices that the new data concerns and queue their
    proposals. The run is recorded in `sync_runs` whatever happens; a connector failure does not raise."""
    erp = erp or ErpSettings()
    started = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session:
        run = SyncRun(connector=source.name, full=full)
        session.add(run)
        session.commit()
    assert run.id is not None
    load = LoadReport()
    errors: list[dict[str, Any]] = []
    rechecked = released = 0
    failure: str | None = None
    try:
        with Session(engine, expire_on_commit=False) as session:
            cursors = {} if full else read_cursors(session, source.name)
            writer = MirrorWriter.open(session)
            offered = set(source.record_types())
            wanted = [rt for rt in RecordType if rt in offered]
            for done, record_type in enumerate(wanted, start=1):
                before = len(writer.report.errors)
                try:
                    pulled = _pull_with_retry(source, record_type, cursors.get(record_type.value), erp)
                except ExportUnreadable as unreadable:
                    # that type stays as it was and its cursor does not advance: read again next time
                    writer.report.errors.append(
                        RowError(file=unreadable.file, line=0, message=unreadable.message)
                    )
                    errors.append({"record_type": record_type.value, **writer.report.errors[-1].model_dump()})
                    if on_progress is not None:
                        on_progress(record_type, done, len(wanted))
                    continue
                pull = books_for(pulled, erp.company)
                if pulled.rows and not pull.rows:  # a setting naming no company would silently forget us
                    writer.report.errors.append(
                        RowError(
                            file=pull.source or record_type.value,
                            line=0,
                            message=f"OPSLOOP_ERP__COMPANY={erp.company!r} names none of the ERP's companies",
                        )
                    )
                writer.apply(pull)
                if pull.complete and not writer.report.errors[before:]:
                    writer.remove_missing(pull)  # only from a clean complete set: a bad row is not a deletion
                _save_cursor(session, source.name, record_type, pull.cursor)
                if on_progress is not None:
                    on_progress(record_type, done, len(wanted))
                for error in writer.report.errors[before:]:
                    errors.append({"record_type": record_type.value, **error.model_dump()})
            before = len(writer.report.errors)
            apply_identity_file(writer, erp.identity)  # the configured entities, read at every sync
            errors.extend(
                {"record_type": RecordType.COMPANIES.value, **e.model_dump()}
                for e in writer.report.errors[before:]
            )
            session.flush()
            load = writer.report
            checked: set[int] = set()
            if writer.touched_po_numbers or writer.touched_vendor_ids or writer.companies_changed:
                # who we are changed: every held invoice is checked again (its buyer may be ours now)
                checks = rereconcile_held(
                    session,
                    po_numbers=None if writer.companies_changed else sorted(writer.touched_po_numbers),
                    vendor_ids=None if writer.companies_changed else sorted(writer.touched_vendor_ids),
                )
                for check in checks:
                    queued = queue_invoice_proposal(session, check.proposal, actor=f"sync:{source.name}")
                    if check.released:
                        append_event(
                            session,
                            f"sync:{source.name}",
                            "invoice.released",
                            check.proposal.subject_key,
                            {
                                "invoice_id": check.invoice_id,
                                "previous_exceptions": check.previous_exceptions,
                                "reason": "ERP data synced since it was held now matches",
                                "sync_run": run.id,
                            },
                        )
                        # decided as if it had arrived matched: the same autonomy policy and guards
                        decide_released(session, queued)
                rechecked = len(checks)
                released = sum(1 for check in checks if check.released)
                checked = {check.invoice_id for check in checks}
            if writer.amended_po_numbers:
                # matched and approved invoices were checked against the PO as it stood (those just
                # released by this sync were checked against the amended one)
                rechecked += len(
                    recheck_amended(
                        session,
                        sorted(writer.amended_po_numbers),
                        actor=f"sync:{source.name}",
                        skip=checked,
                        invoice_states=getattr(source, "invoice_states", None),
                    )
                )
            session.commit()
    except Exception as error:  # recorded, never raised: the scheduler and other connectors go on
        failure = error.message if isinstance(error, OpsloopError) else f"{type(error).__name__}: {error}"
        log.warning("sync of %s failed: %s", source.name, failure)
        load = LoadReport()
        errors = [{"record_type": None, "message": failure}]
    duration_ms = round((time.perf_counter() - started) * 1000)
    status = "failed" if failure else ("partial" if errors else "ok")
    with Session(engine, expire_on_commit=False) as session:
        saved = session.get(SyncRun, run.id)
        assert saved is not None
        saved.status = status
        saved.finished_at = utcnow()
        saved.duration_ms = duration_ms
        saved.counts = {
            "created": load.created,
            "updated": load.updated,
            "deleted": load.deleted,
            "rechecked": rechecked,
            "released": released,
            "notes": load.notes,
        }
        saved.errors = errors
        session.add(saved)
        session.commit()
    return SyncReport(
        run_id=run.id,
        connector=source.name,
        status=status,
        full=full,
        load=load,
        duration_ms=duration_ms,
        rechecked=rechecked,
        released=released,
        error=failure,
    )


def sync_sources(
    engine: Engine,
    sources: Sequence[Source],
    erp: ErpSettings | None = None,
    *,
    full: bool = False,
    on_progress: ProgressCallback | None = None,
) -> list[SyncReport]:
    """Sync each source in turn; one that fails is recorded and the rest still run."""
    return [sync_source(engine, source, erp, full=full, on_progress=on_progress) for source in sources]


def recent_runs(engine: Engine, limit: int = 20) -> list[SyncRun]:
    with Session(engine) as session:
        return list(session.exec(select(SyncRun).order_by(col(SyncRun.id).desc()).limit(limit)))
