"""GIVEN a known vendor identified by its VAT id printed on the page WHEN the seller's VAT id is read THEN it is
that id, not the buyer's printed nearer the name read: a seller that renamed itself prints its new name, the
known (old) name stands only in a "vormals ..." line (evals/decisions6: the buyer's VAT id was read as the
renamed seller's and the invoice held as a VAT id mismatch)."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.known import KnownVendor
from opsloop.extract.rules.engine import extract_rules

TEXT = (
    "Lorenz Industrietechnik GmbH                                            Rechnung RE26-04548\n"
    "Industriestraße 20 | 30159 Hannover | DE\n"
    "USt-IdNr. DE535935254\n"
    "\n"
    "Nordlicht Gerätebau GmbH                          Rechnungs-Nr.   RE26-04548\n"
    "Hafenstraße 12                                    Datum           26.11.2026\n"
    "20457 Hamburg                                     Kunden-Nr.      58383\n"
    "USt-IdNr. DE136695976                             Ihre Bestellung PO-00031\n"
    "\n"
    "Pos. Artikel Bezeichnung                     Menge Einheit     Preis      Gesamt\n"
    "1    04560   Bohrer HSS 8 mm                   260 Stk          3,20      832,00\n"
    "                                            Summe netto              832,00 EUR\n"
    "                                            zzgl. 19 % MwSt.         158,08 EUR\n"
    "                                            Rechnungsbetrag          990,08 EUR\n"
    "vormals Lorenz Industriebedarf GmbH\n"
    "Lorenz Industrietechnik GmbH · Industriestraße 20 · 30159 Hannover\n"
    "Bank: DE40 3747 0381 0635 6669 44\n"
    "USt-IdNr. DE535935254 · Amtsgericht Hannover HRB 90529 · Geschäftsführer Lorenz\n"
)
KNOWN = KnownVendor(erp_id="L1", name="Lorenz Industriebedarf GmbH", vat_id="DE535935254")


def _read(known: list[KnownVendor]) -> tuple[str | None, str | None]:
    result = extract_rules(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=TEXT)]), known
    )
    return result.vendor.name, result.vendor.vat_id


def test_a_known_vendor_identified_by_its_vat_id_keeps_that_id() -> None:
    assert _read([KNOWN]) == ("Lorenz Industriebedarf GmbH", "DE535935254")


def test_without_known_vendors_the_page_decides() -> None:
    assert _read([]) == ("Lorenz Industrietechnik GmbH", "DE535935254")
