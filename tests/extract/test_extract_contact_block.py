"""GIVEN sellers whose block prints how to reach and pay them (phone, mail, tax id, bank) while the
recipient's block prints a postal address only — a sole trader with no legal form over a company in the
window, a legal footer set in columns under a brand — WHEN the parties are read THEN the block with the
contact details names the seller, and what is not such a block (a row of items over a footer, a one-line
footer under a payment slip, a brand's word, a contact person) does not."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules import parties
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.lexicon import LANGUAGES, locale_pack


def _read(text: str) -> tuple[str | None, str | None]:
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    return result.vendor.name, result.buyer.name


def _lines(text: str):  # type: ignore[no-untyped-def]
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


LETTERHEAD = (
    "Carter Landscaping                                                          Invoice\n"
    "28 Chapel Street\n"
    "Melbourne VIC 3000\n"
    "Tel. +61 3 9449 351\n"
    "accounts@example.com.au\n"
    "Invoice No.:      R263497                      Brennan Holdings Ltd\n"
    "Invoice Date:     07/03/2026                   73 George Street\n"
    "Due Date:         06/05/2026                   Perth WA 6000\n"
    " #   Description                            Qty    Unit Price    Amount\n"
    " 1   Garden design                            2        100.00    200.00\n"
    "                                         Subtotal                 200.00\n"
    "                                         GST 10 %                  20.00\n"
    "                                         Total AUD                220.00\n"
)


def test_the_block_with_phone_and_mail_under_its_name_is_the_sellers() -> None:
    # GIVEN a firm with no legal form over its street, town, phone and mail at the top left, and a
    # company (Ltd) in the window beside the invoice's facts; WHEN the parties are read THEN the firm
    # with the contact details is the seller and the company the buyer
    assert _read(LETTERHEAD) == ("Carter Landscaping", "Brennan Holdings Ltd")


def test_without_the_contact_block_the_recipients_legal_form_would_win(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parties, "CONTACT_BLOCK_BONUS", 0.0)
    vendor, _ = _read(LETTERHEAD)
    assert vendor == "Brennan Holdings Ltd"


def test_one_kind_of_contact_detail_is_not_enough() -> None:
    # GIVEN the same block with its phone only (a recipient's block may print a phone number)
    # WHEN the blocks are looked for THEN none is a contact block
    text = LETTERHEAD.replace("accounts@example.com.au\n", "\n")
    lines = _lines(text)
    head = parties.read_sender_head(lines)
    assert parties._contact_block_heads(head.page_lines, head.cells, [], len(head.page_lines)) == set()
    assert parties._contact_kinds("Tel. +61 3 9449 351", False) == {"phone"}
    assert parties._contact_kinds("Telefon 030 1234567", False) == {"phone"}  # (a pack's phone label)
    assert parties._contact_kinds("Customer ABN: 78 354 034 824", True) == set()  # the customer's field


FOOTER = (
    "                                                                          Solstice\n"
    "Fatura\n"
    "Fatura n.º:               12811                   Pereira Serralharia Lda.\n"
    "Data de emissão:          2025-10-07              Rua de Santa Catarina 20\n"
    "Data de vencimento:       2025-10-21              1100-053 Lisboa\n"
    " #    Descrição                               Qtd.     Preço unit.       Valor\n"
    " 1    Reparação                                 2           100,00      200,00\n"
    "                                          Total ilíquido                200,00\n"
    "                                          IVA 23 %                       46,00\n"
    "                                          Total EUR                     246,00\n"
    "Obrigado pela preferência.\n"
    "Mariana Silva                                  Tel. +351 21 588 4140\n"
    "Rua do Comércio 39                             info@example.pt\n"
    "8000-073 Faro                                  IBAN: PT50 0002 0123 1234 5678 9015 4\n"
)


def test_a_footer_in_columns_with_phone_mail_and_bank_names_the_seller() -> None:
    # GIVEN a brand at the top, a company in the window and, in the footer, a person's name over a street
    # and town beside phone, mail and bank account; WHEN the parties are read THEN the footer's name is
    # the seller (not the courtesy line over it) and the company the buyer
    assert _read(FOOTER) == ("Mariana Silva", "Pereira Serralharia Lda.")


def test_without_the_contact_block_the_footer_name_would_lose(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parties, "CONTACT_BLOCK_BONUS", 0.0)
    vendor, _ = _read(FOOTER)
    assert vendor == "Pereira Serralharia Lda."


def test_a_courtesy_line_over_a_footer_is_not_its_head() -> None:
    # GIVEN "Thank you for your business." right over a footer whose name reads like an address (a
    # street word, no number) WHEN the footer's head is looked for THEN it is the name, not the courtesy
    text = (
        "Invoice\n"
        "Thank you for your business.\n"
        "Henderson Building Materials          Tel. +61 2 9394 633\n"
        "147 Chapel Street                     info@example.com.au\n"
        "Melbourne VIC 3000                    ABN: 30 775 821 314\n"
    )
    lines = _lines(text)
    head = parties.read_sender_head(lines)
    names: dict[int, list] = {}  # type: ignore[type-arg]
    for row, cell, _ in head.cells:
        names.setdefault(row, []).append(cell)
    assert parties._footer_block_head(head.page_lines, names, 4, 0, 2) == (2, 0)
    # the name with a street word and no number heads its street and number: a name, not an address
    assert parties._heads_address(lines, 2, 0, "Henderson Building Materials")


def test_a_row_of_items_over_a_footer_is_no_block() -> None:
    # GIVEN an item row, a tax line and a payment sentence over a footer line with a phone and a mail
    # WHEN the lines between are looked at THEN they are no address block
    text = (
        " Label roll                                  12   1,81    21,72\n"
        " VAT 21 % on 21,72                                          4,56\n"
        " Tel. +32 9 299 89 93, factures@example.be\n"
    )
    lines = _lines(text)
    holder = lines[2].cells[0]
    assert not parties._address_block_between(lines, 0, 2, holder)


def test_a_one_line_footer_does_not_credit_the_block_over_it() -> None:
    # GIVEN a payment slip's payer ("Paid by") over a one-line footer that names the seller with its
    # VAT id, web and phone; WHEN the contact blocks are looked for THEN the payer is none
    text = (
        "Nordkapp ENK\n"
        "Storgata 12\n"
        "0150 Oslo\n"
        "Paid by\n"
        "Brennan Utstyr ASA\n"
        "Storgata 59, 3015 Drammen\n"
        "Nordkapp ENK · Org. 873 100 281 MVA · www.example.no · Telefon +47 911 09 610\n"
    )
    lines = _lines(text)
    head = parties.read_sender_head(lines)
    assert (4, 0) not in parties._contact_block_heads(head.page_lines, head.cells, [], 0)


def test_the_block_head_is_the_firm_over_its_contact_person_not_a_brand_over_its_legal_name() -> None:
    # GIVEN a firm with its legal form over a contact person and a department, then the address and a
    # phone and mail; WHEN the block's head is looked for THEN it is the firm
    text = (
        "Hausverwaltung GmbH & Co.\n"
        "Erika Beispiel\n"
        "Beispiel-Einkauf\n"
        "Kastanienweg 17\n"
        "60311 Frankfurt\n"
        "Telefon: +49 89 1234567\n"
        "E-Mail: erika@example.de\n"
    )
    lines = _lines(text)
    head = parties.read_sender_head(lines)
    assert parties._contact_block_heads(head.page_lines, head.cells, [], len(head.page_lines)) == {(0, 0)}
    # GIVEN a brand's word over the legal name THEN the legal name heads the block
    text = "Douro\nDouro, Lda.\nLargo do Rato, 11\n3000-150 Coimbra\nTelem. +351 347 439 370\nbilling@example.pt\n"
    lines = _lines(text)
    head = parties.read_sender_head(lines)
    assert parties._contact_block_heads(head.page_lines, head.cells, [], len(head.page_lines)) == {(1, 0)}


def test_the_address_is_read_where_the_name_is_printed_in_capitals() -> None:
    # GIVEN the letterhead prints the name in capitals and the footer in mixed case WHEN the address is
    # read at the letterhead for the footer's spelling THEN it is found
    lines = _lines("FERREIRA & SANTOS LDA.\nRua Augusta 12\n1100-053 Lisboa\n")
    found = parties.read_vendor_address(lines, lines[0], "Ferreira & Santos Lda.")
    assert found is not None and found[0] == "Rua Augusta 12, 1100-053 Lisboa"


def test_every_required_pack_names_phone_labels() -> None:
    for language in LANGUAGES:
        assert locale_pack(language)["words"].get("phone_labels"), language


def test_a_buyers_name_wrapped_before_its_legal_form_is_read_whole() -> None:
    # GIVEN the buyer's name under its label with its legal form alone on the next line, or ending in a
    # connector with the rest and its legal form under it; WHEN the buyer is read THEN the name is whole
    lines = _lines("Fakturaadress\nNyström Tryckeri\nHandelsbolag\nSkolvägen 68\n111 52 Stockholm\n")
    assert parties.choose_buyer_name(lines)[0] == "Nyström Tryckeri Handelsbolag"
    lines = _lines("Cliente:\nNúñez Carpintería y\nClimatización S.L.\nCalle Real 170\n28013 Madrid\n")
    assert parties.choose_buyer_name(lines)[0] == "Núñez Carpintería y Climatización S.L."
    # (a name whose next line is its street stays as it is)
    lines = _lines("Cliente:\nNúñez Carpintería\nCalle Real 170\n28013 Madrid\n")
    assert parties.choose_buyer_name(lines)[0] == "Núñez Carpintería"


FROM_TO = (
    "Fattura\n"
    "Da:                                                 A:\n"
    "Forniture Industriali Ferrari                       Rossi Falegnameria S.r.l.\n"
    "Piazza Mazzini 167                                  Via Roma 98\n"
    "50123 Firenze                                       10121 Torino\n"
    "Fattura n.:       38361\n"
    "Data fattura:     11/03/2026\n"
    "Totale documento                € 2.583,19\n"
)


def test_the_from_and_to_headings_of_a_locale_name_the_parties() -> None:
    # GIVEN "Da:" (from) over a firm with no legal form and "A:" (to) over a company, as Italian
    # invoices head their parties (Spanish "De:"/"Para:", German "Von:"/"An:", Swedish "Från:"/"Till:")
    # WHEN the parties are read THEN the "from" block is the seller and the "to" block the buyer
    assert _read(FROM_TO) == ("Forniture Industriali Ferrari", "Rossi Falegnameria S.r.l.")
    lines = _lines(FROM_TO)
    assert parties.section_hits("vendor_section", lines[1])
    assert [hit.text for hit in parties.buyer_headings(lines[1])] == ["A:"]
    # a bare word and colon is the buyer's heading only beside the seller's ("A: 31/03/2026" is none)
    assert not parties.buyer_headings(_lines("Nota:                 A:\n")[0])
    assert not parties.section_hits("vendor_section", _lines("da consegnare entro marzo\n")[0])


def test_a_bank_over_its_iban_is_not_the_buyer() -> None:
    # GIVEN bank details in a sidebar ("Swedbank AS" over its IBAN) and the customer's company in a
    # window beside the invoice's facts; WHEN the buyer is read from the window THEN it is the customer
    text = (
        "brightline                 Rēķins\n"
        "Elizabetes iela 26         Rēķina Nr.:     F-2026-327            SIA Jansons Būve\n"
        "LV-3001 Jelgava            Rēķina datums:  04.04.2026            Elizabetes iela 43\n"
        "                                                                 LV-3601 Ventspils\n"
        "Bankas rekvizīti\n"
        "Swedbank AS\n"
        "IBAN: LV80 BANK 0000 4351 9500 1\n"
    )
    lines = _lines(text)
    assert parties.address_window_buyer(lines, "Bērziņš SIA")[0] == "SIA Jansons Būve"


BRAND_OVER_ONE_LINE_FOOTER = (
    "Lumio                                  Faktura\n"
    "Drottninggatan 72                      Fakturanummer:     R264962\n"
    "411 01 Göteborg                        Fakturadatum:      2026-03-24\n"
    "+46 31 896 8953\n"
    "info@example.se\n"
    "                                       Fakturaadress:\n"
    "                                       Bergström Bygg HB\n"
    "                                       Kungsgatan 33\n"
    "                                       111 52 Stockholm\n"
    " #   Beskrivning                                   Antal    À-pris    Belopp\n"
    " 1   Montagearbete                                  2 st    100,00    200,00\n"
    "                                       Summa exkl. moms               200,00\n"
    "                                       Moms 25 %                       50,00\n"
    "                                       Totalt SEK                     250,00\n"
    "Sofia Nyström · Drottninggatan 72 · 411 01 Göteborg · Momsreg.nr SE551337399201\n"
)


def test_a_one_line_footer_printing_the_brands_street_and_town_names_the_legal_seller() -> None:
    # GIVEN a brand over its street, town, phone and mail at the top and a one-line footer that opens
    # with a person's name, then the same street and town and the VAT id; WHEN the seller is chosen
    # THEN it is the footer's name (the legal one), not the brand
    vendor, buyer = _read(BRAND_OVER_ONE_LINE_FOOTER)
    assert vendor == "Sofia Nyström"
    assert buyer == "Bergström Bygg HB"


def test_without_the_footer_rule_the_brand_over_its_contact_block_wins(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parties, "LETTERHEAD_LEGAL_NAME_BONUS", 0.0)
    monkeypatch.setattr(parties, "FOOTER_IDENTITY_BONUS", 0.0)  # (the footer identity rule decides it too)
    monkeypatch.setattr(parties, "FOOTER_IDENTITY_TAX_BONUS", 0.0)
    vendor, _ = _read(BRAND_OVER_ONE_LINE_FOOTER)
    assert vendor == "Lumio"


def test_the_footers_legal_name_takes_over_the_contact_details_of_the_block_it_confirms(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # (the brand's block prints phone and mail; the footer's name confirming its town takes them over:
    # without that, the brand's contact block wins)
    monkeypatch.setattr(parties, "CONTACT_HEAD_REACH", 0)
    monkeypatch.setattr(parties, "FOOTER_IDENTITY_BONUS", 0.0)  # (the footer identity rule decides it too)
    monkeypatch.setattr(parties, "FOOTER_IDENTITY_TAX_BONUS", 0.0)
    vendor, _ = _read(BRAND_OVER_ONE_LINE_FOOTER)
    assert vendor == "Lumio"


def test_a_town_before_a_british_irish_us_or_canadian_postcode_closes_the_address() -> None:
    # GIVEN the seller's block with its town line as English-speaking countries print it (town, then
    # the postcode: "Leeds LS1 4DT", "Cork T12 K8AF", "Austin, TX 78701", "Toronto ON M5V 2T6")
    # WHEN the address is read THEN it runs down to that line
    for town in ("Leeds LS1 4DT", "Cork T12 K8AF", "Austin, TX 78701", "Toronto ON M5V 2T6"):
        lines = _lines(f"Whitfield Engineering Limited\n106 High Street\n{town}\nTel. +44 113 496 0000\n")
        found = parties.read_vendor_address(lines, lines[0], "Whitfield Engineering Limited")
        assert found is not None and found[0] == f"106 High Street, {town}", town


LOCALITY = (
    "MEKAR JAYA HARDWARE\n"
    "LOT 12, JLN 3/45,\n"
    "SERI KEMBANGAN SQUARE,\n"
    "43300 SERI KEMBANGAN\n"
    "TEL: 03-8941 2270\n"
    "MEKARJAYA88@EXAMPLE.COM\n"
    "TAX INVOICE\n"
    "DOC NO: CS00012   DATE: 14/03/2018\n"
    "PAINT 5L          45.00\n"
    "TOTAL:            45.00\n"
)


def test_a_locality_line_between_the_street_and_the_town_is_no_block_head() -> None:
    # GIVEN a shop's block whose address runs street / locality (a square, an estate) / postcode and
    # town over its phone and mail; WHEN the parties are read THEN the shop's name heads the block
    assert _read(LOCALITY)[0] == "MEKAR JAYA HARDWARE"


def test_without_the_locality_rule_the_line_under_the_street_would_head_the_block(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parties, "_under_street", lambda run, at: False)
    monkeypatch.setattr(parties, "SECOND_BLOCK_PENALTY", 0.0)  # (the stacked-blocks rule decides it too)
    assert _read(LOCALITY)[0] == "SERI KEMBANGAN SQUARE"


REGISTER = (
    "MURNI TRADING SDN BHD\n"
    "(774512-K)\n"
    "KEDAI BORONG MURNI\n"
    "NO. 8 JALAN INDAH 2\n"
    "OFF JALAN KENANGA\n"
    "KAJANG SELANGOR,43000\n"
    "HTTP://WWW.MURNI.EXAMPLE\n"
    "TEL : 03-87361122\n"
    "FAX : 03-87361123\n"
    "TAX INVOICE\n"
    "INVOICE NO : 10233\n"
    "12-03-2018\n"
    "SUGAR 1KG         2.90\n"
    "TOTAL:            2.90\n"
)


def test_the_firm_over_its_register_number_heads_the_block_not_its_shops_name() -> None:
    # GIVEN a firm with its legal form, its register number alone on the next line, then the name its
    # shop trades under over the address and contact lines; WHEN the parties are read THEN the firm
    assert _read(REGISTER)[0] == "MURNI TRADING SDN BHD"


def test_without_passing_over_the_register_number_the_shops_name_would_head_the_block(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import re

    monkeypatch.setattr(parties, "_ID_ALONE_RE", re.compile(r"(?!x)x"))
    assert _read(REGISTER)[0] == "KEDAI BORONG MURNI"
