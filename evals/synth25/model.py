"""The data of an evals/synth25 invoice: parties, ids with valid check digits, items, the money (Decimal,
rounded per VAT rate as a small business's program does) and the number, date and money forms of each
country. Nothing here reads the extractor."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from evals.synth25.words import LABELS, MONTHS

CENT = Decimal("0.01")

COUNTRIES: dict[str, list[str]] = {
    "en": ["GB", "GB", "IE"], "de": ["DE", "DE", "AT"], "fr": ["FR", "FR", "BE"], "nl": ["NL", "NL", "BE"],
    "es": ["ES"], "it": ["IT"], "pt": ["PT"], "pl": ["PL"], "sv": ["SE"], "da": ["DK"], "cs": ["CZ"],
}  # fmt: skip
CURRENCY = {"GB": "GBP", "PL": "PLN", "SE": "SEK", "DK": "DKK", "CZ": "CZK"}
RATES: dict[str, list[str]] = {
    "GB": ["20", "5"], "IE": ["23", "13.5"], "DE": ["19", "7"], "AT": ["20", "10"], "FR": ["20", "5.5", "10"],
    "BE": ["21", "6"], "NL": ["21", "9"], "ES": ["21", "10", "4"], "IT": ["22", "10", "4"], "PT": ["23", "13", "6"],
    "PL": ["23", "8", "5"], "SE": ["25", "12", "6"], "DK": ["25"], "CZ": ["21", "12"],
}  # fmt: skip
COUNTRY_NAME = {
    "GB": "United Kingdom", "IE": "Ireland", "DE": "Deutschland", "AT": "Österreich", "FR": "France",
    "BE": "Belgique", "NL": "Nederland", "ES": "España", "IT": "Italia", "PT": "Portugal", "PL": "Polska",
    "SE": "Sverige", "DK": "Danmark", "CZ": "Česká republika",
}  # fmt: skip
IBAN_SHAPE = {"GB": (4, 14), "IE": (4, 14), "DE": (0, 18), "AT": (0, 16), "FR": (0, 23), "BE": (0, 12),
              "NL": (4, 10), "ES": (0, 20), "IT": (1, 22), "PT": (0, 21), "PL": (0, 24), "SE": (0, 20),
              "DK": (0, 14), "CZ": (0, 20)}  # fmt: skip

# (given name, surname) pools and business words per country: the trade names small businesses take
PEOPLE: dict[str, tuple[list[str], list[str]]] = {
    "GB": (["Oliver", "Amelia", "Harry", "Isla", "Jack"], ["Thornton", "Pritchard", "Ashworth", "Holloway", "Bexley"]),
    "IE": (["Siobhán", "Cian", "Aoife", "Declan"], ["Brennan", "Ó Ceallaigh", "Fitzgerald", "Nolan"]),
    "DE": (["Jürgen", "Sabine", "Lukas", "Heike", "Matthias"], ["Kröger", "Weißhaupt", "Lindemann", "Bäcker", "Hofstetter"]),
    "AT": (["Florian", "Theresa", "Andreas"], ["Gruber", "Pichler", "Moosbrugger"]),
    "FR": (["Aurélie", "Mathieu", "Clémence", "Olivier"], ["Lefèvre", "Garnier", "Rousseau", "Delacroix"]),
    "BE": (["Wout", "Margaux", "Pieter", "Elise"], ["Claes", "Vermeulen", "Dubois", "Peeters"]),
    "NL": (["Sanne", "Joost", "Femke", "Ruud"], ["de Graaf", "van Dijk", "Bosman", "Mulder"]),
    "ES": (["Lucía", "Javier", "Carmen", "Álvaro"], ["Ortega", "Muñoz", "Serrano", "Castaño"]),
    "IT": (["Giulia", "Matteo", "Chiara", "Lorenzo"], ["Bianchi", "Esposito", "Colombo", "Ferrara"]),
    "PT": (["João", "Inês", "Tiago", "Beatriz"], ["Gonçalves", "Ferreira", "Magalhães", "Simões"]),
    "PL": (["Agnieszka", "Paweł", "Katarzyna", "Grzegorz"], ["Wiśniewski", "Kowalczyk", "Zieliński", "Dąbrowski"]),
    "SE": (["Linnea", "Erik", "Åsa", "Johan"], ["Lindqvist", "Bergström", "Sjöberg", "Ekström"]),
    "DK": (["Mette", "Søren", "Freja", "Rasmus"], ["Mølgaard", "Jørgensen", "Kjær", "Østergaard"]),
    "CZ": (["Jiří", "Lenka", "Tomáš", "Petra"], ["Dvořák", "Procházka", "Kučera", "Šťastný"]),
}  # fmt: skip
TRADES: dict[str, list[str]] = {
    "en": ["Joinery", "Print Studio", "Garden Services", "Electrical", "Bakery", "Bike Repairs", "Catering"],
    "de": [
        "Tischlerei",
        "Druckerei",
        "Gartenbau",
        "Elektrotechnik",
        "Bäckerei",
        "Fahrradwerkstatt",
        "Malerbetrieb",
    ],
    "fr": ["Menuiserie", "Imprimerie", "Paysagiste", "Électricité", "Boulangerie", "Traiteur", "Plomberie"],
    "nl": ["Timmerwerken", "Drukkerij", "Hoveniersbedrijf", "Installatiebedrijf", "Bakkerij", "Fietsenmaker"],
    "es": ["Carpintería", "Imprenta", "Jardinería", "Instalaciones Eléctricas", "Panadería", "Reformas"],
    "it": ["Falegnameria", "Tipografia", "Giardinaggio", "Impianti Elettrici", "Panificio", "Idraulica"],
    "pt": ["Carpintaria", "Tipografia", "Jardinagem", "Eletricidade", "Padaria", "Canalizações"],
    "pl": [
        "Stolarstwo",
        "Drukarnia",
        "Usługi Ogrodnicze",
        "Instalacje Elektryczne",
        "Piekarnia",
        "Serwis Rowerowy",
    ],
    "sv": ["Snickeri", "Tryckeri", "Trädgårdstjänst", "Elinstallation", "Bageri", "Cykelverkstad"],
    "da": ["Tømrer", "Trykkeri", "Anlægsgartner", "El-service", "Bageri", "Cykelværksted"],
    "cs": ["Truhlářství", "Tiskárna", "Zahradnictví", "Elektroinstalace", "Pekařství", "Instalatérství"],
}
FORMS = {
    "GB": ["Ltd", "Ltd.", "LLP"], "IE": ["Ltd", "Teoranta"], "DE": ["GmbH", "e.K.", "UG (haftungsbeschränkt)", "GmbH & Co. KG"],
    "AT": ["GmbH", "KG", "e.U."], "FR": ["SARL", "SAS", "EURL"], "BE": ["BV", "SRL", "NV"], "NL": ["B.V.", "V.O.F."],
    "ES": ["S.L.", "S.L.U.", "S.A."], "IT": ["S.r.l.", "S.n.c.", "S.a.s."], "PT": ["Lda.", "Unipessoal Lda."],
    "PL": ["Sp. z o.o.", "sp.j.", "s.c."], "SE": ["AB", "HB"], "DK": ["ApS", "I/S", "A/S"], "CZ": ["s.r.o.", "a.s.", "v.o.s."],
}  # fmt: skip
BUYER_WORDS = [
    "Hotel",
    "Consult",
    "Logistics",
    "Architects",
    "Foods",
    "Medical",
    "Studio",
    "Systems",
    "Trading",
]
STREETS: dict[str, list[str]] = {
    "GB": ["{n} Harbour Road", "Unit {n}, Mill Lane", "{n} Kingsway"], "IE": ["{n} Main Street", "{n} Quay Road"],
    "DE": ["Lindenstraße {n}", "Am Markt {n}", "Hauptstr. {n}"], "AT": ["Gartengasse {n}", "Hauptplatz {n}"],
    "FR": ["{n} rue des Lilas", "{n}, avenue Jean Jaurès", "{n} bis rue du Port"], "BE": ["Kerkstraat {n}", "Rue Haute {n}"],
    "NL": ["Dorpsstraat {n}", "Kanaalweg {n}a", "Molenlaan {n}"], "ES": ["Calle Mayor, {n}", "Avda. de la Constitución {n}"],
    "IT": ["Via Roma, {n}", "Viale dei Mille {n}", "Corso Garibaldi {n}"], "PT": ["Rua das Flores, {n}", "Av. da Liberdade {n}"],
    "PL": ["ul. Długa {n}", "ul. Kwiatowa {n}/3", "al. Jana Pawła II {n}"], "SE": ["Storgatan {n}", "Industrivägen {n}"],
    "DK": ["Algade {n}", "Industrivej {n}"], "CZ": ["Nádražní {n}", "Husova {n}/12"],
}  # fmt: skip
TOWNS: dict[str, list[tuple[str, str]]] = {
    "GB": [("BS1 4DJ", "Bristol"), ("LS2 7HY", "Leeds"), ("NR3 1QB", "Norwich")], "IE": [("T12 X2A4", "Cork"), ("H91 R2E8", "Galway")],
    "DE": [("28195", "Bremen"), ("79098", "Freiburg im Breisgau"), ("93047", "Regensburg")], "AT": [("4020", "Linz"), ("6020", "Innsbruck")],
    "FR": [("69003", "Lyon"), ("35000", "Rennes"), ("13002", "Marseille")], "BE": [("9000", "Gent"), ("4000", "Liège")],
    "NL": [("3511 AB", "Utrecht"), ("9711 LM", "Groningen")], "ES": [("46001", "Valencia"), ("41004", "Sevilla")],
    "IT": [("40121", "Bologna"), ("10121", "Torino")], "PT": [("4050-262", "Porto"), ("3000-150", "Coimbra")],
    "PL": [("30-001", "Kraków"), ("80-831", "Gdańsk")], "SE": [("411 05", "Göteborg"), ("752 20", "Uppsala")],
    "DK": [("8000", "Aarhus C"), ("5000", "Odense C")], "CZ": [("602 00", "Brno"), ("301 00", "Plzeň")],
}  # fmt: skip
ITEMS: dict[str, list[str]] = {
    "en": ["Oak shelving, fitted", "Labour (hours)", "Business cards, 500", "Site visit", "Hedge trimming", "Cable and sockets", "Sandwich platter", "Delivery van hire", "Consultation", "Paint, 10 l"],
    "de": ["Regal Eiche, montiert", "Arbeitszeit (Std.)", "Visitenkarten, 500 Stk.", "Anfahrtspauschale", "Heckenschnitt", "Kabel und Steckdosen", "Brötchenplatte", "Wandfarbe weiß, 10 l", "Beratung", "Entsorgung Altmaterial"],
    "fr": ["Étagère en chêne, posée", "Main-d'œuvre (heures)", "Cartes de visite, 500 ex.", "Déplacement", "Taille de haies", "Câbles et prises", "Plateau de viennoiseries", "Peinture blanche, 10 l", "Conseil", "Évacuation des gravats"],
    "nl": ["Eiken wandkast, geplaatst", "Arbeidsloon (uren)", "Visitekaartjes, 500 st.", "Voorrijkosten", "Heg snoeien", "Kabel en stopcontacten", "Broodjesschaal", "Muurverf wit, 10 l", "Advies", "Afvoer puin"],
    "es": ["Estantería de roble, montada", "Mano de obra (horas)", "Tarjetas de visita, 500 uds.", "Desplazamiento", "Poda de setos", "Cableado y enchufes", "Bandeja de bocadillos", "Pintura blanca, 10 l", "Asesoramiento", "Retirada de escombros"],
    "it": ["Scaffale in rovere, montato", "Manodopera (ore)", "Biglietti da visita, 500 pz.", "Uscita tecnico", "Potatura siepi", "Cavi e prese", "Vassoio di tramezzini", "Pittura bianca, 10 l", "Consulenza", "Smaltimento materiale"],
    "pt": ["Estante em carvalho, montada", "Mão de obra (horas)", "Cartões de visita, 500 un.", "Deslocação", "Poda de sebes", "Cabos e tomadas", "Travessa de salgados", "Tinta branca, 10 l", "Consultoria", "Remoção de entulho"],
    "pl": ["Regał dębowy z montażem", "Robocizna (godz.)", "Wizytówki, 500 szt.", "Dojazd", "Przycinanie żywopłotu", "Przewody i gniazdka", "Taca kanapek", "Farba biała, 10 l", "Konsultacja", "Wywóz gruzu"],
    "sv": ["Ekhylla, monterad", "Arbetstid (tim)", "Visitkort, 500 st", "Utryckning", "Häckklippning", "Kabel och uttag", "Smörgåsbricka", "Väggfärg vit, 10 l", "Rådgivning", "Bortforsling"],
    "da": ["Egetræsreol, monteret", "Arbejdsløn (timer)", "Visitkort, 500 stk.", "Kørsel", "Hækklipning", "Kabler og stikkontakter", "Sandwichfad", "Vægmaling hvid, 10 l", "Rådgivning", "Bortskaffelse"],
    "cs": ["Dubový regál s montáží", "Práce (hod.)", "Vizitky, 500 ks", "Doprava technika", "Stříhání živého plotu", "Kabely a zásuvky", "Mísa chlebíčků", "Barva bílá, 10 l", "Konzultace", "Odvoz suti"],
}  # fmt: skip


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str = ""
    vat_printed: str = ""
    iban: str = ""
    iban_printed: str = ""
    bic: str = ""
    phone: str = ""
    owner: str = ""


@dataclass
class Line:
    name: str
    qty: Decimal
    price: Decimal
    rate: str
    total: Decimal


@dataclass
class Doc:
    layout: str
    lang: str
    country: str
    currency: str
    seller: Party
    buyer: Party
    number: str
    issued: dt.date
    due: dt.date | None
    lines: list[Line]
    credit: bool = False
    preceding: str = ""
    order_no: str = ""
    customer_no: str = ""
    discount_pct: Decimal | None = None
    shipping: Decimal = Decimal("0")
    groups: dict[str, list[Decimal]] = field(default_factory=dict)
    """rate → [lines' sum, discount, base, VAT]"""
    subtotal: Decimal = Decimal("0")
    discount: Decimal = Decimal("0")
    net: Decimal = Decimal("0")
    tax: Decimal = Decimal("0")
    total: Decimal = Decimal("0")
    paid: Decimal = Decimal("0")
    words: dict[str, str] = field(default_factory=dict)
    factors: dict[str, str] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)
    """the truths a layout printed besides the number, the dates it always prints, the parties and the money"""
    flags: dict[str, bool] = field(default_factory=dict)
    money_style: str = ""
    date_style: str = ""

    @property
    def due_amount(self) -> Decimal:
        return self.total - self.paid

    def word(self, key: str) -> str:
        return self.words[key]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def vat_id(rng: random.Random, country: str) -> tuple[str, str]:
    """(compact VAT id, printed form) for ``country``, valid by python-stdnum's check digits."""
    from stdnum import get_cc_module

    module = get_cc_module(country.lower(), "vat")
    while True:
        body = {
            "GB": lambda: _digits(rng, 9), "IE": lambda: _digits(rng, 7) + rng.choice("ABCDEFKLMW"),
            "AT": lambda: "U" + _digits(rng, 8), "FR": lambda: _digits(rng, 11), "BE": lambda: "0" + _digits(rng, 9),
            "NL": lambda: _digits(rng, 9) + "B01", "ES": lambda: rng.choice("ABE") + _digits(rng, 8),
            "IT": lambda: _digits(rng, 7) + f"{rng.randint(1, 99):03d}" + _digits(rng, 1),
            "PT": lambda: rng.choice("5") + _digits(rng, 8), "PL": lambda: rng.choice("123456789") + _digits(rng, 9),
            "SE": lambda: "5" + _digits(rng, 9) + "01", "DK": lambda: rng.choice("123456789") + _digits(rng, 7),
            "CZ": lambda: rng.choice("2345678") + _digits(rng, 7), "DE": lambda: rng.choice("123456789") + _digits(rng, 8),
        }[country]()  # fmt: skip
        compact = country + body
        if module.is_valid(compact):
            break
    spaced = {
        "GB": f"GB {body[:3]} {body[3:7]} {body[7:]}", "DE": f"DE {body[:3]} {body[3:6]} {body[6:]}",
        "FR": f"FR {body[:2]} {body[2:5]} {body[5:8]} {body[8:]}", "BE": f"BE {body[:4]}.{body[4:7]}.{body[7:]}",
        "PL": f"PL {body[:3]}-{body[3:6]}-{body[6:8]}-{body[8:]}", "DK": f"DK {body[:2]} {body[2:4]} {body[4:6]} {body[6:]}",
        "PT": f"PT {body}", "IT": f"IT {body}", "SE": f"SE{body}", "NL": f"NL{body}", "CZ": f"CZ {body}",
        "ES": f"ES-{body}", "AT": f"ATU {body[1:]}", "IE": f"IE {body}",
    }[country]  # fmt: skip
    return compact, rng.choice([compact, spaced])


def iban(rng: random.Random, country: str) -> str:
    """A valid IBAN of ``country``'s length: mod-97 check digits, and the national check digits some countries
    carry inside the account number (Belgium, Spain, …) met by drawing again until python-stdnum accepts it."""
    from stdnum import iban as iban_module

    letters, digits = IBAN_SHAPE[country]
    while True:
        bban = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(letters)) + _digits(rng, digits)
        if country == "IT":  # the CIN letter, then ABI, CAB and account
            bban = rng.choice("ABCDEFGHJKLMNPRSTUVWXZ") + _digits(rng, 22)
        moved = bban + country + "00"
        number = int("".join(str(int(c, 36)) for c in moved))
        code = f"{country}{98 - number % 97:02d}{bban}"
        if iban_module.is_valid(code):
            return code


def grouped(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


# money: (thousands separator, decimal separator, where the currency stands, its form); per country
MONEY_STYLES: dict[str, list[str]] = {
    "GB": ["comma sym-before", "comma iso-before", "comma plain"],
    "IE": ["comma sym-before", "comma iso-after", "comma plain"],
    "DE": ["dot sym-after", "dot iso-after", "dot plain", "none sym-after"],
    "AT": ["dot sym-before", "dot iso-before", "dot plain"],
    "FR": ["space sym-after", "space iso-after", "space plain", "nnbsp sym-after"],
    "BE": ["dot sym-before", "dot sym-after", "space iso-after"],
    "NL": ["dot sym-before", "dot iso-before", "dot plain"],
    "ES": ["dot sym-after", "dot iso-after", "none sym-after"],
    "IT": ["dot sym-before", "dot sym-after", "dot iso-before", "dot plain"],
    "PT": ["space sym-after", "dot sym-after", "space iso-after"],
    "PL": ["space sym-after", "space iso-after", "none sym-after", "space plain"],
    "SE": ["space sym-after", "space iso-after", "space plain"],
    "DK": ["dot sym-after", "dot iso-before", "dot plain"],
    "CZ": ["space sym-after", "space iso-after", "space plain"],
}  # fmt: skip
SYMBOL = {"EUR": "€", "GBP": "£", "PLN": "zł", "SEK": "kr", "DKK": "kr.", "CZK": "Kč"}
SEPARATORS = {"comma": ",", "dot": ".", "space": " ", "nnbsp": "\u202f", "none": ""}


def number(value: Decimal, style: str) -> str:
    """``value`` (two decimals) in the style's grouping: "1,234.56", "1.234,56", "1 234,56"."""
    group = SEPARATORS[style.split()[0]]
    decimal = "." if style.startswith("comma") else ","
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return f"{sign}{group.join(parts)}{decimal}{cents}"


def money(value: Decimal, currency: str, style: str) -> str:
    """The amount with its currency where the style puts it; "plain" prints the number (the code stands in a
    column head or the total's label)."""
    text = number(value, style)
    form = style.split()[1]
    if form == "plain":
        return text
    mark = SYMBOL[currency] if form.startswith("sym") else currency
    if form.endswith("before"):
        return f"{mark}{text}" if mark in ("£", "€") and form.startswith("sym") else f"{mark} {text}"
    return f"{text} {mark}"


DATE_STYLES: dict[str, list[str]] = {
    "en": ["d/m/Y", "d words", "d.m.Y", "d-mon-Y"], "de": ["d.m.Y", "d. words", "d.m.y"],
    "fr": ["d/m/Y", "d words", "d.m.Y"], "nl": ["d-m-Y", "d words", "d/m/Y"], "es": ["d/m/Y", "d de words", "d-m-Y"],
    "it": ["d/m/Y", "d words", "d.m.Y"], "pt": ["d/m/Y", "d-m-Y", "d de words", "Y-m-d"],
    "pl": ["d.m.Y", "Y-m-d", "d words"], "sv": ["Y-m-d", "d words"], "da": ["d.m.Y", "d-m-Y", "d. words"],
    "cs": ["d.m.Y", "d. words", "d. m. Y"],
}  # fmt: skip


def day(date: dt.date, style: str, lang: str) -> str:
    month = MONTHS[lang][date.month - 1]
    return {
        "d/m/Y": f"{date:%d/%m/%Y}", "d.m.Y": f"{date:%d.%m.%Y}", "d-m-Y": f"{date:%d-%m-%Y}", "Y-m-d": date.isoformat(),
        "d.m.y": f"{date:%d.%m.%y}", "d. m. Y": f"{date.day}. {date.month}. {date.year}",
        "d words": f"{date.day} {month} {date.year}", "d. words": f"{date.day}. {month} {date.year}",
        "d de words": f"{date.day} de {month} de {date.year}", "d-mon-Y": f"{date.day:02d}-{month[:3]}-{date.year}",
    }[style]  # fmt: skip


def q(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def _party(rng: random.Random, country: str, lang: str, *, seller: bool) -> Party:
    given, family = PEOPLE[country]
    first, last = rng.choice(given), rng.choice(family)
    if seller:
        name = rng.choice([
            f"{last} {rng.choice(TRADES[lang])} {rng.choice(FORMS[country])}",
            f"{rng.choice(TRADES[lang])} {last} {rng.choice(FORMS[country])}",
            f"{first} {last} {rng.choice(TRADES[lang])}",
            f"{last} & {rng.choice(family)} {rng.choice(FORMS[country])}",
        ])  # fmt: skip
    else:
        name = rng.choice([
            f"{last} {rng.choice(BUYER_WORDS)} {rng.choice(FORMS[country])}",
            f"{rng.choice(BUYER_WORDS)} {rng.choice(['Nord', 'Alba', 'Vega', 'Orion', 'Delta'])} {rng.choice(FORMS[country])}",
        ])  # fmt: skip
    postcode, city = rng.choice(TOWNS[country])
    street = rng.choice(STREETS[country]).format(n=rng.randint(2, 148))
    party = Party(name, street, postcode, city, country, owner=f"{first} {last}")
    party.vat_id, party.vat_printed = vat_id(rng, country)
    party.iban = iban(rng, country)
    party.iban_printed = rng.choice([party.iban, grouped(party.iban)])
    party.bic = (
        "".join(rng.choice("ABCDEFGHKLMNPRSTUVWZ") for _ in range(4))
        + country
        + rng.choice(["2X", "MM", "22", "XX"])
    )
    party.phone = "+" + {"GB": "44", "IE": "353", "DE": "49", "AT": "43", "FR": "33", "BE": "32", "NL": "31",
                         "ES": "34", "IT": "39", "PT": "351", "PL": "48", "SE": "46", "DK": "45", "CZ": "420"}[country] + " " + _digits(rng, 3) + " " + _digits(rng, 6)  # fmt: skip
    return party


def _invoice_number(rng: random.Random, lang: str, year: int) -> str:
    if lang == "cs":  # it doubles as the variable symbol: digits only
        return f"{year}{rng.randint(1, 9999):04d}"
    return rng.choice([
        f"{year}-{rng.randint(1, 999):04d}", f"RE{year % 100:02d}{rng.randint(100, 9999)}", f"{rng.randint(1000, 99999)}",
        f"{rng.randint(1, 250)}/{year}", f"F{year}/{rng.randint(1, 999):03d}", f"INV-{rng.randint(10000, 99999)}",
        f"{year}{rng.randint(1, 12):02d}-{rng.randint(1, 99):02d}", f"FV/{rng.randint(1, 300)}/{rng.randint(1, 12):02d}/{year}",
    ])  # fmt: skip


def draw(rng: random.Random, layout: str, lang: str, *, credit: bool = False, many: bool = False) -> Doc:
    """One document's data: parties, numbers, items and money; labels drawn per document."""
    country = rng.choice(COUNTRIES[lang])
    currency = CURRENCY.get(country, "EUR")
    if country == "PL" and rng.random() < 0.15:
        currency = "EUR"
    seller = _party(rng, country, lang, seller=True)
    buyer_country = country if rng.random() < 0.85 else rng.choice([c for c in RATES if c != country])
    buyer = _party(rng, buyer_country, lang, seller=False)
    issued = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 360))
    due = issued + dt.timedelta(days=rng.choice([7, 10, 14, 21, 30, 45, 60]))
    rates = RATES[country]
    n = rng.randint(24, 46) if many else rng.randint(1, 7)
    lines = []
    names = ITEMS[lang]
    for i in range(n):
        qty = Decimal(rng.choice(["1", "2", "3", "5", "8", "10", "12", "0.5", "2.5", "1.75", "40"]))
        price = Decimal(rng.randint(150, 90000)) / 100 if rng.random() < 0.9 else Decimal(rng.randint(1, 60))
        rate = rates[0] if rng.random() < 0.7 or len(rates) == 1 else rng.choice(rates[1:])
        name = (
            names[i % len(names)]
            if not many
            else f"{names[i % len(names)]} {chr(65 + i // len(names))}{i + 1}"
        )
        lines.append(Line(name, qty, price, rate, q(qty * price)))
    doc = Doc(layout, lang, country, currency, seller, buyer, _invoice_number(rng, lang, issued.year), issued, due,
              lines, credit=credit)  # fmt: skip
    if credit:
        doc.preceding = _invoice_number(rng, lang, issued.year)
        while doc.preceding == doc.number:
            doc.preceding = _invoice_number(rng, lang, issued.year)
    doc.order_no = rng.choice(
        [
            f"PO-{rng.randint(1000, 99999)}",
            f"{rng.randint(100000, 999999)}",
            f"B{rng.randint(100, 9999)}/{issued.year % 100}",
        ]
    )
    doc.customer_no = f"{rng.randint(10000, 99999)}"
    if not credit and rng.random() < 0.35:
        doc.discount_pct = Decimal(rng.choice(["2", "3", "5", "10", "12.5"]))
    if not credit and rng.random() < 0.35:
        doc.shipping = Decimal(rng.choice(["4.90", "6.95", "12.50", "25.00", "49.00"]))
    # per rate: lines' sum, discount, base (+ shipping at the standard rate), VAT
    for rate in sorted(
        {line.rate for line in lines} | ({rates[0]} if doc.shipping else set()), key=Decimal, reverse=True
    ):
        gross = sum((line.total for line in lines if line.rate == rate), Decimal("0"))
        off = q(gross * doc.discount_pct / 100) if doc.discount_pct else Decimal("0")
        base = gross - off + (doc.shipping if rate == rates[0] else Decimal("0"))
        doc.groups[rate] = [gross, off, base, q(base * Decimal(rate) / 100)]
    doc.subtotal = sum((line.total for line in lines), Decimal("0"))
    doc.discount = sum((g[1] for g in doc.groups.values()), Decimal("0"))
    doc.net = sum((g[2] for g in doc.groups.values()), Decimal("0"))
    doc.tax = sum((g[3] for g in doc.groups.values()), Decimal("0"))
    doc.total = doc.net + doc.tax
    if not credit and rng.random() < 0.15:
        doc.paid = q(doc.total * Decimal(rng.choice(["0.3", "0.5", "0.25"])))
    doc.words = {key: rng.choice(options) for key, options in LABELS[lang].items()}
    doc.money_style = rng.choice(MONEY_STYLES[country])
    doc.date_style = rng.choice(DATE_STYLES[lang])
    return doc
