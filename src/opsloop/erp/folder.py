"""Folder connector: the ERP's exports, one file per record type, CSV (`vendors.csv`) or XLSX
(`vendors.xlsx`, first sheet); columns are documented in docs/erp.md. Files are read as ERPs and
spreadsheets write them (encodings, delimiters, title rows, local numbers and dates: `tabular`); a file
that cannot be read safely raises `ExportUnreadable` and sync leaves that record type as it was.

Each file is a complete export of its record type, so a record missing from a newer export was deleted
in the ERP. The cursor is the file's content hash: an unchanged file is not read again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args
from zoneinfo import ZoneInfo

from sqlmodel import Session

from opsloop.erp.protocol import ConnectorUnavailable
from opsloop.erp.records import RECORD_CLASSES, Pull, RecordType
from opsloop.erp.tabular import ExportUnreadable, Kind, read_csv, read_xlsx
from opsloop.erp.upsert import LoadReport, MirrorWriter, RowError

__all__ = ["ExportUnreadable", "FolderConnector", "LoadReport", "RowError", "load_folder", "read_export"]


RATE_COLUMNS = frozenset({"holding_cost_rate"})
"""Number columns holding a fraction (0.25), so that `25 %` reads as 0.25; `tax_rate` is in percent."""
PERCENT_COLUMNS = frozenset({"tax_rate"})


def _kind(column: str, annotation: Any) -> Kind:
    if column in RATE_COLUMNS:
        return Kind.RATE
    if column in PERCENT_COLUMNS:
        return Kind.PERCENT
    types = set(get_args(annotation)) or {annotation}
    for kind, python in (
        (Kind.DATETIME, datetime),
        (Kind.DATE, date),
        (Kind.WHOLE, int),
        (Kind.NUMBER, Decimal),
    ):
        if python in types:
            return kind
    return Kind.TEXT


def export_columns(record_type: RecordType) -> tuple[dict[str, Kind], list[str]]:
    """The documented columns of `record_type`'s export with how each is read, and the required ones."""
    fields = RECORD_CLASSES[record_type].model_fields
    columns = {name: _kind(name, info.annotation) for name, info in fields.items()}
    return columns, [name for name, info in fields.items() if info.is_required()]


def export_path(folder: Path, record_type: RecordType) -> Path | None:
    """The export file for `record_type` in `folder` (CSV preferred), or None when there is none."""
    for suffix in (".csv", ".xlsx"):
        path = folder / f"{record_type.value}{suffix}"
        if path.is_file():
            return path
    return None


def read_export(
    path: Path, record_type: RecordType, *, cursor: str | None = None, timezone: str | None = None
) -> Pull:
    """Read one export file; when its content hash equals `cursor` nothing is read (no rows). An XLSX
    time without a UTC offset is read in `timezone` (the company's; unset, it is its row's error)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if cursor == digest:
        return Pull(record_type=record_type, rows=[], cursor=digest, source=path.name)
    columns, required = export_columns(record_type)
    if path.suffix == ".xlsx":
        table = read_xlsx(path, columns, required, zone=ZoneInfo(timezone) if timezone else None)
    else:
        table = read_csv(data, path.name, columns, required)
    return Pull(
        record_type=record_type,
        rows=table.rows,
        line_numbers=table.lines,
        row_errors=table.row_errors,
        notes=table.notes,
        source=path.name,
        cursor=digest,
        complete=True,
    )


class FolderConnector:
    """Pulls the export files found in `folder` (missing ones are skipped)."""

    def __init__(self, folder: Path, *, name: str = "folder", timezone: str | None = None) -> None:
        self.folder = folder
        self.name = name
        self.timezone = timezone

    def record_types(self) -> Sequence[RecordType]:
        return tuple(RecordType)

    def pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        if not self.folder.is_dir():
            raise ConnectorUnavailable(
                f"the ERP export folder {self.folder} does not exist",
                hint="Set OPSLOOP_ERP__FOLDER to the folder your ERP exports to.",
            )
        path = export_path(self.folder, record_type)
        if path is None:
            return Pull(record_type=record_type, rows=[], cursor=cursor, source=record_type.value)
        return read_export(path, record_type, cursor=cursor, timezone=self.timezone)


def load_folder(session: Session, folder: Path, *, timezone: str | None = None) -> LoadReport:
    """Upsert every export found in `folder` into the mirror (no cursors, no deletions: a seed)."""
    writer = MirrorWriter.open(session)
    for record_type in RecordType:
        path = export_path(folder, record_type)
        if path is None:
            continue
        try:
            pull = read_export(path, record_type, timezone=timezone)
        except ExportUnreadable as error:  # that type stays as it was
            writer.report.errors.append(RowError(file=error.file, line=0, message=error.message))
            continue
        writer.apply(pull)
    return writer.report
