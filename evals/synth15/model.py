"""What one evals/synth15 document says: an invoice or receipt as web shops, marketplaces, software and
hosting firms, payment services, carriers and ticket sellers send it — an order confirmation that is the
invoice, a receipt of a card payment, a marketplace invoice under the platform's brand naming the seller, a
hosting or domain invoice, a travel or event e-ticket invoice, an invoice pasted into an e-mail — with its
order number, customer number and transaction id beside the invoice number, the order date beside the
invoice date, and paid-already receipts. Then how it was printed: from a browser with its own header and
footer (print date, page title, URL, page counter), or from a mail client's print view (a header block,
a forwarded message, a quoted reply). Factors are drawn per document and recorded in its truth
(``_synth.factors``). Money is Decimal."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from evals.synth14.model import BICS, Party, draw_iban, draw_vat
from evals.synth15.words import LANGS, TLDS

CENT = Decimal("0.01")

GENRES: dict[str, dict[str, Any]] = {
    # per layout: the items it charges, the words its seller's name is made of, who heads the page
    "shop_confirmation": {"items": "products", "kind": "shop", "head": "brand"},
    "shop_account": {"items": "products", "kind": "shop", "head": "brand"},
    "shop_thanks": {"items": "products", "kind": "shop", "head": "brand"},
    "marketplace": {"items": "products", "kind": "shop", "head": "platform"},
    "marketplace_side": {"items": "products", "kind": "shop", "head": "platform"},
    "saas_receipt": {"items": "saas", "kind": "saas", "head": "brand"},
    "saas_invoice": {"items": "saas", "kind": "saas", "head": "brand"},
    "hosting": {"items": "hosting", "kind": "hosting", "head": "brand"},
    "domain": {"items": "domain", "kind": "hosting", "head": "brand"},
    "train_ticket": {"items": "train", "kind": "travel", "head": "brand"},
    "travel_booking": {"items": "trip", "kind": "travel", "head": "brand"},
    "event_ticket": {"items": "event", "kind": "event", "head": "brand"},
    "payment_receipt": {"items": "products", "kind": "shop", "head": "processor"},
    "mail_pasted": {"items": "mixed", "kind": "saas", "head": "brand"},
    "app_receipt": {"items": "saas", "kind": "saas", "head": "brand"},
    "renewal_notice": {"items": "hosting", "kind": "hosting", "head": "brand"},
}

KINDS = {"shop": ("Home", "Store", "Trading", "Design", "Outdoor"), "saas": ("Software", "Cloud", "Labs", "Digital"),
         "hosting": ("Hosting", "Net", "Web Services", "Datacenter"), "travel": ("Rail", "Bus Lines", "Travel", "Express"),
         "event": ("Events", "Tickets", "Live", "Arena")}  # fmt: skip
BRANDS = (
    "Lumio",
    "Nexa",
    "Kubix",
    "Zenka",
    "Orbis",
    "Flowa",
    "Vendra",
    "Quilo",
    "Tavio",
    "Brisk",
    "Mondo",
    "Pixa",
)
PLATFORMS = ("Marketly", "Bazaro", "Shopnia", "Kaufhub", "Merkado", "Tradezy")
PROCESSORS = ("PayZo", "Payvia", "Checkly", "Paynode", "Clearpay One", "Swiftly Pay")
MAILERS = ("mailbox.example", "postino.example", "webpost.example")
PLANS = ("Starter", "Team", "Pro", "Business", "Growth")

FACTORS: dict[str, tuple[str, ...]] = {
    "frame": ("browser", "browser", "mail", "forward", "reply"),
    # The producer: a page printed from the browser; or a mail client's print view of the message carrying
    # the invoice, of that message forwarded (a forwarded-message block under a new header), or of a reply
    # that quotes it.
    "header_footer": ("on", "on", "off"),
    # The browser's own print header and footer (print date and page title above, URL and "1/2" below);
    # always on for the browser frame.
    "mail_client": ("thunderbird", "outlook", "webmail"),
    "paid": ("no", "no", "due0", "stamp"),
    # Unpaid (a due date); paid with an amount due of 0.00 printed; paid, said only by a stamp and the amount
    # paid (the amount due 0 implied).
    "prices": ("net", "gross"),
    # Lines net with the VAT added, or gross (B2C) with the VAT included in the total.
    "brand": ("none", "contained", "different"),
    "buyer_kind": ("person", "person", "company"),
    "ship_to": ("same", "other"),
    # A delivery address for the billing name or for someone else.
    "ids": ("few", "many"),
    # The invoice number with the order number only, or with customer number and transaction id too.
    "order_date": ("yes", "no"),
    "currency_sign": ("sign", "code"),
    "vat_id": ("yes", "yes", "no"),
    "iban": ("yes", "no", "no"),
    "paper": ("a4", "a4", "letter"),
}


@dataclass
class Line:
    pos: int
    text: str
    quantity: Decimal
    price: Decimal

    @property
    def net(self) -> Decimal:
        """The line's amount as printed (gross where the prices are)."""
        return (self.quantity * self.price).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Doc15:
    lang: str
    layout: str
    w: dict[str, Any]
    factors: dict[str, str]
    seller: Party
    brand: str | None
    platform: str | None
    buyer: Party
    ship_name: str
    number: str
    issue: date
    due: date | None
    order_no: str
    order_date: date
    customer_no: str
    txn: str
    lines: list[Line]
    vat_rate: Decimal | None
    printed_at: datetime
    mailed_at: datetime
    card: str
    domain: str
    seller_mail: str
    buyer_mail: str
    pick: dict[str, str] = field(default_factory=dict)

    @property
    def currency(self) -> str:
        return str(self.w["currency"])

    @property
    def gross(self) -> bool:
        return self.factors["prices"] == "gross"

    @property
    def paid(self) -> bool:
        return self.factors["paid"] != "no"

    @property
    def lines_sum(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal(0))

    @property
    def tax(self) -> Decimal:
        if self.vat_rate is None:
            return Decimal("0.00")
        if self.gross:
            return (self.lines_sum * self.vat_rate / (100 + self.vat_rate)).quantize(CENT, ROUND_HALF_UP)
        return (self.lines_sum * self.vat_rate / 100).quantize(CENT, ROUND_HALF_UP)

    @property
    def net(self) -> Decimal:
        return self.lines_sum - self.tax if self.gross else self.lines_sum

    @property
    def total(self) -> Decimal:
        return self.net + self.tax

    @property
    def amount_due(self) -> Decimal:
        return Decimal("0.00") if self.paid else self.total

    @property
    def shown_name(self) -> str:
        """The name the shop goes by on its pages (its brand, else its legal name)."""
        return self.brand or self.seller.name

    def short(self, day: date) -> str:
        return str(self.w["short"]).format(d=day.day, m=day.month, y=day.year)

    def stamp(self, moment: datetime) -> str:
        """A moment as the browser's print header writes it in this language."""
        hour12 = moment.hour % 12 or 12
        return str(self.w["stamp"]).format(d=moment.day, m=moment.month, y=moment.year, yy=f"{moment.year % 100:02d}",
                                           H=moment.hour, M=moment.minute, h=hour12,
                                           ap="AM" if moment.hour < 12 else "PM")  # fmt: skip

    def bare(self, value: Decimal) -> str:
        whole, frac = f"{abs(value):.2f}".split(".")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        sign = "-" if value < 0 else ""
        return sign + str(self.w["group"]).join([whole, *groups]) + str(self.w["decimal"]) + frac

    def money(self, value: Decimal) -> str:
        number, w = self.bare(value), self.w
        mark = w["currency"] if self.factors["currency_sign"] == "code" else w["sign"]
        if w["sign_before"]:
            return f"{mark}{number}" if mark in ("£", "$") else f"{mark} {number}"
        return f"{number} {mark}"


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def _person(w: dict[str, Any], rng: random.Random) -> str:
    from evals.synth14.model import _agree

    first, last = rng.choice(w["first"]), rng.choice(w["last"])
    return f"{first} {_agree(str(w['country']), first, last)}"


def _address(w: dict[str, Any], rng: random.Random) -> tuple[str, str, str]:
    city, postcode = rng.choice(w["cities"])
    return str(rng.choice(w["streets"])).format(n=rng.randint(2, 96)), postcode, city


def slug(name: str) -> str:
    """A name as a mail address or a domain spells it (accents dropped)."""
    plain = unicodedata.normalize(
        "NFKD", name.casefold().replace("ı", "i").replace("ø", "o").replace("æ", "ae")
    )
    return "".join(c for c in plain if c.isascii() and c.isalnum()) or "shop"


NUMBERS = ("INV-{y}-{d6}", "{d10}", "{y}{d6}", "R{d8}", "{L}{L}-{d5}", "{H8}-{d4}", "FV/{y}/{d5}", "{yy}{d7}")
ORDERS = ("{d9}", "#{d5}", "{d3}-{d7}-{d7}", "ORD-{d8}", "{L}{L}{d7}", "{d4}-{d4}-{d4}")
TXNS = ("{H8}{H8}", "pi_{A24}", "{d16}", "{H4}-{H4}-{H4}-{H4}", "TX{d12}")


def _shape(shape: str, rng: random.Random, day: date) -> str:
    """An id of ``shape``: {dN} N digits, {HN} N hex digits, {A24} 24 letters and digits, {L} a letter, {y}
    {yy} the year — each placeholder drawn afresh."""

    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "y":
            return str(day.year)
        if key == "yy":
            return f"{day.year % 100:02d}"
        if key == "L":
            return rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
        if key == "A24":
            return "".join(
                rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(24)
            )
        if key[0] == "H":
            return "".join(rng.choice("0123456789ABCDEF") for _ in range(int(key[1:])))
        return _digits(rng, int(key[1:]))

    return re.sub(r"\{(\w+)\}", one, shape)


def draw_seller(
    w: dict[str, Any], f: dict[str, str], layout: str, rng: random.Random
) -> tuple[Party, str | None]:
    street, postcode, city = _address(w, rng)
    country = str(w["country"])
    core = rng.choice(w["firm"])
    name = f"{core} {rng.choice(KINDS[GENRES[layout]['kind']])} {rng.choice(w['legal'])}"
    brand = None
    if f["brand"] == "contained":
        brand = core
    elif f["brand"] == "different":
        brand = rng.choice([b for b in BRANDS if b.casefold() not in name.casefold()])
    vat = draw_vat(country, rng) if f["vat_id"] == "yes" else None
    if vat is None:
        f["vat_id"] = "no"
    iban = draw_iban(country, rng) if f["iban"] == "yes" else None
    if iban is None:
        f["iban"] = "no"
    return (
        Party(name=name, street=street, postcode=postcode, city=city, country=country, vat_id=vat, iban=iban,
              bic=BICS.get(country) if iban else None, reg=str(w["reg"]).format(n=_digits(rng, 6)),
              phone=f"{_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 4)}"),
        brand,
    )  # fmt: skip


def draw_lines(d: Doc15, rng: random.Random) -> None:
    w = d.w
    kind = GENRES[d.layout]["items"]
    if kind == "mixed":
        kind = rng.choice(("saas", "hosting", "products"))
    out: list[tuple[str, int, Decimal]] = []

    def money(low: int, high: int) -> Decimal:
        return Decimal(rng.randint(low, high)) + Decimal(rng.choice((0, 50, 90, 95, 99, 49))) / 100

    if kind == "products":
        for text in rng.sample(list(w["products"]), rng.randint(1, 4)):
            out.append((text, rng.choice((1, 1, 1, 2, 3)), money(4, 160)))
        if rng.random() < 0.6:
            out.append((str(w["shipping"]), 1, money(2, 9)))
    elif kind == "saas":
        out.append((str(w["plan"]).format(p=rng.choice(PLANS)), 1, money(9, 290)))
        if rng.random() < 0.6:
            out.append((str(w["seats"]), rng.randint(2, 12), money(4, 25)))
    elif kind in ("hosting", "domain"):
        keys = ["domain", "ssl"] if kind == "domain" else ["hosting", "domain", "mailbox", "ssl"]
        for key in keys[: rng.randint(1, len(keys))]:
            quantity = 12 if key in ("hosting", "mailbox") and rng.random() < 0.5 else 1
            out.append(
                (str(w[key]).format(dn=d.domain), quantity, money(1, 40) if quantity == 12 else money(8, 120))
            )
    elif kind in ("train", "trip"):
        a, b = rng.sample([c for c, _ in w["cities"]], 2)
        out.append((str(w["ticket"]).format(a=a, b=b), rng.randint(1, 3), money(19, 240)))
        extras = ["seat_res"] if kind == "train" else ["seat_res", "bag", "fee"]
        for key in extras[: rng.randint(0, len(extras))]:
            out.append((str(w[key]), 1, money(2, 45)))
    else:  # event
        out.append((str(w["admission"]), rng.randint(1, 6), money(15, 140)))
        out.append((str(w["fee"]), 1, money(1, 12)))
    d.lines = [Line(pos, text, Decimal(q), price) for pos, (text, q, price) in enumerate(out, 1)]


LABELS = ("number", "date", "due", "invoice")


def draw(lang: str, layout: str, rng: random.Random, force: dict[str, str] | None = None) -> Doc15:
    """One document in ``lang`` and ``layout``: every factor drawn (``force`` fixes some), then the
    parties, the dates, the ids, the lines, the printing moments."""
    w = LANGS[lang]
    factors = {name: rng.choice(values) for name, values in FACTORS.items()}
    factors.update(force or {})
    if lang == "en-US":
        factors["paper"] = "letter"
    if layout == "mail_pasted" and factors["frame"] == "browser":  # an invoice typed into a mail is a mail
        factors["frame"] = "mail"
    if factors["frame"] == "browser":
        factors["header_footer"] = "on"
    if factors["frame"] == "browser":
        factors["mail_client"] = "none"
    if GENRES[layout]["head"] != "brand":  # the platform's or payment service's page shows no seller's bank
        factors["iban"] = "no"
    if layout == "payment_receipt" and factors["paid"] == "no":  # a payment service's receipt: paid
        factors["paid"] = "stamp"
    seller, brand = draw_seller(w, factors, layout, rng)
    head = GENRES[layout]["head"]
    platform = None
    if head == "platform":
        platform = rng.choice(PLATFORMS)
    elif head == "processor":
        platform = rng.choice(PROCESSORS)
    if brand is None:
        factors["brand"] = "none"
    street, postcode, city = _address(w, rng)
    if factors["buyer_kind"] == "company":
        core = rng.choice([c for c in w["firm"] if c not in seller.name])
        buyer_name = f"{core} {rng.choice(w['legal'])}"
    else:
        buyer_name = _person(w, rng)
    buyer = Party(name=buyer_name, street=street, postcode=postcode, city=city, country=str(w["country"]))
    ship_name = buyer_name if factors["ship_to"] == "same" else _person(w, rng)
    if factors["buyer_kind"] == "company" and factors["ship_to"] == "same":
        ship_name = buyer_name
    issue = date(rng.choice((2024, 2025, 2026)), rng.randint(1, 12), rng.randint(1, 28))
    order_date = issue - timedelta(days=rng.choice((1, 2, 3, 5, 8)))
    due = None if factors["paid"] != "no" else issue + timedelta(days=rng.choice((7, 14, 14, 30)))
    rate = Decimal(rng.choice(w["rates"]))
    # wall-clock moments as the pages print them (no zone): the print days or weeks later, the mail that day
    printed_at = datetime.combine(issue, time(rng.randint(7, 21), rng.randint(0, 59))) + timedelta(
        days=rng.randint(3, 75)
    )
    mailed_at = datetime.combine(issue, time(rng.randint(0, 23), rng.randint(0, 59))) + timedelta(
        days=rng.choice((0, 0, 1, 2))
    )
    domain = f"{slug(brand or seller.name.split()[0])}.{TLDS[lang]}"
    if factors["buyer_kind"] == "company":  # a person at the company writes from its domain
        buyer_mail = f"{slug(_person(w, rng).split()[0])}@{slug(buyer_name.split()[0])}.{TLDS[lang]}"
    else:
        buyer_mail = f"{slug(buyer_name.split()[0])}.{slug(buyer_name.split()[-1])}@{rng.choice(MAILERS)}"
    d = Doc15(lang=lang, layout=layout, w=w, factors=factors, seller=seller, brand=brand, platform=platform,
              buyer=buyer, ship_name=ship_name, number=_shape(rng.choice(NUMBERS), rng, issue), issue=issue, due=due,
              order_no=_shape(rng.choice(ORDERS), rng, issue), order_date=order_date,
              customer_no=_shape(rng.choice(("{d8}", "K{d6}", "C-{d7}", "{d10}")), rng, issue),
              txn=_shape(rng.choice(TXNS), rng, issue), lines=[], vat_rate=rate, printed_at=printed_at,
              mailed_at=mailed_at, card=_digits(rng, 4), domain=domain,
              seller_mail=f"{rng.choice(('billing', 'no-reply', 'orders', 'invoices', 'noreply'))}@{domain}",
              buyer_mail=buyer_mail)  # fmt: skip
    draw_lines(d, rng)
    for key in LABELS:
        d.pick[key] = str(rng.choice(w[key]))
    return d
