"""Locale conventions of evals/synth7: number and date formats, currency, VAT rates, legal forms, company
name parts and places, written from general knowledge of documents printed in each country."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Locale:
    tag: str
    lang: str
    country: str
    currency: str
    sign: str
    """The currency as the page prints it next to an amount (a sign or the ISO code)."""
    sign_before: bool
    sign_unique: bool
    """The sign alone names the currency (€, zł, Kč, Ft …); otherwise the ISO code is printed too."""
    decimal: str
    group: str
    dates: tuple[str, ...]
    """strftime-like patterns: %d %m %Y, plus %e (day without zero) and %n (month without zero)."""
    rates: tuple[Decimal, ...]
    """Standard VAT rate first, then reduced ones."""
    legal: tuple[str, ...]
    surnames: tuple[str, ...]
    trades: tuple[str, ...]
    shops: tuple[str, ...]
    streets: tuple[str, ...]
    places: tuple[tuple[str, str], ...]
    """(postcode, city)."""
    places_digits: int = 2
    """Decimal places of the currency as printed (forint amounts print none)."""
    street_number_first: bool = False

    def number(self, value: Decimal) -> str:
        """``value`` in this locale's marks, e.g. 1.234,50 or 1 234,50 (no currency)."""
        q = Decimal(1).scaleb(-self.places_digits)
        value = value.quantize(q, ROUND_HALF_UP)
        sign = "-" if value < 0 else ""
        whole, _, frac = f"{abs(value):f}".partition(".")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        text = self.group.join(groups)
        return sign + text + (self.decimal + frac if self.places_digits else "")

    def money(self, value: Decimal, *, code: bool = False) -> str:
        sign = self.currency if code else self.sign
        text = self.number(value)
        if self.sign_before:
            return f"{sign}{text}" if sign in ("£", "$", "R") else f"{sign} {text}"
        return f"{text} {sign}"

    def date(self, day: date, pattern: str | None = None) -> str:
        pattern = pattern or self.dates[0]
        return (
            pattern.replace("%d", f"{day.day:02d}")
            .replace("%m", f"{day.month:02d}")
            .replace("%Y", str(day.year))
            .replace("%e", str(day.day))
            .replace("%n", str(day.month))
        )


def _l(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


LOCALES: dict[str, Locale] = {
    "en-GB": Locale("en-GB", "en", "GB", "GBP", "£", True, True, ".", ",", ("%d/%m/%Y",), _l("20", "5"),
                    ("Ltd", "Limited", "LLP", "plc"), ("Ashworth", "Pemberton", "Hargreaves", "Caldwell", "Thornton", "Whitfield"),
                    ("Joinery", "Electrical Services", "Print Solutions", "Building Supplies", "Facilities", "Engineering"),
                    ("Corner Stores", "High Street Deli", "The Coffee House", "Village Bakery"),
                    ("High Street", "Station Road", "Mill Lane", "Church Road"),
                    (("LS1 4DT", "Leeds"), ("BS1 5TR", "Bristol"), ("M2 3WQ", "Manchester"), ("NG1 6FB", "Nottingham")),
                    street_number_first=True),
    "en-IE": Locale("en-IE", "en", "IE", "EUR", "€", True, True, ".", ",", ("%d/%m/%Y", "%d-%m-%Y"), _l("23", "13.5"),
                    ("Ltd", "Limited", "DAC"), ("Byrne", "Gallagher", "Doherty", "Kavanagh", "Brennan", "Lynch"),
                    ("Plumbing", "Hardware", "Office Supplies", "Electrical", "Catering Equipment", "Fabrication"),
                    ("Centra Quay", "Corner Deli", "The Daily Grind", "Harbour Bakery"),
                    ("Main Street", "Bridge Street", "Quay Road", "Parnell Street"),
                    (("D02 XY45", "Dublin 2"), ("T12 K8AF", "Cork"), ("H91 E2K3", "Galway"), ("V94 T9PX", "Limerick")),
                    street_number_first=True),
    "en-ZA": Locale("en-ZA", "en", "ZA", "ZAR", "R", True, False, ".", " ", ("%Y/%m/%d", "%d/%m/%Y"), _l("15",),
                    ("(Pty) Ltd", "CC", "Inc."), ("van der Merwe", "Naidoo", "Botha", "Dlamini", "Pillay", "Pretorius"),
                    ("Hardware", "Electrical", "Office Solutions", "Steel Works", "Catering Supplies", "Logistics"),
                    ("Spaza Corner", "Bayside Deli", "Karoo Coffee", "Boksburg Bakery"),
                    ("Main Road", "Church Street", "Voortrekker Road", "Jan Smuts Avenue"),
                    (("8001", "Cape Town"), ("2196", "Johannesburg"), ("4001", "Durban"), ("0002", "Pretoria")),
                    street_number_first=True),
    "en-AU": Locale("en-AU", "en", "AU", "AUD", "$", True, False, ".", ",", ("%d/%m/%Y",), _l("10",),
                    ("Pty Ltd", "Pty. Ltd."), ("Fitzgerald", "Nguyen", "McAllister", "Kowalski", "Henderson", "Papadopoulos"),
                    ("Plumbing", "Electrical", "Landscaping", "Office Supplies", "Building Materials", "Refrigeration"),
                    ("Corner Store", "Bondi Deli", "Flat White Co", "Bakehouse"),
                    ("George Street", "Pitt Street", "Chapel Street", "Albert Road"),
                    (("NSW 2000", "Sydney"), ("VIC 3000", "Melbourne"), ("QLD 4000", "Brisbane"), ("WA 6000", "Perth")),
                    street_number_first=True),
    "de-DE": Locale("de-DE", "de", "DE", "EUR", "€", False, True, ",", ".", ("%d.%m.%Y",), _l("19", "7"),
                    ("GmbH", "GmbH & Co. KG", "AG", "e.K.", "UG (haftungsbeschränkt)", "OHG"),
                    ("Hoffmann", "Becker", "Schröder", "Wagner", "Krüger", "Lehmann"),
                    ("Metallbau", "Elektrotechnik", "Druckerei", "Holzhandel", "Gebäudeservice", "Kältetechnik"),
                    ("Bäckerei", "Getränkemarkt", "Café", "Feinkost"),
                    ("Hauptstraße", "Bahnhofstraße", "Industriestraße", "Lindenweg"),
                    (("10115", "Berlin"), ("50667", "Köln"), ("80331", "München"), ("04109", "Leipzig"))),
    "de-AT": Locale("de-AT", "de", "AT", "EUR", "€", True, True, ",", ".", ("%d.%m.%Y",), _l("20", "10"),
                    ("GmbH", "KG", "OG", "e.U."), ("Gruber", "Huber", "Pichler", "Steiner", "Moser", "Hofer"),
                    ("Installationen", "Tischlerei", "Elektro", "Bürobedarf", "Baustoffe", "Gastrotechnik"),
                    ("Bäckerei", "Kaffeehaus", "Greißler", "Konditorei"),
                    ("Hauptplatz", "Mariahilfer Straße", "Landstraße", "Kirchengasse"),
                    (("1010", "Wien"), ("8010", "Graz"), ("4020", "Linz"), ("5020", "Salzburg"))),
    "fr-FR": Locale("fr-FR", "fr", "FR", "EUR", "€", False, True, ",", "\u202f", ("%d/%m/%Y",), _l("20", "5.5"),
                    ("SARL", "SAS", "SA", "EURL"), ("Lefèvre", "Moreau", "Garnier", "Rousseau", "Fontaine", "Chevalier"),
                    ("Menuiserie", "Électricité", "Imprimerie", "Matériaux", "Nettoyage Industriel", "Froid et Climatisation"),
                    ("Boulangerie", "Épicerie", "Café", "Primeur"),
                    ("rue de la République", "avenue Jean Jaurès", "boulevard Victor Hugo", "rue des Lilas"),
                    (("69002", "Lyon"), ("33000", "Bordeaux"), ("59000", "Lille"), ("31000", "Toulouse")),
                    street_number_first=True),
    "nl-NL": Locale("nl-NL", "nl", "NL", "EUR", "€", True, True, ",", ".", ("%d-%m-%Y",), _l("21", "9"),
                    ("B.V.", "N.V.", "V.O.F."), ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Mulder"),
                    ("Installatietechniek", "Drukwerk", "Bouwmaterialen", "Schoonmaak", "Metaalbewerking", "Kantoorartikelen"),
                    ("Bakkerij", "Koffiebar", "Slagerij", "Buurtsuper"),
                    ("Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg"),
                    (("1012 AB", "Amsterdam"), ("3511 LN", "Utrecht"), ("2511 BT", "Den Haag"), ("9711 HV", "Groningen"))),
    "nl-BE": Locale("nl-BE", "nl", "BE", "EUR", "€", True, True, ",", ".", ("%d/%m/%Y",), _l("21", "6"),
                    ("BV", "NV", "CommV"), ("Peeters", "Janssens", "Maes", "Claes", "Wouters", "Goossens"),
                    ("Schrijnwerkerij", "Elektro", "Bouwmaterialen", "Kantoorinrichting", "Verwarming", "Drukkerij"),
                    ("Bakkerij", "Frituur", "Koffiehuis", "Dagbladhandel"),
                    ("Kerkstraat", "Stationsstraat", "Meir", "Veldstraat"),
                    (("2000", "Antwerpen"), ("9000", "Gent"), ("3000", "Leuven"), ("8000", "Brugge"))),
    "es-ES": Locale("es-ES", "es", "ES", "EUR", "€", False, True, ",", ".", ("%d/%m/%Y", "%d-%m-%Y"), _l("21", "10"),
                    ("S.L.", "S.A.", "S.L.U."), ("García", "Martínez", "Fernández", "Ruiz", "Navarro", "Romero"),
                    ("Instalaciones", "Carpintería", "Suministros Industriales", "Artes Gráficas", "Climatización", "Limpiezas"),
                    ("Panadería", "Cafetería", "Frutería", "Ultramarinos"),
                    ("Calle Mayor", "Avenida de la Constitución", "Calle Real", "Paseo del Prado"),
                    (("28013", "Madrid"), ("08002", "Barcelona"), ("46001", "Valencia"), ("41001", "Sevilla"))),
    "it-IT": Locale("it-IT", "it", "IT", "EUR", "€", True, True, ",", ".", ("%d/%m/%Y",), _l("22", "10"),
                    ("S.r.l.", "S.p.A.", "S.n.c.", "S.a.s."), ("Rossi", "Bianchi", "Ferrari", "Esposito", "Colombo", "Ricci"),
                    ("Impianti Elettrici", "Falegnameria", "Forniture Industriali", "Tipografia", "Termoidraulica", "Edilizia"),
                    ("Panificio", "Bar", "Alimentari", "Pasticceria"),
                    ("Via Roma", "Corso Italia", "Via Garibaldi", "Piazza Mazzini"),
                    (("20121", "Milano"), ("10121", "Torino"), ("40121", "Bologna"), ("50123", "Firenze"))),
    "pt-PT": Locale("pt-PT", "pt", "PT", "EUR", "€", False, True, ",", " ", ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"),
                    _l("23", "6"), ("Lda.", "S.A.", "Unipessoal Lda."), ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa"),
                    ("Construções", "Eletricidade", "Artes Gráficas", "Materiais de Escritório", "Climatização", "Serralharia"),
                    ("Padaria", "Pastelaria", "Mercearia", "Café"),
                    ("Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina", "Rua do Comércio"),
                    (("1100-053", "Lisboa"), ("4000-322", "Porto"), ("3000-150", "Coimbra"), ("8000-073", "Faro"))),
    "pl-PL": Locale("pl-PL", "pl", "PL", "PLN", "zł", False, True, ",", " ", ("%d.%m.%Y", "%Y-%m-%d"), _l("23", "8"),
                    ("Sp. z o.o.", "S.A.", "sp.j."), ("Nowak", "Kowalczyk", "Wiśniewski", "Zieliński", "Lewandowski", "Wójcik"),
                    ("Instalacje", "Stolarstwo", "Hurtownia Elektryczna", "Drukarnia", "Materiały Budowlane", "Serwis Chłodniczy"),
                    ("Piekarnia", "Sklep Spożywczy", "Kawiarnia", "Delikatesy"),
                    ("ul. Marszałkowska", "ul. Długa", "ul. Kościuszki", "ul. Polna"),
                    (("00-001", "Warszawa"), ("30-001", "Kraków"), ("50-001", "Wrocław"), ("80-001", "Gdańsk"))),
    "sv-SE": Locale("sv-SE", "sv", "SE", "SEK", "kr", False, False, ",", " ", ("%Y-%m-%d",), _l("25", "12"),
                    ("AB", "HB", "Handelsbolag"), ("Lindqvist", "Andersson", "Bergström", "Nyström", "Holm", "Sandberg"),
                    ("Bygg", "El & Tele", "Tryckeri", "Kontorsmaterial", "Rör", "Kyl & Frys"),
                    ("Bageri", "Kafé", "Livs", "Konditori"),
                    ("Storgatan", "Kungsgatan", "Drottninggatan", "Skolvägen"),
                    (("111 52", "Stockholm"), ("411 01", "Göteborg"), ("211 20", "Malmö"), ("753 20", "Uppsala"))),
    "da-DK": Locale("da-DK", "da", "DK", "DKK", "kr.", False, False, ",", ".", ("%d.%m.%Y", "%d-%m-%Y"), _l("25",),
                    ("ApS", "A/S", "I/S"), ("Nielsen", "Jensen", "Rasmussen", "Kristensen", "Mortensen", "Holm"),
                    ("VVS", "El-service", "Tømrer", "Kontorartikler", "Byggemarked", "Køleteknik"),
                    ("Bageri", "Kaffebar", "Købmand", "Slagter"),
                    ("Vestergade", "Østergade", "Nørregade", "Algade"),
                    (("1050", "København K"), ("8000", "Aarhus C"), ("5000", "Odense C"), ("9000", "Aalborg"))),
    "cs-CZ": Locale("cs-CZ", "cs", "CZ", "CZK", "Kč", False, True, ",", " ", ("%e. %n. %Y", "%d.%m.%Y"), _l("21", "12"),
                    ("s.r.o.", "a.s.", "v.o.s."), ("Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera"),
                    ("Elektro", "Stavebniny", "Tiskárna", "Truhlářství", "Kancelářské potřeby", "Topení"),
                    ("Pekařství", "Kavárna", "Potraviny", "Řeznictví"),
                    ("Masarykova", "Nádražní", "Husova", "Palackého"),
                    (("110 00", "Praha 1"), ("602 00", "Brno"), ("301 00", "Plzeň"), ("702 00", "Ostrava"))),
    "fi-FI": Locale("fi-FI", "fi", "FI", "EUR", "€", False, True, ",", " ", ("%e.%n.%Y", "%d.%m.%Y"), _l("25.5", "14"),
                    ("Oy", "Oyj", "Ky"), ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine"),
                    ("Rakennus", "Sähkö", "Painotalo", "Toimistotarvike", "LVI", "Kylmätekniikka"),
                    ("Leipomo", "Kahvila", "Lähikauppa", "Konditoria"),
                    ("Mannerheimintie", "Hämeenkatu", "Kauppakatu", "Rantatie"),
                    (("00100", "Helsinki"), ("33100", "Tampere"), ("20100", "Turku"), ("90100", "Oulu"))),
    "nb-NO": Locale("nb-NO", "nb", "NO", "NOK", "kr", True, False, ",", " ", ("%d.%m.%Y",), _l("25", "15"),
                    ("AS", "ASA", "ANS"), ("Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen"),
                    ("Bygg", "Elektro", "Rørlegger", "Kontorrekvisita", "Trykkeri", "Kjøleservice"),
                    ("Bakeri", "Kaffebar", "Nærbutikk", "Konditori"),
                    ("Storgata", "Kirkegata", "Strandveien", "Parkveien"),
                    (("0150", "Oslo"), ("5003", "Bergen"), ("7010", "Trondheim"), ("4006", "Stavanger"))),
    "hu-HU": Locale("hu-HU", "hu", "HU", "HUF", "Ft", False, True, ",", " ", ("%Y.%m.%d.", "%Y. %m. %d."), _l("27", "5"),
                    ("Kft.", "Zrt.", "Bt."), ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga"),
                    ("Építőipari", "Villamossági", "Nyomdaipari", "Irodaszer", "Épületgépészeti", "Hűtéstechnikai"),
                    ("Pékség", "Kávézó", "ABC", "Cukrászda"),
                    ("Fő utca", "Kossuth Lajos utca", "Petőfi utca", "Rákóczi út"),
                    (("1051", "Budapest"), ("4024", "Debrecen"), ("6720", "Szeged"), ("7621", "Pécs")),
                    places_digits=0),
    "tr-TR": Locale("tr-TR", "tr", "TR", "TRY", "TL", False, False, ",", ".", ("%d.%m.%Y",), _l("20", "10"),
                    ("Ltd. Şti.", "A.Ş."), ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın"),
                    ("İnşaat", "Elektrik", "Matbaacılık", "Kırtasiye", "Tesisat", "Soğutma"),
                    ("Fırın", "Kafe", "Market", "Pastane"),
                    ("Atatürk Caddesi", "Cumhuriyet Caddesi", "İstiklal Caddesi", "Bağdat Caddesi"),
                    (("34000", "İstanbul"), ("06000", "Ankara"), ("35000", "İzmir"), ("16000", "Bursa"))),
}  # fmt: skip


def company_name(loc: Locale, rng: random.Random) -> str:
    surname, trade, legal = rng.choice(loc.surnames), rng.choice(loc.trades), rng.choice(loc.legal)
    if loc.lang in ("en", "sv", "nb", "da", "fi", "nl", "hu", "tr", "cs") or rng.random() < 0.5:
        return f"{surname} {trade} {legal}"
    return f"{trade} {surname} {legal}"


def shop_name(loc: Locale, rng: random.Random) -> str:
    shop, surname, legal = rng.choice(loc.shops), rng.choice(loc.surnames), rng.choice(loc.legal)
    if loc.lang == "en":
        return f"{surname}'s {shop} {legal}"
    return f"{shop} {surname} {legal}"
