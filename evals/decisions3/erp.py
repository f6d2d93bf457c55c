"""The company's Tryton: a copy of the template database served by its own trytond on a free loopback
port, and what the company's people do in it (create parties and products, order, receive, return,
cancel, deactivate a supplier, key in a supplier invoice) — over Tryton's JSON-RPC, as its own client
does. A small client of our own: nothing of opsloop's connector is used to build the company."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DATABASE = "company"
MODULES = ["purchase", "stock_supply", "account_invoice_stock", "bank", "purchase_amendment"]
"""What the template activates (tryton_template.MODULES: that file runs in Tryton's venv, not imported here)."""


def tryton_home() -> Path:
    """The folder of Tryton's virtualenv (.ci/tryton): ours, else the main checkout's (OPSLOOP_TEST_TRYTON)."""
    for candidate in (
        os.environ.get("OPSLOOP_TEST_TRYTON"),
        REPO / ".ci" / "tryton",
        "/work/main/.ci/tryton",
    ):
        if candidate and (Path(candidate) / ".venv" / "bin" / "trytond").exists():
            return Path(candidate).resolve()
    raise RuntimeError("no Tryton virtualenv: run .ci/tryton/install.sh (or set OPSLOOP_TEST_TRYTON)")


def template(cache: Path) -> tuple[Path, dict[str, Any]]:
    """The template database (built once, cached in `cache`): its sqlite file and its ids."""
    folder = cache / "template"
    made = json.loads((folder / "template.json").read_text()) if (folder / "template.json").exists() else {}
    if made.get("modules") != MODULES:
        python = tryton_home() / ".venv" / "bin" / "python"
        log = cache / "template.log"
        cache.mkdir(parents=True, exist_ok=True)
        with log.open("wb") as out:
            subprocess.run(
                [str(python), str(HERE / "tryton_template.py"), str(folder)],
                check=True,
                stdout=out,
                stderr=out,
            )
    return folder / f"{DATABASE}.sqlite", json.loads((folder / "template.json").read_text())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _enc(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"__class__": "Decimal", "decimal": format(value, "f")}
    if isinstance(value, date):
        return {"__class__": "date", "year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, (list, tuple)):
        return [_enc(v) for v in value]
    if isinstance(value, dict):
        return {k: _enc(v) for k, v in value.items()}
    return value


def _dec(value: Any) -> Any:
    if isinstance(value, list):
        return [_dec(v) for v in value]
    if isinstance(value, dict):
        kind = value.get("__class__")
        if kind == "Decimal":
            return Decimal(str(value["decimal"]))
        if kind == "date":
            return date(value["year"], value["month"], value["day"])
        if kind == "datetime":
            return f"{value['year']}-{value['month']:02d}-{value['day']:02d}"
        return {k: _dec(v) for k, v in value.items()}
    return value


class TrytonError(RuntimeError):
    pass


class Server:
    """trytond serving a copy of the template in `folder`."""

    def __init__(self, folder: Path, template_db: Path) -> None:
        folder = folder.resolve()  # trytond opens the database by its absolute path
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(template_db, folder / f"{DATABASE}.sqlite")
        self.port = _free_port()
        config = folder / "trytond.conf"
        config.write_text(
            f"[database]\nuri = sqlite://\npath = {folder}\nlanguage = en\n[cache]\nclean_timeout = {10**9}\n"
            f"[web]\nlisten = 127.0.0.1:{self.port}\n[session]\nauthentications = password\n"
            # a run on a loaded machine leaves a login idle past trytond's 600 s: the eval's session stays valid
            f"timeout = {10**7}\n",
            encoding="utf-8",
        )
        self._log = (folder / "server.log").open("wb")
        self.process = subprocess.Popen(
            ["nice", str(tryton_home() / ".venv" / "bin" / "trytond"), "-c", str(config), "-d", DATABASE],
            stdout=self._log,
            stderr=self._log,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = Client(self.url)
        deadline = time.monotonic() + 120
        while True:
            try:
                self.client.login()
                return
            except Exception as error:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    log = (folder / "server.log").read_text()[-2000:]
                    raise TrytonError(f"trytond did not start: {log}") from error
                time.sleep(0.5)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


class Client:
    """Tryton's JSON-RPC as its desktop client speaks it (login, then model calls with the user's context)."""

    def __init__(self, url: str, user: str = "admin", password: str = "admin") -> None:
        self.http = httpx.Client(base_url=url, timeout=300)
        self.user, self.password = user, password
        self.auth: str | None = None
        self.context: dict[str, Any] = {}
        self.user_id = 0
        self.n = 0

    def _post(self, method: str, params: list[Any]) -> Any:
        self.n += 1
        headers = {"Authorization": self.auth} if self.auth else {}
        body = {"id": self.n, "method": method, "params": _enc(params)}
        response = self.http.post(f"/{DATABASE}/rpc/", json=body, headers=headers)
        response.raise_for_status()
        data = response.json()
        if data.get("error"):
            raise TrytonError(f"{method}: {data['error']}")
        return _dec(data.get("result"))

    def login(self) -> None:
        result = self._post("common.db.login", [self.user, {"password": self.password}])
        self.user_id = int(result[0])
        self.auth = "Session " + base64.b64encode(f"{self.user}:{result[0]}:{result[1]}".encode()).decode()
        self.context = self._post("model.res.user.get_preferences", [True, {}])

    def __call__(self, model: str, method: str, *args: Any, context: dict[str, Any] | None = None) -> Any:
        return self._post(f"model.{model}.{method}", [*args, {**self.context, **(context or {})}])

    def button(self, model: str, method: str, ids: list[int]) -> Any:
        """A button, answering a warning as a user would ("always") and trying again."""
        for _ in range(4):
            try:
                return self(model, method, ids)
            except TrytonError as error:
                text = str(error)
                if "UserWarning" not in text:
                    raise
                name = text.split("'UserWarning', ['", 1)[1].split("'", 1)[0] if "['" in text else ""
                self("res.user.warning", "create", [{"user": self.user_id, "name": name, "always": True}])
        raise TrytonError(f"{model}.{method} kept warning")

    def search_read(
        self, model: str, domain: list[Any], fields: list[str], **ctx: Any
    ) -> list[dict[str, Any]]:
        return list(self(model, "search_read", domain, 0, None, [["id", "ASC"]], fields, context=ctx or None))


class Company:
    """What the company's people do in Tryton (ids from the template)."""

    def __init__(self, client: Client, facts: dict[str, Any]) -> None:
        self.c = client
        self.f = facts
        self.parties: dict[str, int] = {}
        self.products: dict[str, int] = {}
        self.purchases: dict[str, int] = {}
        self.numbers: dict[str, str] = {}
        self.accounts: dict[str, int] = {}

    def party(self, key: str, code: str, name: str, vat: str | None, street: str, zip_: str, city: str,
              country: str | None = None) -> int:  # fmt: skip
        values: dict[str, Any] = {
            "name": name,
            "code": code,
            "addresses": [["create", [{"street": street, "postal_code": zip_, "city": city}]]],
        }
        if vat:
            values["identifiers"] = [
                [
                    "create",
                    [
                        {
                            "type": "eu_vat" if vat[:2].isalpha() and not vat.startswith("US") else None,
                            "code": vat,
                        }
                    ],
                ]
            ]
        (pid,) = self.c("party.party", "create", [values])
        self.parties[key] = pid
        return pid

    def bank_account(self, key: str, iban: str) -> int:
        """The party's bank account with one IBAN (AP's master data, Tryton's bank module)."""
        (aid,) = self.c("bank.account", "create", [{"owners": [["add", [self.parties[key]]]],
                                                    "numbers": [["create", [{"type": "iban", "number": iban}]]]}])  # fmt: skip
        self.accounts[key] = aid
        return aid

    def share_account(self, key: str, owner: str) -> None:
        """A second owner for the party's bank account (a supplier's master entered twice pays to one account)."""
        self.c("bank.account", "write", [self.accounts[key]], {"owners": [["add", [self.parties[owner]]]]})

    def change_iban(self, key: str, iban: str) -> None:
        """New bank details on file: the old account closed (with its number), a new one opened."""
        old = self.accounts[key]
        (row,) = self.c("bank.account", "read", [old], ["numbers"])
        self.c(
            "bank.account",
            "write",
            [old],
            {"active": False, "numbers": [["write", row["numbers"], {"active": False}]]},
        )
        self.bank_account(key, iban)

    def deactivate(self, key: str) -> None:
        self.c("party.party", "write", [self.parties[key]], {"active": False})

    def product(self, sku: str, name: str, price: Decimal, category: str, unit: str = "Unit") -> int:
        kind = "service" if category == "service" else "goods"
        uom = self.f["units"]["Unit"]
        (tid,) = self.c(
            "product.template",
            "create",
            [
                {
                    "name": name,
                    "code": sku,
                    "type": kind,
                    "default_uom": uom,
                    "purchasable": True,
                    "purchase_uom": self.f["units"][unit],
                    "list_price": price * 2,
                    "account_category": self.f["categories"][category],
                    "products": [["create", [{"suffix_code": ""}]]],
                }
            ],
        )
        (row,) = self.c("product.template", "read", [tid], ["products"])
        self.products[sku] = row["products"][0]
        return int(row["products"][0])

    def order(self, key: str, party: str, when: date, currency: str, lines: list[dict[str, Any]],
              tax: str, term: str = "30", confirm: bool = True) -> str:  # fmt: skip
        """A purchase: lines {sku, quantity, unit, price}; tax '19' / '7' / 'rc' / 'none' (per line `tax`)."""
        party_id = self.parties[party]
        (row,) = self.c("party.party", "read", [party_id], ["addresses"])
        created = []
        for line in lines:
            rate = line.get("tax", tax)
            taxes = [] if rate == "none" else [self.f["taxes"][rate]]
            created.append(
                {
                    "type": "line",
                    "product": self.products[line["sku"]],
                    "description": line["description"],
                    "quantity": float(line["quantity"]),
                    "unit": self.f["units"][line.get("unit", "Unit")],
                    "unit_price": Decimal(line["price"]),
                    "taxes": [["add", taxes]],
                }
            )
        (pid,) = self.c(
            "purchase.purchase",
            "create",
            [
                {
                    "company": self.f["company"],
                    "party": party_id,
                    "invoice_address": row["addresses"][0],
                    "warehouse": self.f["warehouse"],
                    "currency": self.f["currencies"][currency],
                    "purchase_date": when,
                    "payment_term": self.f["terms"][term],
                    "invoice_method": "manual",
                    "lines": [["create", created]],
                }
            ],
        )
        self.c.button("purchase.purchase", "quote", [pid])
        if confirm:
            self.c.button("purchase.purchase", "confirm", [pid])
        (row,) = self.c("purchase.purchase", "read", [pid], ["number"])
        self.purchases[key] = pid
        self.numbers[key] = row["number"]
        return str(row["number"])

    def amend(self, key: str, sku: str, when: date, *, price: Decimal | None = None,
              quantity: Decimal | None = None) -> None:  # fmt: skip
        """A validated amendment of the confirmed purchase (Tryton's purchase_amendment): the SKU's line
        gets a new unit price or quantity, the purchase a new revision."""
        (line,) = self.c.search_read(
            "purchase.line",
            [["purchase", "=", self.purchases[key]], ["product", "=", self.products[sku]]],
            ["product", "quantity", "unit", "unit_price", "description"],
        )
        change = {
            "action": "line",
            "line": line["id"],
            "product": line["product"],
            "quantity": float(quantity) if quantity is not None else line["quantity"],
            "unit": line["unit"],
            "unit_price": price if price is not None else line["unit_price"],
            "description": line["description"],
        }
        (aid,) = self.c("purchase.amendment", "create", [{"purchase": self.purchases[key], "date": when,
                                                          "description": "agreed with the supplier",
                                                          "lines": [["create", [change]]]}])  # fmt: skip
        self.c.button("purchase.amendment", "validate_amendment", [aid])

    def _moves(self, key: str) -> list[dict[str, Any]]:
        lines = self.c.search_read(
            "purchase.line", [["purchase", "=", self.purchases[key]]], ["moves", "product"]
        )
        ids = [m for line in lines for m in line["moves"]]
        return self.c(
            "stock.move",
            "read",
            ids,
            ["product", "quantity", "state", "origin", "unit", "unit_price", "currency", "from_location"],
        )

    def receive(self, key: str, when: date, share: dict[str, Decimal] | None = None) -> None:
        """An incoming shipment of the purchase's waiting moves (all, or per SKU the share of the ordered quantity)."""
        sku_of = {v: k for k, v in self.products.items()}
        moves = [m for m in self._moves(key) if m["state"] == "draft"]
        chosen = []
        for move in moves:
            part = (share or {}).get(sku_of[move["product"]], Decimal(1))
            if part <= 0:
                continue
            if part < 1:
                keep = Decimal(repr(move["quantity"])) * part
                self.c("stock.move", "write", [move["id"]], {"quantity": float(keep)})
            chosen.append(move["id"])
        if not chosen:
            return
        party = self.c("purchase.purchase", "read", [self.purchases[key]], ["party"])[0]["party"]
        (sid,) = self.c(
            "stock.shipment.in",
            "create",
            [
                {
                    "supplier": party,
                    "company": self.f["company"],
                    "warehouse": self.f["warehouse"],
                    "warehouse_input": self.f["input"],
                    "warehouse_storage": self.f["storage"],
                    "effective_date": when,
                    "incoming_moves": [["add", chosen]],
                }
            ],
        )
        self.c.button("stock.shipment.in", "receive", [sid])
        self.c.button("stock.shipment.in", "do", [sid])

    def return_goods(self, key: str, when: date, quantities: dict[str, Decimal] | None = None) -> None:
        """Send everything received on the purchase back to the supplier (a supplier return, done), or per SKU
        the quantity given (`quantities`)."""
        party = self.c("purchase.purchase", "read", [self.purchases[key]], ["party"])[0]["party"]
        done = [
            m for m in self._moves(key) if m["state"] == "done" and m["from_location"] != self.f["storage"]
        ]
        if quantities is not None:
            sku_of = {v: k for k, v in self.products.items()}
            done = [m for m in done if sku_of[m["product"]] in quantities]
        moves = [
            {
                "product": m["product"],
                "quantity": float(quantities[sku_of[m["product"]]])
                if quantities is not None
                else m["quantity"],
                "unit": m["unit"],
                "from_location": self.f["storage"],
                "to_location": self.f["supplier_location"],
                "company": self.f["company"],
                "unit_price": m.get("unit_price"),
                "currency": m.get("currency"),
                "origin": m["origin"],
                "planned_date": when,
            }
            for m in done
        ]
        (rid,) = self.c(
            "stock.shipment.in.return",
            "create",
            [
                {
                    "supplier": party,
                    "company": self.f["company"],
                    "from_location": self.f["storage"],
                    "to_location": self.f["supplier_location"],
                    "effective_date": when,
                    "moves": [["create", moves]],
                }
            ],
        )
        for button in ("wait", "assign_force", "do"):
            try:
                self.c.button("stock.shipment.in.return", button, [rid])
            except TrytonError:
                if button != "assign_force":
                    raise
                self.c.button("stock.shipment.in.return", "assign_try", [rid])

    def cancel_open(self, key: str) -> None:
        """Cancel what is still to come on the purchase (its waiting moves): Tryton then shows a shipment exception."""
        waiting = [m["id"] for m in self._moves(key) if m["state"] == "draft"]
        if waiting:
            self.c.button("stock.move", "cancel", waiting)

    def key_in_invoice(self, key: str, reference: str, when: date) -> int:
        """A supplier invoice keyed in by hand for the whole purchase, with the vendor's number as reference, posted."""
        pid = self.purchases[key]
        purchase = self.c(
            "purchase.purchase", "read", [pid], ["party", "currency", "invoice_address", "payment_term"]
        )[0]
        lines = self.c.search_read(
            "purchase.line",
            [["purchase", "=", pid]],
            ["product", "description", "quantity", "unit", "unit_price", "taxes"],
        )
        (iid,) = self.c(
            "account.invoice",
            "create",
            [
                {
                    "type": "in",
                    "company": self.f["company"],
                    "party": purchase["party"],
                    "invoice_address": purchase["invoice_address"],
                    "account": self.f["accounts"]["payable"],
                    "journal": self.c.search_read("account.journal", [["type", "=", "expense"]], ["id"])[0][
                        "id"
                    ],
                    "currency": purchase["currency"],
                    "payment_term": purchase["payment_term"],
                    "reference": reference,
                    "invoice_date": when,
                    "lines": [
                        [
                            "create",
                            [
                                {
                                    "type": "line",
                                    "product": line["product"],
                                    "account": self.f["accounts"]["expense"],
                                    "description": line["description"],
                                    "quantity": line["quantity"],
                                    "unit": line["unit"],
                                    "unit_price": line["unit_price"],
                                    "taxes": [["add", line["taxes"]]],
                                    "origin": f"purchase.line,{line['id']}",
                                }
                                for line in lines
                            ],
                        ]
                    ],
                }
            ],
        )
        self.c.button("account.invoice", "validate_invoice", [iid])
        self.c.button("account.invoice", "post", [iid])
        return int(iid)

    def supplier_invoices(self) -> list[dict[str, Any]]:
        """Every supplier invoice in Tryton: reference, party code, untaxed/total, state, comment, the purchases its lines come from."""
        rows = self.c.search_read(
            "account.invoice",
            [["type", "=", "in"]],
            [
                "reference",
                "party.code",
                "untaxed_amount",
                "total_amount",
                "state",
                "comment",
                "lines",
                "currency.code",
                "payment_term",
            ],
        )
        line_ids = [i for r in rows for i in r["lines"]]
        fields = ["origin", "quantity", "unit.factor"]
        lines = (
            {row["id"]: row for row in self.c("account.invoice.line", "read", line_ids, fields)}
            if line_ids
            else {}
        )
        origins = sorted(
            {
                int(str(row["origin"]).split(",")[1])
                for row in lines.values()
                if str(row.get("origin") or "").startswith("purchase.line,")
            }
        )
        ordered = {
            p["id"]: p
            for p in (
                self.c(
                    "purchase.line",
                    "read",
                    origins,
                    ["purchase.number", "purchase.payment_term", "quantity", "unit.factor"],
                )
                if origins
                else []
            )
        }
        purchase_of = {pid: (p.get("purchase.") or {}).get("number") for pid, p in ordered.items()}
        terms_of = {pid: (p.get("purchase.") or {}).get("payment_term") for pid, p in ordered.items()}

        def base(quantity: Any, row: dict[str, Any]) -> Decimal:
            return Decimal(repr(quantity)) * Decimal(repr((row.get("unit.") or {}).get("factor") or 1.0))

        out = []
        for r in rows:
            billed: dict[int, Decimal] = {}
            for i in r["lines"]:
                origin = str(lines[i].get("origin") or "")
                if origin.startswith("purchase.line,"):
                    pid = int(origin.split(",")[1])
                    billed[pid] = billed.get(pid, Decimal(0)) + base(lines[i]["quantity"], lines[i])
            # a line that bills more of its purchase line than was ordered (in the product's base unit)
            over = [
                f"purchase line {pid}: {qty.normalize()} billed of {base(ordered[pid]['quantity'], ordered[pid]).normalize()}"
                for pid, qty in billed.items()
                if qty > base(ordered[pid]["quantity"], ordered[pid])
            ]
            pos = sorted({purchase_of[int(str(lines[i]["origin"]).split(",")[1])] for i in r["lines"]
                          if str(lines[i].get("origin") or "").startswith("purchase.line,")})  # fmt: skip
            out.append(
                {
                    "id": r["id"],
                    "reference": r["reference"],
                    "party": (r.get("party.") or {}).get("code"),
                    "untaxed": str(r["untaxed_amount"]),
                    "total": str(r["total_amount"]),
                    "currency": (r.get("currency.") or {}).get("code"),
                    "state": r["state"],
                    "opsloop": "opsloop:" in str(r.get("comment") or ""),
                    "over_ordered": over,
                    "purchases": pos,
                    "payment_term": r.get("payment_term"),
                    "po_terms": sorted(
                        {
                            terms_of[int(str(lines[i]["origin"]).split(",")[1])]
                            for i in r["lines"]
                            if str(lines[i].get("origin") or "").startswith("purchase.line,")
                        }
                        - {None}
                    ),
                }
            )
        return out
