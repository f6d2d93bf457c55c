"""Invented businesses per country: names with the country's real legal forms, addresses as the country writes
them, VAT ids and IBANs with valid check digits, registration numbers, people's names for contacts."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

SURNAMES = {
    "GB": ["Whitfield", "Carter", "Ashdown", "Pembridge", "Hollis", "Marsh", "Kingsley", "Thornton"],
    "IE": ["Brennan", "O'Connell", "Gallagher", "Doyle", "Keane", "Mulligan"],
    "DE": ["Brandt", "Keller", "Hofmann", "Lindner", "Voss", "Krüger", "Seidel", "Haas"],
    "AT": ["Gruber", "Huber", "Pichler", "Moser", "Steiner", "Wallner"],
    "CH": ["Bühler", "Meier", "Zürcher", "Graf", "Rüegg", "Frei"],
    "FR": ["Lefèvre", "Garnier", "Moreau", "Rousseau", "Fontaine", "Girard", "Chevalier"],
    "BE": ["Peeters", "Janssens", "Maes", "Dubois", "Lambert", "Claes"],
    "NL": ["de Vries", "Bakker", "Visser", "Smit", "Meijer", "van Dijk", "Mulder"],
    "ES": ["García", "Navarro", "Ortega", "Serrano", "Iglesias", "Herrera", "Vidal"],
    "IT": ["Bianchi", "Ferraro", "Colombo", "Esposito", "Ricci", "Marino", "Greco"],
    "PT": ["Silva", "Ferreira", "Carvalho", "Pereira", "Sousa", "Lopes"],
    "PL": ["Nowak", "Wiśniewski", "Kowalczyk", "Zieliński", "Wójcik", "Lewandowski"],
    "SE": ["Lindqvist", "Björk", "Eriksson", "Sandberg", "Holm", "Nyström"],
    "DK": ["Madsen", "Kjær", "Rasmussen", "Sørensen", "Thomsen", "Lund"],
    "CZ": ["Novotný", "Dvořák", "Svoboda", "Černý", "Procházka", "Kučera"],
}
FIRST = {
    "GB": ["James", "Sarah", "Oliver", "Emma"],
    "IE": ["Sean", "Aoife", "Ciaran"],
    "DE": ["Jonas", "Anna", "Lukas", "Miriam"],
    "AT": ["Florian", "Katharina"],
    "CH": ["Reto", "Corinne"],
    "FR": ["Julien", "Camille", "Mathieu", "Claire"],
    "BE": ["Pieter", "Sofie", "Luc"],
    "NL": ["Daan", "Sanne", "Jeroen", "Femke"],
    "ES": ["Javier", "Lucía", "Álvaro", "Marta"],
    "IT": ["Marco", "Giulia", "Luca", "Chiara"],
    "PT": ["João", "Inês", "Rui", "Marta"],
    "PL": ["Tomasz", "Katarzyna", "Piotr", "Agnieszka"],
    "SE": ["Erik", "Karin", "Johan", "Sofia"],
    "DK": ["Mads", "Mette", "Rasmus", "Line"],
    "CZ": ["Jan", "Petra", "Tomáš", "Lucie"],
}
TRADES = {
    "GB": ["Engineering", "Print Solutions", "Facilities", "Digital", "Supplies", "Joinery"],
    "IE": ["Building Services", "Software", "Catering Supplies", "Electrical"],
    "DE": ["Haustechnik", "Metallbau", "Druckerei", "Software", "Logistik", "Bürobedarf"],
    "AT": ["Installationen", "Holzbau", "IT-Services", "Elektrotechnik"],
    "CH": ["Gebäudetechnik", "Informatik", "Schreinerei", "Treuhand"],
    "FR": ["Bâtiment", "Informatique", "Imprimerie", "Électricité", "Conseil"],
    "BE": ["Bouw", "Techniek", "Services", "Transport"],
    "NL": ["Installatietechniek", "Bouw", "ICT", "Schilderwerken", "Logistiek"],
    "ES": ["Instalaciones", "Reformas", "Informática", "Distribuciones", "Asesores"],
    "IT": ["Impianti", "Costruzioni", "Informatica", "Forniture", "Servizi"],
    "PT": ["Construções", "Informática", "Climatização", "Serviços"],
    "PL": ["Instalacje", "Budownictwo", "Systemy IT", "Handel", "Serwis"],
    "SE": ["Bygg", "VVS", "Data", "El", "Konsult"],
    "DK": ["VVS", "Byg", "IT", "El-service", "Rådgivning"],
    "CZ": ["Stavby", "Instalace", "IT služby", "Obchod", "Servis"],
}
FORMS = {
    "GB": ["Ltd", "Limited", "LLP"],
    "IE": ["Ltd", "Limited", "DAC"],
    "DE": ["GmbH", "GmbH & Co. KG", "UG (haftungsbeschränkt)", "KG", "AG"],
    "AT": ["GmbH", "KG", "OG"],
    "CH": ["AG", "GmbH", "SA"],
    "FR": ["SARL", "SAS", "SA", "EURL"],
    "BE": ["BV", "SRL", "NV", "SA"],
    "NL": ["B.V.", "V.O.F.", "N.V."],
    "ES": ["S.L.", "S.A.", "S.L.U."],
    "IT": ["S.r.l.", "S.p.A.", "S.n.c.", "S.r.l.s."],
    "PT": ["Lda.", "S.A.", "Unipessoal Lda."],
    "PL": ["Sp. z o.o.", "S.A.", "sp.j.", "sp. k."],
    "SE": ["AB", "HB"],
    "DK": ["ApS", "A/S", "I/S"],
    "CZ": ["s.r.o.", "a.s.", "v.o.s."],
}
STREETS = {
    "GB": ["High Street", "Station Road", "Mill Lane", "Victoria Road", "Church Street", "Kingsway"],
    "IE": ["Main Street", "Dublin Road", "Parnell Street", "Patrick Street"],
    "DE": ["Hauptstraße", "Bahnhofstraße", "Industriestraße", "Gartenweg", "Lindenallee", "Am Markt"],
    "AT": ["Mariahilfer Straße", "Landstraße", "Gewerbepark", "Wiener Straße"],
    "CH": ["Bahnhofstrasse", "Seestrasse", "Dorfstrasse", "Industriestrasse"],
    "FR": [
        "rue de la République",
        "avenue Jean Jaurès",
        "boulevard Victor Hugo",
        "rue des Artisans",
        "chemin des Vignes",
    ],
    "BE": ["Rue de la Station", "Kerkstraat", "Avenue Louise", "Stationsstraat"],
    "NL": ["Kerkstraat", "Industrieweg", "Stationsplein", "Dorpsstraat", "Havenweg"],
    "ES": ["Calle Mayor", "Avenida de la Constitución", "Calle del Sol", "Polígono Industrial Sur, nave"],
    "IT": ["Via Roma", "Via Garibaldi", "Corso Italia", "Via dell'Industria", "Viale Europa"],
    "PT": ["Rua Augusta", "Avenida da Liberdade", "Rua do Comércio", "Rua das Flores"],
    "PL": ["ul. Marszałkowska", "ul. Długa", "ul. Przemysłowa", "al. Jana Pawła II", "ul. Kwiatowa"],
    "SE": ["Storgatan", "Industrivägen", "Kungsgatan", "Drottninggatan", "Hamngatan"],
    "DK": ["Vestergade", "Industrivej", "Nørregade", "Strandvejen", "Østergade"],
    "CZ": ["Václavské náměstí", "Průmyslová", "Nádražní", "Husova", "Palackého"],
}
CITIES = {
    "GB": [("Leeds", "LS1 4DY"), ("Bristol", "BS1 6QF"), ("Manchester", "M4 1HQ"), ("Norwich", "NR2 1PB")],
    "IE": [("Dublin 2", "D02 X285"), ("Cork", "T12 RX26"), ("Galway", "H91 E2K3")],
    "DE": [
        ("München", "80331"),
        ("Hamburg", "20095"),
        ("Köln", "50667"),
        ("Leipzig", "04109"),
        ("Stuttgart", "70173"),
    ],
    "AT": [("Wien", "1060"), ("Graz", "8010"), ("Linz", "4020")],
    "CH": [("Zürich", "8001"), ("Bern", "3011"), ("Luzern", "6003"), ("Lausanne", "1003")],
    "FR": [
        ("Lyon", "69003"),
        ("Nantes", "44000"),
        ("Toulouse", "31000"),
        ("Lille", "59000"),
        ("Paris", "75011"),
    ],
    "BE": [("Bruxelles", "1000"), ("Gent", "9000"), ("Antwerpen", "2000"), ("Liège", "4000")],
    "NL": [
        ("Utrecht", "3511 AB"),
        ("Rotterdam", "3011 BD"),
        ("Eindhoven", "5611 HJ"),
        ("Groningen", "9711 LM"),
    ],
    "ES": [("Madrid", "28013"), ("Valencia", "46002"), ("Sevilla", "41001"), ("Zaragoza", "50001")],
    "IT": [("Milano", "20121"), ("Bologna", "40121"), ("Torino", "10121"), ("Bari", "70121")],
    "PT": [("Lisboa", "1100-148"), ("Porto", "4000-322"), ("Braga", "4700-035"), ("Coimbra", "3000-150")],
    "PL": [("Warszawa", "00-950"), ("Kraków", "31-042"), ("Poznań", "61-772"), ("Wrocław", "50-101")],
    "SE": [("Stockholm", "111 52"), ("Göteborg", "411 06"), ("Malmö", "211 20"), ("Uppsala", "753 20")],
    "DK": [("København K", "1150"), ("Aarhus C", "8000"), ("Odense C", "5000"), ("Aalborg", "9000")],
    "CZ": [("Praha 1", "110 00"), ("Brno", "602 00"), ("Ostrava", "702 00"), ("Plzeň", "301 00")],
}
FACTORS = {
    "GB": "Northbridge Invoice Finance Ltd",
    "IE": "Emerald Trade Finance DAC",
    "DE": "Mercator Factoring GmbH",
    "AT": "Alpen Factoring AG",
    "CH": "Helvetia Debitoren AG",
    "FR": "Factorix France SAS",
    "BE": "Benelux Factoring NV",
    "NL": "Lage Landen Factoring B.V.",
    "ES": "Iberfactor S.A.",
    "IT": "Factorit Nord S.p.A.",
    "PT": "Lusofactor S.A.",
    "PL": "Faktoria Polska Sp. z o.o.",
    "SE": "Nordisk Fakturaköp AB",
    "DK": "Dansk Factoring A/S",
    "CZ": "Faktoring Praha a.s.",
}


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str | None = None
    """Compact, as the truth holds it (country prefix, no blanks or dots)."""
    vat_shown: str | None = None
    """As the page prints it."""
    iban: str | None = None
    bic: str | None = None
    reg: str | None = None
    contact: str | None = None
    phone: str | None = None
    email: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def city_line(self) -> str:
        if self.country in ("GB", "IE"):
            return f"{self.city} {self.postcode}"
        if False:
            return ""
        return f"{self.postcode} {self.city}"

    def street_line(self) -> str:
        return self.street


def _digits(rng: random.Random, n: int, first_nonzero: bool = True) -> list[int]:
    out = [rng.randint(1 if first_nonzero else 0, 9)]
    out += [rng.randint(0, 9) for _ in range(n - 1)]
    return out


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def vat_id(country: str, rng: random.Random) -> tuple[str, str, str]:
    """(compact VAT id, as printed, a national registration number) with valid check digits."""
    while True:
        if country == "GB":
            d = _digits(rng, 7)
            s = sum(x * w for x, w in zip(d, range(8, 1, -1), strict=False))
            check = (-s) % 97
            num = "".join(map(str, d)) + f"{check:02d}"
            shown = f"GB {num[:3]} {num[3:7]} {num[7:]}"
            return "GB" + num, rng.choice([shown, "GB" + num]), f"{rng.randint(1000000, 13999999):08d}"
        if country == "IE":
            d = _digits(rng, 7, first_nonzero=False)
            s = sum(x * w for x, w in zip(d, range(8, 1, -1), strict=False))
            num = "".join(map(str, d)) + "WABCDEFGHIJKLMNOPQRSTUV"[s % 23]
            return "IE" + num, "IE" + num, str(rng.randint(100000, 799999))
        if country in ("DE",):
            d = _digits(rng, 8)
            p = 10
            for x in d:
                s = (x + p) % 10 or 10
                p = (2 * s) % 11
            check = (11 - p) % 10
            num = "".join(map(str, d)) + str(check)
            return (
                "DE" + num,
                rng.choice(["DE" + num, f"DE {num[:3]} {num[3:6]} {num[6:]}"]),
                str(rng.randint(10000, 259999)),
            )
        if country == "AT":
            d = _digits(rng, 7)
            s = sum(x if i % 2 == 0 else (2 * x // 10 + 2 * x % 10) for i, x in enumerate(d))
            check = (10 - (s + 4) % 10) % 10
            num = "".join(map(str, d)) + str(check)
            return "ATU" + num, "ATU" + num, f"FN {rng.randint(100000, 599999)}{rng.choice('abdfhkmpstvwx')}"
        if country == "CH":
            d = _digits(rng, 8)
            s = sum(x * w for x, w in zip(d, (5, 4, 3, 2, 7, 6, 5, 4), strict=False))
            check = 11 - s % 11
            if check == 10:
                continue
            check = 0 if check == 11 else check
            num = "".join(map(str, d)) + str(check)
            shown = f"CHE-{num[:3]}.{num[3:6]}.{num[6:]}"
            return "CHE" + num, shown, shown
        if country == "FR":
            while True:
                siren = "".join(map(str, _digits(rng, 8)))
                for last in range(10):
                    if _luhn_ok(siren + str(last)):
                        siren += str(last)
                        break
                break
            key = (12 + 3 * (int(siren) % 97)) % 97
            num = f"{key:02d}{siren}"
            return (
                "FR" + num,
                rng.choice(["FR" + num, f"FR {num[:2]} {siren[:3]} {siren[3:6]} {siren[6:]}"]),
                siren,
            )
        if country == "BE":
            base = rng.randint(2000000, 9999999)
            first8 = int(f"0{base}")
            check = 97 - first8 % 97
            num = f"0{base}{check:02d}"
            shown = f"BE {num[:4]}.{num[4:7]}.{num[7:]}"
            return "BE" + num, rng.choice([shown, "BE" + num]), f"{num[:4]}.{num[4:7]}.{num[7:]}"
        if country == "NL":
            d = _digits(rng, 8)
            s = sum(x * w for x, w in zip(d, range(9, 1, -1), strict=False))
            check = s % 11
            if check == 10:
                continue
            num = "".join(map(str, d)) + str(check) + "B01"
            return "NL" + num, "NL" + num, f"{rng.randint(10000000, 99999999)}"
        if country == "ES":
            letter = rng.choice("AB")
            d = _digits(rng, 7)
            a = d[1] + d[3] + d[5]
            b = sum((2 * x) // 10 + (2 * x) % 10 for x in (d[0], d[2], d[4], d[6]))
            control = (10 - (a + b) % 10) % 10
            num = letter + "".join(map(str, d)) + str(control)
            return "ES" + num, rng.choice([num, "ES" + num, f"{letter}-{num[1:]}"]), num
        if country == "IT":
            d = _digits(rng, 7, first_nonzero=False) + [int(c) for c in f"{rng.randint(1, 100):03d}"]
            s = 0
            for i, x in enumerate(d):
                s += x if i % 2 == 0 else (2 * x - 9 if 2 * x > 9 else 2 * x)
            num = "".join(map(str, d)) + str((10 - s % 10) % 10)
            return "IT" + num, rng.choice([num, "IT" + num, "IT " + num]), f"{rng.randint(100000, 2999999)}"
        if country == "PT":
            d = [5, *_digits(rng, 7, first_nonzero=False)]
            s = sum(x * w for x, w in zip(d, range(9, 1, -1), strict=False))
            check = 11 - s % 11
            check = 0 if check >= 10 else check
            num = "".join(map(str, d)) + str(check)
            return "PT" + num, rng.choice([num, "PT" + num, "PT " + num]), num
        if country == "PL":
            d = _digits(rng, 9)
            check = sum(x * w for x, w in zip(d, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=False)) % 11
            if check == 10:
                continue
            num = "".join(map(str, d)) + str(check)
            shown = rng.choice([num, f"{num[:3]}-{num[3:6]}-{num[6:8]}-{num[8:]}", "PL" + num])
            return (
                ("PL" + num if shown.startswith("PL") else num),
                shown,
                f"0000{rng.randint(100000, 999999)}",
            )
        if country == "SE":
            d = [5, 5, rng.choice([6, 9]), *_digits(rng, 6, first_nonzero=False)]
            body = "".join(map(str, d))
            last = next(x for x in range(10) if _luhn_ok(body + str(x)))
            org = body + str(last)
            return "SE" + org + "01", rng.choice(["SE" + org + "01", f"SE{org}01"]), f"{org[:6]}-{org[6:]}"
        if country == "DK":
            d = _digits(rng, 7)
            s = sum(x * w for x, w in zip(d, (2, 7, 6, 5, 4, 3, 2), strict=False))
            check = (-s) % 11
            if check == 10:
                continue
            num = "".join(map(str, d)) + str(check)
            return (
                "DK" + num,
                rng.choice(["DK" + num, "DK " + num[:2] + " " + num[2:4] + " " + num[4:6] + " " + num[6:]]),
                num,
            )
        if country == "CZ":
            d = [rng.randint(1, 8), *_digits(rng, 6, first_nonzero=False)]  # a company IČO never opens with 9
            r = sum(x * w for x, w in zip(d, range(8, 1, -1), strict=False)) % 11
            check = 1 if r == 0 else 0 if r == 1 else 11 - r
            check %= 10
            num = "".join(map(str, d)) + str(check)
            return "CZ" + num, "CZ" + num, num
        raise ValueError(country)


IBAN_SHAPE = {
    "GB": "AAAA" + "n" * 14,
    "IE": "AAAA" + "n" * 14,
    "DE": "n" * 18,
    "AT": "n" * 16,
    "CH": "n" * 17,
    "FR": "n" * 23,
    "BE": "n" * 12,
    "NL": "AAAA" + "n" * 10,
    "ES": "n" * 20,
    "IT": "A" + "n" * 22,
    "PT": "n" * 21,
    "PL": "n" * 24,
    "SE": "n" * 20,
    "DK": "n" * 14,
    "CZ": "n" * 20,
}
BANK_CODES = {"GB": ["BARC", "LOYD", "NWBK", "HBUK"], "IE": ["AIBK", "BOFI"], "NL": ["INGB", "RABO", "ABNA"]}
BANKS = {
    "GB": "Barclays Bank",
    "IE": "AIB",
    "DE": "Sparkasse",
    "AT": "Erste Bank",
    "CH": "Zürcher Kantonalbank",
    "FR": "Crédit Agricole",
    "BE": "KBC Bank",
    "NL": "ING Bank",
    "ES": "CaixaBank",
    "IT": "Intesa Sanpaolo",
    "PT": "Millennium bcp",
    "PL": "PKO Bank Polski",
    "SE": "Handelsbanken",
    "DK": "Danske Bank",
    "CZ": "Komerční banka",
}


def iban(country: str, rng: random.Random) -> str:
    shape = IBAN_SHAPE[country]
    bban = ""
    i = 0
    if shape.startswith("AAAA") and country in BANK_CODES:
        bban = rng.choice(BANK_CODES[country])
        i = 4
    for ch in shape[i:]:
        bban += rng.choice(string.ascii_uppercase) if ch == "A" else str(rng.randint(0, 9))
    if country == "ES":  # bank, branch, two national check digits (mod 11), account
        weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)

        def mod11(digits: str) -> str:
            value = 11 - sum(int(x) * w for x, w in zip(digits, weights, strict=True)) % 11
            return str({11: 0, 10: 1}.get(value, value))

        bban = bban[:8] + mod11("00" + bban[:8]) + mod11(bban[10:]) + bban[10:]
    if country == "BE":  # a bank's code, seven digits, and the ten digits' remainder modulo 97
        bban = rng.choice(["001", "068", "310", "363", "734", "735", "737", "063"]) + bban[3:]
        rest = int(bban[:10]) % 97 or 97
        bban = bban[:10] + f"{rest:02d}"
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


def grouped(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def company(country: str, rng: random.Random) -> Party:
    surname = rng.choice(SURNAMES[country])
    trade = rng.choice(TRADES[country])
    form = rng.choice(FORMS[country])
    style = rng.randrange(3)
    if style == 0:
        base = f"{surname} {trade}"
    elif style == 1:
        other = rng.choice([s for s in SURNAMES[country] if s != surname])
        joiner = {"ES": " y ", "IT": " & ", "PT": " & ", "FR": " & ", "PL": " i ", "CZ": " a "}.get(
            country, " & "
        )
        base = f"{surname}{joiner}{other}"
    else:
        base = f"{trade} {surname}" if country not in ("GB", "IE") else f"{surname} {trade}"
    name = f"{base} {form}"
    city, postcode = rng.choice(CITIES[country])
    street = rng.choice(STREETS[country])
    number = str(rng.randint(1, 180))
    if country in ("GB", "IE", "FR") or (country == "BE" and street.startswith(("Rue", "Avenue"))):
        street_line = f"{number} {street}" if country != "FR" else f"{number}, {street}"
        if country == "BE":
            street_line = f"{street} {number}"
    elif country == "ES" or country == "IT" or country == "PT":
        street_line = f"{street}, {number}"
    elif street.endswith("nave"):
        street_line = f"{street} {number}"
    else:
        street_line = f"{street} {number}"
    if country == "CZ" and rng.random() < 0.5:
        street_line = f"{street} {rng.randint(100, 2999)}/{number}"
    compact, shown, reg = vat_id(country, rng)
    first = rng.choice(FIRST[country])
    contact_surname = rng.choice(SURNAMES[country])
    domain = "".join(c for c in surname.lower() if c.isascii() and c.isalpha()) or "firma"
    tld = {"GB": "co.uk", "IE": "ie", "CH": "ch", "AT": "at"}.get(country, country.lower())
    party = Party(
        name=name,
        street=street_line,
        postcode=postcode,
        city=city,
        country=country,
        vat_id=compact,
        vat_shown=shown,
        iban=iban(country, rng),
        bic=None,
        reg=reg,
        contact=f"{first} {contact_surname}",
        phone=_phone(country, rng),
        email=f"{rng.choice(['info', 'accounts', 'invoices', 'office'])}@{domain}.{tld}",
    )
    party.extra["bank"] = BANKS[country]
    party.extra["bic"] = _bic(country, rng)
    return party


def person(country: str, rng: random.Random, trade: str) -> Party:
    """A self-employed person: the seller's name is the person's name; a trade line stands under it."""
    party = company(country, rng)
    party.name = f"{rng.choice(FIRST[country])} {rng.choice(SURNAMES[country])}"
    party.extra["trade"] = trade
    return party


def base_name(party: Party) -> str:
    """The name without its legal form."""
    for form in sorted(FORMS[party.country], key=len, reverse=True):
        if party.name.endswith(" " + form):
            return party.name[: -len(form) - 1]
    return party.name


def _phone(country: str, rng: random.Random) -> str:
    prefix = {
        "GB": "+44 113",
        "IE": "+353 1",
        "DE": "+49 89",
        "AT": "+43 1",
        "CH": "+41 44",
        "FR": "+33 4",
        "BE": "+32 2",
        "NL": "+31 30",
        "ES": "+34 91",
        "IT": "+39 02",
        "PT": "+351 21",
        "PL": "+48 22",
        "SE": "+46 8",
        "DK": "+45",
        "CZ": "+420 2",
    }[country]
    return f"{prefix} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def _bic(country: str, rng: random.Random) -> str:
    return (
        "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
        + country
        + rng.choice(["2X", "MM", "22", "PP"])
        + rng.choice(["", "XXX"])
    )
