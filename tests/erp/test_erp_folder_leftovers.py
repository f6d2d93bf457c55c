"""What real exports carry besides their records: two-digit years (read by the documented pivot, their
day/month order decided by the file's other dates, an undecidable file refused whole), times in a
workbook without a UTC offset (the company's timezone from settings), and a totals row at the end (left
out and said in the sync report). Files written by the csv module and openpyxl, synced for real."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.connectors import source_from_settings
from opsloop.erp.folder import FolderConnector
from opsloop.erp.sync import sync_source
from opsloop.settings import ErpSettings, Settings
from opsloop.store import tables as t

D = Decimal
FAST = ErpSettings(retry_attempts=1, retry_wait_seconds=0.0)


def _csv(folder: Path, name: str, rows: list[list[str]], delimiter: str = ";") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)


def _xlsx(folder: Path, name: str, rows: list[list[object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(folder / name)


def _orders(folder: Path, *dates: str) -> None:
    _csv(folder, "vendors.csv", [["erp_id", "name"], ["V-1", "Lieferant GmbH"]])
    _csv(
        folder,
        "purchase_orders.csv",
        [["erp_id", "number", "vendor_erp_id", "order_date"]]
        + [[f"PO{i}", f"PO-{i}", "V-1", day] for i, day in enumerate(dates)],
    )


def _order_dates(erp_engine: Engine) -> dict[str, date | None]:
    with Session(erp_engine) as session:
        return {o.number: o.order_date for o in session.exec(select(t.PurchaseOrder))}


# --------------------------------------------------------------------------- two-digit years


def test_two_digit_years_are_read_by_the_pivot_and_the_columns_other_dates_decide_the_order(
    erp_engine: Engine, tmp_path: Path
) -> None:
    # GIVEN dotted German short dates, and slashed ones whose day/month order one value (13/04/26) shows
    folder = tmp_path / "erp"
    _orders(folder, "31.12.26", "03/04/26", "13/04/26", "01.07.99")
    # WHEN synced
    report = sync_source(erp_engine, FolderConnector(folder), FAST)
    # THEN 26 is 2026 and 99 is 1999; 03/04/26 is the 3rd of April, as its column's 13/04/26 shows
    assert report.status == "ok", report.load.errors
    assert _order_dates(erp_engine) == {
        "PO-0": date(2026, 12, 31),
        "PO-1": date(2026, 4, 3),
        "PO-2": date(2026, 4, 13),
        "PO-3": date(1999, 7, 1),
    }


def test_the_files_other_date_column_decides_a_short_date_its_own_column_does_not(
    erp_engine: Engine, tmp_path: Path
) -> None:
    # GIVEN shifts whose start (12/04/26) reads as 12 April or 4 December, and whose end (13/04/26) is
    # day first: one program wrote both columns
    folder = tmp_path / "erp"
    _csv(
        folder,
        "roster_shifts.csv",
        [
            ["erp_id", "agent", "starts_at", "ends_at"],
            ["S1", "ana", "12/04/26 22:00 +02:00", "13/04/26 06:00 +02:00"],
        ],
    )
    # WHEN synced
    report = sync_source(erp_engine, FolderConnector(folder), FAST)
    # THEN the start is the 12th of April
    assert report.status == "ok", report.load.errors
    with Session(erp_engine) as session:
        shift = session.exec(select(t.RosterShift)).one()
    assert shift.starts_at.astimezone(UTC) == datetime(2026, 4, 12, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    ("written", "readings"),
    [
        (("03/04/26", "05/06/26"), "'03/04/26' could be 2026-04-03 or 2026-03-04"),
        (("26-12-31",), "'26-12-31' could be 2031-12-26 or 2026-12-31"),
    ],
)
def test_a_short_date_no_row_of_the_file_decides_fails_the_file_in_one_line_and_imports_none_of_it(
    erp_engine: Engine, tmp_path: Path, written: tuple[str, ...], readings: str
) -> None:
    # GIVEN orders whose short dates read two ways, and nothing in the file says which
    folder = tmp_path / "erp"
    _orders(folder, *written)
    # WHEN synced
    report = sync_source(erp_engine, FolderConnector(folder), FAST)
    # THEN the file fails with one line naming the column and both readings; no order is imported
    assert report.status == "partial"
    [error] = report.load.errors
    assert error.file == "purchase_orders.csv" and error.line == 0
    assert f"column 'order_date': {readings}" in error.message and "\n" not in error.message
    assert _order_dates(erp_engine) == {}


# --------------------------------------------------------------------------- workbook times


def _shifts_workbook(folder: Path) -> None:
    _xlsx(
        folder,
        "roster_shifts.xlsx",
        [
            ["ERP ID", "Agent", "Starts At", "Ends At"],
            ["S1", "ana", datetime(2026, 12, 31, 8, 0), datetime(2026, 12, 31, 16, 30)],  # winter: +01:00
            ["S2", "ben", datetime(2026, 7, 1, 8, 0), "2026-07-01 16:00"],  # summer: +02:00, a text cell
            ["S3", "cem", datetime(2026, 10, 25, 2, 30), datetime(2026, 10, 25, 9, 0)],  # 02:30 happens twice
        ],
    )


def test_workbook_times_without_an_offset_are_the_companys_timezone(
    erp_engine: Engine, tmp_path: Path
) -> None:
    # GIVEN shifts in a workbook (date-time cells hold no offset) and the company's timezone in settings
    folder = tmp_path / "erp"
    _shifts_workbook(folder)
    settings = Settings(data_dir=tmp_path / "data", erp=ErpSettings(folder=folder, timezone="Europe/Berlin"))
    # WHEN synced through the configured connector
    report = sync_source(erp_engine, source_from_settings(settings), FAST)
    # THEN each time is Berlin's (winter and summer time), and the one the clocks change in is its row's error
    with Session(erp_engine) as session:
        shifts = {s.erp_id: (s.starts_at, s.ends_at) for s in session.exec(select(t.RosterShift))}
    assert shifts["S1"][0] == datetime(2026, 12, 31, 7, 0, tzinfo=UTC)
    assert shifts["S2"] == (datetime(2026, 7, 1, 6, 0, tzinfo=UTC), datetime(2026, 7, 1, 14, 0, tzinfo=UTC))
    [error] = report.load.errors
    assert (error.file, error.line) == ("roster_shifts.xlsx", 4)
    assert "clocks change in Europe/Berlin" in error.message
    assert "S3" not in shifts


def test_without_a_timezone_a_workbook_time_is_its_rows_error_saying_what_to_set(
    erp_engine: Engine, tmp_path: Path
) -> None:
    # GIVEN the same workbook and no timezone configured
    folder = tmp_path / "erp"
    _shifts_workbook(folder)
    # WHEN synced
    report = sync_source(erp_engine, FolderConnector(folder), FAST)
    # THEN no time is guessed: each row says to set the company's timezone
    assert {e.line for e in report.load.errors} == {2, 3, 4}
    assert all("OPSLOOP_ERP__TIMEZONE" in e.message for e in report.load.errors)


def test_a_timezone_setting_that_names_no_timezone_is_refused() -> None:
    with pytest.raises(ValueError, match="no IANA timezone"):
        ErpSettings(timezone="Mitteleuropa")


# --------------------------------------------------------------------------- totals rows


def test_a_totals_row_at_the_end_is_left_out_and_said(erp_engine: Engine, tmp_path: Path) -> None:
    # GIVEN PO lines exported with a sum row at the end (its key columns empty, "Summe" as its label)
    folder = tmp_path / "erp"
    _orders(folder, "2026-03-01")
    _csv(
        folder,
        "purchase_order_lines.csv",
        [
            ["po_number", "line_no", "sku", "quantity", "unit_price"],
            ["PO-0", "1", "D-400", "20", "4,00"],
            ["PO-0", "2", "B-100", "100", "0,50"],
            ["Summe:", "", "", "120", "4,50"],
        ],
    )
    # WHEN synced
    report = sync_source(erp_engine, FolderConnector(folder), FAST)
    # THEN the two lines are imported, the sum row is no record and no error, and the report says so
    assert report.status == "ok", report.load.errors
    assert report.load.created["purchase_order_lines"] == 2
    assert (
        "purchase_order_lines.csv: line 4 skipped, a totals row ('Summe:'), not a record" in report.load.notes
    )
    with Session(erp_engine) as session:
        assert sorted(line.quantity for line in session.exec(select(t.PurchaseOrderLine))) == [D(20), D(100)]


def test_a_workbooks_total_row_labelled_in_a_column_no_export_has_is_left_out(
    erp_engine: Engine, tmp_path: Path
) -> None:
    # GIVEN vendors in a workbook with a position column, ending in a "Total" row there
    folder = tmp_path / "erp"
    _xlsx(
        folder,
        "vendors.xlsx",
        [
            ["Pos", "ERP ID", "Name", "Payment terms days"],
            [1, "V-1", "Lieferant GmbH", 30],
            [2, "V-2", "Fournisseur SA", 45],
            ["Total", None, None, 75],
        ],
    )
    # WHEN synced
    report = sync_source(erp_engine, FolderConnector(folder), FAST)
    # THEN two vendors, no error, and the totals row is said
    assert report.status == "ok", report.load.errors
    assert report.load.created == {"vendors": 2}
    assert any("line 4 skipped, a totals row ('Total')" in note for note in report.load.notes)


def test_only_the_totals_row_after_the_last_record_is_left_out(erp_engine: Engine, tmp_path: Path) -> None:
    # GIVEN a "Total" row in the middle of the export, a vendor named "Total", and a "Gesamt" row at the end
    folder = tmp_path / "erp"
    _csv(
        folder,
        "vendors.csv",
        [
            ["erp_id", "name"],
            ["V-1", "Lieferant GmbH"],
            ["Total", ""],
            ["V-2", "Fournisseur SA"],
            ["V-TOT", "Total"],
            ["Gesamt", ""],
        ],
    )
    # WHEN synced
    report = sync_source(erp_engine, FolderConnector(folder), FAST)
    # THEN the middle one is a row error (no name), the vendor named "Total" is a vendor, and only the
    # last row is left out as a totals row
    assert [(e.file, e.line) for e in report.load.errors] == [("vendors.csv", 3)]
    assert report.load.created == {"vendors": 3}
    assert [n for n in report.load.notes if "totals row" in n] == [
        "vendors.csv: line 6 skipped, a totals row ('Gesamt'), not a record"
    ]
