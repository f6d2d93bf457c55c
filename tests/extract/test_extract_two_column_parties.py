"""GIVEN a head printing the seller's block and the buyer's side by side, or a letterhead whose contact
line opens with the street WHEN the rules engine reads the parties THEN the buyer's column never
supplies the seller's name or VAT id, and a street is never the seller's name."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.parties import buyer_zone


def _parsed(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


SIDE_BY_SIDE = (
    "Copia di cortesia\n"
    "Fattura\n"
    "  Cedente/prestatore (fornitore)                          Cessionario/committente (cliente)\n"
    "  Identificativo fiscale ai fini IVA: IT 36516130378      Identificativo fiscale ai fini IVA: IT 58483140586\n"
    "  Denominazione: Rossi Consulting S.r.l.                  Denominazione: Servizi Giordano S.r.l.\n"
    "  Indirizzo: Via Dante 22 – 35122 Padova (PD)             Indirizzo: Viale Europa, 47 – 37121 Verona (VR)\n"
    "Fattura n.   6443/A\n"
    "Totale documento   1.000,00 EUR\n"
)


def test_the_buyer_zone_holds_the_buyers_column_only() -> None:
    lines = document_lines(_parsed(SIDE_BY_SIDE))
    zone = buyer_zone(lines)
    line = next(li for li in lines if "Denominazione" in li.text)
    seller_at = line.text.index("Rossi")
    buyer_at = line.text.index("Servizi")
    assert not zone.covers(line, seller_at, seller_at + 5)
    assert zone.covers(line, buyer_at, buyer_at + 5)


def test_the_seller_beside_the_buyer_keeps_its_name_and_vat_id() -> None:
    result = extract_rules(_parsed(SIDE_BY_SIDE))
    assert result.vendor.name == "Rossi Consulting S.r.l."
    assert result.vendor.vat_id is not None and result.vendor.vat_id.endswith("36516130378")
    assert result.buyer.name == "Servizi Giordano S.r.l."


def test_a_letterhead_contact_line_opening_with_the_street_names_no_seller() -> None:
    text = (
        "López y Moreno                                                        FACTURA\n"
        "Calle Alcalá, 33 · 46002 Valencia · Valencia · Tlf. +34 378 471 802   Factura nº:  702/25\n"
        "\n"
        "  DATOS DEL EMISOR                              DESTINATARIO\n"
        "  López y Moreno S.L.                           Gómez Hermanos S.A.\n"
        "  Calle Alcalá, 33                              Plaza de España, 93\n"
        "  46002 Valencia                                29005 Málaga\n"
        "Total factura   8.474,79 EUR\n"
    )
    assert extract_rules(_parsed(text)).vendor.name == "López y Moreno S.L."
