"""GIVEN labels as other languages and layouts print them WHEN the rules engine reads the page THEN
the number, dates, currency and amounts come from the right places."""

from datetime import date
from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.currency import vote_currency
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import guess_language


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


POLISH = """Faktura nr: FV 2024/03/118                                     Data wystawienia: 2024-03-05
Sprzedawca: Hurtownia Elektryczna Kowalski Sp. z o.o.
NIP:               526-104-08-28
Nabywca:           Biuro Rachunkowe Nowak
Termin płatności:  2024-03-19

 Lp Nazwa towaru                       Jm   Ilość        Cena netto     Wartość netto    VAT [%]   Kwota VAT   Wartość brutto
1   Przewód YDY 3x2,5                  m    100,000          2,10           210,00          23        48,30         258,30

                                                      Razem:      210,00                   48,30      258,30

Do zapłaty: 258,30 PLN
"""


def test_a_polish_invoice_is_read_with_the_polish_lexicon() -> None:
    result = _extract(POLISH)
    assert guess_language(POLISH) == "pl"
    assert result.invoice_number == "FV 2024/03/118"
    assert (result.invoice_date, result.due_date) == (date(2024, 3, 5), date(2024, 3, 19))
    assert (result.total, result.currency) == (Decimal("258.30"), "PLN")


def test_rupees_before_a_negative_amount_name_the_currency() -> None:
    code, _, _ = vote_currency(["Price includes a festive season discount of Rs -55.00,"], [])
    assert code == "INR"


def test_the_date_after_the_number_on_the_title_line_is_the_invoice_date() -> None:
    # GIVEN "Facture n° ... du <date>" and a payment deadline whose label also starts with "Date"
    text = (
        "Facture n°562044387 du 02 Juillet 2015\n"
        "Date limite de paiement le 05 Juillet 2015                         29.99 € TTC\n"
    )
    result = _extract(text)
    assert (result.invoice_date, result.due_date) == (date(2015, 7, 2), date(2015, 7, 5))


def test_column_labels_with_the_currency_inside_read_their_columns() -> None:
    text = (
        "                         Montant EUR HT         Montant TVA       Montant EUR TTC\n"
        "Abonnements                       24.99                5.00                 29.99\n"
        "Communications                     0.00                0.00                  0.00\n"
        "Total facture                     24.99                5.00                 29.99\n"
    )
    result = _extract(text)
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("24.99"),
        Decimal("5.00"),
        Decimal("29.99"),
    )


def test_a_due_date_centred_under_its_column_header_from_the_left_is_read() -> None:
    text = (
        "Rechnungsdatum: 01.03.2018\n"
        "Zahlungsbedingungen:\n"
        "Beschreibung                                                    Fälligkeit          Teilzahlung\n"
        "                                                   04.04.2018\n"
    )
    assert _extract(text).due_date == date(2018, 4, 4)


def test_the_debit_date_of_a_sepa_prenotification_is_the_due_date() -> None:
    text = (
        "Rechnungsdatum 05.03.2014\n"
        "Der Betrag in Höhe von EUR 529,87 wird am 20.03.2014 von Ihrem Konto mit IBAN DE21 eingezogen.\n"
    )
    assert _extract(text).due_date == date(2014, 3, 20)


def test_a_product_code_that_looks_like_a_date_is_not_one() -> None:
    from opsloop.extract.rules.dates import find_dates

    assert find_dates("RC11-23-42 - 12/144") == []
    assert [d.value for d in find_dates("22-07-19 09:12 TL04")] == [date(2019, 7, 22)]


def test_without_a_date_label_the_first_date_stamped_with_a_time_is_the_sale_date() -> None:
    text = "MR. HARDWARE SDN BHD\nCK 11-22-31 - 10/400\nTOTAL 15.90\n19-09-17 15:39 SH01 ZJ03\n"
    assert _extract(text).invoice_date == date(2017, 9, 19)


def test_an_amount_including_gst_is_the_total() -> None:
    text = "PAY PARKING TICKET\nAMOUNT INCL. GST   5.00 RM\nACCEPTED TOTAL   10.00 RM\nCHANGE   5.00 RM\n"
    assert _extract(text).total == Decimal("5.00")


def test_a_dutch_drawn_up_on_label_is_the_invoice_date() -> None:
    # GIVEN a Dutch receipt dating its issue "Opgemaakt op" (drawn up on) below an event's date and
    # beside an order date
    text = (
        "Voorstelling\n"
        "   12/09/2025 · 20:00 · Antwerpen\n"
        "FACTUUR\n"
        "   Factuurnummer                 F-2025-1188\n"
        "   Opgemaakt op                  02/09/2025\n"
        "   Besteldatum                   30/08/2025\n"
        "                                          Totaal             EUR 64,00\n"
    )
    # WHEN extracted THEN the issue date is the invoice date
    assert _extract(text).invoice_date == date(2025, 9, 2)


def test_an_item_header_s_one_total_column_labels_no_document_total() -> None:
    # GIVEN a Dutch item table whose only amount column is headed "Totaal" (the compound
    # "Artikelomschrijving" naming its description column), a freight charge below the rows, and the
    # document's total printed at the top right and again under the net
    text = (
        "  Polder Techniek BV                                       Totaalbedrag        € 2.487,50\n"
        "  FACTUUR                                                  Factuurnr.: F2609914\n"
        "  Regel  Artikelomschrijving                     Aant.   Eenheid   Prijs per eenheid      Totaal\n"
        "  1      Onderhoudscontract jaarlijks                1   stuk               2.400,00    2.400,00\n"
        "                                                         Subtotaal excl. btw             2.400,00\n"
        "                                                         Vracht                             87,50\n"
        "                                                         Excl. BTW                       2.487,50\n"
        "                                                         0% btw                              0,00\n"
        "                                                         Totaalbedrag                  € 2.487,50\n"
    )
    # WHEN extracted THEN the total is the document's, not the row's
    assert _extract(text).total == Decimal("2487.50")


def test_a_swedish_credit_note_s_amount_to_credit_is_its_total() -> None:
    # GIVEN a Swedish credit note closing on "Att kreditera" (to credit), the counterpart of "Att betala"
    text = (
        "Norrsken El AB                                  Kreditfaktura\n"
        "                                    Kreditfakturanr               20260412\n"
        "                                    Fakturadatum                  2026-02-03\n"
        "                     Specifikation                  Antal     À-pris         Summa\n"
        "                     Elinstallation, arbete             4     500,00      2 000,00\n"
        "                                               Netto                     2 000,00\n"
        "                                               Moms 25%                    500,00\n"
        "                                               Att kreditera             2 500,00\n"
    )
    # WHEN extracted THEN the amount to credit is the total and the amount due
    extraction = _extract(text)
    assert extraction.total == Decimal("2500.00")
    assert extraction.amount_due == Decimal("2500.00")


def test_to_pay_labels_the_amount_due_after_a_part_paid() -> None:
    # GIVEN an English totals column closing on "To pay" under a part paid on account
    text = (
        "Invoice No.: 2026-0412\n"
        "                                          Subtotal              1,000.00\n"
        "                                          VAT 20%                 200.00\n"
        "                                          Total incl. VAT   GBP 1,200.00\n"
        "                                          Paid on account        -500.00\n"
        "                                          To pay              GBP 700.00\n"
    )
    # WHEN extracted THEN the total stays and the amount due is the figure left to pay
    extraction = _extract(text)
    assert extraction.total == Decimal("1200.00")
    assert extraction.amount_due == Decimal("700.00")
