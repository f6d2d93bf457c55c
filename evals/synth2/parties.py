"""Parties as a country's invoices name and address them: companies with their legal forms, people,
addresses in the country's order, contacts, tax ids and bank accounts."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

from evals.synth.model import Party
from evals.synth2 import identifiers
from evals.synth2.knowledge import Locale


@dataclass
class PrintedParty:
    """A party and everything the page prints about it."""

    party: Party
    address: list[str]
    """Address lines as printed (street, postcode and city in the country's order, region)."""
    region: str | None = None
    """The city row's extra (state, province, county, or a US/CA tax rate)."""
    state_code: str | None = None
    """India: the GST state code of the address."""
    local_rate: str | None = None
    """US, Canada: the sales tax / HST rate of the address (the last column of its city row)."""
    is_person: bool = False
    contact: str | None = None
    email: str | None = None
    phone: str | None = None
    web: str | None = None
    vat_label: str | None = None
    ids: list[tuple[str, str]] = field(default_factory=list)
    """Other identifiers the page prints by their own label (IČO, Y-tunnus, KvK, REA, PAN, ACN …)."""
    brand: str = ""
    """The name as a logo would show it (a short form of the legal name)."""
    bank: str | None = None
    bic: str | None = None
    account_lines: list[str] = field(default_factory=list)
    """Domestic bank details printed instead of or beside the IBAN."""
    foreign_country: str | None = None
    """The country's name when the party is abroad (printed under the address)."""
    eu_vat: str | None = None
    """Hungary: the EU VAT id (HU + 8 digits) beside the domestic adószám; an invoice prints one of them."""

    @property
    def name(self) -> str:
        return self.party.name


def fill(rng: random.Random, pattern: str, **values: str) -> str:
    """Fill {n}/{nn}/{nnn}/{nnnn}/{m}/{k} numbers, {nK} K-digit serials, {A}/{a}/{b}/{B}/{E} letters and named
    values."""

    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in values:
            return values[key]
        if key == "n":
            return str(rng.randint(1, 60))
        if key in ("m", "k"):
            return str(rng.randint(1, 20))
        if re.fullmatch(r"n+", key):
            width = len(key)
            return str(rng.randint(10 ** (width - 1), 10**width - 1))
        if re.fullmatch(r"n\d+", key):
            width = int(key[1:])
            return (
                "".join(rng.choice("0123456789") for _ in range(width))
                if width > 1
                else str(rng.randint(1, 9))
            )
        if key == "A":
            return rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
        if key == "a":
            return rng.choice("abcdefghikmnpstvwxyz")
        if key == "b":
            return rng.choice("abcd")
        if key == "B":
            return rng.choice("ABCD")
        if key == "E":
            return rng.choice(["Esq.", "Dto.", "Frente"])
        raise KeyError(key)

    return re.sub(r"\{(\w+)\}", one, pattern)


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("ø", "o").replace("ł", "l")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def person_name(rng: random.Random, locale: Locale, *, title: bool = False) -> str:
    data = locale.data
    female = bool(data.get("given_f")) and rng.random() < 0.5
    given = rng.choice(data["given_f"] if female else data["given"])
    index = rng.randrange(len(data["surnames"]))
    surname = (data.get("surnames_f") or data["surnames"])[index] if female else data["surnames"][index]
    if data.get("second_surname") and rng.random() < 0.7:
        surname = f"{surname} {rng.choice(data['surnames'])}"
    name = f"{surname} {given}" if data.get("person_order") == "family" else f"{given} {surname}"
    if title and data.get("titles") and rng.random() < 0.5:
        name = f"{rng.choice(data['titles'])} {name}"
    return name


def company_name(rng: random.Random, locale: Locale, trade: str, *, utility: bool = False) -> str:
    data = locale.data
    patterns = data["utilities"] if utility else data["companies"]
    pattern = rng.choice(patterns)
    surnames = rng.sample(data["surnames"], 2)
    city = rng.choice(data["cities"])[1]
    text = pattern.replace("{surname}", surnames[0], 1).replace("{surname}", surnames[1], 1)
    return fill(
        rng,
        text,
        word=rng.choice(data["words"]),
        trade=trade,
        form=rng.choice(data["legal_forms"]),
        city=re.sub(r"\s+\d+$", "", city),
    )


def brand_of(name: str, locale: Locale) -> str:
    """A logo's short form: the name without its legal form."""
    forms = sorted(locale.data["legal_forms"], key=len, reverse=True)
    short = name
    for form in forms:
        for tail in (f", {form}", f" {form}"):
            if short.endswith(tail):
                short = short[: -len(tail)]
                break
    return short.strip(" ,")


def address(rng: random.Random, locale: Locale) -> tuple[str, list[str], str, str]:
    """(street line, city row, postcode, city) of a random address in ``locale``'s country."""
    data = locale.data
    pattern = rng.choice(data["house"])
    if "{street}" not in pattern:
        pattern = "{street} " + pattern
    street = fill(rng, pattern, street=rng.choice(data["streets"]))
    row = [str(x) for x in rng.choice(data["cities"])]
    return street, row, row[0], row[1]


def address_lines(locale: Locale, street: str, row: list[str]) -> list[str]:
    extra = row[2] if len(row) > 2 else ""
    values = {"street": street, "postcode": row[0], "city": row[1], "state": extra, "province": extra,
              "county": extra}  # fmt: skip
    return [line.format(**values) for line in locale.data["address"]]


def make_party(
    rng: random.Random,
    locale: Locale,
    *,
    trade: str,
    person: bool = False,
    utility: bool = False,
    with_vat: bool = True,
    with_bank: bool = False,
    qr_iban: bool = False,
) -> PrintedParty:
    data = locale.data
    name = (
        person_name(rng, locale, title=True) if person else company_name(rng, locale, trade, utility=utility)
    )
    street, row, postcode, city = address(rng, locale)
    extra = row[2] if len(row) > 2 else None
    state_code = row[3] if len(row) > 3 else None
    gst_state = state_code if locale.code == "IN" and state_code else "27"
    vat, ids = (None, {}) if not with_vat else identifiers.vat_id(rng, data["vat_kind"], state=gst_state)
    printed_ids = _printed_ids(rng, locale, ids)
    iban = bic = bank = None
    account_lines: list[str] = []
    if with_bank:
        bank, bic = rng.choice(data["banks"])
        if data.get("iban") and rng.random() < float(data.get("iban_share", 1.0)):
            iban = identifiers.iban(rng, data["iban"], qr=qr_iban)
        account_lines = _domestic_account(rng, locale, iban, bic)
        if data.get("iban_domestic") and iban and rng.random() < 0.5:
            # Polish invoices often print the account as the 26-digit NRB, not as an IBAN
            account_lines = [identifiers.pl_account(iban)]
            iban = None
    domain = slug(brand_of(name, locale)).replace("-", "")[:18] or "firma"
    tld = data["tld"]
    local = (
        rng.choice(["info", "office", "billing", "invoices", "kontakt", "hello"])
        if not person
        else slug(name.split()[-1])
    )
    party = Party(
        name=name,
        street=street,
        postcode=postcode,
        city=city,
        country=locale.code,
        vat_id=vat,
        iban=iban,
        bic=bic if iban else None,
        email=f"{local}@{domain}.{tld}",
        phone=fill(rng, data["phone"]),
        registration=None,
    )
    return PrintedParty(
        party=party,
        address=address_lines(locale, street, row),
        region=extra,
        state_code=state_code if locale.code == "IN" else None,
        local_rate=row[-1] if data.get("sales_tax") else None,
        is_person=person,
        email=party.email,
        phone=party.phone,
        web=f"www.{domain}.{tld}",
        ids=printed_ids,
        brand=brand_of(name, locale),
        eu_vat=ids.get("eu"),
        bank=bank,
        bic=bic,
        account_lines=account_lines,
    )


def consumer(rng: random.Random, locale: Locale) -> PrintedParty:
    """A private person (a utility's or a craftsman's customer): no VAT id, no bank."""
    return make_party(rng, locale, trade="", person=True, with_vat=False)


def _printed_ids(rng: random.Random, locale: Locale, ids: dict[str, str]) -> list[tuple[str, str]]:
    code = locale.code
    out: list[tuple[str, str]] = []
    if code == "CZ" and "ico" in ids:
        out.append(("IČO", ids["ico"]))
    if code == "FI" and "ytunnus" in ids:
        out.append(("Y-tunnus", ids["ytunnus"]))
    if code == "IT" and "cf" in ids and rng.random() < 0.6:
        out.append(("C.F.", ids["cf"]))
    if code == "RO":
        out.append(("Nr. Reg. Com.", fill(rng, "J{n2}/{n4}/{yyyy}", yyyy=str(rng.randint(1994, 2022)))))
    if code == "NL":
        out.append(("KvK", fill(rng, "{n8}")))
    if code == "AU" and "acn" in ids and rng.random() < 0.4:
        out.append(("ACN", ids["acn"]))
    if code == "IN" and "pan" in ids and rng.random() < 0.5:
        out.append(("PAN", ids["pan"]))
    if code == "BE" and "bce" in ids and rng.random() < 0.3:
        out.append(("RPM", rng.choice(locale.data["courts"])))
    if code == "AT" and rng.random() < 0.6:
        out.append(("FN", fill(rng, "{n6}{a}")))
    if code == "PL" and rng.random() < 0.5:
        out.append(("REGON", fill(rng, "{n9}")))
    if code == "ES" and rng.random() < 0.3:
        out.append(
            (
                "Reg. Mercantil",
                fill(rng, "{court}, T. {n4}, F. {n3}, H. {A}-{n5}", court=rng.choice(locale.data["courts"])),
            )
        )
    if code == "PT" and rng.random() < 0.4:
        out.append(("Capital social", f"{rng.choice(['5 000', '50 000', '250 000'])} €"))
    return out


def _domestic_account(rng: random.Random, locale: Locale, iban: str | None, bic: str) -> list[str]:
    code = locale.code
    if code == "US":
        return [f"ABA Routing: {identifiers.routing(rng)}", f"Account: {fill(rng, '{n10}')}"]
    if code == "AU":
        return [f"BSB: {identifiers.bsb(rng)}", f"Account: {fill(rng, '{n4} {n4}')}"]
    if code == "IN":
        return [f"A/c No.: {fill(rng, '{n14}')}", f"IFSC: {identifiers.ifsc(rng, bic)}"]
    if code == "CA":
        return [f"Transit : {fill(rng, '{n5}')}", f"Institution : {rng.choice(['815', '006', '829'])}",
                f"Compte : {fill(rng, '{n7}')}"]  # fmt: skip
    if code == "NO":
        number = iban or identifiers.iban(rng, "NO")
        return [f"Kontonr. {identifiers.no_account(number)}"]
    if code == "CZ" and iban:
        return [identifiers.cz_account(iban)]
    if code == "HU" and iban and rng.random() < 0.7:
        return [identifiers.hu_account(iban)]
    return []
