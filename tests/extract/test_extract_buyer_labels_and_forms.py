"""GIVEN a buyer block headed by a locale's recipient wording, or an unlabelled one whose name carries a
legal form of another country WHEN the buyer is read THEN the block's first name is the buyer; a
one-line sender address written with commas and the vendor's own name are not."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import _choose_buyer
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import address_window_buyer, choose_buyer_name


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_recipient_headings_of_the_locales_head_the_buyer_block() -> None:
    cases = {
        "Faktureres til                       Leveres til\nSkovbo Tømrer ApS                    Skovbo Tømrer ApS\n": (
            "Skovbo Tømrer ApS"
        ),
        "Sprzedający                          Kupujący\nAlfa Druk sp. z o.o.                 Beta Meble sp.j.\n": (
            "Beta Meble sp.j."
        ),
        "Afnemer:\nDuinrand Bloemen B.V.\nStationsplein 4\n": "Duinrand Bloemen B.V.",
        "Datos del cliente\nTalleres Ribera S.L.\nCalle Mayor 12\n": "Talleres Ribera S.L.",
        "Seller                               To\nNorth Pier Goods Inc.                Lakeside Mills LLC\n": (
            "Lakeside Mills LLC"
        ),
    }
    for text, buyer in cases.items():
        assert choose_buyer_name(_lines(text))[0] == buyer, text


def test_to_followed_by_a_name_on_its_line_heads_no_buyer_block() -> None:
    # GIVEN a payment slip's "To: <payee>" (the word and the name in one cell)
    lines = _lines("PAYMENT ADVICE\nTo: North Pier Goods Inc.\nAccount 0042\n")
    # THEN it is not read as the buyer's heading
    assert choose_buyer_name(lines)[0] is None


def test_an_unlabelled_buyer_with_a_foreign_legal_form_is_found() -> None:
    for buyer in ("Corrib Fabrication Teoranta", "Alpenblick Tischlerei e.U.", "Polderzicht Vastgoed C.V."):
        lines = _lines(f"Seaview Parts Ltd\n1 Quay Street\nINVOICE\n{buyer}\n9 Mill Road\n")
        assert address_window_buyer(lines, "Seaview Parts Ltd")[0] == buyer


def test_a_sender_line_written_with_commas_is_not_the_buyer() -> None:
    lines = _lines(
        "Seaview Parts Ltd\n"
        "Seaview Parts Ltd, 1 Quay Street, Galway H91 X2Y3\n"
        "Inishmore Crafts Ltd\n"
        "4 Harbour View\n"
    )
    assert address_window_buyer(lines, "Seaview Parts Ltd · Marine Supplies")[0] == "Inishmore Crafts Ltd"


def test_the_buyer_is_chosen_again_when_the_vendor_changes() -> None:
    # GIVEN an unlabelled page whose first company name is the vendor's
    lines = _lines("Harbour Lights Ltd\n2 Pier Road\nFenwick Joinery Ltd\n8 Elm Row\n")
    result = InvoiceExtraction(extraction_method="rules")
    result.vendor.name = "Fenwick Joinery Ltd"
    _choose_buyer(result, lines)
    assert result.buyer.name == "Harbour Lights Ltd"
    # WHEN the vendor is another name THEN the buyer is read again and is never the vendor
    result.vendor.name = "Harbour Lights Ltd"
    _choose_buyer(result, lines)
    assert result.buyer.name == "Fenwick Joinery Ltd"


def test_a_portuguese_account_holder_heads_the_buyer_block() -> None:
    from opsloop.extract.rules.engine import extract_rules
    from opsloop.extract.rules.lexicon import find_labels

    # GIVEN a Portuguese bill heading its customer "TITULAR" (the contract's holder), the seller's block
    # beside it and the seller's brand at the top right
    text = (
        "FATURA                                                                        Tejo\n"
        "N.º DA FATURA                 2024551021\n"
        "DATA DE EMISSÃO               07/03/2024\n"
        "TITULAR\n"
        "Marés Lda.                                                           Tejo Telecom S.A.\n"
        "Rua Direita, 12                                                      Avenida Central, 40\n"
        "4000-100 Porto                                                       1000-200 Lisboa\n"
        "                                                  TOTAL DA FATURA           123,00 €\n"
        "                                          NIF PT501234560\n"
    )
    # WHEN read THEN the holder is the buyer and the other block the vendor
    extraction = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    assert extraction.buyer is not None and extraction.buyer.name == "Marés Lda."
    assert extraction.vendor is not None and extraction.vendor.name == "Tejo Telecom S.A."
    # AND a holder named on the label's line heads no buyer block: a bank account's ("Titular da conta:
    # ...", the seller's bank details) or a trade name's owner ("Titular: ...", under the seller's name)
    assert not find_labels("buyer_section", "Titular da conta: Tejo Telecom S.A.")
    assert not find_labels("buyer_section", "Titular: Rui Mendes")
