"""h-real26's rules from third-party producers (set third28: erechnung's DIN 5008 letter, django-facturation-fr's
reportlab invoice, the LaTeX letter classes lettre.cls and NTG brief.cls, and third27's hb-page-invoice), each worded
generally, with text of our own: who the seller is where no caption says so."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.parties import legal_form


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def test_two_uncaptioned_blocks_the_contact_column_between_them_is_the_left_blocks() -> None:
    # GIVEN a brand over two party blocks side by side with no caption, the left block's name wrapped over two
    # lines in its narrow column, its mail and phone in a column between the blocks, a short page
    text = (
        "                 Lupo Vetri\n"
        "\n"
        "Data: 14/02/26                                                                  Fattura n. 88/2026\n"
        "\n"
        "Vetreria Artigiana Lupo & Soci                  ufficio@vetrerialupo.example     Albergo Miramonti S.r.l.\n"
        "S.a.s.                                          +39 0471 555 123                  Via Dolomiti 9, 39100\n"
        "Corso Italia 31,                                                                  Bolzano\n"
        "37121 Verona                                                                      IT01234560215\n"
        "IT04715260230\n"
        "\n"
        " descrizione                     prezzo           quantità     totale\n"
        " Specchio su misura              310.00€          2            620.00€\n"
        "\n"
        "                                                               Totale:            620.00€\n"
    )
    got = _read(text)
    # THEN the left block (its contact details beside it) is the seller, the right block the buyer
    assert got.vendor is not None and got.buyer is not None
    assert got.vendor.name == "Vetreria Artigiana Lupo & Soci S.a.s."
    assert got.buyer.name == "Albergo Miramonti S.r.l."


def test_an_uncaptioned_block_of_a_name_without_legal_form_over_a_wrapped_one_line_address_is_the_buyer() -> (
    None
):
    # GIVEN the seller's block at the left and, at the right with no caption, a name with no legal form over
    # "street number, postcode" whose town the column wrapped onto the next line
    text = (
        "Falegnameria Conti S.r.l.                                          Osteria al Ponte Vecchio\n"
        "Via Garibaldi 4, 25121 Brescia                                     Via Po 8, 10124\n"
        "Tel. 030 123 4567                                                  Torino\n"
        "P.IVA IT02345670987\n"
        "\n"
        "Fattura n. 17/2026 del 03/03/2026\n"
        " descrizione                     quantità     prezzo       totale\n"
        " Tavolo in rovere                1            900.00       900.00\n"
        "                                                 Totale:      900.00\n"
    )
    got = _read(text)
    # THEN the right block's name is the buyer
    assert got.buyer is not None
    assert got.buyer.name == "Osteria al Ponte Vecchio"


def test_a_window_block_whose_street_prints_no_number_is_the_buyer() -> None:
    # GIVEN a letterhead at the left and the recipient's window at the right: a name with no legal form, a street
    # with no house number, a town and its postcode
    text = (
        "Marsh Lane Plumbing Ltd\n"
        "14 Harbour Row                                              Whitby, 2 March 2026\n"
        "Whitby YO21 3PU\n"
        "Tel. 01947 600 123\n"
        "\n"
        "                                                            Hillside Community Library\n"
        "                                                            Station Road\n"
        "                                                            Malton YO17 7NB\n"
        "\n"
        "                Re: Invoice No. MLP-2214\n"
        "                Description                            Qty      Unit price        Amount\n"
        "                Boiler service                           1          180.00        180.00\n"
        "                                                                     Total        180.00\n"
    )
    got = _read(text)
    # THEN the window's first line is the buyer
    assert got.buyer is not None
    assert got.buyer.name == "Hillside Community Library"


def test_a_trading_name_in_brackets_after_the_legal_name_is_no_part_of_it() -> None:
    # GIVEN a footer whose first column prints "Legal name GmbH (Trading name)" and whose phone column the text
    # layer set one space after it, the page's head naming the seller only in the window's return line
    text = (
        "Auenwald Gartenpflege GmbH – Mühlweg 3 – 04105 Leipzig                Telefon:   +49 341 998877\n"
        "Frau                                                                  Datum:     12.03.2026\n"
        "Karin Berger                                                          Rechnungsnr.: 2026-117\n"
        "Lindenstraße 8\n"
        "04229 Leipzig\n"
        "\n"
        "Rechnung Nr. 2026-117\n"
        "Pos.  Bezeichnung                      Anzahl     Einzelpreis EUR     Gesamtpreis EUR\n"
        "1     Rasenpflege                           4              45,00              180,00\n"
        "                                         Gesamtbetrag (Brutto):            214,20 EUR\n"
        "\n"
        "Auenwald Gartenpflege GmbH (Grünwerk Leipzig) Tel.: +49 341 998877          USt-IdNr.: DE123456788\n"
        "Mühlweg 3                               E-Mail: info@gruenwerk.example\n"
        "04105 Leipzig\n"
    )
    got = _read(text)
    # THEN the seller is the legal name alone
    assert got.vendor is not None
    assert got.vendor.name == "Auenwald Gartenpflege GmbH"


def test_a_phone_column_the_text_layer_set_one_space_after_the_name_is_no_part_of_it() -> None:
    # GIVEN the same footer without a trading name: the legal name, one space, the phone column's label and number
    text = (
        "Auenwald Gartenpflege GmbH – Mühlweg 3 – 04105 Leipzig                Datum:     12.03.2026\n"
        "Frau                                                                  Rechnungsnr.: 2026-118\n"
        "Karin Berger\n"
        "Lindenstraße 8\n"
        "04229 Leipzig\n"
        "\n"
        "Rechnung Nr. 2026-118\n"
        "Pos.  Bezeichnung                      Anzahl     Einzelpreis EUR     Gesamtpreis EUR\n"
        "1     Heckenschnitt                         2              60,00              120,00\n"
        "                                         Gesamtbetrag (Brutto):            142,80 EUR\n"
        "\n"
        "Auenwald Gartenpflege GmbH Tel.: +49 341 998877                              USt-IdNr.: DE123456788\n"
        "Mühlweg 3                               E-Mail: info@auenwald.example\n"
        "04105 Leipzig\n"
    )
    got = _read(text)
    # THEN the seller's name stops before the phone's label
    assert got.vendor is not None
    assert got.vendor.name == "Auenwald Gartenpflege GmbH"


def test_legal_forms_of_agricultural_and_limited_companies_are_read_whole() -> None:
    # GIVEN names closing with an Italian agricultural company's form, a French one's, and the German
    # entrepreneurial company's form with its bracketed liability suffix
    for name, form in (
        ("Cascina Borgo Alto Soc. Agr. a r.l.", "Soc. Agr."),
        ("Domaine des Trois Chênes SCEA", "SCEA"),
        ("Feldberg Robotik UG (haftungsbeschränkt)", "UG (haftungsbeschränkt)"),
    ):
        found = legal_form(name)
        # THEN each is a legal form, the bracketed suffix part of the German one
        assert found is not None, name
        assert found.group(0) == form
    assert legal_form("a r.l.") is not None  # (the tail of such a form its column wrapped)
