"""Random invoices for the extraction eval: realistic parties from 15 countries, lines, taxes, references.

    python -m evals.synth.generate --out DIR --count N --seed S [--locales de-DE,fr-FR] [--layouts a,b]
                                   [--format pdf|facturx|ubl|cii|scan]

writes ``DIR/<id>.pdf`` (or ``.xml``) beside ``DIR/<id>.json`` (the truth, plus ``_synth``: seed,
locale, layout, format) and ``DIR/manifest.jsonl``. The same seed gives the same files.

Company names carry the legal forms of their country (GmbH, S.A.S., Ltd, Inc., B.V., ApS, AG, S.L.,
S.r.l., Lda., sp. z o.o., AB, s.r.o. …); VAT ids and IBANs carry valid check digits (checked with
python-stdnum); tax rates are each country's standard and reduced rates; cross-border EU sales are
reverse-charged with the exemption wording in the invoice's language.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from evals.synth.locales import LOCALES, pack_for
from evals.synth.model import AllowanceCharge, DocType, Line, Party, SynthInvoice, TaxCategory, cents
from evals.synth.pdf import LAYOUTS
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.ch import vat as ch_vat
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as gb_vat

D = Decimal

# ------------------------------------------------------------------------------------------------ countries


@dataclass(frozen=True)
class Country:
    code: str
    language: str
    legal_forms: tuple[str, ...]
    industries: tuple[str, ...]
    cities: tuple[tuple[str, str], ...]
    """(city, postcode pattern): '#' a digit, 'A' a capital letter."""
    streets: tuple[str, ...]
    """Street patterns: {name} a surname or place word, {n} a house number."""
    street_names: tuple[str, ...]
    phone: str
    rates: tuple[str, ...]
    """Standard rate first, then reduced rates."""
    iban_bban: str | None
    """BBAN pattern: '#' digit, 'A' letter, 'X' alphanumeric; None: no IBAN (the US)."""
    registration: tuple[str, ...]
    email_words: tuple[str, ...]


# fmt: off
COUNTRIES: dict[str, Country] = {
    "DE": Country(
        "DE", "de",
        ("GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG", "e.K."),
        ("Werkzeugbau", "Elektrotechnik", "Logistik", "Bürobedarf", "Metallbau", "Verpackungen",
         "Haustechnik", "Industriebedarf", "Antriebstechnik", "Laborbedarf"),
        (("München", "8####"), ("Hamburg", "2####"), ("Stuttgart", "7####"), ("Köln", "5####"),
         ("Leipzig", "04###"), ("Bielefeld", "33###"), ("Nürnberg", "90###"), ("Mannheim", "68###")),
        ("{name}straße {n}", "{name}weg {n}", "Am {name} {n}", "{name}allee {n}", "Industriestraße {n}"),
        ("Linden", "Berg", "Mühlen", "Garten", "Kirch", "Schiller", "Goethe", "Hafen", "Wald", "Markt"),
        "+49 ### #######",
        ("19", "7"),
        "##################",
        ("HRB ##### Amtsgericht {city}", "HRA #### Amtsgericht {city}"),
        ("rechnung", "buchhaltung", "info"),
    ),
    "AT": Country(
        "AT", "de",
        ("GmbH", "AG", "OG", "KG", "e.U."),
        ("Holzbau", "Elektro", "Transporte", "Bürotechnik", "Maschinenbau", "Gastrobedarf"),
        (("Wien", "1###"), ("Graz", "80##"), ("Linz", "40##"), ("Salzburg", "50##"), ("Innsbruck", "60##")),
        ("{name}gasse {n}", "{name}straße {n}", "{name}platz {n}"),
        ("Linden", "Mozart", "Kirchen", "Haupt", "Bahnhof", "Schul", "Post"),
        "+43 # ### ####",
        ("20", "10", "13"),
        "################",
        ("FN ######a, Handelsgericht {city}", "FN #####m, Landesgericht {city}"),
        ("rechnung", "office"),
    ),
    "CH": Country(
        "CH", "de",
        ("AG", "GmbH", "AG"),
        ("Präzisionstechnik", "Haustechnik", "Logistik", "Bürosysteme", "Messtechnik"),
        (("Zürich", "80##"), ("Basel", "40##"), ("Bern", "30##"), ("Luzern", "60##"), ("Winterthur", "84##")),
        ("{name}strasse {n}", "{name}weg {n}", "{name}gasse {n}"),
        ("Bahnhof", "See", "Lindens", "Berg", "Kirch", "Zeughaus"),
        "+41 ## ### ## ##",
        ("8.1", "2.6"),
        "#################",
        ("Handelsregister des Kantons {city}",),
        ("rechnung", "buchhaltung"),
    ),
    "FR": Country(
        "FR", "fr",
        ("S.A.S.", "SARL", "S.A.", "SAS"),
        ("Emballages", "Électricité", "Transports", "Fournitures", "Mécanique", "Services Industriels"),
        (("Lyon", "690##"), ("Paris", "750##"), ("Toulouse", "310##"), ("Nantes", "440##"),
         ("Lille", "590##"), ("Bordeaux", "330##")),
        ("{n} rue {name}", "{n} avenue {name}", "{n} boulevard {name}", "ZI des {name}, {n} rue de l'Industrie"),
        ("Victor Hugo", "Jean Jaurès", "de la République", "Pasteur", "des Lilas", "Gambetta", "Voltaire"),
        "+33 # ## ## ## ##",
        ("20", "10", "5.5"),
        "#######################",
        ("RCS {city} ### ### ###", "SIRET ### ### ### #####"),
        ("facturation", "compta", "contact"),
    ),
    "BE": Country(
        "BE", "fr",
        ("SRL", "SA", "SPRL", "SCRL"),
        ("Construction", "Électrotechnique", "Logistique", "Fournitures", "Imprimerie"),
        (("Bruxelles", "1###"), ("Liège", "4###"), ("Namur", "5###"), ("Charleroi", "6###")),
        ("Rue {name} {n}", "Avenue {name} {n}", "Chaussée de {name} {n}"),
        ("de la Station", "Royale", "Louise", "de Namur", "des Champs", "du Moulin"),
        "+32 # ### ## ##",
        ("21", "6", "12"),
        "############",
        ("RPM {city}", "BCE 0###.###.###"),
        ("factures", "info", "comptabilite"),
    ),
    "GB": Country(
        "GB", "en",
        ("Ltd", "Limited", "PLC", "Ltd."),
        ("Engineering", "Supplies", "Logistics", "Packaging", "Electrical", "Office Solutions", "Fabrications"),
        (("London", "EC# #AA"), ("Manchester", "M## #AA"), ("Leeds", "LS# #AA"), ("Bristol", "BS# #AA"),
         ("Birmingham", "B## #AA")),
        ("{n} {name} Road", "{n} {name} Street", "Unit {n}, {name} Industrial Estate", "{n} {name} Lane"),
        ("Station", "Victoria", "Church", "Mill", "Park", "Kings", "Queens", "Bridge"),
        "+44 ## #### ####",
        ("20", "5"),
        "AAAA##############",
        ("Registered in England and Wales No. ########", "Company No. ########"),
        ("accounts", "invoices", "sales"),
    ),
    "US": Country(
        "US", "en",
        ("Inc.", "LLC", "Corp.", "Inc."),
        ("Industrial Supply", "Technologies", "Logistics", "Manufacturing", "Office Products", "Components"),
        (("Austin, TX", "787##"), ("Columbus, OH", "432##"), ("Denver, CO", "802##"), ("Portland, OR", "972##"),
         ("Raleigh, NC", "276##")),
        ("{n} {name} Ave, Suite ###", "{n} {name} Street", "{n} {name} Blvd"),
        ("Main", "Oak", "Maple", "Commerce", "Industrial", "Park", "Washington"),
        "+1 (###) ###-####",
        ("8.25", "6.25", "7", "0"),
        None,
        ("Delaware corporation", "EIN ##-#######"),
        ("billing", "ar", "accounts"),
    ),
    "NL": Country(
        "NL", "nl",
        ("B.V.", "B.V.", "N.V.", "V.O.F."),
        ("Installatietechniek", "Verpakkingen", "Logistiek", "Kantoorartikelen", "Machinebouw", "Techniek"),
        (("Utrecht", "35## AA"), ("Rotterdam", "30## AA"), ("Eindhoven", "56## AA"), ("Amsterdam", "10## AA"),
         ("Groningen", "97## AA")),
        ("{name}straat {n}", "{name}weg {n}", "{name}laan {n}", "{name}kade {n}"),
        ("Kerk", "Molen", "Haven", "Industrie", "Stations", "Dorps", "Wilhelmina"),
        "+31 ## ### ####",
        ("21", "9"),
        "AAAA##########",
        ("KvK ########", "Handelsregister ########"),
        ("facturen", "administratie", "info"),
    ),
    "DK": Country(
        "DK", "da",
        ("ApS", "A/S", "ApS"),
        ("Maskinfabrik", "Emballage", "El-teknik", "Kontorartikler", "Transport", "VVS"),
        (("København", "2###"), ("Aarhus", "8###"), ("Odense", "5###"), ("Aalborg", "9###")),
        ("{name}vej {n}", "{name}gade {n}", "{name} Allé {n}"),
        ("Industri", "Hoved", "Skov", "Strand", "Kirke", "Mølle", "Nørre"),
        "+45 ## ## ## ##",
        ("25",),
        "##############",
        ("CVR ########",),
        ("faktura", "bogholderi", "info"),
    ),
    "ES": Country(
        "ES", "es",
        ("S.L.", "S.A.", "S.L.U.", "S.L."),
        ("Suministros Industriales", "Embalajes", "Transportes", "Electricidad", "Ferretería", "Mecanizados"),
        (("Madrid", "280##"), ("Barcelona", "080##"), ("Valencia", "460##"), ("Sevilla", "410##"),
         ("Zaragoza", "500##"), ("Bilbao", "480##")),
        ("Calle {name}, {n}", "Avda. de {name}, {n}", "Polígono Industrial {name}, nave {n}"),
        ("Mayor", "Alcalá", "la Constitución", "Goya", "San Isidro", "las Flores", "Castilla"),
        "+34 ### ### ###",
        ("21", "10", "4"),
        "####################",
        ("Inscrita en el Registro Mercantil de {city}, Tomo ####, Folio ##, Hoja M-######",),
        ("facturacion", "administracion", "info"),
    ),
    "IT": Country(
        "IT", "it",
        ("S.r.l.", "S.p.A.", "S.r.l.", "S.n.c."),
        ("Forniture Industriali", "Imballaggi", "Trasporti", "Meccanica", "Impianti Elettrici", "Cartotecnica"),
        (("Milano", "201##"), ("Torino", "101##"), ("Bologna", "401##"), ("Verona", "371##"), ("Padova", "351##")),
        ("Via {name}, {n}", "Viale {name} {n}", "Corso {name}, {n}"),
        ("Roma", "Garibaldi", "Mazzini", "dell'Industria", "Cavour", "Verdi", "dei Mille"),
        "+39 ## #######",
        ("22", "10", "4"),
        "A######################",
        ("REA {prov}-#######", "Reg. Imprese {city} n. ###########"),
        ("amministrazione", "fatture", "info"),
    ),
    "PT": Country(
        "PT", "pt",
        ("Lda.", "S.A.", "Unipessoal Lda."),
        ("Equipamentos Industriais", "Embalagens", "Transportes", "Material de Escritório", "Metalomecânica"),
        (("Lisboa", "1###-###"), ("Porto", "4###-###"), ("Braga", "47##-###"), ("Coimbra", "30##-###")),
        ("Rua {name}, {n}", "Avenida {name}, {n}", "Travessa {name}, {n}"),
        ("da Liberdade", "de Santa Catarina", "Almirante Reis", "das Flores", "do Comércio", "da República"),
        "+351 ### ### ###",
        ("23", "13", "6"),
        "#####################",
        ("Matriculada na C.R.C. de {city} · Capital social ##.### €",),
        ("faturacao", "geral", "contabilidade"),
    ),
    "PL": Country(
        "PL", "pl",
        ("sp. z o.o.", "S.A.", "sp. z o.o.", "sp.j."),
        ("Technika", "Opakowania", "Logistyka", "Narzędzia", "Elektro", "Biuro Serwis"),
        (("Warszawa", "0#-###"), ("Kraków", "3#-###"), ("Poznań", "6#-###"), ("Wrocław", "5#-###"),
         ("Gdańsk", "80-###")),
        ("ul. {name} {n}", "ul. {name} {n}/#", "al. {name} {n}"),
        ("Polna", "Leśna", "Słoneczna", "Krótka", "Przemysłowa", "Kościuszki", "Mickiewicza"),
        "+48 ## ### ## ##",
        ("23", "8", "5"),
        "########################",
        ("KRS 0000###### · REGON #########", "Sąd Rejonowy {city}, KRS 0000######"),
        ("faktury", "biuro", "ksiegowosc"),
    ),
    "SE": Country(
        "SE", "sv",
        ("AB", "AB", "HB"),
        ("Verktyg", "Förpackningar", "Elteknik", "Logistik", "Kontorsvaror", "Mekaniska Verkstad"),
        (("Göteborg", "41# ##"), ("Stockholm", "11# ##"), ("Malmö", "21# ##"), ("Uppsala", "75# ##")),
        ("{name}gatan {n}", "{name}vägen {n}", "Box {n}"),
        ("Kungs", "Stor", "Industri", "Hamn", "Kyrko", "Skol", "Järnvägs"),
        "+46 ## ### ## ##",
        ("25", "12", "6"),
        "####################",
        ("Styrelsens säte: {city}", "Org.nr ######-####"),
        ("faktura", "ekonomi", "info"),
    ),
    "CZ": Country(
        "CZ", "cs",
        ("s.r.o.", "a.s.", "s.r.o."),
        ("Strojírna", "Obaly", "Elektro", "Logistika", "Kancelářské potřeby", "Stavebniny"),
        (("Praha", "1## ##"), ("Brno", "6## ##"), ("Ostrava", "7## ##"), ("Plzeň", "3## ##")),
        ("{name} {n}/##", "{name} {n}"),
        ("Národní", "Husova", "Palackého", "Masarykova", "Nádražní", "Průmyslová", "Komenského"),
        "+420 ### ### ###",
        ("21", "12"),
        "####################",
        ("Spisová značka C ###### vedená u Městského soudu v {city}",),
        ("fakturace", "uctarna", "info"),
    ),
}
# fmt: on

LOCALE_COUNTRY = {locale: pack_for(locale).country for locale in LOCALES}
EU = {"DE", "AT", "FR", "BE", "NL", "DK", "ES", "IT", "PT", "PL", "SE", "CZ"}

REVERSE_CHARGE: dict[str, str] = {
    "de": "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)",
    "fr": "Autoliquidation – TVA due par le preneur (art. 196 directive 2006/112/CE)",
    "en": "Reverse charge: VAT to be accounted for by the recipient",
    "nl": "Btw verlegd naar de afnemer",
    "da": "Omvendt betalingspligt – køber afregner momsen",
    "es": "Inversión del sujeto pasivo (art. 84 LIVA)",
    "it": "Inversione contabile – art. 17 DPR 633/72",
    "pt": "IVA – autoliquidação",
    "pl": "Odwrotne obciążenie",
    "sv": "Omvänd betalningsskyldighet",
    "cs": "Daň odvede zákazník (přenesená daňová povinnost)",
}
"""The printed wording of an intra-EU reverse-charge sale, per language."""

TERMS: dict[str, tuple[str, ...]] = {
    "de": ("Zahlbar innerhalb von {days} Tagen ohne Abzug.", "{days} Tage netto.",
           "Zahlbar innerhalb von 10 Tagen mit 2 % Skonto, {days} Tage netto."),
    "fr": ("Paiement à {days} jours date de facture.", "Règlement à {days} jours net."),
    "en": ("Net {days} days.", "Payment due within {days} days of invoice date.", "Terms: Net {days}"),
    "nl": ("Betaling binnen {days} dagen na factuurdatum.", "Betalingstermijn {days} dagen."),
    "da": ("Netto {days} dage.", "Betaling senest {days} dage efter fakturadato."),
    "es": ("Pago a {days} días fecha factura.", "Transferencia a {days} días."),
    "it": ("Pagamento a {days} gg data fattura.", "Bonifico bancario {days} giorni d.f."),
    "pt": ("Pagamento a {days} dias.", "Vencimento a {days} dias da data da fatura."),
    "pl": ("Przelew {days} dni.", "Termin płatności {days} dni od daty wystawienia."),
    "sv": ("Betalningsvillkor {days} dagar netto.", "{days} dagar netto."),
    "cs": ("Splatnost {days} dní.", "Převodem, splatnost {days} dnů."),
}  # fmt: skip

NOTES: dict[str, tuple[str, ...]] = {
    "de": (
        "Lieferung frei Haus.",
        "Bei Rückfragen bitte die Bestellnummer angeben.",
        "Teillieferung 1 von 2.",
    ),
    "fr": ("Livraison franco de port.", "Merci d'indiquer le numéro de commande pour toute question."),
    "en": (
        "Delivered carriage paid.",
        "Please quote the order number with any query.",
        "Part delivery 1 of 2.",
    ),
    "nl": ("Franco geleverd.", "Vermeld bij vragen altijd het ordernummer."),
    "da": ("Leveret frit.", "Angiv venligst ordrenummeret ved henvendelser."),
    "es": ("Portes pagados.", "Indique el número de pedido en cualquier consulta."),
    "it": ("Resa franco destino.", "Indicare il numero d'ordine per eventuali chiarimenti."),
    "pt": ("Entrega incluída.", "Indique o número da encomenda em qualquer contacto."),
    "pl": ("Dostawa na koszt sprzedawcy.", "Prosimy o podawanie numeru zamówienia."),
    "sv": ("Fritt levererat.", "Ange ordernummer vid frågor."),
    "cs": ("Doprava zdarma.", "Při dotazech uveďte číslo objednávky."),
}

FREIGHT = {"de": "Fracht", "fr": "Frais de port", "en": "Freight", "nl": "Vrachtkosten", "da": "Fragt",
           "es": "Portes", "it": "Spese di trasporto", "pt": "Portes", "pl": "Transport", "sv": "Frakt",
           "cs": "Doprava"}  # fmt: skip
DISCOUNT = {"de": "Rabatt", "fr": "Remise", "en": "Discount", "nl": "Korting", "da": "Rabat", "es": "Descuento",
            "it": "Sconto", "pt": "Desconto", "pl": "Rabat", "sv": "Rabatt", "cs": "Sleva"}  # fmt: skip

# (unit, price range, {language: name}); a name may carry {spec}
ITEMS: tuple[tuple[str, tuple[str, str], dict[str, str]], ...] = (
    ("C62", ("0.04", "0.60"), {"de": "Sechskantschraube {spec}", "fr": "Vis à tête hexagonale {spec}",
     "en": "Hex bolt {spec}", "nl": "Zeskantbout {spec}", "da": "Sekskantskrue {spec}",
     "es": "Tornillo hexagonal {spec}", "it": "Vite a testa esagonale {spec}", "pt": "Parafuso sextavado {spec}",
     "pl": "Śruba sześciokątna {spec}", "sv": "Sexkantskruv {spec}", "cs": "Šroub se šestihrannou hlavou {spec}"}),
    ("XPK", ("3.50", "12.00"), {"de": "Kopierpapier A4, 80 g/m², 500 Blatt", "fr": "Papier A4 80 g, ramette de 500",
     "en": "Copier paper A4 80gsm, ream of 500", "nl": "Kopieerpapier A4 80 g, pak à 500",
     "da": "Kopipapir A4 80 g, 500 ark", "es": "Papel A4 80 g, paquete 500 hojas",
     "it": "Carta A4 80 g, risma da 500 fogli", "pt": "Papel A4 80 g, resma de 500",
     "pl": "Papier ksero A4 80 g, ryza 500 ark.", "sv": "Kopieringspapper A4 80 g, 500 ark",
     "cs": "Kancelářský papír A4 80 g, 500 listů"}),
    ("C62", ("45.00", "180.00"), {"de": "Tonerkassette schwarz {spec}", "fr": "Cartouche de toner noir {spec}",
     "en": "Toner cartridge black {spec}", "nl": "Tonercartridge zwart {spec}", "da": "Tonerpatron sort {spec}",
     "es": "Cartucho de tóner negro {spec}", "it": "Cartuccia toner nero {spec}",
     "pt": "Tinteiro toner preto {spec}", "pl": "Toner czarny {spec}", "sv": "Tonerkassett svart {spec}",
     "cs": "Tonerová kazeta černá {spec}"}),
    ("HUR", ("65.00", "145.00"), {"de": "Montagearbeiten vor Ort", "fr": "Main-d'œuvre installation sur site",
     "en": "On-site installation labour", "nl": "Montagewerkzaamheden op locatie", "da": "Montagearbejde på stedet",
     "es": "Mano de obra instalación in situ", "it": "Manodopera installazione in loco",
     "pt": "Mão de obra de instalação no local", "pl": "Robocizna – montaż na miejscu",
     "sv": "Installationsarbete på plats", "cs": "Montážní práce na místě"}),
    ("C62", ("1.20", "6.50"), {"de": "Einweghandschuhe Nitril, Gr. {spec}", "fr": "Gants nitrile jetables, taille {spec}",
     "en": "Nitrile disposable gloves, size {spec}", "nl": "Nitril wegwerphandschoenen, maat {spec}",
     "da": "Nitril engangshandsker, str. {spec}", "es": "Guantes de nitrilo desechables, talla {spec}",
     "it": "Guanti monouso in nitrile, taglia {spec}", "pt": "Luvas descartáveis de nitrilo, tam. {spec}",
     "pl": "Rękawice nitrylowe jednorazowe, rozm. {spec}", "sv": "Engångshandskar nitril, stl. {spec}",
     "cs": "Jednorázové nitrilové rukavice, vel. {spec}"}),
    ("C62", ("4.90", "39.00"), {"de": "HSS-Spiralbohrer {spec}", "fr": "Foret HSS {spec}", "en": "HSS twist drill {spec}",
     "nl": "HSS spiraalboor {spec}", "da": "HSS spiralbor {spec}", "es": "Broca helicoidal HSS {spec}",
     "it": "Punta elicoidale HSS {spec}", "pt": "Broca helicoidal HSS {spec}", "pl": "Wiertło kręte HSS {spec}",
     "sv": "HSS spiralborr {spec}", "cs": "Šroubovitý vrták HSS {spec}"}),
    ("MTR", ("0.45", "4.80"), {"de": "Installationskabel NYM-J {spec}", "fr": "Câble d'installation {spec}",
     "en": "Installation cable {spec}", "nl": "Installatiekabel {spec}", "da": "Installationskabel {spec}",
     "es": "Cable de instalación {spec}", "it": "Cavo di installazione {spec}", "pt": "Cabo de instalação {spec}",
     "pl": "Przewód instalacyjny {spec}", "sv": "Installationskabel {spec}", "cs": "Instalační kabel {spec}"}),
    ("MON", ("19.00", "420.00"), {"de": "Softwarelizenz Wartung (monatlich)", "fr": "Licence logicielle maintenance (mensuelle)",
     "en": "Software licence & support (monthly)", "nl": "Softwarelicentie onderhoud (maandelijks)",
     "da": "Softwarelicens vedligehold (månedlig)", "es": "Licencia de software mantenimiento (mensual)",
     "it": "Licenza software manutenzione (mensile)", "pt": "Licença de software manutenção (mensal)",
     "pl": "Licencja oprogramowania – serwis (miesięcznie)", "sv": "Programlicens underhåll (månadsvis)",
     "cs": "Softwarová licence – podpora (měsíčně)"}),
    ("C62", ("8.00", "95.00"), {"de": "Kugellager {spec}", "fr": "Roulement à billes {spec}", "en": "Ball bearing {spec}",
     "nl": "Kogellager {spec}", "da": "Kugleleje {spec}", "es": "Rodamiento de bolas {spec}",
     "it": "Cuscinetto a sfere {spec}", "pt": "Rolamento de esferas {spec}", "pl": "Łożysko kulkowe {spec}",
     "sv": "Kullager {spec}", "cs": "Kuličkové ložisko {spec}"}),
    ("LTR", ("2.10", "14.00"), {"de": "Reinigungskonzentrat", "fr": "Nettoyant concentré", "en": "Cleaning concentrate",
     "nl": "Reinigingsconcentraat", "da": "Rengøringskoncentrat", "es": "Limpiador concentrado",
     "it": "Detergente concentrato", "pt": "Detergente concentrado", "pl": "Koncentrat czyszczący",
     "sv": "Rengöringskoncentrat", "cs": "Čisticí koncentrát"}),
    ("C62", ("12.00", "160.00"), {"de": "LED-Panel {spec}", "fr": "Panneau LED {spec}", "en": "LED panel {spec}",
     "nl": "LED-paneel {spec}", "da": "LED-panel {spec}", "es": "Panel LED {spec}", "it": "Pannello LED {spec}",
     "pt": "Painel LED {spec}", "pl": "Panel LED {spec}", "sv": "LED-panel {spec}", "cs": "LED panel {spec}"}),
    ("KGM", ("1.10", "9.80"), {"de": "Flachstahl S235 blank", "fr": "Acier plat S235", "en": "Bright flat steel S235",
     "nl": "Platstaal S235", "da": "Fladstål S235", "es": "Pletina de acero S235", "it": "Piatto in acciaio S235",
     "pt": "Barra chata de aço S235", "pl": "Płaskownik stalowy S235", "sv": "Plattstål S235",
     "cs": "Ocelová plochá tyč S235"}),
    ("SET", ("25.00", "240.00"), {"de": "Dichtungssatz {spec}", "fr": "Jeu de joints {spec}", "en": "Seal kit {spec}",
     "nl": "Afdichtingsset {spec}", "da": "Pakningssæt {spec}", "es": "Juego de juntas {spec}",
     "it": "Kit guarnizioni {spec}", "pt": "Kit de vedantes {spec}", "pl": "Zestaw uszczelek {spec}",
     "sv": "Packningssats {spec}", "cs": "Sada těsnění {spec}"}),
    ("C62", ("0.90", "7.50"), {"de": "Etikettenrolle {spec}", "fr": "Rouleau d'étiquettes {spec}",
     "en": "Label roll {spec}", "nl": "Etiketrol {spec}", "da": "Etiketrulle {spec}", "es": "Rollo de etiquetas {spec}",
     "it": "Rotolo etichette {spec}", "pt": "Rolo de etiquetas {spec}", "pl": "Rolka etykiet {spec}",
     "sv": "Etikettrulle {spec}", "cs": "Role etiket {spec}"}),
    ("HUR", ("85.00", "190.00"), {"de": "Beratung Projektierung", "fr": "Conseil et étude de projet",
     "en": "Consulting – project engineering", "nl": "Advies projectering", "da": "Rådgivning projektering",
     "es": "Consultoría de ingeniería", "it": "Consulenza progettazione", "pt": "Consultoria de projeto",
     "pl": "Doradztwo projektowe", "sv": "Konsulttjänst projektering", "cs": "Konzultace a projekce"}),
    ("C62", ("18.00", "75.00"), {"de": "Europalette, Tausch", "fr": "Palette Europe, échange",
     "en": "Euro pallet, exchange", "nl": "Europallet, ruil", "da": "EUR-palle, bytte", "es": "Palé europeo, cambio",
     "it": "Pallet EPAL, interscambio", "pt": "Palete europeia, troca", "pl": "Paleta EUR, wymiana",
     "sv": "EUR-pall, byte", "cs": "Europaleta, výměna"}),
    ("C62", ("150.00", "2400.00"), {"de": "Druckluftkompressor {spec}", "fr": "Compresseur d'air {spec}",
     "en": "Air compressor {spec}", "nl": "Luchtcompressor {spec}", "da": "Luftkompressor {spec}",
     "es": "Compresor de aire {spec}", "it": "Compressore d'aria {spec}", "pt": "Compressor de ar {spec}",
     "pl": "Sprężarka powietrza {spec}", "sv": "Luftkompressor {spec}", "cs": "Vzduchový kompresor {spec}"}),
)  # fmt: skip

SPECS = ("M8 x 40", "M10 x 60", "DIN 933 8.8", "Ø 6,5 mm", "Ø 10 mm", "L", "XL", "M", "3 x 1,5 mm²",
         "5 x 2,5 mm²", "6204-2RS", "6306 ZZ", "TN-2420", "CF259A", "62 x 62 cm, 40 W", "100 x 50 mm",
         "230 V / 50 l", "DN 50", "Typ B")  # fmt: skip
EXTRA_LINES = ("S/N {sn}", "Lot {sn}", "{po_ref}", "EAN 40{ean}")

SYLLABLES = ("Nor", "Ve", "Tal", "Cor", "Lum", "Ax", "Bri", "Dan", "Fe", "Gal", "Hel", "Ka", "Lin", "Mar", "Ost",
             "Pra", "Ri", "Sol", "Ter", "Val", "Zen", "Qui", "Ber", "Tec", "Ro", "Ma")  # fmt: skip


# ------------------------------------------------------------------------------------------------ ids


def _fill(rng: random.Random, pattern: str) -> str:
    out = []
    for char in pattern:
        if char == "#":
            out.append(str(rng.randrange(10)))
        elif char == "A":
            out.append(rng.choice(string.ascii_uppercase))
        elif char == "X":
            out.append(rng.choice(string.ascii_uppercase + string.digits))
        else:
            out.append(char)
    return "".join(out)


VAT_BODY: dict[str, str] = {
    "DE": "#########",
    "AT": "U########",
    "FR": "##" + "#########",
    "BE": "0#########",
    "NL": "#########B##",
    "DK": "########",
    "ES": "B########",
    "IT": "###########",
    "PT": "5########",
    "PL": "##########",
    "SE": "##########01",
    "CZ": "########",
    "GB": "#########",
}


def vat_id(rng: random.Random, country: str) -> str:
    """A VAT id with valid check digits: random bodies until python-stdnum accepts one."""
    if country == "US":
        return f"{rng.randrange(10, 99)}-{rng.randrange(1000000, 9999999)}"
    if country == "CH":
        for _ in range(1000):
            candidate = f"CHE-{_fill(rng, '###.###.###')} MWST"
            if ch_vat.is_valid(candidate):
                return candidate
        raise RuntimeError("no valid Swiss UID found")
    pattern = VAT_BODY[country]
    for _ in range(5000):
        number = country + _fill(rng, pattern)
        valid = gb_vat.is_valid(number) if country == "GB" else eu_vat.is_valid(number)
        if valid:
            return number
    raise RuntimeError(f"no valid VAT id found for {country}")


def iban(rng: random.Random, country: Country) -> str | None:
    """An IBAN with valid ISO 13616 check digits (and national checks where stdnum knows them)."""
    if country.iban_bban is None:
        return None
    for _ in range(5000):
        bban = _fill(rng, country.iban_bban)
        numeric = "".join(str(int(c, 36)) for c in bban + country.code + "00")
        check = 98 - int(numeric) % 97
        candidate = f"{country.code}{check:02d}{bban}"
        if stdnum_iban.is_valid(candidate):
            return candidate
    raise RuntimeError(f"no valid IBAN found for {country.code}")


def bic(rng: random.Random, country: str) -> str:
    code = _fill(rng, "AAAA") + country + _fill(rng, "XX") + rng.choice(("XXX", "", _fill(rng, "###")))
    return code if stdnum_bic.is_valid(code) else code[:8]


# ------------------------------------------------------------------------------------------------ parties


def company_name(rng: random.Random, country: Country, locale: str) -> str:
    pack = pack_for(locale) if pack_for(locale).country == country.code else None
    surnames = pack.surnames if pack and pack.surnames else pack_for(_locale_of(country.code)).surnames
    form = rng.choice(country.legal_forms)
    industry = rng.choice(country.industries)
    brand = "".join(rng.choice(SYLLABLES) for _ in range(2)).lower().capitalize()
    pattern = rng.randrange(5)
    if pattern == 0:
        base = f"{rng.choice(surnames)} {industry}"
    elif pattern == 1:
        first, second = rng.sample(list(surnames), 2)
        base = f"{first} & {second}"
    elif pattern == 2:
        base = f"{brand} {industry}"
    elif pattern == 3:
        base = f"{brand}{rng.choice(('tec', 'pack', 'log', 'tronic', 'line', 'form'))}"
    else:
        base = f"{rng.choice(surnames)}"
    return f"{base} {form}"


def _locale_of(country: str) -> str:
    for locale, code in LOCALE_COUNTRY.items():
        if code == country:
            return locale
    return "en-GB"


def party(rng: random.Random, code: str, *, seller: bool) -> Party:
    country = COUNTRIES[code]
    locale = _locale_of(code)
    name = company_name(rng, country, locale)
    city, postcode_pattern = rng.choice(country.cities)
    street = rng.choice(country.streets).format(
        name=rng.choice(country.street_names), n=rng.randrange(1, 180)
    )
    street = _fill(rng, street) if "#" in street else street
    domain = "-".join(
        w.lower() for w in name.replace("&", " ").split()[:2] if w.isalpha() and w not in country.legal_forms
    )
    domain = "".join(c for c in domain if c.isascii() and (c.isalnum() or c == "-")) or "firma"
    tld = {"GB": "co.uk", "US": "com"}.get(code, code.lower())
    registration = None
    if seller:
        prov = city[:2].upper()
        registration = _fill(rng, rng.choice(country.registration).format(city=city.split(",")[0], prov=prov))
    return Party(
        name=name,
        street=street,
        postcode=_fill(rng, postcode_pattern),
        city=city,
        country=code,
        vat_id=vat_id(rng, code) if (seller or rng.random() < 0.7) else None,
        iban=iban(rng, country) if seller else None,
        bic=bic(rng, code) if seller and country.iban_bban and rng.random() < 0.8 else None,
        email=f"{rng.choice(country.email_words)}@{domain}.{tld}" if seller else None,
        phone=_fill(rng, country.phone) if seller else None,
        registration=registration,
    )


# ------------------------------------------------------------------------------------------------ invoices

NUMBER_FORMATS = (
    "RE-{y}-#####", "{y}-####", "INV-######", "F{y}/####", "FV/###/{m}/{y}", "{y}####", "A-#####",
    "FA{yy}-#####", "####/{y}", "{y}.####", "R{yy}######", "#######",
)  # fmt: skip


def invoice_number(rng: random.Random, issue: date) -> str:
    pattern = rng.choice(NUMBER_FORMATS)
    return _fill(rng, pattern.format(y=issue.year, yy=f"{issue.year % 100:02d}", m=f"{issue.month:02d}"))


def po_number(rng: random.Random) -> tuple[str, str | None]:
    """(the ERP's PO number, how the page prints it when it differs)."""
    style = rng.randrange(5)
    if style == 0:
        number = "45" + _fill(rng, "########")
        return number, f"{number[:4]} {number[4:7]} {number[7:]}" if rng.random() < 0.4 else None
    if style == 1:
        return _fill(rng, "PO-{y}-####".replace("{y}", str(rng.randrange(2023, 2027)))), None
    if style == 2:
        number = _fill(rng, "47########")
        return number, f"{number}/000{rng.randrange(1, 9)}0" if rng.random() < 0.4 else None
    if style == 3:
        return _fill(rng, "BE-#####"), None
    return _fill(rng, "######"), None


def _price(rng: random.Random, low: str, high: str) -> tuple[Decimal, int | None]:
    value = D(str(rng.uniform(float(low), float(high))))
    if D(high) < 1 or rng.random() < 0.12:
        return value.quantize(D("0.0001")), 4
    if rng.random() < 0.08:
        return value.quantize(D("0.001")), 3
    return value.quantize(D("0.01")), None


def _quantity(rng: random.Random, unit: str, price: Decimal) -> Decimal:
    if price > 100:
        return D(rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 8, 10)))
    if unit in ("KGM", "MTR", "LTR", "HUR"):
        return D(rng.choice(("0.5", "1", "1.5", "2", "2.25", "4", "7.5", "12.5", "25", "40", "100", "150.5")))
    if unit == "MON":
        return D(rng.choice(("1", "3", "12")))
    if price > 10:
        return D(rng.choice((1, 1, 2, 3, 4, 5, 6, 10, 12, 20, 24, 25, 50)))
    return D(rng.choice((1, 2, 5, 10, 12, 20, 24, 25, 50, 100, 200, 250, 500, 1000)))


def lines_for(
    rng: random.Random, language: str, rates: tuple[Decimal, ...], category: TaxCategory, count: int
) -> list[Line]:
    lines: list[Line] = []
    position_style = rng.randrange(3)
    for index in range(1, count + 1):
        unit, (low, high), names = rng.choice(ITEMS)
        description = names[language].format(spec=rng.choice(SPECS))
        if rng.random() < 0.15:
            extra = rng.choice(EXTRA_LINES).format(
                sn=_fill(rng, "XX#####"), ean=_fill(rng, "###########"), po_ref=_fill(rng, "Ref. ######")
            )
            description = f"{description}\n{extra}"
        price, decimals = _price(rng, low, high)
        quantity = _quantity(rng, unit, price)
        rate = rates[0] if len(rates) == 1 or rng.random() < 0.7 else rng.choice(rates[1:])
        allowances: tuple[AllowanceCharge, ...] = ()
        gross = cents(quantity * price)
        if rng.random() < 0.15 and gross > D("5"):
            percent = D(rng.choice(("3", "5", "10", "15", "20")))
            allowances = (
                AllowanceCharge(
                    is_charge=False,
                    amount=cents(gross * percent / 100),
                    reason=DISCOUNT[language],
                    reason_code="95",
                    percent=percent,
                    base=gross,
                ),
            )
        position = {0: str(index), 1: str(index * 10), 2: f"{index:03d}"}[position_style]
        lines.append(
            Line(
                description=description,
                quantity=quantity,
                unit_price=price,
                tax_rate=D(0) if category != "S" else rate,
                tax_category=category,
                unit=unit,
                seller_sku=_fill(rng, rng.choice(("AA-####", "#####-##", "AAA###", "##.###.##")))
                if rng.random() < 0.8
                else None,
                buyer_sku=_fill(rng, rng.choice(("M-######", "1#######", "MAT####")))
                if rng.random() < 0.2
                else None,
                position=position,
                allowances_charges=allowances,
                unit_price_decimals=decimals,
            )
        )
    return lines


def random_invoice(rng: random.Random, locale: str) -> SynthInvoice:
    pack = pack_for(locale)
    seller_country = pack.country
    language = pack.language
    seller = party(rng, seller_country, seller=True)
    if seller_country in EU and rng.random() < 0.2:
        buyer_country = rng.choice(sorted(EU - {seller_country}))
    else:
        buyer_country = seller_country
    buyer = party(rng, buyer_country, seller=False)
    country = COUNTRIES[seller_country]
    reverse = buyer_country != seller_country and buyer.vat_id is not None
    category: TaxCategory = "AE" if reverse else "S"
    if seller_country == "US":
        rates: tuple[Decimal, ...] = (D(rng.choice(country.rates)),)
    elif rng.random() < 0.25 and len(country.rates) > 1:
        rates = tuple(D(r) for r in country.rates)
    else:
        rates = (D(country.rates[0]),)
    issue = date(2023, 1, 2) + timedelta(days=rng.randrange(0, 365 * 3))
    count = rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 14, 25, 40))
    lines = lines_for(rng, language, rates, category, count)
    doc_rates = sorted({line.tax_rate for line in lines})
    allowances: list[AllowanceCharge] = []
    if rng.random() < 0.15:
        allowances.append(
            AllowanceCharge(
                is_charge=True,
                amount=D(rng.choice(("4.90", "9.50", "12.00", "25.00", "48.00"))),
                reason=FREIGHT[language],
                reason_code="FC",
                tax_rate=doc_rates[-1],
                tax_category=category,
            )
        )
    line_total = sum((line.net for line in lines), D(0))
    if rng.random() < 0.08 and line_total > 50:
        percent = D(rng.choice(("2", "3", "5")))
        base = sum((line.net for line in lines if line.tax_rate == doc_rates[-1]), D(0))
        allowances.append(
            AllowanceCharge(
                is_charge=False,
                amount=cents(base * percent / 100),
                reason=DISCOUNT[language],
                reason_code="95",
                percent=percent,
                base=base,
                tax_rate=doc_rates[-1],
                tax_category=category,
            )
        )
    doc_type: DocType = "credit_note" if rng.random() < 0.1 else "invoice"
    preceding = None
    if doc_type == "credit_note" or rng.random() < 0.03:
        preceding = invoice_number(rng, issue - timedelta(days=rng.randrange(5, 60)))
    po_numbers: list[str] = []
    po_print = None
    if rng.random() < 0.6:
        first, printed = po_number(rng)
        po_numbers.append(first)
        po_print = printed
        if rng.random() < 0.06:
            second, _ = po_number(rng)
            po_numbers.append(second)
            po_print = None
    days = rng.choice((10, 14, 14, 30, 30, 30, 45, 60))
    due = issue + timedelta(days=days) if doc_type == "invoice" and rng.random() < 0.85 else None
    terms = rng.choice(TERMS[language]).format(days=days) if due and rng.random() < 0.6 else None
    notes = [rng.choice(NOTES[language])] if rng.random() < 0.3 else []
    invoice = SynthInvoice(
        doc_type=doc_type,
        number=invoice_number(rng, issue),
        issue_date=issue,
        currency=pack.currency,
        seller=seller,
        buyer=buyer,
        lines=lines,
        due_date=due,
        po_numbers=po_numbers,
        po_print=po_print,
        delivery_note=_fill(rng, rng.choice(("LS-######", "DN######", "#######")))
        if rng.random() < 0.35
        else None,
        preceding_invoice=preceding,
        allowances_charges=allowances,
        notes=notes,
        payment_terms=terms,
        locale=locale,
        exemption_reasons={"AE": REVERSE_CHARGE[language]} if reverse else {},
    )
    if doc_type == "invoice" and rng.random() < 0.08 and invoice.grand_total > 100:
        invoice.prepaid = cents(invoice.grand_total * D(rng.choice(("0.2", "0.3", "0.5"))))
    return invoice


# ------------------------------------------------------------------------------------------------ data sets

FORMATS = ("pdf", "facturx", "ubl", "cii", "scan")


def write_dataset(
    out: Path,
    count: int,
    seed: int,
    *,
    locales: tuple[str, ...] = LOCALES,
    layouts: tuple[str, ...] = LAYOUTS,
    fmt: str = "pdf",
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, object]]:
    """Write ``count`` invoices (document + truth JSON) and a manifest; returns the manifest rows."""
    from evals.synth.render import render_cii, render_facturx, render_pdf, render_ubl, truth

    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for index in range(count):
        locale = locales[index % len(locales)]
        layout = layouts[(index // len(locales) + index) % len(layouts)]
        invoice = random_invoice(rng, locale)
        item = f"s{seed}-{index:04d}-{locale}-{layout}"
        if fmt in ("ubl", "cii"):
            data, suffix = (render_ubl(invoice) if fmt == "ubl" else render_cii(invoice)), ".xml"
        elif fmt == "facturx":
            data, suffix = render_facturx(invoice, layout), ".pdf"
        else:
            data, suffix = render_pdf(invoice, layout, text_layer=fmt != "scan"), ".pdf"
        (out / f"{item}{suffix}").write_bytes(data)
        record = truth(invoice)
        record["_synth"] = {"seed": seed, "index": index, "locale": locale, "layout": layout, "format": fmt}
        (out / f"{item}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        rows.append(
            {"id": item, "document": f"{item}{suffix}", "locale": locale, "layout": layout, "format": fmt}
        )
        if progress:
            progress(index + 1)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.synth.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--locales", default=",".join(LOCALES))
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--format", choices=FORMATS, default="pdf")
    args = parser.parse_args(argv)
    locales = tuple(x for x in args.locales.split(",") if x)
    layouts = tuple(x for x in args.layouts.split(",") if x)
    unknown = [x for x in locales if x not in LOCALES] + [x for x in layouts if x not in LAYOUTS]
    if unknown:
        print(f"unknown locale or layout: {', '.join(unknown)}", file=sys.stderr)
        return 2
    rows = write_dataset(args.out, args.count, args.seed, locales=locales, layouts=layouts, fmt=args.format)
    print(f"wrote {len(rows)} invoices ({args.format}) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
