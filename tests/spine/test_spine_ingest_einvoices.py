"""GIVEN a FatturaPA, a FatturaPA lotto and a signed .p7m in the inbox WHEN ingested and run through the pipeline
THEN the FatturaPA is read as an e-invoice, and the others are quarantined with a one-line reason."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.documents import DocumentKind, DocumentState
from opsloop.ingest.files import IngestStatus, ingest_paths
from opsloop.settings import Settings
from opsloop.stages import default_pipeline
from opsloop.store.documents import get_document
from tests import samples

SIGNED_DATA = bytes.fromhex("3080" + "06092a864886f70d010702" + "a080")
"""The opening of a CMS SignedData envelope (what a CAdES .p7m file starts with)."""


def test_a_fatturapa_is_taken_in_and_read_and_a_lotto_is_quarantined_with_its_reason(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    inbox = tmp_path / "in"
    samples.write(inbox, "IT01234560157_0001A.xml", samples.fatturapa_invoice("FT-1"))
    samples.write(inbox, "IT01234560157_0001B.xml", samples.fatturapa_invoice("FT-2", bodies=2))
    outcomes = {Path(o.path).name: o for o in ingest_paths(engine, settings, [inbox], move=False)}
    single, lotto = outcomes["IT01234560157_0001A.xml"], outcomes["IT01234560157_0001B.xml"]
    assert single.kind is DocumentKind.EINVOICE and lotto.kind is DocumentKind.EINVOICE
    assert single.document_id is not None and lotto.document_id is not None

    state = default_pipeline().run_document(engine, settings, single.document_id)
    assert state not in (DocumentState.QUARANTINED, DocumentState.FAILED)
    assert default_pipeline().run_document(engine, settings, lotto.document_id) is DocumentState.QUARANTINED
    reason = json.loads((settings.quarantine_dir / "IT01234560157_0001B.xml.reason.json").read_text())
    assert reason["code"] == "unsupported_einvoice" and "lotto" in reason["message"]
    assert "\n" not in reason["message"]
    with Session(engine) as session:
        assert "lotto" in (get_document(session, lotto.document_id).failure_reason or "")


def test_a_signed_p7m_is_quarantined_unopened(settings: Settings, engine: Engine, tmp_path: Path) -> None:
    data = SIGNED_DATA + samples.fatturapa_invoice("FT-3") + b"\x00\x00\x00\x00"
    path = samples.write(tmp_path / "in", "IT01234560157_0001C.xml.p7m", data)
    [outcome] = ingest_paths(engine, settings, [path], move=True)
    assert outcome.status is IngestStatus.QUARANTINED and outcome.reason_code == "signed_envelope"
    reason = json.loads((settings.quarantine_dir / "IT01234560157_0001C.xml.p7m.reason.json").read_text())
    assert "does not verify signatures" in reason["message"] and "\n" not in reason["message"]
    assert (settings.quarantine_dir / "IT01234560157_0001C.xml.p7m").read_bytes() == data
