"""The chromadb collection of corrected documents: offline layout-and-text embeddings that recognise a
vendor's layout when its name is misread, kept in step with the database."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from evals.learning.stream import build_streams
from evals.synth.render import render_pdf
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.invoices import InvoiceExtraction, VendorExtraction
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.memory.apply import identify_vendor
from opsloop.memory.index import close_document_indexes, document_index
from opsloop.memory.store import active_entries, record_event
from opsloop.settings import Settings
from opsloop.store.tables import Document, MemoryEntry


def _documents(layout: str) -> list[list[tuple[str, bytes]]]:
    """Three vendors printing the same layout, two invoices each: (vendor key, PDF)."""
    streams = build_streams(5, 3, 2)
    return [
        [(d.vendor.key, render_pdf(d.invoice, layout, template_seed=d.vendor.template_seed)) for d in stream]
        for stream in streams
    ]


def _remember(session: Session, vendor_key: str, pdf: bytes, number: int) -> int:
    """Store a corrected document of `vendor_key` with an example entry, as an edit would."""
    parsed = read_pdf(pdf)
    document = Document(
        sha256=f"{number:064d}",
        original_name=f"{vendor_key}.pdf",
        source_path="test",
        size_bytes=len(pdf),
        kind="pdf",
        family="invoice",
        state="in_review",
        parsed=parsed.model_dump(mode="json"),
    )
    session.add(document)
    session.flush()
    assert document.id is not None
    version = record_event(session, vendor_key, "learned", "rita", {})
    session.add(
        MemoryEntry(
            vendor_key=vendor_key,
            kind="example",
            field="*",
            value={"corrections": []},
            document_id=document.id,
            actor="rita",
            version=version,
        )
    )
    session.flush()
    return document.id


def test_chromadb_finds_the_vendor_when_its_name_is_misspelled(engine: Engine, settings: Settings) -> None:
    # GIVEN three vendors' corrected invoices, all printed in one layout, in the index
    vendors = _documents("din_classic")
    with Session(engine) as session:
        for number, stream in enumerate(vendors):
            _remember(session, stream[0][0], stream[0][1], number)
        session.commit()
        index = document_index(settings.data_dir)
        assert index.sync(session) == (3, 0)
        # WHEN the second vendor's next invoice comes with its name misspelled
        key = vendors[1][1][0]
        stream = build_streams(5, 3, 2)[1]
        document = stream[1]
        seller = document.invoice.seller
        misspelled = replace(
            document.invoice, seller=replace(seller, name=seller.name[:3] + "x" + seller.name[4:])
        )
        parsed = read_pdf(render_pdf(misspelled, "din_classic", template_seed=document.vendor.template_seed))
        assert seller.name not in parsed.full_text()
        neighbours = index.nearest(parsed, 3)
        # THEN its own earlier invoice is the nearest, clearly ahead of the other vendors'
        assert neighbours[0].vendor_key == key
        assert neighbours[0].similarity - neighbours[1].similarity > 0.1
        # AND memory takes it for that vendor by its layout, the name and identifiers unread
        extraction = InvoiceExtraction(vendor=VendorExtraction(name=seller.name[:3] + "x" + seller.name[4:]))
        found = identify_vendor(session, parsed, extraction, active_entries(session), neighbours, 0.6)
        assert found is not None and found[0] == key and found[1].startswith("its layout")


def test_the_index_is_rebuilt_from_the_database(engine: Engine, settings: Settings) -> None:
    # GIVEN an index of two corrected documents
    vendors = _documents("modern_bar")
    with Session(engine) as session:
        for number, stream in enumerate(vendors[:2]):
            _remember(session, stream[0][0], stream[0][1], number)
        session.commit()
        index = document_index(settings.data_dir)
        index.sync(session)
        assert index.count() == 2
        # WHEN its folder is lost
        close_document_indexes()
        shutil.rmtree(Path(settings.data_dir) / "vectors")
        # THEN the next look-up fills it again from the database
        index = document_index(settings.data_dir)
        assert index.sync(session) == (2, 0) and index.count() == 2
        # AND a forgotten vendor's documents leave it
        entry = session.get(MemoryEntry, 1)
        assert entry is not None
        from opsloop.memory import forget

        forget(session, entry.vendor_key, "admin")
        assert index.sync(session) == (0, 1) and index.count() == 1
        assert index.rebuild(session) == 1
