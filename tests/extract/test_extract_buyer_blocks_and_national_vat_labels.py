"""GIVEN buyer blocks beside other columns, delivery addresses beside the invoicee's, and seller tax ids
under national labels WHEN the parties are read THEN the invoicee is the buyer, the buyer's VAT id is
never the seller's, and a national id's label with a qualifier still labels it."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.parties import (
    address_window_buyer,
    buyer_zone,
    choose_buyer_name,
    find_vat_ids,
    is_buyers_vat,
)


def _lines(text: str) -> list[Line]:
    return document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _extract(text: str):  # type: ignore[no-untyped-def]
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_the_buyer_block_skips_lines_of_another_column() -> None:
    # GIVEN a buyer block on the left whose lines alternate with the invoice's facts on the right
    lines = _lines(
        "Customer\n"
        "Harbour Fittings DAC\n"
        "                                                  Sales Invoice\n"
        "7 Quay Street\n"
        "Cork\n"
        "                                                  Invoice Number   2026-118\n"
        "T12 X2Y3\n"
        "                                                  Date             3 April 2026\n"
        "VAT No.: IE6388047V\n"
    )
    zone = buyer_zone(lines)
    vat_line = lines[-1]
    # THEN the VAT id six lines under the label, fifth in the block's column, is in the block
    assert zone.covers_text(vat_line, "IE6388047V")


def test_an_invoicee_label_heads_the_buyer_before_a_delivery_label_above_it() -> None:
    # GIVEN a narrow "Ship To" column, set higher, that wraps the name word by word
    lines = _lines(
        "                                                                   Ship To\n"
        " From                               Bill To\n"
        " Alder & Finch plc                  Marsh & Rowe Ltd               Marsh\n"
        " 4 Mill Lane                        12 Dock Road                   &\n"
        " Norwich                            Leeds                          Rowe\n"
    )
    assert choose_buyer_name(lines)[0] == "Marsh & Rowe Ltd"


def test_a_delivery_label_alone_still_heads_the_buyer() -> None:
    lines = _lines("Ship To\nMarsh & Rowe Ltd\n12 Dock Road\n")
    assert choose_buyer_name(lines)[0] == "Marsh & Rowe Ltd"


def test_indian_receiver_and_brazilian_service_taker_headings() -> None:
    cases = {
        "Details of Receiver (Billed to)              Invoice Number    GST/26/118\n"
        "Kaveri Traders Private Limited\n": "Kaveri Traders Private Limited",
        "Prestador                          Tomador\n"
        "Alfa Serviços Ltda.                Beta Comércio Ltda.\n": "Beta Comércio Ltda.",
    }
    for text, buyer in cases.items():
        assert choose_buyer_name(_lines(text))[0] == buyer, text


def test_a_wrapped_legal_form_of_the_vendor_is_no_buyer() -> None:
    # GIVEN the vendor's name wrapped so that its legal form stands alone on the next line
    lines = _lines("Nordhavn Maskinfabrik\nA/S\nSkovbo Tømrer I/S\nVestergade 14\n5000 Odense C\n")
    # THEN the unlabelled buyer is the next company, not the vendor's legal form
    assert address_window_buyer(lines, "Nordhavn Maskinfabrik A/S")[0] == "Skovbo Tømrer I/S"


def test_a_polish_nip_under_an_eu_qualified_label_and_a_spanish_nif_iva() -> None:
    lines = _lines("NIP UE: 526-104-08-28\nNIF-IVA: B58818501\n")
    values = {found.value for found in find_vat_ids(lines, [])}
    assert values == {"5261040828", "B58818501"}


def test_the_buyers_prefixed_vat_id_is_not_the_sellers_unprefixed_one() -> None:
    # GIVEN the buyer's VAT id with its EU prefix in the buyer's block, the seller's national form in the
    # footer
    text = (
        "Kupujący\n"
        "Beta Meble Sp. z o.o.\n"
        "ul. Długa 4\n"
        "60-101 Poznań\n"
        "NIP UE: PL5252248481\n"
        "                                   Razem brutto              1 230,00 PLN\n"
        "Alfa Druk Sp. z o.o.     Bank Polski     NIP UE: 526-104-08-28\n"
    )
    assert _extract(text).vendor.vat_id == "5261040828"


def test_a_us_sellers_tax_id_beats_its_employer_number() -> None:
    # GIVEN a US seller printing its EIN beside its name and a different "Tax ID" (valid EIN prefixes)
    text = (
        "Bill To\n"
        "Harbor Supply LLC\n"
        "                                      Total                  $96.00\n"
        "Talmont Tools LLC          Tel: +1 (342) 927-6009          EIN 13-1329905\n"
        "93 Commerce Street         Email: ar@talmont.com           Tax ID: 80-7984846\n"
    )
    result = _extract(text)
    assert result.vendor.vat_id == "807984846"


def test_an_austrian_customers_uid_is_never_the_sellers() -> None:
    # GIVEN "Ihre UID-Nr." (the customer's VAT id, the Austrian way) in the header, the seller's "UID:" in
    # the footer
    lines = _lines(
        " Ihre UID-Nr.:             ATU13585627\n 5090 Salzburg      www.koch-kg.at        UID: ATU37675002\n"
    )
    found = {vat.value: is_buyers_vat(vat, lines) for vat in find_vat_ids(lines, [])}
    assert found == {"ATU13585627": True, "ATU37675002": False}
