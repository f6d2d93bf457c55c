"""evals/decisions4: the same seed builds the same company, every class is built and labelled, the documents
print what the labels rely on (titles in the supplier's language, the twin's number and amount, the traps)."""

from __future__ import annotations

from decimal import Decimal

import pypdfium2 as pdfium
from evals.decisions4.model import CLASSES, Company, money
from evals.decisions4.render import render, title


def _fingerprint(company: Company) -> list[tuple[object, ...]]:
    return [(c.id, c.doc.number, c.doc.issued, c.doc.net, c.doc.currency, c.label) for c in company.cases]


def _text(body: bytes) -> str:
    return str(pdfium.PdfDocument(body)[0].get_textpage().get_text_range())


def test_same_seed_same_company_other_seed_another() -> None:
    assert _fingerprint(Company(3)) == _fingerprint(Company(3))
    assert _fingerprint(Company(3)) != _fingerprint(Company(4))


def test_every_class_is_built_and_labelled() -> None:
    for seed in (0, 1, 2):
        company = Company(seed)
        assert {c.cls for c in company.cases if not c.history} == set(CLASSES)
        assert len({c.id for c in company.cases}) == len(company.cases)
        for case in company.cases:
            assert case.label.decision in ("approve", "person", "hold", "credit")
            assert not (case.label.auto_ok and case.label.decision != "approve")
        ordered = {o.key: o.issued for o in company.orders}
        for case in company.cases:
            if case.doc.po is not None:
                assert ordered[case.doc.po] <= case.doc.issued


def test_documents_print_their_kind_in_the_suppliers_language() -> None:
    company = Company(0)
    for case in company.cases:
        body, suffix = render(case.doc, "PO-77")
        if case.doc.fmt == "scan":
            assert b"/Image" in body and case.doc.number.encode() not in body  # no text layer
            continue
        if suffix != ".pdf":
            assert case.doc.number.encode() in body
            continue
        text = _text(body)
        assert (case.doc.title or title(case.doc.kind, case.vendor.lang)) in text, case.id
        assert case.doc.number in text


def test_twins_carry_the_same_number_and_amount() -> None:
    company = Company(1)
    firsts = {c.id.split("-", 1)[1]: c for c in company.cases if c.cls == "twin_original"}
    for case in company.cases:
        if case.cls.startswith("twin_") and case.cls != "twin_original":
            first = firsts[f"{case.cls}-{case.vendor.key}"]
            assert case.doc.number == first.doc.number
            assert case.doc.total == first.doc.total
            assert case.doc.fmt != first.doc.fmt or case.doc.copy


def test_the_traps_are_what_their_labels_say() -> None:
    company = Company(2)
    by = {c.cls: c for c in company.cases if not c.history}
    doc = by["tax_not_rate_times_base"].doc
    assert doc.tax != money(doc.net * Decimal(19) / 100) and doc.total == doc.net + doc.tax
    doc = by["line_amount_not_qty_price"].doc
    assert doc.lines[0].amount > money(doc.lines[0].quantity * doc.lines[0].price)
    doc = by["tax_rc_note_with_vat"].doc
    assert doc.tax > 0 and doc.rc_note
    assert by["price_per_100"].doc.lines[0].per == 100
    assert by["currency_converted"].doc.currency == "USD"
    surcharge = by["surcharge_not_on_po"].doc
    charge = next(line for line in surcharge.lines if line.charge)
    assert charge.amount > surcharge.net * Decimal("0.05")
