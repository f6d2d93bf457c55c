"""evals/decisions8: the company and its timeline are the same for the same seed, every class is built and
labelled from AP practice, the traps are what their labels say, the documents print what the labels rely on;
with Tryton (OPSLOOP_TEST_TRYTON), an hour budget is ordered as a service that no goods-in books."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from evals.decisions8.model import CLASSES, Company
from evals.decisions8.render import render
from stdnum.de import vat as de_vat


def _text(body: bytes) -> str:
    return "\n".join(str(page.get_textpage().get_text_range()) for page in pdfium.PdfDocument(body))


def _fingerprint(company: Company) -> list[tuple[object, ...]]:
    return [(c.id, c.doc.number, c.day, c.doc.net, c.doc.total, c.label) for c in company.cases]


def test_same_seed_same_company_other_seed_another() -> None:
    assert _fingerprint(Company(3)) == _fingerprint(Company(3))
    assert _fingerprint(Company(3)) != _fingerprint(Company(4))


def test_every_class_is_built_labelled_and_after_its_order() -> None:
    for seed in (0, 1, 2):
        company = Company(seed)
        tests = [c for c in company.cases if not c.history]
        assert {c.cls for c in tests} == set(CLASSES)
        assert len({c.id for c in company.cases}) == len(company.cases)
        ordered = {o.key: o for o in company.orders}
        for case in company.cases:
            assert case.label.why
            assert not (case.label.auto_ok and case.label.decision != "approve")
            assert case.doc.po is None or ordered[case.doc.po].issued <= case.day
        # every supplier's numbers are its own and rise with the dates
        for vendor in company.vendors:
            docs = sorted((c.doc for c in company.cases if c.vendor.key == vendor), key=lambda d: d.issued)
            assert len({d.number for d in docs}) == len(docs)
            assert [d.number for d in docs] == sorted((d.number for d in docs), key=lambda n: (len(n), n))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_traps_are_what_their_labels_say(seed: int) -> None:
    company = Company(seed)
    by = {c.cls: c for c in company.cases if not c.history}
    orders = {o.key: o for o in company.orders}

    def hours(cls: str) -> Decimal:
        return sum((x.quantity for x in by[cls].doc.lines), Decimal(0))

    def ordered(cls: str) -> Decimal:
        return sum((x.quantity for x in orders[by[cls].doc.po or ""].lines), Decimal(0))

    # each month within the hour budget, together beyond it; one invoice beyond its order
    budget = ordered("hours_within_budget")
    assert by["hours_budget_used_up"].doc.po == by["hours_within_budget"].doc.po
    assert hours("hours_within_budget") < budget and hours("hours_budget_used_up") < budget
    assert hours("hours_within_budget") + hours("hours_budget_used_up") > budget
    assert hours("hours_beyond_order") > ordered("hours_beyond_order")
    # the overtime: the hours ordered, the amount above the order's
    overtime = by["overtime_premium"].doc
    order = orders[overtime.po or ""]
    assert hours("overtime_premium") == ordered("overtime_premium")
    assert overtime.net > sum((x.quantity * x.price for x in order.lines), Decimal(0))
    # billed again: the same lines and order, another number, weeks later
    first, again = by["billed_again_first"].doc, by["billed_again_new_number"].doc
    assert (again.po, [(x.sku, x.quantity, x.price) for x in again.lines]) == (
        first.po,
        [(x.sku, x.quantity, x.price) for x in first.lines],
    )
    assert again.number != first.number and (again.issued - first.issued).days >= 20
    # another supplier's order; an article not ordered; no master, no order; another VAT id; a surcharge
    other = by["order_of_other_supplier"]
    assert orders[other.doc.po or ""].vendor != other.vendor.key
    substitute = by["substitute_article"].doc
    skus = {x.sku for x in orders[substitute.po or ""].lines}
    assert (
        substitute.lines[0].sku not in skus
        and substitute.lines[0].quantity == orders[substitute.po or ""].lines[0].quantity
    )
    stranger = by["supplier_not_in_erp"]
    assert not stranger.vendor.in_erp and stranger.doc.po is None
    vat = by["seller_vat_id_differs"].doc
    assert vat.seller_vat != vat.vendor.vat and de_vat.is_valid(vat.seller_vat)
    copper = by["copper_surcharge"].doc
    goods = sum((x.amount for x in copper.lines if x.sku), Decimal(0))
    (charge,) = [x for x in copper.lines if not x.sku]
    assert Decimal("0.019") < charge.amount / goods < Decimal("0.041")


def test_the_documents_print_what_the_labels_rely_on() -> None:
    company = Company(0)
    by = {c.cls: c for c in company.cases if not c.history}
    numbers = {o.key: f"P2026-{n:04d}" for n, o in enumerate(company.orders)}
    text = _text(render(by["direct_debit_note"].doc, numbers)[0])
    assert "SEPA-Lastschrift" in text and "Zahlbar" not in text
    vat = by["seller_vat_id_differs"].doc
    text = _text(render(vat, numbers)[0])
    assert vat.seller_vat in text and vat.vendor.vat not in text
    text = _text(render(by["control_fr"].doc, numbers)[0])
    assert "Facture" in text and "Autoliquidation" in text and numbers[by["control_fr"].doc.po or ""] in text
    body, suffix = render(by["substitute_article"].doc, numbers)
    root = ET.fromstring(body)
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
    assert suffix == ".xml" and any("discontinued" in (n.text or "") for n in root.findall("cbc:Note", ns))


@pytest.mark.skipif(not os.environ.get("OPSLOOP_TEST_TRYTON"), reason="needs Tryton (OPSLOOP_TEST_TRYTON)")
def test_in_tryton_an_hour_budget_is_a_service_no_goods_in_books(tmp_path: Path) -> None:
    from datetime import date

    from evals.decisions.tryton import CACHE, place_order
    from evals.decisions3 import erp

    company = Company(0)
    budget = next(o for o in company.orders if o.key == "Tbudget")
    item = next(x for x in company.items["eng"] if x.sku == budget.lines[0].sku)
    template_db, facts = erp.template(CACHE)
    server = erp.Server(tmp_path / "tryton", template_db)
    try:
        tryton = erp.Company(server.client, facts)
        tryton.party("eng", "S803", "Ingenieurbüro", "DE136695976", "Weg 1", "28195", "Bremen")
        tryton.product(item.sku, item.name, item.price, "service")
        place_order(tryton, budget, "19")
        assert tryton._moves("Tbudget") == []
        (line,) = tryton.c.search_read(
            "purchase.line", [["purchase", "=", tryton.purchases["Tbudget"]]], ["quantity"]
        )
        assert Decimal(repr(line["quantity"])) == budget.lines[0].quantity
        assert date(2026, 11, 2) == budget.issued
    finally:
        server.stop()
