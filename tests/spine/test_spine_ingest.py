"""Ingestion: sniffing, archive, quarantine with reasons, duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.documents import DocumentKind, DocumentState
from opsloop.ingest.files import IngestStatus, ingest_paths
from opsloop.settings import IngestSettings, Settings
from opsloop.store.tables import Document
from tests import samples

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.pdf": (b"", "empty"),
    "truncated.pdf": (samples.text_pdf(["Invoice 7"])[:-300], "truncated"),
    "locked.pdf": (samples.encrypted_pdf("secret"), "password_protected"),
    "nopages.pdf": (samples.blank_pdf(pages=0), "zero_pages"),
    "random.bin": (bytes(range(256)) * 8, "unknown_format"),
    "broken.xml": (b"<?xml version='1.0'?><Invoice><unclosed></Invoice>", "malformed_xml"),
    "other.xml": (b"<?xml version='1.0'?><catalog><book/></catalog>", "unknown_format"),
    "page.html": (b"<!DOCTYPE html><html><body>hi</body></html>", "unknown_format"),
}


def test_each_bad_file_is_quarantined_with_its_reason_and_the_batch_goes_on(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    # GIVEN an inbox with one good invoice among every kind of bad file
    inbox = tmp_path / "in"
    for name, (data, _code) in BAD_FILES.items():
        samples.write(inbox, name, data)
    samples.write(inbox, "zz-good.xml", samples.ubl_invoice("INV-1"))

    # WHEN it is ingested
    outcomes = {Path(o.path).name: o for o in ingest_paths(engine, settings, [inbox], move=True)}

    # THEN each bad file sits in quarantine/ with a reason naming what is wrong
    for name, (_data, code) in BAD_FILES.items():
        assert outcomes[name].status is IngestStatus.QUARANTINED, name
        assert outcomes[name].reason_code == code, name
        reason = json.loads((settings.quarantine_dir / f"{name}.reason.json").read_text())
        assert reason["code"] == code
        assert reason["original_name"] == name
        assert (settings.quarantine_dir / name).read_bytes() == BAD_FILES[name][0]
    # AND the good file after them was still accepted and archived under its hash
    good = outcomes["zz-good.xml"]
    assert good.status is IngestStatus.ACCEPTED and good.kind is DocumentKind.EINVOICE
    assert good.sha256 is not None
    assert (settings.archive_dir / good.sha256[:2] / f"{good.sha256}.xml").exists()
    # AND the inbox is empty: everything was moved, nothing lost
    assert list(inbox.iterdir()) == []
    with Session(engine) as session:
        states = {d.original_name: d.state for d in session.exec(select(Document))}
    assert states["zz-good.xml"] == DocumentState.RECEIVED
    assert all(states[name] == DocumentState.QUARANTINED for name in BAD_FILES)


def test_oversized_file_is_quarantined(tmp_path: Path) -> None:
    from opsloop.store.db import dispose_engines, open_database

    settings = Settings(
        data_dir=tmp_path / "var", database_url=None, ingest=IngestSettings(max_file_bytes=100)
    )
    engine = open_database(settings)
    path = samples.write(tmp_path / "in", "big.xml", samples.ubl_invoice("INV-2"))
    [outcome] = ingest_paths(engine, settings, [path], move=False)
    dispose_engines()
    assert outcome.status is IngestStatus.QUARANTINED
    assert outcome.reason_code == "oversized"
    assert "OPSLOOP_INGEST__MAX_FILE_BYTES" in (outcome.message or "")


def test_pdf_with_only_an_owner_password_is_readable_and_accepted(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    path = samples.write(tmp_path / "in", "restricted.pdf", samples.encrypted_pdf(""))
    [outcome] = ingest_paths(engine, settings, [path], move=False)
    assert outcome.status is IngestStatus.ACCEPTED
    assert outcome.kind is DocumentKind.PDF


def test_same_bytes_twice_make_one_document(settings: Settings, engine: Engine, tmp_path: Path) -> None:
    # GIVEN the same invoice under two names, and again in a later batch
    data = samples.ubl_invoice("INV-3")
    first = samples.write(tmp_path / "a", "inv.xml", data)
    second = samples.write(tmp_path / "b", "copy of inv.xml", data)

    # WHEN both are ingested, then the first again
    outcomes = ingest_paths(engine, settings, [first, second], move=False)
    again = ingest_paths(engine, settings, [first], move=False)

    # THEN there is one document, and the others are reported as duplicates of it
    assert [o.status for o in outcomes + again] == [
        IngestStatus.ACCEPTED,
        IngestStatus.DUPLICATE,
        IngestStatus.DUPLICATE,
    ]
    assert outcomes[1].document_id == outcomes[0].document_id == again[0].document_id
    assert "same bytes as document" in (outcomes[1].message or "")
    with Session(engine) as session:
        assert len(session.exec(select(Document)).all()) == 1


def test_copy_mode_leaves_the_users_files_alone(settings: Settings, engine: Engine, tmp_path: Path) -> None:
    path = samples.write(tmp_path / "mine", "inv.xml", samples.ubl_invoice("INV-4"))
    [outcome] = ingest_paths(engine, settings, [path], move=False)
    assert outcome.status is IngestStatus.ACCEPTED
    assert path.read_bytes() == samples.ubl_invoice("INV-4")


def test_hidden_and_partial_files_are_not_taken(settings: Settings, engine: Engine, tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    samples.write(inbox, ".hidden.xml", samples.ubl_invoice("H"))
    samples.write(inbox, "upload.xml.part", samples.ubl_invoice("P"))
    samples.write(inbox, "real.xml", samples.ubl_invoice("R"))
    outcomes = ingest_paths(engine, settings, [inbox], move=True)
    assert [Path(o.path).name for o in outcomes] == ["real.xml"]
    assert sorted(p.name for p in inbox.iterdir()) == [".hidden.xml", "upload.xml.part"]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("invoice.txt", samples.ubl_invoice("X"), DocumentKind.EINVOICE),
        ("scan.xml", samples.text_pdf(["Rechnung 1"]), DocumentKind.PDF),
    ],
)
def test_kind_comes_from_content_not_extension(
    settings: Settings, engine: Engine, tmp_path: Path, name: str, data: bytes, kind: DocumentKind
) -> None:
    path = samples.write(tmp_path / "in", name, data)
    [outcome] = ingest_paths(engine, settings, [path], move=False)
    assert outcome.kind is kind
