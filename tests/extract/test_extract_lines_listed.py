"""GIVEN items a person lists without a table header — at tab stops, as a numbered list in a letter,
"2 x Widget à 12,00", "Item: 3 × 4,00 = 12,00", a lump sum with no quantity — WHEN the rules engine
reads the lines THEN the run of items right above the totals is read when its amounts add up to a
subtotal or total printed under it; a line whose arithmetic fails, or a list that does not add up,
gives no rows."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.lexicon import find_labels
from opsloop.extract.rules.lines import recover_lines


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _rows(text: str, decimal: str) -> list[tuple[str | None, Decimal | None, Decimal | None, Decimal | None]]:
    items, _ = recover_lines(_lines(text), decimal)
    return [(i.description, i.quantity, i.unit_price, i.amount) for i in items]


def test_items_at_tab_stops_with_currency_marks_above_the_net_are_rows() -> None:
    text = (
        "Rechnung Nr. 88/2026\n"
        "Zaunreparatur pauschal                                              € 420,00\n"
        "3 x Fenster putzen                                 à € 12,50        € 37,50\n"
        "Kleinmaterial                                                        € 18,20\n"
        "Summe netto                               € 475,70\n"
        "MwSt. 19%                                  € 90,38\n"
        "Gesamtbetrag                              € 566,08\n"
    )
    assert _rows(text, ",") == [
        ("Zaunreparatur pauschal", None, None, Decimal("420.00")),
        ("Fenster putzen", Decimal("3"), Decimal("12.50"), Decimal("37.50")),
        ("Kleinmaterial", None, None, Decimal("18.20")),
    ]


def test_a_numbered_list_in_a_letter_gives_rows_with_quantity_and_price() -> None:
    text = (
        "Dear Ms Hale, for the work on your garden I charge:\n"
        "   1. Hedge cutting: 2.5 × 40.00 £ = 100.00 £\n"
        "   2. Green waste removal: 55.00 £\n"
        "Total                                        155.00 £\n"
    )
    assert _rows(text, ".") == [
        ("Hedge cutting", Decimal("2.5"), Decimal("40.00"), Decimal("100.00")),
        ("Green waste removal", None, None, Decimal("55.00")),
    ]


def test_the_unit_price_may_follow_a_packs_each_word() -> None:
    text = (
        "4 x Koszenie trawy                          po 25,00 zł          100,00 zł\n"
        "2 x Ladder rental                            @ 15,00 zł           30,00 zł\n"
        "Razem                                       130,00 zł\n"
    )
    assert [(d, q, p) for d, q, p, _ in _rows(text, ",")] == [
        ("Koszenie trawy", Decimal("4"), Decimal("25.00")),
        ("Ladder rental", Decimal("2"), Decimal("15.00")),
    ]


def test_a_list_whose_amounts_do_not_add_up_to_a_total_gives_no_rows() -> None:
    text = (
        "Window cleaning                                   80.00\n"
        "Gutter cleaning                                   45.00\n"
        "Total                                            140.00\n"
    )
    assert _rows(text, ".") == []


def test_a_line_whose_quantity_times_price_is_not_its_amount_ends_the_list() -> None:
    text = (
        "Window cleaning                                   80.00\n"
        "3 x Gutter cleaning                 @ 15.00       50.00\n"
        "Moss removal                                      30.00\n"
        "Total                                             30.00\n"
    )
    # only the line under the failed one adds up to the total; the failed line is no item
    assert _rows(text, ".") == [("Moss removal", None, None, Decimal("30.00"))]


def test_the_list_begins_where_its_amounts_add_up() -> None:
    text = (
        "Order placed 12.00 by phone   ref  12.00\n"
        "Pruning of fruit trees                            210.00\n"
        "Disposal                                           40.00\n"
        "Sub-total                                         250.00\n"
        "VAT 20%                                            50.00\n"
        "Total                                             300.00\n"
    )
    assert [d for d, *_ in _rows(text, ".")] == ["Pruning of fruit trees", "Disposal"]


def test_a_last_line_that_sums_the_lines_above_it_is_no_item() -> None:
    # the sum's own word is in no pack: the arithmetic tells it from an item
    text = (
        "Pruning of fruit trees                            210.00\n"
        "Disposal                                           40.00\n"
        "Zwischenstand                                     250.00\n"
        "VAT 20%                                            50.00\n"
        "Total                                             300.00\n"
    )
    assert [d for d, *_ in _rows(text, ".")] == ["Pruning of fruit trees", "Disposal"]


def test_a_line_of_words_set_in_under_a_row_goes_on_its_description() -> None:
    text = (
        "  1. Repainting of the stairwell: 1,450.00\n"
        "     walls and ceiling, two coats\n"
        "  2. Travel: 60.00\n"
        "Total                                         1,510.00\n"
    )
    assert [d for d, *_ in _rows(text, ".")] == [
        "Repainting of the stairwell walls and ceiling, two coats",
        "Travel",
    ]


def test_a_list_missing_a_quantity_times_price_line_printed_elsewhere_is_not_the_items() -> None:
    text = (
        "Kitchen: wall tiles                                     € 80.00\n"
        "Kitchen: labour                                        € 120.00\n"
        "Subtotal                                               € 200.00\n"
        "Bathroom grout\n"
        "  3 bags x 5.00                                          15.00\n"
        "Subtotal                                                 15.00\n"
        "Total                                                   215.00\n"
    )
    # the list above the first subtotal adds up, but an item whose own arithmetic holds lies outside it:
    # the quantity-times-price lines are read, as without the list
    assert [(d, a) for d, _, _, a in _rows(text, ".")] == [("Bathroom grout", Decimal("15.00"))]


def test_net_before_a_currency_code_and_its_amount_is_a_subtotal_label() -> None:
    assert find_labels("subtotal", "Net                         GBP 723.50")
    assert not find_labels("subtotal", "Net weight 12 kg")


def test_a_receipts_items_with_counts_and_a_paid_stamp_above_the_totals_are_rows() -> None:
    # GIVEN an online receipt: items with a count before or after the name and no price, a "PAID"
    # stamp set between them and the totals, sizes in a name that are no count
    text = (
        "Receipt #4410-2281\n"
        "    Team plan - monthly                                   $120.00\n"
        "    Extra seats × 3                                        $45.00\n"
        "    2 x Domain renewal                                     $30.00\n"
        "    Poster 40 x 30 cm                                      $12.00\n"
        "                                                       PAID\n"
        "                                   Subtotal               $207.00\n"
        "                                      Total               $207.00\n"
    )
    assert _rows(text, ".") == [
        ("Team plan - monthly", None, None, Decimal("120.00")),
        ("Extra seats", Decimal("3"), None, Decimal("45.00")),
        ("Domain renewal", Decimal("2"), None, Decimal("30.00")),
        ("Poster 40 x 30 cm", None, None, Decimal("12.00")),
    ]
