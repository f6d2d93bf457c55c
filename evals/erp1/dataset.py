"""Write a set of evals/erp1 documents: customer invoices and credit notes that Tryton 8.2 records, numbers,
computes and prints with account_invoice's own report (relatorio → ODT → LibreOffice → PDF), each in its
customer's language, with the labels Tryton's translators wrote and the number, date and address formats
Tryton keeps per language and country.

What this module does is pure (drawing the spec: companies, customers, invoices; checking a PDF's text); what
Tryton does runs in Tryton's own virtualenv (tryton_side.py, one process and one fresh SQLite database per
set); the PDFs are converted in one LibreOffice process per set. Truths are what Tryton recorded (number,
dates, totals, tax ids, lines), never read back from the PDF; a truth the PDF's text layer (read with PDFium)
does not show is listed in the manifest row (``not_on_page``) and not scored.

The same seed gives the same spec, so the same records and truths (Tryton numbers invoices from its sequences
in a fresh database)."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from evals.erp1.locales import CURRENCY_NAMES, LOCALES, RATES, VAT_PATTERNS, Loc
from evals.synth5.dataset import NAMES, page_text, squeeze  # the manifest's own PDFium check, shared
from evals.synth7.ids import VAT, draw_bic, draw_iban, draw_vat, grouped

GENERATOR = "erp1"
DEFAULT_SEED = 1201
YEAR = 2025
ROOT = Path(__file__).resolve().parents[2]
TRYTON_SIDE = Path(__file__).resolve().parent / "tryton_side.py"

__all__ = ["DEFAULT_SEED", "TrytonMissing", "find_tryton", "fingerprint", "write_dataset"]


class TrytonMissing(RuntimeError):
    """Tryton's virtualenv or LibreOffice is not here: no set can be written."""


def tryton_python() -> Path:
    """Tryton's interpreter: OPSLOOP_TRYTON_PYTHON, else the one .ci/tryton/install.sh makes."""
    override = os.environ.get("OPSLOOP_TRYTON_PYTHON")
    return Path(override) if override else ROOT / ".ci" / "tryton" / ".venv" / "bin" / "python"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def find_tryton() -> Path | None:
    """Tryton's interpreter when it and LibreOffice are both here; None otherwise (generators.py: ``requires``)."""
    python = tryton_python()
    return python if python.is_file() and soffice() is not None else None


def fingerprint() -> str:
    """Eight hex digits over the generator's code: a cached set is reused only when this very generator wrote it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


# ---------------------------------------------------------------------------------------------------- drawing

TAGS = tuple(sorted(LOCALES))
PREFIXES = ("{Y}-", "{Y}/", "F{Y}-", "INV-", "", "A-{Y}/", "R{Y}", "{Y}.")
CREDIT_PREFIXES = ("CN-", "{Y}/C", "AB-", "NC{Y}-", "G-", "S{Y}/")
TERMS = (
    {"key": "direct", "name": "Direct", "days": 0},
    {"key": "n14", "name": "14 days", "days": 14},
    {"key": "n30", "name": "30 days", "days": 30},
    {"key": "n45", "name": "45 days", "days": 45},
    {"key": "eom", "name": "End of month", "days": 0, "month_end": True},
    {"key": "eom30", "name": "30 days end of month", "days": 0, "month_end": True, "months": 1},
)
LETTERHEADS = ("header_footer", "header_footer", "header", "footer", "none")


def draw_tax_id(country: str, rng: random.Random) -> str:
    """A tax id of ``country`` with valid check digits (python-stdnum), compact."""
    if country in VAT:
        return draw_vat(country, rng).replace(" ", "").replace(".", "")
    module_name, pattern = VAT_PATTERNS[country]
    module = importlib.import_module(module_name)
    for _ in range(100_000):
        compact = "".join(rng.choice(string.digits) if c == "9" else c for c in pattern)
        if module.is_valid(compact):
            return compact
    raise RuntimeError(f"no valid {country} tax id drawn")  # pragma: no cover


def _party(loc: Loc, rng: random.Random, taken: set[str] | None = None) -> dict[str, Any]:
    """A party of ``loc``'s country; its name's stem none of ``taken`` (a customer never shares its
    supplier's name, nor another customer's)."""
    postcode, city = rng.choice(loc.towns)
    name = rng.choice([stem for stem in loc.stems if stem not in (taken or set())] or list(loc.stems))
    if taken is not None:
        taken.add(name)
    return {
        "name": f"{name} {rng.choice(loc.legal)}",
        "lang": loc.lang,
        "country": loc.country,
        "street": rng.choice(loc.streets).format(n=rng.randint(1, 180)),
        "postal_code": postcode,
        "city": city,
    }


def _company(key: str, loc: Loc, rng: random.Random) -> dict[str, Any]:
    party = _party(loc, rng)
    vat = draw_tax_id(loc.country, rng) if loc.vat_type else None
    domain = "".join(c for c in party["name"].split()[0].lower() if c in string.ascii_lowercase) or "firma"
    tld = loc.country.lower() if loc.country != "GB" else "co.uk"
    iban = draw_iban(loc.country, rng)
    bank = f"IBAN {grouped(iban)} · BIC {draw_bic(loc.country, rng)}" if iban else ""
    register = loc.register.format(n=rng.randint(10000, 999999), city=party["city"])
    letterhead = rng.choice(LETTERHEADS)
    header = "${address}\n${phone} · ${website}" if letterhead in ("header_footer", "header") else ""
    footer = "\n".join(x for x in (register, bank) if x) if letterhead in ("header_footer", "footer") else ""
    prefix = rng.choice(PREFIXES).format(Y=YEAR)
    return {
        **party,
        "key": key,
        "currency": loc.currency,
        "vat_type": loc.vat_type if vat else None,
        "vat": vat,
        "iban": iban if footer and iban else None,
        "phone": f"+{rng.randint(30, 49)} {rng.randint(10, 99)} {rng.randint(100000, 9999999)}",
        "email": f"info@{domain}.{tld}",
        "website": f"www.{domain}.{tld}",
        "header": header,
        "footer": footer,
        "letterhead": letterhead,
        "rates": list(loc.rates),
        "tax_name": loc.tax_name,
        "sequence": {
            "prefix": prefix,
            "padding": rng.choice((3, 4, 5, 6)),
            "start": rng.choice((1, 1, rng.randint(2, 900))),
            "credit_prefix": rng.choice(CREDIT_PREFIXES).format(Y=YEAR),
            "kind": "year" if str(YEAR) in prefix else "letters" if prefix else "digits",
        },
    }


def _price(rng: random.Random) -> Decimal:
    scale = rng.choice((Decimal("1"), Decimal("10"), Decimal("100"), Decimal("1000")))
    return (Decimal(rng.randint(50, 999)) / 100 * scale).quantize(Decimal("0.01"))


def _lines(loc: Loc, count: int, rng: random.Random) -> list[dict[str, str]]:
    out = []
    for _ in range(count):
        quantity = Decimal(rng.choice((1, 1, 2, 3, 5, 10, 12, 25, 40))) + rng.choice(
            (0, 0, 0, Decimal("0.5"))
        )
        out.append({"description": rng.choice(loc.goods), "quantity": str(quantity),
                    "unit_price": str(_price(rng)), "rate": rng.choice(loc.rates)})  # fmt: skip
    return out


def draw_spec(count: int, seed: int, tags: tuple[str, ...] | None = None) -> dict[str, Any]:
    """What Tryton is to record for a set: one company per locale that comes up, three customers each (one of
    another country, who reads the invoice in their language), ``count`` invoices (about one in eight a
    credit note, one in seven with many lines, one in seven in a foreign currency). ``tags``: only these
    languages' companies and customers (a quick set: fewer translations to load)."""
    rng = random.Random(f"{GENERATOR}:{seed}:plan")
    pool = tuple(sorted(tags)) if tags else TAGS
    order = rng.sample(pool, len(pool))
    tags = [order[i % len(order)] for i in range(count)]
    companies: dict[str, dict[str, Any]] = {}
    customers: list[dict[str, Any]] = []
    for tag in dict.fromkeys(tags):
        crng = random.Random(f"{GENERATOR}:{seed}:company:{tag}")
        loc = LOCALES[tag]
        key = f"c-{tag}"
        companies[tag] = _company(key, loc, crng)
        taken = {stem for stem in loc.stems if companies[tag]["name"].startswith(stem + " ")}
        for n in range(3):
            abroad = [t for t in pool if LOCALES[t].country != loc.country]
            other = LOCALES[crng.choice(abroad)] if n == 2 and abroad else loc
            party = _party(other, crng, taken)
            if crng.random() < 0.5 and other.vat_type == "eu_vat" and loc.vat_type == "eu_vat":
                party["vat_type"], party["vat"] = "eu_vat", draw_tax_id(other.country, crng)
            customers.append({**party, "key": f"{key}-k{n}", "company": key})
    invoices = []
    for index, tag in enumerate(tags):
        drng = random.Random(f"{GENERATOR}:{seed}:{index}")
        loc, company = LOCALES[tag], companies[tag]
        customer = drng.choice((0, 0, 1, 1, 2))
        multi = drng.random() < 1 / 7
        foreign = drng.random() < 1 / 7
        currency = (drng.choice([c for c in ("EUR", "USD", "CHF") if c != loc.currency]) if foreign
                    else loc.currency)  # fmt: skip
        day = date(YEAR, 1, 1) + timedelta(days=drng.randint(0, 330))
        invoices.append({
            "id": f"e{seed}-{index:04d}-{tag}",
            "company": company["key"],
            "customer": f"{company['key']}-k{customer}",
            "currency": currency,
            "date": day.isoformat(),
            "term": drng.choice(TERMS)["key"],
            "credit": drng.random() < 1 / 8,
            "lines": _lines(loc, drng.randint(28, 44) if multi else drng.randint(1, 8), drng),
        })  # fmt: skip
    used = {c["currency"] for c in companies.values()} | {d["currency"] for d in invoices}
    countries = {loc.country: loc.country_name for loc in LOCALES.values()}
    languages = sorted({c["lang"] for c in companies.values()} | {c["lang"] for c in customers})
    return {
        "year": YEAR,
        "languages": languages,
        "countries": [{"code": code, "name": name} for code, name in sorted(countries.items())],
        "currencies": [
            {"code": c, "name": CURRENCY_NAMES[c][0], "symbol": CURRENCY_NAMES[c][1], "rate": RATES[c]}
            for c in sorted(used)
        ],
        "payment_terms": list(TERMS),
        "companies": list(companies.values()),
        "customers": customers,
        "invoices": invoices,
    }


# ------------------------------------------------------------------------------------------------ the truths


def _amount(value: str | Decimal) -> str:
    return str(abs(Decimal(value)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def truth(
    record: dict[str, Any], company: dict[str, Any], customer: dict[str, Any], doc: dict[str, Any]
) -> dict[str, Any]:
    """What a perfect extraction reads off the page, from what Tryton recorded: amounts positive (credit notes
    too), dates ISO, ids as Tryton keeps them."""
    due = record["due_dates"]
    return {
        "document_type": "credit_note" if doc["credit"] else "invoice",
        "type_code": "381" if doc["credit"] else "380",
        "invoice_number": record["number"],
        "invoice_date": record["invoice_date"],
        "due_date": due[0] if len(due) == 1 else None,
        "currency": record["currency"],
        "locale": record["language"],
        "seller_name": record["vendor"],
        "buyer_name": record["buyer"],
        "seller": {
            "name": record["vendor"],
            "street": company["street"],
            "postcode": company["postal_code"],
            "city": company["city"],
            "country": company["country"],
            "vat_id": record["vendor_tax_id"],
            "iban": company["iban"],
            "bic": None,
        },
        "buyer": {
            "name": record["buyer"],
            "street": customer["street"],
            "postcode": customer["postal_code"],
            "city": customer["city"],
            "country": customer["country"],
            "vat_id": record["buyer_tax_id"],
            "iban": None,
            "bic": None,
        },
        "seller_vat_id": record["vendor_tax_id"],
        "seller_iban": company["iban"],
        "po_number": None,
        "po_numbers": [],
        "delivery_note": None,
        "preceding_invoice": None,
        "subtotal_lines": _amount(record["untaxed"]),
        "allowance_total": "0.00",
        "charge_total": "0.00",
        "tax_basis_total": _amount(record["untaxed"]),
        "tax_total": _amount(record["tax"]),
        "grand_total": _amount(record["total"]),
        "prepaid": "0.00",
        "withheld": "0.00",
        "due_payable": _amount(record["total"]),
        "taxes": [
            {
                "category": "S",
                "description": t["description"],
                "base": _amount(t["base"]),
                "tax": _amount(t["amount"]),
                "exemption_reason": None,
            }
            for t in record["taxes"]
        ],
        "line_items": [
            {
                "line_id": str(n),
                "position": str(n),
                "name": line["description"],
                "quantity": str(abs(Decimal(line["quantity"]))),
                "unit_code": None,
                "unit_price_net": str(Decimal(line["unit_price"])),
                "line_total": _amount(line["amount"]),
            }
            for n, line in enumerate(record["lines"], 1)
        ],
        "notes": [],
        "payment_terms": None,
    }


def amount_forms(value: str) -> tuple[str, ...]:
    """Every way a page may print an amount (any decimal mark, any grouping; a credit note's minus or none):
    the check asks only whether the value is there, not how Tryton formats it."""
    number = Decimal(value)
    whole, cents = f"{abs(number):.2f}".split(".")
    groups = []
    rest = whole
    while len(rest) > 3:
        groups.insert(0, rest[-3:])
        rest = rest[:-3]
    groups.insert(0, rest)
    return tuple(
        f"{sep.join(groups)}{mark}{cents}" for mark in (",", ".") for sep in ("", ".", ",", " ", "'")
    )


def date_forms(iso: str) -> tuple[str, ...]:
    d = date.fromisoformat(iso)
    return tuple(d.strftime(f) for f in ("%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y.%m.%d",
                                           "%Y/%m/%d", "%d.%m.%y", "%d/%m/%y", "%m/%d/%y"))  # fmt: skip


def printed(t: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Each scored truth value in the forms a page may print it (any one of the strings will do)."""
    out: dict[str, tuple[str, ...]] = {
        "vendor": (t["seller_name"],),
        "buyer": (t["buyer_name"],),
        "invoice_number": (t["invoice_number"],),
        "invoice_date": date_forms(t["invoice_date"]),
        "total": amount_forms(t["grand_total"]),
        "subtotal": amount_forms(t["tax_basis_total"]),
        "tax_total": amount_forms(t["tax_total"]),
        "amount_due": amount_forms(t["due_payable"]),
        "currency": (
            t["currency"],
            *((CURRENCY_NAMES[t["currency"]][1],) if t["currency"] in UNIQUE else ()),
        ),
        "vendor_address": (t["seller"]["street"],),
    }
    if t["due_date"]:
        out["due_date"] = date_forms(t["due_date"])
    if t["seller_vat_id"]:
        out["vendor_vat_id"] = (t["seller_vat_id"],)
    if t["seller_iban"]:
        out["vendor_iban"] = (t["seller_iban"], grouped(t["seller_iban"]))
    for line in t["line_items"]:
        out[f"line[{line['position']}].name"] = (line["name"],)
        out[f"line[{line['position']}].total"] = amount_forms(line["line_total"])
    return out


UNIQUE = frozenset({"EUR", "GBP", "PLN", "CZK", "UAH", "TRY", "RUB"})
"""Currencies whose sign names one currency: a page that prints only the sign shows its currency."""


def missing(t: dict[str, Any], text: str) -> list[str]:
    """The scored truths whose printed form is not in ``text`` (names in any case: an address format may set
    them in capitals)."""
    page = squeeze(text)
    folded = page.casefold()
    casefree = NAMES | {"vendor_address"}
    return [
        name
        for name, options in printed(t).items()
        if not any(
            squeeze(o) in page or (name in casefree and squeeze(o).casefold() in folded) for o in options
        )
    ]


# ---------------------------------------------------------------------------------------------- the set


def _convert(folder: Path, names: list[str], timeout: int = 1800) -> None:
    """ODT → PDF for the whole set in one LibreOffice process (its own profile, so it runs beside others)."""
    program = soffice()
    if program is None:
        raise TrytonMissing("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="erp1-lo-") as profile:
        subprocess.run(
            [program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nolockcheck",
             "--convert-to", "pdf", "--outdir", str(folder), *[str(folder / f"{n}.odt") for n in names]],
            check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip


def run_tryton(spec: dict[str, Any], work: Path) -> list[dict[str, Any]]:
    """Tryton records, posts and prints the spec's invoices (tryton_side.py in Tryton's venv); its records."""
    python = tryton_python()
    if not python.is_file():
        raise TrytonMissing(f"no Tryton virtualenv at {python} (run .ci/tryton/install.sh)")
    (work / "spec.json").write_text(json.dumps(spec, ensure_ascii=False), "utf-8")
    done = subprocess.run([str(python), str(TRYTON_SIDE), str(work / "spec.json"), str(work)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"Tryton failed writing the set:\n{done.stderr[-4000:]}")
    print(done.stderr.strip(), file=sys.stderr)
    records: list[dict[str, Any]] = json.loads((work / "records.json").read_text("utf-8"))
    return records


def _pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def write_dataset(
    out: Path,
    count: int,
    seed: int = DEFAULT_SEED,
    *,
    tags: tuple[str, ...] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    if find_tryton() is None:
        raise TrytonMissing("Tryton's virtualenv or LibreOffice is missing (run .ci/tryton/install.sh)")
    spec = draw_spec(count, seed, tags)
    companies = {c["key"]: c for c in spec["companies"]}
    customers = {c["key"]: c for c in spec["customers"]}
    docs = {d["id"]: d for d in spec["invoices"]}
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="erp1-") as tmp:
        work = Path(tmp)
        records = {r["id"]: r for r in run_tryton(spec, work)}
        order = [d["id"] for d in spec["invoices"]]
        _convert(work, order)
        for index, item in enumerate(order):
            doc, record = docs[item], records[item]
            company, customer = companies[doc["company"]], customers[doc["customer"]]
            pdf = (work / f"{item}.pdf").read_bytes()
            (out / f"{item}.pdf").write_bytes(pdf)
            t = truth(record, company, customer, doc)
            factors = {
                "language": record["language"],
                "country": company["country"],
                "currency": record["currency"],
                "foreign_currency": "yes" if record["currency"] != company["currency"] else "no",
                "credit_note": "yes" if doc["credit"] else "no",
                "pages": "1" if _pages(pdf) == 1 else "2+",
                "letterhead": company["letterhead"],
                "numbering": company["sequence"]["kind"],
                "term": doc["term"],
            }
            t["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": record["language"],
                           "layout": "tryton_invoice", "format": "pdf", "factors": factors}  # fmt: skip
            (out / f"{item}.json").write_text(json.dumps(t, indent=1, ensure_ascii=False) + "\n", "utf-8")
            rows.append({"id": item, "document": f"{item}.pdf", "locale": record["language"],
                         "layout": "tryton_invoice", "kind": "invoice", "format": "pdf",
                         "credit_note": doc["credit"], "factors": factors,
                         "not_on_page": missing(t, page_text(pdf))})  # fmt: skip
            if progress:
                progress(index + 1)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows
