"""Every bank account of a supplier reaches the mirror: a folder export with one row per account or an
IBAN list column (CSV and XLSX as written by the csv module and openpyxl), and a database migrated from
the one-IBAN schema keeps the IBAN each vendor had. (Tryton's bank accounts: test_erp_tryton.py.)"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session, select

from opsloop.domain.erp import ExceptionType
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.erp.folder import FolderConnector
from opsloop.erp.sync import sync_source
from opsloop.reconcile import load_mirror, load_policy, reconcile_invoice
from opsloop.settings import ErpSettings
from opsloop.store import db
from opsloop.store import tables as t
from tests.erp.erp_helpers import base_export, gloves_invoice, write

FAST = ErpSettings(retry_attempts=1, retry_wait_seconds=0.0)
ACME_IBAN = "DE89370400440532013000"
FACTORING = "DE75512108001245126199"
USD_ACCOUNT = "GB33BUKB20201555555555"


def _paying_to(iban: str) -> InvoiceExtraction:
    invoice = gloves_invoice()
    return invoice.model_copy(update={"vendor": invoice.vendor.model_copy(update={"iban": iban})})


def _reconciled(erp_engine: Engine, invoice: InvoiceExtraction) -> set[ExceptionType]:
    with Session(erp_engine) as session:
        return reconcile_invoice(invoice, load_mirror(session), load_policy(session)).exception_types()


def _ibans(erp_engine: Engine) -> dict[str, tuple[str | None, list[str]]]:
    with Session(erp_engine) as session:
        return {v.erp_id: (v.iban, v.ibans) for v in session.exec(select(t.Vendor))}


def test_an_export_with_one_row_per_bank_account_keeps_every_account(
    tmp_path: Path, erp_engine: Engine
) -> None:
    # GIVEN a vendors export that repeats ACME once per bank account (as a join of suppliers and accounts)
    folder = tmp_path / "erp"
    base_export(folder)
    write(
        folder,
        "vendors.csv",
        f"""
erp_id,name,vat_id,iban,currency
V-ACME,ACME Fasteners GmbH,DE111111111,{ACME_IBAN},EUR
V-ACME,ACME Fasteners GmbH,DE111111111,DE75 5121 0800 1245 1261 99,EUR
V-OTHER,Other Supplies Ltd,,,EUR
""",
    )
    # WHEN synced
    report = sync_source(erp_engine, FolderConnector(folder), FAST, full=True)
    # THEN ACME is one vendor with both accounts, the first the one the ERP pays on
    assert report.status == "ok", report
    assert report.load.created["vendors"] == 2
    assert _ibans(erp_engine) == {"V-ACME": (ACME_IBAN, [ACME_IBAN, FACTORING]), "V-OTHER": (None, [])}
    # AND an invoice paying to the second account passes the bank check, one paying to neither is held
    assert ExceptionType.IBAN_CHANGED not in _reconciled(erp_engine, _paying_to(FACTORING))
    assert ExceptionType.IBAN_CHANGED in _reconciled(erp_engine, _paying_to("NL91ABNA0417164300"))
    # AND syncing the same rows again changes nothing
    again = sync_source(erp_engine, FolderConnector(folder), FAST, full=True)
    assert again.load.updated == {}, again.load


def test_an_iban_list_column_in_a_workbook_keeps_every_account(tmp_path: Path, erp_engine: Engine) -> None:
    # GIVEN a vendors workbook whose "IBANs" column lists ACME's three accounts in one cell
    folder = tmp_path / "erp"
    base_export(folder)
    (folder / "vendors.csv").unlink()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ERP ID", "Name", "VAT ID", "IBANs"])
    sheet.append(["V-ACME", "ACME Fasteners GmbH", "DE111111111", f"{ACME_IBAN}; {FACTORING};{USD_ACCOUNT}"])
    sheet.append(["V-OTHER", "Other Supplies Ltd", None, None])
    book.save(folder / "vendors.xlsx")
    # WHEN synced
    report = sync_source(erp_engine, FolderConnector(folder), FAST, full=True)
    # THEN ACME holds all three, in the export's order
    assert report.status == "ok", report
    assert _ibans(erp_engine)["V-ACME"] == (ACME_IBAN, [ACME_IBAN, FACTORING, USD_ACCOUNT])
    assert ExceptionType.IBAN_CHANGED not in _reconciled(erp_engine, _paying_to(USD_ACCOUNT))


def test_an_account_dropped_from_the_export_no_longer_passes(tmp_path: Path, erp_engine: Engine) -> None:
    # GIVEN ACME synced with two accounts
    folder = tmp_path / "erp"
    base_export(folder)
    write(
        folder,
        "vendors.csv",
        f"erp_id,name,vat_id,iban\nV-ACME,ACME Fasteners GmbH,DE111111111,{ACME_IBAN};{FACTORING}",
    )
    assert sync_source(erp_engine, FolderConnector(folder), FAST, full=True).status == "ok"
    # WHEN the ERP closes the factoring account and the next export lists only the first
    write(
        folder, "vendors.csv", f"erp_id,name,vat_id,iban\nV-ACME,ACME Fasteners GmbH,DE111111111,{ACME_IBAN}"
    )
    assert sync_source(erp_engine, FolderConnector(folder), FAST).load.updated == {"vendors": 1}
    # THEN an invoice paying to the closed account is held
    assert _ibans(erp_engine)["V-ACME"] == (ACME_IBAN, [ACME_IBAN])
    assert ExceptionType.IBAN_CHANGED in _reconciled(erp_engine, _paying_to(FACTORING))


def test_migrating_a_one_iban_database_keeps_each_vendors_iban(tmp_path: Path) -> None:
    # GIVEN a database at the schema before vendors held several accounts, with two vendors in it
    url = f"sqlite:///{tmp_path / 'old.db'}"
    db.upgrade(url, "0011")
    raw = create_engine(url)
    with raw.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO vendors (erp_id, name, iban, active, updated_at) VALUES "
                f"('V-ACME', 'ACME Fasteners GmbH', '{ACME_IBAN}', 1, '2026-01-01 00:00:00'), "
                "('V-OTHER', 'Other Supplies Ltd', NULL, 1, '2026-01-01 00:00:00')"
            )
        )
    raw.dispose()
    # WHEN it is migrated to the newest schema
    db.upgrade(url)
    # THEN no row is lost and each vendor's IBAN is its account on file
    erp_engine = db.make_engine(url)
    try:
        assert _ibans(erp_engine) == {"V-ACME": (ACME_IBAN, [ACME_IBAN]), "V-OTHER": (None, [])}
        with Session(erp_engine) as session:
            [acme] = [v for v in load_mirror(session).vendors.values() if v.erp_id == "V-ACME"]
        assert acme.accounts == (ACME_IBAN,)
    finally:
        erp_engine.dispose()
