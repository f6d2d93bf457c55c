"""Who "we" are, synced into the mirror: the folder connector's `companies` export (several entities,
aliases and VAT ids), the company opsloop books for when the ERP keeps several, the configured identity
file, and entities the ERP or the file no longer lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.invoices import BuyerExtraction
from opsloop.erp.folder import FolderConnector
from opsloop.erp.identity import IdentityFileError, read_identity_file
from opsloop.erp.sync import sync_source
from opsloop.reconcile import load_mirror
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import (
    base_export,
    gloves_invoice,
    hold_extraction,
    migrated_engine,
    proposals_for,
    receipt_export,
    write,
)

FAST = ErpSettings(retry_attempts=1, retry_wait_seconds=0.0)
COMPANIES = """
erp_id,name,aliases,vat_ids,address
C1,Nordwind Handels GmbH,Nordwind Handel & Vertrieb GmbH; NWH,DE 999 999 999; ATU12345678,"Hafenstraße 1, 20457 Hamburg"
C2,Nordwind Service GmbH,,DE888888888,"Lagerweg 4, 34117 Kassel"
"""


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


def _active(engine: Engine) -> dict[str, t.Company]:
    with Session(engine) as session:
        return {c.erp_id: c for c in session.exec(select(t.Company).where(t.Company.active == True))}  # noqa: E712


def test_the_companies_export_is_our_identity_in_the_mirror(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "erp"
    write(folder, "companies.csv", COMPANIES)
    report = sync_source(engine, FolderConnector(folder), FAST)
    assert report.status == "ok" and report.load.created["companies"] == 2
    ours = _active(engine)
    assert ours["C1"].aliases == ["Nordwind Handel & Vertrieb GmbH", "NWH"]
    assert ours["C1"].vat_ids == ["DE999999999", "ATU12345678"]
    with Session(engine) as session:
        mirror = load_mirror(session)
    assert [c.name for c in mirror.companies] == ["Nordwind Handels GmbH", "Nordwind Service GmbH"]
    # WHEN the ERP no longer lists the second entity THEN it is no longer ours
    write(
        folder, "companies.csv", COMPANIES.strip().splitlines()[0] + "\n" + COMPANIES.strip().splitlines()[1]
    )
    sync_source(engine, FolderConnector(folder), FAST)
    assert set(_active(engine)) == {"C1"}


def test_with_several_erp_companies_only_the_one_booked_for_is_ours(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "erp"
    write(folder, "companies.csv", COMPANIES)
    sync_source(engine, FolderConnector(folder), FAST.model_copy(update={"company": "C2"}))
    assert set(_active(engine)) == {"C2"}
    sync_source(
        engine,
        FolderConnector(folder),
        FAST.model_copy(update={"company": "NORDWIND HANDELS GMBH"}),
        full=True,
    )
    assert set(_active(engine)) == {"C1"}
    # a setting that names none of them is reported, and forgets nobody
    report = sync_source(
        engine, FolderConnector(folder), FAST.model_copy(update={"company": "Somebody Else AG"}), full=True
    )
    assert report.status == "partial" and any("names none" in e.message for e in report.load.errors)
    assert set(_active(engine)) == {"C1"}


def test_the_configured_identity_file_adds_entities_at_each_sync(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "erp"
    folder.mkdir()
    identity = write(
        tmp_path,
        "identity.toml",
        """
[[entity]]
name = "Kessler Haustechnik GmbH"
aliases = ["Kessler Gebäudetechnik GmbH"]
vat_ids = ["DE190000359"]
address = "Am Hafen 12, 44135 Dortmund"
""",
    )
    settings = FAST.model_copy(update={"identity": identity})
    sync_source(engine, FolderConnector(folder), settings)
    (ours,) = _active(engine).values()
    assert (ours.name, ours.aliases, ours.vat_ids) == (
        "Kessler Haustechnik GmbH",
        ["Kessler Gebäudetechnik GmbH"],
        ["DE190000359"],
    )
    # WHEN the file no longer names the entity (configured off) THEN it is no longer ours
    sync_source(engine, FolderConnector(folder), FAST)
    assert _active(engine) == {}


def test_a_broken_identity_file_is_reported_and_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    bad = write(tmp_path, "identity.toml", '[[entity]]\naliases = ["X"]\n')
    with pytest.raises(IdentityFileError, match="`name` is missing"):
        read_identity_file(bad)
    folder = tmp_path / "erp"
    folder.mkdir()
    report = sync_source(engine, FolderConnector(folder), FAST.model_copy(update={"identity": bad}))
    assert report.status == "partial"
    assert any("`name` is missing" in e.message for e in report.load.errors)
    assert _active(engine) == {}


def test_an_invoice_held_for_its_buyer_is_released_once_the_name_is_known_as_ours(
    engine: Engine, tmp_path: Path
) -> None:
    # GIVEN the mirror knows us by our legal name only, and a received, matching invoice addressed to our
    # former name: held as not ours
    folder = tmp_path / "erp"
    base_export(folder)
    receipt_export(folder)
    write(folder, "companies.csv", "erp_id,name,aliases,vat_ids\nC1,Nordwind Handels GmbH,,DE999999999")
    sync_source(engine, FolderConnector(folder), FAST)
    invoice = gloves_invoice().model_copy(
        update={"buyer": BuyerExtraction(name="Nordwind Handel & Vertrieb GmbH")}
    )
    document = hold_extraction(engine, invoice)
    (held,) = proposals_for(engine, f"invoice:{document}")
    assert held.payload["action"] == "hold" and held.payload["reasons"] == ["buyer_not_ours"]
    # WHEN the ERP's company record names the former name as an alias and the next sync runs
    write(
        folder,
        "companies.csv",
        "erp_id,name,aliases,vat_ids\nC1,Nordwind Handels GmbH,Nordwind Handel & Vertrieb GmbH,DE999999999",
    )
    report = sync_source(engine, FolderConnector(folder), FAST)
    # THEN the held invoice is checked again and released for payment
    assert report.rechecked == 1 and report.released == 1
    live = [p for p in proposals_for(engine, f"invoice:{document}") if p.state != "superseded"]
    assert [p.payload["action"] for p in live] == ["approve_payment"]
