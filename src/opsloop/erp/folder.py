"""Folder connector: the ERP's exports, one file per record type, CSV (`vendors.csv`) or XLSX
(`vendors.xlsx`, first sheet, header in row 1); columns are documented in fixtures/README.md.

Each file is a complete export of its record type, so a record missing from a newer export was deleted
in the ERP. The cursor is the file's content hash: an unchanged file is not read again.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from opsloop.erp.protocol import ConnectorUnavailable
from opsloop.erp.records import Pull, RecordType
from opsloop.erp.upsert import LoadReport, MirrorWriter, RowError

__all__ = ["FolderConnector", "LoadReport", "RowError", "load_folder", "read_export"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):  # spreadsheets store numbers as floats: keep the shortest exact text
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def _read_csv(path: Path) -> tuple[list[dict[str, str]], list[int]]:
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            rows.append({k: v for k, v in row.items() if k is not None and isinstance(v, str)})
            lines.append(reader.line_num)
    return rows, lines


def _read_xlsx(path: Path) -> tuple[list[dict[str, str]], list[int]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = [_cell(v) for v in next(values, ())]
        rows: list[dict[str, str]] = []
        lines: list[int] = []
        for number, raw in enumerate(values, start=2):
            if all(v is None for v in raw):
                continue
            rows.append({name: _cell(v) for name, v in zip(header, raw, strict=False) if name})
            lines.append(number)
        return rows, lines
    finally:
        workbook.close()


def export_path(folder: Path, record_type: RecordType) -> Path | None:
    """The export file for `record_type` in `folder` (CSV preferred), or None when there is none."""
    for suffix in (".csv", ".xlsx"):
        path = folder / f"{record_type.value}{suffix}"
        if path.is_file():
            return path
    return None


def read_export(path: Path, record_type: RecordType, *, cursor: str | None = None) -> Pull:
    """Read one export file; when its content hash equals `cursor` nothing is read (no rows)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if cursor == digest:
        return Pull(record_type=record_type, rows=[], cursor=digest, source=path.name)
    rows, lines = _read_xlsx(path) if path.suffix == ".xlsx" else _read_csv(path)
    return Pull(
        record_type=record_type, rows=rows, line_numbers=lines, source=path.name, cursor=digest, complete=True
    )


class FolderConnector:
    """Pulls the export files found in `folder` (missing ones are skipped)."""

    def __init__(self, folder: Path, *, name: str = "folder") -> None:
        self.folder = folder
        self.name = name

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
        return read_export(path, record_type, cursor=cursor)


def load_folder(session: Session, folder: Path) -> LoadReport:
    """Upsert every export found in `folder` into the mirror (no cursors, no deletions: a seed)."""
    writer = MirrorWriter.open(session)
    for record_type in RecordType:
        path = export_path(folder, record_type)
        if path is not None:
            writer.apply(read_export(path, record_type))
    return writer.report
