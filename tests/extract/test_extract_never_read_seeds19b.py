"""Faults a fresh seed of the development generators showed (session 19, h-nr19b), each a general
convention. Texts of our own."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


def test_another_languages_credit_note_word_opening_an_item_is_no_title() -> None:
    # Catalan's credit-note word is Romanian's and Polish's word for a subscription: on a Romanian
    # receipt the item "Abonament lunar" describes what was sold, the document stays an invoice
    text = (
        "           SERVICII DELTA SRL\n             Str. Morilor 12\n           300001 Timișoara\n"
        "          Cod fiscal: RO 18547220\n                 Chitanță\n"
        "Abonament lunar internet\n3 x 45,00                                135,00\n"
        "Reparație imprimantă                     210,00\n"
        "Total de plată RON                       345,00\n"
        "din care TVA 21%:                         59,88\n"
        "Numerar                                  345,00\n"
        "Seria și nr.: TM 0412\n14/03/2026 10:22\n          Vă mulțumim!\n"
    )
    for result in _both(text):
        assert result.document_type == DocumentType.INVOICE


def test_a_number_word_followed_by_the_customers_word_names_the_customers_number() -> None:
    # "Nr. client" (as "N° client", "No. cliente") is the number the seller gives its customer, the
    # order "Kunden-Nr." prints the other way round; the invoice's number is under "Număr"
    labels = ["Număr", "Data emiterii", "Data scadentă", "Nr. comandă", "Nr. client"]
    values = ["AP 2207", "05.03.2026", "19.03.2026", "CMD5521", "48811"]
    text = (
        "Factură\n\nVânzător                                  Client\n"
        "ALFA PRINT S.R.L.                         Beta Construct S.R.L.\n"
        "Str. Lungă 5                              Bd. Eroilor 9\n"
        "500030 Brașov                             400129 Cluj-Napoca\n\n"
        + "".join(label.ljust(28) for label in labels).rstrip()
        + "\n"
        + "".join(value.ljust(28) for value in values).rstrip()
        + "\n\n"
        "Denumire                              Cantitate      Preț unitar      Valoare\n"
        "Tipărire afișe                                2           100,00       200,00\n"
        "                                     Total factură                     238,00 RON\n"
    )
    for result in _both(text):
        assert result.invoice_number == "AP 2207"


def test_swedish_restbelopp_is_the_amount_due() -> None:
    # a receipt paid by card prints the remainder ("Restbelopp 0,00"): nothing is due
    text = (
        "Molnverk AB                                  KVITTO\n\n"
        "Kund                                          Nummer        20411\n"
        "Berg & Son AB                                 Fakturadatum  2026-02-02\n\n"
        " Benämning                      Antal      Á-pris        Belopp\n"
        " Licens, månad                      1      800,00        800,00\n"
        "                       Netto                          800,00 SEK\n"
        "                       Moms 25 %                      200,00 SEK\n"
        "                       Summa inkl. moms             1 000,00 SEK\n"
        "                       Betalt med kort             -1 000,00 SEK\n"
        "                       Restbelopp                       0,00 SEK\n"
    )
    for result in _both(text):
        assert result.amount_due == Decimal("0.00")


def test_croatian_r1_after_the_title_is_the_invoices_kind_not_its_number() -> None:
    # Croatia prints the invoice's kind after its title ("Račun R-1": for a VAT-registered buyer,
    # "R-2" otherwise); the number follows the kind
    text = (
        "                                                  Obrt Kovač\n"
        "                                                  Ilica 12\n"
        "                                                  10000 Zagreb\n\n"
        "Drvo Plus d.o.o.\nRiječka 4\n51000 Rijeka\n\n"
        "Račun R-1 118-1-1\n\n"
        "Datum: 02.02.2026.\n"
        "  Izrada police                 1 × 300,00            300,00 EUR\n"
        "                               Iznos bez PDV-a        300,00 EUR\n"
        "                               PDV 25%                 75,00 EUR\n"
        "                               Ukupno                 375,00 EUR\n"
    )
    for result in _both(text):
        assert result.invoice_number == "118-1-1"


def test_a_managers_line_inside_the_sellers_block_is_no_name() -> None:
    # a French block names its manager ("Gérant : …") between the trade name and the street: the
    # block is still headed by the trade name, not by the company beside it in the recipient's place
    side = " " * 18
    text = (
        "Menuiserie Roussel\nÉbéniste\nGérant : Paul Roussel\n\n"
        f"4 rue des Forges{side}Brasserie du Port\n"
        "35000 Rennes\n"
        f"Tél. 06 12 34 56 78{side}  2 quai Duguay\n"
        f"{' ' * 34}29200 Brest\n"
        f"{' ' * 60}Rennes, le 3 mars 2026\n"
        f"{' ' * 34}Facture n°          F-2026-31\n\n"
        f"{' ' * 34}Désignation                 Montant\n"
        f"{' ' * 34}Étagère en chêne           400,00 €\n"
        f"{' ' * 34}Total TTC                  400,00 €\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Menuiserie Roussel"


def test_a_sole_traders_status_before_her_name_is_an_owners_line() -> None:
    # "EI" (entrepreneur individuel) printed before the owner's name under a trade name: the owner's
    # line inside the trade's block, whose street follows
    text = (
        "Couture Marchal\n"
        "Retoucheuse\n"
        "EI Sophie Marchal\n"
        "8 rue Nationale · 59000 Lille\n\n"
        "Hôtel des Dunes\n5 digue de Mer\n62200 Boulogne-sur-Mer\n"
        "Facture\nFacture n°                  2026-07\nLe                          4 mars 2026\n\n"
        "Ourlets de rideaux                                 90,00 €\n\n"
        "Total                                              90,00 €\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Couture Marchal"


def test_a_recipient_label_over_a_street_is_no_account_holders() -> None:
    # German "Empfänger" labels a transfer's payee beside bank details; over a street with no bank
    # details near it is a letter's recipient
    text = (
        "Jonas Albrecht\n"
        "Lindenweg 3 · 04109 Leipzig\n"
        "Steuer-Nr.: 231/118/44021\n\n"
        "Empfänger: Firma Elbtal Logistik GmbH\n"
        "           Hafenstraße 9\n"
        "           01067 Dresden\n"
        "RECHNUNG\nNr.                      2026-4\nDatum:                   05.03.2026\n\n"
        "Umzugshilfe, 6 Stunden                              240,00\n\n"
        "Summe                                               240,00\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Jonas Albrecht"


def test_a_dutch_trade_business_word_under_the_name_is_a_trade_line() -> None:
    # Dutch names a trade's business with "-bedrijf" ("Schoonmaakbedrijf", "Klusbedrijf"): a line
    # saying what the sender does, under its name, heading nothing
    text = (
        "de Vries Bouwtechniek\nKlusbedrijf\nir. Sanne de Vries\nKanaalweg 12\n3526 KL Utrecht\n"
        "Tel. 06-12345678\nBtw-id: NL123456782B01\n\n"
        "Bakkerij Mol B.V.\nMarkt 4\n4811 WB Breda\n\nFACTUUR\nFactuurnummer: 2026-015\nDatum: 04-03-2026\n\n"
        "  1. Tegelwerk keuken: 350,00\n\nTotaalbedrag (€)                  350,00\n"
    )
    for result in _both(text):
        assert result.vendor.name == "de Vries Bouwtechniek"


def test_a_slips_payee_printed_without_the_sellers_legal_form_is_no_buyer() -> None:
    # the transfer slip under the totals names the payee ("Odbiorca", "Empfänger") as the seller without
    # its legal form: still the seller, not the buyer, whose block stands in the window
    text = (
        "                                Lex Partner\n"
        "                    ul. Długa 4 · 31-147 Kraków · 12 345 6789\n\n"
        "Nowak i Zieliński Kancelaria Adwokacka sp.p., ul. Długa 4, 31-147 Kraków\n"
        "Morena S.A.                                        Faktura nr: 2026/55\n"
        "ul. Portowa 9                                      Wystawiono: 04.03.2026\n"
        "80-001 Gdańsk                                      NIP: PL6770065406\n\n"
        "Nazwa usługi                       Ilość      Cena netto      Wartość netto\n"
        "Porada prawna                      2 h            200,00             400,00\n"
        "                                Razem netto                          400,00\n"
        "                                VAT 23%                               92,00\n"
        "                                Razem brutto                     492,00 PLN\n"
        "                                Kwota do zapłaty                 492,00 PLN\n\n"
        "Polecenie przelewu\n"
        "Kwota do zapłaty                 492,00 PLN\n"
        "                                                   Odbiorca\n"
        "                                                   Nowak i Zieliński Kancelaria Adwokacka\n"
    )
    for result in _both(text):
        assert result.buyer.name == "Morena S.A."


def test_brand_sentences_name_the_holder_in_finnish_and_in_the_czech_nominative() -> None:
    # Finnish puts the holder between the verb and the noun ("<brand> on yhtiön <holder> Oy tuotemerkki":
    # the name ends at its legal form); Czech says "je obchodní značka společnosti" as well as "značkou"
    from opsloop.extract.rules.parties import operator_of_brand

    assert operator_of_brand("Lumo on yhtiön Pohjoisvalo Energia Oy aputoiminimi") == "Pohjoisvalo Energia Oy"
    assert (
        operator_of_brand("Vlna je obchodní značka společnosti Horák Servis s.r.o.") == "Horák Servis s.r.o."
    )
    assert operator_of_brand("FlexGym drivs av Nordic Fitness Group AB") == "Nordic Fitness Group AB"


def test_a_payment_printed_without_its_minus_under_the_balance_brought_forward_is_deducted() -> None:
    # an account summary's payment row may print no sign (or a scan may lose it): under the balance
    # brought forward, the payment is taken off it, and the amount due printed under them is the bill's
    text = (
        "Harbour Energy Ltd\n12 Dock Road\nHull HU1 2AB\n\n"
        "Invoice no. E-2026-3310\nBill date 02/03/2026\n\n"
        "Bill to: Marsh Bakery Ltd\n\n"
        "Description                        Quantity      Unit price      Amount\n"
        "Electricity                               1          400.00      400.00\n"
        "                                   Total excl. VAT               400.00\n"
        "                                   VAT 20%                        80.00\n"
        "                                   Total current charges        £480.00\n"
        " Previous balance                                 300.00\n"
        " Payment received - thank you                     120.00\n"
        " Total current charges                            480.00\n"
        " Total amount due                                £660.00\n"
    )
    for result in _both(text):
        assert result.amount_due == Decimal("660.00")
