"""The part of evals/erp1 that runs in Tryton's own virtualenv (``.ci/tryton/.venv/bin/python``; opsloop's
venv has no trytond): ``python tryton_side.py SPEC.json OUT_DIR``.

It makes a fresh SQLite database in OUT_DIR (``trytond-admin --all -l <languages> -u account_invoice``, the
translations Tryton ships loaded), records what the spec asks for — countries, currencies, payment terms,
companies (each with its chart of accounts, fiscal year, invoice sequences, taxes, header and footer),
customers, customer invoices and credit notes — posts the invoices (Tryton numbers them from its
sequences and computes their taxes, totals and due dates), renders account_invoice's own report per
invoice (``<id>.odt``, in the customer's language: the template calls ``set_lang(invoice.party.lang)``)
and writes ``records.json``: what Tryton recorded for each invoice. PDF conversion is left to the caller,
batched (one LibreOffice process for the whole set).

Standard library, trytond and proteus only: no import from opsloop.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

DATABASE = "erp1"


CACHE_CLEAN_TIMEOUT = 10**9
"""Seconds between trytond's cache syncs, so long that none comes while a set is written. Tryton's SQLite backend
keeps one connection per database; a sync (every ``[cache] clean_timeout`` seconds, 300 by default) asks it for
an autocommit connection, which switches that one connection to autocommit. When that happens as proteus
tries a button call again (every post is tried at least twice: the invoice's strict sequence, and a new
month's journal period, are locked only on a later try), the rest of that try is committed statement by
statement, the rollback before the next try undoes nothing, and the next try finds the invoice already
numbered and posted ("You can not call post on <number>"). With the default, the first transaction after each
five minutes runs so; a long build (150 invoices: about forty minutes) sooner or later hits a post's later try.
One process writes the database, so no other process's cache is there to sync with."""


def config_text(folder: Path) -> str:
    """trytond.conf for a set's database in ``folder``."""
    return (
        f"[database]\nuri = sqlite://\npath = {folder}\nlanguage = en\n"
        f"[cache]\nclean_timeout = {CACHE_CLEAN_TIMEOUT}\n"
    )


def initialise(folder: Path, languages: list[str]) -> Path:
    config = folder / "trytond.conf"
    config.write_text(config_text(folder), encoding="utf-8")
    (folder / f"{DATABASE}.sqlite").touch()
    password = folder / "admin-password"
    password.write_text("admin", encoding="utf-8")
    env = {**os.environ, "TRYTONPASSFILE": str(password)}
    admin = Path(sys.executable).parent / "trytond-admin"
    subprocess.run(
        [str(admin), "-c", str(config), "-d", DATABASE, "--all", "--activate-dependencies",
         "--email", "admin@example.com", "-u", "account_invoice", "-l", *languages],
        check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    return config


class NotPosted(RuntimeError):
    """Tryton would not post one of the spec's invoices: named by its id in the set, with what Tryton said."""

    def __init__(self, doc: dict, record_id: int | None, error: BaseException) -> None:
        kind = "credit note" if doc.get("credit") else "invoice"
        super().__init__(
            f"Tryton did not post {doc['id']} ({kind} of {doc['company']} to {doc['customer']}, "
            f"{doc['currency']}, dated {doc['date']}, {len(doc['lines'])} lines; account.invoice {record_id}): "
            f"{type(error).__name__}: {error}"
        )


def money(value: object) -> str:
    return str(Decimal(str(value)))


def build(spec: dict, config_file: Path, out: Path) -> list[dict]:
    from proteus import Model, Report
    from proteus import config as proteus_config
    from trytond.modules.account.tests.tools import create_chart, create_fiscalyear, get_accounts

    config = proteus_config.set_trytond(database=DATABASE, config_file=str(config_file))
    Lang = Model.get("ir.lang")
    langs = {lang.code: lang for lang in Lang.find([("code", "in", spec["languages"])])}
    PartyConfiguration = Model.get("party.configuration")
    party_configuration = PartyConfiguration(1)
    party_configuration.identifier_types = []  # all of Tryton's identifier types
    party_configuration.save()
    Country = Model.get("country.country")
    countries = {}
    for row in spec["countries"]:
        country = Country(name=row["name"], code=row["code"])
        country.save()
        countries[row["code"]] = country
    Currency = Model.get("currency.currency")
    Rate = Model.get("currency.currency.rate")
    currencies = {}
    for row in spec["currencies"]:
        currency = Currency(
            name=row["name"], symbol=row["symbol"], code=row["code"], rounding=Decimal("0.01")
        )
        currency.save()
        Rate(date=dt.date(2000, 1, 1), rate=Decimal(row["rate"]), currency=currency).save()
        currencies[row["code"]] = currency
    Term = Model.get("account.invoice.payment_term")
    terms = {}
    for row in spec["payment_terms"]:
        term = Term(name=row["name"])
        line = term.lines.new(type="remainder")
        delta = line.relativedeltas[0] if line.relativedeltas else line.relativedeltas.new()
        delta.days = row.get("days", 0)
        if row.get("month_end"):
            delta.day = 31
            delta.months = row.get("months", 0)
        term.save()
        terms[row["key"]] = term

    Party = Model.get("party.party")
    Company = Model.get("company.company")
    User = Model.get("res.user")
    Sequence = Model.get("ir.sequence.strict")
    SequenceType = Model.get("ir.sequence.type")
    Tax = Model.get("account.tax")
    Invoice = Model.get("account.invoice")
    Warning_ = Model.get("res.user.warning")
    (invoice_type,) = SequenceType.find([("name", "=", "Invoice")], limit=1)

    def party_of(row: dict) -> object:
        party = Party(name=row["name"], lang=langs[row["lang"]])
        address = party.addresses[0] if party.addresses else party.addresses.new()
        address.street = row["street"]
        address.postal_code = row["postal_code"]
        address.city = row["city"]
        address.country = countries[row["country"]]
        for kind in ("phone", "email", "website"):
            if row.get(kind):
                mechanism = party.contact_mechanisms.new()
                mechanism.type = kind
                mechanism.value = row[kind]
        if row.get("vat"):
            identifier = party.identifiers.new()
            identifier.type = row["vat_type"]
            identifier.code = row["vat"]
        party.save()
        return party

    records: list[dict] = []
    for crow in spec["companies"]:
        cparty = party_of(crow)
        company = Company(party=cparty, currency=currencies[crow["currency"]])
        company.header = crow.get("header") or None
        company.footer = crow.get("footer") or None
        company.save()
        user = User(config.user)
        user.companies.append(Company(company.id))
        user.company = Company(company.id)
        user.save()
        config._context = User.get_preferences(True, {})
        company = Company(company.id)
        create_chart(company)
        accounts = get_accounts(company)
        AccountConfiguration = Model.get("account.configuration")
        account_configuration = AccountConfiguration(1)  # where a foreign-currency invoice books its exchange
        account_configuration.currency_exchange_credit_account = accounts["revenue"]
        account_configuration.currency_exchange_debit_account = accounts["expense"]
        account_configuration.save()
        year = create_fiscalyear(company, today=(dt.date(spec["year"], 1, 1), dt.date(spec["year"], 12, 31)))
        seq = crow["sequence"]
        out_seq = Sequence(name=f"{crow['key']} invoices", sequence_type=invoice_type, company=company,
                           prefix=seq["prefix"], padding=seq["padding"], number_next=seq["start"])  # fmt: skip
        out_seq.save()
        credit_seq = Sequence(name=f"{crow['key']} credit notes", sequence_type=invoice_type, company=company,
                              prefix=seq["credit_prefix"], padding=seq["padding"], number_next=1)  # fmt: skip
        credit_seq.save()
        (sequences,) = year.invoice_sequences
        sequences.out_invoice_sequence = out_seq
        sequences.in_invoice_sequence = out_seq
        sequences.out_credit_note_sequence = credit_seq
        sequences.in_credit_note_sequence = credit_seq
        year.save()
        year.click("create_period")
        taxes = {}
        for rate in crow["rates"]:
            tax = Tax(name=f"{crow['tax_name']} {rate}", description=f"{crow['tax_name']} {rate} %", type="percentage",
                      rate=Decimal(rate) / 100, invoice_account=accounts["tax"], credit_note_account=accounts["tax"])  # fmt: skip
            tax.save()
            taxes[rate] = tax
        customers = {row["key"]: party_of(row) for row in spec["customers"] if row["company"] == crow["key"]}
        docs = sorted(
            (d for d in spec["invoices"] if d["company"] == crow["key"]), key=lambda d: (d["date"], d["id"])
        )
        for doc in docs:
            invoice = Invoice(type="out", party=customers[doc["customer"]], payment_term=terms[doc["term"]],
                              invoice_date=dt.date.fromisoformat(doc["date"]), currency=currencies[doc["currency"]])  # fmt: skip
            if doc.get("reference"):
                invoice.reference = doc["reference"]
            sign = -1 if doc["credit"] else 1
            for item in doc["lines"]:
                line = invoice.lines.new()
                line.account = accounts["revenue"]
                line.description = item["description"]
                line.quantity = sign * float(item["quantity"])
                line.unit_price = Decimal(item["unit_price"])
                line.taxes.append(Tax(taxes[item["rate"]].id))
            invoice.save()
            # dates before today: answer Tryton's "payment date in the past" warning as a user would ("always")
            key = hashlib.md5(f"account.invoice,{invoice.id}".encode()).hexdigest()
            Warning_(user=config.user, name=f"{key}.invoice_payment_term", always=True).save()
            try:
                invoice.click("post")
            except Exception as error:  # Tryton refused: the set cannot be written; say which invoice and why
                raise NotPosted(doc, invoice.id, error) from error
            invoice.reload()
            _, content, _, _ = Report("account.invoice").execute([invoice], {})
            (out / f"{doc['id']}.odt").write_bytes(bytes(content))
            maturities = sorted({line.maturity_date for line in invoice.lines_to_pay if line.maturity_date})
            records.append(
                {
                    "id": doc["id"],
                    "number": invoice.number,
                    "invoice_date": invoice.invoice_date.isoformat(),
                    "due_dates": [d.isoformat() for d in maturities],
                    "currency": invoice.currency.code,
                    "untaxed": money(invoice.untaxed_amount),
                    "tax": money(invoice.tax_amount),
                    "total": money(invoice.total_amount),
                    "vendor": invoice.company.party.name,
                    "buyer": invoice.party.name,
                    "vendor_tax_id": invoice.tax_identifier.code if invoice.tax_identifier else None,
                    "buyer_tax_id": invoice.party_tax_identifier.code
                    if invoice.party_tax_identifier
                    else None,
                    "language": invoice.party.lang.code,
                    "taxes": [
                        {"description": t.description, "base": money(t.base), "amount": money(t.amount)}
                        for t in invoice.taxes
                    ],
                    "lines": [
                        {
                            "description": line.description,
                            "quantity": money(line.quantity),
                            "unit_price": money(line.unit_price),
                            "amount": money(line.amount),
                        }
                        for line in invoice.lines
                    ],
                }
            )
    return records


def main(argv: list[str]) -> int:
    spec_path, out = Path(argv[0]), Path(argv[1])
    spec = json.loads(spec_path.read_text("utf-8"))
    db = out / "db"
    db.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    config = initialise(db, spec["languages"])
    print(
        f"erp1: database with {len(spec['languages'])} languages in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    records = build(spec, config, out)
    (out / "records.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
