"""GIVEN a window's return address whose marks between the parts were lost (OCR drops the small middle dots of
"Firma A/S · Vej 41 · 8000 By": "Firma A/S Vej 41 8000 By") WHEN the parties are read THEN the line still reads
as the sender's return address (a name ending at its legal form, then a whole postal address opening with its
street), its name misread or not: the seller is the letterhead's, the buyer the window's first line; a line that is no such address
(no legal form, no street after it, a label's colon, a wide gap) is none."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.parties import _return_address_parts

PAGE = (
    "Fjordlys Elektro A/S\n"
    "\n"
    "Fjordlvs Elektr0 A/S Strandvejen 41 8000 Aarhus C\n"
    "Kvist & Møller ApS                                    Faktura\n"
    "Bakkevej 7\n"
    "5000 Odense C                                         Fakturanr.      40112\n"
    "CVR-nr.: DK31245678                                   Fakturadato     03.02.2026\n"
    "                                                      Forfaldsdato    17.02.2026\n"
    "\n"
    "Beskrivelse                         Antal        Pris        Beløb\n"
    "Kabelbakke 200 mm                       4      250,00     1.000,00\n"
    "\n"
    "                                           Subtotal            1.000,00\n"
    "                                           Moms 25 %             250,00\n"
    "                                           I alt DKK           1.250,00\n"
)


def test_the_window_under_a_return_address_without_its_dots_names_the_buyer() -> None:
    document = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=PAGE)])
    result = extract_invoice(document, text_only=True)
    assert result.vendor.name == "Fjordlys Elektro A/S"
    assert result.buyer is not None and result.buyer.name == "Kvist & Møller ApS"


def test_a_name_and_its_legal_form_then_a_street_and_a_postcode_read_as_a_return_address() -> None:
    assert _return_address_parts("Fjordlys Elektro A/S Strandvejen 41 8000 Aarhus C") == (
        "Fjordlys Elektro A/S",
        "Strandvejen 41",
        "8000 Aarhus C",
    )
    assert _return_address_parts("Oliva Hermanos SL Av. del Puerto, 23 46021 Valencia") == (
        "Oliva Hermanos SL",
        "Av. del Puerto",
        "23",
        "46021 Valencia",
    )


def test_what_is_no_return_address_without_marks_stays_none() -> None:
    assert _return_address_parts("Stadtwerke Nord Hafenstraße 4 24103 Kiel") is None  # no legal form
    assert _return_address_parts("Fjordlys Elektro A/S Faktura 40112") is None  # no address after it
    assert _return_address_parts("Kunde: Kvist ApS Bakkevej 7 5000 Odense C") is None  # a label's colon
    assert _return_address_parts("Kvist ApS    Bakkevej 7 5000 Odense C") is None  # two cells
