"""What the unlabelled buyer's fallbacks pass over: a street line whose postcode's letters read as a legal
form ("Molenlaan 74 – 3511 AB Utrecht": the Dutch postcode's "AB" is no Aktiebolag), and a trade name over
its owner's line ("Indehaver: Ida Thygesen"), the seller's head, never a private addressee. Texts of our
own."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _buyers(text: str) -> list[str | None]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [r.buyer.name for r in (extract_rules(doc), extract_invoice(doc, text_only=True))]


def test_a_street_line_with_a_dutch_postcode_is_no_buyer() -> None:
    text = (
        "Klaverblad Installatietechniek N.V.\n"
        "Molenlaan 74 · 3511 AB Utrecht · Tel. +31 30 890 5343\n"
        "Thijs Bakker\nMolenlaan 65\n8011 CD Zwolle\n"
        "                                        Utrecht, 13 december 2025\n"
        "FACTUUR\nNummer: 293/2025\n"
        "Omschrijving                     Aantal      Prijs        Bedrag\n"
        "Arbeidsloon                      8           315,50       2.524,00\n"
        "                                 Totaal incl. btw          2.750,16\n"
        "Betaling binnen 30 dagen na factuurdatum.\n"
        "          Molenlaan 74 – 3511 AB Utrecht – KvK 57190 – IBAN NL93 SGVP 6423 4189 17\n"
    )
    assert _buyers(text) == ["Thijs Bakker", "Thijs Bakker"]


def test_a_trade_name_over_its_owners_line_is_no_addressee() -> None:
    text = (
        "Anlægsgartner Thygesen\nIndehaver: Ida Thygesen\nSøndergade 16\n8000 Aarhus\n"
        "Mads Lykke\nVestergade 46\n4000 Roskilde\n"
        "                                        Aarhus, den 25. april 2024\n"
        "FAKTURA INV-00464\nKære kunde,\n"
        "Vi fakturerer hermed følgende beløb: Arbejdsløn (12 × 1.164,00 kr.): 13.968,00 kr.\n"
        "                          Total inkl. moms                 17.460,00 kr.\n"
        "Med venlig hilsen\nIda Thygesen\nCVR-nr. DK12154844\n"
    )
    assert _buyers(text) == ["Mads Lykke", "Mads Lykke"]
