"""The invoice evals/synth24 draws: parties with their country's legal forms, tax ids and registry numbers (valid
check digits where the id has one, checked by python-stdnum), bank details as the country prints them (an IBAN;
a sort code and account; a Czech account with its bank code; a Norwegian account number; a Swedish bankgiro),
the payment references national banks read (Swedish OCR, Norwegian KID, Finnish viitenumero, Danish FI-kort,
Belgian structured communication, Swiss QR reference, Czech variabilní symbol), lines, VAT per rate, an advance
paid, and the forms each language prints numbers, dates and money in. Money is Decimal, rounded half up."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from evals.synth24 import words as wd

TODAY = date(2026, 12, 7)
"""The drawn dates fall in the thirteen months before this day (never the clock's)."""


@dataclass
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str
    town: str
    """The town line as the country prints it."""
    form: str = ""
    capital: str | None = None
    vat_id: str = ""
    """The seller's VAT id as the truth records it (the printed form's letters and digits)."""
    vat_printed: str = ""
    vat_label: str = ""
    ids: list[tuple[str, str]] = field(default_factory=list)
    """The other registry and tax numbers the page prints ((label, value); never the truth's VAT id)."""
    iban: str = ""
    iban_printed: str = ""
    bic: str = ""
    bank: str = ""
    domestic: list[tuple[str, str]] = field(default_factory=list)
    """A domestic account as the country prints it beside or instead of the IBAN ((label, value))."""
    phone: str = ""
    email: str = ""
    web: str = ""
    person: str = ""


@dataclass
class Line:
    name: str
    qty: Decimal
    unit: str
    price: Decimal
    rate: str
    total: Decimal
    code: str = ""


@dataclass
class Doc:
    lang: str
    layout: str
    country: str
    currency: str
    places: int
    seller: Party
    buyer: Party
    number: str
    issued: date
    delivered: date
    due: date
    days: int
    lines: list[Line]
    vat: dict[str, tuple[Decimal, Decimal]]
    net: Decimal
    tax: Decimal
    total: Decimal
    paid: Decimal
    style: tuple[str, str, str, str]
    """(thousands mark, decimal mark, currency placement: after / before / tight / none, currency mark)."""
    date_style: str
    order_no: str
    customer_no: str
    reference: str
    """The payment reference the country's banks read (OCR, KID, viitenumero, +++…+++, QR reference), or the
    invoice number where the country has none."""
    words: dict[str, str] = field(default_factory=dict)
    factors: dict[str, str] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)
    """The optional truths the layout printed (due_date, vendor_vat_id, vendor_iban, po_number, amount_due)."""

    @property
    def due_amount(self) -> Decimal:
        return self.total - self.paid

    def word(self, key: str, **fill: object) -> str:
        text = self.words[key]
        return text.format(**fill) if fill else text

    def has(self, key: str) -> bool:
        return key in self.words

    def num(self, amount: Decimal, places: int | None = None) -> str:
        return number(amount, self.style, self.places if places is None else places)

    def money(self, amount: Decimal) -> str:
        text = self.num(amount)
        mark = self.style[3]
        return {
            "after": f"{text} {mark}",
            "before": f"{mark} {text}",
            "tight": f"{mark}{text}",
            "none": text,
        }[self.style[2]]

    @property
    def mark(self) -> str:
        """The currency as the page prints it near the total (the ISO code where amounts print bare)."""
        return self.style[3]

    @property
    def bare(self) -> bool:
        """Amounts print without a currency mark: a column header or the total's label names it."""
        return self.style[2] == "none"

    def date(self, value: date) -> str:
        return day(value, self.date_style, self.lang)

    def qty(self, value: Decimal) -> str:
        text = (
            format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")
        )
        return text.replace(".", self.style[1])

    def rate(self, rate: str) -> str:
        text = rate.replace(".", self.style[1])
        return f"{text}%" if self.lang in ("en", "es", "it", "pt", "ro", "hu", "nl") else f"{text} %"

    def vat_label(self, rate: str) -> str:
        return self.word("vat", rate=self.rate(rate))

    @property
    def title(self) -> str:
        """The title; one ending in "Nr." / "nr" / "N°" carries the invoice number after it."""
        title = self.word("title")
        if title.rstrip(".").split()[-1].casefold() in ("nr", "n°", "no"):
            return f"{title} {self.number}"
        return title

    @property
    def numbered_title(self) -> bool:
        return self.title != self.word("title")


def round_to(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(amount: Decimal, style: tuple[str, ...], places: int = 2) -> str:
    group, decimal = style[0], style[1]
    sign = "-" if amount < 0 else ""
    whole, _, frac = f"{abs(amount):.{places}f}".partition(".")
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return sign + group.join(parts) + (decimal + frac if places else "")


def day(value: date, style: str, lang: str) -> str:
    """A date in the form ``style`` of language ``lang`` (a long form with the month as dates name it)."""
    if style == "d. m. Y":
        return f"{value.day}. {value.month}. {value.year}"
    if style == "d.m.Y":
        return f"{value.day}.{value.month}.{value.year}"
    if style == "%d %b %Y":
        return f"{value.day:02d} {wd.MONTHS['en'].split()[value.month - 1][:3]} {value.year}"
    if style != "long":
        return value.strftime(style)
    month = wd.MONTHS[lang].split()[value.month - 1]
    d, y = value.day, value.year
    if lang in ("de", "da", "nb", "cs", "fi"):
        return f"{d}. {month} {y}"
    if lang == "hu":
        return f"{y}. {month} {d}."
    if lang in ("es", "pt"):
        return f"{d} de {month} de {y}"
    return f"{d} {month} {y}"


# ---------------------------------------------------------------- check digits


def _digits(rng: random.Random, count: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(count - 1))


def _valid(rng: random.Random, module: str, make: object) -> str:
    from stdnum import get_cc_module

    country, name = module.split(".")
    checker = get_cc_module(country, name)
    for _ in range(20000):
        candidate = make()  # type: ignore[operator]
        if checker.is_valid(candidate):
            return str(candidate)
    raise RuntimeError(f"no valid {module} drawn")


def luhn(body: str) -> str:
    """The Luhn (mod 10) check digit of ``body`` (Swedish OCR and bankgiro, Norwegian KID, Danish FI)."""
    total = 0
    for i, c in enumerate(reversed(body)):
        n = int(c) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def finnish_reference(body: str) -> str:
    """A Finnish viitenumero: ``body`` and its 7-3-1 check digit."""
    weights = (7, 3, 1)
    total = sum(int(c) * weights[i % 3] for i, c in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def swiss_reference(body: str) -> str:
    """A Swiss QR reference (27 digits): ``body`` padded to 26 and its recursive mod 10 check digit."""
    table = (0, 9, 4, 6, 8, 2, 7, 1, 3, 5)
    carry = 0
    padded = body.rjust(26, "0")
    for c in padded:
        carry = table[(carry + int(c)) % 10]
    return padded + str((10 - carry) % 10)


def belgian_structured(body: str) -> str:
    """A Belgian structured communication +++123/4567/89012+++ (ten digits and their mod 97 check)."""
    ten = body.rjust(10, "0")[-10:]
    check = int(ten) % 97 or 97
    digits = f"{ten}{check:02d}"
    return f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++"


def mod11_no(body: str) -> str | None:
    """A Norwegian account number's mod 11 check digit (None when the body has none)."""
    weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    rest = sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
    check = (11 - rest) % 11
    return None if check == 10 else str(check)


def hungarian_account(rng: random.Random) -> str:
    """A Hungarian GIRO account (3 x 8 digits, each block's last digit its 9-7-3-1 check)."""

    def block(count: int) -> str:
        body = "".join(rng.choice("0123456789") for _ in range(count))
        weights = (9, 7, 3, 1)
        check = (10 - sum(int(c) * weights[i % 4] for i, c in enumerate(body)) % 10) % 10
        return body + str(check)

    return f"{block(7)}-{block(7)}-{block(7)}"


def group(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def iban(country: str, bban: str) -> str:
    digits = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - digits % 97:02d}{bban}"


IBAN_BBAN = {  # country: the BBAN's shape ('#' a digit, 'A' a capital letter, 'B' the bank's four letters)
    "GB": "B" + "#" * 14, "IE": "B" + "#" * 14, "DE": "#" * 18, "AT": "#" * 16, "CH": "#" * 17, "FR": "#" * 23,
    "BE": "#" * 12, "NL": "B" + "#" * 10, "ES": "#" * 20, "IT": "A" + "#" * 22, "PT": "#" * 21, "PL": "#" * 24,
    "SE": "#" * 20, "DK": "#" * 14, "CZ": "#" * 20, "RO": "B" + "#" * 16, "HU": "#" * 24, "FI": "#" * 14,
    "NO": "#" * 11,
}  # fmt: skip


def draw_iban(rng: random.Random, country: str, bank: str, bban: str | None = None) -> str:
    from stdnum import iban as iban_module

    for _ in range(20000):
        if bban is None:
            shape = IBAN_BBAN[country]
            body = "".join(
                bank if c == "B" else rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c == "A" else "0123456789")
                for c in shape
            )
        else:
            body = bban
        candidate = iban(country, body)
        if iban_module.is_valid(candidate):
            return candidate
        if bban is not None:
            break
    raise RuntimeError(f"no valid IBAN of {country} drawn")


# ---------------------------------------------------------------- parties


def tax_ids(rng: random.Random, p: Party, lang: str) -> None:
    """Fill the seller's VAT id (truth, printed form, label) and the registry numbers its country prints."""
    c = p.country
    label = rng.choice(wd.LABELS[lang]["vat_id"])
    printed = ""
    if c == "GB":
        body = _valid(rng, "gb.vat", lambda: _digits(rng, 9))
        printed = rng.choice([f"GB {body[:3]} {body[3:7]} {body[7:]}", f"GB{body}"])
        p.ids.append(
            (rng.choice(["Company No.", "Registered in England and Wales No."]), f"0{_digits(rng, 7)}")
        )
    elif c == "IE":
        body = _valid(rng, "ie.vat", lambda: _digits(rng, 7, "3456789") + rng.choice("ABCDEFGHWKLMNPTVX"))
        printed = rng.choice([f"IE{body}", f"IE {body}"])
        p.ids.append((rng.choice(["Registered in Ireland No.", "CRO No."]), str(rng.randint(100000, 699999))))
    elif c == "DE":
        body = _valid(rng, "de.vat", lambda: _digits(rng, 9))
        printed = rng.choice([f"DE{body}", f"DE {body[:3]} {body[3:6]} {body[6:]}"])
        p.ids.append((rng.choice(["Steuernummer", "St.-Nr.", "Steuer-Nr."]),
                      f"{rng.randint(10, 99)}/{rng.randint(100, 999)}/{rng.randint(10000, 99999)}"))  # fmt: skip
        if "GmbH" in p.form or p.form in ("AG", "KG") or "UG" in p.form:
            p.ids.append(("Amtsgericht", f"{p.city} HRB {rng.randint(1000, 99999)}"))
    elif c == "AT":
        body = _valid(rng, "at.uid", lambda: "U" + _digits(rng, 8))
        printed = f"AT{body}"
        p.ids.append(
            (
                "Firmenbuch",
                f"FN {rng.randint(10000, 599999)}{rng.choice('abdfgikmpstvwxyz')}, Handelsgericht {p.city}",
            )
        )
    elif c == "CH":
        body = _valid(rng, "ch.uid", lambda: "CHE" + _digits(rng, 9))
        suffix = "MWST" if lang == "de" else "TVA"
        printed = f"CHE-{body[3:6]}.{body[6:9]}.{body[9:]} {suffix}"
        label = rng.choice(["MWST-Nr.", "UID", "MWST"] if lang == "de" else ["N° TVA", "IDE", "TVA"])
        p.vat_id, p.vat_printed, p.vat_label = (
            body + suffix,
            printed,
            label,
        )  # the printed form's letters and digits
        p.ids.append(
            (
                "Handelsregister" if lang == "de" else "Registre du commerce",
                f"Kanton {p.city}" if lang == "de" else f"Canton de {p.city}",
            )
        )
        return
    elif c == "FR":
        siren = _valid(rng, "fr.siren", lambda: _digits(rng, 9))
        key = (12 + 3 * (int(siren) % 97)) % 97
        body = f"FR{key:02d}{siren}"
        printed = rng.choice([body, f"FR {key:02d} {siren[:3]} {siren[3:6]} {siren[6:]}"])
        siret = _valid(
            rng, "fr.siret", lambda: siren + f"{rng.randint(1, 99):04d}" + rng.choice("0123456789")
        )
        spaced = f"{siren[:3]} {siren[3:6]} {siren[6:]}"
        p.ids.append(("SIRET", f"{spaced} {siret[9:]}"))
        p.ids.append(("RCS", f"{p.city} {spaced}"))
        p.ids.append(("APE", f"{rng.randint(1000, 9699)}{rng.choice('ABCZ')}"))
    elif c == "BE":
        body = _valid(rng, "be.vat", lambda: "0" + _digits(rng, 9, "2345789"))
        printed = rng.choice([f"BE{body}", f"BE {body[:4]}.{body[4:7]}.{body[7:]}"])
        p.ids.append(
            ("RPM" if lang == "fr" else "RPR", rng.choice(["Bruxelles", "Antwerpen", "Gent", "Liège"]))
        )
    elif c == "NL":
        body = _valid(rng, "nl.btw", lambda: _digits(rng, 9) + "B01")
        printed = f"NL{body}"
        p.ids.append((rng.choice(["KvK", "KvK-nummer", "KvK nr."]), _digits(rng, 8, "1234567")))
    elif c == "ES":
        body = _valid(rng, "es.cif", lambda: "B" + _digits(rng, 7, "0123456789") + rng.choice("0123456789"))
        printed = rng.choice([body, f"{body[0]}-{body[1:]}", f"ES{body}"])
        p.ids.append(("Registro Mercantil", f"{p.city}, Tomo {rng.randint(1000, 40000)}, Folio {rng.randint(1, 220)}, "
                                            f"Hoja {p.city[0]}-{rng.randint(10000, 699999)}"))  # fmt: skip
    elif c == "IT":
        body = _valid(
            rng,
            "it.iva",
            lambda: _digits(rng, 7, "0123") + f"{rng.randint(1, 100):03d}" + rng.choice("0123456789"),
        )
        printed = rng.choice([f"IT{body}", body, f"IT {body}"])
        p.ids.append(("Codice Fiscale" if rng.random() < 0.5 else "C.F.", body))
        p.ids.append(("REA", f"{p.city[-3:-1]}-{rng.randint(100000, 2999999)}"))
    elif c == "PT":
        body = _valid(rng, "pt.nif", lambda: _digits(rng, 9, "5"))
        printed = rng.choice([f"PT{body}", body, f"PT {body}"])
        p.ids.append(("Conservatória do Registo Comercial", p.city))
    elif c == "PL":
        body = _valid(rng, "pl.nip", lambda: _digits(rng, 10))
        printed = rng.choice(
            [
                body,
                f"{body[:3]}-{body[3:6]}-{body[6:8]}-{body[8:]}",
                f"PL{body}",
                f"{body[:3]}-{body[3:5]}-{body[5:7]}-{body[7:]}",
            ]
        )
        p.ids.append(("REGON", _valid(rng, "pl.regon", lambda: _digits(rng, 9))))
        if "sp. z o.o." in p.form.lower() or p.form == "S.A.":
            p.ids.append(("KRS", f"0000{rng.randint(100000, 999999)}"))
    elif c == "SE":
        org = _valid(rng, "se.orgnr", lambda: "55" + _digits(rng, 8, "0123456789"))
        body = f"SE{org}01"
        printed = rng.choice([body, f"SE {org} 01", f"SE{org}01"])
        p.ids.append(("Org.nr", f"{org[:6]}-{org[6:]}"))
        p.ids.append(("", "Godkänd för F-skatt" if rng.random() < 0.7 else "Innehar F-skattsedel"))
    elif c == "DK":
        body = _valid(rng, "dk.cvr", lambda: _digits(rng, 8, "123456789"))
        printed = rng.choice([body, f"DK{body}", f"DK {body[:2]} {body[2:4]} {body[4:6]} {body[6:]}"])
    elif c == "CZ":
        ico = _valid(rng, "cz.dic", lambda: _digits(rng, 8, "2467"))
        body = f"CZ{ico}"
        printed = body
        p.ids.insert(0, ("IČO" if rng.random() < 0.7 else "IČ", ico))
        p.ids.append(("", f"Zapsáno v obchodním rejstříku vedeném {rng.choice(['Městským soudem v Praze', 'Krajským soudem v Brně', 'Krajským soudem v Ostravě'])}, "
                          f"oddíl C, vložka {rng.randint(1000, 299999)}"))  # fmt: skip
    elif c == "RO":
        cui = _valid(rng, "ro.cui", lambda: _digits(rng, 8, "123456789"))
        body = f"RO{cui}"
        printed = rng.choice([body, f"RO {cui}"])
        year = rng.randint(1995, 2023)
        p.ids.append(
            (
                rng.choice(wd.LABELS["ro"]["registry"]),
                f"J{rng.choice(['40', '12', '35', '22'])}/{rng.randint(100, 29999)}/{year}",
            )
        )
    elif c == "HU":
        anum = _valid(rng, "hu.anum", lambda: _digits(rng, 8, "1234"))
        county = rng.choice(["41", "42", "43", "13", "03"])
        domestic = f"{anum}-{rng.choice('2')}-{county}"
        if rng.random() < 0.5:
            body, printed, label = domestic.replace("-", ""), domestic, "Adószám"
            p.ids.append(("Közösségi adószám", f"HU{anum}"))
        else:
            body, printed, label = f"HU{anum}", f"HU{anum}", rng.choice(["Közösségi adószám", "EU adószám"])
            p.ids.insert(0, ("Adószám", domestic))
        p.ids.append(("Cégjegyzékszám", f"{rng.choice(['01', '06', '09'])}-09-{rng.randint(100000, 999999)}"))
        p.vat_id, p.vat_printed, p.vat_label = body, printed, label
        return
    elif c == "FI":
        yt = _valid(rng, "fi.ytunnus", lambda: _digits(rng, 7, "0123") + "-" + rng.choice("0123456789"))
        body = "FI" + yt.replace("-", "")
        printed = body
        label = rng.choice(["ALV-rek.", "ALV-numero", "VAT"])
        p.ids.insert(0, ("Y-tunnus", yt))
        p.vat_id, p.vat_printed, p.vat_label = body, printed, label
        return
    elif c == "NO":
        org = _valid(rng, "no.orgnr", lambda: _digits(rng, 9, "89"))
        body = f"NO{org}MVA"
        printed = rng.choice([f"NO {org[:3]} {org[3:6]} {org[6:]} MVA", f"NO{org}MVA", f"NO {org} MVA"])
        label = rng.choice(["Org.nr.", "Foretaksregisteret", "Org. nr."])
    else:
        raise ValueError(c)
    p.vat_id = "".join(ch for ch in printed if ch.isalnum())
    p.vat_printed, p.vat_label = printed, label
    del body


def bank_details(rng: random.Random, p: Party, lang: str) -> None:
    """The seller's bank as its country prints it: an IBAN (grouped or not) and the domestic forms beside it."""
    c = p.country
    p.bank, prefix = rng.choice(wd.BANKS[c])
    p.bic = f"{prefix}{c}{rng.choice(['2L', '22', 'PP', 'KK', 'XX', 'MM'])}"
    if c == "NO":
        for _ in range(200):
            body = _digits(rng, 10, "1234569")
            check = mod11_no(body)
            if check is not None:
                break
        account = body + check  # type: ignore[operator]
        p.domestic.append(
            (rng.choice(wd.LABELS["nb"]["account"]), f"{account[:4]}.{account[4:6]}.{account[6:]}")
        )
        p.iban = draw_iban(rng, c, "", account)
    elif c == "CZ":
        account = str(rng.randint(100000000, 9999999999))
        code = rng.choice(["0100", "0800", "0300", "2010", "0600"])
        p.domestic.append((rng.choice(wd.LABELS["cs"]["account"]), f"{account}/{code}"))
        p.iban = draw_iban(rng, c, "", code + "000000" + account.rjust(10, "0"))
    elif c == "HU":
        account = hungarian_account(rng)
        p.domestic.append((rng.choice(["Bankszámlaszám", "Számlaszám"]), account))
        p.iban = draw_iban(rng, c, "", account.replace("-", ""))
    elif c == "DK":
        reg, konto = f"{rng.randint(1000, 9999)}", f"{rng.randint(1000000, 9999999999):010d}"
        p.domestic += [
            (rng.choice(wd.LABELS["da"]["reg"]), reg),
            (rng.choice(wd.LABELS["da"]["account"]), konto),
        ]
        p.iban = draw_iban(rng, c, "", reg + konto)
    elif c == "SE":
        bg = _digits(rng, 7)
        bg += luhn(bg)
        p.domestic.append(("Bankgiro", f"{bg[:-4]}-{bg[-4:]}"))
        if rng.random() < 0.3:
            pg = _digits(rng, 6)
            pg += luhn(pg)
            p.domestic.append(("Plusgiro", f"{pg[:-1]}-{pg[-1]}"))
        p.iban = draw_iban(rng, c, prefix)
    elif c == "GB":
        sort, account = f"{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}", _digits(rng, 8)
        p.domestic += [
            (rng.choice(["Sort code", "Sort Code"]), sort),
            (rng.choice(["Account no.", "Account number", "A/c"]), account),
        ]
        p.iban = draw_iban(rng, c, prefix, prefix + sort.replace("-", "") + account)
    else:
        p.iban = draw_iban(rng, c, prefix)
    p.iban_printed = rng.choice([group(p.iban), group(p.iban), p.iban])


def party(rng: random.Random, lang: str, country: str, *, seller: bool) -> Party:
    form, capital = rng.choice(wd.LEGAL[country])
    base = rng.choice(wd.NAMES[lang])
    name = f"{base} {form}"
    streets, towns, town_form = wd.ADDRESSES[country]
    postcode, city = rng.choice(towns)
    p = Party(name, rng.choice(streets).format(n=rng.randint(2, 140)), postcode, city, country,
              town_form.format(postcode=postcode, city=city), form=form, capital=capital)  # fmt: skip
    p.person = rng.choice(wd.PEOPLE[lang])
    plain = unicodedata.normalize("NFKD", base.split()[-1].lower())
    slug = "".join(ch for ch in plain if ch.isascii() and ch.isalpha())
    tld = {"GB": "co.uk", "AT": "at", "CH": "ch"}.get(country, country.lower())
    p.email = f"{rng.choice(['info', 'office', 'rechnung' if lang == 'de' else 'invoice', 'kontakt' if lang == 'de' else 'accounts'])}@{slug}.{tld}"
    p.web = f"www.{slug}.{tld}"
    p.phone = f"+{wd.CALLING[country]} {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 9999)}"
    tax_ids(rng, p, lang)  # a business buyer has its ids too: B2B invoices print them in the buyer's block
    if seller:
        bank_details(rng, p, lang)
    return p


def payment_reference(rng: random.Random, country: str, number: str) -> str:
    digits = "".join(c for c in number if c.isdigit()) or str(rng.randint(1000, 99999))
    if country == "SE":
        body = digits[-10:] + str(rng.randint(10, 99))
        with_length = body + str((len(body) + 2) % 10)
        return with_length + luhn(with_length)
    if country == "NO":
        body = str(rng.randint(1000, 99999)) + digits[-6:]
        return body + luhn(body)
    if country == "FI":
        raw = finnish_reference(digits[-12:] + str(rng.randint(1, 9)))
        parts = []
        while raw:
            parts.insert(0, raw[-5:])
            raw = raw[:-5]
        return " ".join(parts)
    if country == "BE":
        return belgian_structured(str(rng.randint(1000, 99999)) + digits[-5:])
    if country == "CH":
        ref = swiss_reference(str(rng.randint(100000, 999999)) + digits[-8:])
        return f"{ref[:2]} " + group(ref[2:], 5)
    if country == "CZ":
        return digits[-10:].lstrip("0") or "1"
    if country == "DK":
        body = f"{rng.randint(0, 9999999):07d}" + digits[-7:].rjust(7, "0")
        return f"+71<{body}{luhn(body)}+{rng.randint(80000000, 89999999)}<"
    return number


def invoice_number(rng: random.Random, lang: str, issued: date) -> str:
    seq, y, m = rng.randint(7, 9800), issued.year, issued.month
    shapes = [f"{y}-{seq:04d}", f"{seq:05d}", f"{y % 100}{m:02d}{seq:03d}"]
    shapes += {
        "en": [f"INV-{seq:05d}", f"SI{seq:06d}"], "de": [f"RE-{y}-{seq:04d}", f"R{y % 100}{seq:05d}"],
        "fr": [f"FA{y}{m:02d}-{seq:04d}", f"F-{y}-{seq:05d}"], "nl": [f"{y}{seq:05d}", f"F{y}-{seq:04d}"],
        "es": [f"A/{y}/{seq:04d}", f"{y}/{seq:05d}", f"FV{y % 100}-{seq:04d}"], "it": [f"{seq}/{y}", f"{seq}/PA", f"FT {seq}/{y % 100}"],
        "pt": [f"FT {y}/{seq}", f"FT A{y}/{seq}", f"FR {y}A1/{seq}"], "pl": [f"FV/{seq}/{m:02d}/{y}", f"{seq}/{m:02d}/{y}", f"FS {seq}/{y}"],
        "sv": [f"{seq + 10000}", f"{y % 100}{seq:05d}"], "da": [f"{seq + 10000}", f"{y}{seq:04d}"],
        "cs": [f"{y}{seq:05d}", f"FV{y}{seq:04d}", f"{y % 100}10{seq:04d}"], "ro": [f"{rng.choice(['FCT', 'BV', 'CJ'])} {seq:05d}", f"{seq:07d}"],
        "hu": [f"{rng.choice(['SZ', 'E-ABC', 'KSZ'])}-{y}-{seq}", f"{y}/{seq:06d}"], "fi": [f"{seq + 1000}", f"{y}{seq:04d}"],
        "nb": [f"{seq + 10000}", f"{y}{seq:04d}"],
    }[lang]  # fmt: skip
    return rng.choice(shapes)


def polish_words(amount: Decimal) -> str:
    """The amount in Polish words as the "Słownie" line prints it: "… złotych 45/100"."""
    w = wd.POLISH_WORDS

    def plural(n: int, forms: tuple[str, ...]) -> str:
        if n == 1:
            return forms[0]
        if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
            return forms[1]
        return forms[2]

    def triple(n: int) -> list[str]:
        out = []
        if n >= 100:
            out.append(w["hundreds"][n // 100])
        rest = n % 100
        if rest >= 20:
            out.append(w["tens"][rest // 10])
            if rest % 10:
                out.append(w["ones"][rest % 10])
        elif rest:
            out.append(w["ones"][rest])
        return out

    whole = int(amount)
    cents = round((amount - whole) * 100)
    parts: list[str] = []
    for scale, forms in ((1_000_000, w["million"]), (1000, w["thousand"])):
        n = (whole // scale) % 1000
        if n:
            parts += ([] if n == 1 else triple(n)) + [plural(n, forms)]
    parts += triple(whole % 1000) or (["zero"] if whole == 0 else [])
    return f"{' '.join(parts)} {plural(whole, w['zloty'])} {cents:02d}/100"


def draw(rng: random.Random, layout: str, lang: str) -> Doc:
    """One invoice of ``layout`` in language ``lang``: its parties, lines and money, the forms it prints in."""
    country = rng.choice(wd.COUNTRIES[lang])
    issued = TODAY - timedelta(days=rng.randint(3, 400))
    currency = wd.CURRENCY[country]
    style = rng.choice(wd.MONEY[country])
    places = 0 if currency == "HUF" and rng.random() < wd.WHOLE_FORINT else 2
    seller = party(rng, lang, country, seller=True)
    buyer = party(rng, lang, country, seller=False)
    while buyer.name.split()[0] == seller.name.split()[0]:
        buyer = party(rng, lang, country, seller=False)
    rates = wd.RATES[country]
    scale = wd.PRICE_SCALE.get(currency, 1)
    count = {"continued": rng.randint(26, 48), "slip": rng.randint(1, 5)}.get(layout, rng.randint(1, 7))
    lines = []
    for _ in range(count):
        rate = rates[0] if rng.random() < 0.75 else rng.choice(rates)
        qty = Decimal(rng.choice([1, 1, 2, 3, 4, 5, 6, 8, 10, 12, 20, 25, 50]))
        if rng.random() < 0.12:
            qty = Decimal(rng.choice(["0.5", "1.5", "2.25", "7.5", "3.75"]))
        cents = rng.randint(80, 4000) if qty >= 10 else rng.randint(150, 60000)
        price = round_to(Decimal(cents) / 100 * scale, places)
        line = Line(rng.choice(wd.ITEMS[lang]), qty, rng.choice(wd.UNITS[lang]), price, rate, Decimal(0))
        line.total = round_to(qty * price, places)
        line.code = f"{rng.choice(['', 'A', 'ART-', '10'])}{rng.randint(1000, 99999)}"
        lines.append(line)
    vat: dict[str, tuple[Decimal, Decimal]] = {}
    for line in lines:
        vat[line.rate] = (vat.get(line.rate, (Decimal(0), Decimal(0)))[0] + line.total, Decimal(0))
    vat = {
        r: (base, round_to(base * Decimal(r) / 100, places))
        for r, (base, _) in sorted(vat.items(), key=lambda kv: -Decimal(kv[0]))
    }
    net = sum((line.total for line in lines), Decimal(0))
    tax = sum((t for _, t in vat.values()), Decimal(0))
    total = net + tax
    paid = Decimal(0)
    if layout in ("letter", "banner", "sidebyside", "ledger") and rng.random() < 0.15:
        paid = round_to(total * Decimal(rng.choice(["0.2", "0.3", "0.5"])), 0)
    days = rng.choice([7, 10, 14, 14, 20, 30, 30, 30, 45, 60])
    number = invoice_number(rng, lang, issued)
    seq = rng.randint(1000, 99999)
    doc = Doc(
        lang=lang, layout=layout, country=country, currency=currency, places=places, seller=seller, buyer=buyer,
        number=number, issued=issued, delivered=issued - timedelta(days=rng.randint(0, 12)),
        due=issued + timedelta(days=days), days=days, lines=lines, vat=vat, net=net, tax=tax, total=total, paid=paid,
        style=style, date_style=rng.choice(wd.DATES[lang]),
        order_no=rng.choice([f"{seq}", f"PO-{seq}", f"{issued.year}/{seq}", f"B{seq:06d}"]),
        customer_no=str(rng.randint(10000, 99999)), reference=payment_reference(rng, country, number),
    )  # fmt: skip
    for key, forms in wd.LABELS[lang].items():
        doc.words[key] = rng.choice(forms)
    return doc
