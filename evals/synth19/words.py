"""What the nineteenth generator knows of each language: the words invoices print, how numbers and dates are
written there, the legal forms, names, streets and towns, and the VAT-id shapes (with their check digits).

Written from general knowledge of how invoices look in each country, by someone who did not read the extractor.
Each label is a list of wordings a document draws one of.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "cs": "ledna února března dubna května června července srpna září října listopadu prosince",
}

# the date forms each country prints (numeric first; the long form with the month's name last)
DATE_FORMS = {
    "en": ["{d:02d}/{m:02d}/{y}", "{d} {M} {y}", "{d} {Mb} {y}"],
    "en-US": ["{m:02d}/{d:02d}/{y}", "{M} {d}, {y}", "{Mb} {d}, {y}"],
    "de": ["{d:02d}.{m:02d}.{y}", "{d}.{m}.{y}", "{d}. {M} {y}"],
    "fr": ["{d:02d}/{m:02d}/{y}", "{d:02d}.{m:02d}.{y}", "{d} {M} {y}"],
    "nl": ["{d:02d}-{m:02d}-{y}", "{d}-{m}-{y}", "{d} {M} {y}"],
    "es": ["{d:02d}/{m:02d}/{y}", "{d}/{m}/{y}", "{d} de {M} de {y}"],
    "it": ["{d:02d}/{m:02d}/{y}", "{d:02d}.{m:02d}.{y}", "{d} {M} {y}"],
    "pt": ["{d:02d}/{m:02d}/{y}", "{d:02d}-{m:02d}-{y}", "{y}-{m:02d}-{d:02d}", "{d} de {M} de {y}"],
    "pl": ["{d:02d}.{m:02d}.{y}", "{y}-{m:02d}-{d:02d}", "{d} {M} {y}"],
    "sv": ["{y}-{m:02d}-{d:02d}", "{d} {M} {y}"],
    "da": ["{d:02d}.{m:02d}.{y}", "{d:02d}-{m:02d}-{y}", "{d}. {M} {y}"],
    "cs": ["{d:02d}.{m:02d}.{y}", "{d}. {m}. {y}", "{d}. {M} {y}"],
}


def fmt_date(day: date, lang: str, form: int) -> str:
    forms = DATE_FORMS[lang]
    pattern = forms[form % len(forms)]
    months = MONTHS[lang.split("-")[0]].split()
    name = months[day.month - 1]
    return pattern.format(d=day.day, m=day.month, y=day.year, M=name, Mb=name[:3])


# how a country groups thousands and writes the decimal sign; (group, decimal)
NUMBER_FORMS = {
    "en": [(",", ".")],
    "de": [(".", ",")],
    "de-CH": [("'", "."), ("’", ".")],
    "fr": [("\u202f", ","), (" ", ",")],
    "fr-CH": [("'", "."), ("\u202f", ",")],
    "nl": [(".", ",")],
    "es": [(".", ",")],
    "it": [(".", ",")],
    "pt": [(" ", ","), (".", ",")],
    "pl": [(" ", ","), ("\u00a0", ",")],
    "sv": [(" ", ","), ("\u00a0", ",")],
    "da": [(".", ",")],
    "cs": [(" ", ","), ("\u00a0", ",")],
}


def fmt_money(value: Decimal, group: str, point: str) -> str:
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return f"{sign}{group.join(parts)}{point}{cents}"


# currency: (code, the sign a page prints, sign before the amount?)
CURRENCIES = {
    "EUR": [("€", True), ("€", False), ("EUR", False)],
    "GBP": [("£", True), ("GBP", False)],
    "USD": [("$", True), ("USD", False), ("US$", True)],
    "CHF": [("CHF", True), ("CHF", False), ("Fr.", True)],
    "SEK": [("kr", False), ("SEK", False)],
    "DKK": [("kr.", False), ("DKK", False), ("kr.", True)],
    "PLN": [("zł", False), ("PLN", False)],
    "CZK": [("Kč", False), ("CZK", False)],
}

# the currencies a seller of the language bills in, with the number-form region they print in
LANG_CURRENCIES = {
    "en": [("GBP", "en"), ("GBP", "en"), ("USD", "en"), ("EUR", "en")],
    "de": [("EUR", "de"), ("EUR", "de"), ("CHF", "de-CH")],
    "fr": [("EUR", "fr"), ("EUR", "fr"), ("CHF", "fr-CH")],
    "nl": [("EUR", "nl")],
    "es": [("EUR", "es")],
    "it": [("EUR", "it")],
    "pt": [("EUR", "pt")],
    "pl": [("PLN", "pl"), ("PLN", "pl"), ("EUR", "pl")],
    "sv": [("SEK", "sv")],
    "da": [("DKK", "da")],
    "cs": [("CZK", "cs"), ("CZK", "cs"), ("EUR", "cs")],
}

VAT_RATES = {
    "en": ["20", "5", "0"],
    "de": ["19", "7"],
    "de-CH": ["8.1", "2.6"],
    "fr": ["20", "10", "5.5"],
    "fr-CH": ["8.1", "2.6"],
    "nl": ["21", "9"],
    "es": ["21", "10", "4"],
    "it": ["22", "10", "4"],
    "pt": ["23", "13", "6"],
    "pl": ["23", "8", "5"],
    "sv": ["25", "12", "6"],
    "da": ["25"],
    "cs": ["21", "12"],
}

LEGAL_FORMS = {
    "en": ["Ltd", "Limited", "LLP", "plc", "Ltd."],
    "en-US": ["Inc.", "LLC", "Corp."],
    "de": ["GmbH", "AG", "GmbH & Co. KG", "e.K.", "UG (haftungsbeschränkt)", "KG"],
    "de-CH": ["AG", "GmbH", "Sàrl"],
    "fr": ["SARL", "SAS", "SA", "EURL", "SASU"],
    "fr-CH": ["SA", "Sàrl"],
    "nl": ["B.V.", "N.V.", "V.O.F."],
    "es": ["S.L.", "S.A.", "S.L.U."],
    "it": ["S.r.l.", "S.p.A.", "S.n.c.", "S.r.l.s."],
    "pt": ["Lda.", "S.A.", "Unipessoal Lda."],
    "pl": ["sp. z o.o.", "S.A.", "sp.k.", "Sp. z o.o."],
    "sv": ["AB", "HB", "Aktiebolag"],
    "da": ["ApS", "A/S", "I/S"],
    "cs": ["s.r.o.", "a.s.", "spol. s r.o.", "v.o.s."],
}

STEMS = {
    "en": [
        "Harbour",
        "Kestrel",
        "Ashford",
        "Bramley",
        "Northgate",
        "Fenwick",
        "Redbrook",
        "Millstone",
        "Oakridge",
    ],
    "de": [
        "Brückner",
        "Lindenhof",
        "Weserland",
        "Hofmann",
        "Alpenblick",
        "Rheintal",
        "Falkenberg",
        "Sonnleitner",
    ],
    "fr": [
        "Durand",
        "Belleville",
        "Lavoisier",
        "Marchand",
        "Clairefontaine",
        "Rousseau",
        "Beaulieu",
        "Garnier",
    ],
    "nl": ["Van Dijk", "Bakker", "De Vries", "Zeeland", "Hoogland", "Jansen", "Vermeulen", "Kempen"],
    "es": ["Iberia", "Montalbán", "Guadalquivir", "Navarro", "Castellana", "Ruiz", "Serrano", "Valdés"],
    "it": ["Bianchi", "Colombo", "Lombarda", "Ferrari", "Adriatica", "Galli", "Moretti", "Toscana"],
    "pt": ["Lusitana", "Ferreira", "Atlântico", "Douro", "Carvalho", "Almeida", "Tejo", "Sousa"],
    "pl": ["Kowalski", "Wiślana", "Nowak", "Mazowsze", "Zielińscy", "Bałtyk", "Wójcik", "Karpaty"],
    "sv": ["Lindqvist", "Norrland", "Bergström", "Skärgård", "Holm", "Dalarna", "Ekberg", "Sundström"],
    "da": ["Nørgaard", "Kattegat", "Østergaard", "Jylland", "Holmberg", "Skovby", "Lindholm", "Fyn"],
    "cs": ["Novák", "Vltava", "Dvořák", "Morava", "Krkonoše", "Svoboda", "Černý", "Beskydy"],
}

TRADES = {
    "en": ["Engineering", "Logistics", "Print", "Consulting", "Supplies", "Joinery", "Software"],
    "de": ["Maschinenbau", "Logistik", "Druck", "Beratung", "Elektrotechnik", "Holzbau", "Software"],
    "fr": ["Industrie", "Logistique", "Imprimerie", "Conseil", "Équipements", "Menuiserie", "Informatique"],
    "nl": ["Techniek", "Logistiek", "Drukwerk", "Advies", "Installatietechniek", "Houtbouw", "Software"],
    "es": ["Ingeniería", "Logística", "Artes Gráficas", "Consultoría", "Suministros", "Carpintería"],
    "it": ["Meccanica", "Logistica", "Tipografia", "Consulenze", "Forniture", "Impianti", "Informatica"],
    "pt": ["Engenharia", "Logística", "Artes Gráficas", "Consultoria", "Equipamentos", "Carpintaria"],
    "pl": ["Technika", "Logistyka", "Drukarnia", "Doradztwo", "Instalacje", "Stolarka", "Systemy"],
    "sv": ["Teknik", "Logistik", "Tryck", "Konsult", "Installation", "Snickeri", "Data"],
    "da": ["Teknik", "Logistik", "Tryk", "Rådgivning", "El-service", "Snedkeri", "Data"],
    "cs": ["Strojírna", "Logistika", "Tiskárna", "Poradenství", "Elektro", "Truhlářství", "Software"],
}

FIRST = {
    "en": ["James", "Olivia", "Thomas", "Emily", "Daniel", "Sophie", "Richard", "Hannah"],
    "de": ["Jonas", "Katrin", "Matthias", "Sabine", "Florian", "Anja", "Stefan", "Lena"],
    "fr": ["Julien", "Camille", "Nicolas", "Élodie", "Mathieu", "Claire", "Antoine", "Manon"],
    "nl": ["Daan", "Sanne", "Pieter", "Femke", "Joost", "Lotte", "Bram", "Eva"],
    "es": ["Javier", "Lucía", "Alejandro", "Carmen", "Pablo", "Marta", "Sergio", "Elena"],
    "it": ["Marco", "Giulia", "Luca", "Francesca", "Andrea", "Chiara", "Matteo", "Sara"],
    "pt": ["João", "Inês", "Tiago", "Beatriz", "Rui", "Mariana", "Pedro", "Sofia"],
    "pl": ["Piotr", "Agnieszka", "Tomasz", "Katarzyna", "Marcin", "Magdalena", "Paweł", "Joanna"],
    "sv": ["Erik", "Anna", "Johan", "Karin", "Anders", "Maria", "Lars", "Sofia"],
    "da": ["Mads", "Mette", "Søren", "Louise", "Rasmus", "Camilla", "Jens", "Sofie"],
    "cs": ["Jan", "Petra", "Tomáš", "Lucie", "Martin", "Veronika", "Jakub", "Tereza"],
}

LAST = {
    "en": ["Whitaker", "Hughes", "Pemberton", "Lloyd", "Carter", "Morrison", "Ellis", "Barker"],
    "de": ["Schneider", "Wagner", "Becker", "Krause", "Lehmann", "Vogel", "Keller", "Brandt"],
    "fr": ["Lefebvre", "Moreau", "Girard", "Fontaine", "Chevalier", "Mercier", "Lambert", "Blanc"],
    "nl": ["de Jong", "Visser", "Smit", "Mulder", "van den Berg", "Dekker", "Brouwer", "Peters"],
    "es": ["García", "Fernández", "López", "Martín", "Gómez", "Jiménez", "Moreno", "Álvarez"],
    "it": ["Rossi", "Esposito", "Romano", "Ricci", "Marino", "Greco", "Conti", "De Luca"],
    "pt": ["Silva", "Santos", "Pereira", "Costa", "Oliveira", "Rodrigues", "Martins", "Gomes"],
    "pl": [
        "Wiśniewski",
        "Lewandowska",
        "Kamiński",
        "Zielińska",
        "Szymański",
        "Woźniak",
        "Dąbrowski",
        "Kozłowska",
    ],
    "sv": ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson"],
    "da": ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen"],
    "cs": ["Procházka", "Kučerová", "Veselý", "Horáková", "Němec", "Marková", "Pokorný", "Králová"],
}

# (street pattern, [(postcode, town)]) per region
PLACES = {
    "en": (
        ["{n} {s} Road", "{n} {s} Street", "Unit {n}, {s} Business Park", "{n} {s} Lane"],
        ["High", "Church", "Station", "Mill", "Victoria", "Queens"],
        [
            ("LS1 4DY", "Leeds"),
            ("M2 5BQ", "Manchester"),
            ("BS1 6QA", "Bristol"),
            ("EH2 2ER", "Edinburgh"),
            ("NG1 5FS", "Nottingham"),
            ("CF10 1EP", "Cardiff"),
        ],
    ),
    "de": (
        ["{s}straße {n}", "{s}weg {n}", "Am {s} {n}", "{s}str. {n}"],
        ["Haupt", "Bahnhof", "Linden", "Industrie", "Garten", "Mühlen"],
        [
            ("10115", "Berlin"),
            ("80331", "München"),
            ("50667", "Köln"),
            ("70173", "Stuttgart"),
            ("04109", "Leipzig"),
            ("28195", "Bremen"),
        ],
    ),
    "de-CH": (
        ["{s}strasse {n}", "{s}weg {n}"],
        ["Bahnhof", "See", "Berg", "Kirch"],
        [("8001", "Zürich"), ("3011", "Bern"), ("4051", "Basel"), ("6003", "Luzern")],
    ),
    "fr": (
        ["{n} rue {s}", "{n}, avenue {s}", "{n} boulevard {s}", "ZA des {s}, lot {n}"],
        ["Victor Hugo", "de la République", "Pasteur", "Jean Jaurès", "des Tilleuls", "Gambetta"],
        [
            ("69002", "Lyon"),
            ("31000", "Toulouse"),
            ("44000", "Nantes"),
            ("67000", "Strasbourg"),
            ("33000", "Bordeaux"),
            ("59000", "Lille"),
        ],
    ),
    "fr-CH": (
        ["{n} rue {s}", "{n}, avenue {s}"],
        ["du Rhône", "de la Gare", "du Lac"],
        [("1204", "Genève"), ("1003", "Lausanne"), ("2000", "Neuchâtel")],
    ),
    "nl": (
        ["{s}straat {n}", "{s}weg {n}", "{s}laan {n}", "{s}kade {n}"],
        ["Kerk", "Molen", "Stations", "Industrie", "Haven", "Dorps"],
        [
            ("1012 AB", "Amsterdam"),
            ("3011 HE", "Rotterdam"),
            ("3511 LX", "Utrecht"),
            ("5611 AZ", "Eindhoven"),
            ("9711 LM", "Groningen"),
            ("2511 CV", "Den Haag"),
        ],
    ),
    "es": (
        ["Calle {s}, {n}", "Avda. de {s}, {n}", "C/ {s} {n}, 2º B", "Polígono Industrial {s}, nave {n}"],
        ["Mayor", "Alcalá", "Goya", "Serrano", "La Paz", "Colón"],
        [
            ("28013", "Madrid"),
            ("08007", "Barcelona"),
            ("46002", "Valencia"),
            ("41001", "Sevilla"),
            ("50001", "Zaragoza"),
            ("48001", "Bilbao"),
        ],
    ),
    "it": (
        ["Via {s}, {n}", "Viale {s} {n}", "Corso {s}, {n}", "Piazza {s} {n}"],
        ["Roma", "Garibaldi", "Mazzini", "Dante", "Verdi", "Cavour"],
        [
            ("20121", "Milano"),
            ("10121", "Torino"),
            ("40121", "Bologna"),
            ("50123", "Firenze"),
            ("35121", "Padova"),
            ("00184", "Roma"),
        ],
    ),
    "pt": (
        ["Rua {s}, {n}", "Avenida {s}, {n}", "Rua {s} n.º {n}, 2.º Esq.", "Travessa {s}, {n}"],
        ["da Liberdade", "de Santa Catarina", "do Comércio", "Augusta", "dos Aliados", "da Boavista"],
        [
            ("1250-096", "Lisboa"),
            ("4000-322", "Porto"),
            ("3000-150", "Coimbra"),
            ("4700-328", "Braga"),
            ("8000-078", "Faro"),
        ],
    ),
    "pl": (
        ["ul. {s} {n}", "ul. {s} {n}/{m}", "al. {s} {n}"],
        ["Marszałkowska", "Długa", "Piotrkowska", "Mickiewicza", "Kościuszki", "Słowackiego"],
        [
            ("00-624", "Warszawa"),
            ("31-042", "Kraków"),
            ("90-001", "Łódź"),
            ("50-101", "Wrocław"),
            ("61-701", "Poznań"),
            ("80-831", "Gdańsk"),
        ],
    ),
    "sv": (
        ["{s}gatan {n}", "{s}vägen {n}", "Box {n}"],
        ["Drottning", "Kungs", "Stor", "Industri", "Hamn", "Skol"],
        [
            ("111 52", "Stockholm"),
            ("411 06", "Göteborg"),
            ("211 20", "Malmö"),
            ("753 20", "Uppsala"),
            ("582 24", "Linköping"),
        ],
    ),
    "da": (
        ["{s}gade {n}", "{s}vej {n}", "{s} Allé {n}, 2. tv."],
        ["Nørre", "Vester", "Industri", "Havne", "Skole", "Kirke"],
        [
            ("1050", "København K"),
            ("8000", "Aarhus C"),
            ("5000", "Odense C"),
            ("9000", "Aalborg"),
            ("6700", "Esbjerg"),
        ],
    ),
    "cs": (
        ["{s} {n}/{m}", "{s} {n}", "tř. {s} {n}"],
        ["Vinohradská", "Masarykova", "Husova", "Nádražní", "Palackého", "Jiráskova"],
        [
            ("120 00", "Praha 2"),
            ("602 00", "Brno"),
            ("702 00", "Ostrava"),
            ("301 00", "Plzeň"),
            ("779 00", "Olomouc"),
        ],
    ),
}
COUNTRY = {"en": "GB", "en-US": "US", "de": "DE", "de-CH": "CH", "fr": "FR", "fr-CH": "CH", "nl": "NL",
           "es": "ES", "it": "IT", "pt": "PT", "pl": "PL", "sv": "SE", "da": "DK", "cs": "CZ"}  # fmt: skip

ITEMS = {
    "en": [
        "Site survey",
        "Steel bracket M8",
        "Consulting hours",
        "Printed brochures A5",
        "Installation labour",
        "Cable tray 3 m",
        "Annual support plan",
        "Delivery charge",
        "Oak panel 18 mm",
        "Training session",
    ],
    "de": [
        "Aufmaß vor Ort",
        "Stahlwinkel M8",
        "Beratungsstunden",
        "Flyer DIN A5, 4/4-farbig",
        "Montagearbeiten",
        "Kabelkanal 3 m",
        "Wartungsvertrag jährlich",
        "Frachtkosten",
        "Eichenplatte 18 mm",
        "Schulung vor Ort",
    ],
    "fr": [
        "Relevé sur site",
        "Équerre acier M8",
        "Heures de conseil",
        "Brochures A5 quadri",
        "Main-d'œuvre pose",
        "Goulotte 3 m",
        "Contrat de maintenance annuel",
        "Frais de port",
        "Panneau chêne 18 mm",
        "Formation",
    ],
    "nl": [
        "Inmeting op locatie",
        "Stalen hoekbeugel M8",
        "Adviesuren",
        "Folders A5 full colour",
        "Montage-uren",
        "Kabelgoot 3 m",
        "Onderhoudscontract jaarlijks",
        "Verzendkosten",
        "Eiken paneel 18 mm",
        "Training",
    ],
    "es": [
        "Visita técnica",
        "Escuadra de acero M8",
        "Horas de consultoría",
        "Folletos A5 color",
        "Mano de obra",
        "Bandeja portacables 3 m",
        "Contrato de mantenimiento anual",
        "Portes",
        "Tablero de roble 18 mm",
        "Formación presencial",
    ],
    "it": [
        "Sopralluogo",
        "Staffa in acciaio M8",
        "Ore di consulenza",
        "Volantini A5 a colori",
        "Manodopera posa",
        "Canalina 3 m",
        "Canone assistenza annuale",
        "Spese di trasporto",
        "Pannello rovere 18 mm",
        "Corso di formazione",
    ],
    "pt": [
        "Visita técnica",
        "Esquadro de aço M8",
        "Horas de consultoria",
        "Folhetos A5 a cores",
        "Mão de obra",
        "Calha de cabos 3 m",
        "Contrato de manutenção anual",
        "Portes de envio",
        "Painel de carvalho 18 mm",
        "Formação",
    ],
    "pl": [
        "Pomiar na miejscu",
        "Kątownik stalowy M8",
        "Godziny doradztwa",
        "Ulotki A5 kolor",
        "Robocizna montaż",
        "Korytko kablowe 3 m",
        "Abonament serwisowy roczny",
        "Koszty transportu",
        "Płyta dębowa 18 mm",
        "Szkolenie",
    ],
    "sv": [
        "Platsbesök",
        "Stålvinkel M8",
        "Konsulttimmar",
        "Broschyrer A5 fyrfärg",
        "Montagearbete",
        "Kabelränna 3 m",
        "Serviceavtal årligt",
        "Fraktkostnad",
        "Ekskiva 18 mm",
        "Utbildning",
    ],
    "da": [
        "Opmåling på stedet",
        "Stålvinkel M8",
        "Konsulenttimer",
        "Brochurer A5 4-farvet",
        "Montagearbejde",
        "Kabelbakke 3 m",
        "Serviceaftale årlig",
        "Fragt",
        "Egeplade 18 mm",
        "Kursus",
    ],
    "cs": [
        "Zaměření na místě",
        "Ocelový úhelník M8",
        "Konzultační hodiny",
        "Letáky A5 barevné",
        "Montážní práce",
        "Kabelový žlab 3 m",
        "Roční servisní smlouva",
        "Doprava",
        "Dubová deska 18 mm",
        "Školení",
    ],
}

UNITS = {
    "en": ["pcs", "hrs", "ea", ""], "de": ["Stk.", "Std.", "St.", "pauschal"], "fr": ["u.", "h", "pce", "forfait"],
    "nl": ["st.", "uur", "stuks", ""], "es": ["ud.", "h", "uds.", ""], "it": ["pz.", "ore", "n.", ""],
    "pt": ["un.", "h", "UN", ""], "pl": ["szt.", "godz.", "usł.", "kpl."], "sv": ["st", "tim", "st.", ""],
    "da": ["stk.", "timer", "stk", ""], "cs": ["ks", "hod.", "ks.", "kpl."],
}  # fmt: skip

# label wordings; several per key, a document draws one
W: dict[str, dict[str, list[str]]] = {
    "en": {
        "invoice": ["INVOICE", "Invoice", "Tax Invoice", "VAT INVOICE"],
        "credit": ["CREDIT NOTE", "Credit Note", "Credit memo"],
        "proforma": ["PRO FORMA INVOICE", "Proforma Invoice"],
        "number": ["Invoice No.", "Invoice number", "Invoice #", "Inv. No.", "Number"],
        "credit_number": ["Credit note No.", "Credit note number", "Credit No."],
        "proforma_number": ["Proforma No.", "Pro forma number"],
        "date": ["Invoice date", "Date", "Tax point", "Date of issue", "Issue date"],
        "due": ["Due date", "Payment due", "Due", "Please pay by"],
        "customer_no": ["Customer No.", "Account No.", "Customer ID", "Your account"],
        "order_no": ["Your order", "PO number", "Order No.", "Purchase order"],
        "delivery_no": ["Delivery note", "Dispatch note No.", "Delivery No."],
        "contact": ["Your contact", "Contact", "Account manager", "Queries to"],
        "bill_to": ["Bill to", "Invoice to", "Invoice address", "To"],
        "ship_to": ["Deliver to", "Ship to", "Delivery address"],
        "desc": ["Description", "Item", "Details"],
        "qty": ["Qty", "Quantity"],
        "unit": ["Unit"],
        "price": ["Unit price", "Rate", "Price"],
        "rate": ["VAT %", "VAT rate", "VAT"],
        "amount": ["Amount", "Net", "Total"],
        "net": ["Subtotal", "Net total", "Total excl. VAT", "Goods total"],
        "vat": ["VAT", "VAT @ {r}%", "VAT {r}%"],
        "vat_table": ["VAT summary", "VAT analysis"],
        "vat_base": ["Net", "Taxable amount"],
        "vat_amt": ["VAT"],
        "total": ["Total", "Invoice total", "TOTAL", "Total incl. VAT", "Gross total"],
        "due_amount": ["Amount due", "Balance due", "Total due", "Amount payable", "To pay"],
        "carried": ["Carried forward", "Carried fwd", "Subtotal c/f"],
        "brought": ["Brought forward", "Subtotal b/f"],
        "page": ["Page {p}", "Page {p} of {n}"],
        "deposit": ["Less deposit received {d}", "Less payment on account ({d})", "Less advance payment {d}"],
        "skonto": [
            "{pct}% early-payment discount if paid by {d}: pay {amt}",
            "Settlement discount {pct}% until {d} – amount then payable {amt}",
        ],
        "terms": ["Payment terms: {n} days net", "Terms: net {n} days", "Payable within {n} days"],
        "factoring": [
            "This invoice has been assigned to {f}. Payment must be made only to {f}.",
            "Please remit payment to our factor {f}, who has purchased this debt.",
        ],
        "remit": ["Remit to", "Payment to", "Pay to"],
        "vat_id": ["VAT No.", "VAT Reg. No.", "VAT registration number"],
        "iban": ["IBAN"],
        "bank": ["Bank", "Bank details"],
        "reg": ["Registered in England and Wales No. {r}", "Company No. {r}"],
        "ref_invoice": [
            "Relates to invoice {n} of {d}",
            "Credit for invoice no. {n} dated {d}",
            "Original invoice: {n} ({d})",
        ],
        "words": ["Amount in words", "In words"],
        "letter_open": ["Dear {s},", "Dear Sir or Madam,"],
        "letter_body": [
            "Please find below my invoice for the work carried out in {m}.",
            "As agreed, I am invoicing you for the following services.",
        ],
        "letter_close": ["Kind regards", "Yours sincerely"],
        "proforma_note": [
            "Payment in advance is required before delivery.",
            "This is not a tax invoice. Goods will be dispatched on receipt of payment.",
        ],
        "valid": ["Valid until", "Offer valid until"],
    },
    "de": {
        "invoice": ["RECHNUNG", "Rechnung"],
        "credit": ["GUTSCHRIFT", "Gutschrift", "Rechnungskorrektur", "Stornorechnung"],
        "proforma": ["PROFORMA-RECHNUNG", "Proformarechnung", "Vorauskasse-Rechnung"],
        "number": ["Rechnungsnummer", "Rechnungs-Nr.", "Rechnung Nr.", "Re.-Nr.", "Beleg-Nr."],
        "credit_number": ["Gutschrift-Nr.", "Gutschriftsnummer", "Beleg-Nr."],
        "proforma_number": ["Proforma-Nr.", "Nummer"],
        "date": ["Rechnungsdatum", "Datum", "Belegdatum", "Re.-Datum"],
        "due": ["Fällig am", "Zahlbar bis", "Fälligkeit", "Fälligkeitsdatum"],
        "customer_no": ["Kundennummer", "Kunden-Nr.", "Kd.-Nr.", "Ihre Kundennummer"],
        "order_no": ["Ihre Bestellung", "Bestell-Nr.", "Auftragsnummer", "Ihr Auftrag"],
        "delivery_no": ["Lieferschein-Nr.", "Lieferschein", "LS-Nr."],
        "contact": ["Ihr Ansprechpartner", "Ansprechpartner", "Bearbeiter", "Sachbearbeiterin"],
        "bill_to": ["Rechnungsanschrift", "Rechnungsempfänger", "Rechnung an"],
        "ship_to": ["Lieferanschrift", "Lieferadresse", "Lieferung an", "Warenempfänger"],
        "desc": ["Bezeichnung", "Beschreibung", "Artikel", "Leistung"],
        "qty": ["Menge", "Anz."],
        "unit": ["Einheit", "ME"],
        "price": ["Einzelpreis", "E-Preis", "Preis/Einh."],
        "rate": ["USt.", "MwSt.-Satz", "USt.-%"],
        "amount": ["Gesamt", "Betrag", "Gesamtpreis"],
        "net": ["Nettobetrag", "Summe netto", "Zwischensumme", "Warenwert netto"],
        "vat": ["zzgl. {r} % USt.", "MwSt. {r} %", "Umsatzsteuer {r} %", "{r}% MwSt."],
        "vat_table": ["USt.-Aufstellung", "Steuerübersicht"],
        "vat_base": ["Netto", "Bemessungsgrundlage"],
        "vat_amt": ["USt.", "Steuer"],
        "total": ["Gesamtbetrag", "Rechnungsbetrag", "Summe brutto", "Endbetrag", "Bruttobetrag"],
        "due_amount": ["Zahlbetrag", "Zu zahlender Betrag", "Offener Betrag", "Restbetrag"],
        "carried": ["Übertrag", "Zwischensumme Übertrag", "Übertrag auf Seite {p}"],
        "brought": ["Übertrag", "Übertrag von Seite {q}"],
        "page": ["Seite {p}", "Seite {p} von {n}", "Blatt {p}"],
        "deposit": [
            "abzgl. Anzahlung vom {d}",
            "abzüglich geleisteter Abschlagszahlung ({d})",
            "./. Vorauszahlung vom {d}",
        ],
        "skonto": [
            "Bei Zahlung bis {d} gewähren wir {pct} % Skonto: Zahlbetrag {amt}",
            "{pct} % Skonto bis {d} = {amt}",
        ],
        "terms": ["Zahlbar innerhalb von {n} Tagen ohne Abzug.", "Zahlungsziel: {n} Tage netto"],
        "factoring": [
            "Wir haben unsere Forderungen an die {f} abgetreten. Zahlungen mit schuldbefreiender Wirkung bitte nur an die {f}.",
            "Diese Forderung wurde im Rahmen eines Factoringvertrages an {f} verkauft. Bitte zahlen Sie ausschließlich an {f}.",
        ],
        "remit": ["Zahlungsempfänger", "Bankverbindung des Factors", "Bitte überweisen an"],
        "vat_id": ["USt-IdNr.", "USt.-ID", "Umsatzsteuer-ID", "USt-ID-Nr."],
        "iban": ["IBAN"],
        "bank": ["Bankverbindung", "Bank"],
        "reg": ["Amtsgericht {c} HRB {r}", "Registergericht {c}, HRB {r}"],
        "ref_invoice": [
            "zu Rechnung Nr. {n} vom {d}",
            "Bezug: Rechnung {n} vom {d}",
            "Korrektur der Rechnung {n} vom {d}",
        ],
        "words": ["In Worten", "Betrag in Worten"],
        "letter_open": ["Sehr geehrte Damen und Herren,", "Guten Tag {s},"],
        "letter_body": [
            "für meine Leistungen im {m} erlaube ich mir, wie folgt zu berechnen:",
            "vereinbarungsgemäß stelle ich Ihnen folgende Leistungen in Rechnung:",
        ],
        "letter_close": ["Mit freundlichen Grüßen", "Beste Grüße"],
        "proforma_note": [
            "Lieferung erfolgt nach Zahlungseingang.",
            "Diese Proforma-Rechnung berechtigt nicht zum Vorsteuerabzug.",
        ],
        "valid": ["Gültig bis", "Angebot gültig bis"],
    },
    "fr": {
        "invoice": ["FACTURE", "Facture"],
        "credit": ["AVOIR", "Facture d'avoir", "Avoir"],
        "proforma": ["FACTURE PROFORMA", "Facture pro forma"],
        "number": ["Facture n°", "N° de facture", "Numéro de facture", "Réf. facture", "N°"],
        "credit_number": ["Avoir n°", "N° d'avoir"],
        "proforma_number": ["Proforma n°", "N°"],
        "date": ["Date de facture", "Date", "Date d'émission", "Émise le", "Date de facturation"],
        "due": ["Date d'échéance", "Échéance", "À régler avant le", "Payable le"],
        "customer_no": ["N° client", "Code client", "Réf. client"],
        "order_no": ["Votre commande", "N° de commande", "Bon de commande"],
        "delivery_no": ["Bon de livraison", "BL n°", "N° BL"],
        "contact": ["Votre contact", "Interlocuteur", "Suivi par", "Affaire suivie par"],
        "bill_to": ["Adresse de facturation", "Facturé à", "Client"],
        "ship_to": ["Adresse de livraison", "Livré à", "Lieu de livraison"],
        "desc": ["Désignation", "Description", "Libellé"],
        "qty": ["Qté", "Quantité"],
        "unit": ["Unité", "U."],
        "price": ["Prix unitaire HT", "P.U. HT", "Prix U."],
        "rate": ["TVA", "Taux TVA"],
        "amount": ["Montant HT", "Total HT"],
        "net": ["Total HT", "Montant HT", "Sous-total HT"],
        "vat": ["TVA {r} %", "TVA à {r} %", "T.V.A. {r}%"],
        "vat_table": ["Récapitulatif TVA", "Détail TVA"],
        "vat_base": ["Base HT", "Base"],
        "vat_amt": ["Montant TVA", "TVA"],
        "total": ["Total TTC", "Montant TTC", "TOTAL TTC", "Net à payer TTC"],
        "due_amount": ["Net à payer", "Reste à payer", "Solde dû", "Montant à régler"],
        "carried": ["Report", "À reporter", "Total à reporter"],
        "brought": ["Report", "Report page précédente"],
        "page": ["Page {p}", "Page {p}/{n}", "Page {p} sur {n}"],
        "deposit": ["Acompte versé le {d}", "Déduction acompte du {d}", "Acompte reçu ({d})"],
        "skonto": [
            "Escompte de {pct} % pour paiement avant le {d}, soit {amt}",
            "En cas de paiement anticipé avant le {d} : escompte {pct} %, net {amt}",
        ],
        "terms": ["Paiement à {n} jours date de facture.", "Conditions de règlement : {n} jours net"],
        "factoring": [
            "Pour être libératoire, votre règlement doit être effectué directement à l'ordre de {f}, qui le reçoit par subrogation.",
            "Cette créance a été cédée à {f}. Merci de régler exclusivement à {f}.",
        ],
        "remit": ["Règlement à l'ordre de", "Payer à", "Coordonnées bancaires du factor"],
        "vat_id": ["N° TVA intracom.", "TVA intracommunautaire", "N° TVA", "Identifiant TVA"],
        "iban": ["IBAN"],
        "bank": ["Banque", "Coordonnées bancaires"],
        "reg": ["SIRET {r}", "RCS {c} {r}"],
        "ref_invoice": [
            "Avoir sur facture n° {n} du {d}",
            "Réf. facture d'origine : {n} du {d}",
            "Annule et remplace la facture {n} du {d}",
        ],
        "words": ["Arrêtée la présente facture à la somme de", "Montant en lettres"],
        "letter_open": ["Madame, Monsieur,", "Bonjour {s},"],
        "letter_body": [
            "Veuillez trouver ci-dessous ma facture pour les prestations réalisées en {m}.",
            "Comme convenu, je vous facture les prestations suivantes :",
        ],
        "letter_close": ["Cordialement", "Bien à vous", "Veuillez agréer mes salutations distinguées."],
        "proforma_note": [
            "Paiement à la commande. Expédition dès réception du règlement.",
            "Document sans valeur fiscale.",
        ],
        "valid": ["Valable jusqu'au", "Offre valable jusqu'au"],
    },
    "nl": {
        "invoice": ["FACTUUR", "Factuur"],
        "credit": ["CREDITNOTA", "Creditfactuur", "Creditnota"],
        "proforma": ["PROFORMA FACTUUR", "Pro-formafactuur"],
        "number": ["Factuurnummer", "Factuurnr.", "Factuur nr.", "Nummer"],
        "credit_number": ["Creditnotanummer", "Creditnota nr."],
        "proforma_number": ["Proformanummer", "Nummer"],
        "date": ["Factuurdatum", "Datum", "Datum factuur"],
        "due": ["Vervaldatum", "Uiterste betaaldatum", "Te betalen voor", "Vervaldag"],
        "customer_no": ["Klantnummer", "Klantnr.", "Debiteurnummer", "Debiteurnr."],
        "order_no": ["Uw ordernummer", "Uw referentie", "Inkoopordernummer", "Ordernr."],
        "delivery_no": ["Pakbonnummer", "Afleverbon", "Leveringsbon nr."],
        "contact": ["Contactpersoon", "Uw contactpersoon", "Behandeld door"],
        "bill_to": ["Factuuradres", "Gefactureerd aan", "Aan"],
        "ship_to": ["Afleveradres", "Leveradres", "Geleverd aan"],
        "desc": ["Omschrijving", "Artikel"],
        "qty": ["Aantal", "Aant."],
        "unit": ["Eenheid"],
        "price": ["Prijs", "Stukprijs", "Prijs per stuk"],
        "rate": ["Btw", "Btw %"],
        "amount": ["Bedrag", "Totaal"],
        "net": ["Subtotaal", "Totaal excl. btw", "Totaal exclusief btw"],
        "vat": ["Btw {r}%", "{r}% btw", "BTW {r}%"],
        "vat_table": ["Btw-specificatie", "Btw-overzicht"],
        "vat_base": ["Grondslag", "Over"],
        "vat_amt": ["Btw"],
        "total": ["Totaal incl. btw", "Totaal", "Totaalbedrag", "TOTAAL"],
        "due_amount": ["Te betalen", "Openstaand bedrag", "Nog te betalen", "Totaal te voldoen"],
        "carried": ["Transport", "Subtotaal transport", "Over te brengen"],
        "brought": ["Transport", "Van vorige pagina"],
        "page": ["Pagina {p}", "Pagina {p} van {n}", "Blad {p}/{n}"],
        "deposit": [
            "Af: aanbetaling d.d. {d}",
            "Reeds voldaan (aanbetaling {d})",
            "Minus vooruitbetaling {d}",
        ],
        "skonto": [
            "Bij betaling vóór {d} mag u {pct}% betalingskorting aftrekken: {amt}",
            "Betalingskorting {pct}% tot {d}, dan te betalen {amt}",
        ],
        "terms": ["Betaling binnen {n} dagen na factuurdatum.", "Betalingstermijn: {n} dagen"],
        "factoring": [
            "Deze vordering is gecedeerd aan {f}. Betaling kan uitsluitend bevrijdend geschieden aan {f}.",
            "Wij hebben onze debiteuren overgedragen aan {f}; gelieve uitsluitend aan hen te betalen.",
        ],
        "remit": ["Betalen aan", "Begunstigde", "Betaling uitsluitend aan"],
        "vat_id": ["Btw-nummer", "BTW-nr.", "Btw-id", "Omzetbelastingnummer"],
        "iban": ["IBAN"],
        "bank": ["Bank", "Bankgegevens"],
        "reg": ["KvK {r}", "KvK-nummer {r}", "Handelsregister {r}"],
        "ref_invoice": [
            "Creditering van factuur {n} d.d. {d}",
            "Betreft factuur {n} van {d}",
            "Correctie op factuur {n} ({d})",
        ],
        "words": ["Bedrag in woorden"],
        "letter_open": ["Geachte heer/mevrouw,", "Beste {s},"],
        "letter_body": [
            "Hierbij breng ik de werkzaamheden van {m} in rekening.",
            "Zoals afgesproken factureer ik u de volgende werkzaamheden:",
        ],
        "letter_close": ["Met vriendelijke groet", "Met vriendelijke groeten"],
        "proforma_note": [
            "Levering vindt plaats na ontvangst van betaling.",
            "Dit is geen factuur voor de btw.",
        ],
        "valid": ["Geldig tot"],
    },
    "es": {
        "invoice": ["FACTURA", "Factura"],
        "credit": ["FACTURA RECTIFICATIVA", "Factura rectificativa", "ABONO"],
        "proforma": ["FACTURA PROFORMA", "Factura proforma"],
        "number": ["Nº Factura", "Número de factura", "Factura nº", "Nº", "Núm. factura"],
        "credit_number": ["Nº rectificativa", "Factura rectificativa nº"],
        "proforma_number": ["Proforma nº", "Nº"],
        "date": ["Fecha", "Fecha de factura", "Fecha de emisión", "Fecha factura"],
        "due": ["Vencimiento", "Fecha de vencimiento", "Fecha vto."],
        "customer_no": ["Nº cliente", "Código cliente", "Cliente nº"],
        "order_no": ["Su pedido", "Nº pedido", "Pedido cliente"],
        "delivery_no": ["Albarán nº", "Nº albarán", "Albarán"],
        "contact": ["Persona de contacto", "Atendido por", "Su contacto"],
        "bill_to": ["Facturar a", "Datos de facturación", "Cliente"],
        "ship_to": ["Dirección de entrega", "Enviar a", "Lugar de entrega"],
        "desc": ["Descripción", "Concepto", "Artículo"],
        "qty": ["Cant.", "Cantidad", "Uds."],
        "unit": ["Unidad"],
        "price": ["Precio", "Precio unit.", "P. unitario"],
        "rate": ["IVA", "% IVA"],
        "amount": ["Importe", "Total"],
        "net": ["Base imponible", "Subtotal", "Total base"],
        "vat": ["IVA {r}%", "IVA ({r} %)", "Cuota IVA {r}%"],
        "vat_table": ["Desglose de IVA", "Resumen IVA"],
        "vat_base": ["Base", "Base imponible"],
        "vat_amt": ["Cuota", "IVA"],
        "total": ["Total factura", "TOTAL", "Importe total", "Total (IVA incl.)"],
        "due_amount": ["Total a pagar", "Importe a pagar", "Pendiente de pago", "Líquido a percibir"],
        "carried": ["Suma y sigue", "A la vuelta"],
        "brought": ["Suma anterior", "Viene de pág. {q}"],
        "page": ["Página {p}", "Pág. {p}/{n}", "Hoja {p} de {n}"],
        "deposit": ["Menos anticipo recibido el {d}", "A deducir: entrega a cuenta {d}", "Anticipo ({d})"],
        "skonto": [
            "Descuento por pronto pago del {pct} % si paga antes del {d}: {amt}",
            "Pronto pago {pct}% hasta {d} = {amt}",
        ],
        "terms": ["Forma de pago: transferencia a {n} días", "Pago a {n} días fecha factura"],
        "factoring": [
            "Este crédito ha sido cedido a {f}. El pago deberá efectuarse exclusivamente a {f}.",
            "Factura cedida a {f} (factoring). Abonar únicamente en la cuenta de {f}.",
        ],
        "remit": ["Pagar a", "Cuenta de abono", "Beneficiario"],
        "vat_id": ["NIF", "CIF", "NIF-IVA", "N.I.F."],
        "iban": ["IBAN"],
        "bank": ["Banco", "Datos bancarios"],
        "reg": ["Inscrita en el Registro Mercantil de {c}, Tomo {r}", "R.M. {c}, hoja {r}"],
        "ref_invoice": [
            "Rectifica la factura nº {n} de fecha {d}",
            "Factura rectificada: {n} ({d})",
            "Abono de la factura {n} del {d}",
        ],
        "words": ["Son", "Importe en letra"],
        "letter_open": ["Estimados señores:", "Hola {s}:"],
        "letter_body": [
            "Les remito la factura por los servicios prestados en {m}.",
            "Según lo acordado, facturo los siguientes servicios:",
        ],
        "letter_close": ["Atentamente", "Un saludo"],
        "proforma_note": [
            "Pago anticipado. El envío se realizará una vez recibido el pago.",
            "Documento sin validez fiscal.",
        ],
        "valid": ["Válida hasta"],
    },
    "it": {
        "invoice": ["FATTURA", "Fattura", "Fattura n."],
        "credit": ["NOTA DI CREDITO", "Nota di credito"],
        "proforma": ["FATTURA PROFORMA", "Fattura pro forma", "Avviso di parcella"],
        "number": ["Numero fattura", "Fattura n.", "N. documento", "Nr.", "Num. doc."],
        "credit_number": ["Nota di credito n.", "N. nota"],
        "proforma_number": ["Proforma n.", "N."],
        "date": ["Data", "Data fattura", "Data documento", "Del"],
        "due": ["Scadenza", "Data scadenza", "Scad."],
        "customer_no": ["Cod. cliente", "Codice cliente", "Cliente n."],
        "order_no": ["Vs. ordine", "Rif. ordine", "Ordine n."],
        "delivery_no": ["DDT n.", "Documento di trasporto", "Rif. DDT"],
        "contact": ["Referente", "Vs. referente", "Riferimento interno"],
        "bill_to": ["Spett.le", "Intestatario", "Destinatario fattura", "Cliente"],
        "ship_to": ["Destinazione merce", "Luogo di consegna", "Destinazione"],
        "desc": ["Descrizione", "Articolo"],
        "qty": ["Q.tà", "Quantità"],
        "unit": ["U.M.", "UM"],
        "price": ["Prezzo", "Prezzo unit.", "Prezzo unitario"],
        "rate": ["IVA", "Aliq."],
        "amount": ["Importo", "Totale"],
        "net": ["Imponibile", "Totale imponibile", "Totale merce"],
        "vat": ["IVA {r}%", "IVA al {r}%", "Imposta {r}%"],
        "vat_table": ["Riepilogo IVA", "Castelletto IVA"],
        "vat_base": ["Imponibile"],
        "vat_amt": ["Imposta", "IVA"],
        "total": ["Totale fattura", "TOTALE", "Totale documento", "Totale complessivo"],
        "due_amount": ["Netto a pagare", "Totale da pagare", "Importo da versare", "Saldo"],
        "carried": ["A riportare", "Segue"],
        "brought": ["Riporto", "Riporto da pag. {q}"],
        "page": ["Pagina {p}", "Pag. {p} di {n}", "Foglio {p}/{n}"],
        "deposit": ["Meno acconto del {d}", "Acconto già versato ({d})", "Dedotto anticipo del {d}"],
        "skonto": [
            "Sconto cassa {pct}% per pagamento entro il {d}: {amt}",
            "Pagamento anticipato entro {d}: sconto {pct}%, totale {amt}",
        ],
        "terms": ["Pagamento: bonifico {n} gg d.f.", "Bonifico bancario a {n} giorni data fattura"],
        "factoring": [
            "Il presente credito è stato ceduto a {f}. Il pagamento deve essere effettuato esclusivamente a favore di {f}.",
            "Credito ceduto in factoring a {f}: pagare solo a {f}.",
        ],
        "remit": ["Pagamento a favore di", "Beneficiario", "Coordinate del factor"],
        "vat_id": ["P.IVA", "Partita IVA", "P. IVA", "C.F. e P.IVA"],
        "iban": ["IBAN"],
        "bank": ["Banca", "Appoggio bancario"],
        "reg": ["REA {c} {r}", "Reg. Imprese {c} n. {r}"],
        "ref_invoice": [
            "Storno fattura n. {n} del {d}",
            "Rif. fattura n. {n} del {d}",
            "A rettifica della fattura {n} del {d}",
        ],
        "words": ["Importo in lettere", "Diconsi"],
        "letter_open": ["Spettabile ditta,", "Gentile {s},"],
        "letter_body": [
            "con la presente Vi addebito le prestazioni svolte nel mese di {m}.",
            "come concordato, addebito le seguenti prestazioni:",
        ],
        "letter_close": ["Cordiali saluti", "Distinti saluti"],
        "proforma_note": [
            "Pagamento anticipato. Non valida ai fini fiscali.",
            "La fattura verrà emessa al momento del pagamento.",
        ],
        "valid": ["Valida fino al"],
    },
    "pt": {
        "invoice": ["FATURA", "Fatura", "Fatura-Recibo"],
        "credit": ["NOTA DE CRÉDITO", "Nota de crédito"],
        "proforma": ["FATURA PRÓ-FORMA", "Fatura proforma"],
        "number": ["Fatura n.º", "N.º da fatura", "Número", "N.º documento"],
        "credit_number": ["Nota de crédito n.º", "N.º"],
        "proforma_number": ["Pró-forma n.º", "N.º"],
        "date": ["Data", "Data da fatura", "Data de emissão", "Data do documento"],
        "due": ["Data de vencimento", "Vencimento", "Pagável até"],
        "customer_no": ["N.º cliente", "Cliente n.º", "Código de cliente"],
        "order_no": ["V/ encomenda", "N.º encomenda", "Requisição"],
        "delivery_no": ["Guia de remessa", "Guia n.º", "N.º guia"],
        "contact": ["Contacto", "Pessoa de contacto", "O seu gestor"],
        "bill_to": ["Faturar a", "Exmo.(s) Sr.(s)", "Cliente"],
        "ship_to": ["Local de descarga", "Morada de entrega", "Entregar em"],
        "desc": ["Descrição", "Designação", "Artigo"],
        "qty": ["Qtd.", "Quant."],
        "unit": ["Un."],
        "price": ["Preço unit.", "Preço", "P. unitário"],
        "rate": ["IVA", "Taxa"],
        "amount": ["Valor", "Total", "Valor líquido"],
        "net": ["Total ilíquido", "Subtotal", "Total s/ IVA", "Incidência"],
        "vat": ["IVA {r}%", "IVA ({r}%)", "Total IVA {r}%"],
        "vat_table": ["Quadro resumo de IVA", "Resumo de impostos"],
        "vat_base": ["Incidência", "Base"],
        "vat_amt": ["Valor IVA", "IVA"],
        "total": ["Total", "Total do documento", "TOTAL (EUR)", "Total c/ IVA"],
        "due_amount": ["Total a pagar", "Valor a pagar", "Em dívida", "A pagar"],
        "carried": ["A transportar", "Transporte"],
        "brought": ["Transporte", "Transportado"],
        "page": ["Pág. {p}", "Página {p} de {n}", "Pág. {p}/{n}"],
        "deposit": [
            "Adiantamento recebido em {d}",
            "Dedução de adiantamento ({d})",
            "Menos sinal pago a {d}",
        ],
        "skonto": [
            "Desconto de pronto pagamento de {pct}% até {d}: {amt}",
            "Pagamento até {d} com {pct}% de desconto = {amt}",
        ],
        "terms": ["Condições de pagamento: {n} dias", "Pagamento a {n} dias"],
        "factoring": [
            "Este crédito foi cedido a {f}. O pagamento deve ser efetuado exclusivamente a {f}.",
            "Fatura cedida em factoring a {f}; pagar apenas a {f}.",
        ],
        "remit": ["Pagamento a", "Beneficiário", "Pagar a"],
        "vat_id": ["NIF", "Contribuinte n.º", "N.º contribuinte", "NIPC"],
        "iban": ["IBAN"],
        "bank": ["Banco", "Dados bancários"],
        "reg": ["Capital social {r} €", "C.R.C. {c} n.º {r}"],
        "ref_invoice": [
            "Referente à fatura {n} de {d}",
            "Retificação da fatura n.º {n} de {d}",
            "Doc. origem: {n} ({d})",
        ],
        "words": ["Valor por extenso", "Extenso"],
        "letter_open": ["Exmos. Senhores,", "Caro(a) {s},"],
        "letter_body": [
            "Junto envio a fatura relativa aos serviços prestados em {m}.",
            "Conforme combinado, faturo os seguintes serviços:",
        ],
        "letter_close": ["Com os melhores cumprimentos", "Atenciosamente"],
        "proforma_note": [
            "Pagamento antecipado. Este documento não serve de fatura.",
            "Não serve de fatura.",
        ],
        "valid": ["Válido até"],
    },
    "pl": {
        "invoice": ["FAKTURA VAT", "Faktura", "FAKTURA", "Faktura VAT"],
        "credit": ["FAKTURA KORYGUJĄCA", "Faktura korygująca", "Korekta faktury"],
        "proforma": ["FAKTURA PRO FORMA", "Faktura proforma"],
        "number": ["Nr faktury", "Numer", "Faktura nr", "Nr"],
        "credit_number": ["Korekta nr", "Nr korekty"],
        "proforma_number": ["Proforma nr", "Nr"],
        "date": ["Data wystawienia", "Data", "Wystawiono dnia", "Data faktury"],
        "due": ["Termin płatności", "Płatne do", "Termin zapłaty"],
        "customer_no": ["Nr klienta", "Kod klienta", "Numer kontrahenta"],
        "order_no": ["Zamówienie nr", "Nr zamówienia", "Państwa zamówienie"],
        "delivery_no": ["WZ nr", "Dokument WZ", "Nr WZ"],
        "contact": ["Osoba kontaktowa", "Opiekun klienta", "Wystawił"],
        "bill_to": ["Nabywca", "Nabywca:", "Odbiorca faktury"],
        "ship_to": ["Odbiorca", "Adres dostawy", "Miejsce dostawy"],
        "desc": ["Nazwa towaru lub usługi", "Nazwa", "Opis"],
        "qty": ["Ilość", "Il."],
        "unit": ["J.m.", "jm"],
        "price": ["Cena netto", "Cena jedn. netto"],
        "rate": ["Stawka VAT", "VAT %"],
        "amount": ["Wartość netto", "Netto"],
        "net": ["Razem netto", "Wartość netto", "Suma netto"],
        "vat": ["VAT {r}%", "Podatek VAT {r}%", "Kwota VAT {r}%"],
        "vat_table": ["Zestawienie VAT", "Według stawek VAT"],
        "vat_base": ["Netto", "Wartość netto"],
        "vat_amt": ["Kwota VAT", "VAT"],
        "total": ["Razem brutto", "Wartość brutto", "Ogółem", "Suma brutto"],
        "due_amount": ["Do zapłaty", "Pozostało do zapłaty", "Kwota do zapłaty"],
        "carried": ["Do przeniesienia", "Z przeniesienia dalej"],
        "brought": ["Z przeniesienia", "Przeniesienie"],
        "page": ["Strona {p}", "Strona {p} z {n}", "Str. {p}/{n}"],
        "deposit": [
            "Zaliczka otrzymana {d}",
            "Pomniejszenie o zaliczkę z dnia {d}",
            "Zapłacono zaliczkę ({d})",
        ],
        "skonto": [
            "Skonto {pct}% przy zapłacie do {d}: {amt}",
            "Przy płatności do {d} rabat {pct}%, do zapłaty {amt}",
        ],
        "terms": ["Sposób zapłaty: przelew {n} dni", "Płatność przelewem w terminie {n} dni"],
        "factoring": [
            "Wierzytelność z tej faktury została przelana na {f}. Zapłaty należy dokonać wyłącznie na rachunek {f}.",
            "Faktura objęta faktoringiem: płatność wyłącznie na rzecz {f}.",
        ],
        "remit": ["Płatność na rzecz", "Odbiorca płatności", "Rachunek faktora"],
        "vat_id": ["NIP", "NIP UE", "NIP/VAT"],
        "iban": ["Nr konta", "IBAN", "Rachunek bankowy"],
        "bank": ["Bank"],
        "reg": ["KRS {r}", "Sąd Rejonowy {c}, KRS {r}"],
        "ref_invoice": [
            "Korekta do faktury nr {n} z dnia {d}",
            "Dotyczy faktury {n} z {d}",
            "Faktura korygowana: {n} ({d})",
        ],
        "words": ["Słownie", "Słownie złotych"],
        "letter_open": ["Szanowni Państwo,", "Dzień dobry {s},"],
        "letter_body": [
            "w załączeniu przesyłam rachunek za prace wykonane w miesiącu {m}.",
            "zgodnie z umową wystawiam fakturę za następujące usługi:",
        ],
        "letter_close": ["Z poważaniem", "Pozdrawiam"],
        "proforma_note": ["Dokument nie jest fakturą VAT.", "Wysyłka po zaksięgowaniu wpłaty."],
        "valid": ["Ważna do"],
    },
    "sv": {
        "invoice": ["FAKTURA", "Faktura"],
        "credit": ["KREDITFAKTURA", "Kreditfaktura", "Kreditnota"],
        "proforma": ["PROFORMAFAKTURA", "Proformafaktura"],
        "number": ["Fakturanummer", "Fakturanr", "Faktura nr", "Nummer"],
        "credit_number": ["Kreditfakturanr", "Kreditnota nr"],
        "proforma_number": ["Proformanr", "Nummer"],
        "date": ["Fakturadatum", "Datum", "Fakt.datum"],
        "due": ["Förfallodatum", "Förfallodag", "Att betala senast", "Sista betalningsdag"],
        "customer_no": ["Kundnummer", "Kundnr", "Ert kundnr"],
        "order_no": ["Er referens", "Ert ordernr", "Beställningsnr", "Ordernr"],
        "delivery_no": ["Följesedel", "Följesedelnr", "Leveransnr"],
        "contact": ["Vår referens", "Kontaktperson", "Handläggare"],
        "bill_to": ["Fakturaadress", "Faktureras till", "Kund"],
        "ship_to": ["Leveransadress", "Levereras till", "Godsmottagare"],
        "desc": ["Benämning", "Beskrivning", "Artikel"],
        "qty": ["Antal", "Ant."],
        "unit": ["Enhet", "Enh."],
        "price": ["À-pris", "Pris", "Á-pris"],
        "rate": ["Moms %", "Moms"],
        "amount": ["Belopp", "Summa"],
        "net": ["Summa exkl. moms", "Netto", "Belopp före moms", "Delsumma"],
        "vat": ["Moms {r}%", "Moms {r} %", "Mervärdesskatt {r}%"],
        "vat_table": ["Momsspecifikation", "Momsredovisning"],
        "vat_base": ["Underlag", "Momsunderlag"],
        "vat_amt": ["Moms"],
        "total": ["Summa inkl. moms", "Totalt", "Totalbelopp", "Fakturabelopp"],
        "due_amount": ["Att betala", "ATT BETALA", "Belopp att betala", "Kvar att betala"],
        "carried": ["Transport", "Att transportera", "Summa att transportera"],
        "brought": ["Transport", "Transporterat"],
        "page": ["Sida {p}", "Sida {p} av {n}", "Sida {p} (av {n})"],
        "deposit": ["Avgår förskott {d}", "Avdrag förskottsbetalning ({d})", "Erlagt förskott {d}"],
        "skonto": [
            "Vid betalning senast {d} medges {pct} % kassarabatt: {amt}",
            "Kassarabatt {pct}% t.o.m. {d}, att betala då {amt}",
        ],
        "terms": ["Betalningsvillkor: {n} dagar netto", "Betalning inom {n} dagar"],
        "factoring": [
            "Denna faktura har överlåtits till {f}. Betalning med befriande verkan kan endast ske till {f}.",
            "Fordran är överlåten till {f}; betala endast till {f}s bankgiro.",
        ],
        "remit": ["Betalningsmottagare", "Betala till", "Bankgiro (factor)"],
        "vat_id": ["Momsreg.nr", "Org.nr/Momsreg.nr", "VAT-nr", "Momsregistreringsnummer"],
        "iban": ["IBAN"],
        "bank": ["Bank", "Bankgiro"],
        "reg": ["Org.nr {r}", "Säte: {c}, org.nr {r}"],
        "ref_invoice": [
            "Kreditering av faktura {n} daterad {d}",
            "Avser faktura nr {n} ({d})",
            "Ursprunglig faktura: {n} av {d}",
        ],
        "words": ["Belopp i ord"],
        "letter_open": ["Hej {s},", "Till berörd handläggare,"],
        "letter_body": [
            "Härmed fakturerar jag för arbete utfört under {m}.",
            "Enligt överenskommelse fakturerar jag följande tjänster:",
        ],
        "letter_close": ["Med vänliga hälsningar", "Vänliga hälsningar"],
        "proforma_note": ["Förskottsbetalning. Leverans sker efter mottagen betalning.", "Ej momsfaktura."],
        "valid": ["Giltig till"],
    },
    "da": {
        "invoice": ["FAKTURA", "Faktura"],
        "credit": ["KREDITNOTA", "Kreditnota"],
        "proforma": ["PROFORMAFAKTURA", "Proformafaktura"],
        "number": ["Fakturanr.", "Fakturanummer", "Faktura nr.", "Nr."],
        "credit_number": ["Kreditnotanr.", "Kreditnota nr."],
        "proforma_number": ["Proformanr.", "Nr."],
        "date": ["Fakturadato", "Dato", "Udstedt"],
        "due": ["Forfaldsdato", "Betalingsfrist", "Sidste rettidige betalingsdag", "Forfald"],
        "customer_no": ["Kundenr.", "Kundenummer", "Debitornr."],
        "order_no": ["Deres ordrenr.", "Rekvisitionsnr.", "Ordrenr.", "Deres ref."],
        "delivery_no": ["Følgeseddel", "Følgeseddelnr.", "Leverancenr."],
        "contact": ["Vores ref.", "Kontaktperson", "Sagsbehandler"],
        "bill_to": ["Faktureringsadresse", "Faktura til", "Kunde"],
        "ship_to": ["Leveringsadresse", "Leveres til", "Modtager"],
        "desc": ["Beskrivelse", "Tekst", "Varebetegnelse"],
        "qty": ["Antal", "Ant."],
        "unit": ["Enhed"],
        "price": ["Stk.pris", "Enhedspris", "Pris"],
        "rate": ["Moms"],
        "amount": ["Beløb", "I alt"],
        "net": ["Subtotal", "Beløb ekskl. moms", "Netto", "Momspligtigt beløb"],
        "vat": ["Moms {r}%", "{r}% moms", "Moms {r} %"],
        "vat_table": ["Momsspecifikation"],
        "vat_base": ["Grundlag", "Momsgrundlag"],
        "vat_amt": ["Moms"],
        "total": ["Total inkl. moms", "I alt", "Fakturabeløb", "Total DKK"],
        "due_amount": ["At betale", "Beløb til betaling", "Restbeløb", "Til betaling"],
        "carried": ["Transport", "Overført til næste side"],
        "brought": ["Transport", "Overført fra side {q}"],
        "page": ["Side {p}", "Side {p} af {n}", "Side {p}/{n}"],
        "deposit": ["Fratrukket acontobetaling {d}", "Modtaget forudbetaling ({d})", "Betalt depositum {d}"],
        "skonto": [
            "Ved betaling senest {d} ydes {pct}% kontantrabat: {amt}",
            "Kontantrabat {pct} % til {d} = {amt}",
        ],
        "terms": ["Betalingsbetingelser: netto {n} dage", "Betaling senest {n} dage efter fakturadato"],
        "factoring": [
            "Fordringen er overdraget til {f}. Betaling kan kun ske med frigørende virkning til {f}.",
            "Denne faktura er transporteret til {f} – betal venligst kun til {f}.",
        ],
        "remit": ["Betales til", "Betalingsmodtager", "Indbetales til"],
        "vat_id": ["CVR-nr.", "CVR", "SE-nr.", "Moms-nr."],
        "iban": ["IBAN"],
        "bank": ["Bank", "Reg.nr./Konto"],
        "reg": ["CVR {r}", "Hjemsted: {c}"],
        "ref_invoice": [
            "Kreditering af faktura {n} af {d}",
            "Vedr. faktura nr. {n} ({d})",
            "Krediterer faktura {n} dateret {d}",
        ],
        "words": ["Beløb i ord"],
        "letter_open": ["Kære {s}", "Til rette vedkommende"],
        "letter_body": [
            "Hermed faktura for udført arbejde i {m}.",
            "Som aftalt fakturerer jeg følgende ydelser:",
        ],
        "letter_close": ["Med venlig hilsen", "Venlig hilsen"],
        "proforma_note": [
            "Forudbetaling. Levering sker efter modtaget betaling.",
            "Dette er ikke en momsfaktura.",
        ],
        "valid": ["Gyldig til"],
    },
    "cs": {
        "invoice": ["FAKTURA – DAŇOVÝ DOKLAD", "Faktura", "FAKTURA", "Daňový doklad"],
        "credit": ["OPRAVNÝ DAŇOVÝ DOKLAD", "Dobropis", "DOBROPIS"],
        "proforma": ["ZÁLOHOVÁ FAKTURA", "Proforma faktura", "Zálohová faktura"],
        "number": ["Číslo faktury", "Faktura č.", "Číslo dokladu", "Doklad č.", "Č. faktury"],
        "credit_number": ["Číslo dobropisu", "Dobropis č."],
        "proforma_number": ["Zálohová faktura č.", "Číslo"],
        "date": ["Datum vystavení", "Vystaveno", "Datum"],
        "due": ["Datum splatnosti", "Splatnost", "Splatno dne"],
        "customer_no": ["Číslo odběratele", "Zákaznické číslo", "Kód zákazníka"],
        "order_no": ["Objednávka č.", "Vaše objednávka", "Č. objednávky"],
        "delivery_no": ["Dodací list č.", "Dodací list", "DL č."],
        "contact": ["Vyřizuje", "Kontaktní osoba", "Vystavil"],
        "bill_to": ["Odběratel", "Fakturační adresa", "Příjemce faktury"],
        "ship_to": ["Konečný příjemce", "Místo dodání", "Dodací adresa"],
        "desc": ["Označení dodávky", "Popis", "Položka"],
        "qty": ["Množství", "Počet"],
        "unit": ["MJ", "Jedn."],
        "price": ["Cena za MJ", "Jedn. cena"],
        "rate": ["DPH %", "Sazba"],
        "amount": ["Celkem bez DPH", "Základ"],
        "net": ["Celkem bez DPH", "Základ daně", "Součet položek"],
        "vat": ["DPH {r} %", "DPH {r}%", "Daň {r} %"],
        "vat_table": ["Rekapitulace DPH", "Rozpis DPH"],
        "vat_base": ["Základ", "Základ daně"],
        "vat_amt": ["DPH", "Výše DPH"],
        "total": ["Celkem s DPH", "Celkem", "Celková částka", "CELKEM K ÚHRADĚ"],
        "due_amount": ["K úhradě", "Zbývá uhradit", "Částka k úhradě", "Celkem k úhradě"],
        "carried": ["Převod", "Přenos na další stranu"],
        "brought": ["Převod", "Převod ze strany {q}"],
        "page": ["Strana {p}", "Strana {p} z {n}", "Str. {p}/{n}"],
        "deposit": ["Odečet zálohy ze dne {d}", "Uhrazeno zálohou ({d})", "Záloha zaplacená {d}"],
        "skonto": ["Při úhradě do {d} sleva {pct} % (skonto): {amt}", "Skonto {pct} % do {d} = {amt}"],
        "terms": ["Forma úhrady: převodem, splatnost {n} dní", "Splatnost {n} dní od vystavení"],
        "factoring": [
            "Pohledávka byla postoupena společnosti {f}. Platbu proveďte výhradně na účet {f}.",
            "Faktura je předmětem faktoringu – hraďte pouze {f}.",
        ],
        "remit": ["Platbu zašlete na", "Příjemce platby", "Účet faktora"],
        "vat_id": ["DIČ", "DIČ:", "Daňové identifikační číslo"],
        "iban": ["IBAN"],
        "bank": ["Banka", "Bankovní spojení"],
        "reg": ["Zapsáno v OR u KS v {c}, oddíl C, vložka {r}", "Spisová značka C {r}, {c}"],
        "ref_invoice": [
            "Opravný doklad k faktuře č. {n} ze dne {d}",
            "K faktuře {n} ze dne {d}",
            "Původní doklad: {n} ({d})",
        ],
        "words": ["Slovy"],
        "letter_open": ["Vážení,", "Dobrý den, {s},"],
        "letter_body": [
            "fakturuji Vám práce provedené v měsíci {m}.",
            "dle dohody Vám fakturuji tyto služby:",
        ],
        "letter_close": ["S pozdravem", "S přátelským pozdravem"],
        "proforma_note": ["Nejedná se o daňový doklad.", "Zboží bude odesláno po připsání platby."],
        "valid": ["Platnost do"],
    },
}

FACTORS = {
    "en": ["Sterling Invoice Finance Ltd", "Albion Factors plc"], "de": ["Südfactoring GmbH", "NordFactor Finanz AG"],
    "fr": ["Eurofactor Crédit SA", "Atlantique Affacturage SAS"], "nl": ["Factris Financiering B.V.", "Lage Landen Factoring N.V."],
    "es": ["Iberfactor Financiación S.A.", "Cesión Capital S.L."], "it": ["Ifis Factoring S.p.A.", "Centro Factor Italia S.p.A."],
    "pt": ["Lusofactor Financeira S.A.", "Atlântico Factoring S.A."], "pl": ["Pragma Faktoring S.A.", "Wisła Faktor sp. z o.o."],
    "sv": ["Nordisk Factoring AB", "Svea Fakturaköp AB"], "da": ["Dansk Factoring A/S", "Nordic Fakturafinans ApS"],
    "cs": ["Moravská Faktoring a.s.", "ČR Factoring s.r.o."],
}  # fmt: skip


# --- VAT ids, with the check digits of each scheme -------------------------------------------------------


def _digits(rng: random.Random, n: int) -> list[int]:
    return [rng.randint(0, 9) for _ in range(n)]


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def vat_id(region: str, rng: random.Random) -> tuple[str, str]:
    """(the id as stored, the id as printed) for a seller of the region."""
    country = COUNTRY[region]
    while True:
        if country == "GB":
            d = [rng.randint(1, 9), *_digits(rng, 6)]
            s = sum(x * w for x, w in zip(d, [8, 7, 6, 5, 4, 3, 2], strict=True))
            check = (-s) % 97
            core = "".join(map(str, d)) + f"{check:02d}"
            return "GB" + core, rng.choice([f"GB{core}", f"GB {core[:3]} {core[3:7]} {core[7:]}"])
        if country == "DE":
            d = [rng.randint(1, 9), *_digits(rng, 7)]
            product = 10
            for x in d:
                s = (x + product) % 10 or 10
                product = (2 * s) % 11
            check = (11 - product) % 10
            core = "".join(map(str, d)) + str(check)
            return "DE" + core, rng.choice(
                [f"DE{core}", f"DE {core}", f"DE {core[:3]} {core[3:6]} {core[6:]}"]
            )
        if country == "CH":
            d = [rng.randint(1, 9), *_digits(rng, 7)]
            s = sum(x * w for x, w in zip(d, [5, 4, 3, 2, 7, 6, 5, 4], strict=True))
            check = 11 - s % 11
            if check == 10:
                continue
            core = "".join(map(str, d)) + str(check % 11)
            shown = f"CHE-{core[:3]}.{core[3:6]}.{core[6:]}"
            return "CHE" + core, rng.choice([shown + " MWST", shown + " TVA", shown])
        if country == "FR":
            siren = "".join(map(str, [rng.randint(1, 9), *_digits(rng, 8)]))
            if not _luhn_ok(siren):
                continue
            key = (12 + 3 * (int(siren) % 97)) % 97
            core = f"{key:02d}{siren}"
            return "FR" + core, rng.choice(
                [f"FR{core}", f"FR {core[:2]} {siren[:3]} {siren[3:6]} {siren[6:]}"]
            )
        if country == "NL":
            d = [rng.randint(1, 9), *_digits(rng, 7)]
            s = sum(x * w for x, w in zip(d, [9, 8, 7, 6, 5, 4, 3, 2], strict=True))
            check = s % 11
            if check == 10:
                continue
            core = "".join(map(str, d)) + str(check) + "B" + rng.choice(["01", "02"])
            return "NL" + core, rng.choice([f"NL{core}", f"NL {core}"])
        if country == "ES":
            letter = rng.choice("BBAB")
            d = _digits(rng, 7)
            odd = sum(sum(divmod(2 * x, 10)) for x in d[0::2])
            even = sum(d[1::2])
            check = (10 - (odd + even) % 10) % 10
            core = letter + "".join(map(str, d)) + str(check)
            return "ES" + core, rng.choice([f"ES{core}", core, f"{letter}-{core[1:]}"])
        if country == "IT":
            d = [*_digits(rng, 7), 0, 0, rng.randint(1, 9)]
            s = 0
            for i, x in enumerate(d):
                if i % 2:
                    x *= 2
                    x = x - 9 if x > 9 else x
                s += x
            core = "".join(map(str, d)) + str((10 - s % 10) % 10)
            return "IT" + core, rng.choice([f"IT{core}", core, f"IT {core}"])
        if country == "PT":
            d = [5, *_digits(rng, 7)]
            s = sum(x * w for x, w in zip(d, [9, 8, 7, 6, 5, 4, 3, 2], strict=True))
            check = 11 - s % 11
            core = "".join(map(str, d)) + str(0 if check >= 10 else check)
            return "PT" + core, rng.choice([f"PT{core}", core, f"PT {core[:3]} {core[3:6]} {core[6:]}"])
        if country == "PL":
            d = [rng.randint(1, 9), *_digits(rng, 8)]
            check = sum(x * w for x, w in zip(d, [6, 5, 7, 2, 3, 4, 5, 6, 7], strict=True)) % 11
            if check == 10:
                continue
            core = "".join(map(str, d)) + str(check)
            shown = rng.choice([core, f"{core[:3]}-{core[3:6]}-{core[6:8]}-{core[8:]}", f"PL{core}"])
            return "PL" + core, shown
        if country == "SE":
            base = "55" + "".join(map(str, _digits(rng, 7)))
            for c in range(10):
                if _luhn_ok(base + str(c)):
                    break
            core = base + str(c) + "01"
            return "SE" + core, rng.choice([f"SE{core}", f"SE {core}"])
        if country == "DK":
            d = [rng.randint(1, 9), *_digits(rng, 6)]
            s = sum(x * w for x, w in zip(d, [2, 7, 6, 5, 4, 3, 2], strict=True))
            check = (-s) % 11
            if check == 10:
                continue
            core = "".join(map(str, d)) + str(check)
            return "DK" + core, rng.choice(
                [f"DK{core}", f"DK {core[:2]} {core[2:4]} {core[4:6]} {core[6:]}", core]
            )
        if country == "CZ":
            d = [rng.randint(1, 9), *_digits(rng, 6)]
            s = sum(x * w for x, w in zip(d, [8, 7, 6, 5, 4, 3, 2], strict=True))
            check = (11 - s % 11) % 10
            core = "".join(map(str, d)) + str(check)
            return "CZ" + core, rng.choice([f"CZ{core}", f"CZ {core}"])
        raise ValueError(country)


def iban(region: str, rng: random.Random) -> str:
    country = COUNTRY[region]
    lengths = {"GB": 18, "DE": 18, "CH": 17, "FR": 23, "NL": 14, "ES": 20, "IT": 23, "PT": 21, "PL": 24,
               "SE": 20, "DK": 14, "CZ": 20, "US": 18}  # fmt: skip
    if country == "NL":
        bban = rng.choice(["ABNA", "RABO", "INGB"]) + "".join(map(str, _digits(rng, 10)))
    elif country == "GB":
        bban = rng.choice(["BARC", "LOYD", "NWBK"]) + "".join(map(str, _digits(rng, 14)))
    elif country == "ES":
        # bank, branch, the two national check digits (of "00" + bank + branch, and of the account), account
        bank, account = _digits(rng, 8), _digits(rng, 10)
        weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

        def check(digits: list[int]) -> str:
            d = 11 - sum(x * w for x, w in zip(digits, weights, strict=True)) % 11
            return str({10: 1, 11: 0}.get(d, d))

        bban = "".join(map(str, bank)) + check([0, 0, *bank]) + check(account) + "".join(map(str, account))
    elif country == "IT":
        bban = rng.choice("ABCX") + "".join(map(str, _digits(rng, 22)))
    else:
        bban = "".join(map(str, _digits(rng, lengths.get(country, 18))))
    country = "GB" if country == "US" else country
    numeric = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


def spaced_iban(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


# --- amounts in words (en, de, fr) ----------------------------------------------------------------------

_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_T = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _en(n: int) -> str:
    if n < 20:
        return _EN[n]
    if n < 100:
        return _EN_T[n // 10] + ("-" + _EN[n % 10] if n % 10 else "")
    if n < 1000:
        return _EN[n // 100] + " hundred" + (" and " + _en(n % 100) if n % 100 else "")
    if n < 1_000_000:
        return (
            _en(n // 1000)
            + " thousand"
            + ((" " if n % 1000 >= 100 else " and ") + _en(n % 1000) if n % 1000 else "")
        )
    return _en(n // 1_000_000) + " million" + (" " + _en(n % 1_000_000) if n % 1_000_000 else "")


_DE = [
    "null",
    "eins",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "dreizehn",
    "vierzehn",
    "fünfzehn",
    "sechzehn",
    "siebzehn",
    "achtzehn",
    "neunzehn",
]
_DE_T = ["_", "_", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


def _de(n: int) -> str:
    if n < 20:
        return _DE[n]
    if n < 100:
        unit = n % 10
        return (("ein" if unit == 1 else _DE[unit]) + "und" if unit else "") + _DE_T[n // 10]
    if n < 1000:
        head = "ein" if n // 100 == 1 else _DE[n // 100]
        return head + "hundert" + (_de(n % 100) if n % 100 else "")
    if n < 1_000_000:
        head = "ein" if n // 1000 == 1 else _de(n // 1000)
        return head + "tausend" + (_de(n % 1000) if n % 1000 else "")
    return _de(n // 1_000_000) + " Millionen " + _de(n % 1_000_000)


_FR = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_FR_T = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _fr(n: int) -> str:
    if n < 20:
        return _FR[n]
    if n < 70:
        t, u = divmod(n, 10)
        return _FR_T[t] + ("-et-un" if u == 1 else f"-{_FR[u]}" if u else "")
    if n < 80:
        return "soixante" + ("-et-" if n == 71 else "-") + _FR[n - 60]
    if n < 100:
        return "quatre-vingt" + (f"-{_FR[n - 80]}" if n > 80 else "s")
    if n < 1000:
        h, r = divmod(n, 100)
        head = "cent" if h == 1 else _FR[h] + " cent" + ("s" if not r else "")
        return head + (" " + _fr(r) if r else "")
    if n < 1_000_000:
        k, r = divmod(n, 1000)
        head = "mille" if k == 1 else _fr(k) + " mille"
        return head + (" " + _fr(r) if r else "")
    return _fr(n // 1_000_000) + " millions " + _fr(n % 1_000_000)


CURRENCY_WORDS = {
    "en": {"GBP": ("pounds", "pence"), "USD": ("dollars", "cents"), "EUR": ("euros", "cents")},
    "de": {"EUR": ("Euro", "Cent"), "CHF": ("Franken", "Rappen")},
    "fr": {"EUR": ("euros", "centimes"), "CHF": ("francs", "centimes")},
}


def in_words(value: Decimal, lang: str, currency: str) -> str | None:
    names = CURRENCY_WORDS.get(lang, {}).get(currency)
    if names is None:
        return None
    whole = int(value)
    cents = int((value - whole) * 100)
    speak = {"en": _en, "de": _de, "fr": _fr}[lang]
    text = f"{speak(whole)} {names[0]}"
    if cents:
        joiner = {"en": " and ", "de": " und ", "fr": " et "}[lang]
        text += f"{joiner}{speak(cents)} {names[1]}"
    return text[0].upper() + text[1:] if lang == "de" else text
