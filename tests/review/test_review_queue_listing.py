"""The queue at a team's volume: accent- and case-insensitive search over vendor, document number,
PO number and SKU; filters, sorting and paging; duplicates grouped under their original; the filters'
choices read from the data; the facets filled from the invoice and its reconciliation."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.domain.proposals import ProposalDraft, ProposalKind
from opsloop.review.facets import fold, index_missing, index_proposal
from opsloop.review.listing import (
    NOBODY,
    QueueQuery,
    facet_values,
    list_flat,
    list_queue,
    priority_note,
    sla_countdown,
)
from opsloop.review.queue import upsert_proposal
from opsloop.store.tables import Invoice, InvoiceLine, InvoiceReconciliation, Proposal, Vendor
from opsloop.store.types import utcnow
from tests.review.queue_world import add_document, add_invoice_hold


def _ids(session: Session, **query: object) -> list[int]:
    page = list_queue(session, QueueQuery.model_validate(query))
    return [r.proposal.id for r in page.rows]  # type: ignore[misc]


def test_fold_drops_accents_and_case_and_keeps_the_letters() -> None:
    assert fold("Müller  GmbH") == "muller gmbh"
    assert fold("ŁÓDŹ Straße") == "lodz strasse"
    assert fold("Ørsted Æbleskiver") == "orsted aebleskiver"


def test_search_finds_muller_for_mueller_and_a_po_number_and_a_sku(engine: Engine) -> None:
    with Session(engine) as session:
        muller = add_invoice_hold(session, vendor="Müller Werkzeuge GmbH", number="R-1001", amount="120.00")
        po = add_invoice_hold(
            session, vendor="Acme Parts", number="A-77", amount="80.00", po_numbers=("4500012345",)
        )
        sku = add_invoice_hold(session, vendor="Bolt & Co", number="B-1", amount="60.00", skus=("BT-2209",))
        session.commit()
        assert _ids(session, q="Muller") == [muller.id]
        assert _ids(session, q="MÜLLER werkzeuge") == [muller.id]
        assert _ids(session, q="4500012345") == [po.id]
        assert _ids(session, q="bt-2209") == [sku.id]
        assert _ids(session, q="r-1001") == [muller.id]
        assert _ids(session, q="100%_") == []  # LIKE wildcards in a search are plain characters


def test_filters_combine_and_each_narrows_the_queue(engine: Engine) -> None:
    with Session(engine) as session:
        a = add_invoice_hold(
            session, vendor="Acme", number="1", amount="50.00", exceptions=("price_variance",)
        )
        b = add_invoice_hold(
            session,
            vendor="Acme",
            number="2",
            amount="5000.00",
            exceptions=("iban_changed",),
            assignee="dave",
        )
        c = add_invoice_hold(session, vendor="Zeta", number="3", amount="700.00", sla_hours=-5)
        add_invoice_hold(session, vendor="Zeta", number="4", amount="9.00", state="approved")
        session.commit()
        assert set(_ids(session, vendor="Acme")) == {a.id, b.id}
        assert _ids(session, exception="iban_changed") == [b.id]
        assert _ids(session, assignee="dave") == [b.id]
        assert set(_ids(session, assignee=NOBODY)) == {a.id, c.id}
        assert set(_ids(session, amount_min=Decimal("100"), amount_max=Decimal("1000"))) == {c.id}
        assert _ids(session, overdue=True) == [c.id]
        assert _ids(session, vendor="Acme", exception="price_variance") == [a.id]
        assert len(_ids(session, state="all")) == 4


def test_sorting_puts_empty_values_last_and_pages_cover_every_item_once(engine: Engine) -> None:
    with Session(engine) as session:
        made = [
            add_invoice_hold(
                session,
                vendor=f"Vendor {i:02d}",
                number=f"N-{i}",
                amount=f"{(i * 37) % 23 + 1}.00",
                due=None if i % 5 == 0 else date(2026, 1, 1) + timedelta(days=(i * 7) % 30),
            )
            for i in range(23)
        ]
        session.commit()
        by_due = list_queue(session, QueueQuery(sort="due_date", per_page=100)).rows
        dues = [r.proposal.due_date for r in by_due]
        known = [d for d in dues if d is not None]
        assert known == sorted(known) and dues[len(known) :] == [None] * (len(dues) - len(known))
        by_amount = [
            r.proposal.amount for r in list_queue(session, QueueQuery(sort="amount", order="asc")).rows
        ]
        assert by_amount == sorted(by_amount)  # numerically, though SQLite keeps the amount as text
        seen: list[int] = []
        for number in (1, 2, 3):
            page = list_queue(session, QueueQuery(sort="vendor", order="asc", per_page=10, page=number))
            seen += [r.proposal.id for r in page.rows]  # type: ignore[misc]
            assert page.pages == 3 and page.total_items == 23
        assert sorted(seen) == sorted(p.id for p in made)  # type: ignore[misc]
        assert [r.proposal.vendor for r in list_queue(session, QueueQuery(sort="vendor", order="asc")).rows][
            :2
        ] == [
            "Vendor 00",
            "Vendor 01",
        ]


def test_duplicates_are_grouped_under_their_original_and_count_as_one_row(engine: Engine) -> None:
    with Session(engine) as session:
        original = add_invoice_hold(session, vendor="Acme", number="INV-9", amount="300.00")
        copies = [
            add_invoice_hold(
                session,
                vendor="Acme",
                number="INV-9",
                amount="300.00",
                exceptions=("duplicate",),
                duplicate_of=original.document_id,
                urgency=0.9,  # a duplicate is more urgent: it must still sit under its original
            )
            for _ in range(3)
        ]
        other = add_invoice_hold(session, vendor="Zeta", number="Z-1", amount="10.00")
        session.commit()
        page = list_queue(session, QueueQuery())
        assert page.total_items == 5 and page.total_groups == 2
        head = next(r for r in page.rows if r.proposal.id == original.id)
        assert sorted(m.proposal.id for m in head.members) == sorted(c.id for c in copies)  # type: ignore[misc]
        assert [r.proposal.id for r in page.rows if r.proposal.id != original.id] == [other.id]


def test_duplicates_of_a_decided_original_form_their_own_group_that_names_it(engine: Engine) -> None:
    with Session(engine) as session:
        original = add_invoice_hold(session, vendor="Acme", number="INV-1", amount="300.00", state="executed")
        copies = [
            add_invoice_hold(
                session,
                vendor="Acme",
                number="INV-1",
                amount="300.00",
                exceptions=("duplicate",),
                duplicate_of=original.document_id,
            )
            for _ in range(4)
        ]
        session.commit()
        page = list_queue(session, QueueQuery())
        assert page.total_groups == 1
        [row] = page.rows
        assert row.original is not None and row.original.id == original.id
        assert row.group_size == 4
        assert {row.proposal.id, *(m.proposal.id for m in row.members)} == {c.id for c in copies}


def test_the_filter_choices_come_from_the_data_including_new_exception_types(engine: Engine) -> None:
    with Session(engine) as session:
        add_invoice_hold(session, vendor="Acme", number="1", amount="5.00", exceptions=("tax_mismatch",))
        add_invoice_hold(
            session, vendor="Beta", number="2", amount="5.00", exceptions=("po_closed", "duplicate")
        )
        session.commit()
        choices = facet_values(session)
    assert choices["exceptions"] == ["duplicate", "po_closed", "tax_mismatch"]
    assert choices["vendors"] == ["Acme", "Beta"]


def test_the_sla_countdown_and_the_priority_say_what_they_mean() -> None:
    now = utcnow()
    assert sla_countdown(now + timedelta(hours=3, minutes=20), now) == ("due in 3 h 20 min", False)
    assert sla_countdown(now - timedelta(days=2, hours=4, minutes=1), now) == ("overdue by 2 d 4 h", True)
    assert sla_countdown(now - timedelta(hours=1), now, open_=False) == (None, False)
    proposal = Proposal(
        kind="invoice_hold",
        subject_key="x",
        title="t",
        summary="s",
        amount=Decimal("4720.00"),
        currency="EUR",
        priority=4248.0,
    )
    note = priority_note(proposal)
    assert "4,720.00 EUR" in note and "urgency 0.90" in note and "4,248" in note


def test_facets_come_from_the_invoice_and_its_reconciliation(engine: Engine) -> None:
    with Session(engine) as session:
        original = add_document(session, "first.pdf")
        document_id = add_document(session, "second.pdf")
        vendor = Vendor(erp_id="V-7", name="Société Générale de Pièces")
        session.add(vendor)
        session.flush()
        invoice = Invoice(
            document_id=document_id,
            document_type="invoice",
            extraction_method="rules",
            vendor_name="SOCIETE GENERALE DE PIECES SA",
            vendor_id=vendor.id,
            invoice_number="F-2026-118",
            due_date=date(2026, 2, 1),
            po_numbers=["PO-55"],
        )
        session.add(invoice)
        session.flush()
        session.add(InvoiceLine(invoice_id=invoice.id, position=1, sku="ZX-9"))  # type: ignore[arg-type]
        session.add(
            InvoiceReconciliation(
                invoice_id=invoice.id,  # type: ignore[arg-type]
                document_id=document_id,
                status="exception",
                policy_version="1",
                exception_types=["duplicate", "tax_mismatch"],
                result={"duplicate_of": [original]},
            )
        )
        session.flush()
        proposal = upsert_proposal(
            session,
            ProposalDraft(
                kind=ProposalKind.INVOICE_HOLD,
                subject_key=f"invoice:{document_id}",
                title="Hold invoice F-2026-118",
                summary="s",
                amount=Decimal("10.00"),
                currency="EUR",
                document_id=document_id,
            ),
        )
        session.commit()
        assert proposal.vendor == "Société Générale de Pièces"
        assert (proposal.reference, proposal.due_date) == ("F-2026-118", date(2026, 2, 1))
        assert proposal.exception_types == ["duplicate", "tax_mismatch"]
        assert proposal.duplicate_of == original
        for words in ("societe generale", "po-55", "zx-9", "f-2026-118"):
            assert words in (proposal.search_text or "")


def test_proposals_queued_before_the_facets_get_them_once(engine: Engine) -> None:
    with Session(engine) as session:
        proposal = Proposal(
            kind="reorder", subject_key="item:Ä-1", title="Order 4 x Ä-1", summary="s", payload={"sku": "Ä-1"}
        )
        session.add(proposal)
        session.commit()
        assert index_missing(session) == 1
        assert index_missing(session) == 0
        session.refresh(proposal)
        assert proposal.reference == "Ä-1" and "a-1" in (proposal.search_text or "")
        index_proposal(session, proposal)


@pytest.mark.parametrize(
    "sort", ["priority", "amount", "due_date", "sla", "vendor", "reference", "assignee", "created", "id"]
)
def test_every_sort_key_lists_the_same_items(engine: Engine, sort: str) -> None:
    with Session(engine) as session:
        made = {add_invoice_hold(session, vendor=v, number=v, amount="3.00").id for v in ("a", "b", "c")}
        session.commit()
        rows, total = list_flat(session, QueueQuery(sort=sort))  # type: ignore[arg-type]
    assert total == 3 and {p.id for p in rows} == made
