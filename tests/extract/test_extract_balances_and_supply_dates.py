"""GIVEN invoices that print what is left to pay after a part already paid, the figures of their totals
under a row of labels, or a date of supply beside the date of issue WHEN the rules engine reads them THEN
the amount due is the balance left, each figure goes with its own label, and the invoice date is the date
of issue. Texts of our own."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


@pytest.mark.parametrize(
    ("total_label", "paid_label", "balance_label"),
    [
        ("Total", "Importe pagado", "Importe pendiente"),
        ("Totale fattura", "Acconto", "Importo residuo"),
        ("Total TTC", "Acompte versé", "Montant restant dû"),
        ("Totaal", "Reeds betaald", "Resterend bedrag"),
        ("Valor total", "Valor pago", "Valor em aberto"),
        ("Totalt", "Redan betalt", "Återstående belopp"),
    ],
)
def test_the_amount_due_is_the_balance_a_remaining_balance_label_names(
    total_label: str, paid_label: str, balance_label: str
) -> None:
    # GIVEN a total that balances its net and tax, a part paid printed negative under it, and the balance
    # under a remaining-balance label
    text = f"""Acme Tools Ltd
Invoice 2024-118
                         Net                               819,67
                         VAT 22 %                          180,33
                         {total_label}                   1.000,00
                         {paid_label}                    -300,00
                         {balance_label}                   700,00
"""
    result = _extract(text)
    # THEN the total stays the total and the amount due is the balance
    assert (result.total, result.amount_due) == (Decimal("1000.00"), Decimal("700.00"))


def test_a_stray_mark_beside_the_figure_under_a_label_is_no_second_cell() -> None:
    # GIVEN a balance label whose figure stands on the next line, a lone bullet in the margin beside it
    text = """Werkstatt Beispiel GmbH
Rechnung 2024-118
                                        Gesamtbetrag                1.000,00 EUR
                                        Bereits bezahlt              -300,00 EUR
                                        Offener Betrag
·                                                                     700,00 EUR
"""
    result = _extract(text)
    # THEN the figure is the label's: the balance left is the amount due
    assert (result.total, result.amount_due) == (Decimal("1000.00"), Decimal("700.00"))


@pytest.mark.parametrize(
    ("issue_label", "supply_label"),
    [
        ("Datum vystavení", "Datum zdanitelného plnění"),
        ("Datum vystavení", "Datum uskutečnění zdanitelného plnění"),
        ("Datum vystavení", "DUZP"),
        ("Data wystawienia", "Data sprzedaży"),
        ("Rechnungsdatum", "Leistungsdatum"),
        ("Kiállítás dátuma", "Teljesítés dátuma"),
    ],
)
def test_the_invoice_date_is_the_date_of_issue_not_the_date_of_supply(
    issue_label: str, supply_label: str
) -> None:
    # GIVEN a meta block beside the buyer's address with the date of issue and, lower, the date of the
    # taxable supply (a longer label)
    text = f"""Acme Tools Ltd
Main Street 189
120 00 Praha 2

Buyer                                  Invoice No.                    FV/2025/01692
Marek Stavby s.r.o.                    {issue_label:<30} 20.10.2025
Vodičkova 192                          Due date                       27.10.2025
460 01 Liberec                         Customer                       46760
                                       Order                          PO-13808
                                       {supply_label:<30} 18.10.2025
INVOICE

Total                          1.000,00
"""
    # THEN the invoice date is the date of issue
    assert _extract(text).invoice_date == date(2025, 10, 20)


@pytest.mark.parametrize(
    ("net", "tax", "gross"),
    [
        ("Veroton yhteensä", "ALV yhteensä", "Yhteensä verollinen"),
        ("Razem netto", "Razem VAT", "Razem brutto"),
        ("Base imponible", "Cuota IVA", "Total con IVA"),
        ("Imponibile", "Imposta", "Totale IVA inclusa"),
    ],
)
def test_each_figure_under_a_row_of_totals_labels_goes_with_its_own_label(
    net: str, tax: str, gross: str
) -> None:
    # GIVEN a row of totals labels over a row of figures, the gross total's figure printed past the end
    # of its (two-word) label, right-aligned in a wider column
    header = f"  {net:<24}{tax:<20}{gross}"
    figures = f"  {'1 000,00 €':<24}{'240,00 €':<20}".ljust(len(header) + 1) + "1 240,00 €"
    text = f"Acme Tools Ltd\nInvoice 2025-0042\n{header}\n{figures}\n"
    result = _extract(text)
    # THEN the total is the gross figure, the net and the tax their own
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("1000.00"),
        Decimal("240.00"),
        Decimal("1240.00"),
    )


@pytest.mark.parametrize(
    ("labels", "figures"),
    [
        (("Totaal", "Reeds betaald", "Te betalen"), ("1.200,00", "-400,00", "800,00")),
        (("Gesamtbetrag", "Bereits bezahlt", "Offener Betrag"), ("1.200,00 €", "-400,00 €", "800,00 €")),
        (("Total TTC", "Déjà réglé", "Net à payer"), ("1 200,00 €", "-400,00 €", "800,00 €")),
        (("Totale", "Già pagato", "Totale da pagare"), ("1.200,00", "-400,00", "800,00")),
    ],
)
def test_a_row_of_totals_labels_with_a_paid_column_reads_the_total_and_the_balance(
    labels: tuple[str, str, str], figures: tuple[str, str, str]
) -> None:
    # GIVEN a header row (total, part paid, balance) over its figures, each right-aligned in its column:
    # the part paid stands closer to the balance's label than to its own, unlabelled heading
    width = 20
    header = "  " + "".join(f"{label:<{width}}" for label in labels)
    row = "  " + "".join(f"{figure:>{width - 2}}  " for figure in figures)
    text = f"Acme Tools Ltd\nInvoice 2025-0042\n{header}\n{row}\n"
    result = _extract(text)
    # THEN the total is the first figure and the amount due the balance, never the part paid
    assert (result.total, result.amount_due) == (Decimal("1200.00"), Decimal("800.00"))
