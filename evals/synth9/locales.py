"""Locale conventions of evals/synth9: money and date formats, month names, currency, VAT rates, legal forms,
names and places, written from general knowledge of how invoicing software prints documents in each country."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"

MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "de-AT": ("Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
           "października", "listopada", "grudnia"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"),
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"),
    "cs": ("ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října",
           "listopadu", "prosince"),
    "fi": ("tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta",
           "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"),
    "nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"),
}  # fmt: skip


@dataclass(frozen=True)
class Locale:
    tag: str
    lang: str
    country: str
    currency: str
    sign: str
    sign_before: bool
    decimal: str
    group: str
    dates: tuple[str, ...]
    """Patterns: %d %m %Y, %e (day without zero), %n (month without zero), %B (month name), %b (first three letters)."""
    rates: tuple[Decimal, ...]
    """Standard VAT / GST / sales-tax rate first, then reduced ones (empty tuple: none)."""
    legal: tuple[str, ...]
    surnames: tuple[str, ...]
    trades: tuple[str, ...]
    streets: tuple[str, ...]
    places: tuple[tuple[str, str], ...]
    street_number_first: bool = False
    space_after_sign: bool = False

    def number(self, value: Decimal) -> str:
        value = value.quantize(Decimal("0.01"), ROUND_HALF_UP)
        sign = "-" if value < 0 else ""
        whole, _, frac = f"{abs(value):f}".partition(".")
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        return sign + self.group.join(groups) + self.decimal + frac

    def money(self, value: Decimal, sign: str | None = None) -> str:
        mark = self.sign if sign is None else sign
        text = self.number(value)
        if self.sign_before:
            gap = NBSP if self.space_after_sign or mark[-1].isalpha() else ""  # "kr 1 234,56", "$1,234.56"
            if text.startswith("-"):
                return f"-{mark}{gap}{text[1:]}"
            return f"{mark}{gap}{text}"
        return f"{text}{NBSP}{mark}"

    def date(self, day: date, pattern: str) -> str:
        months = MONTHS.get(self.tag, MONTHS[self.lang])
        return (
            pattern.replace("%d", f"{day.day:02d}")
            .replace("%m", f"{day.month:02d}")
            .replace("%Y", str(day.year))
            .replace("%e", str(day.day))
            .replace("%n", str(day.month))
            .replace("%B", months[day.month - 1])
            .replace("%b", months[day.month - 1][:3])
        )


def _r(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


LOCALES: dict[str, Locale] = {
    "en-US": Locale("en-US", "en", "US", "USD", "$", True, ".", ",", ("%m/%d/%Y", "%B %e, %Y", "%b %e, %Y"),
                    _r("8.25", "6.5"), ("LLC", "Inc.", "Corp."), ("Whitaker", "Delgado", "Brennan", "Okafor", "Lindgren", "Castillo"),
                    ("Analytics", "Design Studio", "Cloud Services", "Supply Co.", "Consulting Group", "Logistics"),
                    ("Market Street", "Oak Avenue", "Elm Street", "Maple Drive"),
                    (("Austin, TX 78701", "Austin"), ("Denver, CO 80202", "Denver"), ("Portland, OR 97205", "Portland"),
                     ("Columbus, OH 43215", "Columbus")), street_number_first=True),
    "en-GB": Locale("en-GB", "en", "GB", "GBP", "£", True, ".", ",", ("%d/%m/%Y", "%e %B %Y", "%d %b %Y"),
                    _r("20", "5"), ("Ltd", "Limited", "LLP"), ("Fairbrother", "Okonjo", "Pritchard", "Rowntree", "Sanderson", "Tolley"),
                    ("Digital", "Joinery", "Catering Supplies", "Surveyors", "Print & Signs", "IT Support"),
                    ("King Street", "Queens Road", "Castle Street", "Victoria Road"),
                    (("EH1 1YZ", "Edinburgh"), ("CF10 1EP", "Cardiff"), ("B1 1BB", "Birmingham"), ("YO1 7HH", "York")),
                    street_number_first=True),
    "en-AU": Locale("en-AU", "en", "AU", "AUD", "$", True, ".", ",", ("%d/%m/%Y", "%e %b %Y", "%e %B %Y"),
                    _r("10"), ("Pty Ltd",), ("Kerrigan", "Tran", "Blackwood", "Moretti", "Sutherland", "Achterberg"),
                    ("Electrical", "Bookkeeping", "Landscapes", "Web Solutions", "Plumbing", "Hire"),
                    ("Hunter Street", "Flinders Lane", "Ann Street", "Murray Street"),
                    (("NSW 2300", "Newcastle"), ("VIC 3000", "Melbourne"), ("QLD 4000", "Brisbane"), ("SA 5000", "Adelaide")),
                    street_number_first=True),
    "en-IE": Locale("en-IE", "en", "IE", "EUR", "€", True, ".", ",", ("%d/%m/%Y", "%e %B %Y", "%d %b %Y"),
                    _r("23", "13.5"), ("Ltd", "Limited", "DAC"), ("Mulcahy", "Quinlan", "Fitzpatrick", "Dunne", "Hegarty", "Nolan"),
                    ("Software", "Builders Providers", "Accountants", "Print", "Engineering", "Interiors"),
                    ("Grafton Street", "Shop Street", "O'Connell Street", "Patrick Street"),
                    (("D02 F205", "Dublin 2"), ("H91 YX4P", "Galway"), ("T12 R5CP", "Cork"), ("X91 K2P6", "Waterford")),
                    street_number_first=True),
    "en-CA": Locale("en-CA", "en", "CA", "CAD", "$", True, ".", ",", ("%Y-%m-%d", "%B %e, %Y"), _r("13", "5"),
                    ("Inc.", "Ltd.", "Corp."), ("Tremblay", "MacLeod", "Gagnon", "Singh", "Chow", "Bouchard"),
                    ("Renovations", "Media", "Outfitters", "Software", "Trucking", "Consulting"),
                    ("Yonge Street", "Granville Street", "Rue Sainte-Catherine", "Jasper Avenue"),
                    (("Toronto, ON M5B 2H1", "Toronto"), ("Vancouver, BC V6Z 1L2", "Vancouver"),
                     ("Ottawa, ON K1P 5J2", "Ottawa"), ("Calgary, AB T2P 1J9", "Calgary")), street_number_first=True),
    "de-DE": Locale("de-DE", "de", "DE", "EUR", "€", False, ",", ".", ("%d.%m.%Y", "%e. %B %Y"), _r("19", "7"),
                    ("GmbH", "UG (haftungsbeschränkt)", "GmbH & Co. KG", "e.K."), ("Brandt", "Vogel", "Kästner", "Hartmann", "Seidel", "Zimmermann"),
                    ("Webdesign", "Haustechnik", "Fotografie", "Messebau", "IT-Service", "Werbetechnik"),
                    ("Goethestraße", "Schillerplatz", "Am Markt", "Rosenweg"),
                    (("20095", "Hamburg"), ("01067", "Dresden"), ("70173", "Stuttgart"), ("90402", "Nürnberg"))),
    "de-AT": Locale("de-AT", "de", "AT", "EUR", "€", True, ",", ".", ("%d.%m.%Y", "%e. %B %Y"), _r("20", "10"),
                    ("GmbH", "KG", "e.U."), ("Auer", "Lechner", "Wimmer", "Eder", "Brunner", "Fuchs"),
                    ("Mediendesign", "Installationstechnik", "Steuerberatung", "Reinigung", "Holzbau", "Eventtechnik"),
                    ("Herrengasse", "Wiener Straße", "Salzachgasse", "Bahnhofplatz"),
                    (("1070", "Wien"), ("6020", "Innsbruck"), ("9020", "Klagenfurt"), ("3100", "St. Pölten")),
                    space_after_sign=True),
    "fr-FR": Locale("fr-FR", "fr", "FR", "EUR", "€", False, ",", NBSP, ("%d/%m/%Y", "%e %B %Y"), _r("20", "10", "5.5"),
                    ("SARL", "SAS", "SASU", "EURL"), ("Marchand", "Girard", "Bonnet", "Lambert", "Faure", "Mercier"),
                    ("Conseil", "Plomberie", "Communication", "Bâtiment", "Informatique", "Paysage"),
                    ("rue Nationale", "avenue de la Gare", "place du Marché", "rue Pasteur"),
                    (("44000", "Nantes"), ("67000", "Strasbourg"), ("13001", "Marseille"), ("35000", "Rennes")),
                    street_number_first=True),
    "fr-BE": Locale("fr-BE", "fr", "BE", "EUR", "€", False, ",", ".", ("%d/%m/%Y", "%e %B %Y"), _r("21", "6"),
                    ("SRL", "SA", "SC"), ("Dubois", "Lejeune", "Renard", "Collignon", "Hubert", "Wauters"),
                    ("Toitures", "Informatique", "Traiteur", "Menuiserie", "Consultance", "Électricité"),
                    ("rue de la Loi", "chaussée de Wavre", "rue Haute", "avenue Louise"),
                    (("1000", "Bruxelles"), ("4000", "Liège"), ("5000", "Namur"), ("6000", "Charleroi"))),
    "nl-NL": Locale("nl-NL", "nl", "NL", "EUR", "€", True, ",", ".", ("%d-%m-%Y", "%e %B %Y"), _r("21", "9"),
                    ("B.V.", "V.O.F."), ("van Dijk", "Meijer", "de Boer", "Vermeulen", "Hendriks", "Dekker"),
                    ("Webbouw", "Installaties", "Advies", "Transport", "Schilderwerken", "Grafisch Ontwerp"),
                    ("Nieuwstraat", "Marktplein", "Julianalaan", "Havenweg"),
                    (("3011 AB", "Rotterdam"), ("5611 EM", "Eindhoven"), ("6811 CG", "Arnhem"), ("2011 RM", "Haarlem")),
                    space_after_sign=True),
    "es-ES": Locale("es-ES", "es", "ES", "EUR", "€", False, ",", ".", ("%d/%m/%Y", "%e de %B de %Y"), _r("21", "10"),
                    ("S.L.", "S.A.", "S.L.U."), ("Sánchez", "Moreno", "Jiménez", "Castro", "Ortega", "Delgado"),
                    ("Diseño Web", "Reformas", "Asesoría", "Consultoría", "Montajes", "Traducciones"),
                    ("Calle Alcalá", "Gran Vía", "Calle Colón", "Avenida de América"),
                    (("28014", "Madrid"), ("29001", "Málaga"), ("50001", "Zaragoza"), ("48001", "Bilbao"))),
    "it-IT": Locale("it-IT", "it", "IT", "EUR", "€", True, ",", ".", ("%d/%m/%Y", "%e %B %Y"), _r("22", "10"),
                    ("S.r.l.", "S.r.l.s.", "S.p.A."), ("Conti", "Marino", "Greco", "Bruno", "Gallo", "Fontana"),
                    ("Consulenze", "Impianti", "Servizi Informatici", "Grafica", "Traslochi", "Ingegneria"),
                    ("Via Dante", "Via Verdi", "Corso Vittorio Emanuele", "Viale Europa"),
                    (("80121", "Napoli"), ("16121", "Genova"), ("37121", "Verona"), ("70121", "Bari")),
                    space_after_sign=True),
    "pt-PT": Locale("pt-PT", "pt", "PT", "EUR", "€", False, ",", NBSP, ("%d/%m/%Y", "%Y-%m-%d"), _r("23", "13", "6"),
                    ("Lda.", "Unipessoal, Lda.", "S.A."), ("Rodrigues", "Martins", "Sousa", "Gonçalves", "Lopes", "Carvalho"),
                    ("Informática", "Design", "Consultoria", "Remodelações", "Contabilidade", "Eventos"),
                    ("Rua da Prata", "Avenida dos Aliados", "Rua Direita", "Largo do Carmo"),
                    (("1100-420", "Lisboa"), ("4050-012", "Porto"), ("4700-301", "Braga"), ("2400-125", "Leiria"))),
    "pt-BR": Locale("pt-BR", "pt", "BR", "BRL", "R$", True, ",", ".", ("%d/%m/%Y",), (),
                    ("Ltda.", "ME", "S.A."), ("Almeida", "Ribeiro", "Barbosa", "Cardoso", "Teixeira", "Moura"),
                    ("Tecnologia", "Comunicação", "Serviços", "Engenharia", "Marketing Digital", "Software"),
                    ("Avenida Paulista", "Rua Augusta", "Rua XV de Novembro", "Avenida Brasil"),
                    (("01310-100", "São Paulo"), ("20040-002", "Rio de Janeiro"), ("80020-310", "Curitiba"),
                     ("30130-010", "Belo Horizonte")), space_after_sign=True),
    "pl-PL": Locale("pl-PL", "pl", "PL", "PLN", "zł", False, ",", NBSP, ("%d.%m.%Y", "%Y-%m-%d"), _r("23", "8"),
                    ("Sp. z o.o.", "S.A.", "sp.k."), ("Kamiński", "Szymański", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur"),
                    ("Usługi IT", "Projektowanie", "Budownictwo", "Doradztwo", "Transport", "Reklama"),
                    ("ul. Piotrkowska", "ul. Mickiewicza", "ul. Słowackiego", "al. Jerozolimskie"),
                    (("90-001", "Łódź"), ("61-001", "Poznań"), ("20-001", "Lublin"), ("40-001", "Katowice"))),
    "sv-SE": Locale("sv-SE", "sv", "SE", "SEK", "kr", False, ",", NBSP, ("%Y-%m-%d", "%e %B %Y"), _r("25", "12", "6"),
                    ("AB", "HB"), ("Ekström", "Lundberg", "Sjöberg", "Wallin", "Forsberg", "Engström"),
                    ("Konsult", "Måleri", "Webbyrå", "Elservice", "Redovisning", "Snickeri"),
                    ("Vasagatan", "Götgatan", "Sveavägen", "Ågatan"),
                    (("111 20", "Stockholm"), ("413 04", "Göteborg"), ("582 24", "Linköping"), ("702 10", "Örebro"))),
    "da-DK": Locale("da-DK", "da", "DK", "DKK", "kr.", False, ",", ".", ("%d.%m.%Y", "%d-%m-%Y", "%e. %B %Y"), _r("25"),
                    ("ApS", "A/S", "IVS"), ("Andersen", "Pedersen", "Sørensen", "Madsen", "Christensen", "Dahl"),
                    ("Rådgivning", "Tømrer", "Webdesign", "Maler", "Revision", "Anlæg"),
                    ("Strøget", "Jernbanegade", "Søndergade", "Havnegade"),
                    (("2100", "København Ø"), ("7100", "Vejle"), ("6700", "Esbjerg"), ("4000", "Roskilde"))),
    "cs-CZ": Locale("cs-CZ", "cs", "CZ", "CZK", "Kč", False, ",", NBSP, ("%d.%m.%Y", "%e. %n. %Y", "%e. %B %Y"), _r("21", "12"),
                    ("s.r.o.", "a.s."), ("Veselý", "Horák", "Marek", "Pokorný", "Král", "Jelínek"),
                    ("Software", "Stavby", "Účetnictví", "Grafika", "Instalace", "Reklama"),
                    ("Vodičkova", "Náměstí Míru", "Karlova", "Dlouhá"),
                    (("120 00", "Praha 2"), ("779 00", "Olomouc"), ("370 01", "České Budějovice"), ("460 01", "Liberec"))),
    "fi-FI": Locale("fi-FI", "fi", "FI", "EUR", "€", False, ",", NBSP, ("%d.%m.%Y", "%e.%n.%Y"), _r("25.5", "14", "10"),
                    ("Oy", "Ky", "Tmi"), ("Lehtonen", "Heikkinen", "Koskinen", "Järvinen", "Salminen", "Rantanen"),
                    ("Konsultointi", "Rakennuspalvelu", "Mainostoimisto", "Sähkötyöt", "Tilitoimisto", "Ohjelmistot"),
                    ("Aleksanterinkatu", "Puistokatu", "Satamakatu", "Koulukatu"),
                    (("00130", "Helsinki"), ("40100", "Jyväskylä"), ("70100", "Kuopio"), ("15100", "Lahti"))),
    "nb-NO": Locale("nb-NO", "nb", "NO", "NOK", "kr", True, ",", NBSP, ("%d.%m.%Y", "%e. %B %Y"), _r("25", "15"),
                    ("AS",), ("Solberg", "Bakken", "Lund", "Moen", "Eriksen", "Nilsen"),
                    ("Regnskap", "Elektro", "Konsulent", "Snekkeri", "Design", "Transport"),
                    ("Karl Johans gate", "Torggata", "Kongens gate", "Bryggen"),
                    (("0159", "Oslo"), ("9008", "Tromsø"), ("3015", "Drammen"), ("1606", "Fredrikstad"))),
    "nl-BE": Locale("nl-BE", "nl", "BE", "EUR", "€", True, ",", ".", ("%d/%m/%Y", "%e %B %Y"), _r("21", "6"),
                    ("BV", "NV", "CommV"), ("Van den Broeck", "Willems", "Mertens", "Jacobs", "Vermeersch", "Declercq"),
                    ("Dakwerken", "Webdesign", "Boekhouding", "Schrijnwerk", "Elektriciteit", "Catering"),
                    ("Grote Markt", "Lange Nieuwstraat", "Kouter", "Diestsestraat"),
                    (("2800", "Mechelen"), ("8500", "Kortrijk"), ("3500", "Hasselt"), ("9300", "Aalst")),
                    space_after_sign=True),
}  # fmt: skip


def company_name(loc: Locale, surname: str, trade: str, legal: str, swap: bool) -> str:
    if loc.lang in ("en", "sv", "nb", "da", "fi", "nl", "cs", "pl") or not swap:
        return f"{surname} {trade} {legal}"
    return f"{trade} {surname} {legal}"
