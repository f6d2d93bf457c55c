"""Faults a fresh seed of the development generators showed (session 18, helper nr18a), each a general
convention: a statement of the amounts' currency ("Amounts in GBP") names the currency as a label does;
a Portuguese correction's reference to the invoice it corrects is no number of its own; a bare "Número"
heading a title line with its date; Spanish "importe bruto" is the gross amount before charges, not the
total; the Danish amount owed and payments on account; a firm named after more people than the seller
is another party. Texts of our own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


_LINES = (
    " #   Details                                   Qty     Price      Amount\n"
    " 1   Euro pallet, exchange                      20     41.30      826.00\n"
    " 2   Euro pallet, new                            4     52.00      208.00\n"
    " 3   Euro pallet collar                          2     25.00       50.00\n\n"
)


@pytest.mark.parametrize(
    ("statement", "code"),
    [
        ("Amounts in GBP", "GBP"),
        ("All amounts in CHF", "CHF"),
        ("Beträge in CHF", "CHF"),
        ("Valores em USD", "USD"),
        ("Montants exprimés en CHF", "CHF"),
    ],
)
def test_a_statement_of_the_amounts_currency_outweighs_a_currency_word_in_the_items(
    statement: str, code: str
) -> None:
    # "Euro pallet" three times names no currency; the page says in which one its amounts are
    text = (
        "Harbour Tools Ltd\n12 Quay Street\nBristol BS1 4AA\n\n"
        "Invoice no.: 2024-311        Date: 05/03/2024\n\n"
        f"{statement}\n"
        + _LINES
        + "                          Total:                               1,084.00\n"
    )
    for result in _both(text):
        assert result.currency == code


def test_a_portuguese_correction_names_the_corrected_invoice_apart_from_its_own_number() -> None:
    text = (
        "Oliveira Metais Lda.\nRua do Norte, 12\n4000-100 Porto\n\n"
        "Data:                              13/12/2025\n"
        "Fatura Nº:                         2025.0417\n"
        "Retifica a fatura n.º:             R2025-0388\n\n"
        "Nota de débito\n"
        " Pos.  Descrição                       Qtd.       Total\n"
        " 10    Painel LED                         2      200,00\n\n"
        "                    Total do documento:          246,00\n"
    )
    for result in _both(text):
        assert result.invoice_number == "2025.0417"


@pytest.mark.parametrize(
    ("head", "number"),
    [
        ("Número R24132582 de 21-06-2024", "R24132582"),  # Portuguese
        ("Número FB-2023/0417 del 29-11-2023", "FB-2023/0417"),  # Spanish
    ],
)
def test_a_bare_number_word_heads_a_title_line_with_its_date(head: str, number: str) -> None:
    text = (
        "Axberlog Lda.\nRua da Liberdade, 102\n4832-282 Porto\n\n"
        "Cód. cliente:    6582584\n"
        f"{head}\n"
        " Ref.     Descrição                         Quantidade      Total\n"
        " SF-53    Broca HSS                                  1      35,50\n\n"
        "                                   Total:                   35,50 €\n"
    )
    for result in _both(text):
        assert result.invoice_number == number


def test_the_spanish_gross_amount_before_charges_is_no_total() -> None:
    # "importe bruto": the lines' sum before discounts and charges; the carriage comes on top of it
    text = (
        "Solberpack S.A.\nPolígono Industrial, nave 16\n46036 Valencia\n\n"
        "Factura nº:        R25966050\nFecha factura:     29-07-2025\n\n"
        " Lín.  Concepto                        Cantidad      Precio       Total\n"
        " 001   Papel A4                              12        8,55      102,60\n"
        " 002   Cartucho de tóner                      4      116,02      464,08\n\n"
        "IVA %     Total base imponible     Cuota IVA     Importe bruto:            566,68 €\n"
        "0 %                     578,68          0,00     Portes                     12,00 €\n"
        "                                                 Total base imponible:     578,68 €\n"
        "                                                 Total:                    578,68 €\n"
    )
    for result in _both(text):
        assert result.total == Decimal("578.68")


def test_the_danish_amount_owed_after_a_payment_on_account_is_due() -> None:
    text = (
        "Nielsen VVS A/S\nIndustrigade 71\n8100 Aarhus\n\n"
        "Fakturanr.:         3396/2023\nDato:               12.11.2023\n\n"
        " Linje  Beskrivelse                     Antal     I alt\n"
        " 001    Luftkompressor                      2  3.637,96\n\n"
        "                   Momsgrundlag:                   3.637,96 kr.\n"
        "                   Moms 25 %                         909,49 kr.\n"
        "                   Total inkl. moms:               4.547,45 kr.\n"
        "                   Acontobetaling:                -1.000,00 kr.\n"
        "                   Skyldigt beløb:                 3.547,45 kr.\n"
    )
    for result in _both(text):
        assert result.total == Decimal("4547.45")
        assert result.amount_due == Decimal("3547.45")


def test_a_buyer_named_after_more_people_than_the_seller_is_another_party() -> None:
    # the seller "Gómez S.L." bills "Gómez & González S.L.": one surname in common, two companies
    text = (
        "GÓMEZ                                                         Avda. de Goya, 16\n"
        "Gómez S.L.                                                    48026 Bilbao\n\n"
        "Gómez S.L. · Avda. de Goya, 16 · 48026 Bilbao\n"
        "Gómez & González S.L.\n"
        "Avda. de Castilla, 57\n"
        "46043 Valencia\n\n"
        "Factura nº FB23-71777 del 29-11-2023\n"
        " Referencia   Artículo                         Uds.      Importe\n"
        " 88.537.78    Tornillo hexagonal                500       196,10 €\n\n"
        "                                Base imponible:           196,10 €\n"
        "                                Cuota IVA 21 %             41,18 €\n"
        "                                Importe total:            237,28 €\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Gómez S.L."
        assert result.buyer.name == "Gómez & González S.L."
        assert result.invoice_date == dt.date(2023, 11, 29)


def test_a_hungarian_party_block_headed_by_its_name_field() -> None:
    # "Eladó" / "Vevő neve" (the buyer's name) head the two blocks; the bank's line below is no party
    text = (
        "  Számla                                                      Számla száma: SZ-247334\n"
        "  ELADÓ                                                       VEVŐ NEVE\n"
        "  Balogh és Társa Kkt.                                        Szabó és Társa Kft.\n"
        "  8000 Székesfehérvár, Ipari park 16.                         8200 Veszprém, Andrássy út 12.\n"
        "  Adószáma: 28381251-2-14                                     Adószáma: 23087938-2-44\n\n"
        "  Fizetési feltételek: 14 nap                                 Kiállítás dátuma: 2024. december 17.\n"
        "  Számlavezető bank: UniCredit Bank Hungary Zrt.              Határidő: 2024. december 31.\n\n"
        "Ssz.  Megnevezés                       Mennyiség     Egységár     Összeg\n"
        "1     Kábelkötegelő                          100           53      5 300\n\n"
        "                                       Bruttó összesen: 6 731 HUF\n"
    )
    for result in _both(text):
        assert result.buyer.name == "Szabó és Társa Kft."


def test_letters_like_a_legal_form_before_a_colon_label_a_field_not_a_company() -> None:
    # Lithuanian "A. s.:" (the account number) reads like the Czech "a.s."; it names no buyer
    text = (
        "BS Ulex AB\n"
        "Ąžuolų g. 143-7                                                        Mokėtina suma\n"
        "LT-98405 Šiauliai                                                      99 318,29 EUR\n"
        "                                                                       A. s.: LT02 0729 5284 4805 2288\n\n"
        "PVM SĄSKAITA FAKTŪRA\n"
        "Ravia Montavimas MB                                                    Sąskaitos Nr.:    2644130\n"
        "Malūno g. 65                                                           Data:             2026 10 20\n"
        "LT-60134 Klaipėda\n\n"
        " Nr.   Pavadinimas              Kiekis     Kaina         Suma\n"
        " 1     Varinis vamzdis              10    734,01     7 340,10\n\n"
        "                                   Iš viso:        7 340,10 EUR\n"
    )
    for result in _both(text):
        assert result.buyer.name == "Ravia Montavimas MB"


def test_a_number_under_a_column_heading_that_qualifies_its_label_first() -> None:
    # "Helyesbítő számla sorszáma" (the correcting invoice's number): its value left-aligned under it
    text = (
        "Jóváíró számla\n\n"
        "Szállító                                        Vevő\n"
        "Bordal Kereskedelmi Nyrt.                       Morholm Nagykereskedés Nyrt.\n"
        "Ipar tér 143.                                   Kossuth utca 90.\n"
        "9210 Pécs                                       5747 Szeged\n\n"
        " Helyesbítő számla sorszáma     Kelt                Fizetési határidő\n"
        " RE20263863                     2026. április 25.   2026. június 24.\n\n"
        " Ssz.   Termék / szolgáltatás              Mennyiség     Egységár      Érték\n"
        " 1      Nejlon tipli 40x9 cm                       5      463.292  2.316.460\n\n"
        "                                  Jóváírás összesen         2.316.460 Ft\n"
    )
    for result in _both(text):
        assert result.invoice_number == "RE20263863"


def test_the_parties_stand_above_the_items_table() -> None:
    # an item's description with a dash reads like a return address, one with a figure and its unit
    # ("1 kg") like a company with a legal form: neither names the buyer, which the window above does
    text = (
        "   Zieliński & Wiśniewski sp.j.\n"
        "   ul. Marszałkowska 28\n"
        "   61-772 Poznań\n\n"
        "  Algarve Serviços S.A.\n"
        "  Rua do Almada, 158\n"
        "  PT-3000-150 Coimbra\n\n"
        "  Faktura nr FV/3714/02/2026\n"
        "  Data wystawienia 2026-02-19\n\n"
        "   Opis                                                 Ilość    Cena j. netto    Wartość netto\n"
        "   Książka – prawo pracy, wydanie 2025                     10           139,43         1 394,30\n"
        "     Stawka     Wartość netto     Kwota VAT\n"
        "   Kawa ziarnista                                           4            57,50           230,00\n"
        "   1 kg\n\n"
        "                                       Suma brutto                     1 624,30 zł\n"
    )
    for result in _both(text):
        assert result.buyer.name == "Algarve Serviços S.A."


def test_a_rate_right_of_a_unit_mark_in_an_items_row_is_no_number() -> None:
    # Italian "n." (pieces) in the unit column, "22%" right of it: a rate, never the invoice's number
    text = (
        "Laguna S.a.s.\nVia Garibaldi 87\n20121 Milano\n\n"
        " Tipologia documento      Numero          del\n"
        " TD01 fattura             867/2025        02/05/2025\n\n"
        " Cod. articolo   Descrizione               Quantità   Prezzo unit.   UM      %IVA   Prezzo totale\n"
        " NV-67103        Silicone sanitario              10          81,95   n.       22%          819,50\n\n"
        "                                                        Totale                        999,79 €\n"
    )
    for result in _both(text):
        assert result.invoice_number == "867/2025"


@pytest.mark.parametrize(
    ("label", "other"),
    [
        ("Fecha de expedición:", "Fecha de servicio:"),  # Spanish: the issue date's legal name
        ("Data de emissão:", "Data do serviço:"),  # Portuguese
        ("Data do documento:", "Data do serviço:"),
        ("Data documento:", "Data servizio:"),  # Italian
        ("Udstedt:", "Dato for levering:"),  # Danish: "issued"
    ],
)
def test_the_issue_dates_own_name_outweighs_another_dates_label(label: str, other: str) -> None:
    text = (
        "Consultores Ribeiro\nPlaza Mayor 13\n50001 Zaragoza\n\n"
        f"Nº: F25-6117\n{other}     05/07/2025\n{label}     06/07/2025\n\n"
        " Ref.   Descripción              Cantidad     Precio     Importe\n"
        " 1      Traducción                      2     165,70      331,39\n\n"
        "                          TOTAL                           331,39 €\n"
    )
    for result in _both(text):
        assert result.invoice_date == dt.date(2025, 7, 6)


def test_the_dutch_amount_still_to_settle_and_the_amount_to_credit() -> None:
    due = (
        "Noorder-Visser V.O.F.\nCoolsingel 112\n5611 EM Eindhoven\n\nFactuur\n"
        "Factuurnr.: F2026-9176\nFactuurdatum: 30-10-2026\n"
        "Studieboek                                  1.514,64\n"
        "Netto bedrag                            EUR 1.514,64\n"
        "Btw 0%                                      EUR 0,00\n"
        "Factuurbedrag                           EUR 1.514,64\n"
        "Aanbetaling                               EUR 480,79\n"
        "Nog te voldoen                          EUR 1.033,85\n"
    )
    for result in _both(due):
        assert result.amount_due == Decimal("1033.85")
    credit = (
        "Noorder Groothandel B.V.\nCoolsingel 88\n9711 LM Groningen\n\nCreditnota\n"
        "Creditnotanummer 2026-809\nFactuurdatum 14-09-2026\n\n"
        "   Product                                Aantal      Bedrag\n"
        "   Hosting en onderhoud                       24    5.660,88\n\n"
        "     Tarief   Grondslag     BTW-bedrag       Totaal exclusief BTW       EUR 5.660,88\n"
        "     21 %      5.660,88       1.188,78       BTW 21%                    EUR 1.188,78\n"
        "                                             Te crediteren              EUR 6.849,66\n"
    )
    for result in _both(credit):
        assert result.total in (Decimal("6849.66"), Decimal("-6849.66"))


def test_greek_from_and_to_headings_name_the_seller_and_the_buyer() -> None:
    text = (
        "Τιμολόγιο\n\n"
        "Από:                                                     Προς:\n"
        "Κατερίνα Γεωργίου                                        Κωνσταντίνου Εκτυπώσεις Ι.Κ.Ε.\n"
        "Τσιμισκή 161                                             Τσιμισκή 153\n"
        "546 24 Θεσσαλονίκη                                       712 02 Ηράκλειο\n\n"
        " Αριθμός τιμολογίου          Ημερομηνία έκδοσης\n"
        " R254781                     16/06/2025\n\n"
        " #   Περιγραφή                          Ποσότητα      Τιμή μονάδας          Αξία\n"
        " 1   Προμήθεια φωτιστικών LED                 1 τεμ.          392,29     392,29\n\n"
        "                                          Σύνολο EUR                  392,29\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Κατερίνα Γεωργίου"
        assert result.buyer.name == "Κωνσταντίνου Εκτυπώσεις Ι.Κ.Ε."


def test_the_hungarian_reference_field_names_the_buyers_order() -> None:
    # "Hivatkozás" (reference), as "Your reference" elsewhere; "Hivatkozott számla" is the invoice referred to
    text = (
        "Heltrix Kft.\nJókai út 79.\n5983 Győr\n\n"
        "Számla sorszáma:       SF-59068\n"
        "Számla kelte:          2025. 08. 22.\n"
        "Hivatkozás:            4512192668\n\n"
        " Ssz.  Termék / szolgáltatás         Menny.     Egységár     Nettó érték\n"
        " 1     Kerti tömlő DN25                 250       16.967       4.241.750\n\n"
        "                                   Fizetendő összesen:   4.241.750 Ft\n"
    )
    for result in _both(text):
        assert result.po_numbers == ["4512192668"]


def test_a_number_label_running_on_from_the_corrected_invoices_reference_is_not_the_own() -> None:
    # "Rectifica a la factura nº" over the corrected invoice's number, left-aligned under the heading
    text = (
        "Ferretería Ruiz S.L.\nPolígono Sur, nave 2\n28062 Madrid\n\n"
        "Nº abono                             Fecha factura                         Cliente nº\n"
        "20245270                             13-05-2024                            C-975271\n"
        "Rectifica a la factura nº\n"
        "9169700\n\n"
        "Factura rectificativa (abono)\n\n"
        " Lín.   Ref.      Descripción                     Cantidad       Precio      Total\n"
        " 001    CDH445    Tornillo hexagonal                  10 ud.    -0,1111      -1,11\n\n"
        "                                                    Total                   -1,34 €\n"
    )
    for result in _both(text):
        assert result.invoice_number == "20245270"


def test_a_label_before_the_sellers_name_makes_no_other_company() -> None:
    # "Wystawca faktury: Tatry Outdoor S.A." (the invoice's issuer) holds the seller's name and more words:
    # the seller again, not a buyer; the private addressee under "Dane do faktury" is the buyer
    text = (
        "  Tradezy\n"
        "                                                                            Sprzedawca\n"
        "                                                                            Tatry Outdoor S.A.\n"
        "  Faktura VAT 263150827                                                     al. Niepodległości 14\n"
        "                                                                            50-001 Wrocław\n"
        "    Faktura nr                              263150827                       Wystawca faktury: Tatry Outdoor S.A.\n"
        "    Data                                    26.04.2026\n"
        "  Dane do faktury\n"
        "  Katarzyna Zielińska\n"
        "  ul. Polna 43\n"
        "  80-001 Gdańsk\n"
        "    Produkt                                     Ilość             Cena          Wartość netto\n"
        "    Notes A5 w kropki                               3       87,00 PLN              261,00 PLN\n"
        "                                                 Razem                 321,03 PLN\n"
    )
    for result in _both(text):
        assert result.buyer.name != "Wystawca faktury: Tatry Outdoor S.A."


def test_a_sentence_left_of_a_totals_block_does_not_silence_its_net() -> None:
    # the payment note in the left column shares a line with the taxable base on the right
    pad = " " * 50
    text = (
        "Gomes Industrial, S.A.\nAvenida da Liberdade, 8\n8000-077 Faro\n\n"
        "Fatura FT FA.2025/440          Data: 14/01/2025\n\n"
        " Código       Descrição                        Qtd.     Preço      Total\n"
        " 652.060.02   Luvas de trabalho                  24     57,00   1.368,00\n"
        " 448.218.79   Café em grão                        4    132,45     529,80\n\n"
        f"{pad}                   Subtotal                      1.897,80\n"
        f"{pad}                   Desc. 2%                        -37,96\n"
        "Indique o número da fatura na transferência.           Incidência                    1.859,84\n"
        f"{pad}                   IVA 23%                         427,76\n"
        f"{pad}                   Total a pagar            2.287,60 EUR\n"
    )
    for result in _both(text):
        assert result.subtotal == Decimal("1859.84")
        assert result.tax_total == Decimal("427.76")


def test_the_romanian_taxable_base_after_a_discount_is_the_net() -> None:
    text = (
        "Bistrița S.R.L.\nStr. Unirii 4\n420001 Bistrița\n\n"
        "Factura nr. BN-2025-118     Data: 12.06.2025\n\n"
        " Nr.  Denumire                       Cant.     Preț       Valoare\n"
        " 1    Set burghie                       50     5,36        268,00\n"
        " 2    Hârtie copiator A4                40    39,39      1.575,60\n\n"
        "                                  Total net                1.843,60\n"
        "                                  Reducere 2%                -36,87\n"
        "                                  Bază impozabilă          1.806,73\n"
        "                                  TVA 19%                    343,28\n"
        "                                  Total general        2.150,01 RON\n"
    )
    for result in _both(text):
        assert result.subtotal == Decimal("1806.73")
        assert result.tax_total == Decimal("343.28")
