"""GIVEN invoices in Finnish, Hungarian, Romanian and Norwegian (bokmål), layouts and wordings of our
own WHEN the rules engine reads them THEN their locale packs supply the labels, formats and word
classes: number, dates, amounts, currency and parties come from the right places."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import LANGUAGES, guess_language, is_label_text, locale_pack


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


FINNISH = """Kuusela Puutarhapalvelut Oy
Rantakatu 14 B
33100 Tampere
Y-tunnus 2077474-0   ALV-numero FI20774740

LASKU

Ostaja                                  Laskun numero:   1027
Vaahtera Kiinteistöt Oy                 Laskun päiväys:  03.11.2025
Koivukuja 2                             Eräpäivä:        17.11.2025
00510 Helsinki                          Viitenumero:     10272

Kuvaus                          Määrä    Yksikköhinta     Yhteensä
Pensasaidan leikkaus                 6         45,00        270,00
Lehtien poisto                       3         38,50        115,50

Veroton yhteensä                                           385,50
ALV 25,5 %                                                  98,30
Maksettava yhteensä                                  EUR   483,80
"""

HUNGARIAN_WHOLE_FORINTS = """SZÁMLA                                              Sorszám: BK-2025-00981
Eladó: Tiszavirág Pékség Kft.                       Kelte: 2025.11.20.
4025 Debrecen, Piac utca 31.                        Fizetési határidő: 2025.12.05.
Adószám: 12892312-2-41

Vevő: Hajdú Vendéglátó Zrt.
4032 Debrecen, Egyetem tér 1.

Megnevezés            Mennyiség   Egységár    Nettó érték
Kenyér 1 kg                  120        890        106 800
Kifli                        600         45         27 000

Nettó összesen     ÁFA összesen     Bruttó összesen (Ft)
134 800            24 264           159 064
"""

ROMANIAN = """FACTURĂ FISCALĂ
Furnizor: Carpați Logistic S.R.L.                 Cumpărător: Baltic Mobila S.A.
Str. Avram Iancu nr. 21, Cluj-Napoca              Bd. Unirii 45, București
CUI: RO18547290                                   CUI: RO14399840

Factura nr.: CL-000871
Data emiterii: 12.09.2025
Scadență: 12.10.2025

Nr. crt.  Denumire                    U.M.   Cantitate   Preț unitar     Valoare
1         Transport marfă Cluj-Arad   km         320          4,50    1.440,00
2         Manipulare paleți           buc         12         25,00      300,00

Total fără TVA                                                       1.740,00
TVA 19%                                                                330,60
Total de plată                                                   2.070,60 lei
"""

NORWEGIAN = """Fjordlys Elektro AS
Strandveien 41
7042 Trondheim
Org.nr. 988 077 917 MVA

FAKTURA
Kunde:                                       Fakturanr.:      20451
Nordkapp Hytteutleie AS                      Fakturadato:     02.12.2025
Postboks 120                                 Forfallsdato:    16.12.2025
9750 Honningsvåg

Beskrivelse                   Antall    Enhetspris        Beløp
Montering av varmekabler           8        950,00      7 600,00
Termostat                          2      1 240,00      2 480,00

Sum eks. mva                                           10 080,00
Mva 25 %                                                2 520,00
Å betale                                          NOK  12 600,00
"""


@pytest.mark.parametrize("language", ["fi", "hu", "ro", "nb"])
def test_the_finnish_hungarian_romanian_and_norwegian_packs_hold_the_headline_labels(language: str) -> None:
    # GIVEN one of the packs WHEN it is loaded THEN it is shipped and names every headline label
    assert language in LANGUAGES
    pack = locale_pack(language)
    for kind in ("invoice_number", "invoice_date", "due_date", "total", "subtotal", "tax", "buyer_section"):
        assert pack["labels"].get(kind), f"{language}: no {kind} labels"
    assert len(pack["months"]) >= 12
    assert pack["words"]["legal_forms"] and pack["words"]["street_words"]


@pytest.mark.parametrize(
    ("text", "language"),
    [(FINNISH, "fi"), (HUNGARIAN_WHOLE_FORINTS, "hu"), (ROMANIAN, "ro"), (NORWEGIAN, "nb")],
)
def test_the_language_of_each_new_pack_is_guessed(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_a_finnish_invoice_reads_its_labels_and_its_street_line_is_not_the_vendor() -> None:
    result = _extract(FINNISH)
    assert result.invoice_number == "1027"
    assert (result.invoice_date, result.due_date) == (date(2025, 11, 3), date(2025, 11, 17))
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("385.50"),
        Decimal("98.30"),
        Decimal("483.80"),
    )
    assert result.vendor.name == "Kuusela Puutarhapalvelut Oy"
    assert result.buyer.name == "Vaahtera Kiinteistöt Oy"


def test_whole_forints_in_a_totals_table_are_read_as_money() -> None:
    # GIVEN a Hungarian invoice whose amounts carry no decimals, its totals as a header over values
    result = _extract(HUNGARIAN_WHOLE_FORINTS)
    # THEN the totals are the whole forint amounts under their labels, in HUF
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("134800"),
        Decimal("24264"),
        Decimal("159064"),
    )
    assert result.currency == "HUF"
    assert result.invoice_number == "BK-2025-00981"
    assert (result.invoice_date, result.due_date) == (date(2025, 11, 20), date(2025, 12, 5))
    # AND the seller's label before its name on the same line is no part of the name
    assert result.vendor.name == "Tiszavirág Pékség Kft."


def test_a_romanian_invoice_names_its_seller_beside_the_buyer() -> None:
    result = _extract(ROMANIAN)
    assert result.invoice_number == "CL-000871"
    assert (result.invoice_date, result.due_date) == (date(2025, 9, 12), date(2025, 10, 12))
    assert result.total == Decimal("2070.60") and result.currency == "RON"
    assert result.vendor.name == "Carpați Logistic S.R.L."
    assert result.vendor.vat_id == "RO18547290"


def test_a_norwegian_invoice_reads_org_nr_mva_as_the_vat_id() -> None:
    result = _extract(NORWEGIAN)
    assert result.invoice_number == "20451"
    assert result.due_date == date(2025, 12, 16)
    assert result.total == Decimal("12600.00") and result.currency == "NOK"
    assert result.vendor.name == "Fjordlys Elektro AS"
    assert result.vendor.vat_id == "988077917MVA"


@pytest.mark.parametrize(
    "label", ["Eräpäivä / Förfallodag", "Számla kelte / Invoice date", "Forfallsdato", "Data emiterii"]
)
def test_a_bilingual_or_new_language_label_is_label_text(label: str) -> None:
    # a label is never a value: "due date" in two languages is not a vendor name
    assert is_label_text(label)


@pytest.mark.parametrize("name", ["Trelast Nord AS", "Kuusela Oy", "Dunamenti Nyomda Kft."])
def test_a_company_of_the_new_countries_is_not_label_text(name: str) -> None:
    assert not is_label_text(name)
