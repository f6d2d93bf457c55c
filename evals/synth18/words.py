"""What the eighteenth generator knows of each country: labels as its invoices print them (several synonyms per
field, drawn per document), number and date forms, legal forms, VAT ids with their check digits, towns and
streets, goods and services. Written from the author's own knowledge of these countries' invoices, not from
the extractor's lexicons."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

# ---------------------------------------------------------------- check digits


def _mod11_10(digits: str) -> str:
    """ISO 7064 MOD 11,10 (German USt-IdNr., Croatian OIB)."""
    product = 10
    for ch in digits:
        total = (int(ch) + product) % 10 or 10
        product = (2 * total) % 11
    check = 11 - product
    return "0" if check == 10 else str(check)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _digits(rng: random.Random, n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def vat_de(rng: random.Random) -> tuple[str, str]:
    body = _digits(rng, 8)
    number = "DE" + body + _mod11_10(body)
    return number, rng.choice([number, f"DE {number[2:5]} {number[5:8]} {number[8:]}"])


def vat_ch(rng: random.Random) -> tuple[str, str]:
    while True:
        body = _digits(rng, 8)
        r = 11 - sum(int(d) * w for d, w in zip(body, (5, 4, 3, 2, 7, 6, 5, 4), strict=True)) % 11
        if r != 10:
            body += "0" if r == 11 else str(r)
            break
    shown = f"CHE-{body[:3]}.{body[3:6]}.{body[6:]}"
    return "CHE" + body, rng.choice([shown + " MWST", shown + " MWST", shown + " TVA"])


def vat_fr(rng: random.Random) -> tuple[str, str]:
    while True:
        siren = _digits(rng, 9)
        if _luhn_ok(siren):
            break
    key = (12 + 3 * (int(siren) % 97)) % 97
    number = f"FR{key:02d}{siren}"
    return number, rng.choice([number, f"FR {key:02d} {siren[:3]} {siren[3:6]} {siren[6:]}"])


def vat_nl(rng: random.Random) -> tuple[str, str]:
    while True:
        body = _digits(rng, 8)
        check = sum(int(d) * (9 - i) for i, d in enumerate(body)) % 11
        if check < 10:
            break
    number = f"NL{body}{check}B0{rng.choice('12')}"
    return number, number


def vat_es(rng: random.Random) -> tuple[str, str]:
    letter = rng.choice("BBBA")
    body = "".join(rng.choice("0123456789") for _ in range(7))
    total = sum(int(body[i]) for i in (1, 3, 5))
    for i in (0, 2, 4, 6):
        d = int(body[i]) * 2
        total += d // 10 + d % 10
    cif = f"{letter}{body}{(10 - total % 10) % 10}"
    return "ES" + cif, rng.choice(["ES" + cif, cif])


def vat_no(rng: random.Random) -> tuple[str, str]:
    while True:
        body = _digits(rng, 8, "89")
        r = 11 - sum(int(d) * w for d, w in zip(body, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        if r != 10:
            org = body + ("0" if r == 11 else str(r))
            break
    return f"NO{org}MVA", rng.choice([f"NO {org[:3]} {org[3:6]} {org[6:]} MVA", f"NO{org}MVA"])


def vat_hr(rng: random.Random) -> tuple[str, str]:
    body = _digits(rng, 10)
    oib = body + _mod11_10(body)
    return "HR" + oib, rng.choice(["HR" + oib, oib])


def vat_sk(rng: random.Random) -> tuple[str, str]:
    """IČ DPH: ten digits, divisible by 11, the third digit one of 2, 3, 4, 7, 8, 9."""
    while True:
        n = int("20" + _digits(rng, 8, "234789"))
        n -= n % 11
        if str(n)[2] in "234789":
            return f"SK{n}", f"SK{n}"


def vat_bg(rng: random.Random) -> tuple[str, str]:
    body = _digits(rng, 8, "12")
    r = sum(int(d) * (i + 1) for i, d in enumerate(body)) % 11
    if r == 10:
        r = sum(int(d) * (i + 3) for i, d in enumerate(body)) % 11 % 10
    return f"BG{body}{r}", f"BG{body}{r}"


def vat_gb(rng: random.Random) -> tuple[str, str]:
    body = _digits(rng, 7)
    check = (-sum(int(d) * w for d, w in zip(body, range(8, 1, -1), strict=True))) % 97
    digits = f"{body}{check:02d}"
    return "GB" + digits, rng.choice([f"GB {digits[:3]} {digits[3:7]} {digits[7:]}", "GB" + digits])


def iban(rng: random.Random, country: str) -> tuple[str, str]:
    """A valid IBAN for the country (the BBAN's shape, MOD 97-10 check), and its printed form in fours."""
    shapes = {"DE": "n18", "CH": "n17", "FR": "n23", "NL": "aaaan10", "ES": "n20", "NO": "n11", "HR": "n17",
              "SK": "n20", "BG": "aaaan6a8", "GB": "aaaan14"}  # fmt: skip
    banks = {"NL": ["ABNA", "INGB", "RABO", "TRIO"], "BG": ["UNCR", "BPBI", "FINV", "STSA"],
             "GB": ["BARC", "LOYD", "NWBK", "HBUK"]}  # fmt: skip
    shape = shapes[country]
    bban = ""
    if shape.startswith("aaaa"):
        bban += rng.choice(banks[country])
        shape = shape[4:]
    for part in shape.split("a"):
        if part.startswith("n"):
            bban += "".join(rng.choice("0123456789") for _ in range(int(part[1:])))
        elif part:
            bban += "".join(rng.choice("0123456789") for _ in range(int(part)))
    if country == "BG":
        bban = bban[:10] + "".join(rng.choice("0123456789") for _ in range(8))
    if country == "ES":  # the CCC's two control digits: one over bank and branch, one over the account
        weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)

        def control(digits: str) -> str:
            r = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
            return str({11: 0, 10: 1}.get(r, r))

        bban = bban[:8] + control("00" + bban[:8]) + control(bban[10:]) + bban[10:]
    if country == "NO":  # the account number's MOD 11 check digit
        while True:
            r = (
                11
                - sum(int(d) * w for d, w in zip(bban[:10], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
            )
            if r != 10:
                bban = bban[:10] + ("0" if r == 11 else str(r))
                break
            bban = "".join(rng.choice("0123456789") for _ in range(11))
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    number = f"{country}{check:02d}{bban}"
    return number, " ".join(number[i : i + 4] for i in range(0, len(number), 4))


# ---------------------------------------------------------------- countries


@dataclass(frozen=True)
class Country:
    code: str
    lang: str
    currency: str
    money: tuple[str, ...]
    """How an amount stands with its currency: '{a} €', '€ {a}', ... ({a}: the figure)."""
    group: str
    decimal: str
    vat_rate: Decimal
    legal: tuple[str, ...]
    vat: object
    towns: tuple[tuple[str, str], ...]
    streets: tuple[str, ...]
    street_form: str
    """'{s} {n}' or '{n} {s}'."""
    surnames: tuple[str, ...]
    given: tuple[str, ...]
    trades: tuple[str, ...]
    """Words a company name is made of ('{x}' a surname or place)."""


COUNTRIES: dict[str, Country] = {
    "DE": Country(
        "DE",
        "de",
        "EUR",
        ("{a} €", "{a} EUR", "EUR {a}"),
        ".",
        ",",
        Decimal("19"),
        ("GmbH", "GmbH", "UG (haftungsbeschränkt)", "KG", "e.K.", "GmbH & Co. KG", "AG"),
        vat_de,
        (
            ("10115", "Berlin"),
            ("20095", "Hamburg"),
            ("50667", "Köln"),
            ("70173", "Stuttgart"),
            ("04109", "Leipzig"),
            ("90402", "Nürnberg"),
            ("28195", "Bremen"),
            ("33602", "Bielefeld"),
        ),
        ("Hauptstraße", "Industriestr.", "Am Mühlbach", "Lindenallee", "Gewerbepark Süd", "Bahnhofstraße"),
        "{s} {n}",
        ("Schneider", "Brandt", "Vogel", "Hartmann", "Krüger", "Lehmann", "Albrecht"),
        ("Jonas", "Katrin", "Stefan", "Miriam", "Uwe", "Sabine"),
        (
            "{x} Haustechnik",
            "{x} Metallbau",
            "{x} & Partner Beratung",
            "Elektro {x}",
            "{x} Logistik",
            "Druckerei {x}",
        ),
    ),
    "CH": Country(
        "CH",
        "de",
        "CHF",
        ("CHF {a}", "{a} CHF", "Fr. {a}"),
        "'",
        ".",
        Decimal("8.1"),
        ("AG", "GmbH", "GmbH", "Genossenschaft"),
        vat_ch,
        (("8004", "Zürich"), ("3011", "Bern"), ("4051", "Basel"), ("6003", "Luzern"), ("9000", "St. Gallen")),
        ("Bahnhofstrasse", "Seestrasse", "Dorfstrasse", "Industriering"),
        "{s} {n}",
        ("Meier", "Keller", "Brunner", "Gerber", "Baumann", "Frei"),
        ("Reto", "Corinne", "Beat", "Nicole"),
        ("{x} Treuhand", "{x} Holzbau", "{x} Informatik", "Schreinerei {x}"),
    ),
    "FR": Country(
        "FR",
        "fr",
        "EUR",
        ("{a} €", "{a} EUR", "{a} €"),
        "\u202f",
        ",",
        Decimal("20"),
        ("SARL", "SAS", "SAS", "EURL", "SA", "SASU"),
        vat_fr,
        (
            ("75011", "Paris"),
            ("69003", "Lyon"),
            ("13006", "Marseille"),
            ("31000", "Toulouse"),
            ("44000", "Nantes"),
            ("67000", "Strasbourg"),
            ("59800", "Lille"),
        ),
        (
            "rue de la République",
            "avenue Jean Jaurès",
            "boulevard Voltaire",
            "rue des Tanneurs",
            "chemin des Vignes",
            "ZA les Prés",
        ),
        "{n} {s}",
        ("Moreau", "Lefèvre", "Garnier", "Chevalier", "Rousseau", "Fontaine"),
        ("Julien", "Camille", "Thierry", "Sandrine", "Mathieu", "Hélène"),
        ("Transports {x}", "{x} Bâtiment", "Imprimerie {x}", "{x} Conseil", "Boulangerie {x}"),
    ),
    "NL": Country(
        "NL",
        "nl",
        "EUR",
        ("€ {a}", "€ {a}", "EUR {a}"),
        ".",
        ",",
        Decimal("21"),
        ("B.V.", "B.V.", "V.O.F.", "N.V."),
        vat_nl,
        (
            ("1017 AB", "Amsterdam"),
            ("3011 BD", "Rotterdam"),
            ("3511 LK", "Utrecht"),
            ("5611 AZ", "Eindhoven"),
            ("9711 HV", "Groningen"),
            ("2511 CV", "Den Haag"),
        ),
        ("Keizersgracht", "Industrieweg", "Stationsstraat", "Nieuwe Binnenweg", "Kerkstraat"),
        "{s} {n}",
        ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "van Dijk", "Mulder"),
        ("Pieter", "Anouk", "Sander", "Femke", "Joris", "Eva"),
        ("{x} Installatietechniek", "{x} Transport", "Drukkerij {x}", "{x} Advies", "Bouwbedrijf {x}"),
    ),
    "ES": Country(
        "ES",
        "es",
        "EUR",
        ("{a} €", "{a} €", "{a} EUR"),
        ".",
        ",",
        Decimal("21"),
        ("S.L.", "S.L.", "S.A.", "S.L.U.", "S.Coop."),
        vat_es,
        (
            ("28013", "Madrid"),
            ("08007", "Barcelona"),
            ("46002", "Valencia"),
            ("41004", "Sevilla"),
            ("48001", "Bilbao"),
            ("50001", "Zaragoza"),
        ),
        (
            "Calle Mayor",
            "Avenida de la Constitución",
            "Calle de Alcalá",
            "Polígono Industrial El Olivar, nave",
            "Paseo de Gracia",
        ),
        "{s}, {n}",
        ("García", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Navarro"),
        ("Javier", "Lucía", "Carlos", "Marta", "Alberto", "Elena"),
        ("Construcciones {x}", "Transportes {x}", "{x} Asesores", "Gráficas {x}", "Distribuciones {x}"),
    ),
    "NO": Country(
        "NO",
        "nb",
        "NOK",
        ("kr {a}", "{a} kr", "NOK {a}", "{a} NOK"),
        "\u00a0",
        ",",
        Decimal("25"),
        ("AS", "AS", "ASA", "ENK", "DA"),
        vat_no,
        (
            ("0150", "Oslo"),
            ("5003", "Bergen"),
            ("7011", "Trondheim"),
            ("4006", "Stavanger"),
            ("9008", "Tromsø"),
            ("3015", "Drammen"),
        ),
        ("Storgata", "Kongens gate", "Industriveien", "Strandveien", "Bryggen"),
        "{s} {n}",
        ("Hansen", "Johansen", "Olsen", "Berg", "Haugen", "Lie", "Dahl"),
        ("Ola", "Kari", "Lars", "Ingrid", "Håkon", "Silje"),
        ("{x} Bygg", "{x} Elektro", "{x} Transport", "Rørlegger {x}", "{x} Regnskap"),
    ),
    "HR": Country(
        "HR",
        "hr",
        "EUR",
        ("{a} EUR", "{a} €", "{a} EUR"),
        ".",
        ",",
        Decimal("25"),
        ("d.o.o.", "d.o.o.", "j.d.o.o.", "d.d.", "obrt"),
        vat_hr,
        (
            ("10000", "Zagreb"),
            ("21000", "Split"),
            ("51000", "Rijeka"),
            ("31000", "Osijek"),
            ("23000", "Zadar"),
        ),
        ("Ilica", "Vukovarska ulica", "Ulica grada Vukovara", "Savska cesta", "Obala kneza Branimira"),
        "{s} {n}",
        ("Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Knežević"),
        ("Ivan", "Ana", "Marko", "Petra", "Tomislav", "Ivana"),
        ("{x} Gradnja", "Tiskara {x}", "{x} Elektro", "{x} Prijevoz", "{x} Savjetovanje"),
    ),
    "SK": Country(
        "SK",
        "sk",
        "EUR",
        ("{a} €", "{a} EUR", "{a} €"),
        "\u00a0",
        ",",
        Decimal("23"),
        ("s.r.o.", "s.r.o.", "a.s.", "k.s."),
        vat_sk,
        (
            ("811 01", "Bratislava"),
            ("040 01", "Košice"),
            ("010 01", "Žilina"),
            ("974 01", "Banská Bystrica"),
            ("949 01", "Nitra"),
            ("080 01", "Prešov"),
        ),
        ("Hlavná", "Obchodná", "Mlynské nivy", "Priemyselná", "Štúrova"),
        "{s} {n}",
        ("Kováč", "Horváth", "Varga", "Tóth", "Baláž", "Szabó", "Novák"),
        ("Peter", "Zuzana", "Martin", "Jana", "Michal", "Lucia"),
        ("{x} Stavby", "{x} Elektro", "Tlačiareň {x}", "{x} Logistik", "{x} Consulting"),
    ),
    "BG": Country(
        "BG",
        "bg",
        "BGN",
        ("{a} лв.", "{a} лв.", "{a} BGN"),
        "\u00a0",
        ",",
        Decimal("20"),
        ("ЕООД", "ООД", "ООД", "АД", "ЕТ"),
        vat_bg,
        (("1000", "София"), ("4000", "Пловдив"), ("9000", "Варна"), ("8000", "Бургас"), ("7000", "Русе")),
        ("ул. Граф Игнатиев", "бул. Витоша", "ул. Раковски", "бул. Христо Ботев", "ул. Иван Вазов"),
        "{s} № {n}",
        ("Иванов", "Петров", "Георгиев", "Димитров", "Николов", "Стоянов"),
        ("Георги", "Мария", "Иван", "Елена", "Николай", "Десислава"),
        ("{x} Строй", "{x} Транс", "Печатница {x}", "{x} Консулт", "{x} Електро"),
    ),
    "GB": Country(
        "GB",
        "en",
        "GBP",
        ("£{a}", "£{a}", "GBP {a}"),
        ",",
        ".",
        Decimal("20"),
        ("Ltd", "Ltd", "Limited", "LLP", "plc"),
        vat_gb,
        (
            ("M1 4BT", "Manchester"),
            ("LS1 5DL", "Leeds"),
            ("BS1 6QF", "Bristol"),
            ("EH2 4AD", "Edinburgh"),
            ("B3 2PW", "Birmingham"),
            ("NE1 7RU", "Newcastle upon Tyne"),
        ),
        ("High Street", "Mill Lane", "Station Road", "Victoria Street", "Church Road"),
        "{n} {s}",
        ("Thompson", "Walker", "Harrison", "Clarke", "Hughes", "Wright"),
        ("Oliver", "Emma", "James", "Sophie", "Daniel", "Charlotte"),
        ("{x} Joinery", "{x} Print", "{x} Electrical", "{x} Freight", "{x} Consulting"),
    ),
}

TAG_COUNTRY = {"de": "DE", "de-CH": "CH", "fr": "FR", "nl": "NL", "es": "ES", "nb": "NO", "hr": "HR", "sk": "SK",
               "bg": "BG", "en-GB": "GB"}  # fmt: skip
TAGS: tuple[str, ...] = tuple(TAG_COUNTRY)


# ---------------------------------------------------------------- months


MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "nb": "januar februar mars april mai juni juli august september oktober november desember",
    "hr": "siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca",
    "sk": "januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra",
    "bg": "януари февруари март април май юни юли август септември октомври ноември декември",
    "en": "January February March April May June July August September October November December",
}


# ---------------------------------------------------------------- labels


@dataclass(frozen=True)
class Words:
    """One language's labels; each a tuple of synonyms the page draws from."""

    invoice: tuple[str, ...]
    credit: tuple[str, ...]
    proforma: tuple[str, ...]
    number: tuple[str, ...]
    date: tuple[str, ...]
    due: tuple[str, ...]
    delivery: tuple[str, ...]
    customer_no: tuple[str, ...]
    order_no: tuple[str, ...]
    vat_id: tuple[str, ...]
    reg_no: tuple[str, ...]
    iban: tuple[str, ...]
    net: tuple[str, ...]
    vat: tuple[str, ...]
    """'{r}' the rate."""
    total: tuple[str, ...]
    to_pay: tuple[str, ...]
    paid: tuple[str, ...]
    buyer: tuple[str, ...]
    seller: tuple[str, ...]
    page: str
    pos: str
    article: str
    description: str
    qty: str
    unit: str
    price: str
    discount: str
    amount: str
    units: tuple[str, ...]
    hours: str
    period: tuple[str, ...]
    account: tuple[str, ...]
    previous: str
    payments: str
    balance: str
    current: str
    incoterms: str
    origin: str
    hs: str
    rate: str
    """'{c1}', '{c2}', '{x}' the rate."""
    equivalent: str
    """'{c}' the second currency."""
    exempt: str
    refers: str
    """'{n}' the invoice credited, '{d}' its date."""
    terms: str
    """'{d}' the due date, '{k}' days."""
    instalment: str
    schedule: str
    paid_mark: str
    open_mark: str
    letter_open: str
    letter_body: str
    """'{n}' number, '{d}' date."""
    letter_ask: str
    """'{a}' amount, '{d}' due date."""
    regards: str
    thanks: str
    services: tuple[str, ...]
    goods: tuple[str, ...]
    telecom: tuple[str, ...]
    country_names: dict[str, str] = field(default_factory=dict)


WORDS: dict[str, Words] = {
    "de": Words(
        ("Rechnung", "RECHNUNG", "Rechnung"),
        ("Gutschrift", "Rechnungskorrektur", "Gutschrift"),
        ("Proforma-Rechnung",),
        ("Rechnungsnummer", "Rechnungs-Nr.", "Re.-Nr.", "Beleg-Nr.", "Rechnung Nr."),
        ("Rechnungsdatum", "Datum", "Belegdatum"),
        ("Fällig am", "Zahlbar bis", "Fälligkeitsdatum", "Zahlungsziel"),
        ("Lieferdatum", "Leistungsdatum"),
        ("Kunden-Nr.", "Kundennummer", "Ihre Kd.-Nr."),
        ("Ihre Bestellung", "Auftrags-Nr.", "Ihre Bestell-Nr."),
        ("USt-IdNr.", "USt.-ID", "UID-Nr.", "MWST-Nr."),
        ("Steuernummer", "St.-Nr."),
        ("IBAN",),
        ("Nettobetrag", "Zwischensumme", "Summe netto", "Warenwert netto"),
        ("zzgl. {r} % USt.", "MwSt. {r} %", "{r} % Mehrwertsteuer", "Umsatzsteuer {r} %"),
        ("Gesamtbetrag", "Rechnungsbetrag", "Endbetrag", "Summe brutto", "Gesamtsumme"),
        ("Zu zahlen", "Offener Betrag", "Zahlbetrag", "Noch zu zahlen"),
        ("Anzahlung erhalten", "abzgl. Anzahlung"),
        ("Rechnungsempfänger", "Kunde", "An"),
        ("Absender", "Lieferant"),
        "Seite",
        "Pos.",
        "Art.-Nr.",
        "Bezeichnung",
        "Menge",
        "Einheit",
        "Einzelpreis",
        "Rabatt",
        "Gesamt",
        ("Stk.", "Stück", "kg", "m", "Pkt.", "Karton"),
        "Std.",
        ("Abrechnungszeitraum", "Leistungszeitraum"),
        ("Vertragskonto", "Kundenkonto", "Vertragsnummer"),
        "Saldo Vorrechnung",
        "Zahlungseingang",
        "Übertrag",
        "Aktuelle Forderungen",
        "Lieferbedingung (Incoterms 2020)",
        "Ursprungsland",
        "Zolltarifnr.",
        "Umrechnungskurs: 1 {c1} = {x} {c2}",
        "Gegenwert in {c}",
        "Steuerfreie Ausfuhrlieferung gemäß § 4 Nr. 1a i.V.m. § 6 UStG",
        "zu Rechnung {n} vom {d}",
        "Zahlbar ohne Abzug bis {d}.",
        "Rate",
        "Zahlungsplan",
        "bezahlt",
        "offen",
        "Sehr geehrte Damen und Herren,",
        "für die erbrachten Leistungen erlaube ich mir, Ihnen mit Rechnung Nr. {n} vom {d} Folgendes zu berechnen:",
        "Ich bitte um Überweisung von {a} bis zum {d} auf das unten genannte Konto.",
        "Mit freundlichen Grüßen",
        "Vielen Dank für Ihren Auftrag!",
        ("Beratung", "Projektleitung", "Montagearbeiten", "Wartung Heizungsanlage", "Fahrtkosten pauschal"),
        (
            "Sechskantschraube M8x40 verz.",
            "Kabelkanal 40x60 weiß",
            "Kopierpapier A4 80 g",
            "Dübel 8 mm",
            "Schutzhandschuhe Gr. 9",
            "Silikon transparent 310 ml",
            "Verlängerungskabel 10 m",
        ),
        (
            "Grundgebühr Mobilfunk",
            "Datenvolumen 20 GB",
            "Inlandsgespräche",
            "Festnetz-Flatrate",
            "Roaming EU",
        ),
        {"US": "USA", "GB": "Großbritannien", "NO": "Norwegen", "CH": "Schweiz", "DE": "Deutschland"},
    ),
    "fr": Words(
        ("Facture", "FACTURE", "Facture"),
        ("Avoir", "Facture d'avoir", "AVOIR"),
        ("Facture pro forma",),
        ("Facture n°", "N° de facture", "Numéro de facture", "Réf. facture"),
        ("Date de facture", "Date d'émission", "Date", "Émise le"),
        ("Date d'échéance", "Échéance", "À régler avant le", "Date limite de paiement"),
        ("Date de livraison", "Date de prestation"),
        ("N° client", "Code client", "Réf. client"),
        ("Votre commande", "N° de commande", "Bon de commande"),
        ("N° TVA intracommunautaire", "TVA intracom.", "N° TVA"),
        ("SIRET", "RCS"),
        ("IBAN",),
        ("Total HT", "Montant HT", "Sous-total HT"),
        ("TVA {r} %", "TVA ({r} %)", "Montant TVA {r} %"),
        ("Total TTC", "Montant TTC", "TOTAL TTC"),
        ("Net à payer", "Reste à payer", "Montant à régler"),
        ("Acompte versé", "Acompte reçu"),
        ("Client", "Facturé à", "Destinataire"),
        ("Émetteur", "Fournisseur"),
        "Page",
        "Pos.",
        "Réf.",
        "Désignation",
        "Qté",
        "Unité",
        "P.U. HT",
        "Remise",
        "Montant HT",
        ("pce", "u.", "kg", "m", "lot", "carton"),
        "h",
        ("Période de facturation", "Période"),
        ("N° de contrat", "Compte client", "Référence client"),
        "Solde précédent",
        "Paiement reçu",
        "Solde reporté",
        "Nouvelles consommations",
        "Incoterm",
        "Origine",
        "Code SH",
        "Taux de change : 1 {c1} = {x} {c2}",
        "Contre-valeur en {c}",
        "Exonération de TVA, article 262 I du CGI (exportation)",
        "Avoir sur facture n° {n} du {d}",
        "Paiement à réception, au plus tard le {d}.",
        "Échéance",
        "Échéancier",
        "payée",
        "à payer",
        "Madame, Monsieur,",
        "veuillez trouver ci-dessous ma facture n° {n} du {d} pour les prestations réalisées :",
        "Je vous remercie de bien vouloir régler la somme de {a} avant le {d}.",
        "Veuillez agréer, Madame, Monsieur, mes salutations distinguées.",
        "Merci de votre confiance.",
        (
            "Conseil et accompagnement",
            "Main-d'œuvre",
            "Déplacement forfaitaire",
            "Maintenance annuelle",
            "Gestion de projet",
        ),
        (
            "Vis inox 6x50",
            "Ramette papier A4 80 g",
            "Câble électrique 3G2,5 (couronne 100 m)",
            "Gants de protection",
            "Mastic silicone blanc",
            "Carton déménagement 60 L",
        ),
        (
            "Abonnement mobile",
            "Forfait data 50 Go",
            "Appels hors forfait",
            "Ligne fixe",
            "Option international",
        ),
        {"US": "États-Unis", "GB": "Royaume-Uni", "CH": "Suisse", "FR": "France"},
    ),
    "nl": Words(
        ("Factuur", "FACTUUR", "Factuur"),
        ("Creditnota", "Creditfactuur", "CREDITNOTA"),
        ("Pro-formafactuur",),
        ("Factuurnummer", "Factuurnr.", "Factuur nr."),
        ("Factuurdatum", "Datum"),
        ("Vervaldatum", "Uiterste betaaldatum", "Te betalen vóór"),
        ("Leverdatum",),
        ("Klantnummer", "Debiteurnr.", "Klantnr."),
        ("Uw referentie", "Ordernummer", "Inkoopordernr."),
        ("Btw-nummer", "BTW nr.", "Btw-id"),
        ("KvK", "KvK-nummer"),
        ("IBAN", "Rekeningnummer"),
        ("Subtotaal", "Totaal excl. btw", "Bedrag excl. BTW"),
        ("Btw {r}%", "BTW {r}%", "{r}% btw"),
        ("Totaal incl. btw", "Totaal", "Factuurbedrag", "TOTAAL"),
        ("Te betalen", "Openstaand bedrag", "Nog te betalen"),
        ("Aanbetaling ontvangen", "Reeds betaald"),
        ("Factuuradres", "Klant", "Aan"),
        ("Leverancier", "Van"),
        "Pagina",
        "Pos.",
        "Artikelnr.",
        "Omschrijving",
        "Aantal",
        "Eenheid",
        "Prijs",
        "Korting",
        "Bedrag",
        ("st.", "stuks", "kg", "m", "doos"),
        "uur",
        ("Factuurperiode", "Periode"),
        ("Contractnummer", "Klantnummer", "Aansluitnummer"),
        "Vorig saldo",
        "Ontvangen betaling",
        "Saldo overgebracht",
        "Kosten deze periode",
        "Leveringsvoorwaarde (Incoterms)",
        "Land van oorsprong",
        "GN-code",
        "Wisselkoers: 1 {c1} = {x} {c2}",
        "Tegenwaarde in {c}",
        "Vrijgesteld van btw: uitvoer (art. 146 Btw-richtlijn)",
        "Creditering van factuur {n} d.d. {d}",
        "Gelieve te betalen vóór {d}.",
        "Termijn",
        "Betalingsschema",
        "betaald",
        "open",
        "Geachte heer/mevrouw,",
        "hierbij breng ik u met factuur {n} van {d} de volgende werkzaamheden in rekening:",
        "Ik verzoek u vriendelijk {a} vóór {d} over te maken.",
        "Met vriendelijke groet,",
        "Bedankt voor uw opdracht.",
        ("Advieswerkzaamheden", "Installatie", "Voorrijkosten", "Onderhoud cv-ketel", "Projectbegeleiding"),
        (
            "Schroeven RVS 5x40 (doos 200)",
            "Printpapier A4 80 grams",
            "Installatiekabel 3x2,5 mm²",
            "Werkhandschoenen",
            "Kitpatroon transparant",
            "Verhuisdoos",
        ),
        ("Abonnement mobiel", "Databundel 10 GB", "Bellen buiten bundel", "Vaste lijn", "Internet 500 Mbit"),
        {"US": "Verenigde Staten", "GB": "Verenigd Koninkrijk", "NL": "Nederland"},
    ),
    "es": Words(
        ("Factura", "FACTURA", "Factura"),
        ("Factura rectificativa", "FACTURA RECTIFICATIVA", "Abono"),
        ("Factura proforma",),
        ("Nº factura", "Número de factura", "Factura nº", "Nº"),
        ("Fecha de emisión", "Fecha factura", "Fecha"),
        ("Fecha de vencimiento", "Vencimiento", "Fecha vto."),
        ("Fecha de operación",),
        ("Nº cliente", "Código cliente"),
        ("Su pedido", "Nº pedido", "Pedido"),
        ("NIF", "CIF", "NIF-IVA"),
        ("Inscrita en el Registro Mercantil",),
        ("IBAN", "Cuenta"),
        ("Base imponible", "Subtotal", "Importe neto"),
        ("IVA {r}%", "IVA ({r} %)", "Cuota IVA {r}%"),
        ("Total factura", "TOTAL", "Importe total"),
        ("Total a pagar", "Pendiente de pago", "Importe a pagar"),
        ("Anticipo recibido", "Pagado a cuenta"),
        ("Cliente", "Datos del cliente", "Facturar a"),
        ("Emisor", "Proveedor"),
        "Página",
        "Lín.",
        "Ref.",
        "Descripción",
        "Cant.",
        "Ud.",
        "Precio",
        "Dto.",
        "Importe",
        ("ud.", "uds.", "kg", "m", "caja"),
        "h",
        ("Periodo de facturación", "Periodo"),
        ("Nº de contrato", "Cuenta cliente", "Referencia"),
        "Saldo anterior",
        "Pago recibido",
        "Saldo pendiente",
        "Consumo del periodo",
        "Incoterms",
        "País de origen",
        "Código TARIC",
        "Tipo de cambio: 1 {c1} = {x} {c2}",
        "Contravalor en {c}",
        "Exenta de IVA según art. 21 de la Ley 37/1992 (exportación)",
        "Rectifica la factura {n} de fecha {d}",
        "Forma de pago: transferencia antes del {d}.",
        "Plazo",
        "Calendario de pagos",
        "pagado",
        "pendiente",
        "Estimados señores:",
        "por los servicios prestados les remito la factura nº {n} de fecha {d}, con el siguiente detalle:",
        "Les ruego transfieran {a} antes del {d} a la cuenta indicada.",
        "Atentamente,",
        "Gracias por su confianza.",
        ("Asesoría fiscal", "Mano de obra", "Desplazamiento", "Mantenimiento anual", "Dirección de obra"),
        (
            "Tornillo inox 6x50",
            "Papel A4 80 g (paquete 500)",
            "Cable 3x2,5 mm (rollo 100 m)",
            "Guantes de trabajo",
            "Silicona transparente",
            "Caja de cartón",
        ),
        ("Cuota línea móvil", "Bono datos 30 GB", "Llamadas nacionales", "Línea fija", "Fibra 600 Mb"),
        {"US": "Estados Unidos", "GB": "Reino Unido", "ES": "España"},
    ),
    "nb": Words(
        ("Faktura", "FAKTURA", "Faktura"),
        ("Kreditnota", "KREDITNOTA"),
        ("Proformafaktura",),
        ("Fakturanr.", "Fakturanummer", "Faktura nr."),
        ("Fakturadato", "Dato"),
        ("Forfallsdato", "Forfall", "Betalingsfrist"),
        ("Leveringsdato",),
        ("Kundenr.", "Kundenummer"),
        ("Deres ordre", "Ordrenr.", "Deres ref."),
        ("Org.nr.", "Foretaksregisteret"),
        ("Org.nr.",),
        ("IBAN", "Kontonr."),
        ("Sum eks. mva.", "Netto", "Beløp ekskl. mva"),
        ("Mva {r} %", "MVA {r}%", "Merverdiavgift {r} %"),
        ("Totalt", "Sum inkl. mva.", "Fakturabeløp", "Totalbeløp"),
        ("Å betale", "Beløp å betale", "Til betaling"),
        ("Innbetalt forskudd", "Forskudd betalt"),
        ("Kunde", "Faktureres til", "Til"),
        ("Leverandør", "Fra"),
        "Side",
        "Linje",
        "Varenr.",
        "Beskrivelse",
        "Antall",
        "Enhet",
        "Pris",
        "Rabatt",
        "Beløp",
        ("stk", "kg", "m", "pk", "eske"),
        "t",
        ("Fakturaperiode", "Periode"),
        ("Kundenummer", "Avtalenr.", "Målepunkt-ID"),
        "Forrige saldo",
        "Innbetalt",
        "Overført saldo",
        "Denne periodens forbruk",
        "Leveringsbetingelse (Incoterms)",
        "Opprinnelsesland",
        "Varenr. (HS)",
        "Valutakurs: 1 {c1} = {x} {c2}",
        "Tilsvarer i {c}",
        "Fritatt for merverdiavgift (utførsel), mval. § 6-21",
        "Kreditering av faktura {n} datert {d}",
        "Betales innen {d}. Husk KID.",
        "Avdrag",
        "Betalingsplan",
        "betalt",
        "ubetalt",
        "Hei,",
        "for utført arbeid sender jeg med dette faktura nr. {n} datert {d}:",
        "Vennligst betal {a} innen {d} til kontoen nedenfor.",
        "Med vennlig hilsen",
        "Takk for handelen!",
        ("Rådgivning", "Montering", "Kjøring", "Årlig service", "Prosjektledelse"),
        (
            "Treskrue 5x50 (eske 200)",
            "Kopipapir A4 80 g",
            "Kabel PFSP 3x2,5",
            "Arbeidshansker",
            "Fugemasse hvit",
            "Flytteeske",
        ),
        ("Abonnement mobil", "Data 20 GB", "Samtaler", "Fasttelefon", "Bredbånd 500/500"),
        {"US": "USA", "GB": "Storbritannia", "NO": "Norge"},
    ),
    "hr": Words(
        ("RAČUN", "Račun", "RAČUN R-1"),
        ("Odobrenje", "STORNO RAČUN", "Knjižno odobrenje"),
        ("Predračun", "Ponuda"),
        ("Broj računa", "Račun br.", "Br. računa"),
        ("Datum računa", "Datum izdavanja", "Datum i vrijeme izdavanja"),
        ("Datum dospijeća", "Rok plaćanja", "Dospijeće"),
        ("Datum isporuke",),
        ("Šifra kupca", "Kupac br."),
        ("Narudžba br.", "Vaša narudžba"),
        ("OIB", "PDV ID", "OIB"),
        ("MBS",),
        ("IBAN", "Žiro-račun"),
        ("Osnovica", "Ukupno bez PDV-a", "Iznos bez PDV-a"),
        ("PDV {r}%", "PDV ({r} %)", "Porez {r}%"),
        ("Ukupno", "Sveukupno", "UKUPNO", "Ukupan iznos"),
        ("Za platiti", "Ukupno za platiti", "Iznos za plaćanje"),
        ("Uplaćeni predujam", "Predujam"),
        ("Kupac", "Naručitelj"),
        ("Prodavatelj", "Izdavatelj"),
        "Stranica",
        "R.br.",
        "Šifra",
        "Naziv",
        "Kol.",
        "Jed. mj.",
        "Cijena",
        "Rabat",
        "Iznos",
        ("kom", "kg", "m", "pak."),
        "sat",
        ("Obračunsko razdoblje", "Razdoblje"),
        ("Broj korisnika", "Broj ugovora"),
        "Prethodni saldo",
        "Uplata",
        "Preneseni saldo",
        "Tekuća potrošnja",
        "Paritet (Incoterms)",
        "Zemlja podrijetla",
        "Tarifni broj",
        "Tečaj: 1 {c1} = {x} {c2}",
        "Protuvrijednost u {c}",
        "Oslobođeno PDV-a prema čl. 45. Zakona o PDV-u (izvoz)",
        "Odobrenje po računu {n} od {d}",
        "Plaćanje do {d}. Poziv na broj: HR00",
        "Rata",
        "Plan otplate",
        "plaćeno",
        "otvoreno",
        "Poštovani,",
        "za izvršene usluge ispostavljam Vam račun br. {n} od {d}:",
        "Molim uplatu iznosa od {a} do {d} na niže navedeni račun.",
        "S poštovanjem,",
        "Hvala na povjerenju!",
        ("Savjetovanje", "Montaža", "Putni troškovi", "Godišnji servis", "Vođenje projekta"),
        (
            "Vijak inox 6x50",
            "Papir A4 80 g",
            "Kabel PP-Y 3x2,5",
            "Radne rukavice",
            "Silikon bijeli",
            "Kutija kartonska",
        ),
        (
            "Mjesečna naknada",
            "Podatkovni promet 20 GB",
            "Pozivi u mreži",
            "Fiksna linija",
            "Internet 200 Mbit/s",
        ),
        {"US": "SAD", "GB": "Ujedinjeno Kraljevstvo", "HR": "Hrvatska"},
    ),
    "sk": Words(
        ("Faktúra", "FAKTÚRA – daňový doklad", "Faktúra"),
        ("Dobropis", "Opravná faktúra – dobropis"),
        ("Zálohová faktúra",),
        ("Číslo faktúry", "Faktúra č.", "Číslo dokladu"),
        ("Dátum vystavenia", "Vystavené"),
        ("Dátum splatnosti", "Splatnosť", "Splatné do"),
        ("Dátum dodania",),
        ("Číslo zákazníka",),
        ("Objednávka č.", "Vaša objednávka"),
        ("IČ DPH",),
        ("IČO",),
        ("IBAN",),
        ("Základ dane", "Spolu bez DPH", "Medzisúčet"),
        ("DPH {r} %", "DPH {r}%", "Daň {r} %"),
        ("Celkom", "Spolu s DPH", "Celková suma", "Spolu"),
        ("Celkom k úhrade", "K úhrade", "Suma na úhradu"),
        ("Uhradené zálohou", "Záloha"),
        ("Odberateľ", "Odberateľ:"),
        ("Dodávateľ", "Dodávateľ:"),
        "Strana",
        "P. č.",
        "Kód",
        "Názov",
        "Množstvo",
        "MJ",
        "Cena/MJ",
        "Zľava",
        "Spolu",
        ("ks", "kg", "m", "bal."),
        "hod",
        ("Zúčtovacie obdobie", "Obdobie"),
        ("Číslo zmluvy", "Zákaznícke číslo"),
        "Predchádzajúci zostatok",
        "Prijaté platby",
        "Prenesený zostatok",
        "Aktuálne poplatky",
        "Dodacie podmienky (Incoterms)",
        "Krajina pôvodu",
        "Colný sadzobník",
        "Kurz: 1 {c1} = {x} {c2}",
        "Prepočet v {c}",
        "Oslobodené od DPH podľa § 47 zákona o DPH (vývoz)",
        "Dobropis k faktúre {n} zo dňa {d}",
        "Variabilný symbol: číslo faktúry. Uhraďte do {d}.",
        "Splátka",
        "Splátkový kalendár",
        "uhradené",
        "neuhradené",
        "Vážení,",
        "za poskytnuté služby Vám fakturujem faktúrou č. {n} zo dňa {d}:",
        "Prosím o úhradu sumy {a} do {d} na uvedený účet.",
        "S pozdravom",
        "Ďakujeme za objednávku.",
        ("Poradenstvo", "Montážne práce", "Doprava", "Ročný servis", "Riadenie projektu"),
        (
            "Skrutka nerez 6x50",
            "Papier A4 80 g",
            "Kábel CYKY 3x2,5",
            "Pracovné rukavice",
            "Silikón biely",
            "Kartónová krabica",
        ),
        ("Mesačný poplatok", "Dáta 20 GB", "Hovory v SR", "Pevná linka", "Internet 300 Mb/s"),
        {"US": "USA", "GB": "Veľká Británia", "SK": "Slovensko"},
    ),
    "bg": Words(
        ("ФАКТУРА", "Фактура", "ФАКТУРА – ОРИГИНАЛ"),
        ("КРЕДИТНО ИЗВЕСТИЕ", "Кредитно известие"),
        ("ПРОФОРМА ФАКТУРА",),
        ("Фактура №", "Номер", "№"),
        ("Дата на издаване", "Дата"),
        ("Падеж", "Срок за плащане", "Дата на плащане"),
        ("Дата на данъчното събитие",),
        ("Клиентски номер",),
        ("Поръчка №",),
        ("ДДС №", "ИН по ЗДДС"),
        ("ЕИК", "Булстат"),
        ("IBAN",),
        ("Данъчна основа", "Сума без ДДС", "Стойност"),
        ("ДДС {r}%", "ДДС ({r} %)", "Начислен ДДС {r}%"),
        ("Сума за плащане", "Обща сума", "Всичко", "Общо"),
        ("Сума за плащане", "Остатък за плащане", "Дължима сума"),
        ("Платен аванс", "Приспаднат аванс"),
        ("Получател", "Купувач", "Клиент"),
        ("Доставчик", "Издател"),
        "Страница",
        "№",
        "Код",
        "Наименование",
        "Кол.",
        "Мярка",
        "Ед. цена",
        "Отстъпка",
        "Стойност",
        ("бр.", "кг", "м", "пак."),
        "ч.",
        ("Отчетен период", "Период"),
        ("Абонатен номер", "Клиентски номер"),
        "Предходно салдо",
        "Постъпило плащане",
        "Пренесено салдо",
        "Текущи задължения",
        "Условия на доставка (Incoterms)",
        "Страна на произход",
        "Тарифен код",
        "Курс: 1 {c1} = {x} {c2}",
        "Равностойност в {c}",
        "Основание за неначисляване на ДДС: чл. 28 от ЗДДС (износ)",
        "Към фактура № {n} от {d}",
        "Начин на плащане: по банков път до {d}.",
        "Вноска",
        "Погасителен план",
        "платена",
        "неплатена",
        "Уважаеми господа,",
        "за извършените услуги Ви изпращам фактура № {n} от {d}:",
        "Моля, преведете {a} до {d} по сметката по-долу.",
        "С уважение,",
        "Благодарим Ви!",
        (
            "Консултантски услуги",
            "Монтаж",
            "Транспортни разходи",
            "Годишна поддръжка",
            "Управление на проект",
        ),
        ("Винт инокс 6x50", "Хартия А4 80 г", "Кабел СВТ 3x2,5", "Работни ръкавици", "Силикон бял", "Кашон"),
        ("Месечна такса", "Мобилни данни 20 GB", "Разговори", "Фиксирана линия", "Интернет 300 Mbps"),
        {"US": "САЩ", "GB": "Великобритания", "BG": "България"},
    ),
    "en": Words(
        ("Invoice", "INVOICE", "Tax Invoice", "VAT Invoice"),
        ("Credit Note", "CREDIT NOTE"),
        ("Pro Forma Invoice",),
        ("Invoice No.", "Invoice Number", "Invoice #", "Inv No"),
        ("Invoice Date", "Date", "Tax Point"),
        ("Due Date", "Payment Due", "Due"),
        ("Delivery Date",),
        ("Account No.", "Customer Ref"),
        ("Your Order", "PO Number", "Order Ref"),
        ("VAT Reg No.", "VAT No.", "VAT Registration"),
        ("Company No.", "Registered in England No."),
        ("IBAN",),
        ("Subtotal", "Net", "Total excl. VAT"),
        ("VAT @ {r}%", "VAT {r}%", "VAT at {r}%"),
        ("Total", "Invoice Total", "TOTAL", "Total incl. VAT"),
        ("Amount Due", "Balance Due", "Total Due"),
        ("Deposit received", "Less deposit paid"),
        ("Bill To", "Invoice To", "To"),
        ("From", "Supplier"),
        "Page",
        "Line",
        "Item Code",
        "Description",
        "Qty",
        "Unit",
        "Unit Price",
        "Disc.",
        "Amount",
        ("ea", "pcs", "kg", "m", "box"),
        "hrs",
        ("Billing Period", "Period"),
        ("Account Number", "Customer Number"),
        "Previous Balance",
        "Payment Received",
        "Balance Brought Forward",
        "This Period's Charges",
        "Incoterms 2020",
        "Country of Origin",
        "HS Code",
        "Exchange rate: 1 {c1} = {x} {c2}",
        "Equivalent in {c}",
        "Zero-rated export of goods",
        "Credit against invoice {n} dated {d}",
        "Payment terms: please pay by {d}.",
        "Instalment",
        "Payment Schedule",
        "paid",
        "due",
        "Dear Sir or Madam,",
        "please find below my invoice no. {n} dated {d} for work carried out:",
        "Kindly transfer {a} by {d} to the account below.",
        "Yours faithfully,",
        "Thank you for your business.",
        ("Consultancy", "Labour", "Travel", "Annual service", "Project management"),
        (
            "Stainless screws 6x50 (box 200)",
            "A4 copier paper 80gsm",
            "Twin & earth cable 2.5mm (100 m)",
            "Work gloves",
            "Silicone sealant clear",
            "Storage box",
        ),
        ("Line rental", "Data 20GB", "UK calls", "Landline", "Broadband 500Mb"),
        {"US": "United States", "GB": "United Kingdom", "NO": "Norway", "CH": "Switzerland"},
    ),
}

LANG_OF_TAG = {tag: COUNTRIES[code].lang for tag, code in TAG_COUNTRY.items()}
