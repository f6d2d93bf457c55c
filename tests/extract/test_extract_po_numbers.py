"""GIVEN purchase order numbers as invoices print them WHEN the page is read THEN every PO number is
returned as the ERP knows it."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.orders import find_po_numbers, po_values


def _pos(text: str) -> list[str]:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [number for number, _ in find_po_numbers(document_lines(parsed))]


def test_a_po_number_grouped_with_spaces_is_one_number() -> None:
    assert _pos("Your order:   4700 020 141\n") == ["4700020141"]


def test_an_erp_item_suffix_is_not_part_of_the_po_number() -> None:
    assert _pos("Purchase order  4700020145/00010\n") == ["4700020145"]


def test_a_slash_inside_a_po_number_stays() -> None:
    assert _pos("PO number: PO/2026/118\n") == ["PO/2026/118"]


def test_several_po_numbers_under_one_label_are_all_read() -> None:
    # GIVEN a list on the label's line, and a list going on under the first number
    assert _pos("Ihre Bestellungen: 4500012345, 4500012346 und 4500012350\n") == [
        "4500012345",
        "4500012346",
        "4500012350",
    ]
    text = "Ihre Bestellungen:  4500012345\n                    4500012346\nLieferdatum:  01.03.2026\n"
    assert _pos(text) == ["4500012345", "4500012346"]


def test_a_value_of_another_label_under_the_po_number_is_not_a_po_number() -> None:
    text = "Bestellung      : B777000123\nLieferavis      : LA-2026-0099   \n"
    assert _pos(text) == ["B777000123"]


def test_a_po_number_under_its_label_is_read() -> None:
    text = "Invoice no.      Your order       Date\nRE-1042          4500012345       01.03.2026\n"
    assert _pos(text) == ["4500012345"]


@pytest.mark.parametrize(
    "label",
    [
        "Your order",
        "Your ref.",
        "Ihre Bestellung",
        "Ihre Bestellungen",
        "Bestell-Nr.",
        "Bon de commande n°",
        "Votre commande",
        "Uw bestelling",
        "Su pedido",
        "Vostro ordine",
        "Zamówienie",
    ],
)
def test_po_labels_in_the_languages_read_name_the_po_number(label: str) -> None:
    assert _pos(f"{label}: 4500012345\n") == ["4500012345"]


def test_a_bare_reference_label_names_only_a_plain_long_number() -> None:
    # GIVEN "Ref." labels: one before a long plain number, one before an invoice reference
    assert _pos("Ref.: 4500012345\n") == ["4500012345"]
    assert _pos("Ref.: INV-2026-42\n") == []
    # AND a real PO label outranks it
    assert _pos("Ref.: 4711000000\nPurchase order: 4500012345\n") == ["4500012345"]


def test_what_follows_a_po_number_ends_it() -> None:
    assert po_values("4500012345 of 12.03.2026") == ["4500012345"]
    assert po_values("4500012345  12,50 EUR") == ["4500012345"]
    assert po_values("n° 4711-A") == ["4711-A"]


def test_thanking_for_the_order_names_no_po_number() -> None:
    assert _pos("Thank you for your order.\n") == []


def test_the_engine_reports_every_po_number_with_its_evidence() -> None:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF,
        pages=[PageText(number=1, text="Invoice no. RE-1\nYour order: 4700 020 141 / 4700020145/00010\n")],
    )
    result = extract_rules(parsed)
    assert result.po_numbers == ["4700020141", "4700020145"]
    assert result.fields["po_numbers"].page == 1


def test_a_reference_under_a_line_item_is_no_po_number() -> None:
    # GIVEN no PO label, and a "Ref." printed under a line item
    text = """Invoice no. RE-7
Description                   Qty      Price      Amount
Paper A4                        2       5.00       10.00
Ref. 468100
Total                                             10.00
"""
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    # THEN it is the item's reference, not the order's
    assert extract_rules(parsed).po_numbers == []
    # AND a "Ref." above the items is read, once
    header = text.replace("Invoice no. RE-7\n", "Invoice no. RE-7\nRef.: 4500012345\n")
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=header)])
    assert extract_rules(parsed).po_numbers == ["4500012345"]


def test_several_bare_references_name_no_po_number() -> None:
    assert _pos("Ref. 664770\nRef. 003930\n") == []


@pytest.mark.parametrize("label", ["Réf. commande", "Su referencia", "Ordine cliente", "Vostro ordine n."])
def test_reference_labels_naming_the_order_name_the_po_number(label: str) -> None:
    assert _pos(f"{label}:  PO-2026-0042\n") == ["PO-2026-0042"]


@pytest.mark.parametrize(
    ("label", "number"),
    [("Pedido cliente:", "PC-55012"), ("Er beställning:", "771203"), ("Beställningsnr.", "771204")],
)
def test_order_labels_of_the_buyers_own_wording_name_the_po_number(label: str, number: str) -> None:
    assert _pos(f"{label}   {number}\n") == [number]


def test_a_bare_order_word_heading_a_row_of_labels_names_the_po_number_under_it() -> None:
    text = (
        "Rechnungsnummer        Datum              Auftrag             Kundennummer\n"
        "RE-3300                02.06.2025         A-2291-77           K-180\n"
    )
    assert _pos(text) == ["A-2291-77"]


def test_a_neighbouring_columns_wrapped_text_does_not_hide_the_po_number_under_its_label() -> None:
    # GIVEN a header row whose left column's value is a sentence running under the PO label
    text = (
        "Terms                          Purchase Order            Account No.\n"
        "Net 30 days, payable by bank transfer only.\n"
        "                               PO-77310                  5512\n"
    )
    assert _pos(text) == ["PO-77310"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nº pedido cliente       ORD/5512\n", ["ORD/5512"]),  # the order number qualified as the client's
        ("N° de commande client        318840\n", ["318840"]),
        ("PO                        PO-20417\n", ["PO-20417"]),  # a bare "PO" heading a field's cell
        ("PO: 4711-22\n", ["4711-22"]),
        ("Tilausnumeronne   ORD/1187\n", ["ORD/1187"]),  # Finnish "your order number"
    ],
)
def test_order_labels_with_the_buyers_qualifier_or_bare(text: str, expected: list[str]) -> None:
    assert _pos(text) == expected


def test_a_po_box_is_no_po_label() -> None:
    assert _pos("PO Box 4711\n") == []


def test_the_sellers_own_order_number_is_no_po() -> None:
    # GIVEN Portuguese "N/ encomenda" (nossa: the seller's order) beside "V/ encomenda" (vossa: the buyer's)
    assert _pos("N/ encomenda         AB99809\nV/ encomenda         PO-77120\n") == ["PO-77120"]


def test_a_po_number_under_its_label_across_the_address_beside_the_facts_box() -> None:
    # GIVEN a box of facts (labels over values) beside the recipient's address, whose lines the page sets
    # between each label row and its values
    text = (
        "                                              Order date          Purchase order\n"
        "Brightwater Pumps Ltd\n"
        "                                              14.02.2026          7712045\n"
        "12 Mill Lane\n"
    )
    assert _pos(text) == ["7712045"]
    # a label with nothing under it in its column reads no value from the column's next label row
    text = (
        "                                              Purchase order\n"
        "Brightwater Pumps Ltd\n"
        "                                              Delivery date\n"
        "                                              3340917\n"
    )
    assert _pos(text) == []
