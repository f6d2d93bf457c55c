"""Invented sellers and buyers per country: trade words, surnames and first names, streets and towns with
their postcodes, legal forms, tax ids with valid check digits (python-stdnum checks them) and IBANs."""

from __future__ import annotations

import random
from dataclasses import dataclass

from stdnum import iban as std_iban
from stdnum.cz import dic as cz_dic
from stdnum.dk import cvr as dk_cvr
from stdnum.fi import alv as fi_alv
from stdnum.fi import ytunnus as fi_ytunnus
from stdnum.gb import vat as gb_vat
from stdnum.hu import anum as hu_anum
from stdnum.it import iva as it_iva
from stdnum.pl import nip as pl_nip
from stdnum.pt import nif as pt_nif
from stdnum.ro import cui as ro_cui
from stdnum.se import orgnr as se_orgnr
from stdnum.tr import vkn as tr_vkn

COUNTRY = {"it": "IT", "pl": "PL", "pt": "PT", "sv": "SE", "da": "DK", "cs": "CZ", "hu": "HU", "ro": "RO",
           "tr": "TR", "fi": "FI"}  # fmt: skip

# (legal forms, with how often), trade words (placed before or after the name), surnames, first names, streets,
# (postcode, town) pairs
DATA: dict[str, dict[str, list[str] | list[tuple[str, str]]]] = {
    "IT": {
        "forms": ["S.r.l.", "S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.", "S.r.l.s."],
        "trades": [
            "Impianti",
            "Tecnoservizi",
            "Arredamenti",
            "Costruzioni",
            "Informatica",
            "Forniture Edili",
            "Termoidraulica",
            "Trasporti",
            "Grafiche",
            "Elettroforniture",
        ],
        "crafts": ["Idraulica", "Falegnameria", "Officina Meccanica", "Elettricista", "Studio Tecnico"],
        "surnames": [
            "Rossi",
            "Bianchi",
            "Ferrari",
            "Esposito",
            "Colombo",
            "Ricci",
            "Marino",
            "Greco",
            "Bruno",
            "Gallo",
            "Conti",
            "De Luca",
            "Mancini",
            "Costa",
            "Giordano",
            "Lombardi",
            "Moretti",
        ],
        "first": [
            "Marco",
            "Giulia",
            "Luca",
            "Francesca",
            "Andrea",
            "Chiara",
            "Paolo",
            "Elena",
            "Davide",
            "Sara",
        ],
        "streets": [
            "Via Roma",
            "Via Garibaldi",
            "Corso Vittorio Emanuele II",
            "Via dei Mille",
            "Viale Europa",
            "Via Giuseppe Verdi",
            "Piazza della Libertà",
            "Via Nazionale",
            "Via San Martino",
        ],
        "towns": [
            ("20121", "Milano (MI)"),
            ("10121", "Torino (TO)"),
            ("40121", "Bologna (BO)"),
            ("50122", "Firenze (FI)"),
            ("37121", "Verona (VR)"),
            ("80133", "Napoli (NA)"),
            ("35122", "Padova (PD)"),
            ("24121", "Bergamo (BG)"),
        ],
    },
    "CH": {
        "forms": ["SA", "Sagl", "SA"],
        "trades": ["Servizi Informatici", "Costruzioni", "Consulenze", "Impianti Elettrici"],
        "crafts": ["Falegnameria", "Idraulica"],
        "surnames": ["Bernasconi", "Bianchi", "Rusconi", "Pedrazzini", "Guscetti", "Ferrari"],
        "first": ["Luca", "Sara", "Matteo", "Laura"],
        "streets": ["Via Nassa", "Via Pretorio", "Corso San Gottardo", "Via Cantonale"],
        "towns": [("6900", "Lugano"), ("6500", "Bellinzona"), ("6600", "Locarno"), ("6830", "Chiasso")],
    },
    "PL": {
        "forms": ["sp. z o.o.", "sp. z o.o.", "Sp. z o.o.", "S.A.", "sp.j.", "sp.k."],
        "trades": [
            "Instalacje",
            "Budownictwo",
            "Serwis",
            "Technika",
            "Meble",
            "Transport",
            "Systemy IT",
            "Dystrybucja",
            "Poligrafia",
        ],
        "crafts": ["Zakład Stolarski", "Usługi Hydrauliczne", "Warsztat Samochodowy", "Usługi Elektryczne"],
        "surnames": [
            "Kowalski",
            "Nowak",
            "Wiśniewski",
            "Wójcik",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Woźniak",
            "Dąbrowski",
            "Kozłowski",
            "Mazur",
        ],
        "first": ["Jan", "Anna", "Piotr", "Katarzyna", "Tomasz", "Agnieszka", "Marcin", "Magdalena", "Paweł"],
        "streets": [
            "ul. Marszałkowska",
            "ul. Długa",
            "ul. Piłsudskiego",
            "ul. Kościuszki",
            "al. Jerozolimskie",
            "ul. Mickiewicza",
            "ul. Słowackiego",
            "ul. Polna",
            "ul. Lipowa",
        ],
        "towns": [
            ("00-950", "Warszawa"),
            ("31-042", "Kraków"),
            ("50-001", "Wrocław"),
            ("60-101", "Poznań"),
            ("80-001", "Gdańsk"),
            ("90-001", "Łódź"),
            ("40-001", "Katowice"),
            ("20-001", "Lublin"),
        ],
    },
    "PT": {
        "forms": ["Lda.", "Lda.", "Unipessoal, Lda.", "S.A."],
        "trades": [
            "Construções",
            "Informática",
            "Serviços Técnicos",
            "Mobiliário",
            "Distribuição",
            "Climatização",
            "Transportes",
            "Artes Gráficas",
        ],
        "crafts": ["Carpintaria", "Canalizações", "Serralharia", "Oficina Auto"],
        "surnames": [
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Oliveira",
            "Costa",
            "Rodrigues",
            "Martins",
            "Sousa",
            "Fernandes",
            "Gonçalves",
            "Almeida",
        ],
        "first": ["João", "Maria", "Pedro", "Ana", "Rui", "Sofia", "Miguel", "Inês", "Tiago"],
        "streets": [
            "Rua Augusta",
            "Avenida da Liberdade",
            "Rua de Santa Catarina",
            "Rua do Comércio",
            "Avenida da República",
            "Rua das Flores",
            "Rua Direita",
        ],
        "towns": [
            ("1100-053", "Lisboa"),
            ("4000-322", "Porto"),
            ("3000-150", "Coimbra"),
            ("4700-307", "Braga"),
            ("8000-138", "Faro"),
            ("3810-193", "Aveiro"),
        ],
    },
    "SE": {
        "forms": ["AB", "AB", "AB", "HB", "KB"],
        "trades": ["Bygg", "El & Tele", "Rör", "Konsult", "Måleri", "Data", "Trädgård", "Städ", "Transport"],
        "crafts": ["Snickeri", "Rörmokeri", "Elfirma", "Måleri"],
        "surnames": [
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Larsson",
            "Olsson",
            "Persson",
            "Svensson",
            "Gustafsson",
            "Lindqvist",
            "Berg",
        ],
        "first": ["Erik", "Anna", "Lars", "Karin", "Johan", "Maria", "Anders", "Eva", "Per"],
        "streets": [
            "Storgatan",
            "Drottninggatan",
            "Kungsgatan",
            "Västra Hamngatan",
            "Sveavägen",
            "Götgatan",
            "Industrivägen",
            "Järnvägsgatan",
        ],
        "towns": [
            ("111 52", "Stockholm"),
            ("411 05", "Göteborg"),
            ("211 22", "Malmö"),
            ("753 20", "Uppsala"),
            ("582 24", "Linköping"),
            ("903 26", "Umeå"),
            ("702 10", "Örebro"),
        ],
    },
    "DK": {
        "forms": ["ApS", "ApS", "A/S", "I/S"],
        "trades": ["Byg", "VVS", "El-service", "Tømrer", "Maler", "IT", "Rengøring", "Anlæg", "Transport"],
        "crafts": ["Tømrerfirma", "VVS-installatør", "Malerfirma", "Autoværksted"],
        "surnames": [
            "Jensen",
            "Nielsen",
            "Hansen",
            "Pedersen",
            "Andersen",
            "Christensen",
            "Larsen",
            "Sørensen",
            "Rasmussen",
            "Jørgensen",
            "Madsen",
            "Kristensen",
        ],
        "first": ["Søren", "Mette", "Lars", "Hanne", "Jens", "Louise", "Mads", "Camilla", "Anders"],
        "streets": [
            "Vestergade",
            "Nørregade",
            "Østergade",
            "Algade",
            "Jernbanegade",
            "Strandvejen",
            "Industrivej",
            "Søndergade",
        ],
        "towns": [
            ("8000", "Aarhus C"),
            ("5000", "Odense C"),
            ("9000", "Aalborg"),
            ("1620", "København V"),
            ("7100", "Vejle"),
            ("6700", "Esbjerg"),
            ("4000", "Roskilde"),
        ],
    },
    "CZ": {
        "forms": ["s.r.o.", "s.r.o.", "spol. s r.o.", "a.s.", "v.o.s."],
        "trades": ["Stavby", "Elektro", "Instalace", "Servis", "Nábytek", "Software", "Doprava", "Tisk"],
        "crafts": ["Truhlářství", "Instalatérství", "Autoservis", "Elektroinstalace"],
        "surnames": [
            "Novák",
            "Svoboda",
            "Novotný",
            "Dvořák",
            "Černý",
            "Procházka",
            "Kučera",
            "Veselý",
            "Horák",
            "Němec",
            "Marek",
            "Pokorný",
        ],
        "first": ["Jan", "Petr", "Jana", "Martin", "Eva", "Tomáš", "Lucie", "Pavel", "Hana"],
        "streets": [
            "Národní",
            "Vinohradská",
            "Husova",
            "Masarykova",
            "Palackého",
            "Nádražní",
            "Komenského",
            "Riegrova",
        ],
        "towns": [
            ("110 00", "Praha 1"),
            ("120 00", "Praha 2"),
            ("602 00", "Brno"),
            ("702 00", "Ostrava"),
            ("301 00", "Plzeň"),
            ("779 00", "Olomouc"),
            ("370 01", "České Budějovice"),
        ],
    },
    "HU": {
        "forms": ["Kft.", "Kft.", "Kft.", "Zrt.", "Bt.", "Nyrt."],
        "trades": [
            "Építő",
            "Villamossági",
            "Informatikai",
            "Épületgépészeti",
            "Szállítmányozási",
            "Bútor",
            "Nyomdaipari",
            "Kereskedelmi",
        ],
        "crafts": ["Asztalosműhely", "Vízszerelés", "Autószerviz"],
        "surnames": [
            "Nagy",
            "Kovács",
            "Tóth",
            "Szabó",
            "Horváth",
            "Varga",
            "Kiss",
            "Molnár",
            "Németh",
            "Farkas",
            "Balogh",
            "Papp",
        ],
        "first": ["László", "Zsófia", "István", "Katalin", "Gábor", "Eszter", "Péter", "Anna", "Zoltán"],
        "streets": [
            "Kossuth Lajos utca",
            "Petőfi Sándor utca",
            "Rákóczi út",
            "Andrássy út",
            "Fő utca",
            "Dózsa György út",
            "Szabadság tér",
            "Bajcsy-Zsilinszky út",
        ],
        "towns": [
            ("1052", "Budapest"),
            ("1137", "Budapest"),
            ("4024", "Debrecen"),
            ("6720", "Szeged"),
            ("7621", "Pécs"),
            ("9021", "Győr"),
            ("3530", "Miskolc"),
        ],
    },
    "RO": {
        "forms": ["S.R.L.", "S.R.L.", "SRL", "S.A."],
        "trades": ["Construct", "Instal", "Soft", "Trans", "Mobila", "Distribuție", "Tehnic", "Print"],
        "crafts": ["Tâmplărie", "Instalații Sanitare", "Service Auto"],
        "surnames": [
            "Popescu",
            "Ionescu",
            "Popa",
            "Stan",
            "Dumitru",
            "Constantin",
            "Stoica",
            "Gheorghe",
            "Munteanu",
            "Rusu",
            "Matei",
            "Marin",
        ],
        "first": ["Andrei", "Maria", "Ion", "Elena", "Mihai", "Ioana", "Alexandru", "Cristina", "Vlad"],
        "streets": [
            "Str. Mihai Eminescu",
            "Bd. Unirii",
            "Calea Victoriei",
            "Str. Republicii",
            "Bd. Independenței",
            "Str. Libertății",
            "Str. Avram Iancu",
        ],
        "towns": [
            ("010011", "București"),
            ("400001", "Cluj-Napoca"),
            ("300001", "Timișoara"),
            ("700001", "Iași"),
            ("500001", "Brașov"),
            ("900001", "Constanța"),
        ],
    },
    "TR": {
        "forms": ["Ltd. Şti.", "Ltd. Şti.", "A.Ş.", "San. ve Tic. Ltd. Şti.", "Tic. A.Ş."],
        "trades": [
            "İnşaat",
            "Elektrik",
            "Yazılım",
            "Mobilya",
            "Lojistik",
            "Tekstil",
            "Makina",
            "Matbaacılık",
        ],
        "crafts": ["Marangoz Atölyesi", "Tesisat", "Oto Servis"],
        "surnames": [
            "Yılmaz",
            "Kaya",
            "Demir",
            "Şahin",
            "Çelik",
            "Yıldız",
            "Yıldırım",
            "Öztürk",
            "Aydın",
            "Özdemir",
            "Arslan",
            "Doğan",
        ],
        "first": ["Mehmet", "Ayşe", "Mustafa", "Fatma", "Ahmet", "Zeynep", "Emre", "Elif", "Can"],
        "streets": [
            "Atatürk Cad. No: 12",
            "İstiklal Cad. No: 45",
            "Cumhuriyet Mah. 1203 Sok. No: 7",
            "Bağdat Cad. No: 210",
            "Gazi Mustafa Kemal Bulvarı No: 88",
        ],
        "towns": [
            ("34394", "Şişli/İstanbul"),
            ("06420", "Çankaya/Ankara"),
            ("35210", "Konak/İzmir"),
            ("16040", "Osmangazi/Bursa"),
            ("07100", "Muratpaşa/Antalya"),
        ],
    },
    "FI": {
        "forms": ["Oy", "Oy", "Oy", "Oyj", "Ky", "Tmi"],
        "trades": [
            "Rakennus",
            "Sähkö",
            "LVI",
            "Konsultointi",
            "Maalaus",
            "Kuljetus",
            "Puutarha",
            "IT-palvelut",
        ],
        "crafts": ["Puuseppä", "Putkiliike", "Sähköasennus", "Autokorjaamo"],
        "surnames": [
            "Korhonen",
            "Virtanen",
            "Mäkinen",
            "Nieminen",
            "Mäkelä",
            "Hämäläinen",
            "Laine",
            "Heikkinen",
            "Koskinen",
            "Järvinen",
            "Lehtonen",
            "Salonen",
        ],
        "first": ["Juha", "Anna", "Mikko", "Sanna", "Timo", "Laura", "Jari", "Hanna", "Antti"],
        "streets": [
            "Mannerheimintie",
            "Hämeenkatu",
            "Aleksanterinkatu",
            "Kauppakatu",
            "Teollisuustie",
            "Rautatienkatu",
            "Puistokatu",
            "Satamakatu",
        ],
        "towns": [
            ("00100", "Helsinki"),
            ("33100", "Tampere"),
            ("20100", "Turku"),
            ("90100", "Oulu"),
            ("40100", "Jyväskylä"),
            ("02100", "Espoo"),
            ("15110", "Lahti"),
        ],
    },
    "GB": {
        "forms": ["Ltd", "Ltd", "Limited", "LLP", "plc"],
        "trades": [
            "Building Services",
            "Joinery",
            "Electrical",
            "Consulting",
            "Print",
            "Logistics",
            "Software",
            "Landscapes",
            "Plumbing & Heating",
        ],
        "crafts": ["Joinery", "Plumbing & Heating", "Electrical Contractors"],
        "surnames": [
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Williams",
            "Wilson",
            "Evans",
            "Thomas",
            "Roberts",
            "Walker",
            "Wright",
            "Hughes",
        ],
        "first": ["James", "Emma", "Oliver", "Sophie", "Harry", "Charlotte", "Jack", "Amelia", "George"],
        "streets": [
            "12 High Street",
            "4 Station Road",
            "27 Church Lane",
            "Unit 5, Mill Industrial Estate",
            "88 Victoria Road",
            "3 Market Place",
            "19 Park Avenue",
        ],
        "towns": [
            ("LS1 4DY", "Leeds"),
            ("M1 1AE", "Manchester"),
            ("BS1 5TR", "Bristol"),
            ("NG1 5FS", "Nottingham"),
            ("EH2 2BY", "Edinburgh"),
            ("CF10 1EP", "Cardiff"),
            ("YO1 7HH", "York"),
        ],
    },
    "US": {
        "forms": ["LLC", "LLC", "Inc.", "Corp.", "Co."],
        "trades": [
            "Construction",
            "Electric",
            "Plumbing",
            "Landscaping",
            "Design Studio",
            "Supply",
            "IT Solutions",
            "Print Shop",
            "Roofing",
        ],
        "crafts": ["Plumbing", "Electric", "Handyman Services", "Woodworks"],
        "surnames": [
            "Miller",
            "Davis",
            "Garcia",
            "Rodriguez",
            "Martinez",
            "Anderson",
            "Thompson",
            "Moore",
            "Jackson",
            "Lee",
            "Harris",
            "Clark",
        ],
        "first": ["Michael", "Jennifer", "David", "Sarah", "Chris", "Jessica", "Kevin", "Ashley", "Brian"],
        "streets": [
            "1420 Main Street",
            "220 Oak Avenue, Suite 300",
            "75 Commerce Drive",
            "9 Elm Street",
            "3100 W Broadway",
            "512 Maple Ave",
        ],
        "towns": [
            ("78701", "Austin, TX"),
            ("97204", "Portland, OR"),
            ("80202", "Denver, CO"),
            ("30303", "Atlanta, GA"),
            ("55401", "Minneapolis, MN"),
            ("02108", "Boston, MA"),
        ],
    },
}

BBAN = {"IT": ("A", 22), "PL": ("", 24), "PT": ("", 21), "SE": ("", 20), "DK": ("", 14), "CZ": ("", 20),
        "HU": ("", 24), "RO": ("BTRL", 16), "TR": ("", 22), "FI": ("", 14), "GB": ("NWBK", 14), "CH": ("", 17)}  # fmt: skip


def _digits(rng: random.Random, n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def _valid(rng: random.Random, make, check) -> str:  # type: ignore[no-untyped-def]
    while True:
        candidate = make()
        if check(candidate):
            return str(candidate)


def iban(rng: random.Random, country: str) -> str:
    """A valid IBAN (mod 97) of the country's length, printed in groups of four."""
    letters, n = BBAN[country]
    bban = letters + "".join(rng.choice("0123456789") for _ in range(n))
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    value = f"{country}{check:02d}{bban}"
    assert std_iban.is_valid(value)
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


@dataclass
class TaxIds:
    vat: str | None
    """The VAT id as printed (the truth's letters and digits)."""
    vat_label_key: str
    """Which label names it."""
    extra: list[tuple[str, str]]
    """Other registration ids printed beside it (company register, org. number): (label, value)."""


def tax_ids(rng: random.Random, country: str, words: dict) -> TaxIds:  # type: ignore[type-arg]
    """The seller's VAT id as that country prints it, and its other registration numbers."""
    pick = rng.choice
    if country == "IT":
        v = _valid(rng, lambda: _digits(rng, 11, "0123"), it_iva.is_valid)
        return TaxIds(
            pick([f"IT{v}", v, f"IT {v}"]),
            "vat",
            [("REA", f"{pick(['MI', 'TO', 'BO', 'FI'])}-{rng.randint(100000, 2999999)}")],
        )
    if country == "CH":
        body = _valid(
            rng,
            lambda: _digits(rng, 9),
            lambda s: __import__("stdnum.ch.uid", fromlist=["uid"]).is_valid("CHE" + s),
        )
        return TaxIds(f"CHE-{body[:3]}.{body[3:6]}.{body[6:]} IVA", "vat", [])
    if country == "PL":
        v = _valid(rng, lambda: _digits(rng, 10), pl_nip.is_valid)
        shown = pick(
            [v, f"{v[:3]}-{v[3:6]}-{v[6:8]}-{v[8:]}", f"PL{v}", f"{v[:3]}-{v[3:5]}-{v[5:7]}-{v[7:]}"]
        )
        return TaxIds(
            shown,
            "vat",
            [("REGON", _digits(rng, 9))] if rng.random() < 0.5 else [("KRS", "0000" + _digits(rng, 6))],
        )
    if country == "PT":
        v = _valid(rng, lambda: "5" + _digits(rng, 8, "0123456789"), pt_nif.is_valid)
        return TaxIds(pick([v, f"PT{v}", f"PT {v}"]), "vat", [])
    if country == "SE":
        org = _valid(rng, lambda: "55" + _digits(rng, 8, "0123456789"), se_orgnr.is_valid)
        return TaxIds(f"SE{org}01", "vat", [("Org.nr", f"{org[:6]}-{org[6:]}")])
    if country == "DK":
        v = _valid(rng, lambda: _digits(rng, 8), dk_cvr.is_valid)
        return TaxIds(pick([v, f"DK{v}", f"DK {v[:2]} {v[2:4]} {v[4:6]} {v[6:]}"]), "vat", [])
    if country == "CZ":
        ico = _valid(rng, lambda: _digits(rng, 8, "2"), cz_dic.is_valid)
        return TaxIds(f"CZ{ico}", "vat", [("IČO" if rng.random() < 0.5 else "IČ", ico)])
    if country == "HU":
        base = _valid(rng, lambda: _digits(rng, 8), hu_anum.is_valid)
        if rng.random() < 0.6:
            return TaxIds(
                f"{base}-2-{rng.choice(['41', '42', '43', '13', '09', '02'])}",
                "vat",
                [("Cégjegyzékszám", f"01-09-{rng.randint(100000, 999999)}")],
            )
        return TaxIds(f"HU{base}", "vat", [("Cégjegyzékszám", f"01-09-{rng.randint(100000, 999999)}")])
    if country == "RO":
        v = _valid(rng, lambda: _digits(rng, 8), ro_cui.is_valid)
        return TaxIds(
            pick([f"RO{v}", f"RO {v}"]),
            "vat",
            [
                (
                    "Nr. Reg. Com.",
                    f"J{rng.randint(1, 40):02d}/{rng.randint(100, 9999)}/{rng.randint(2005, 2022)}",
                )
            ],
        )
    if country == "TR":
        v = _valid(rng, lambda: _digits(rng, 10), tr_vkn.is_valid)
        return TaxIds(
            v, "vat", [("Vergi Dairesi", rng.choice(["Kadıköy", "Şişli", "Çankaya", "Konak", "Beyoğlu"]))]
        )
    if country == "FI":
        y = _valid(
            rng,
            lambda: _digits(rng, 7, "0123") + "0",
            lambda s: fi_ytunnus.is_valid(s[:7] + "-" + _fi_check(s[:7])),
        )
        y = y[:7] + "-" + _fi_check(y[:7])
        alv = "FI" + y.replace("-", "")
        assert fi_alv.is_valid(alv)
        if rng.random() < 0.5:
            return TaxIds(alv, "vat", [("Y-tunnus", y)])
        return TaxIds(y, "ytunnus", [])
    if country == "GB":
        v = _valid(rng, lambda: _digits(rng, 9), gb_vat.is_valid)
        return TaxIds(
            pick([f"GB {v[:3]} {v[3:7]} {v[7:]}", f"GB{v}", f"{v[:3]} {v[3:7]} {v[7:]}"]),
            "vat",
            [("Company No.", _digits(rng, 8, "01"))],
        )
    # US: no VAT; an EIN is printed on some
    return TaxIds(
        None,
        "vat",
        [("EIN", f"{_digits(rng, 2)}-{_digits(rng, 7, '0123456789')}")] if rng.random() < 0.4 else [],
    )


def _fi_check(seven: str) -> str:
    total = sum(int(d) * w for d, w in zip(seven, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "0" if total == 0 else str(11 - total)
