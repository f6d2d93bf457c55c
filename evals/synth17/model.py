"""The seventeenth generator's abstract document: who sells to whom, what, for how much, and how this
document writes numbers, dates and money. ``draw`` makes one from a language, a layout and a random source."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from evals.synth17.people import COUNTRY, DATA, TaxIds, iban, tax_ids
from evals.synth17.words import DATES, MARKS, MONTHS, NUMBERS, L

CENT = Decimal("0.01")

RATES = {"IT": ("22", "10", "4"), "CH": ("8.1", "2.6"), "PL": ("23", "8", "5"), "PT": ("23", "13", "6"),
         "SE": ("25", "12", "6"), "DK": ("25",), "CZ": ("21", "12"), "HU": ("27", "18", "5"),
         "RO": ("21", "11"), "TR": ("20", "10", "1"), "FI": ("25.5", "14"), "GB": ("20", "5"),
         "US": ("8.25", "6.5", "7")}  # fmt: skip

CURRENCY = {"IT": "EUR", "CH": "CHF", "PL": "PLN", "PT": "EUR", "SE": "SEK", "DK": "DKK", "CZ": "CZK",
            "HU": "HUF", "RO": "RON", "TR": "TRY", "FI": "EUR", "GB": "GBP", "US": "USD"}  # fmt: skip

ITEMS: dict[str, list[tuple[str, int, int]]] = {
    # (description, low price, high price) in the currency's main unit (scaled for HUF, CZK, SEK …)
    "it": [("Manodopera idraulico", 35, 55), ("Sostituzione miscelatore lavabo", 60, 140),
           ("Tubo multistrato 20 mm (m)", 3, 9), ("Consulenza tecnica", 70, 120), ("Canone assistenza mensile", 40, 300),
           ("Fornitura pannelli in legno", 20, 80), ("Trasporto e consegna", 25, 90), ("Licenza software annuale", 150, 900),
           ("Stampa brochure A4 (500 pz)", 180, 420), ("Sopralluogo tecnico", 50, 100), ("Vernice lavabile bianca 14 l", 40, 95)],
    "pl": [("Usługa montażu", 150, 900), ("Robocizna (godz.)", 80, 160), ("Rura PEX 16 mm (mb)", 4, 12),
           ("Abonament serwisowy", 200, 1200), ("Projekt graficzny", 600, 3500), ("Transport", 100, 400),
           ("Szafka kuchenna wisząca", 350, 1100), ("Licencja oprogramowania", 400, 3000), ("Przegląd techniczny", 150, 500),
           ("Farba lateksowa 10 l", 90, 260), ("Konsultacja", 200, 600)],
    "pt": [("Mão de obra", 25, 45), ("Substituição de torneira", 45, 120), ("Deslocação", 15, 40),
           ("Manutenção mensal", 60, 250), ("Desenvolvimento de website", 400, 2500), ("Transporte", 30, 120),
           ("Cadeira de escritório", 90, 300), ("Licença anual de software", 120, 800), ("Impressão de cartões de visita", 25, 90),
           ("Tinta plástica branca 15 L", 35, 80), ("Consultoria técnica", 60, 110)],
    "sv": [("Arbetstid", 450, 850), ("Byte av blandare", 900, 2500), ("Resekostnad", 150, 450),
           ("Serviceavtal månad", 500, 2500), ("Webbdesign", 4000, 25000), ("Frakt", 99, 590),
           ("Kontorsstol", 1200, 4500), ("Programlicens år", 1500, 9000), ("Tryck av visitkort", 300, 900),
           ("Målarfärg 10 l", 400, 1100), ("Konsulttimmar", 800, 1400)],
    "da": [("Arbejdsløn", 450, 750), ("Udskiftning af armatur", 800, 2400), ("Kørsel", 150, 450),
           ("Serviceaftale pr. måned", 400, 2200), ("Webdesign", 3500, 20000), ("Fragt", 79, 495),
           ("Kontorstol", 1100, 4200), ("Softwarelicens, år", 1200, 8000), ("Tryk af visitkort", 250, 800),
           ("Maling 10 l", 350, 950), ("Konsulenttimer", 750, 1300)],
    "cs": [("Montážní práce", 450, 900), ("Výměna baterie", 900, 2800), ("Doprava", 250, 900),
           ("Servisní paušál", 1500, 8000), ("Tvorba webových stránek", 8000, 45000), ("Poštovné", 89, 250),
           ("Kancelářská židle", 2500, 9000), ("Licence software (1 rok)", 3000, 20000), ("Tisk vizitek", 500, 1800),
           ("Barva interiérová 15 kg", 600, 1600), ("Konzultace", 900, 2200)],
    "hu": [("Munkadíj", 8000, 15000), ("Csaptelep csere", 15000, 45000), ("Kiszállási díj", 5000, 12000),
           ("Havi karbantartási díj", 20000, 90000), ("Weboldal készítés", 150000, 900000), ("Szállítási díj", 1500, 6000),
           ("Irodai szék", 30000, 120000), ("Szoftverlicenc (éves)", 40000, 250000), ("Névjegykártya nyomtatás", 6000, 25000),
           ("Falfesték 10 l", 9000, 25000), ("Tanácsadás", 15000, 40000)],
    "ro": [("Manoperă", 80, 200), ("Înlocuire baterie", 150, 450), ("Transport", 50, 200),
           ("Abonament mentenanță", 300, 1500), ("Realizare site web", 2000, 12000), ("Taxă livrare", 15, 40),
           ("Scaun de birou", 400, 1500), ("Licență software anuală", 600, 4000), ("Tipărire cărți de vizită", 100, 400),
           ("Vopsea lavabilă 15 l", 150, 400), ("Consultanță", 250, 700)],
    "tr": [("İşçilik", 800, 2500), ("Batarya değişimi", 1500, 4500), ("Nakliye", 500, 2000),
           ("Aylık bakım hizmeti", 2500, 15000), ("Web sitesi tasarımı", 20000, 120000), ("Kargo ücreti", 80, 300),
           ("Ofis koltuğu", 4000, 15000), ("Yazılım lisansı (yıllık)", 6000, 40000), ("Kartvizit baskı", 800, 2500),
           ("İç cephe boyası 15 lt", 1500, 4000), ("Danışmanlık", 3000, 8000)],
    "fi": [("Työ", 45, 75), ("Hanan vaihto", 90, 250), ("Matkakulut", 20, 60),
           ("Ylläpitosopimus / kk", 50, 300), ("Verkkosivujen suunnittelu", 500, 3000), ("Toimituskulut", 9, 35),
           ("Työtuoli", 150, 450), ("Ohjelmistolisenssi (vuosi)", 200, 1200), ("Käyntikorttien painatus", 40, 120),
           ("Sisämaali 9 l", 45, 110), ("Konsultointi", 90, 150)],
    "en": [("Labour", 35, 65), ("Replace kitchen tap", 80, 220), ("Call-out charge", 40, 90),
           ("Monthly support retainer", 150, 900), ("Website design", 600, 4500), ("Delivery", 8, 35),
           ("Office chair", 120, 450), ("Annual software licence", 200, 1500), ("Business cards (500)", 35, 120),
           ("Emulsion paint 10L", 30, 75), ("Consultancy (hours)", 75, 140)],
}  # fmt: skip

SAAS = ["Pro plan", "Business plan", "Team plan", "Starter plan", "Premium", "Growth plan"]
SAAS_EXTRA = ["Additional seats", "Extra storage 100 GB", "Priority support", "API usage"]
BRANDS = ["Cloudly", "Taskora", "Mailwise", "Pixelbox", "Shiftly", "Formbase", "Notably", "Bookwell"]


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    town: str
    country: str
    person: bool = False
    ids: TaxIds | None = None
    iban: str | None = None
    phone: str = ""
    email: str = ""
    owner: str = ""

    def city_line(self) -> str:
        if self.country == "GB":
            return f"{self.town} {self.postcode}"
        if self.country == "US":
            return f"{self.town} {self.postcode}"
        return f"{self.postcode} {self.town}"


@dataclass
class Line:
    name: str
    qty: Decimal
    unit: str
    price: Decimal
    rate: str
    total: Decimal
    """Net (or gross when the document prices gross)."""


@dataclass
class Doc:
    lang: str
    region: str
    """Words/format key: the language, "en-GB", "en-US", "it-CH"."""
    layout: str
    rng: random.Random
    seller: Party
    buyer: Party | None
    number: str
    issued: date
    due: date | None
    currency: str
    lines: list[Line]
    gross: bool
    net: Decimal
    tax: Decimal
    taxes: list[tuple[str, Decimal, Decimal]]
    total: Decimal
    paid: Decimal
    due_amount: Decimal
    credit: bool
    words: dict[str, str] = field(default_factory=dict)
    """The label drawn for each key (one per document)."""
    date_pattern: str = ""
    number_format: tuple[str, str] = (",", ".")
    mark: tuple[str, bool] = ("€", False)
    factors: dict[str, str] = field(default_factory=dict)
    order_no: str = ""
    customer_no: str = ""
    original: tuple[str, date] | None = None
    paid_on: date | None = None
    terms_days: int = 30
    brand: str = ""

    # --- formatting -----------------------------------------------------------------------------------
    def w(self, key: str) -> str:
        """This document's label for ``key`` (drawn once)."""
        if key not in self.words:
            options = L[self.lang].get(key, L["en"].get(key, key))
            self.words[key] = options if isinstance(options, str) else self.rng.choice(options)
        return self.words[key]

    def d(self, day: date | None, pattern: str | None = None) -> str:
        if day is None:
            return ""
        months = MONTHS[self.lang]
        return (pattern or self.date_pattern).format(
            d=day.day, dd=f"{day.day:02d}", m=day.month, mm=f"{day.month:02d}", yyyy=day.year,
            mon=months[day.month - 1], mon3=months[day.month - 1][:3],
        )  # fmt: skip

    def num(self, value: Decimal, places: int | None = None) -> str:
        places = (0 if self.currency == "HUF" else 2) if places is None else places
        dec, grp = self.number_format
        q = value.quantize(Decimal(1) if places == 0 else Decimal(1).scaleb(-places), ROUND_HALF_UP)
        sign = "-" if q < 0 else ""
        whole, _, frac = f"{abs(q):f}".partition(".")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        text = grp.join(groups) if len(groups) > 1 else groups[0]
        return sign + text + (dec + frac if places else "")

    def money(self, value: Decimal, mark: bool = True) -> str:
        text = self.num(value)
        if not mark:
            return text
        sign, before = self.mark
        if before:
            sep = "" if sign in ("£", "$", "€", "₺") else " "
            return f"-{sign}{sep}{text[1:]}" if text.startswith("-") else f"{sign}{sep}{text}"
        return f"{text} {sign}"

    def qty(self, value: Decimal) -> str:
        return self.num(value, 0 if value == value.to_integral() else 2)

    def rate(self, rate: str) -> str:
        dec = self.number_format[0]
        return rate.replace(".", dec)


def _round(value: Decimal, currency: str) -> Decimal:
    return value.quantize(Decimal(1) if currency == "HUF" else CENT, ROUND_HALF_UP)


def _person(rng: random.Random, country: str) -> str:
    data = DATA[country]
    first, last = rng.choice(data["first"]), rng.choice(data["surnames"])
    if country == "HU":
        return f"{last} {first}"
    if country in ("PL", "CZ") and first.endswith("a") and last.endswith(("ski", "cki")):
        last = last[:-1] + "a"
    if country == "CZ" and first.endswith("a") and not last.endswith("á"):
        last = last.rstrip("ý") + ("á" if last.endswith("ý") else "ová")
    return f"{first} {last}"


def company(rng: random.Random, country: str, craft: bool = False) -> tuple[str, str]:
    """(name, owner): a company with its country's legal form, or a craftsman's trade name."""
    data = DATA[country]
    surname = rng.choice(data["surnames"])
    if craft:
        owner = _person(rng, country)
        trade = rng.choice(data["crafts"])
        if country == "IT":
            return rng.choice([f"{trade} {owner.split()[-1]} di {owner}", f"{trade} {owner}"]), owner
        if country in ("PL", "CZ", "HU", "RO", "TR", "PT"):
            return f"{trade} {owner}", owner
        if country in ("SE", "DK", "FI"):
            form = {"SE": "", "DK": "", "FI": " Tmi"}[country]
            return (
                f"{owner.split()[-1]}s {trade}{form}"
                if country != "FI"
                else f"{trade} {owner.split()[-1]}{form}",
                owner,
            )
        return f"{owner} {trade}", owner
    form = rng.choice(data["forms"])
    trade = rng.choice(data["trades"])
    patterns = [f"{surname} {trade} {form}", f"{trade} {surname} {form}"]
    if country in ("RO",):
        patterns = [f"{surname.upper()} {trade.upper()} {form}", f"{trade} {surname} {form}"]
    if country in ("SE", "DK", "FI", "GB", "US"):
        patterns = [
            f"{surname}s {trade} {form}" if country in ("SE", "DK") else f"{surname} {trade} {form}",
            f"{rng.choice(['Nord', 'Nordic', 'Apex', 'Bright', 'North', 'Meridian'])} {trade} {form}",
        ]
    if country == "HU":
        patterns = [
            f"{surname} és Társa {trade} {form}",
            f"{rng.choice(['Duna', 'Tisza', 'Alföld', 'Mátra'])}-{trade} {form}",
        ]
    if country == "TR":
        patterns = [
            f"{surname} {trade} {form}",
            f"{rng.choice(['Anadolu', 'Ege', 'Marmara', 'Toros'])} {trade} {form}",
        ]
    return rng.choice(patterns), ""


DIAL = {"IT": 39, "CH": 41, "PL": 48, "PT": 351, "SE": 46, "DK": 45, "CZ": 420, "HU": 36, "RO": 40, "TR": 90,
        "FI": 358, "GB": 44, "US": 1}  # fmt: skip


def party(rng: random.Random, country: str, *, person: bool = False, craft: bool = False) -> Party:
    data = DATA[country]
    if person:
        name, owner = _person(rng, country), ""
    else:
        name, owner = company(rng, country, craft)
    postcode, town = rng.choice(data["towns"])
    street = rng.choice(data["streets"])
    if country not in ("TR", "GB", "US"):
        street = (
            f"{street} {rng.randint(1, 140)}"
            if country not in ("PL",)
            else f"{street} {rng.randint(1, 140)}{rng.choice(['', '', '/' + str(rng.randint(1, 40))])}"
        )
    slug = "".join(c for c in name.split()[0].lower() if c.isascii() and c.isalpha()) or "firma"
    tld = {"GB": "co.uk", "US": "com", "CH": "ch"}.get(country, country.lower())
    return Party(name=name, street=street, postcode=postcode, town=town, country=country, person=person,
                 phone=f"+{DIAL[country]} {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
                 email=f"{rng.choice(['info', 'office', 'kontakt', 'billing', 'mail'])}@{slug}.{tld}", owner=owner)  # fmt: skip


def number_for(rng: random.Random, country: str, year: int, credit: bool) -> str:
    n = rng.randint(1, 2400)
    forms = {
        "IT": [f"{n}/{year}", f"{n:04d}/{str(year)[2:]}", f"FPR {n}/{str(year)[2:]}", f"{year}/{n:05d}"],
        "CH": [f"{year}-{n:04d}", f"F{n:05d}"],
        "PL": [
            f"FV/{n}/{rng.randint(1, 12):02d}/{year}",
            f"FA {n}/{year}",
            f"{n}/{rng.randint(1, 12):02d}/{year}",
            f"FS/{year}/{n:04d}",
        ],
        "PT": [f"FT {year}/{n}", f"FT A/{n}", f"FT {year}A1/{n}", f"FR {year}/{n:04d}"],
        "SE": [str(10000 + n), f"F-{year}-{n:04d}", str(n + 2000)],
        "DK": [str(10000 + n), f"{year}-{n:04d}", str(n + 100)],
        "CZ": [f"{year}{n:06d}", f"FV-{year}-{n:04d}", f"{str(year)[2:]}0{n:05d}"],
        "HU": [f"SZ-{year}/{n:05d}", f"{rng.choice(['ABC', 'KLM', 'E'])}-{year}-{n}", f"{year}/{n:06d}"],
        "RO": [
            f"{rng.choice(['BV', 'CJ', 'FCT', 'ABC'])} {n:04d}",
            f"{rng.choice(['FV', 'B'])}-{n:05d}",
            f"{n:07d}",
        ],
        "TR": [f"{rng.choice(['GIB', 'ABC', 'EAR', 'FTR'])}{year}{n:09d}", f"A-{n:06d}"],
        "FI": [str(1000 + n), f"{year}-{n:03d}", str(20000 + n)],
        "GB": [f"INV-{n:04d}", f"{n + 1000}", f"INV{year}{n:03d}"],
        "US": [f"{n + 1000}", f"INV-{n + 10000}", f"{year}-{n:04d}"],
    }[country]
    value = rng.choice(forms)
    if credit:
        value = {"PT": value.replace("FT", "NC").replace("FR", "NC"), "PL": value.replace("FV", "FK").replace("FA", "KOR").replace("FS", "KS")}.get(
            country, rng.choice([f"CN-{n:04d}", f"K{value}", f"{value}-K"]) if country in ("GB", "US", "SE", "DK", "FI") else f"{value}"
        )  # fmt: skip
        if value.startswith(("CN-",)) and country not in ("GB", "US"):
            value = value.replace("CN-", "KR-")
    return value


def draw(lang: str, layout: str, rng: random.Random) -> Doc:
    """One document of ``layout`` in ``lang``: parties, items, money and this document's formats."""
    country = COUNTRY.get(lang) or rng.choice(["GB", "GB", "US"])
    if lang == "it" and rng.random() < 0.2:
        country = "CH"
    if layout == "us_statement" and lang == "en":
        country = "US"
    region = {"GB": "en-GB", "US": "en-US", "CH": "it-CH"}.get(country, lang)
    currency = CURRENCY[country]
    if country in ("PL", "CZ", "HU", "RO") and layout == "b2b_two_column" and rng.random() < 0.3:
        currency = "EUR"
    if country == "TR" and layout == "b2b_two_column" and rng.random() < 0.3:
        currency = rng.choice(["USD", "EUR"])
    if country == "GB" and layout == "saas_receipt" and rng.random() < 0.4:
        currency = "USD"
    credit = layout == "credit_note"
    craft = layout == "letterhead"
    seller = party(rng, country, craft=craft)
    seller.ids = tax_ids(rng, country, L[lang])
    if layout == "saas_receipt":
        brand = rng.choice(BRANDS)
        seller.name = (
            f"{brand} {rng.choice(DATA[country]['forms'])}" if country not in ("US",) else f"{brand}, Inc."
        )
        seller.email = f"billing@{brand.lower()}.com"
    if country != "US":
        seller.iban = iban(rng, country) if layout not in ("retail_receipt", "saas_receipt") else None
    buyer_person = layout in ("retail_receipt",) or (
        layout in ("letterhead", "saas_receipt") and rng.random() < 0.5
    )
    buyer = None if layout == "retail_receipt" else party(rng, country, person=buyer_person)
    year = rng.choice([2025, 2026])
    issued = date(year, rng.randint(1, 12), rng.randint(1, 28))
    gross = layout == "retail_receipt" or (layout == "saas_receipt" and rng.random() < 0.3)
    terms = rng.choice([14, 14, 30, 30, 60]) if country != "US" else rng.choice([15, 30, 30, 45])
    due = None if layout in ("retail_receipt", "credit_note") else issued + timedelta(days=terms)
    if layout == "saas_receipt" and rng.random() < 0.5:
        due = None
    rates = RATES[country]
    pool = ITEMS[lang if lang in ITEMS else "en"]
    count = {
        "multipage": rng.randint(34, 60),
        "retail_receipt": rng.randint(3, 9),
        "saas_receipt": rng.randint(1, 3),
    }.get(layout, rng.randint(2, 7))
    scale = Decimal(1)
    if currency == "EUR" and country in ("PL", "CZ", "HU", "RO"):
        scale = Decimal({"PL": "0.23", "CZ": "0.04", "HU": "0.0026", "RO": "0.2"}[country])
    if currency in ("USD", "EUR") and country == "TR":
        scale = Decimal("0.03")
    if currency == "USD" and country == "GB":
        scale = Decimal("1.25")
    lines = []
    for i in range(count):
        if layout == "saas_receipt":
            name = (
                rng.choice(SAAS) + (f" – {rng.choice(['monthly', 'annual'])}" if i == 0 else "")
                if i == 0
                else rng.choice(SAAS_EXTRA)
            )
            low, high = 9, 400
            if currency in ("SEK", "DKK", "CZK"):
                low, high = low * 10, high * 10
            if currency in ("HUF",):
                low, high = low * 350, high * 350
            if currency in ("TRY",):
                low, high = low * 35, high * 35
            if currency == "PLN":
                low, high = low * 4, high * 4
            if currency == "RON":
                low, high = low * 5, high * 5
        else:
            name, low, high = rng.choice(pool)
        if layout == "multipage":
            name = f"{name} ({rng.choice('ABCDEFGHJK')}{rng.randint(10, 999)})"
        price = Decimal(rng.randint(low * 100, high * 100)) / 100 * scale
        price = _round(price if currency != "HUF" else price.to_integral(), currency)
        if price <= 0:
            price = Decimal("1.00")
        qty = (
            Decimal(rng.choice([1, 1, 1, 2, 3, 4, 5, 8, 10, 12]))
            if "(m" not in name and "(mb" not in name
            else Decimal(rng.randint(2, 40))
        )
        if rng.random() < 0.1 and layout not in ("retail_receipt", "saas_receipt"):
            qty = Decimal(rng.choice(["1.5", "2.5", "0.5", "7.25"]))
        rate = rates[0] if rng.random() < 0.8 or layout == "saas_receipt" else rng.choice(rates)
        lines.append(Line(name, qty, L[lang]["pcs"], price, rate, _round(qty * price, currency)))
    if country == "US":
        taxable_rate = rates[0]
        for line in lines:
            line.rate = taxable_rate
    by_rate: dict[str, Decimal] = {}
    for line in lines:
        by_rate[line.rate] = by_rate.get(line.rate, Decimal(0)) + line.total
    taxes = []
    for rate, base in sorted(by_rate.items(), key=lambda kv: -Decimal(kv[0])):
        r = Decimal(rate) / 100
        if gross:  # prices include the tax: the base is what remains
            tax = _round(base * r / (1 + r), currency)
            taxes.append((rate, base - tax, tax))
        else:
            taxes.append((rate, base, _round(base * r, currency)))
    net = sum((t[1] for t in taxes), Decimal(0))
    tax = sum((t[2] for t in taxes), Decimal(0))
    total = net + tax
    paid = Decimal(0)
    if layout == "partial_payment":
        paid = _round(total * Decimal(rng.choice(["0.3", "0.5", "0.25", "0.4"])), currency)
    if layout == "saas_receipt" and due is None:
        paid = total
    if layout == "us_statement" and rng.random() < 0.5:
        paid = _round(total * Decimal(rng.choice(["0.2", "0.5"])), currency)
    doc = Doc(lang=lang, region=region, layout=layout, rng=rng, seller=seller, buyer=buyer,
              number=number_for(rng, country, year, credit), issued=issued, due=due, currency=currency, lines=lines,
              gross=gross, net=net, tax=tax, taxes=taxes, total=total, paid=paid, due_amount=total - paid, credit=credit,
              terms_days=terms)  # fmt: skip
    doc.date_pattern = rng.choice(DATES[region if region in DATES else lang])
    doc.number_format = rng.choice(NUMBERS.get(region, NUMBERS.get(lang, ((",", "."),))))
    marks = MARKS[currency]
    if currency == "EUR" and lang in ("it", "pt") and rng.random() < 0.3:
        marks = (("€", True),)
    doc.mark = rng.choice(marks)
    if layout == "retail_receipt" or (layout == "saas_receipt" and due is None):
        doc.paid_on = issued
    if paid and layout != "saas_receipt":
        doc.paid_on = (
            issued + timedelta(days=rng.randint(0, 5))
            if rng.random() < 0.5
            else issued - timedelta(days=rng.randint(3, 20))
        )
    if credit:
        orig = issued - timedelta(days=rng.randint(5, 60))
        doc.original = (number_for(rng, country, orig.year, False), orig)
    doc.order_no = f"{rng.choice(['PO', 'ORD', '', 'Z'])}{rng.randint(1000, 99999)}"
    doc.customer_no = f"{rng.randint(10000, 99999)}"
    return doc


def truth_party(p: Party | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"name": p.name, "street": p.street, "postcode": p.postcode, "city": p.town, "country": p.country,
            "vat_id": p.ids.vat if p.ids else None, "iban": p.iban}  # fmt: skip
