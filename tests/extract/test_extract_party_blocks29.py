"""Party blocks as national conventions print them (session 29, evals/parties), each case a document of our own:
a firm's name wrapped over two lines (its head, then the rest closing with the legal form), a British address
with the town and the postcode on lines of their own, a US street whose house number has four digits over
"City, ST 12345", a post-office box over the postcode and town, and the invoice recipient's label beside a
delivery block's."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice

_TAIL = (
    "\nINVOICE\nInvoice number: 4471-B                        Date: 12/03/2026\n\n"
    "Description                                Qty      Price      Amount\n"
    "Survey of site drainage                      2     310.00      620.00\n\n"
    "                                           Subtotal            620.00\n"
    "                                           VAT 20%             124.00\n"
    "                                           Total GBP           744.00\n"
)


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def test_a_sellers_name_wrapped_after_its_head_is_read_whole() -> None:
    text = (
        "Halloran & Byrne\n"
        "Joinery Ltd\n"
        "14 Quarry Road\n"
        "Sheffield S1 2AB\n"
        "VAT No.: GB 678 0083 74\n\n"
        "Invoice to\n"
        "Pennick Estates Ltd\n"
        "2 Fenwick Street\n"
        "Hull HU1 3QT\n" + _TAIL
    )
    result = _read(text)
    assert result.vendor.name == "Halloran & Byrne Joinery Ltd"
    assert result.buyer.name == "Pennick Estates Ltd"


def test_a_buyers_name_wrapped_under_its_label_is_read_whole() -> None:
    text = (
        "Torvane Metals Ltd\n"
        "8 Anchor Street\n"
        "Leeds LS2 8PQ\n"
        "VAT No.: GB 678 0083 74\n\n"
        "Invoice to\n"
        "Quennell\n"
        "Garden Supplies Ltd\n"
        "40 Mortlake Road\n"
        "Hull HU1 3QT\n" + _TAIL
    )
    assert _read(text).buyer.name == "Quennell Garden Supplies Ltd"


@pytest.mark.parametrize(
    ("block", "want"),
    [
        # Royal Mail's order: the post town, then the postcode on the last line
        ("14 Quarry Road\nSheffield\nS1 2AB", "14 Quarry Road, Sheffield, S1 2AB"),
        # a building's name over the street, the town in capitals
        (
            "Brindley House\n14 Quarry Road\nSHEFFIELD\nS1 2AB",
            "Brindley House, 14 Quarry Road, SHEFFIELD, S1 2AB",
        ),
    ],
    ids=["town then postcode", "building, town in capitals"],
)
def test_a_british_address_closes_with_its_postcode_alone(block: str, want: str) -> None:
    text = (
        f"Halloran Joinery Ltd\n{block}\nVAT No.: GB 678 0083 74\n\nInvoice to\nPennick Estates Ltd\n2 Fenwick Street\nHull HU1 3QT\n"
        + _TAIL
    )
    assert _read(text).vendor.address == want


def test_a_us_street_whose_number_reads_like_a_postcode_goes_on_to_its_town() -> None:
    text = (
        "Corvell Instruments Inc.\n"
        "4821 Larimer Street\n"
        "Denver, CO 80205\n"
        "Tel. (303) 555-0142\n\n"
        "Bill to\n"
        "Atwater Labs LLC\n"
        "77 Orchard Avenue\n"
        "Boise, ID 83702\n" + _TAIL.replace("GBP", "USD")
    )
    assert _read(text).vendor.address == "4821 Larimer Street, Denver, CO 80205"


def test_a_post_office_box_is_no_postcode_and_town() -> None:
    text = (
        "Carpinterías Olano S.L.\n"
        "Apdo. 4417\n"
        "28004 Madrid\n"
        "NIF: ESB05169784\n\n"
        "Cliente\n"
        "Ferrallas Ubeda S.L.\n"
        "Calle Lirio, 3\n"
        "41001 Sevilla\n\n"
        "FACTURA\nNúmero de factura: F-2026-88                Fecha: 12/03/2026\n\n"
        "Concepto                                   Cant.    Precio     Importe\n"
        "Montaje de estanterías                        2     310,00      620,00\n\n"
        "                                           Base imponible      620,00\n"
        "                                           IVA 21%             130,20\n"
        "                                           Total               750,20\n"
    )
    assert _read(text).vendor.address == "Apdo. 4417, 28004 Madrid"


def test_the_invoice_recipients_block_beside_a_delivery_block_is_the_buyers() -> None:
    # Swedish: "Leverans till" (where the goods go) on the left, "Fakturamottagare" (who is invoiced) on the right
    text = (
        "Sörby Verktyg AB\n"
        "Hamnvägen 12\n"
        "211 20 Malmö\n"
        "Momsreg.nr: SE556677889901\n\n"
        "Leverans till                                   Fakturamottagare\n"
        "Lagerhuset Ekeby AB                             Norrvik Bygg AB\n"
        "Industrigatan 4                                 Storgatan 9\n"
        "722 10 Västerås                                 903 25 Umeå\n\n"
        "FAKTURA\nFakturanummer: 30418                      Fakturadatum: 2026-03-12\n\n"
        "Beskrivning                                Antal    À-pris      Belopp\n"
        "Slipskivor                                    20     31,00      620,00\n\n"
        "                                           Netto               620,00\n"
        "                                           Moms 25%            155,00\n"
        "                                           Att betala          775,00\n"
    )
    assert _read(text).buyer.name == "Norrvik Bygg AB"
