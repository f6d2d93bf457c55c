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
