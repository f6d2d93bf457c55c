"""GIVEN invoices written as letters, and due dates given only in a payment term's sentence WHEN the
rules engine reads them THEN the letter's dateline is the invoice date, the term's date is the due
date, and an early-payment discount's date is never the due date."""

from datetime import date

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.dates import dateline, find_dates
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str):  # type: ignore[no-untyped-def]
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_dateline_is_a_place_a_comma_and_a_date() -> None:
    assert dateline("Toulouse, le 3 juin 2025", language="fr") is not None
    assert dateline("Hamburg, den 04.02.2026", language="de") is not None
    found = dateline("Cork 4, 7 March 2026", language="en")
    assert found is not None and found.value == date(2026, 3, 7)
    # a label is no place, and a date with more after it is no dateline
    assert dateline("Invoice date, 7 March 2026", language="en") is None
    assert dateline("Leeds, 7 March 2026 and 9 March 2026", language="en") is None
    assert dateline("12 High Street, 2026", language="en") is None


def test_a_letters_dateline_is_the_invoice_date_not_the_delivery_date() -> None:
    # GIVEN a letter: the sender's place and date on the right, a delivery date labelled below
    text = (
        " Atelier Morel SARL\n"
        " 12 rue des Tanneurs · 31000 Toulouse\n"
        "                                                           Toulouse, 3 juin 2025\n"
        " Facture n° 2025-1187\n"
        " Date de livraison       28 mai 2025\n"
        "  Désignation                         Quantité      Prix        Montant\n"
        "  Peinture murale blanche                   2     40,00          80,00\n"
        "                                      Total TTC                  96,00 €\n"
    )
    # WHEN extracted THEN the dateline's date is the invoice date
    assert _extract(text).invoice_date == date(2025, 6, 3)


def test_a_labelled_invoice_date_beats_a_dateline() -> None:
    text = (
        "                                                           Leeds, 2 March 2026\n"
        " Invoice No.      INV-2207\n"
        " Invoice Date     28 February 2026\n"
        "                                      Total                  96.00\n"
    )
    assert _extract(text).invoice_date == date(2026, 2, 28)


def test_a_due_terms_date_after_the_date_label_in_a_sentence_is_no_invoice_date() -> None:
    # GIVEN "Date" labelling the invoice date, and a due term naming the invoice date before its date
    text = (
        " Facture N°       F-2025-311\n"
        " Date             15 septembre 2025\n"
        "                                      Total TTC               1.200,00 €\n"
        " Échéance : 45 jours date de facture (30 octobre 2025).\n"
    )
    # THEN the invoice date is the labelled one, the sentence's date is the due date's
    assert _extract(text).invoice_date == date(2025, 9, 15)


def test_an_early_payment_discount_date_is_not_the_due_date() -> None:
    # GIVEN a discount's date labelled "pay by", and the due date in a term's sentence
    text = (
        " Invoice No.      INV-4410\n"
        " Invoice Date     2 March 2026\n"
        "                                      Total                  960.00\n"
        " Payment is due within 30 days, by 1 April 2026.\n"
        " Pay by 12 March 2026 and deduct 2% (940.80).\n"
    )
    # THEN the due date is the term's date
    assert _extract(text).due_date == date(2026, 4, 1)


def test_a_due_date_and_a_discount_in_clauses_of_one_sentence() -> None:
    # GIVEN the net term and the discount in one sentence, parted by a comma
    text = (
        " Rechnung Nr. 4471 vom 05.03.2026\n"
        "                                      Gesamtbetrag            1.190,00 EUR\n"
        " Zahlbar innerhalb 30 Tagen netto bis 04.04.2026, 2% Skonto innerhalb 10 Tagen bis 15.03.2026\n"
    )
    # THEN the net term's date is the due date
    assert _extract(text).due_date == date(2026, 4, 4)


def test_a_due_date_only_in_a_payment_terms_sentence() -> None:
    # GIVEN no due-date label: the term says "net" and gives the date in brackets
    text = (
        " Kreditnota nr.    30112\n"
        " Dato              02.06.2025\n"
        "                                      Å betale             kr 1 250,00\n"
        " 14 dager netto (16.06.2025).\n"
        " Kontantrabatt 2 % ved betaling før 09.06.2025.\n"
    )
    assert _extract(text).due_date == date(2025, 6, 16)


def test_a_payment_request_gives_the_due_date() -> None:
    text = (
        " Rechnungsnummer   2026-0091\n"
        " Rechnungsdatum    5. März 2026\n"
        "                                      Gesamtbetrag            2.380,00 EUR\n"
        " Bitte überweisen Sie 2.380,00 EUR bis 19. März 2026 unter Angabe der Rechnungsnummer.\n"
    )
    assert _extract(text).due_date == date(2026, 3, 19)


def test_a_date_after_an_amount_and_a_short_word_is_read() -> None:
    # "9.190,80 bis 19" reads like a day, a month word and a year: the date starts inside it
    found = find_dates("Betrag 9.190,80 bis 19. März 2026 überweisen", language="de")
    assert [f.value for f in found] == [date(2026, 3, 19)]


def test_a_bare_due_heading_over_its_column() -> None:
    text = (
        " Invoice Date             Invoice Ref.             Customer No.              Due\n"
        " 19 November 2025         4002/2025                7877639                   29 November 2025\n"
        "                                      Total                  96.00\n"
    )
    assert _extract(text).due_date == date(2025, 11, 29)


def test_a_spanish_abbreviated_due_heading() -> None:
    text = (
        "Nº factura              Fecha factura            Vto.                    Cód. cliente\n"
        "FV26-16013              04/11/2026               25/11/2026              K68197\n"
    )
    assert _extract(text).due_date == date(2026, 11, 25)


def test_a_due_heading_over_an_empty_column_takes_no_neighbours_date() -> None:
    # GIVEN "Vencimento" over nothing, the issue date under its own heading beside it, and the terms'
    # words under theirs
    text = (
        " V/ NIPC          V/ Ref.        Data de emissão        Vencimento        Condição de pagamento\n"
        "  BE 0670.626.920  PO-43417       13-06-2025                               Pronto pagamento\n"
    )
    result = _extract(text)
    assert result.invoice_date == date(2025, 6, 13)
    assert result.due_date is None


def test_a_due_label_whose_cell_holds_its_term_reads_no_date_under_it() -> None:
    # GIVEN "Termen de plată: 30 zile" (the term in the label's cell), a delivery date under it
    text = (
        " Termeni de plată: Termen de plată: 30 zile de la emitere.          Emisă la:      6 septembrie 2024\n"
        " Date bancare:       ING Bank România                               Data livrării:  6 septembrie 2024\n"
        " IBAN:               RO83 RZBR RONP OU0I C1XX JS8V                  Scadență:      6 octombrie 2024\n"
    )
    assert _extract(text).due_date == date(2024, 10, 6)
