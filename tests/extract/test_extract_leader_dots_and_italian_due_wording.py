"""GIVEN invoices whose facts join each label to its value with leader dots under a letterhead's name set at
the right, whose facts stand on one line between middle dots, or an Italian due date under "Pagamento entro"
WHEN the page is read THEN the seller's address is taken from where the page prints it (never the facts'
column), the facts' line is no sender's line, and the due date is read."""

from __future__ import annotations

import datetime as dt

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.parties import _return_address_parts


def _read(text: str):  # type: ignore[no-untyped-def]
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, text_only=True)


_LEADERS = """\
                                                                                                 Tomás Vidal Carpintería

Hostal Brisa S.L.                                                        Nº factura . . . . . . . . . . . . . . . A-3307
Calle del Olmo, 12                                                      Fecha . . . . . . . . . . . . 2 de junio de 2026
28013 Madrid                                                            Vencimiento . . . . . . . . . 2 de julio de 2026
N.I.F.: ESB87654321                                                  Nº cliente . . . . . . . . . . . . . . . . . . 7781

Factura
Concepto                                                                         Cant.     Precio      Importe
Armario empotrado de pino                                                            1     940,00       940,00

                                                               Base imponible:                        940,00 €
                                                               IVA 21%:                               197,40 €
                                                               Total factura:                       1.137,40 €

Tomás Vidal Carpintería                                N.I.F.: ESB12345674                                IBAN: ES9121000418450200051332
Camino Real 41                                         Teléfono: +34 600 111 222
46002 Valencia
"""


def test_leader_dotted_facts_under_a_letterhead_name_are_not_its_address() -> None:
    extraction = _read(_LEADERS)
    assert extraction.vendor.name == "Tomás Vidal Carpintería"
    address = extraction.vendor.address or ""
    assert "Camino Real 41" in address and "46002" in address
    assert ". . ." not in address


_ITALIAN = """\
Lavanderia Sole S.n.c.                                  Spett.le
Via Garibaldi 4                                         Pasticceria Aurora S.r.l.
10121 Torino                                            Corso Francia 210
P. IVA IT00743110157                                    10138 Torino

                                   FATTURA
 Numero               118/2026
 Data                 4 marzo 2026
 Pagamento entro      3 aprile 2026

 Descrizione                                   Quantità        Importo
 Lavaggio tovaglie                                   30         150,00
                                              Imponibile        150,00
                                              IVA 22%            33,00
                                              Totale fattura    183,00
"""


def test_italian_payment_by_wording_labels_the_due_date() -> None:
    extraction = _read(_ITALIAN)
    assert extraction.due_date == dt.date(2026, 4, 3)
    assert extraction.invoice_date == dt.date(2026, 3, 4)


def test_the_facts_set_on_one_line_between_dots_are_no_sender_line() -> None:
    # GIVEN the number, the dates and the order set on one line between middle dots, as a sender's line is
    facts = "Our ref. 40917     ·  Date 09/10/2026      ·  Pay by 08/11/2026      ·  Your order 448710"
    # THEN it is no one-line return address (its first segment would be read as the seller's name)
    assert _return_address_parts(facts) is None
    # while a sender's line is one still
    assert _return_address_parts("Fenwick & Cole Ltd · 14 Quarry Lane · NR3 1QB Norwich") == (
        "Fenwick & Cole Ltd",
        "14 Quarry Lane",
        "NR3 1QB Norwich",
    )
