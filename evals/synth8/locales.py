"""Locale conventions of evals/synth8: number and date formats, currency, VAT rates, legal forms, the
names people and companies carry, places and banks, written from general knowledge of documents printed
in each country."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Locale:
    tag: str
    lang: str
    country: str
    currency: str
    sign: str
    """The currency as the page prints it next to an amount."""
    sign_before: bool
    decimal: str
    group: str
    dates: tuple[str, ...]
    """Patterns: %d %m %Y, %e (day without zero), %B (English month name)."""
    rates: tuple[Decimal, ...]
    """Standard VAT rate first, then reduced ones."""
    legal: tuple[str, ...]
    """Legal forms of small companies."""
    strong: tuple[str, ...]
    """Legal forms of large companies (groups, listed buyers)."""
    sole: str
    """A sole trader's suffix where the country has one ("" where it has none)."""
    surnames: tuple[str, ...]
    firsts: tuple[str, ...]
    trades: tuple[str, ...]
    streets: tuple[str, ...]
    places: tuple[tuple[str, str], ...]
    """(postcode, city)."""
    banks: tuple[str, ...]
    city_line: str = "{postcode} {city}"
    street_number_first: bool = False
    years: tuple[int, ...] = (2025, 2026)
    overrides: dict[str, str] = field(default_factory=dict)
    """Words of this country that differ from its language's (``vat``, ``vat_id`` …)."""
    quote: tuple[str, str] | None = None
    """Quotes a company's own name stands in after its legal form (Latvia, Lithuania), when drawn."""

    def number(self, value: Decimal) -> str:
        """``value`` in this locale's marks, e.g. 1.234,50 or 1 234,50 (no currency)."""
        value = value.quantize(Decimal("0.01"), ROUND_HALF_UP)
        sign = "-" if value < 0 else ""
        whole, _, frac = f"{abs(value):f}".partition(".")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        return sign + self.group.join(groups) + self.decimal + frac

    def money(self, value: Decimal) -> str:
        text = self.number(value)
        if self.sign_before:
            return (
                f"{self.sign}{text}"
                if self.sign in ("£", "$", "€") and self.lang == "en"
                else f"{self.sign} {text}"
            )
        return f"{text} {self.sign}"

    def date(self, day: date, pattern: str | None = None) -> str:
        pattern = pattern or self.dates[0]
        return (
            pattern.replace("%d", f"{day.day:02d}")
            .replace("%m", f"{day.month:02d}")
            .replace("%Y", str(day.year))
            .replace("%e", str(day.day))
            .replace("%B", MONTHS_EN[day.month - 1])
        )


def _r(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


_EN_FIRST = ("Sarah", "James", "Emma", "Daniel", "Olivia", "Michael")
LOCALES: dict[str, Locale] = {loc.tag: loc for loc in (
    Locale("en-GB", "en", "GB", "GBP", "£", True, ".", ",", ("%d/%m/%Y", "%e %B %Y"), _r("20", "5"),
           ("Ltd", "Limited", "LLP"), ("plc", "Group plc", "Holdings plc"), "",
           ("Ashworth", "Pemberton", "Hargreaves", "Whitfield", "O'Connell", "Fairbairn"), _EN_FIRST,
           ("Joinery", "Electrical Services", "Print Solutions", "Building Supplies", "Facilities Management", "Engineering"),
           ("High Street", "Station Road", "Mill Lane", "Church Road"),
           (("LS1 4DT", "Leeds"), ("BS1 5TR", "Bristol"), ("M2 3WQ", "Manchester"), ("NG1 6FB", "Nottingham")),
           ("Barclays Bank UK PLC", "Lloyds Bank plc", "HSBC UK Bank plc", "NatWest"), "{city} {postcode}",
           street_number_first=True),
    Locale("en-US", "en", "US", "USD", "$", True, ".", ",", ("%m/%d/%Y", "%B %e, %Y"), _r("8.25",),
           ("LLC", "Inc.", "Corp."), ("Inc.", "Holdings, Inc.", "Corporation"), "",
           ("Henderson", "Delgado", "McAllister", "Kowalski", "Washington", "Brooks"), _EN_FIRST,
           ("Plumbing", "Electric", "Landscaping", "Office Supply", "Signs & Graphics", "HVAC Services"),
           ("Main Street", "Oak Avenue", "Market Street", "Elm Street"),
           (("TX 78701", "Austin"), ("OH 43215", "Columbus"), ("CO 80202", "Denver"), ("OR 97204", "Portland")),
           ("JPMorgan Chase Bank, N.A.", "Wells Fargo Bank, N.A.", "Bank of America, N.A."), "{city}, {postcode}",
           street_number_first=True, overrides={"vat": "Sales Tax", "net_total": "Subtotal"}),
    Locale("en-IE", "en", "IE", "EUR", "€", True, ".", ",", ("%d/%m/%Y", "%d-%m-%Y"), _r("23", "13.5"),
           ("Ltd", "Limited", "DAC"), ("plc", "Group plc", "Holdings DAC"), "",
           ("Byrne", "Gallagher", "Doherty", "Kavanagh", "Ó Briain", "Lynch"), ("Aoife", "Ciarán", "Niamh", "Seán", "Róisín", "Eoin"),
           ("Plumbing", "Hardware", "Office Supplies", "Electrical", "Catering Equipment", "Fabrication"),
           ("Main Street", "Bridge Street", "Quay Road", "Parnell Street"),
           (("D02 XY45", "Dublin 2"), ("T12 K8AF", "Cork"), ("H91 E2K3", "Galway"), ("V94 T9PX", "Limerick")),
           ("Bank of Ireland", "AIB Group plc", "PTSB"), "{city} {postcode}", street_number_first=True),
    Locale("en-AU", "en", "AU", "AUD", "$", True, ".", ",", ("%d/%m/%Y",), _r("10",),
           ("Pty Ltd", "Pty. Ltd."), ("Limited", "Group Limited", "Holdings Ltd"), "",
           ("Fitzgerald", "Nguyen", "McAllister", "Papadopoulos", "Henderson", "O'Brien"), _EN_FIRST,
           ("Plumbing", "Electrical", "Landscaping", "Office Supplies", "Building Materials", "Refrigeration"),
           ("George Street", "Pitt Street", "Chapel Street", "Albert Road"),
           (("NSW 2000", "Sydney"), ("VIC 3000", "Melbourne"), ("QLD 4000", "Brisbane"), ("WA 6000", "Perth")),
           ("Commonwealth Bank of Australia", "Westpac Banking Corporation", "ANZ"), "{city} {postcode}",
           street_number_first=True, overrides={"vat": "GST", "vat_id": "ABN", "your_vat": "Customer ABN"}),
    Locale("de-DE", "de", "DE", "EUR", "€", False, ",", ".", ("%d.%m.%Y",), _r("19", "7"),
           ("GmbH", "GmbH & Co. KG", "UG (haftungsbeschränkt)", "OHG"), ("AG", "SE", "Holding AG"), "e.K.",
           ("Hoffmann", "Becker", "Schröder", "Wagner", "Krüger", "Weiß"), ("Anna", "Jürgen", "Katrin", "Stefan", "Jörg", "Sabine"),
           ("Metallbau", "Elektrotechnik", "Druckerei", "Holzhandel", "Gebäudeservice", "Kältetechnik"),
           ("Hauptstraße", "Bahnhofstraße", "Industriestraße", "Lindenweg"),
           (("10115", "Berlin"), ("50667", "Köln"), ("80331", "München"), ("04109", "Leipzig")),
           ("Deutsche Bank AG", "Commerzbank AG", "Sparkasse KölnBonn", "Volksbank Mittelhessen eG")),
    Locale("de-AT", "de", "AT", "EUR", "€", True, ",", ".", ("%d.%m.%Y",), _r("20", "10"),
           ("GmbH", "KG", "OG"), ("AG", "Holding GmbH", "Gruppe AG"), "e.U.",
           ("Gruber", "Huber", "Pichler", "Steiner", "Moser", "Hofer"), ("Johanna", "Lukas", "Theresa", "Florian", "Katharina", "Matthias"),
           ("Installationen", "Tischlerei", "Elektro", "Bürobedarf", "Baustoffe", "Gastrotechnik"),
           ("Hauptplatz", "Mariahilfer Straße", "Landstraße", "Kirchengasse"),
           (("1010", "Wien"), ("8010", "Graz"), ("4020", "Linz"), ("5020", "Salzburg")),
           ("Erste Bank der oesterreichischen Sparkassen AG", "Raiffeisenbank Wien AG", "UniCredit Bank Austria AG"),
           overrides={"vat": "USt.", "vat_id": "UID-Nr.", "your_vat": "Ihre UID-Nr."}),
    Locale("de-CH", "de", "CH", "CHF", "CHF", True, ".", "'", ("%d.%m.%Y",), _r("8.1", "2.6"),
           ("GmbH", "AG", "Sàrl"), ("AG", "Holding AG", "Gruppe AG"), "",
           ("Müller", "Meier", "Schmid", "Keller", "Brunner", "Zürcher"), ("Reto", "Andrea", "Urs", "Corinne", "Beat", "Nadine"),
           ("Schreinerei", "Elektro", "Sanitär", "Treuhand", "Malerei", "Gartenbau"),
           ("Bahnhofstrasse", "Seestrasse", "Dorfstrasse", "Kirchweg"),
           (("8001", "Zürich"), ("3011", "Bern"), ("4051", "Basel"), ("6003", "Luzern")),
           ("UBS Switzerland AG", "Zürcher Kantonalbank", "PostFinance AG", "Raiffeisenbank Luzern"),
           overrides={"vat": "MWST", "vat_id": "MWST-Nr.", "your_vat": "Ihre UID"}),
    Locale("fr-FR", "fr", "FR", "EUR", "€", False, ",", "\u202f", ("%d/%m/%Y",), _r("20", "5.5"),
           ("SARL", "SAS", "EURL"), ("SA", "Groupe SA", "Holding SAS"), "EI",
           ("Lefèvre", "Moreau", "Garnier", "Rousseau", "Fontaine", "Chevalier"), ("Camille", "Étienne", "Hélène", "Julien", "Léa", "François"),
           ("Menuiserie", "Électricité", "Imprimerie", "Matériaux", "Nettoyage", "Climatisation"),
           ("rue de la République", "avenue Jean Jaurès", "boulevard Victor Hugo", "rue des Lilas"),
           (("69002", "Lyon"), ("33000", "Bordeaux"), ("59000", "Lille"), ("31000", "Toulouse")),
           ("BNP Paribas", "Crédit Agricole", "Société Générale", "Banque Populaire"), street_number_first=True),
    Locale("nl-NL", "nl", "NL", "EUR", "€", True, ",", ".", ("%d-%m-%Y", "%d.%m.%Y"), _r("21", "9"),
           ("B.V.", "V.O.F."), ("N.V.", "Holding B.V.", "Groep N.V."), "",
           ("de Vries", "Jansen", "Bakker", "Visser", "van Dijk", "Mulder"), ("Sanne", "Joost", "Femke", "Pieter", "Lotte", "Bram"),
           ("Installatietechniek", "Drukwerk", "Bouwmaterialen", "Schoonmaak", "Metaalbewerking", "Kantoorartikelen"),
           ("Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg"),
           (("1012 AB", "Amsterdam"), ("3511 LN", "Utrecht"), ("2511 BT", "Den Haag"), ("9711 HV", "Groningen")),
           ("ING Bank N.V.", "Rabobank", "ABN AMRO Bank N.V.")),
    Locale("es-ES", "es", "ES", "EUR", "€", False, ",", ".", ("%d/%m/%Y", "%d-%m-%Y"), _r("21", "10"),
           ("S.L.", "S.L.U.", "S.L.L."), ("S.A.", "Grupo S.A.", "Holding S.A."), "",
           ("García", "Martínez", "Fernández", "Núñez", "Navarro", "Romero"), ("Lucía", "Javier", "María José", "Álvaro", "Inés", "Sergio"),
           ("Instalaciones", "Carpintería", "Suministros Industriales", "Artes Gráficas", "Climatización", "Limpiezas"),
           ("Calle Mayor", "Avenida de la Constitución", "Calle Real", "Paseo del Prado"),
           (("28013", "Madrid"), ("08002", "Barcelona"), ("46001", "Valencia"), ("41001", "Sevilla")),
           ("Banco Santander, S.A.", "CaixaBank, S.A.", "BBVA", "Banco Sabadell")),
    Locale("it-IT", "it", "IT", "EUR", "€", True, ",", ".", ("%d/%m/%Y", "%d.%m.%Y"), _r("22", "10"),
           ("S.r.l.", "S.n.c.", "S.a.s.", "S.r.l.s."), ("S.p.A.", "Holding S.p.A.", "Group S.p.A."), "",
           ("Rossi", "Bianchi", "Ferrari", "Esposito", "Colombo", "Ricci"), ("Giulia", "Marco", "Chiara", "Luca", "Francesca", "Niccolò"),
           ("Impianti Elettrici", "Falegnameria", "Forniture Industriali", "Tipografia", "Termoidraulica", "Edilizia"),
           ("Via Roma", "Corso Italia", "Via Garibaldi", "Piazza Mazzini"),
           (("20121", "Milano"), ("10121", "Torino"), ("40121", "Bologna"), ("50123", "Firenze")),
           ("Intesa Sanpaolo S.p.A.", "UniCredit S.p.A.", "Banco BPM", "BPER Banca")),
    Locale("pt-PT", "pt", "PT", "EUR", "€", False, ",", " ", ("%d/%m/%Y", "%Y-%m-%d"), _r("23", "6"),
           ("Lda.", "Unipessoal Lda."), ("S.A.", "SGPS, S.A.", "Grupo S.A."), "",
           ("Silva", "Gonçalves", "Ferreira", "Pereira", "Simões", "Costa"), ("João", "Inês", "Tiago", "Beatriz", "Gonçalo", "Mariana"),
           ("Construções", "Eletricidade", "Artes Gráficas", "Materiais de Escritório", "Climatização", "Serralharia"),
           ("Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina", "Rua do Comércio"),
           (("1100-053", "Lisboa"), ("4000-322", "Porto"), ("3000-150", "Coimbra"), ("8000-073", "Faro")),
           ("Caixa Geral de Depósitos", "Millennium bcp", "Novo Banco, S.A.")),
    Locale("pl-PL", "pl", "PL", "PLN", "zł", False, ",", " ", ("%d.%m.%Y", "%Y-%m-%d"), _r("23", "8"),
           ("Sp. z o.o.", "sp.j.", "Sp. k."), ("S.A.", "Grupa S.A.", "Holding S.A."), "",
           ("Nowak", "Kowalczyk", "Wiśniewski", "Zieliński", "Lewandowski", "Wójcik"), ("Agnieszka", "Paweł", "Małgorzata", "Łukasz", "Joanna", "Michał"),
           ("Instalacje", "Stolarstwo", "Hurtownia Elektryczna", "Drukarnia", "Materiały Budowlane", "Serwis Chłodniczy"),
           ("ul. Marszałkowska", "ul. Długa", "ul. Kościuszki", "ul. Polna"),
           (("00-001", "Warszawa"), ("30-001", "Kraków"), ("50-001", "Wrocław"), ("80-001", "Gdańsk")),
           ("PKO Bank Polski S.A.", "mBank S.A.", "Bank Pekao S.A.", "ING Bank Śląski S.A.")),
    Locale("sv-SE", "sv", "SE", "SEK", "kr", False, ",", " ", ("%Y-%m-%d",), _r("25", "12"),
           ("AB", "HB", "Handelsbolag"), ("AB (publ)", "Holding AB", "Koncern AB"), "",
           ("Lindqvist", "Andersson", "Bergström", "Nyström", "Åberg", "Sandberg"), ("Karin", "Anders", "Sofia", "Johan", "Åsa", "Björn"),
           ("Bygg", "El & Tele", "Tryckeri", "Kontorsmaterial", "Rör", "Kyl & Frys"),
           ("Storgatan", "Kungsgatan", "Drottninggatan", "Skolvägen"),
           (("111 52", "Stockholm"), ("411 01", "Göteborg"), ("211 20", "Malmö"), ("753 20", "Uppsala")),
           ("Swedbank AB", "Handelsbanken", "SEB", "Nordea Bank Abp")),
    Locale("da-DK", "da", "DK", "DKK", "kr.", False, ",", ".", ("%d.%m.%Y", "%d-%m-%Y"), _r("25",),
           ("ApS", "I/S"), ("A/S", "Holding A/S", "Koncern A/S"), "",
           ("Nielsen", "Jensen", "Rasmussen", "Kristensen", "Møller", "Sørensen"), ("Mette", "Søren", "Louise", "Rasmus", "Signe", "Jørgen"),
           ("VVS", "El-service", "Tømrer", "Kontorartikler", "Byggemarked", "Køleteknik"),
           ("Vestergade", "Østergade", "Nørregade", "Algade"),
           (("1050", "København K"), ("8000", "Aarhus C"), ("5000", "Odense C"), ("9000", "Aalborg")),
           ("Danske Bank A/S", "Jyske Bank A/S", "Nykredit Bank A/S")),
    Locale("cs-CZ", "cs", "CZ", "CZK", "Kč", False, ",", " ", ("%e. %m. %Y", "%d.%m.%Y"), _r("21", "12"),
           ("s.r.o.", "v.o.s.", "spol. s r.o."), ("a.s.", "Holding a.s.", "Group a.s."), "",
           ("Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera"), ("Jana", "Petr", "Lucie", "Tomáš", "Kateřina", "Jiří"),
           ("Elektro", "Stavebniny", "Tiskárna", "Truhlářství", "Kancelářské potřeby", "Topení"),
           ("Masarykova", "Nádražní", "Husova", "Palackého"),
           (("110 00", "Praha 1"), ("602 00", "Brno"), ("301 00", "Plzeň"), ("702 00", "Ostrava")),
           ("Komerční banka, a.s.", "Česká spořitelna, a.s.", "ČSOB", "Fio banka, a.s.")),
    Locale("el-GR", "el", "GR", "EUR", "€", False, ",", ".", ("%d/%m/%Y",), _r("24", "13"),
           ("Ε.Π.Ε.", "Ι.Κ.Ε.", "Ο.Ε."), ("Α.Ε.", "Όμιλος Α.Ε.", "Συμμετοχών Α.Ε."), "",
           ("Παπαδόπουλος", "Γεωργίου", "Νικολάου", "Οικονόμου", "Κωνσταντίνου", "Δημητρίου"),
           ("Μαρία", "Γιώργος", "Ελένη", "Νίκος", "Κατερίνα", "Δημήτρης"),
           ("Ηλεκτρολογικά", "Τεχνική", "Εκτυπώσεις", "Δομικά Υλικά", "Κλιματισμός", "Ξυλουργική"),
           ("Ερμού", "Λεωφόρος Συγγρού", "Αιόλου", "Τσιμισκή"),
           (("105 63", "Αθήνα"), ("546 24", "Θεσσαλονίκη"), ("262 21", "Πάτρα"), ("712 02", "Ηράκλειο")),
           ("Εθνική Τράπεζα της Ελλάδος Α.Ε.", "Τράπεζα Πειραιώς Α.Ε.", "Eurobank Α.Ε.", "Alpha Bank Α.Ε."),
           overrides={"vat_id": "ΑΦΜ"}),
    Locale("bg-BG", "bg", "BG", "BGN", "лв.", False, ",", " ", ("%d.%m.%Y", "%d.%m.%Y г."), _r("20", "9"),
           ("ЕООД", "ООД"), ("АД", "Холдинг АД", "Груп АД"), "ЕТ",
           ("Иванов", "Петров", "Георгиев", "Димитров", "Стоянов", "Николов"), ("Мария", "Георги", "Елена", "Иван", "Десислава", "Николай"),
           ("Строй", "Електро", "Транс", "Консулт", "Принт", "Климатик"),
           ("ул. Витоша", "бул. Христо Ботев", "ул. Раковски", "бул. Мария Луиза"),
           (("1000", "София"), ("4000", "Пловдив"), ("9000", "Варна"), ("8000", "Бургас")),
           ("УниКредит Булбанк АД", "Банка ДСК АД", "Пощенска банка"), years=(2025,)),
    Locale("et-EE", "et", "EE", "EUR", "€", False, ",", " ", ("%d.%m.%Y",), _r("24", "9"),
           ("OÜ", "TÜ"), ("AS", "Grupp AS", "Holding AS"), "FIE",
           ("Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kõiv"), ("Kadri", "Märt", "Liis", "Toomas", "Kätlin", "Jüri"),
           ("Ehitus", "Elekter", "Trükikoda", "Logistika", "Puit", "Küte"),
           ("Pärnu mnt", "Narva mnt", "Tartu mnt", "Rüütli tn"),
           (("10111", "Tallinn"), ("51003", "Tartu"), ("80010", "Pärnu"), ("20308", "Narva")),
           ("Swedbank AS", "AS SEB Pank", "LHV Pank AS")),
    Locale("lv-LV", "lv", "LV", "EUR", "€", False, ",", " ", ("%d.%m.%Y",), _r("21", "12"),
           ("SIA",), ("AS", "Grupa AS", "Holding AS"), "IK",
           ("Bērziņš", "Kalniņš", "Ozoliņš", "Jansons", "Liepiņš", "Krūmiņš"), ("Ilze", "Jānis", "Līga", "Andris", "Dace", "Māris"),
           ("Būve", "Elektro", "Loģistika", "Tipogrāfija", "Koks", "Siltums"),
           ("Brīvības iela", "Elizabetes iela", "Krišjāņa Barona iela", "Tērbatas iela"),
           (("LV-1050", "Rīga"), ("LV-3001", "Jelgava"), ("LV-5401", "Daugavpils"), ("LV-3601", "Ventspils")),
           ("Swedbank AS", "AS SEB banka", "Citadele banka AS"), quote=("\"", "\"")),
    Locale("lt-LT", "lt", "LT", "EUR", "€", False, ",", " ", ("%Y-%m-%d",), _r("21", "9"),
           ("UAB", "MB", "IĮ"), ("AB", "Grupė AB", "Holding UAB"), "IĮ",
           ("Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas", "Žukauskas"),
           ("Rūta", "Tomas", "Aušra", "Mindaugas", "Eglė", "Darius"),
           ("Statyba", "Elektra", "Logistika", "Spaustuvė", "Mediena", "Šiluma"),
           ("Gedimino pr.", "Laisvės al.", "Vilniaus g.", "Savanorių pr."),
           (("LT-01103", "Vilnius"), ("LT-44248", "Kaunas"), ("LT-91001", "Klaipėda"), ("LT-76295", "Šiauliai")),
           ("Swedbank, AB", "AB SEB bankas", "Luminor Bank AS"), quote=("„", "“")),
    Locale("sl-SI", "sl", "SI", "EUR", "€", False, ",", ".", ("%d.%m.%Y", "%e. %m. %Y"), _r("22", "9.5"),
           ("d.o.o.", "d.n.o."), ("d.d.", "Skupina d.d.", "Holding d.d."), "s.p.",
           ("Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik"), ("Maja", "Matej", "Špela", "Andrej", "Nina", "Gašper"),
           ("Gradnje", "Elektro", "Tiskarna", "Logistika", "Mizarstvo", "Ogrevanje"),
           ("Slovenska cesta", "Dunajska cesta", "Trubarjeva ulica", "Celovška cesta"),
           (("1000", "Ljubljana"), ("2000", "Maribor"), ("3000", "Celje"), ("6000", "Koper")),
           ("NLB d.d.", "Nova KBM d.d.", "SKB banka d.d.")),
)}  # fmt: skip
