"""Initialise and seed a Tryton 8.2 SQLite database for opsloop's connector tests.

Run with the Tryton virtualenv's python (install.sh makes it):
    .ci/tryton/.venv/bin/python .ci/tryton/seed.py [--force]
Writes .ci/tryton/var/seed/opsloop.sqlite (kept as the pristine copy tests start from) and
.ci/tryton/var/seed/seed.json (ids and numbers of what was seeded). Cached: does nothing when the
seed exists, unless --force.

Seeded: company "opsloop Demo GmbH" (EUR, EU VAT DE190000359, Hafenstraße 1, 20457 Hamburg) with a chart of accounts, fiscal year and invoice
sequences, a 19 % supplier tax, a direct payment term; supplier ACME Fasteners GmbH (EU VAT
DE136695976, a bank account with IBAN DE89370400440532013000) and Other Supplies Ltd (none); products D-400 Safety gloves and B-100 Hex bolts; a confirmed
purchase order from ACME (20 gloves at 4.00, 100 bolts at 0.50) of which only the gloves are
received (a partial receipt).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE / "var" / "seed"
DATABASE = "opsloop"
ADMIN_PASSWORD = "admin"
MODULES = ["purchase", "stock_supply", "account_invoice_stock", "bank", "purchase_amendment"]
"""Activated with their dependencies; a seed made with another list is made again."""
ACME_IBAN = "DE89370400440532013000"


def write_config(folder: Path, port: int = 8000) -> Path:
    """trytond.conf for a database folder (SQLite) listening on 127.0.0.1:port."""
    config = folder / "trytond.conf"
    config.write_text(
        "[database]\nuri = sqlite://\n"
        f"path = {folder}\n"
        f"[web]\nlisten = 127.0.0.1:{port}\n"
        "[session]\nauthentications = password\n",
        encoding="utf-8",
    )
    return config


def initialise(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = write_config(folder)
    (folder / f"{DATABASE}.sqlite").touch()  # trytond-admin needs the file to exist
    password = folder / "admin-password"
    password.write_text(ADMIN_PASSWORD, encoding="utf-8")
    env = {**os.environ, "TRYTONPASSFILE": str(password)}
    admin = Path(sys.executable).parent / "trytond-admin"
    subprocess.run(
        [
            str(admin), "-c", str(config), "-d", DATABASE, "--all", "--activate-dependencies",
            "--email", "admin@example.com", "-u", *MODULES,
        ],
        check=True,
        env=env,
    )
    return config


def seed(config_file: Path) -> dict[str, object]:
    from proteus import Model
    from proteus import config as proteus_config
    from trytond.modules.account.tests.tools import create_chart, create_fiscalyear, create_tax, get_accounts
    from trytond.modules.account_invoice.tests.tools import (
        create_payment_term,
        set_fiscalyear_invoice_sequences,
    )
    from trytond.modules.company.tests.tools import create_company, get_company

    proteus_config.set_trytond(database=DATABASE, config_file=str(config_file))
    Party = Model.get("party.party")
    company_party = Party(name="opsloop Demo GmbH")
    company_identifier = company_party.identifiers.new()  # who "we" are: the company's own VAT id
    company_identifier.type = "eu_vat"
    company_identifier.code = "DE190000359"
    (company_address,) = company_party.addresses
    company_address.street = "Hafenstraße 1"
    company_address.postal_code = "20457"
    company_address.city = "Hamburg"
    company_party.save()
    create_company(party=company_party, currency="EUR")
    company = get_company()
    create_chart(company)
    today = dt.date.today()
    fiscalyear = set_fiscalyear_invoice_sequences(create_fiscalyear(company, today=today))
    fiscalyear.click("create_period")
    accounts = get_accounts(company)

    tax = create_tax(Decimal("0.19"), company)
    tax.name = tax.description = "VAT 19%"
    tax.save()
    payment_term = create_payment_term()
    payment_term.save()

    acme = Party(name="ACME Fasteners GmbH")
    identifier = acme.identifiers.new()
    identifier.type = "eu_vat"
    identifier.code = "DE136695976"
    acme.save()
    # the bank module: ACME's bank account (an IBAN); Other Supplies has none on file
    # (no bank record: it would be one more party)
    Account = Model.get("bank.account")
    account = Account()
    account.owners.append(Party(acme.id))
    number = account.numbers.new()
    number.type = "iban"
    number.number = ACME_IBAN
    account.save()
    other = Party(name="Other Supplies Ltd")
    other.save()

    Category = Model.get("product.category")
    category = Category(name="Purchased goods")
    category.accounting = True
    category.account_expense = accounts["expense"]
    category.account_revenue = accounts["revenue"]
    category.supplier_taxes.append(tax)
    category.save()

    Uom = Model.get("product.uom")
    (unit,) = Uom.find([("name", "=", "Unit")])
    Template = Model.get("product.template")
    products = {}
    for code, name, price in (("D-400", "Safety gloves", "4.00"), ("B-100", "Hex bolts M8", "0.50")):
        template = Template(name=name, code=code, default_uom=unit, type="goods", purchasable=True)
        template.list_price = Decimal(price) * 2
        template.cost_price_method = "fixed"
        template.account_category = category
        template.save()
        (product,) = template.products
        product.cost_price = Decimal(price)
        product.save()
        products[code] = product

    PurchaseConfig = Model.get("purchase.configuration")
    purchase_config = PurchaseConfig(1)
    sequence = purchase_config.purchase_sequence
    sequence.prefix = "PO-"
    sequence.padding = 5
    sequence.save()

    Purchase = Model.get("purchase.purchase")
    purchase = Purchase(party=acme, payment_term=payment_term, invoice_method="manual")
    purchase.purchase_date = today
    for code, quantity, price in (("D-400", 20, "4.00"), ("B-100", 100, "0.50")):
        line = purchase.lines.new()
        line.product = products[code]
        line.quantity = float(quantity)
        line.unit_price = Decimal(price)
    purchase.click("quote")
    purchase.click("confirm")
    purchase.reload()

    Move = Model.get("stock.move")
    ShipmentIn = Model.get("stock.shipment.in")
    shipment = ShipmentIn(supplier=acme)
    gloves_move = next(m for m in purchase.moves if m.product.id == products["D-400"].id)
    shipment.incoming_moves.append(Move(gloves_move.id))
    shipment.save()
    shipment.click("receive")
    shipment.click("do")
    purchase.reload()
    return {
        "database": DATABASE,
        "company": company.id,
        "purchase": {"id": purchase.id, "number": purchase.number, "state": purchase.state},
        "suppliers": {"ACME": acme.id, "OTHER": other.id},
        "iban": {"ACME": ACME_IBAN},
        "bank_account": account.id,
        "modules": MODULES,
        "products": {code: p.id for code, p in products.items()},
        "shipment": {"id": shipment.id, "number": shipment.number},
        "expense_account": accounts["expense"].id,
        "payable_account": accounts["payable"].id,
        "tax": tax.id,
        "payment_term": payment_term.id,
        "admin_password": ADMIN_PASSWORD,
    }


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database that may be in WAL mode (what trytond uses)."""
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    with sqlite3.connect(target) as dst:
        dst.execute("PRAGMA journal_mode=DELETE")


def main() -> None:
    made = json.loads((SEED / "seed.json").read_text()) if (SEED / "seed.json").exists() else None
    if made is not None and made.get("modules") == MODULES and "--force" not in sys.argv:
        print(f"Tryton seed exists: {SEED}")
        return
    if SEED.exists():
        shutil.rmtree(SEED)
    work = HERE / "var" / "build"
    if work.exists():
        shutil.rmtree(work)
    config = initialise(work)
    facts = seed(config)
    SEED.mkdir(parents=True)
    copy_database(work / f"{DATABASE}.sqlite", SEED / f"{DATABASE}.sqlite")
    (SEED / "seed.json").write_text(json.dumps(facts, indent=2), encoding="utf-8")
    shutil.rmtree(work)
    print(f"Tryton seeded: {SEED} {json.dumps(facts)}")


if __name__ == "__main__":
    main()
