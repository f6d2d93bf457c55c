"""GIVEN bills and statements from several countries — an account summary under this invoice's charges
(previous balance, payments received, what is due in all), bills without VAT whose total only the charge
lines make, and due dates written as direct-debit or payment-collection sentences — WHEN the rules engine
reads them THEN the total is this period's charges, the account's balance makes the amount due, and the
collection date is the due date. Texts of our own, worded as such bills are in each country."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _extract(text: str) -> InvoiceExtraction:
    return extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), engine="rules"
    )


NO_VAT_BILLS = [
    # (text, total, amount due)
    (
        """Harrowgate Borough Council
46 Kingsway, Harrowgate HG1 2AB
                                        Bill number                 FA25/10442
                                        Date of issue               03/09/2025
Oakfield Limited
Description                     Quantity      Unit price          Amount
Licence fee                            2          210.50          421.00
Inspection fee                         1           64.25           64.25
                                        Invoice total                      GBP 485.25
                                        Previous balance                       112.80
                                        Payment received - thank you           -50.00
                                        Invoice total                          485.25
                                        Total amount due                   GBP 548.05
""",
        "485.25",
        "548.05",
    ),
    (
        """Stadtwerke Talheim
Marktplatz 4, 74388 Talheim
                                        Rechnungsnummer             4471020
                                        Rechnungsdatum              02.04.2025
Familie Brandt
Bezeichnung                     Menge       Einzelpreis         Betrag
Abwassergebühr                     84            1,85          155,40
Grundgebühr                         3           12,50           37,50
                                        Rechnungsbetrag                    192,90 EUR
                                        Saldo Vormonat                      64,30
                                        Zahlungseingang - danke              0,00
                                        Zu zahlender Betrag                257,20 EUR
""",
        "192.90",
        "257.20",
    ),
    (
        """Commune de Villeneuve
Place de la Mairie, 47300 Villeneuve
                                        N° de facture               2025-00871
                                        Date                        14/05/2025
M. Paul Girard
Désignation                     Quantité    Prix unitaire       Montant
Redevance d'occupation              4          38,00          152,00
Frais de dossier                    1          25,00           25,00
                                        Montant de la facture               177,00 €
                                        Solde antérieur                     310,00
                                        Règlements reçus                   -400,00
                                        Total à payer                        87,00 €
""",
        "177.00",
        "87.00",
    ),
    (
        """Region Dalarna
Box 712, 791 29 Falun
                                        Fakturanummer               88120045
                                        Fakturadatum                2025-03-07
Granlunda AB
Beskrivning                     Antal       À-pris              Belopp
Tillståndsavgift                    2         199,25           398,50
Expeditionsavgift                   3          61,50           184,50
                                        Summa denna faktura               583,00 kr
                                        Föregående saldo                    120,00
                                        Inbetalt, tack                     -120,00
                                        Summa denna faktura                 583,00
                                        Att betala                        583,00 kr
""",
        "583.00",
        "583.00",
    ),
]


@pytest.mark.parametrize(("text", "total", "due"), NO_VAT_BILLS)
def test_the_total_is_this_invoices_charges_and_the_account_makes_the_amount_due(
    text: str, total: str, due: str
) -> None:
    # GIVEN a bill without VAT whose account summary ends in an amount due labelled like a total
    result = _extract(text)
    # THEN the total is this invoice's charges, the amount due what the account asks for
    assert result.total == Decimal(total)
    assert result.amount_due == Decimal(due)


def test_an_unlabelled_total_on_a_bill_without_vat_is_the_sum_of_its_charges() -> None:
    # GIVEN a fee notice that prints its charge lines, the account's balance lines and the amount due only
    text = """Kingsbridge Town Council
12 Fore Street, Kingsbridge TQ7 1AB
                                        Notice number               KT-55120
                                        Date of issue               11/06/2025
Riverside Marine Ltd
Description                     Quantity      Unit price          Amount
Mooring fee                            3          120.00          360.00
Slipway fee                            2           17.75           35.50
                                        Previous balance                        80.00
                                        Payments received - thank you          -30.00
                                        Amount due                      GBP 445.50
"""
    result = _extract(text)
    # THEN the charges' sum is the total and the account's figure the amount due
    assert result.total == Decimal("395.50")
    assert result.amount_due == Decimal("445.50")


def test_an_amount_due_that_the_account_does_not_make_stays_the_total() -> None:
    # GIVEN a bill whose balance lines do not add up from any other printed figure to its amount due
    text = """Harrowgate Borough Council
Description                     Quantity      Unit price          Amount
Licence fee                            2          210.50          421.00
                                        Previous balance                        12.80
                                        Total amount due                   GBP 421.00
"""
    result = _extract(text)
    # THEN nothing is swapped: the one figure is the total and the amount due
    assert result.total == Decimal("421.00")
    assert result.amount_due == Decimal("421.00")


DEBIT_SENTENCES = [
    # (language's bill text, invoice date, collection date)
    (
        "Your Direct Debit of £54.20 will be taken on or after 17 September 2025.",
        "02/09/2025",
        date(2025, 9, 17),
    ),
    ("Your account will be charged automatically on 04/15/2026.", "04/05/2026", date(2026, 4, 15)),
    ("Die Abbuchung erfolgt zum 15.04.2025 per SEPA-Lastschrift.", "01.04.2025", date(2025, 4, 15)),
    ("Ce montant sera prélevé sur votre compte le 15/03/2026.", "01/03/2026", date(2026, 3, 15)),
    ("Este recibo se domiciliará en su cuenta el 05/04/2025.", "20/03/2025", date(2025, 4, 5)),
    ("L'importo sarà addebitato sul tuo conto corrente il 27/12/2024.", "06/12/2024", date(2024, 12, 27)),
    ("O valor será debitado na sua conta em 14/05/2025.", "04/05/2025", date(2025, 5, 14)),
    (
        "Wij schrijven het bedrag rond 28-02-2025 automatisch af van uw rekening via domiciliëring.",
        "10-02-2025",
        date(2025, 2, 28),
    ),
    ("Beloppet dras via autogiro den 2025-02-28.", "2025-02-10", date(2025, 2, 28)),
    ("Beløbet trækkes via Betalingsservice den 01.03.2025.", "14.02.2025", date(2025, 3, 1)),
    ("Summa veloitetaan tililtäsi 17.12.2024 suoramaksuna.", "03.12.2024", date(2024, 12, 17)),
    ("Az összeget 2025.06.18. napon csoportos beszedéssel terheljük.", "2025.06.04.", date(2025, 6, 18)),
    ("Částka bude stržena z Vašeho účtu dne 13. 5. 2024.", "3. 5. 2024", date(2024, 5, 13)),
    (
        "Kwota zostanie pobrana z Twojego rachunku 22.09.2026 w ramach polecenia zapłaty.",
        "08.09.2026",
        date(2026, 9, 22),
    ),
    ("Suma va fi debitată din contul dvs. la 16.01.2026.", "02.01.2026", date(2026, 1, 16)),
    (
        "Tutar 31.07.2025 tarihinde hesabınızdan otomatik ödeme talimatı ile tahsil edilecektir.",
        "10.07.2025",
        date(2025, 7, 31),
    ),
]


@pytest.mark.parametrize(("sentence", "issued", "due"), DEBIT_SENTENCES)
def test_a_direct_debit_sentence_gives_the_due_date(sentence: str, issued: str, due: date) -> None:
    # GIVEN a bill with no due-date label whose collection date stands in a direct-debit sentence
    text = f"""Northgate Utilities
Invoice 4410287                                         {issued}
Description                     Quantity      Unit price          Amount
Service charge                         1          84.20           84.20
                                                   Total          84.20
{sentence}
"""
    # THEN that date is the due date
    assert _extract(text).due_date == due


def test_a_due_date_label_outranks_a_mandates_date_in_a_debit_line() -> None:
    # GIVEN a labelled due date and a direct-debit mandate line dated after the invoice
    text = """Stadtwerke Talheim
Rechnungsnummer 4471020                Rechnungsdatum 02.04.2025
Grundgebühr                                               37,50
                                        Gesamtbetrag      37,50
Fällig am 20.04.2025
SEPA-Lastschriftmandat erteilt am 05.04.2025
"""
    # THEN the label's date is the due date
    assert _extract(text).due_date == date(2025, 4, 20)


def test_a_bare_balance_label_under_the_account_lines_is_the_amount_due() -> None:
    # GIVEN a Hungarian telecom bill whose account summary ends in a bare "Egyenleg" (balance), the previous
    # balance's line holding the same word
    text = """Tisza Távközlési Zrt.
Sorszám 2025776581                         Kiállítás dátuma 2025.06.04.
Megnevezés                                  Mennyiség       Egységár        Összeg
Havi előfizetési díj                                1         207,90        207,90
Hívások és SMS                                      1         320,00        320,00
                                Nettó összesen                             527,90
                                ÁFA 27%                                    142,53
                                Számla végösszege                      670,43 HUF
Előző egyenleg                                 67,82
Beérkezett befizetés, köszönjük                 0,00
Számla végösszege                             670,43
Egyenleg                                  738,25 HUF
"""
    result = _extract(text)
    # THEN the total is the invoice's and the balance the amount due, never the previous balance
    assert result.total == Decimal("670.43")
    assert result.amount_due == Decimal("738.25")


def test_a_danish_total_excluding_vat_is_the_net() -> None:
    # GIVEN a Danish municipal bill without VAT: "I alt ekskl. moms" over "I alt"
    text = """Vejle Kommune
Fakturadato 02.08.2024
Beskrivelse                                 Antal        Enhedspris            Beløb
Byggesagsgebyr                                  2            445,00           890,00
                                    I alt ekskl. moms                         890,00
                                    I alt                                  890,00 kr.
"""
    result = _extract(text)
    # THEN the net is the figure excluding VAT and the total the figure in all
    assert result.subtotal == Decimal("890.00")
    assert result.total == Decimal("890.00")


@pytest.mark.parametrize(
    "line",
    [
        "SEPA-Lastschriftmandat vom 05.04.2025, Mandatsreferenz MR-20931",
        "Direct Debit mandate signed on 05/04/2025, reference DD-20931",
    ],
)
def test_a_direct_debit_mandates_date_is_no_due_date(line: str) -> None:
    # GIVEN a bill without a due label whose only debit line dates the mandate (after the invoice date)
    text = f"""Stadtwerke Talheim
Rechnungsnummer 4471020                Rechnungsdatum 02.04.2025
Grundgebühr                                               37,50
                                        Gesamtbetrag      37,50
{line}
"""
    # THEN no due date is read from it
    assert _extract(text).due_date is None


@pytest.mark.parametrize(
    ("summary", "due"),
    [
        # a Danish account summary closing on a bare "Saldo"
        (
            "Tidligere saldo            728,98\nModtaget betaling, tak  -1.457,96\nSaldo                 1.169,93 kr.",
            "1169.93",
        ),
        # an English one closing on a bare "Balance", this invoice's line between
        (
            "Previous balance           728,98\nPayments received       -1.457,96\nThis invoice            1.898,91\nBalance               1.169,93",
            "1169.93",
        ),
    ],
)
def test_the_figure_the_account_makes_under_its_balance_lines_is_the_amount_due(
    summary: str, due: str
) -> None:
    # GIVEN a balanced invoice, then an account summary whose last figure no amount-due label names
    text = f"""Klitgaard Software ApS
Fakturanr. FA26/19010                                   Udstedt 07.11.2026
Beskrivelse                                  Antal      Enhedspris         Beløb
Abonnement Business                             12           57,00        684,00
Ekstra brugere                                   3          404,97      1.214,91
                                          I alt ekskl. moms            1.519,13
                                          Moms 25 %                      379,78
                                          Fakturabeløb              1.898,91 kr.
{summary}
"""
    result = _extract(text)
    # THEN the total stays the invoice's and the figure the account makes is the amount due
    assert result.total == Decimal("1898.91")
    assert result.amount_due == Decimal(due)


def test_a_polish_tax_line_worded_podatek_is_the_tax() -> None:
    # GIVEN a Polish insurer's invoice whose tax line reads "Podatek 23%" (no "VAT")
    text = """Wisła Ubezpieczenia Sp. z o.o.
Numer faktury: 898906404684
Data: 02.02.2024
Nazwa usługi                              Ilość        Cena netto        Wartość netto
Składka                                      12             99,25             1 191,00
Opłata administracyjna                        1            290,25               290,25
                                          Razem netto                        1 481,25
                                          Podatek 23%                          340,69
                                          Kwota faktury                      1 821,94 zł
"""
    result = _extract(text)
    # THEN the tax is read and the invoice's total balances with it
    assert result.tax_total == Decimal("340.69")
    assert result.total == Decimal("1821.94")
