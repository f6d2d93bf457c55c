"""The folder connector reads exports the way ERPs and spreadsheets on European PCs write them
(encodings, delimiters, title rows, local numbers and dates), through a real sync into the mirror, and
refuses a file whose numbers or dates allow two readings, leaving that record type as it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from opsloop.cli import app
from opsloop.erp.folder import FolderConnector
from opsloop.erp.sync import read_cursors, sync_source
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from opsloop.store.db import dispose_engines
from tests.erp.erp_helpers import migrated_engine

D = Decimal
FAST = ErpSettings(retry_attempts=1, retry_wait_seconds=0.0)
NBSP = "\u00a0"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def _bytes(folder: Path, name: str, lines: list[str], encoding: str) -> None:
    """A CSV as Excel writes it: CRLF line ends, in the given encoding (utf-16 carries its BOM)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes("\r\n".join([*lines, ""]).encode(encoding))


def _german_vendors_and_orders(folder: Path) -> None:
    # German Excel "CSV (Trennzeichen-getrennt)": Windows-1252, `;`, a title row, headers as people write them
    _bytes(
        folder,
        "vendors.csv",
        [
            "Kreditoren Export vom 31.12.2026;;;;",
            "ERP ID;Name;VAT ID;Payment-Terms Days;Kostenstelle",
            "V-MÜL;Müller Bürotechnik GmbH;DE222222222;30;4711",
        ],
        "cp1252",
    )
    _bytes(
        folder,
        "purchase_orders.csv",
        ["ERP_ID;Number;Vendor ERP ID;Order Date;Status", "PO10;PO-1003;V-MÜL;31.12.2026;Offen"],
        "cp1252",
    )


def _po_lines(session: Session) -> list[tuple[int, Decimal, Decimal, Decimal | None]]:
    return [
        (line.line_no, line.quantity, line.unit_price, line.tax_rate)
        for line in session.exec(select(t.PurchaseOrderLine).order_by(t.PurchaseOrderLine.line_no))  # type: ignore[arg-type]
    ]


def test_german_excel_csv_in_windows_1252_with_semicolons_and_a_title_row(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN exports saved by German Excel: cp1252, `;`, title row, `1.234,56` and `31.12.2026`
    folder = tmp_path / "erp"
    _german_vendors_and_orders(folder)
    _bytes(
        folder,
        "purchase_order_lines.csv",
        [
            "PO Number;Line No;SKU;Quantity;Unit Price;Tax Rate",
            "PO-1003;1;D-400;1.000;1.234,56;19",
            "PO-1003;2;D-401;2,5;0,99;7 %",
            "PO-1003;3;D-402;1;-1,00;19",
        ],
        "cp1252",
    )
    # WHEN synced
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN every row is in the mirror with its value, the fallback and the ignored column are said once
    assert report.status == "ok", report.load.errors
    with Session(engine) as session:
        vendor = session.exec(select(t.Vendor)).one()
        assert (vendor.erp_id, vendor.name, vendor.payment_terms_days) == (
            "V-MÜL",
            "Müller Bürotechnik GmbH",
            30,
        )
        order = session.exec(select(t.PurchaseOrder)).one()
        assert order.order_date == date(2026, 12, 31) and order.status == "open"  # "Offen"
        assert _po_lines(session) == [
            (1, D("1000"), D("1234.56"), D("19")),
            (2, D("2.5"), D("0.99"), D("7")),
            (3, D("1"), D("-1.00"), D("19")),
        ]
    assert "vendors.csv: not UTF-8, read as Windows-1252" in report.load.notes
    assert any(
        "vendors.csv: columns ignored" in note and "Kostenstelle" in note for note in report.load.notes
    )


def test_excel_unicode_text_utf16_tab_delimited_with_swiss_and_spaced_numbers(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN Excel's "Unicode text" (UTF-16 with BOM, tab-delimited) and a UTF-8-BOM `|` file
    folder = tmp_path / "erp"
    _bytes(
        folder,
        "items.csv",
        [
            "ERP ID\tSKU\tName\tUnit Cost\tHolding Cost Rate\tLead Time Days",
            "I-1\tD-400\tSchutzhandschuhe\tCHF 1'234.50\t25 %\t5",
            "I-2\tD-401\tKabel\t12.00 CHF\t0.2\t7",
        ],
        "utf-16",
    )
    _bytes(
        folder,
        "stock_levels.csv",
        ["SKU|On Hand|Reserved", f"D-400|1{NBSP}234,50|1,00-", "D-401|1 000,25|(2,00)"],
        "utf-8-sig",
    )
    # WHEN synced
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN thousands marks, currency beside the number, `%` of a fraction and trailing minus are read
    assert report.status == "ok", report.load.errors
    with Session(engine) as session:
        items = {i.sku: i for i in session.exec(select(t.Item))}
        assert items["D-400"].unit_cost == D("1234.50") and items["D-400"].holding_cost_rate == D("0.25")
        assert items["D-401"].unit_cost == D("12.00") and items["D-401"].holding_cost_rate == D("0.2")
        levels = {(s.item_id, s.on_hand, s.reserved) for s in session.exec(select(t.StockLevel))}
        assert levels == {
            (items["D-400"].id, D("1234.50"), D("-1.00")),
            (items["D-401"].id, D("1000.25"), D("-2.00")),
        }
    assert not report.load.notes


def test_xlsx_with_title_rows_number_and_date_cells(engine: Engine, tmp_path: Path) -> None:
    # GIVEN workbooks as Excel saves them: a title and a blank row above the header, headers in
    # another case, numbers, dates, a percentage-formatted rate and a date left as its serial number
    folder = tmp_path / "erp"
    folder.mkdir()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Einkauf: Bestellungen"])
    sheet.append([])
    sheet.append(["ERP-ID", "NUMBER", "Vendor ERP ID", "Order Date"])
    sheet.append(["PO10", "PO-1003", "V-1", datetime(2026, 12, 31)])  # a date cell
    sheet.append(["PO11", 1004, "V-1", 46387])  # Excel serial 46387 = 2026-12-31
    book.save(folder / "purchase_orders.xlsx")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Positionen"])
    sheet.append(["po number", "line no", "quantity", "unit price", "tax rate"])
    sheet.append(["PO-1003", 1, 20, 1234.5, 0.19])
    sheet.cell(row=3, column=5).number_format = "0%"
    sheet.append(["1004", 1, 3, "1.234,56", 7])
    book.save(folder / "purchase_order_lines.xlsx")
    (folder / "vendors.csv").write_text("erp_id,name\nV-1,Lieferant\n", encoding="utf-8")
    # WHEN synced
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN the cells' own values are kept (a 19 % cell is the rate 19) and the serial is a date
    assert report.status == "ok", report.load.errors
    with Session(engine) as session:
        orders = {o.number: o.order_date for o in session.exec(select(t.PurchaseOrder))}
        assert orders == {"PO-1003": date(2026, 12, 31), "1004": date(2026, 12, 31)}
        assert set(_po_lines(session)) == {
            (1, D("20"), D("1234.5"), D("19")),
            (1, D("3"), D("1234.56"), D("7")),
        }


def test_an_ambiguous_amount_fails_its_file_and_leaves_that_type_as_it_was(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a PO line already in the mirror from a good export
    folder = tmp_path / "erp"
    (folder).mkdir()
    (folder / "vendors.csv").write_text("erp_id,name\nV-1,Lieferant\n", encoding="utf-8")
    (folder / "purchase_orders.csv").write_text("erp_id,number,vendor_erp_id\nPO10,PO-1003,V-1\n", "utf-8")
    good = "po_number\tline_no\tquantity\tunit_price\nPO-1003\t1\t2\t10.50\n"
    (folder / "purchase_order_lines.csv").write_text(good, encoding="utf-8")
    assert sync_source(engine, FolderConnector(folder), FAST).status == "ok"
    with Session(engine) as session:
        cursor = read_cursors(session, "folder")["purchase_order_lines"]
    # WHEN the next export's price column reads `1,234` only (tab-delimited: either convention), and a
    # vendor's name changed in the same sync
    bad = 'po_number\tline_no\tquantity\tunit_price\nPO-1003\t1\t2\t"1,234"\nPO-1003\t2\t1\t2\n'
    (folder / "purchase_order_lines.csv").write_text(bad, encoding="utf-8")
    (folder / "vendors.csv").write_text("erp_id,name\nV-1,Lieferant GmbH\n", encoding="utf-8")
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN that file fails with one line naming file, column and value; its lines and cursor are kept;
    # the other types still sync
    assert report.status == "partial"
    assert [(e.file, e.line) for e in report.load.errors] == [("purchase_order_lines.csv", 0)]
    message = report.load.errors[0].message
    assert "'unit_price'" in message and "'1,234'" in message and "1234" in message and "1.234" in message
    assert report.load.updated == {"vendors": 1}
    with Session(engine) as session:
        assert _po_lines(session) == [(1, D("2"), D("10.50"), None)]
        assert read_cursors(session, "folder")["purchase_order_lines"] == cursor
    # AND `opsloop sync` prints that line, with no traceback
    monkeypatch.setenv("OPSLOOP_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("OPSLOOP_ERP__FOLDER", str(folder))
    monkeypatch.setenv("OPSLOOP_SCHEDULE__REPLAN", "")
    try:
        result = CliRunner().invoke(app, ["sync"])
    finally:
        dispose_engines()
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "purchase_order_lines.csv column 'unit_price': '1,234' could be" in " ".join(result.output.split())


def test_semicolon_files_write_decimal_commas(engine: Engine, tmp_path: Path) -> None:
    # GIVEN a `;` export whose only quantity is `1,234` (where `;` separates, `,` is the decimal mark)
    folder = tmp_path / "erp"
    _german_vendors_and_orders(folder)
    _bytes(
        folder,
        "purchase_order_lines.csv",
        ["po_number;line_no;quantity;unit_price", "PO-1003;1;1,234;2"],
        "utf-8",
    )
    # WHEN synced, THEN it is 1.234
    assert sync_source(engine, FolderConnector(folder), FAST).status == "ok"
    with Session(engine) as session:
        assert _po_lines(session) == [(1, D("1.234"), D("2"), None)]


def test_mixed_decimal_marks_and_undecidable_dates_fail_their_file(engine: Engine, tmp_path: Path) -> None:
    # GIVEN a price column with both conventions, and dates no value of which has a day above 12
    folder = tmp_path / "erp"
    folder.mkdir()
    (folder / "vendors.csv").write_text("erp_id,name\nV-1,L\n", encoding="utf-8")
    orders = "erp_id,number,vendor_erp_id,order_date\nPO1,1,V-1,03/04/2026\nPO2,2,V-1,05/06/2026\n"
    (folder / "purchase_orders.csv").write_text(orders, encoding="utf-8")
    lines = 'po_number,line_no,quantity,unit_price\n1,1,1,"1.234,56"\n1,2,1,"1,234.56"\n'
    (folder / "purchase_order_lines.csv").write_text(lines, encoding="utf-8")
    # WHEN synced
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN both files fail naming the column and an example; nothing of them reaches the mirror
    messages = {e.file: e.message for e in report.load.errors}
    assert (
        "'order_date'" in messages["purchase_orders.csv"]
        and "'03/04/2026'" in messages["purchase_orders.csv"]
    )
    assert "'unit_price' mixes decimal marks" in messages["purchase_order_lines.csv"]
    with Session(engine) as session:
        assert session.exec(select(t.PurchaseOrder)).all() == []
    # WHEN one date has a day above 12 in second place, THEN the column is month first
    orders += "PO3,3,V-1,12/31/2026\n"
    (folder / "purchase_orders.csv").write_text(orders, encoding="utf-8")
    sync_source(engine, FolderConnector(folder), FAST)
    with Session(engine) as session:
        dates = {o.number: o.order_date for o in session.exec(select(t.PurchaseOrder))}
    assert dates == {"1": date(2026, 3, 4), "2": date(2026, 5, 6), "3": date(2026, 12, 31)}


def test_dates_and_shift_times_in_other_writings(engine: Engine, tmp_path: Path) -> None:
    # GIVEN SAP's compact dates, French day-first dates and shifts with offsets in local writing
    folder = tmp_path / "erp"
    folder.mkdir()
    (folder / "vendors.csv").write_text("erp_id,name\nV-1,L\n", encoding="utf-8")
    (folder / "purchase_orders.csv").write_text(
        "erp_id;number;vendor_erp_id;order_date\nPO1;1;V-1;20261231\n", encoding="utf-8"
    )
    (folder / "goods_receipts.csv").write_text(
        "erp_id;number;po_number;received_date\nGR1;R1;1;31/12/2026\nGR2;R2;1;01/02/2027\n", encoding="utf-8"
    )
    (folder / "roster_shifts.csv").write_text(
        "erp_id;agent;starts_at;ends_at\n"
        "S1;ana;31.12.2026 08:00 +01:00;31.12.2026 16:30:00+0100\n"
        "S2;ben;2026-12-31T08:00:00Z;2026-12-31 12:00\n",
        encoding="utf-8",
    )
    # WHEN synced
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN each is the date or instant it says; a time without an offset is that row's error
    assert [(e.file, e.line) for e in report.load.errors] == [("roster_shifts.csv", 3)]
    assert "no UTC offset" in report.load.errors[0].message
    cet = timezone(timedelta(hours=1))
    with Session(engine) as session:
        assert session.exec(select(t.PurchaseOrder)).one().order_date == date(2026, 12, 31)
        received = {r.number: r.received_date for r in session.exec(select(t.GoodsReceipt))}
        assert received == {"R1": date(2026, 12, 31), "R2": date(2027, 2, 1)}
        shift = session.exec(select(t.RosterShift)).one()
        assert shift.starts_at.astimezone(UTC) == datetime(2026, 12, 31, 8, tzinfo=cet).astimezone(UTC)


def test_an_unreadable_value_is_its_rows_error_and_the_rest_is_imported(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN a `;` export with a price no convention reads and a second row that is fine
    folder = tmp_path / "erp"
    _german_vendors_and_orders(folder)
    _bytes(
        folder,
        "purchase_order_lines.csv",
        ["po_number;line_no;quantity;unit_price", "PO-1003;1;1;n/a", "PO-1003;2;1;1e5", "PO-1003;3;1;2,50"],
        "utf-8",
    )
    # WHEN synced, THEN both bad rows are reported with their lines (1e5 is no way an export writes
    # an amount) and the good one is imported
    report = sync_source(engine, FolderConnector(folder), FAST)
    assert [(e.file, e.line) for e in report.load.errors] == [
        ("purchase_order_lines.csv", 2),
        ("purchase_order_lines.csv", 3),
    ]
    assert "'unit_price': 'n/a' is not a number" in report.load.errors[0].message
    with Session(engine) as session:
        assert _po_lines(session) == [(3, D("1"), D("2.50"), None)]


def test_headers_in_the_erps_own_words_from_the_column_lexicon(engine: Engine, tmp_path: Path) -> None:
    # GIVEN a vendor export whose headers are a German ERP's ("USt-IdNr.", "Währung")
    folder = tmp_path / "erp"
    _bytes(
        folder,
        "vendors.csv",
        ["ERP ID;Name;USt-IdNr.;Währung", "V-1;Lieferant GmbH;DE 123 456 789;EUR"],
        "cp1252",
    )
    # WHEN synced, THEN they fill the documented columns
    assert sync_source(engine, FolderConnector(folder), FAST).status == "ok"
    with Session(engine) as session:
        vendor = session.exec(select(t.Vendor)).one()
        assert (vendor.vat_id, vendor.currency) == ("DE 123 456 789", "EUR")


def test_a_row_with_more_values_than_columns_is_refused_not_shifted(engine: Engine, tmp_path: Path) -> None:
    # GIVEN a comma-separated export whose prices were written with unquoted decimal commas
    folder = tmp_path / "erp"
    folder.mkdir()
    (folder / "vendors.csv").write_text("erp_id,name\nV-1,L\n", encoding="utf-8")
    (folder / "purchase_orders.csv").write_text("erp_id,number,vendor_erp_id\nPO1,1,V-1\n", encoding="utf-8")
    lines = "sep=,\npo_number,line_no,quantity,unit_price\n1,1,2,5,50\n1,2,2,7.25\n"
    (folder / "purchase_order_lines.csv").write_text(lines, encoding="utf-8")
    # WHEN synced, THEN that row is its line's error (not quantity 2 at 5) and the well-formed row is read
    report = sync_source(engine, FolderConnector(folder), FAST)
    assert [(e.file, e.line) for e in report.load.errors] == [("purchase_order_lines.csv", 3)]
    assert "5 values for 4 columns" in report.load.errors[0].message
    with Session(engine) as session:
        assert _po_lines(session) == [(2, D("2"), D("7.25"), None)]


def test_a_column_that_reads_two_ways_takes_the_mark_the_files_other_numbers_show(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN a tab-delimited export whose quantities are all `1.000`-like but whose prices show `,`, and a
    # comma-separated one whose quantities are `2.500` but whose prices show `.`
    folder = tmp_path / "erp"
    _german_vendors_and_orders(folder)
    lines = "po_number\tline_no\tquantity\tunit_price\nPO-1003\t1\t1.000\t1.234,56\nPO-1003\t2\t2.500\t3\n"
    (folder / "purchase_order_lines.csv").write_text(lines, encoding="utf-8")
    (folder / "items.csv").write_text("erp_id,sku,name,pack_size,unit_cost\nI-1,D-1,X,2.500,4.00\n", "utf-8")
    # WHEN synced, THEN each is read in its file's convention
    report = sync_source(engine, FolderConnector(folder), FAST)
    assert report.status == "ok", report.load.errors
    with Session(engine) as session:
        assert _po_lines(session) == [(1, D("1000"), D("1234.56"), None), (2, D("2500"), D("3"), None)]
        assert session.exec(select(t.Item)).one().pack_size == D("2.500")


def test_po_statuses_in_the_erps_own_words_and_one_it_does_not_know(engine: Engine, tmp_path: Path) -> None:
    # GIVEN a German export whose statuses are the ERP's words, one of them a custom workflow step
    folder = tmp_path / "erp"
    _german_vendors_and_orders(folder)
    _bytes(
        folder,
        "purchase_orders.csv",
        [
            "ERP_ID;Number;Vendor ERP ID;Order Date;Status",
            "PO10;PO-1003;V-MÜL;31.12.2026;Storniert",
            "PO11;PO-1004;V-MÜL;31.12.2026;Teilweise geliefert",
            "PO12;PO-1005;V-MÜL;31.12.2026;In Klärung",
        ],
        "cp1252",
    )
    # WHEN synced
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN the known words are the mirror's statuses, the unknown one is kept and said (it takes no invoice)
    assert report.status == "ok", report.load.errors
    with Session(engine) as session:
        statuses = {o.number: o.status for o in session.exec(select(t.PurchaseOrder))}
    assert statuses == {"PO-1003": "cancelled", "PO-1004": "partially_received", "PO-1005": "in_klärung"}
    assert any("PO-1005" in note and "'In Klärung'" in note for note in report.load.notes)
