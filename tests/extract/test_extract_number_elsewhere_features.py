"""The invoice number's candidates say where an id belongs to something other than the document: an
address's postcode, the earlier invoice a credit note names. Texts of our own."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.scorer.choose import candidates_for


def _ids(text: str) -> dict[str, dict[str, float]]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return {str(c.value): c.features for c in candidates_for(doc, extract_rules(doc))["invoice_number"]}


def test_a_postcode_before_its_town_is_marked_an_addresses() -> None:
    ids = _ids(
        "Piekarnia Nowak Sp. z o.o.\n"
        "ul. Długa 5\n"
        "50-101 Wrocław\n"
        "Tanner Logística Lda.\n"
        "Rua do Carmo, 12, 4000-322 Porto\n"
        "Faktura nr FV/2025/118                       Data: 03.04.2025\n"
    )
    assert ids["50-101"].get("postcode_town") == 1.0
    assert ids["4000-322"].get("postcode_town") == 1.0
    assert "postcode_town" not in ids["FV/2025/118"]
    # a year in a sentence before a name is no postcode
    ids = _ids("Serviços de 1 de julho de 2024 Ana Sousa\nFatura FT-2024/77\n")
    assert "postcode_town" not in ids.get("2024", {})


def test_the_invoice_a_credit_note_names_is_marked_an_earlier_invoices() -> None:
    ids = _ids(
        "Nota de crédito N.º NC 2025/41\n"
        "Referente à fatura FT 2025/1910 de 17/11/2025\n"
        "Original invoice:\n"
        "INV-2024-1001\n"
        "Original invoice: INV-2024-0999\n"
        "Credit note no. CN-2025-77\n"
    )
    assert ids["2025/1910"].get("after_preceding_invoice") == 1.0
    assert ids["INV-2024-1001"].get("under_preceding_invoice") == 1.0
    assert ids["INV-2024-0999"].get("after_preceding_invoice") == 1.0
    # the credit note's own number: after no such phrase, and under one that holds its own value
    for own in ("2025/41", "CN-2025-77"):
        assert "after_preceding_invoice" not in ids[own]
        assert "under_preceding_invoice" not in ids[own]


def test_an_id_far_right_of_the_label_before_it_is_marked_another_columns() -> None:
    ids = _ids(
        f"Lindqvist Snickeri AB\nFaktura{' ' * 90}BEST-3318\nFakturanr: LS-2207\nAtt betala   4 800,00\n"
    )
    assert ids["BEST-3318"].get("label_far", 0.0) > 0.5
    assert "label_far" not in ids["LS-2207"]


def test_an_id_under_another_fields_label_in_its_column_is_marked() -> None:
    side = " " * 50
    ids = _ids(
        f"Brenner Metallbau GmbH{side}Rechnungsnr.\n"
        f"Am Kanal 9{side}RE-55120\n"
        f"{' ' * 10}{side}Ihre Bestellnummer\n"
        f"{' ' * 10}{side}BS-7781\n"
        "Gesamtbetrag   1.190,00 EUR\n"
    )
    assert ids["BS-7781"].get("under_other_label") == 1.0
    assert "under_other_label" not in ids["RE-55120"]


def test_an_id_after_a_customers_or_a_phones_label_is_marked() -> None:
    ids = _ids(
        "Harrow Fasteners Ltd\nCustomer No.: HC-40912\nTel: 0117 4960 331\nInvoice No. HF-8830\nTotal 96.00\n"
    )
    assert ids["HC-40912"].get("left_other_id_label") == 1.0
    assert ids["4960"].get("left_other_id_label") == 1.0
    assert "left_other_id_label" not in ids["HF-8830"]


def test_an_id_under_a_row_of_item_headings_is_marked_an_items() -> None:
    ids = _ids(
        "Harrow Fasteners Ltd\n"
        "Invoice No. HF-8831\n"
        "No.    Code        Description            Qty     Amount\n"
        "1      HX-2210     Hex bolts M8            40      24.00\n"
        "Total 24.00\n"
    )
    assert ids["HX-2210"].get("in_item_rows") == 1.0
    assert ids["HX-2210"].get("under_item_heading") == 1.0
    assert "in_item_rows" not in ids["HF-8831"]


def test_an_id_the_rules_read_as_another_field_is_marked() -> None:
    ids = _ids(
        "Brenner Metallbau GmbH\n"
        "Am Kanal 9\n"
        "20457 Hamburg\n"
        "Rechnung Nr. RE-55121\n"
        "Bestellnummer: BS-7782\n"
        "Gesamtbetrag   1.190,00 EUR\n"
    )
    assert ids["BS-7782"].get("rules_other_field") == 1.0
    assert "rules_other_field" not in ids["RE-55121"]
