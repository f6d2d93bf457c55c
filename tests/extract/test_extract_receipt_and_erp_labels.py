"""GIVEN the labels till receipts, ERP print-outs and word-processor invoices print in each language —
a receipt's number, the invoice and delivery address blocks, the buyer's tax id, a page's carried sum,
item-code and position columns — WHEN the lexicon looks them up THEN each is found as its kind (and so
is never read as a value)."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import find_labels
from opsloop.extract.rules.parties import legal_form

LABELS = [
    # a till receipt's number
    ("invoice_number", "Bonnummer"), ("invoice_number", "Bon-Nr."), ("invoice_number", "Nr paragonu"),
    ("invoice_number", "Kvittonr"), ("invoice_number", "Číslo účtenky"), ("invoice_number", "Kuitti nro"),
    ("invoice_number", "Kvitteringsnr."), ("invoice_number", "Nyugtaszám"), ("invoice_number", "Fiş No"),
    # the invoice and delivery address blocks of an ERP print-out
    ("buyer_section", "Intestatario"), ("buyer_section", "Destinazione merce"),
    ("buyer_section", "Indirizzo di consegna"), ("buyer_section", "Dirección de facturación"),
    ("buyer_section", "Dirección de entrega"), ("buyer_section", "Morada de faturação"),
    ("buyer_section", "Morada de entrega"), ("buyer_section", "Místo dodání"),
    # the buyer's own tax id
    ("buyer_vat_label", "NIP nabywcy"), ("buyer_vat_label", "Asiakkaan Y-tunnus"),
    ("buyer_vat_label", "Deres org.nr."), ("buyer_vat_label", "Vevő adószáma"),
    # a page's running sum
    ("carry_forward", "Att transportera"), ("carry_forward", "Overføres"), ("carry_forward", "Átvitel"),
    ("carry_forward", "Önceki sayfadan nakil"),
    # item-code, description and position columns
    ("col_sku", "Artikelnr."), ("col_sku", "Artikel-Nr."), ("col_description", "Specifikation"),
    ("col_position", "Lin."), ("col_position", "Poř."), ("col_position", "Ssz."),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "text"), LABELS)
def test_the_label_is_found_as_its_kind(kind: str, text: str) -> None:
    assert find_labels(kind, text), (kind, text)


def _number(text: str) -> str | None:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(parsed).invoice_number


def test_a_spanish_ticket_number_after_the_date_and_time_is_the_number() -> None:
    text = (
        "        Panadería García S.L.\n"
        "TOTAL EUR                                   12,40\n"
        "05/10/2025 18:37                 Nº ticket 3/4433\n"
    )
    assert _number(text) == "3/4433"


def test_a_portuguese_receipt_number_after_the_date_and_time_is_the_number() -> None:
    # GIVEN a till receipt whose number stands last, after its date and time, under a bare "N.º"
    text = (
        "        Mercearia Ferreira Lda.\n"
        "        Rua de Santa Catarina, n.º 48\n"
        "TOTAL EUR                                   17,45\n"
        "13-12-2025 21:35                        N.º 404563\n"
    )
    # THEN that is the number, never the street's house number after a word and a space
    assert _number(text) == "404563"
    assert not find_labels("invoice_number", "Rua de Santa Catarina, n.º 48")


def test_a_czech_title_with_an_en_dash_labels_the_number() -> None:
    assert _number("Faktura – daňový doklad 2026-6553\nDatum vystavení: 5. 3. 2026\n") == "2026-6553"


@pytest.mark.parametrize("name", ["Byrne Electrical DAC", "Peeters Drukkerij CommV", "Maes Bouw Comm. V."])
def test_irish_and_belgian_legal_forms_end_a_company_name(name: str) -> None:
    # an Irish designated activity company; a Belgian limited partnership written with or without points
    assert legal_form(name) is not None


def test_a_south_african_close_corporation_ends_a_company_name() -> None:
    # GIVEN a close corporation's name ("... CC"), and a copy line's "CC:" and a lower-case "cc"
    assert legal_form("van der Merwe Office Solutions CC") is not None
    assert legal_form("CC: accounts@example.com") is None
    assert legal_form("cc accounts") is None
    # THEN a letter's addressee block headed by one names the buyer
    parsed = ParsedDocument(
        kind=DocumentKind.PDF,
        pages=[
            PageText(
                number=1,
                text=(
                    "                    Dlamini Logistics Inc.\n"
                    "                    99 Voortrekker Road | 8001 Cape Town\n\n"
                    "van der Merwe Office Solutions CC\n180 Main Road\n4001 Durban\n\n"
                    "                                          Cape Town, 19/11/2026\n"
                    "Invoice 20264078\nTotal ZAR     3 943.70\n"
                ),
            )
        ],
    )
    assert extract_rules(parsed).buyer.name == "van der Merwe Office Solutions CC"
