"""Invoices whose party blocks take the forms real invoices print: national address formats, extra address
lines, and the buyer wherever a page may put it.

Drawn per document (``_synth.factors``): the seller's and the buyer's country (each with its own postal form:
UK postcode on the last line, US "City, ST 12345", NL "1234 AB Town", PL "00-950 Town", SE "123 45 Town",
CZ "110 00 Praha 1", PT "1000-001 Lisboa", DE/AT/CH with or without the country prefix, FR "75002 PARIS CEDEX",
IT "20121 Milano (MI)", ES "28001 Madrid", DK "DK-1620 København V", IE Eircodes); where the seller stands
(``seller_place``: top left, top right, a centred letterhead with the address on one line, named only in the
footer, a letterhead name with the address only in the footer); an extra line in the seller's address
(``seller_extra``: a building name, a floor, a suite or unit, a post-office box instead of the street); the
seller's name over two lines (``seller_lines``); where the buyer stands (``buyer_place``: beside the seller,
under it, in an envelope window); a window envelope's return-address line above the buyer (``return_line``);
labels over the blocks (``labels``); a c/o, department or attention line under the buyer's name
(``buyer_extra``); the buyer's name over two lines (``buyer_lines``); a "Bill to" / "Ship to" pair, either
first, the ship-to naming the buyer's site or another company (``ship``); the buyer's VAT id in its block
(``buyer_vat``); the face (Helvetica, Times).

Producer: evals/parties/pdf.py — pydyf (WeasyPrint's low-level PDF writer) driven directly, standard 14
fonts in WinAnsiEncoding (so names and towns keep to Windows-1252). Truth: the parties fed to the page — the
seller's name, street (with the building / floor / suite line printed above it, or the PO box), postcode,
town and country, VAT id and IBAN; the buyer's name — and the number, date and totals, in the projection
evals/invoices reads.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from evals import _generator
from evals._generator import page_text
from evals.parties import data, pdf
from evals.parties.pdf import FACES, Page, width
from evals.synth21.model import iban as draw_iban
from evals.synth21.model import vat_id as draw_vat_id

GENERATOR = "parties"
DEFAULT_SEED = 2901
LAYOUTS = ("left", "right", "centre", "footer", "head_footer")
CENT = Decimal("0.01")
LEFT, RIGHT_COL, RIGHT_EDGE = 50.0, 330.0, 545.0


class WriterMissing(RuntimeError):
    """pydyf or ReportLab (read for the standard fonts' metrics) is not installed."""


@dataclass
class Party:
    country: str
    name: str
    name_lines: list[str]
    street_lines: list[str]
    street: str
    postcode: str
    city: str
    town_lines: list[str]
    one_line: str
    vat_compact: str | None = None
    vat_printed: str | None = None
    iban: str | None = None
    extra_lines: list[str] = field(default_factory=list)


def company(country: str, rng: random.Random, *, two_lines: bool) -> tuple[str, list[str]]:
    lang, _, forms, _ = data.COUNTRIES[country]
    stem = rng.choice(data.NAME_STEMS[lang])
    trade = rng.choice(data.TRADES[lang])
    form = rng.choice(forms)
    if rng.random() < 0.3:
        stem = f"{stem} & {rng.choice(data.NAME_STEMS[lang])}"
    name = f"{stem} {trade} {form}"
    if not two_lines:
        return name, [name]
    return name, [f"{stem} {trade}", form] if rng.random() < 0.5 else [stem, f"{trade} {form}"]


def town_lines(country: str, code: str, region: str, city: str, rng: random.Random) -> tuple[list[str], str]:
    """How the postcode and town are printed (lines) and the one-line form, in the country's convention."""
    if country == "GB":
        if rng.random() < 0.6:
            return [rng.choice([city, city.upper()]), code], f"{city} {code}"
        return [f"{city} {code}"], f"{city} {code}"
    if country == "IE":
        return ([city, code] if rng.random() < 0.5 else [f"{city} {code}"]), f"{city} {code}"
    if country == "US":
        line = f"{city}, {region} {code}" if rng.random() < 0.8 else f"{city} {region} {code}"
        return [line], line
    if country == "IT":
        line = f"{code} {city} ({region})" if rng.random() < 0.7 else f"{code} {city} {region}"
        return [line], line
    prefix = ""
    if country in ("CH", "AT", "DK", "SE", "DE") and rng.random() < (0.6 if country == "DK" else 0.25):
        prefix = f"{country}-"
    shown = city.upper() if country in ("FR", "NL", "SE") and rng.random() < 0.4 else city
    gap = "  " if country == "NL" and rng.random() < 0.4 else " "
    line = f"{prefix}{code}{gap}{shown}"
    return [line], line


def party(country: str, rng: random.Random, *, two_lines: bool, extra: str) -> Party:
    lang = data.COUNTRIES[country][0]
    w = data.WORDS[lang]
    name, name_lines = company(country, rng, two_lines=two_lines)
    city, head = rng.choice(data.TOWNS[country])
    code, region = data.postcode(country, head, rng)
    street = data.street(country, rng)
    lines = [street]
    if extra == "building":
        lines = [rng.choice(w["building"]), street]
    elif extra == "floor":
        lines = [rng.choice(w["floor"]), street] if lang in ("en", "sv") else [street, rng.choice(w["floor"])]
    elif extra == "suite":
        lines = [street, rng.choice(w["suite"]).format(n=rng.randint(2, 480))]
    elif extra == "pobox":
        lines = [rng.choice(w["pobox"]).format(n=_box_number(lang, rng))]
        if country == "FR":
            city = f"{city} Cedex"
    towns, one = town_lines(
        country, code, region, city.upper() if country == "FR" and extra == "pobox" else city, rng
    )
    p = Party(country, name, name_lines, lines, ", ".join(lines), code, city, towns, ", ".join([*lines, one]))
    if country != "US":
        p.vat_compact, p.vat_printed = draw_vat_id(rng, country)
        p.iban = draw_iban(rng, country)
    return p


def _box_number(lang: str, rng: random.Random) -> str:
    n = rng.randint(10, 99999)
    if lang == "de" and n > 999:
        return f"{n // 100} {n % 100:02d}"
    return str(n)


def money(value: Decimal, lang: str, country: str) -> str:
    sign = "-" if value < 0 else ""
    whole, frac = f"{abs(value):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    if country == "CH":
        return sign + "'".join(groups) + "." + frac
    if lang == "en":
        return sign + ",".join(groups) + "." + frac
    if lang in ("fr", "sv", "cs", "pl"):
        return sign + " ".join(groups) + "," + frac
    return sign + ".".join(groups) + "," + frac


def date_text(day: date, lang: str, country: str) -> str:
    if country == "US":
        return day.strftime("%m/%d/%Y")
    if lang in ("sv",) or (lang == "pl" and day.day % 2):
        return day.isoformat()
    if lang in ("de", "cs", "da", "pl"):
        return day.strftime("%d.%m.%Y")
    if lang == "nl":
        return day.strftime("%d-%m-%Y")
    return day.strftime("%d/%m/%Y")


ITEMS = {
    "en": ["Consulting services", "Maintenance visit", "Replacement parts", "Delivery charge", "Annual licence"],
    "de": ["Beratungsleistung", "Wartung vor Ort", "Ersatzteile", "Versandkosten", "Jahreslizenz"],
    "fr": ["Prestation de conseil", "Intervention de maintenance", "Pièces détachées", "Frais de port", "Licence annuelle"],
    "it": ["Consulenza tecnica", "Intervento di manutenzione", "Ricambi", "Spese di trasporto", "Licenza annuale"],
    "es": ["Servicios de consultoría", "Visita de mantenimiento", "Recambios", "Portes", "Licencia anual"],
    "nl": ["Advieswerkzaamheden", "Onderhoudsbezoek", "Onderdelen", "Verzendkosten", "Jaarlicentie"],
    "pl": ["Usluga doradcza", "Serwis urzadzen", "Czesci zamienne", "Koszty transportu", "Licencja roczna"],
    "sv": ["Konsulttjänster", "Servicebesök", "Reservdelar", "Fraktavgift", "Årslicens"],
    "cs": ["Poradenské sluzby", "Servisní zásah", "Náhradní díly", "Doprava", "Licence na rok"],
    "pt": ["Serviços de consultoria", "Visita de manutenção", "Peças", "Portes de envio", "Licença anual"],
    "da": ["Konsulentydelser", "Servicebesøg", "Reservedele", "Fragt", "Årslicens"],
}  # fmt: skip

COUNTRY_NAMES = {
    "GB": "United Kingdom", "US": "USA", "IE": "Ireland", "DE": "Germany", "AT": "Austria", "CH": "Switzerland",
    "FR": "France", "IT": "Italy", "ES": "Spain", "NL": "Netherlands", "PL": "Poland", "SE": "Sweden",
    "CZ": "Czech Republic", "PT": "Portugal", "DK": "Denmark",
}  # fmt: skip


@dataclass
class Doc:
    lang: str
    layout: str
    seller: Party
    buyer: Party
    ship: Party | None
    number: str
    issued: date
    items: list[tuple[str, Decimal, Decimal]]
    rate: Decimal
    currency: str
    factors: dict[str, str]


def draw(country: str, layout: str, rng: random.Random) -> Doc:
    lang, currency, _, rate = data.COUNTRIES[country]
    f: dict[str, str] = {"seller_country": country, "seller_place": layout}
    f["seller_extra"] = rng.choice(["none", "none", "building", "floor", "suite", "pobox"])
    f["seller_lines"] = rng.choice(["1", "1", "2"])
    others = [c for c in data.COUNTRIES if data.COUNTRIES[c][0] == lang and c != country]
    buyer_country = country if rng.random() < 0.7 or not others else rng.choice(others)
    if rng.random() < 0.15:
        buyer_country = rng.choice(sorted(data.COUNTRIES))
    f["buyer_country"] = buyer_country
    f["buyer_place"] = rng.choice(["beside", "under", "window"])
    f["return_line"] = str(f["buyer_place"] == "window" and rng.random() < 0.7).lower()
    f["labels"] = rng.choice(["none", "buyer", "both"])
    f["buyer_extra"] = rng.choice(["none", "none", "co", "dept", "attn"])
    f["buyer_lines"] = rng.choice(["1", "1", "1", "2"])
    f["ship"] = rng.choice(["none", "none", "none", "ship_after", "ship_before"])
    f["ship_name"] = rng.choice(["site", "other"]) if f["ship"] != "none" else "none"
    f["buyer_vat"] = rng.choice(["false", "true"])
    f["face"] = rng.choice(sorted(FACES))
    seller = party(country, rng, two_lines=f["seller_lines"] == "2", extra=f["seller_extra"])
    buyer = party(buyer_country, rng, two_lines=f["buyer_lines"] == "2", extra="none")
    while set(buyer.name.split()[:2]) & set(seller.name.split()[:2]):  # two parties, two names
        buyer = party(buyer_country, rng, two_lines=f["buyer_lines"] == "2", extra="none")
    w = data.WORDS[lang]
    if f["buyer_extra"] == "co":
        host, _ = company(buyer_country, rng, two_lines=False)
        buyer.extra_lines = [f"{rng.choice(w['co'])} {host}"]
    elif f["buyer_extra"] == "dept":
        buyer.extra_lines = [rng.choice(w["dept"])]
    elif f["buyer_extra"] == "attn":
        buyer.extra_lines = [f"{rng.choice(w['attn'])} {rng.choice(w['person'])}"]
    ship = None
    if f["ship"] != "none":
        ship = party(buyer_country, rng, two_lines=False, extra="none")
        if f["ship_name"] == "site":
            ship.name = buyer.name
            ship.name_lines = [buyer.name]
    issued = date(2026, 1, 1) + timedelta(days=rng.randint(0, 340))
    number = rng.choice([f"INV-{issued.year}-{rng.randint(100, 9999):04d}", f"{issued.year}{rng.randint(1000, 99999)}",
                         f"{rng.randint(10, 999)}/{issued.year}", f"R{rng.randint(100000, 999999)}"])  # fmt: skip
    items = []
    for name in rng.sample(ITEMS[lang], rng.randint(1, 3)):
        qty = Decimal(rng.randint(1, 12))
        price = Decimal(rng.randint(900, 95000)) / 100
        items.append((name, qty, price))
    return Doc(lang, layout, seller, buyer, ship, number, issued, items, Decimal(rate), currency, f)


def totals(d: Doc) -> tuple[Decimal, Decimal, Decimal]:
    net = sum(((q * p).quantize(CENT, ROUND_HALF_UP) for _, q, p in d.items), Decimal(0))
    tax = (net * d.rate / 100).quantize(CENT, ROUND_HALF_UP)
    return net, tax, net + tax


def _contact_lines(p: Party, lang: str, rng: random.Random) -> list[str]:
    w = data.WORDS[lang]
    lines = [
        f"Tel. +{rng.randint(30, 49)} {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    ]
    if p.vat_printed:
        lines.append(f"{rng.choice(w['vat'])}: {p.vat_printed}")
    return lines


def block(page: Page, x: float, y: float, lines: list[tuple[str, str]], size: float) -> float:
    """Lines (text, font) from (x, y) down; returns the y under the block."""
    for text, font in lines:
        page.text(x, y, text, font, size)
        y -= size + 3
    return y


def render(d: Doc, rng: random.Random) -> bytes:
    f, w, lang = d.factors, data.WORDS[d.lang], d.lang
    regular, bold = FACES[f["face"]]
    page = Page()
    s, b = d.seller, d.buyer
    size = 9.5
    seller_lines = [(n, bold) for n in s.name_lines] + [
        (t, regular) for t in [*s.street_lines, *s.town_lines]
    ]
    contacts = _contact_lines(s, lang, rng)
    top = 800.0
    seller_bottom = top
    place = d.layout
    if f["buyer_place"] == "window" and place == "left":
        place = "right"
    if place in ("left", "right"):
        x = LEFT if place == "left" else RIGHT_COL + 20
        if f["labels"] == "both":
            page.text(x, top + 12, rng.choice(w["seller"]), bold, 8)
        seller_bottom = block(page, x, top, [*seller_lines, *((c, regular) for c in contacts)], size)
    elif place == "centre":
        for n, name in enumerate(s.name_lines):
            page.centre(297.5, top - n * 16, name, bold, 15)
        sep = rng.choice([" · ", " | ", ", ", " - "])
        y = top - 16 * len(s.name_lines) - 2
        page.centre(297.5, y, sep.join([*s.street_lines, " ".join(s.town_lines)]), regular, 8.5)
        page.centre(297.5, y - 11, sep.join(contacts), regular, 8.5)
        page.line(LEFT, y - 17, RIGHT_EDGE, y - 17)
        seller_bottom = y - 24
    elif place == "head_footer":
        for n, name in enumerate(s.name_lines):
            page.text(LEFT, top - n * 18, name, bold, 17)
        seller_bottom = top - 18 * len(s.name_lines) - 8
    else:  # footer: the top of the page holds the title only
        page.text(LEFT, top, rng.choice(w["title"]), bold, 18)
        seller_bottom = top - 26
    # the buyer
    buyer_lines = [(n, bold if f["labels"] != "none" else regular) for n in b.name_lines]
    buyer_lines += [(t, regular) for t in [*b.extra_lines, *b.street_lines, *b.town_lines]]
    if b.country != s.country:
        buyer_lines.append((COUNTRY_NAMES[b.country], regular))
    if f["buyer_vat"] == "true" and b.vat_printed:
        buyer_lines.append((f"{rng.choice(w['vat'])}: {b.vat_printed}", regular))
    blocks = [(rng.choice(w["buyer"]), buyer_lines)]
    if d.ship is not None:
        ship_lines = [(n, regular) for n in d.ship.name_lines] + [
            (t, regular) for t in [*d.ship.street_lines, *d.ship.town_lines]
        ]
        ship_block = (rng.choice(w["ship"]), ship_lines)
        blocks = [*blocks, ship_block] if f["ship"] == "ship_after" else [ship_block, *blocks]
    if f["buyer_place"] == "beside" and (
        place == "footer" or (place in ("left", "right") and len(blocks) == 1)
    ):
        y0 = top if place != "footer" else seller_bottom
        xs = [RIGHT_COL, RIGHT_COL + 110] if place == "left" else [LEFT, LEFT + 140]
        if place == "footer":
            xs = [LEFT, RIGHT_COL]
    elif f["buyer_place"] == "window":
        y0 = min(seller_bottom - 14, 700.0)
        xs = [LEFT, RIGHT_COL]
    else:  # under the seller (or beside a letterhead: under it too)
        y0 = seller_bottom - 18
        xs = [LEFT, RIGHT_COL] if place != "right" else [RIGHT_COL + 20, LEFT]
    labels = f["labels"] != "none" or len(blocks) == 2
    if f["return_line"] == "true":
        ret = f"{s.name} · {s.one_line}"
        size_r = 6.5
        while width(ret, regular, size_r) > 240 and size_r > 5:
            size_r -= 0.5
        page.text(xs[0], y0 + 12, ret, regular, size_r)
        page.line(xs[0], y0 + 9, xs[0] + min(width(ret, regular, size_r), 240), y0 + 9, 0.3)
        if labels:
            y0 -= 12
    bottoms = [seller_bottom]
    for (label, lines), x in zip(blocks, xs, strict=False):
        y = y0
        if labels:
            page.text(x, y, label, bold, 8)
            y -= 12
        bottoms.append(block(page, x, y, lines, size))
    # title and facts
    y = min(bottoms) - 24
    if place != "footer":
        page.text(LEFT, y, rng.choice(w["title"]), bold, 16)
        y -= 20
    page.text(LEFT, y, f"{rng.choice(w['number'])}: {d.number}", regular, 9.5)
    page.text(LEFT + 230, y, f"{rng.choice(w['date'])}: {date_text(d.issued, lang, s.country)}", regular, 9.5)
    y -= 26
    # items
    cols = [LEFT, 340.0, 430.0, RIGHT_EDGE]
    page.text(cols[0], y, w["item"][0], bold, 9)
    page.right(cols[1] + 30, y, w["qty"][0], bold, 9)
    page.right(cols[2] + 40, y, w["price"][0], bold, 9)
    page.right(cols[3], y, w["amount"][0], bold, 9)
    page.line(LEFT, y - 4, RIGHT_EDGE, y - 4)
    y -= 17
    for name, qty, price in d.items:
        page.text(cols[0], y, name, regular, 9)
        page.right(cols[1] + 30, y, str(qty), regular, 9)
        page.right(cols[2] + 40, y, money(price, lang, s.country), regular, 9)
        page.right(
            cols[3], y, money((qty * price).quantize(CENT, ROUND_HALF_UP), lang, s.country), regular, 9
        )
        y -= 14
    page.line(LEFT, y + 6, RIGHT_EDGE, y + 6)
    net, tax, total = totals(d)
    rate = f"{d.rate:g}"
    for n, (label, value) in enumerate(
        [
            (rng.choice(w["net"]), net),
            (rng.choice(w["tax"]).format(rate=rate), tax),
            (rng.choice(w["total"]), total),
        ]
    ):
        font = bold if n == 2 else regular
        y -= 14
        page.text(360, y, label, font, 9.5)
        page.right(RIGHT_EDGE, y, f"{money(value, lang, s.country)} {d.currency}", font, 9.5)
    y -= 30
    page.text(LEFT, y, rng.choice(w["thanks"]), regular, 9)
    # the footer
    page.line(LEFT, 82, RIGHT_EDGE, 82, 0.3)
    bank = f"IBAN {s.iban}" if s.iban else f"Routing {rng.randint(10**8, 10**9 - 1)}"
    if place in ("footer", "head_footer"):
        if rng.random() < 0.5:  # three columns
            cols3 = [
                [(n, bold if k == 0 else regular) for k, n in enumerate([s.name])]
                + [(t, regular) for t in [*s.street_lines, *s.town_lines]],
                [(c, regular) for c in contacts],
                [(bank, regular)],
            ]
            for column, x in zip(cols3, (LEFT, 230.0, 390.0), strict=True):
                block(page, x, 70, column, 7.5)
        else:
            sep = rng.choice([" · ", " | ", " - "])
            first = sep.join([s.name, *s.street_lines, " ".join(s.town_lines)])
            page.centre(297.5, 70, first, regular, 7.5)
            page.centre(297.5, 60, sep.join([*contacts, bank]), regular, 7.5)
    else:
        footer = [bank]
        if rng.random() < 0.4:
            footer.insert(0, f"{rng.choice(w['registered'])} {s.one_line}")
        for n, text in enumerate(footer):
            page.centre(297.5, 70 - 10 * n, text, regular, 7.5)
    return pdf.write([page], title=f"{w['title'][0]} {d.number}")


def truth(d: Doc) -> dict[str, Any]:
    net, tax, total = totals(d)
    s = d.seller
    return {
        "invoice_number": d.number,
        "invoice_date": d.issued.isoformat(),
        "document_type": "invoice",
        "currency": d.currency,
        "seller_name": s.name,
        "seller_vat_id": s.vat_compact,
        "seller_iban": s.iban,
        "seller": {
            "name": s.name,
            "street": s.street,
            "postcode": s.postcode,
            "city": s.city,
            "country": s.country,
        },
        "buyer_name": d.buyer.name,
        "buyer": {
            "name": d.buyer.name,
            "vat_id": d.buyer.vat_compact if d.factors["buyer_vat"] == "true" else None,
            "country": d.buyer.country,
        },
        "tax_basis_total": str(net),
        "tax_total": str(tax),
        "grand_total": str(total),
        "due_payable": str(total),
        "line_items": [
            {
                "name": n,
                "quantity": str(q),
                "unit_price": str(p),
                "line_total": str((q * p).quantize(CENT, ROUND_HALF_UP)),
            }
            for n, q, p in d.items
        ],
    }


def fingerprint() -> str:
    return _generator.fingerprint("parties", borrowed=["synth21/model.py"])


def write_dataset(
    out: Path, count: int, seed: int = DEFAULT_SEED, *, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    try:
        import pydyf  # noqa: F401
        import reportlab  # noqa: F401  (the standard fonts' metrics)
        import stdnum  # noqa: F401  (valid VAT ids and IBANs)
    except ImportError as error:
        raise WriterMissing(f"{error.name} is not installed") from error
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for index, (layout, country) in enumerate(
        _generator.plan(GENERATOR, count, seed, LAYOUTS, sorted(data.COUNTRIES))
    ):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        d = draw(country, layout, rng)
        document = render(d, rng)
        item = f"p{seed}-{index:04d}-{country.lower()}-{layout}"
        (out / f"{item}.pdf").write_bytes(document)
        record = truth(d)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": d.lang, "layout": layout,
                            "format": "pdf", "factors": dict(d.factors)}  # fmt: skip
        _generator.write_truth(out, item, record)
        s = d.seller
        printed = {
            "vendor": [s.name, " ".join(s.name_lines)],
            "buyer": [d.buyer.name, " ".join(d.buyer.name_lines)],
            "vendor_vat_id": [s.vat_printed or ""] if s.vat_printed else [],
            "vendor_iban": [s.iban] if s.iban else [],
            **{f"vendor_address:{n}": [line] for n, line in enumerate([*s.street_lines, *s.town_lines])},
        }
        found = _generator.not_on_page({k: v for k, v in printed.items() if v}, page_text(document))
        missing = sorted({name.split(":")[0] for name in found})
        rows.append(_generator.manifest_row(item, locale=d.lang, layout=layout, kind="typed", factors=d.factors,
                                            missing=missing, implied=[]))  # fmt: skip
        if progress:
            progress(index + 1)
    _generator.write_manifest(out, rows)
    return rows
