"""The vendor's agreed payment term is read from an export under the header its ERP writes for it
("Zahlungsziel", "Betalingstermijn", "Délai de paiement (jours)"): the term the reconciler pays by."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.erp.folder import FolderConnector
from opsloop.erp.sync import sync_source
from opsloop.settings import ErpSettings
from opsloop.store import tables as t
from tests.erp.erp_helpers import migrated_engine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    "header", ["Zahlungsziel", "Betalingstermijn", "Délai de paiement (jours)", "Net days"]
)
def test_an_erps_own_header_for_the_agreed_term_fills_payment_terms_days(
    engine: Engine, tmp_path: Path, header: str
) -> None:
    # GIVEN a vendors export whose payment-term column carries the ERP's own header
    folder = tmp_path / "erp"
    folder.mkdir()
    (folder / "vendors.csv").write_text(
        f"ERP ID;Name;{header}\nV-1;Müller Bürotechnik GmbH;45\n", encoding="utf-8"
    )
    # WHEN synced
    report = sync_source(
        engine, FolderConnector(folder), ErpSettings(retry_attempts=1, retry_wait_seconds=0.0)
    )
    # THEN the vendor master holds the agreed term
    assert report.status == "ok", report.load.errors
    with Session(engine) as session:
        assert session.exec(select(t.Vendor)).one().payment_terms_days == 45
