"""The part of evals/decisions3 that runs in Tryton's own virtualenv (opsloop's venv has no trytond):
``python tryton_template.py OUT_DIR``. Builds, once, the database every seed's company starts from (a copy):
modules purchase, stock_supply, account_invoice_stock, bank and purchase_amendment; the buyer (a German GmbH, EUR) with its chart of
accounts, fiscal year 2026 with periods and invoice sequences, purchase taxes 19 % and 7 % and an
intra-EU reverse-charge tax (a `none` tax whose children charge and credit 19 %), payment terms (14 and 30
days net), currencies EUR, USD, GBP, CHF with rates, a unit "box of 12", a goods and a services category.
Writes OUT_DIR/company.sqlite and OUT_DIR/template.json (the ids the eval needs over RPC).

Standard library, trytond and proteus only: no import from opsloop.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

DATABASE = "company"
MODULES = ["purchase", "stock_supply", "account_invoice_stock", "bank", "purchase_amendment"]
"""Activated with their dependencies; a cached template made with another list is built again."""


def config_text(folder: Path, port: int | None = None) -> str:
    listen = f"[web]\nlisten = 127.0.0.1:{port}\n" if port else ""
    return (
        f"[database]\nuri = sqlite://\npath = {folder}\nlanguage = en\n"
        f"[cache]\nclean_timeout = {10**9}\n{listen}[session]\nauthentications = password\n"
    )


def initialise(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "trytond.conf"
    config.write_text(config_text(folder), encoding="utf-8")
    (folder / f"{DATABASE}.sqlite").touch()
    password = folder / "admin-password"
    password.write_text("admin", encoding="utf-8")
    env = {**os.environ, "TRYTONPASSFILE": str(password)}
    admin = Path(sys.executable).parent / "trytond-admin"
    subprocess.run(
        [str(admin), "-c", str(config), "-d", DATABASE, "--all", "--activate-dependencies",
         "--email", "admin@example.com", "-u", *MODULES],
        check=True, env=env,
    )  # fmt: skip
    return config


def seed(config: Path) -> dict[str, object]:
    from proteus import Model
    from proteus import config as proteus_config
    from trytond.modules.account.tests.tools import create_chart, create_fiscalyear, get_accounts
    from trytond.modules.account_invoice.tests.tools import set_fiscalyear_invoice_sequences
    from trytond.modules.company.tests.tools import create_company, get_company

    proteus_config.set_trytond(database=DATABASE, config_file=str(config))
    Currency = Model.get("currency.currency")
    Rate = Model.get("currency.currency.rate")
    currencies = {}
    for code, name, symbol, rate in (
        ("EUR", "Euro", "€", "1"), ("USD", "US Dollar", "$", "1.08"),
        ("GBP", "Pound Sterling", "£", "0.85"), ("CHF", "Swiss Franc", "CHF", "0.95"),
    ):  # fmt: skip
        found = Currency.find([("code", "=", code)])
        currency = found[0] if found else Currency(name=name, code=code, symbol=symbol)
        currency.rounding = Decimal("0.01")
        currency.save()
        Rate(date=dt.date(2000, 1, 1), rate=Decimal(rate), currency=currency).save()
        currencies[code] = currency.id
    Party = Model.get("party.party")
    company_party = Party(name="Nordlicht Gerätebau GmbH")
    identifier = company_party.identifiers.new()
    identifier.type = "eu_vat"
    identifier.code = "DE136695976"
    address = company_party.addresses[0]
    address.street = "Hafenstraße 12"
    address.postal_code = "20457"
    address.city = "Hamburg"
    company_party.save()
    create_company(party=company_party, currency=Currency(currencies["EUR"]))
    company = get_company()
    create_chart(company)
    accounts = get_accounts(company)
    fiscalyear = set_fiscalyear_invoice_sequences(
        create_fiscalyear(company, today=(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    )
    fiscalyear.click("create_period")
    AccountConfiguration = Model.get("account.configuration")
    account_configuration = AccountConfiguration(1)
    account_configuration.currency_exchange_credit_account = accounts["revenue"]
    account_configuration.currency_exchange_debit_account = accounts["expense"]
    account_configuration.save()

    Tax = Model.get("account.tax")
    taxes = {}
    for rate in ("19", "7"):
        tax = Tax(name=f"Vorsteuer {rate} %", description=f"Vorsteuer {rate} %", type="percentage",
                  rate=Decimal(rate) / 100, invoice_account=accounts["tax"], credit_note_account=accounts["tax"])  # fmt: skip
        tax.save()
        taxes[rate] = tax.id
    reverse = Tax(name="Innergemeinschaftlicher Erwerb 19 %", description="Reverse charge", type="none")
    for sign in ("1", "-1"):
        child = reverse.childs.new()
        child.name = f"Erwerbsteuer {sign}"
        child.description = child.name
        child.type = "percentage"
        child.rate = Decimal("0.19") * Decimal(sign)
        child.invoice_account = accounts["tax"]
        child.credit_note_account = accounts["tax"]
    reverse.save()
    taxes["rc"] = reverse.id

    Term = Model.get("account.invoice.payment_term")
    Delta = Model.get("account.invoice.payment_term.line.delta")
    terms = {}
    for days in (14, 30):
        term = Term(name=f"{days} Tage netto")
        line = term.lines.new(type="remainder")
        line.relativedeltas.append(Delta(days=days))
        term.save()
        terms[str(days)] = term.id

    Uom = Model.get("product.uom")
    (unit,) = Uom.find([("name", "=", "Unit")])
    box = Uom(name="Box of 12", symbol="box12", category=unit.category, factor=12, rounding=1, digits=0)
    box.save()

    Category = Model.get("product.category")
    categories = {}
    for kind, rate in (("goods19", "19"), ("goods7", "7"), ("service", "19")):
        category = Category(name=kind)
        category.accounting = True
        category.account_expense = accounts["expense"]
        category.account_revenue = accounts["revenue"]
        category.supplier_taxes.append(Tax(taxes[rate]))
        category.save()
        categories[kind] = category.id

    PurchaseConfig = Model.get("purchase.configuration")
    purchase_config = PurchaseConfig(1)
    sequence = purchase_config.purchase_sequence
    sequence.prefix = "BE"
    sequence.padding = 6
    sequence.save()

    Location = Model.get("stock.location")
    (warehouse,) = Location.find([("type", "=", "warehouse")])
    (supplier_location,) = Location.find([("type", "=", "supplier")])
    return {
        "company": company.id,
        "company_party": company_party.id,
        "currencies": currencies,
        "taxes": taxes,
        "terms": terms,
        "units": {"Unit": unit.id, "Box of 12": box.id},
        "categories": categories,
        "accounts": {k: accounts[k].id for k in ("expense", "payable", "revenue", "tax")},
        "warehouse": warehouse.id,
        "input": warehouse.input_location.id,
        "storage": warehouse.storage_location.id,
        "supplier_location": supplier_location.id,
    }


def copy_database(source: Path, target: Path) -> None:
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    with sqlite3.connect(target) as dst:
        dst.execute("PRAGMA journal_mode=DELETE")


def main() -> None:
    out = Path(sys.argv[1]).resolve()
    build = out.with_name(out.name + ".build")
    if build.exists():
        import shutil

        shutil.rmtree(build)
    config = initialise(build)
    facts = {**seed(config), "modules": MODULES}
    out.mkdir(parents=True, exist_ok=True)
    copy_database(build / f"{DATABASE}.sqlite", out / f"{DATABASE}.sqlite")
    (out / "template.json").write_text(json.dumps(facts, indent=2), encoding="utf-8")
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
