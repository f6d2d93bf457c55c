"""GIVEN a minimal invoice whose seller is printed only once, as a one-line identity closing the page
("Name — street, town, VAT id", or the same parted by commas), under a labelled recipient block WHEN the
parties are read THEN the seller is the footer's name, never the recipient, and a name that runs on into
its address is cut before it."""

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules import parties

BODY = (
    "Rechnung\n"
    "\n"
    "{label}\n"
    "Lindqvist Maschinenhandel KG                        Rechnungsnr.      RE-88/031\n"
    "Am Sandtor 12                                       Datum             03.02.2025\n"
    "28195 Bremen                                        Fällig            05.03.2025\n"
    "\n"
    "Pos  Bezeichnung                            Menge      Preis        Betrag\n"
    "1    Wartung Hydraulikpresse                    2     410,00        820,00\n"
    "2    Dichtungssatz                              4      22,50         90,00\n"
    "\n"
    "                                          Nettobetrag                910,00\n"
    "                                          USt. 19 %                  172,90\n"
    "                                          Gesamtbetrag           EUR 1.082,90\n"
    "\n"
    "              {footer}\n"
)


def _read(label: str, footer: str) -> tuple[str | None, str | None]:
    text = BODY.format(label=label, footer=footer)
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    return result.vendor.name, result.buyer.name


@pytest.mark.parametrize(
    "footer",
    [
        "Okonkwo Feinmechanik GmbH — Hafenstraße 3, 26789 Leer, USt-IdNr. DE 999 999 999",
        "Okonkwo Feinmechanik GmbH, Hafenstraße 3, 26789 Leer",
        "Okonkwo Feinmechanik GmbH, 26789 Leer, Hafenstraße 3",
    ],
)
def test_the_footers_one_line_identity_names_the_seller(footer: str) -> None:
    vendor, buyer = _read("Rechnungsempfänger:", footer)
    assert vendor == "Okonkwo Feinmechanik GmbH"
    assert buyer == "Lindqvist Maschinenhandel KG"


def test_a_name_without_a_legal_form_before_its_address_is_the_seller() -> None:
    vendor, _ = _read("Rechnungsempfänger:", "Okonkwo Feinmechanik — Hafenstraße 3, 26789 Leer")
    assert vendor == "Okonkwo Feinmechanik"


def test_without_the_footer_bonus_the_recipient_would_be_taken(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # (the rule is what decides: with its bonus off, the labelled recipient's company wins)
    monkeypatch.setattr(parties, "FOOTER_IDENTITY_BONUS", 0.0)
    vendor, _ = _read("Rechnungsempfänger:", "Okonkwo Feinmechanik — Hafenstraße 3, 26789 Leer")
    assert vendor != "Okonkwo Feinmechanik"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Okonkwo Feinmechanik GmbH — Hafenstraße 3, 26789 Leer", "Okonkwo Feinmechanik GmbH"),
        ("Atelier Roux, 12 rue Neuve, 69002 Lyon", "Atelier Roux"),
        ("Dijkstra Bouw B.V. - Dijkweg 4, 1234 AB Hoorn", "Dijkstra Bouw B.V."),
        ("Smith, Jones & Partners LLP", None),  # a comma inside the name: no address after it
        ("Hafenstraße 3, 26789 Leer", None),  # an address line itself
        ("Hauptstraße 7 — 10115 Berlin", None),
        ("Okonkwo Feinmechanik GmbH", None),
    ],
)
def test_identity_name_cuts_a_name_before_its_address_and_nothing_else(text: str, name: str | None) -> None:
    assert parties.identity_name(text) == name


@pytest.mark.parametrize(
    ("label", "language_line"),
    [
        ("Factuur aan:", "Factuur"),
        ("Gefactureerd aan:", "Factuur"),
        ("Fatturato a:", "Fattura"),
        ("Facturado a:", "Factura"),
        ("Faturado a:", "Fatura"),
    ],
)
def test_invoiced_to_headings_mark_the_recipients_block(label: str, language_line: str) -> None:
    # GIVEN "invoiced to" headings of more languages over the recipient's block; WHEN the parties are read
    # THEN its company is the buyer, not the seller (whose one-line identity closes the page)
    text = BODY.replace("Rechnung\n", language_line + "\n").format(
        label=label, footer="Okonkwo Feinmechanik — Hafenstraße 3, 26789 Leer"
    )
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    assert result.buyer.name == "Lindqvist Maschinenhandel KG"
    assert result.vendor.name != "Lindqvist Maschinenhandel KG"


SOLE_TRADER_TO_COMPANY = (
    "                                                                  FAKTURA\n"
    "Granlund Maskin AB\n"
    "Verkstadsgatan 4\n"
    "582 73 Linköping\n"
    "Fakturanummer:        F-2211\n"
    "Fakturadatum:         2025-05-02\n"
    "Beskrivning                            Antal        Pris         Belopp\n"
    "Fotografering                              2      900,00       1 800,00\n"
    "                                   Summa att betala             2 250,00 kr\n"
    "\n"
    "      Lovisa Ekberg | Hamngatan 9 | 211 22 Malmö | Momsreg.nr SE556000016701 | "
    "IBAN SE45 5000 0000 0583 9825 7466\n"
)


def test_a_footer_identity_with_the_tax_id_names_the_seller_over_a_company_heading_the_page() -> None:
    # GIVEN a sole trader's invoice to a company: the company's block heads the page unlabelled, the
    # trader's name, address, VAT id and IBAN only in the footer line; WHEN read THEN the trader sells
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=SOLE_TRADER_TO_COMPANY)]),
        text_only=True,
    )
    assert result.vendor.name == "Lovisa Ekberg"


def test_without_the_tax_ids_bonus_the_company_heading_the_page_would_be_taken(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parties, "FOOTER_IDENTITY_TAX_BONUS", 0.0)
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=SOLE_TRADER_TO_COMPANY)]),
        text_only=True,
    )
    assert result.vendor.name == "Granlund Maskin AB"


@pytest.mark.parametrize(
    ("sender", "recipient"),
    [("Von:", "An:"), ("From:", "To:"), ("De :", "À :"), ("Da:", "A:"), ("Od:", "Do:"), ("Från:", "Till:")],
)
def test_a_memos_sender_field_names_the_seller(sender: str, recipient: str) -> None:
    # GIVEN a memo-style invoice: "Von: <person>" and "An: <company>" lines; WHEN read THEN the sender's
    # field names the seller (not an item line, not the company)
    text = (
        "RECHNUNG\n\n"
        f"{sender:<18}Henrike Voss\n"
        f"{recipient:<18}Tannhof Landtechnik GmbH\n"
        "                  Feldweg 3, 49074 Osnabrück\n\n"
        "Rechnung Nr                            77/2025\n"
        "Bezeichnung                                Menge           Einzelpreis                Gesamt\n"
        "Gutachten Hofstelle                        1                      640,00 EUR                 640,00 EUR\n"
        "                                               Gesamtbetrag                                   761,60 EUR\n"
    )
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    assert result.vendor.name == "Henrike Voss"


@pytest.mark.parametrize("sender", ["Från:", "Od:", "Fra:", "Von:", "From:"])
def test_a_sender_field_set_one_space_before_the_name_is_no_part_of_the_name(sender: str) -> None:
    # GIVEN a letter whose first line is the sender's heading and name with one space between
    # ("Från: Maria Bergström"), its address under the name; WHEN read THEN the heading is no part of the
    # seller's name (a label is never a value)
    text = (
        f"{sender} Maria Bergström\n"
        "                Björkvägen 78, 722 11 Västerås\n"
        "                VAT-nr: SE522042259501\n"
        "Till: Norrsken Bygg HB\n"
        "     Kungsgatan 30\n\n"
        "Faktura\n"
        "Fakturanr:                      79/2023\n"
        "Summa inkl. moms                           kr 550,00\n"
    )
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    assert result.vendor.name == "Maria Bergström"


@pytest.mark.parametrize("sender", ["Van:", "Sprzedawca:", "From:", "Von:"])
def test_a_one_space_sender_field_outweighs_a_company_block_under_it(sender: str) -> None:
    # GIVEN a memo: "<sender heading>: <sole trader>" with one space, the trader's address and VAT id
    # under it, then the customer's company block unlabelled; WHEN read THEN the sender's field sells
    text = (
        f"{sender} Atelier Wouters\n"
        "            Eenmanszaak Lotte Wouters\n"
        "            Kerkstraat 45, 2311 LM Leiden\n"
        "            Btw-nr.: NL964100301B01\n"
        "Duinroos Zorg B.V.\nHavenweg 6\n3511 AB Utrecht\n\n"
        "Factuur\nFactuurnr.             2023-072\n"
        "Advies, per uur                                               206,25\n"
        "Totaal incl. btw (€)                   206,25\n"
    )
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    assert result.vendor.name == "Atelier Wouters"


FOOTER_ECHO_BILL = (
    "Tallbacka Energi AB\n\n"
    "Fakturanr                                        Björk Fastigheter AB\n"
    "2024200540                                       Kyrkogatan 88\n"
    "Fakturadatum                                     753 10 Uppsala\n"
    "2024-04-09\n\n"
    "Beskrivning                                         Antal            À-pris               Belopp\n"
    "Elhandel                                               12           101,00              1 212,00\n"
    "                                                 Att betala                          1 212,00 SEK\n\n"
    "                 Tallbacka Energi AB · Sjövägen 2 · 222 21 Lund\n"
    "{registration}"
)


@pytest.mark.parametrize(
    "registration", ["", "                 Org.nr 5560692041 · Momsreg.nr SE556069204101\n"]
)
def test_the_name_heading_the_page_and_closing_it_in_the_footers_identity_is_the_seller(
    registration: str,
) -> None:
    # GIVEN a bill: the seller's name alone at the top, the customer's block beside the invoice's facts
    # (no label), the footer's one-line identity printing the seller's name again (with or without its
    # registration line under it); WHEN read THEN the seller is the name the footer confirms
    text = FOOTER_ECHO_BILL.format(registration=registration)
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    assert result.vendor.name == "Tallbacka Energi AB"


@pytest.mark.parametrize(
    "name",
    [
        "Marinescu & Țurcanu SCA",
        "Pinheiro & Lopes Sociedade de Advogados SP RL",
        "Sørensen & Thygesen Advokatpartnerselskab",
        "Horváth & Tóth Ügyvédi Iroda",
        "Kowalski & Nowak Kancelaria Radców Prawnych sp.p.",
    ],
)
def test_professional_partnerships_carry_a_legal_form(name: str) -> None:
    assert parties.legal_form(name) is not None


@pytest.mark.parametrize(
    ("body", "street", "town"),
    [
        ("Region Västerås", "Storgatan 49", "722 12 Västerås"),
        ("Gemeente Zwolle", "Grote Markt 20", "8011 LW Zwolle"),
        ("Ville de Nantes", "2 rue de l'Hôtel de Ville", "44000 Nantes"),
    ],
)
def test_a_public_body_with_no_legal_form_is_the_seller_over_a_company_it_bills(
    body: str, street: str, town: str
) -> None:
    # GIVEN a public body's fee notice: its name alone at the top, the billed company's block (with its
    # legal form) under the facts, the body's identity closing the page; WHEN read THEN the body sells
    text = (
        f"{body}\n\n"
        "                                                    Invoice number          INV-2024-611163\n"
        "                                                    Date                         2024-01-07\n"
        "Granlunda AB                                        Period       2023-12-01 - 2023-12-31\n"
        "Sjövägen 14\n702 10 Örebro\n\n"
        "Description                                   Qty          Price              Amount\n"
        "Waste collection                                1         291,50              291,50\n"
        "                                              Amount due                  291,50 kr\n\n"
        f"                        {body} · {street} · {town}\n"
    )
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    assert result.vendor.name == body


@pytest.mark.parametrize("text", ["Stadtwerke", "Kundenservice", "Stadtgarten 5", "Region: Nord"])
def test_a_public_bodys_word_alone_or_in_a_street_or_field_is_no_public_body(text: str) -> None:
    assert not parties.public_body(text)


BANK_IN_FOOTER = (
    "                                                                                                                                                             Husova 412/12 · 301 00 Plzeň\n"
    "MORAVA\n"
    "                                                                                                                                                      Tel. +420 000 411 702 · hello@morava.cz\n"
    "Morava s.r.o. · Velkoobchod                                                                                                                                                        www.morava.cz\n"
    "\n"
    "Morava s.r.o., Husova 412/12, 301 00 Plzeň\n"
    "                                                                                                    Číslo dokladu                           24011870\n"
    "Kovář Stavby s.r.o.\n"
    "Palackého 88/3                                                                                   Datum vyst.                             09.10.2024\n"
    "500 02 Hradec Králové                                                                               DUZP                                    02.10.2024\n"
    "DIČ: CZ60193336\n"
    "                                                                                                    Odběratel č.                            K20931\n"
    "                                                                                                    Vaše objednávka                         PO-11873\n"
    "                                                                                                    Datum splatnosti                        08.12.2024\n"
    "                                                                                                    DIČ                                     CZ27082440\n"
    "Daňový doklad 24011870\n"
    "\n"
    "Morava s.r.o.                                DIČ CZ27082440                   ČMSB, a.s. · IBAN CZ08 0100 0000 1920 0014 5399 · SWIFT KOMBCZPP · 19200014539/0100                Strana 1 z 2\n"
    "Husova 412/12, 301 00 Plzeň               IČO 27082440\n"
)


def test_the_bank_on_the_footer_line_of_the_seller_s_vat_id_is_no_seller() -> None:
    from opsloop.extract.rules.engine import extract_rules

    # GIVEN a seller's letterhead (its name with a department), a buyer block, and a footer line holding
    # the seller's name, its VAT id and the bank its account is held with, right before the IBAN
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=BANK_IN_FOOTER)])
    # WHEN the seller is read THEN it is the seller, not the bank
    assert extract_rules(parsed).vendor.name == "Morava s.r.o."


@pytest.mark.parametrize(
    ("body", "street"),
    [
        ("Régie des eaux de Lyon", "58 chemin du Moulin, 69002 Lyon"),
        ("Communauté de communes du Pays de Gex", "135 rue de Genève, 01170 Gex"),
    ],
)
def test_a_public_body_named_in_common_nouns_is_no_sentence_and_sells(body: str, street: str) -> None:
    # GIVEN a public body's notice whose name is its kind in lower-case common nouns, set alone over
    # its address at the head, the billed company's block under it; WHEN read THEN the body sells and
    # the company buys (the body's name is no sentence naming a company)
    assert not parties.names_in_prose(body)
    assert parties.names_in_prose("Les paiements sont traités par Adyen N.V.")
    text = (
        f"                         {body}\n"
        f"                              {street}\n\n"
        "                                                    Numéro de facture           BL202412345\n"
        "                                                    Émise le                     04/10/2024\n"
        "Azurine SARL\n"
        "81 rue des Lilas\n"
        "69002 Lyon\n\n"
        "Désignation                                   Quantité     Prix unitaire       Montant\n"
        "Frais administratifs                              2             16,25            32,50\n"
        "                                              Montant à payer                 32,50 EUR\n"
    )
    result = extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), text_only=True
    )
    assert (result.vendor.name, result.buyer.name) == (body, "Azurine SARL")
