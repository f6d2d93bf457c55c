"""GIVEN sellers presented in the ways real invoices present them — a sole trader's block with no legal
form beside a company recipient, a brand over the letterhead with the legal name in the footer, a Dutch
postcode after the street — WHEN the parties are read THEN the seller is the legal seller."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules import parties
from opsloop.extract.rules.layout import document_lines


def _read(text: str) -> tuple[str | None, str | None]:
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    return result.vendor.name, result.buyer.name


SOLE_TRADER = (
    "Račun                                                                        Nina Kovačič\n"
    "                                                                                   Elektro\n"
    "                                                                      Trubarjeva ulica 106\n"
    "                                                                                3000 Celje\n"
    "                                                                        Tel. +386 29 358967\n"
    "                                                                    ID za DDV: SI59854723\n"
    "Številka računa:    R251622                  Novak Ogrevanje d.o.o.\n"
    "Datum izdaje:       01.05.2025               Slovenska cesta 158\n"
    "                                             1000 Ljubljana\n"
    " #   Opis                                   Količina      Cena      Vrednost\n"
    " 1   Montažna dela                            2 kos      100,00       200,00\n"
    "                                        Osnova za DDV                 200,00\n"
    "                                        DDV 22 %                       44,00\n"
    "                                        Skupaj EUR                    244,00\n"
)


def test_the_block_holding_the_sellers_vat_id_names_the_seller_whatever_legal_form_the_other_has() -> None:
    # GIVEN a sole trader's block (no legal form) holding the page's only VAT id, and a company (d.o.o.)
    # in the recipient's window; WHEN the parties are read THEN the seller is the block with the VAT id
    vendor, _ = _read(SOLE_TRADER)
    assert vendor == "Nina Kovačič"


def test_without_the_vat_block_the_recipients_legal_form_would_win(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # (the rules are what decides: with the VAT id's and the contact details' bonuses off, the company
    # in the window is taken)
    monkeypatch.setattr(parties, "VAT_BLOCK_BONUS", 0.0)
    monkeypatch.setattr(parties, "CONTACT_BLOCK_BONUS", 0.0)
    vendor, _ = _read(SOLE_TRADER)
    assert vendor == "Novak Ogrevanje d.o.o."


def test_two_vat_ids_in_two_blocks_decide_nothing() -> None:
    # GIVEN the recipient's block prints its own VAT id too, unlabelled; WHEN the blocks are looked for
    # THEN neither is taken for the seller's by its id
    text = SOLE_TRADER.replace(
        "                                             1000 Ljubljana\n",
        "                                             1000 Ljubljana\n                                             SI12345679\n",
    )
    lines = document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    head = parties.read_sender_head(lines)
    vats = parties.find_vat_ids(lines, parties.find_ibans(lines))
    assert len({v.value for v in vats}) == 2
    assert parties._vat_block_heads(head.page_lines, head.cells, vats, len(head.page_lines)) == set()


BRAND = (
    "Invoice\n"
    "From:                                                   To:\n"
    "Lumio                                                   Doherty Hardware Ltd\n"
    "84 Bridge Street                                        12 Quay Road\n"
    "Cork T12 K8AF                                           Galway H91 E2K3\n"
    "Invoice No.:       D5585967\n"
    "Invoice Date:      12/01/2025\n"
    " #    Description                                  Qty    Unit Price     Amount\n"
    " 1    Design consultation                            2        100.00     200.00\n"
    "                                                   Subtotal                200.00\n"
    "                                                   VAT 23 %                 46.00\n"
    "                                                   Total EUR               246.00\n"
    "Thank you for your business.\n"
    "Numbers Catering Equipment Limited        Tel. +353 31 374620\n"
    "84 Bridge Street                          info@example.ie\n"
    "Cork T12 K8AF                             www.example.ie\n"
)


def test_the_footer_name_over_the_letterheads_street_is_the_legal_seller_not_the_brand() -> None:
    # GIVEN a brand over the sender's address at the top and, in the footer, a company name over the same
    # street; WHEN the seller is chosen THEN it is the footer's legal name
    vendor, buyer = _read(BRAND)
    assert vendor == "Numbers Catering Equipment Limited"
    assert buyer == "Doherty Hardware Ltd"


def test_without_the_footer_rule_the_brand_would_be_taken(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # (the footer's phone, mail and web under its name decide it too: both rules off)
    monkeypatch.setattr(parties, "LETTERHEAD_LEGAL_NAME_BONUS", 0.0)
    monkeypatch.setattr(parties, "CONTACT_BLOCK_BONUS", 0.0)
    vendor, _ = _read(BRAND)
    assert vendor != "Numbers Catering Equipment Limited"


BRAND_OVER_CONTACT_LINE = (
    "                                  brightline\n"
    "            Drottninggatan 151 · 753 20 Uppsala · +46 74 522576\n"
    "Faktura\n"
    "Andersson El & Tele HB                                   Fakturanummer:      INV-616288\n"
    "Skolvägen 85                                             Fakturadatum:       2025-03-30\n"
    "411 01 Göteborg                                          Förfallodatum:      2025-04-29\n"
    "                                                Summa exkl. moms      7 964,00\n"
    "                                                Moms 25 %             1 991,00\n"
    "                                                Totalt SEK            9 955,00\n"
    "Bankuppgifter\n"
    "IBAN: SE53 6115 8881 7444 6289 2984\n"
    "Tack för ditt köp!\n"
    "Åberg Kontorsmaterial                         Tel. +46 74 522576\n"
    "Drottninggatan 151                            info@mail-89.example\n"
    "753 20 Uppsala                                Momsreg.nr: SE550692367001\n"
)


def test_the_footer_name_over_the_street_of_the_letterheads_one_line_contact_is_the_legal_seller() -> None:
    # GIVEN a brand over a one-line contact line ("street · postcode town · phone") at the top and, in the
    # footer, a name of its own over that street: THEN the footer's name is the legal seller
    vendor, _ = _read(BRAND_OVER_CONTACT_LINE)
    assert vendor == "Åberg Kontorsmaterial"
    # (the rule that says so: the footer's name heads the street the head prints inside its contact line)
    lines = document_lines(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=BRAND_OVER_CONTACT_LINE)])
    )
    head = parties.read_sender_head(lines)
    footer_from = len(head.page_lines) - parties.VENDOR_FOOTER_LINES
    legal = parties._letterhead_legal_names(head.page_lines, head.cells, footer_from)
    assert [head.page_lines[pos].text[col:].split("  ")[0] for pos, col in legal] == ["Åberg Kontorsmaterial"]


def test_a_dutch_postcode_is_no_legal_form() -> None:
    # GIVEN a recipient whose town line reads "1012 AB Amsterdam" ("AB" as a Swedish form would read)
    # WHEN the seller is chosen THEN that line is never taken for a company name
    text = (
        "Factuur\n"
        "Visser Kantoorartikelen\n"
        "Kerkstraat 12\n"
        "1012 AB Amsterdam\n"
        "Factuurnummer:   2026-0012\n"
        "Factuurdatum:    12-01-2026\n"
        "Totaal EUR                      121,00\n"
    )
    vendor, _ = _read(text)
    assert vendor != "1012 AB Amsterdam"


FOOTER_COLUMNS = (
    "                                                                         PixelWerk\n"
    "Faktura VAT\n"
    "Wójcik Stolarstwo sp.j.                                      Nr faktury:    K5583933\n"
    "ul. Marszałkowska 121                                  Data wystawienia:    2026-01-08\n"
    "00-001 Warszawa                                        Termin płatności:    2026-03-09\n"
    " # Nazwa towaru lub usługi                 Ilość   Cena netto     Wartość netto\n"
    " 1 Montaż                                    2         100,00            200,00\n"
    "                                          Razem netto                    200,00\n"
    "                                          VAT 23 %                        46,00\n"
    "                                          Razem brutto                246,00 zł\n"
    "Dziękujemy za współpracę.\n"
    "Zieliński Stolarstwo sp. z o.o.                           Tel. +48 95 163705\n"
    "ul. Polna 120                                             info@example.pl\n"
    "80-001 Gdańsk                                             NIP: PL 871-343-59-24\n"
)


def test_a_legal_footer_in_columns_names_the_seller_by_its_vat_id() -> None:
    # GIVEN only a brand at the top, a company in the recipient's window and, in the footer, a company
    # name over a street and town beside the column holding the page's only VAT id; WHEN the seller is
    # chosen THEN it is the footer's name
    vendor, _ = _read(FOOTER_COLUMNS)
    assert vendor == "Zieliński Stolarstwo sp. z o.o."


def test_without_the_vat_block_the_footer_name_would_lose(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parties, "VAT_BLOCK_BONUS", 0.0)
    monkeypatch.setattr(parties, "CONTACT_BLOCK_BONUS", 0.0)
    monkeypatch.setattr(parties, "FOOT_BLOCK_BONUS", 0.0)  # (the VAT block's bonus where it closes the page)
    vendor, _ = _read(FOOTER_COLUMNS)
    assert vendor != "Zieliński Stolarstwo sp. z o.o."


def test_rechnung_an_heads_the_buyers_block_so_its_vat_id_is_not_the_sellers() -> None:
    # GIVEN "Rechnung an:" (invoice to) over the recipient's block that prints the page's only VAT id
    # WHEN the parties are read THEN the recipient stays the buyer and the letterhead the seller
    text = (
        "Nordwind Technik GmbH\n"
        "Hafenweg 3, 20457 Hamburg\n"
        "Rechnung an:\n"
        "Beispiel Handel AG\n"
        "Ringstraße 5\n"
        "10115 Berlin\n"
        "USt-IdNr. DE136695976\n"
        "Rechnung Nr. RE-2024-0815                    Rechnungsdatum: 12.03.2024\n"
        "Gesamtbetrag                                  119,00 EUR\n"
    )
    lines = document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    assert parties.section_hits("buyer_section", lines[2])
    assert _read(text) == ("Nordwind Technik GmbH", "Beispiel Handel AG")


def test_a_name_opening_with_digits_and_closing_with_a_legal_form_heads_its_address() -> None:
    # GIVEN "3D Stolarstwo Sp. z o.o." (it opens like a house number) over its street and town
    # WHEN it is looked at as the head of a sender block THEN it is a name, not an address line
    lines = document_lines(
        ParsedDocument(
            kind=DocumentKind.PDF,
            pages=[
                PageText(
                    number=1,
                    text="Faktura VAT\n3D Stolarstwo Sp. z o.o.\nul. Kościuszki 46\n50-001 Wrocław\n",
                )
            ],
        )
    )
    assert parties._heads_address(lines, 1, 0, "3D Stolarstwo Sp. z o.o.")
    assert parties._plain_address("ul. Kościuszki 46") and not parties._plain_address(
        "3D Stolarstwo Sp. z o.o."
    )


def test_a_label_word_in_a_company_name_with_its_legal_form_is_no_label() -> None:
    # GIVEN a seller named with a word pages use as a title ("Facture", "Фактура") and its legal form,
    # above its address, and a recipient company in the window; WHEN the seller is chosen THEN it is
    # the name with the label word
    text = (
        "Facture Menuiserie SARL                                   Facture\n"
        "12 rue des Lilas\n"
        "69002 Lyon\n"
        "                                 Garnier Climatisation EURL\n"
        "                                 4 avenue Jean Jaurès\n"
        "                                 33000 Bordeaux\n"
        "N° de facture :   F-2026-001\n"
        "Date de facture : 12/01/2026\n"
        "Total TTC                                        120,00 €\n"
    )
    vendor, _ = _read(text)
    assert vendor == "Facture Menuiserie SARL"


def test_a_sentence_naming_a_company_is_no_party() -> None:
    # GIVEN sentences that name a payment provider or a parent group, and names with particles
    assert parties.names_in_prose("Card payments are processed by Adyen N.V.")
    assert parties.names_in_prose("Membre du groupe Chevalier SA")
    assert parties.names_in_prose("Μέλος του ομίλου Οικονόμου Α.Ε.")
    assert not parties.names_in_prose("van den Berg & de Vries N.V.")
    assert not parties.names_in_prose("Sol Naciente S. de R.L. de C.V.")
    # WHEN a page without a buyer label is read THEN its provider sentence is not taken for the buyer
    text = (
        "Tamm Logistika OÜ                                     Arve\n"
        "Pärnu mnt 12\n"
        "10111 Tallinn\n"
        "Arve number:   2026-0042\n"
        "Kaardimakseid töötleb ja haldab Adyen N.V.\n"
        "Kokku EUR                                  124,00\n"
    )
    assert _read(text)[1] != "Kaardimakseid töötleb ja haldab Adyen N.V."


def test_the_legal_forms_of_austria_latvia_estonia_and_a_bulgarian_sole_trader() -> None:
    # GIVEN an Austrian OG, a Latvian SIA after the name, an Estonian TÜ, a Bulgarian ЕТ before a person's
    # name; and an Austrian address's floor ("2. OG", Obergeschoss), which is no legal form
    assert parties.legal_form("Moser Elektro OG") is not None
    assert parties.legal_form("Kalniņš & Bērziņš SIA") is not None
    assert parties.legal_form("Tamm Ehitus TÜ") is not None
    assert parties.LEADING_LEGAL_FORMS.match("ЕТ Десислава Петров") is not None
    assert parties.legal_form("Hauptstraße 5, 2. OG") is None


def test_the_sellers_id_in_its_letterhead_and_its_footer_under_one_name_names_it() -> None:
    # GIVEN a sole trader's letterhead (her name over a trade line, the address, the VAT id) and the
    # footer repeating her name, address and id; a company in the window under a buyer label
    text = (
        "Ilze Krūmiņš                                                      Rēķins\n"
        "Loģistika\n"
        "Brīvības iela 178\n"
        "LV-1050 Rīga\n"
        "PVN reģ. Nr.: LV40246180521\n"
        "Rēķina Nr.:             797/2025\n"
        "Maksātājs:\n"
        'SIA "Ozoliņš Elektro"\n'
        "Brīvības iela 162\n"
        "LV-1050 Rīga\n"
        "Kopā                                          9 192,59 €\n"
        "Ilze Krūmiņš                                   Tālr. +371 77 915270\n"
        "Brīvības iela 178                              info@example.lv\n"
        "LV-1050 Rīga                                   PVN reģ. Nr.: LV40246180521\n"
    )
    # WHEN the seller is chosen THEN it is her name, not the trade line under it
    assert _read(text) == ("Ilze Krūmiņš", 'SIA "Ozoliņš Elektro"')


def test_a_line_naming_the_sellers_parent_group_is_no_buyer() -> None:
    # GIVEN a brand's letterhead with a line saying which group it belongs to, in languages whose
    # phrase is short words ("Ingår i ...", "En del af ...", "Onderdeel van ..."), and a buyer with no label
    assert parties.names_in_prose("Ingår i Sandberg Koncern AB")
    assert parties.names_in_prose("En del af Nielsen Koncern A/S")
    assert parties.names_in_prose("Onderdeel van Jansen Groep B.V.")
    assert not parties.names_in_prose("van den Berg & de Vries N.V.")
    text = BRAND_OVER_CONTACT_LINE.replace(
        "+46 74 522576\n", "+46 74 522576\n                         Ingår i Sandberg Koncern AB\n", 1
    )
    # THEN the buyer is the customer's block, never the group line
    assert _read(text)[1] == "Andersson El & Tele HB"


BRAND_OVER_WINDOW = (
    "{brand}                                                                  Your bill\n\n"
    " Invoice number              Bill date              Customer number\n"
    " 2024507340                  05/05/2024             K7050808\n\n"
    "Prairie Corp.\n"
    "8 Lakeview Drive\n"
    "Portland, OR 97204\n\n"
    "Description                                 Qty          Rate          Amount\n"
    "Policy premium                               12         31.90          382.80\n"
    "Policy fee                                    1        339.00          339.00\n"
    "                                       Subtotal                      721.80\n"
    "                                       Premium tax 6.25%              45.11\n"
    "                                       Total current charges         $766.91\n\n"
    "Balance due                                  $766.91\n"
    "Payment due: 06/04/2024\n\n"
    "{sentence}"
    "                      {legal} · 2 Elm Street, Suite 200 · Columbus, OH 43215\n"
    "                                    EIN 892742\n"
)


@pytest.mark.parametrize(
    ("brand", "sentence", "legal"),
    [
        # the head's brand opens the legal name the identity line closing the page prints
        ("Summit", "", "Summit Insurance Corp."),
        # a brand sentence over that identity line names the brand's holder
        (
            "Primo",
            "                      Primo is a service of Elm Hospitality Inc.\n",
            "Elm Hospitality Inc.",
        ),
    ],
)
def test_the_brands_holder_sells_not_the_company_whose_block_stands_under_the_brand(
    brand: str, sentence: str, legal: str
) -> None:
    # GIVEN a bill whose head prints only a brand, the recipient company's block (with its legal form)
    # under it and no label, the seller's identity line closing the page
    text = BRAND_OVER_WINDOW.format(brand=brand, sentence=sentence, legal=legal)
    # THEN the brand's holder is the seller and the window's company the buyer
    assert _read(text) == (legal, "Prairie Corp.")


def test_a_payment_providers_receipt_names_the_payee_as_the_seller_under_its_polish_heading() -> None:
    # GIVEN a payment provider's receipt: its brand heads the page and opens its legal line at the foot,
    # the merchant paid under "Odbiorca płatności" (the payment's recipient, no buyer's "Odbiorca")
    text = (
        "      Clearpay One\n"
        "      Zapłacono 315,93 zł na rzecz Orbis\n"
        "        ID transakcji                         TX249521133571\n"
        "        Data                             26.10.2025\n"
        "        Sposób płatności                       Visa zakończona na 1314\n"
        "\n"
        "          Odbiorca płatności\n"
        "          Bursztyn Design S.A.\n"
        "          ul. Ogrodowa 29\n"
        "          80-001 Gdańsk\n"
        "          no-reply@orbis.pl\n"
        "\n"
        "        Numer faktury                                   R87833515\n"
        "        Wystawiono                                     26.10.2025\n"
        "        Numer zamówienia                                  ORD-25181486\n"
        "      Dane do faktury\n"
        "      Piotr Szymański\n"
        "      ul. Ogrodowa 32\n"
        "      30-001 Kraków\n"
        "        Produkt                                   Ilość              Cena              Razem\n"
        "        Plecak z płótna                                 1            155,95 zł             155,95 zł\n"
        "        Notes A5 w kropki                                2             79,99 zł            159,98 zł\n"
        "                                                                    ZAPŁACONO\n"
        "                                                         Suma częściowa          315,93 zł\n"
        "                                                               Razem                   315,93 zł\n"
        "                                                          w tym VAT 23%           59,08 zł\n"
        "                                                         Kwota zapłacona          315,93 zł\n"
        "                                                       Pozostało do zapłaty           0,00 zł\n"
        "      Clearpay One (Europe) S.à r.l. et Cie, S.C.A. · 22-24 Boulevard Royal · L-2449 Luxembourg\n"
    )
    # THEN the payee sells and the invoice's addressee buys
    assert _read(text) == ("Bursztyn Design S.A.", "Piotr Szymański")
