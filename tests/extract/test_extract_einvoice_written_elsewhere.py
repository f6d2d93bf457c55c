"""GIVEN e-invoices whose unit prices or quantities carry more decimals than money does (EN 16931 sets no
limit on BT-146/BT-149/BT-129, FatturaPA allows 8), or a price for a base quantity that does not divide
evenly WHEN read and bounded as the pipeline does THEN they are read, not quarantined as absurd; a
FatturaPA person's name is Nome Cognome without the honorific Titolo; and a well-formed XML whose only
fault is a namespace name that is not a valid URI is read as written."""

from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.documents import DocumentKind
from opsloop.errors import RejectedInput
from opsloop.extract.amounts import ABSURD_AMOUNT, bounded_decimal, check_extraction_amounts
from opsloop.extract.einvoice import read_einvoice
from opsloop.ingest.sniff import sniff
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.store.tables import Document, InvoiceLine
from tests import samples
from tests.extract.test_extract_einvoice import CII, UBL
from tests.extract.test_extract_einvoice_fatturapa import body, fattura

UBL_PRICE = '<cbc:PriceAmount currencyID="NOK">25.00</cbc:PriceAmount>'
CII_PRICE = "<ram:ChargeAmount>2.5000</ram:ChargeAmount>"


# an energy invoice line priced at 0.061232374 per kWh (a KoSIT XRechnung business case does so)
ENERGY_UBL = UBL.replace(
    UBL_PRICE, '<cbc:PriceAmount currencyID="NOK">0.061232374</cbc:PriceAmount>'
).replace(
    '<cbc:InvoicedQuantity unitCode="HUR">4</cbc:InvoicedQuantity>',
    '<cbc:InvoicedQuantity unitCode="KWH">1633.0625</cbc:InvoicedQuantity>',
)


def test_a_ubl_unit_price_with_nine_decimals_is_read_exactly() -> None:
    result = read_einvoice(ENERGY_UBL)
    line = result.lines[0]
    # THEN the price and the quantity are the XML's, and the pipeline's bounds keep the invoice
    assert (line.unit_price, line.quantity) == (Decimal("0.061232374"), Decimal("1633.0625"))
    check_extraction_amounts(result)


def test_the_pipeline_stores_the_nine_decimal_price_instead_of_quarantining(
    settings: Settings, engine: Engine
) -> None:
    path = samples.write(settings.inbox_dir, "energy.xml", ENERGY_UBL.encode())
    ingest_and_process(engine, settings, [path], move=True)
    with Session(engine) as session:
        document = session.exec(select(Document).where(Document.original_name == "energy.xml")).one()
        assert document.state != "quarantined", document.failure_reason
        line = session.exec(select(InvoiceLine)).one()
        assert line.unit_price == Decimal("0.061232374")


def test_a_cii_price_for_a_base_quantity_that_does_not_divide_evenly_is_not_absurd() -> None:
    # GIVEN a CII line priced 386.52 for 366 days (BT-146 per BT-149), billed for 31 days
    cii = CII.replace(
        f"{CII_PRICE}</ram:NetPriceProductTradePrice>",
        "<ram:ChargeAmount>386.52</ram:ChargeAmount>"
        '<ram:BasisQuantity unitCode="DAY">366</ram:BasisQuantity></ram:NetPriceProductTradePrice>',
    )
    result = read_einvoice(cii)
    # THEN the price per day is held to 12 decimals (the division has no end), and the pipeline keeps it
    assert result.lines[0].unit_price == Decimal("1.056065573770")
    assert result.lines[0].amount == Decimal("10.00")  # the net amount stays the XML's
    check_extraction_amounts(result)


def test_a_fatturapa_price_with_eight_decimals_is_read_and_discounted() -> None:
    # GIVEN a FatturaPA line at 1.35580114 per unit (the schema allows 8 decimals) less 10 %
    xml = fattura(body()).replace(
        "<PrezzoUnitario>20.00000000</PrezzoUnitario>", "<PrezzoUnitario>1.35580114</PrezzoUnitario>"
    )
    result = read_einvoice(xml)
    # THEN the net price is the price less 10 %, exactly, and nothing is refused as absurd
    assert result.lines[0].unit_price == Decimal("1.220221026")
    check_extraction_amounts(result)


def test_money_keeps_six_decimals_and_a_unit_figure_twelve() -> None:
    assert bounded_decimal("0.061232374", scale=12) == Decimal("0.061232374")
    for text, scale in (("0.0000001", 6), ("0.0000000000001", 12)):
        with pytest.raises(RejectedInput) as refused:
            bounded_decimal(text, scale=scale)
        assert refused.value.code == ABSURD_AMOUNT


def test_a_fatturapa_person_is_named_without_the_honorific() -> None:
    # GIVEN a lawyer who invoices as a person, with the honorific Titolo "Avvocato"
    seller = "<Anagrafica><Nome>Mario</Nome><Cognome>Bianchi</Cognome><Titolo>Avvocato</Titolo></Anagrafica>"
    result = read_einvoice(fattura(body(), seller=seller))
    # THEN the seller's name (BT-27) is Nome Cognome, as a vendor record and a bank transfer carry it
    assert result.vendor.name == "Mario Bianchi"


ODD_DS = '<p:FatturaElettronica xmlns:ds="http://www.w3.org/2000/09/xmldsig#&quot;" xmlns:p='


def test_a_namespace_name_that_is_not_a_uri_does_not_refuse_a_well_formed_fatturapa() -> None:
    # GIVEN a FatturaPA whose (unused) xmldsig namespace carries a stray quote, after another file failed to parse
    xml = fattura(body()).replace("<p:FatturaElettronica xmlns:p=", ODD_DS)
    assert ODD_DS in xml
    with pytest.raises(RejectedInput):
        read_einvoice("<broken><xml>")
    # THEN the ingest takes it as an e-invoice and every value is read as written
    assert sniff(xml.encode(), "odd.xml") is DocumentKind.EINVOICE
    result = read_einvoice(xml)
    assert (result.invoice_number, result.total) == ("FT/2025/118", Decimal("256.20"))

    # AND the same stray quote beside a real fault (a mismatched tag) is still refused in one line
    broken = xml.replace("</Numero>", "</Numer>")
    with pytest.raises(RejectedInput) as refused:
        read_einvoice(broken)
    assert refused.value.code == "malformed_xml"
    with pytest.raises(RejectedInput):
        sniff(broken.encode(), "odd.xml")


def test_another_national_format_is_refused_in_one_line_that_names_its_namespace() -> None:
    # GIVEN an ISDOC invoice (Czechia): its root is <Invoice>, like UBL's, in another namespace
    isdoc = '<?xml version="1.0"?><Invoice xmlns="http://isdoc.cz/namespace/2013" version="6.0.1"><ID>FV-1</ID></Invoice>'
    # THEN the ingest and the reader refuse it in one line that names the namespace, not as a broken UBL
    for refuse in (lambda: sniff(isdoc.encode(), "isdoc.xml"), lambda: read_einvoice(isdoc)):
        with pytest.raises(RejectedInput) as refused:
            refuse()
        assert refused.value.code == "unknown_format"
        assert "<Invoice> in namespace http://isdoc.cz/namespace/2013 is not" in refused.value.message
        assert "\n" not in refused.value.message
