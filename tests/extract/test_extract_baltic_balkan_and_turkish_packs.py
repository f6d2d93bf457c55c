"""GIVEN invoices in Estonian, Latvian, Lithuanian, Slovak, Slovenian, Croatian and Turkish, and a
Swiss German one, layouts and wordings of our own WHEN the rules engine reads them THEN their locale
packs supply the labels, number and date formats, month names, currencies and tax ids: number, dates,
totals and the seller's VAT id come from the right places."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.dates import find_dates
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import LANGUAGES, guess_language, locale_pack, month_names, word_pattern
from opsloop.extract.rules.numbers import parse_number
from opsloop.extract.rules.tax_ids import find_tax_ids


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


ESTONIAN = """Põhjaranniku Puit OÜ
Pärnu mnt 41, 10119 Tallinn
KMKR nr EE102340008

ARVE
Arve nr:             2025-0417                     Ostja:
Arve kuupäev:        14.10.2025                    Kase Ehitus AS
Maksetähtaeg:        28.10.2025                    Tartu mnt 7, Tallinn
Viitenumber:         20250417

Kirjeldus                      Kogus    Ühiku hind        Summa
Höövlitud laud 28x95             120          3,40       408,00
Transport                          1         45,00        45,00

Summa km-ta                                             453,00
Käibemaks 24%                                           108,72
Kokku tasuda                                       EUR  561,72
"""

LATVIAN = """SIA "Daugavas Dārzi"
Brīvības iela 118, Rīga, LV-1001
PVN reģ. nr. LV40003000002

RĒĶINS Nr. DD-3381
Datums: 02.09.2025
Apmaksas termiņš: 16.09.2025

Pircējs: SIA "Vidzemes Viesnīca"

Nosaukums                    Daudzums        Cena         Summa
Dekoratīvie krūmi                  30        12,50        375,00
Stādīšanas darbi                    8        22,00        176,00

Summa bez PVN                                           551,00
PVN 21%                                                 115,71
Kopā apmaksai                                     EUR   666,71
"""

LITHUANIAN = """UAB "Nemuno Spaustuvė"
Savanorių pr. 221, LT-02300 Vilnius
PVM mokėtojo kodas: LT112340015

PVM SĄSKAITA FAKTŪRA
Sąskaitos Nr.: NS-10552
Išrašymo data: 2025-11-05
Apmokėti iki: 2025-11-19

Pirkėjas: UAB "Baltijos Knygos"

Pavadinimas                  Kiekis       Kaina          Suma
Lankstinukai A5                2000         0,09        180,00
Plakatai A2                      50         1,60         80,00

Suma be PVM                                              260,00
PVM 21 %                                                  54,60
Iš viso su PVM                                    EUR    314,60
"""

SLOVAK = """Tatranská Pekáreň s.r.o.
Hlavná 52, 080 01 Prešov
IČO: 36512345   IČ DPH: SK2020100005

FAKTÚRA - DAŇOVÝ DOKLAD
Číslo faktúry:        2025/0932
Dátum vyhotovenia:    03.12.2025
Dátum splatnosti:     17.12.2025
Variabilný symbol:    20250932

Odberateľ: Penzión Zámok s.r.o.

Popis                        Množstvo    Jedn. cena        Suma
Chlieb pšenično-ražný             80          1,85        148,00
Rožky                            400          0,15         60,00

Základ dane                                             208,00
DPH 23 %                                                 47,84
Celkom k úhrade                                   EUR   255,84
"""

SLOVENIAN = """Alpska Mlekarna d.o.o.
Tržaška cesta 12, 1000 Ljubljana
ID za DDV: SI12340006

RAČUN št. 25-00781
Datum izdaje: 21. oktobra 2025
Rok plačila: 04.11.2025

Kupec: Gostilna Pri Lipi d.o.o.

Opis                          Količina        Cena        Znesek
Mleko 3,5 %                        60         0,95         57,00
Skuta                              12         3,20         38,40

Osnova za DDV                                             95,40
DDV 9,5 %                                                  9,06
Za plačilo                                        EUR    104,46
"""

CROATIAN = """Jadranska Oprema d.o.o.
Obala kneza Branimira 8, 23000 Zadar
OIB: 44170000006

RAČUN br. 118-1-1
Datum izdavanja: 7. ožujka 2025.
Datum dospijeća: 21.03.2025.

Kupac: Marina Sveti Krševan d.d.
OIB kupca: 77350000003

Opis                         Količina      Cijena          Iznos
Konopi za vez                      20       18,50         370,00
Bokobrani                          10       42,00         420,00

Osnovica                                                 790,00
PDV 25%                                                  197,50
Ukupno za plaćanje                                EUR    987,50
"""

TURKISH = """Anadolu Tekstil Sanayi ve Ticaret A.Ş.
Organize Sanayi Bölgesi 3. Cad. No: 14, Bursa
Vergi Dairesi: Nilüfer   VKN: 4600100006

FATURA
Fatura No:           ANT2025000000418
Fatura Tarihi:       12.11.2025
Son Ödeme Tarihi:    12.12.2025

SAYIN
Ege Ev Tekstili Ltd. Şti.

Açıklama                     Miktar     Birim Fiyat          Tutar
Pamuklu havlu                   300         85,00      25.500,00
Nevresim takımı                  40        640,00      25.600,00

Ara Toplam                                             51.100,00
Hesaplanan KDV (%20)                                   10.220,00
Genel Toplam                                       61.320,00 TL
"""

SWISS_GERMAN = """Alpenblick Schreinerei AG
Bahnhofstrasse 17, 8001 Zürich
CHE-116.281.006 MWST

Rechnung Nr. 2025-1187
Datum: 30.09.2025
Zahlbar bis: 30.10.2025

Rechnungsempfänger: Hotel Seeblick GmbH

Beschreibung                   Menge      Preis          Betrag
Massivholztisch Eiche              2   1'450.00        2'900.00
Montage                            4     120.00          480.00

Total exkl. MWST                                       3'380.00
MWST 8.1 %                                               273.78
Total inkl. MWST                                  CHF  3'653.78
"""


GREEK = """ΑΙΓΑΙΟ ΤΡΟΦΙΜΑ Α.Ε.
Λεωφ. Συγγρού 112, 11741 Αθήνα
Α.Φ.Μ.: 094870005   Δ.Ο.Υ.: ΦΑΕ Αθηνών

ΤΙΜΟΛΟΓΙΟ ΠΩΛΗΣΗΣ
Αριθμός τιμολογίου: Α-2291
Ημερομηνία έκδοσης: 14/05/2025
Ημερομηνία λήξης: 13/06/2025

Πελάτης: Ταβέρνα Ο Γιάννης Ο.Ε.

Περιγραφή                    Ποσότητα     Τιμή μονάδας        Αξία
Ελαιόλαδο 5 lt                     12            38,00       456,00
Φέτα 1 kg                          20             9,50       190,00

Καθαρή αξία                                                  646,00
Φ.Π.Α. 13%                                                    83,98
Πληρωτέο ποσό                                             729,98 €
"""
GREEK_LOWER = """Αιγαίο Τρόφιμα Α.Ε.
ΑΦΜ 094870005
Τιμολόγιο
Αριθμός: 2292
Ημερομηνία: 15 Μαΐου 2025
Προθεσμία πληρωμής: 30/05/2025
Σύνολο προ ΦΠΑ                     100,00
ΦΠΑ 24%                             24,00
Γενικό σύνολο                      124,00 €
"""
BULGARIAN = """„Родопа Мебели“ ЕООД
гр. Пловдив, ул. „Иван Вазов“ 14
ЕИК: 203120003

ФАКТУРА № 0000004417
Дата на издаване: 03.07.2025 г.
Дата на данъчното събитие: 03.07.2025 г.
Срок за плащане: 17.07.2025 г.

Получател: „Хотел Марица“ АД

Наименование                 Количество     Ед. цена      Стойност
Стол дъбов                           12        85,00        1 020,00
Маса                                  3       240,00          720,00

Данъчна основа                                            1 740,00
ДДС 20%                                                     348,00
Сума за плащане                                         2 088,00 лв.
"""
ICELANDIC = """Norðurljós Prentun ehf.
Hafnarstræti 20, 101 Reykjavík
Kt. 410199-2389   VSK nr. 12340

REIKNINGUR
Reikningsnúmer: 30117
Dagsetning: 02.10.2025
Gjalddagi: 16.10.2025

Kaupandi: Fjallakofinn hf.

Lýsing                         Magn     Einingaverð        Upphæð
Bæklingar A4                    500             120        60.000
Veggspjöld                       40             950        38.000

Samtals án VSK                                            98.000
VSK 24%                                                    23.520
Til greiðslu                                      ISK    121.520
"""


PACKS = ("et", "lv", "lt", "sk", "sl", "hr", "tr", "el", "bg", "is")


@pytest.mark.parametrize("language", PACKS)
def test_each_new_pack_holds_the_headline_labels_formats_months_and_word_classes(language: str) -> None:
    # GIVEN one of the new packs WHEN it is loaded THEN it is shipped and names every headline label
    assert language in LANGUAGES
    pack = locale_pack(language)
    for kind in (
        "invoice_number",
        "invoice_date",
        "due_date",
        "total",
        "subtotal",
        "tax",
        "buyer_section",
        "vat_label",
    ):
        assert pack["labels"].get(kind), f"{language}: no {kind} labels"
    assert pack["number"]["decimal"] == ","
    assert len(set(pack["months"].values())) == 12 or language == "hr"  # hr leaves October's name out
    assert pack["words"]["legal_forms"] and pack["words"]["street_words"] and pack["words"]["iban_labels"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ESTONIAN, "et"),
        (LATVIAN, "lv"),
        (LITHUANIAN, "lt"),
        (SLOVAK, "sk"),
        (SLOVENIAN, "sl"),
        (CROATIAN, "hr"),
        (TURKISH, "tr"),
        (SWISS_GERMAN, "de"),
        (GREEK, "el"),
        (GREEK_LOWER, "el"),
        (BULGARIAN, "bg"),
        (ICELANDIC, "is"),
    ],
)
def test_the_language_of_each_new_pack_is_guessed(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_czech_is_still_read_as_czech_beside_slovak() -> None:
    # GIVEN a Czech invoice's words, several of which Slovak shares (dph, cena, splatnosti)
    text = "Faktura datum vystavení datum splatnosti cena celkem k úhradě dph dodavatel odběratel"
    # THEN the Czech pack wins: the Slovak one counts only the words the two share
    assert guess_language(text) == "cs"


@pytest.mark.parametrize(
    ("text", "number", "dates", "total", "vat_id"),
    [
        (ESTONIAN, "2025-0417", (date(2025, 10, 14), date(2025, 10, 28)), "561.72", "EE102340008"),
        (LATVIAN, "DD-3381", (date(2025, 9, 2), date(2025, 9, 16)), "666.71", "LV40003000002"),
        (LITHUANIAN, "NS-10552", (date(2025, 11, 5), date(2025, 11, 19)), "314.60", "LT112340015"),
        (SLOVAK, "2025/0932", (date(2025, 12, 3), date(2025, 12, 17)), "255.84", "SK2020100005"),
        (SLOVENIAN, "25-00781", (date(2025, 10, 21), date(2025, 11, 4)), "104.46", "SI12340006"),
        (CROATIAN, "118-1-1", (date(2025, 3, 7), date(2025, 3, 21)), "987.50", "44170000006"),
        (TURKISH, "ANT2025000000418", (date(2025, 11, 12), date(2025, 12, 12)), "61320.00", "4600100006"),
        (SWISS_GERMAN, "2025-1187", (date(2025, 9, 30), date(2025, 10, 30)), "3653.78", "CHE116281006MWST"),
    ],
)
def test_an_invoice_in_each_new_language_reads_number_dates_total_and_vat_id(
    text: str, number: str, dates: tuple[date, date], total: str, vat_id: str
) -> None:
    # WHEN the rules engine reads it
    result = _extract(text)
    # THEN the number label, the issue and due date labels, the total label and the VAT id are the pack's
    assert result.invoice_number == number
    assert (result.invoice_date, result.due_date) == dates
    assert result.total == Decimal(total)
    assert result.vendor.vat_id == vat_id


def test_subtotal_and_tax_labels_of_the_new_packs_are_read() -> None:
    # GIVEN the net and VAT lines of each language ("Summa km-ta", "Základ dane", "Hesaplanan KDV (%20)")
    expected = {
        ESTONIAN: ("453.00", "108.72"),
        LATVIAN: ("551.00", "115.71"),
        LITHUANIAN: ("260.00", "54.60"),
        SLOVAK: ("208.00", "47.84"),
        SLOVENIAN: ("95.40", "9.06"),
        CROATIAN: ("790.00", "197.50"),
        TURKISH: ("51100.00", "10220.00"),
    }
    for text, (subtotal, tax) in expected.items():
        result = _extract(text)
        assert (result.subtotal, result.tax_total) == (Decimal(subtotal), Decimal(tax)), text.splitlines()[0]


def test_a_turkish_invoice_is_in_lira_and_its_buyer_stands_under_sayin() -> None:
    result = _extract(TURKISH)
    assert result.currency == "TRY"
    assert result.vendor.name == "Anadolu Tekstil Sanayi ve Ticaret A.Ş."
    assert result.buyer.name == "Ege Ev Tekstili Ltd. Şti."


def test_turkish_labels_in_capitals_with_the_dotted_i_are_read() -> None:
    # GIVEN labels printed in capitals ("TARİHİ" lower-cases to an i with a combining dot)
    text = """ÖRNEK GIDA PAZARLAMA LTD. ŞTİ.
VERGİ DAİRESİ: KADIKÖY   VERGİ NO: 4600100006

E-ARŞİV FATURA
FATURA NO: GIB2025000000077
FATURA TARİHİ: 05.06.2025
SON ÖDEME TARİHİ: 20.06.2025

MAL HİZMET TOPLAM TUTARI                 1.250,00 TL
HESAPLANAN KDV (%10)                       125,00 TL
ÖDENECEK TUTAR                           1.375,00 TL
"""
    assert guess_language(text) == "tr"
    result = _extract(text)
    assert result.invoice_number == "GIB2025000000077"
    assert (result.invoice_date, result.due_date) == (date(2025, 6, 5), date(2025, 6, 20))
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("1250.00"),
        Decimal("125.00"),
        Decimal("1375.00"),
    )
    assert result.currency == "TRY"
    assert result.vendor.vat_id == "4600100006"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5. märts 2025", date(2025, 3, 5)),
        ("3. júna 2025", date(2025, 6, 3)),
        ("21. oktobra 2025", date(2025, 10, 21)),
        ("7. ožujka 2025.", date(2025, 3, 7)),
        ("12. marta 2025.", date(2025, 3, 12)),
        ("15 Ağustos 2025", date(2025, 8, 15)),
        ("1 EKİM 2025", date(2025, 10, 1)),
        ("30 KASIM 2025", date(2025, 11, 30)),
        ("4 października 2025", date(2025, 10, 4)),
        ("2025.11.05", date(2025, 11, 5)),
    ],
)
def test_month_names_with_letters_beyond_latin_1_and_their_inflections_are_read(
    text: str, expected: date
) -> None:
    assert [found.value for found in find_dates(text)] == [expected]


def test_each_language_reads_its_own_month_names() -> None:
    # GIVEN every pack's month names (Croatian "listopad" is October, Czech and Polish November)
    # WHEN read in a document of that pack's language THEN each word is that language's month
    for language in LANGUAGES:
        for word, month in locale_pack(language)["months"].items():
            assert month_names(language)[word] == month, (language, word)


def test_a_month_name_two_languages_read_differently_follows_the_document_language() -> None:
    # GIVEN "listopada": October in Croatian, November in Polish
    line = "Datum: 14. listopada 2025."
    # WHEN the document's language is known THEN the date is read in it; else the earlier pack's
    assert [d.value for d in find_dates(line, language="hr")] == [date(2025, 10, 14)]
    assert [d.value for d in find_dates(line, language="pl")] == [date(2025, 11, 14)]
    assert [d.value for d in find_dates(line)] == [date(2025, 11, 14)]


CROATIAN_OCTOBER = """Jadran Drvo d.o.o.
Obala 12, 21000 Split
OIB: 12345678903

RAČUN
Broj računa: 118-1-1
Datum računa: 3. listopada 2025.
Rok plaćanja: 17. listopada 2025.

Opis                           Količina     Cijena        Iznos
Hrastova daska 30 mm                 10      24,00       240,00

Ukupno za platiti                                  EUR   300,00
"""


def test_a_croatian_invoice_dated_listopad_is_dated_october() -> None:
    # GIVEN a Croatian invoice whose dates name "listopad" (October; Czech and Polish November)
    result = _extract(CROATIAN_OCTOBER)
    # THEN the document's language decides the month
    assert (result.invoice_date, result.due_date) == (date(2025, 10, 3), date(2025, 10, 17))


@pytest.mark.parametrize(
    ("text", "value"),
    [("1'234.56", "1234.56"), ("1’234.56", "1234.56"), ("25.500,00", "25500.00"), ("1 234,56", "1234.56")],
)
def test_swiss_turkish_and_baltic_number_formats_are_read(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Vergi Dairesi: Nilüfer   VKN: 4600100006", "4600100006"),
        ("Kadıköy V.D. 4600100006", "4600100006"),
        ("OIB: 44170000006", "44170000006"),
        ("KMKR nr 102340008", "102340008"),
        ("PVM mokėtojo kodas 112340015", "112340015"),
        ("PVN reģ. nr. 40003000002", "40003000002"),
        ("ID za DDV: 12340006", "12340006"),
        ("UID: CHE-116.281.006 MWST", "CHE116281006MWST"),
    ],
)
def test_national_tax_ids_of_the_new_countries_are_read_after_their_labels(line: str, value: str) -> None:
    assert [hit.value for hit in find_tax_ids(line)] == [value]


@pytest.mark.parametrize(
    "line",
    ["VKN: 4600100007", "OIB: 44170000007", "Sipariş No: 4600100006", "Telefon 44170000006"],
)
def test_a_tax_id_with_a_wrong_check_digit_or_without_its_label_is_not_read(line: str) -> None:
    assert find_tax_ids(line) == []


@pytest.mark.parametrize(
    "name",
    [
        "Kuzey Lojistik A.Ş.",
        "Ege Ev Tekstili Ltd. Şti.",
        "Jadranska Oprema d.o.o.",
        "Põhjaranniku Puit OÜ",
        'UAB "Nemuno Spaustuvė"',
        'SIA "Daugavas Dārzi"',
        "Tatranská Pekáreň s.r.o.",
    ],
)
def test_the_legal_forms_of_the_new_countries_are_legal_forms(name: str) -> None:
    assert word_pattern("legal_forms").search(name) is not None


@pytest.mark.parametrize(
    "text", ["Delivered as agreed", "Sia la merce che il servizio", "same as last month", "Printed in M'SIA"]
)
def test_a_short_legal_form_is_not_read_inside_a_sentence(text: str) -> None:
    # "AS", "SIA", "MB" are legal forms only before a quoted name (SIA "Daugavas Dārzi")
    assert word_pattern("legal_forms").search(text) is None


def test_a_czech_corrective_tax_document_stays_a_credit_note_beside_the_slovak_pack() -> None:
    # GIVEN a Czech credit note titled "Opravný daňový doklad" (the Slovak pack holds "opravný doklad"
    # too, but names no correction word that would make such a title a corrected invoice)
    text = """Opravný daňový doklad
Číslo dokladu: 2025-0042
Datum vystavení: 02.06.2025
K faktuře č. 2025-0017

Základ daně                      1 000,00 Kč
DPH 21 %                           210,00 Kč
Celkem k úhradě                  1 210,00 Kč
"""
    result = _extract(text)
    assert result.document_type == "credit_note"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rēķina datums: 2026. gada 12. janvārī", date(2026, 1, 12)),
        ("Datums 2025. gada 3. novembris", date(2025, 11, 3)),
        ("Data: 2026 m. vasario 3 d.", date(2026, 2, 3)),
        ("Kelte: 2025. november 20.", date(2025, 11, 20)),
    ],
)
def test_a_year_first_date_with_a_month_name_is_read(text: str, expected: date) -> None:
    # GIVEN a Latvian, Lithuanian or Hungarian date: the year first, then day and month in words
    assert [found.value for found in find_dates(text)] == [expected]


@pytest.mark.parametrize("text", ["Order 2025 items 12", "2024 Total 15", "Year 2025 page 3"])
def test_a_year_before_a_word_and_a_number_is_no_date_unless_the_word_is_a_month(text: str) -> None:
    assert find_dates(text) == []


LATVIAN_SELLER_FIRST = """{seller}
Reģ. Nr. 40003000002
Rēķina numurs: LP/2026/15
Samaksāt līdz: 26.01.2026

Prece                    Daudzums     Cena      Summa
Siers 1 kg                     10     8,20      82,00
Kopā bez PVN                                    82,00
PVN 12%                                          9,84
Summa apmaksai                                  91,84 EUR
"""


@pytest.mark.parametrize(
    "seller", ['AS "Latgales Piens"', "SIA Latgales Piens", "UAB Žalgirio Baldai", "OÜ Põhja Puit"]
)
def test_a_baltic_seller_whose_legal_form_comes_first_is_the_vendor(seller: str) -> None:
    # GIVEN a seller printed the Baltic way, its legal form before its name, and no buyer block
    result = _extract(LATVIAN_SELLER_FIRST.format(seller=seller))
    # THEN the letterhead's name is the vendor (not the first line item)
    assert result.vendor.name == seller


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("Serija ZB Nr. 000381", "ZB 000381"),
        ("Serija: ZB, Nr. 000381", "ZB 000381"),
        ("Serija ZB Nr. ZB000381", "ZB000381"),
        # "Serija ir Nr." (series and no.): the conjunction, in small letters, is no series code
        ("Serija ir Nr.:   FV/142/08/2025", "FV/142/08/2025"),
    ],
)
def test_a_lithuanian_series_and_number_label_reads_the_series_and_the_number(
    label: str, number: str
) -> None:
    # GIVEN "Serija ZB Nr. 000381": the invoice's series, then its number
    text = f"""UAB "Žalgirio Baldai"
SĄSKAITA FAKTŪRA
{label}
Data: 2026-02-03
Iš viso mokėti:                              217,80 EUR
"""
    # THEN the series is part of the number (printed once when the number repeats it)
    assert _extract(text).invoice_number == number


@pytest.mark.parametrize(
    ("label", "number"),
    [("Seria: TEX nr. 0042", "TEX 0042"), ("Seria TEX numar 0042", "TEX 0042")],
)
def test_a_romanian_series_and_number_label_reads_the_series_and_the_number(label: str, number: str) -> None:
    text = f"""Textil Nord SRL
FACTURĂ
{label}
Data emiterii: 03.02.2026
Total de plată:                              217,80 RON
"""
    assert _extract(text).invoice_number == number


@pytest.mark.parametrize(
    ("text", "number", "dates", "total", "vat_id", "currency"),
    [
        (GREEK, "Α-2291", (date(2025, 5, 14), date(2025, 6, 13)), "729.98", "094870005", "EUR"),
        (GREEK_LOWER, "2292", (date(2025, 5, 15), date(2025, 5, 30)), "124.00", "094870005", "EUR"),
        (BULGARIAN, "0000004417", (date(2025, 7, 3), date(2025, 7, 17)), "2088.00", "203120003", "BGN"),
        (ICELANDIC, "30117", (date(2025, 10, 2), date(2025, 10, 16)), "121520", "12340", "ISK"),
    ],
)
def test_a_greek_bulgarian_or_icelandic_invoice_reads_its_headline_fields(
    text: str, number: str, dates: tuple[date, date], total: str, vat_id: str, currency: str
) -> None:
    # GIVEN labels in Greek (capitals without accents, or with them), Cyrillic or Icelandic
    result = _extract(text)
    assert result.invoice_number == number
    assert (result.invoice_date, result.due_date) == dates
    assert result.total == Decimal(total)
    assert result.vendor.vat_id == vat_id
    assert result.currency == currency


@pytest.mark.parametrize(
    ("text", "vendor"),
    [
        (GREEK, "ΑΙΓΑΙΟ ΤΡΟΦΙΜΑ Α.Ε."),
        (BULGARIAN, "„Родопа Мебели“ ЕООД"),
        (ICELANDIC, "Norðurljós Prentun ehf."),
    ],
)
def test_a_seller_named_in_greek_or_cyrillic_letters_is_a_name(text: str, vendor: str) -> None:
    # GIVEN a letterhead whose name is in Greek or Cyrillic letters beside its legal form
    # THEN it is the vendor (not taken for a legal form standing alone)
    assert _extract(text).vendor.name == vendor


# a delivery (or order, or service) date printed above the issue date, in each language
SK3 = """Dátum dodania:       28.11.2025
Dátum vyhotovenia:   01.12.2025
Dátum splatnosti:    15.12.2025
Celkom k úhrade      120,00 EUR
"""
HR3 = """Datum isporuke:      28.11.2025.
Datum računa:        01.12.2025.
Datum dospijeća:     15.12.2025.
Ukupno za plaćanje   120,00 EUR
"""
TR3 = """Sipariş Tarihi:      28.11.2025
Fatura Tarihi:       01.12.2025
Vade Tarihi:         15.12.2025
Genel Toplam         120,00 TL
"""
LV3 = """Piegādes datums:     28.11.2025
Rēķina datums:       01.12.2025
Apmaksas termiņš:    15.12.2025
Kopā apmaksai        120,00 EUR
"""
SL3 = """Datum opravljene storitve: 28.11.2025
Datum izdaje:        01.12.2025
Rok plačila:         15.12.2025
Za plačilo           120,00 EUR
"""
ET3 = """Tarne kuupäev:       28.11.2025
Arve kuupäev:        01.12.2025
Maksetähtaeg:        15.12.2025
Kokku tasuda         120,00 EUR
"""
LT3 = """Pristatymo data:     2025-11-28
Išrašymo data:       2025-12-01
Apmokėti iki:        2025-12-15
Iš viso mokėti       120,00 EUR
"""


@pytest.mark.parametrize("text", [SK3, HR3, TR3, LV3, SL3, ET3, LT3])
def test_a_delivery_or_order_date_above_the_issue_date_is_not_the_invoice_date(text: str) -> None:
    result = _extract(text)
    assert (result.invoice_date, result.due_date) == (date(2025, 12, 1), date(2025, 12, 15))
    assert result.total == Decimal("120.00")


@pytest.mark.parametrize(
    ("number_line", "order_line", "total_line", "number"),
    [
        ("Fatura No: F-2025-11", "Sipariş No: 7731-25", "Genel Toplam 120,00 TL", "F-2025-11"),
        ("Račun br. 11-1-1", "Broj narudžbe: 7731-25", "Ukupno 120,00 EUR", "11-1-1"),
        ("Faktúra č. 2025011", "Objednávka č.: 7731-25", "Celkom k úhrade 120,00 EUR", "2025011"),
        ("Rēķins Nr. R-11", "Pasūtījuma Nr.: 7731-25", "Kopā apmaksai 120,00 EUR", "R-11"),
        ("Sąskaitos Nr. S-11", "Užsakymo Nr.: 7731-25", "Iš viso mokėti 120,00 EUR", "S-11"),
        ("Arve nr 11", "Tellimuse nr: 7731-25", "Kokku tasuda 120,00 EUR", "11"),
        ("Račun št. 11", "Številka naročila: 7731-25", "Za plačilo 120,00 EUR", "11"),
        ("Αριθμός τιμολογίου: 11", "Αριθμός παραγγελίας: 7731-25", "Πληρωτέο ποσό 120,00 €", "11"),
        ("Фактура № 0000000011", "Поръчка №: 7731-25", "Сума за плащане 120,00 лв.", "0000000011"),
        ("Reikningsnúmer: 11", "Pöntunarnúmer: 7731-25", "Til greiðslu 120,00 kr.", "11"),
    ],
)
def test_the_order_number_label_of_each_new_pack_reads_the_po_number(
    number_line: str, order_line: str, total_line: str, number: str
) -> None:
    result = _extract(f"{number_line}\n{order_line}\nDatum: 01.12.2025\n{total_line}\n")
    assert result.invoice_number == number
    assert result.po_numbers == ["7731-25"]
    assert result.total == Decimal("120.00")


def test_a_turkish_promenade_street_heads_an_addressee_block() -> None:
    # GIVEN a Turkish bill to a private customer whose street is a promenade ("... Boyu No:12", along the
    # shore), no buyer label over the block
    text = (
        "Muğla Büyükşehir Belediyesi                                               FATURA\n"
        " Fatura Numarası                                Fatura Tarihi\n"
        " BL202600417                                    03.08.2026\n"
        "\n"
        "Ayşe Demir\n"
        "Sahil Boyu No:12\n"
        "48400 Bodrum\n"
        "                                              Mal Hizmet Toplam Tutarı           898,75\n"
    )
    # WHEN extracted THEN the addressee is the buyer
    result = _extract(text)
    assert result.buyer is not None and result.buyer.name == "Ayşe Demir"


def test_estonian_sender_and_recipient_headings_name_the_parties() -> None:
    # GIVEN side-by-side blocks headed "Saatja:" (sender) and "Saaja:" (recipient), alone in their cells,
    # and a sentence naming a card processor lower on the page
    text = (
        "Arve\n\n"
        "Saatja:                                          Saaja:\n"
        "Põhjaranniku Puit OÜ                             Kase Ehitus AS\n"
        "Pärnu mnt 41                                     Tartu mnt 7\n"
        "10119 Tallinn                                    51003 Tartu\n\n"
        "Arve nr:             2025-0417\n"
        "Arve kuupäev:        14.10.2025\n"
        "Kokku                                       561,72 €\n\n"
        "Kaardimakseid töötleb Nexi Payments S.p.A.\n"
    )
    # THEN the recipient's block names the buyer
    assert _extract(text).buyer.name == "Kase Ehitus AS"
