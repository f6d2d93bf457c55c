"""The Tryton-printed generator (evals/erp1): its row in the eval's generator table, the pure parts (the spec
it asks Tryton to record is the same for a seed, covers the languages and the kinds of documents it promises,
its tax ids pass python-stdnum; the on-page check finds a value in any of the forms a page prints it), and —
where Tryton's virtualenv is here (OPSLOOP_TEST_TRYTON, as CI sets it) — a small set written end to end:
Tryton numbers, computes and prints the invoices, every truth comes from its records and shows on the page."""

from __future__ import annotations

import importlib
import json
import os
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from evals.erp1.dataset import (
    TAGS,
    amount_forms,
    date_forms,
    draw_spec,
    draw_tax_id,
    fingerprint,
    missing,
    printed,
)
from evals.erp1.locales import LOCALES, VAT_PATTERNS
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth7.ids import VAT


def test_the_eval_knows_the_generator() -> None:
    generator = BY_KEY["erp1"]
    assert generator.package == "evals.erp1"
    assert generator.seed == 1201
    assert generator.role == DEVELOPMENT
    assert generator.requires == "dataset:find_tryton"
    assert "install.sh" in generator.requires_hint
    refusal = generator.refusal.split(":")
    assert issubclass(getattr(importlib.import_module(f"evals.erp1.{refusal[0]}"), refusal[1]), Exception)
    assert len(fingerprint()) == 8


def test_the_spec_is_the_same_for_a_seed_and_differs_between_seeds() -> None:
    assert draw_spec(30, 5) == draw_spec(30, 5)
    assert draw_spec(30, 5)["invoices"] != draw_spec(30, 6)["invoices"]


def test_a_set_covers_the_languages_countries_and_kinds_it_promises() -> None:
    spec = draw_spec(150, 1201)
    assert len(spec["invoices"]) == 150
    assert len(spec["languages"]) >= 10
    assert len({c["country"] for c in spec["companies"]}) >= 10
    credit = sum(1 for d in spec["invoices"] if d["credit"])
    many = sum(1 for d in spec["invoices"] if len(d["lines"]) >= 28)
    assert 5 <= credit <= 40 and many >= 5
    companies = {c["key"]: c for c in spec["companies"]}
    foreign = [d for d in spec["invoices"] if d["currency"] != companies[d["company"]]["currency"]]
    assert foreign
    assert {c["letterhead"] for c in spec["companies"]} >= {"header_footer", "none"}
    for doc in spec["invoices"]:
        assert doc["lines"] and all(Decimal(line["unit_price"]) > 0 for line in doc["lines"])
        assert all(line["rate"] in LOCALES[companies[doc["company"]]["lang"]].rates for line in doc["lines"])


def test_no_customer_shares_its_supplier_s_name_or_another_customer_s() -> None:
    spec = draw_spec(150, 1201)
    for company in spec["companies"]:
        names = [c["name"].rsplit(" ", 1)[0] for c in spec["customers"] if c["company"] == company["key"]]
        stems = [n for n in names if company["name"].startswith(n + " ")]
        assert not stems and len(set(names)) == len(names)


def test_tags_restrict_a_quick_set_to_their_languages() -> None:
    spec = draw_spec(4, 3, ("de", "fr"))
    assert set(spec["languages"]) <= {"de", "fr"}
    assert {c["lang"] for c in spec["companies"]} == {"de", "fr"}


@pytest.mark.parametrize("country", sorted({loc.country for loc in LOCALES.values() if loc.vat_type}))
def test_tax_ids_pass_python_stdnum(country: str) -> None:
    import random

    module = VAT[country][0] if country in VAT else VAT_PATTERNS[country][0]
    number = draw_tax_id(country, random.Random(country))
    assert " " not in number
    assert importlib.import_module(module).is_valid(number)


def test_every_language_tryton_ships_a_report_in_is_drawn() -> None:
    assert len(TAGS) >= 10
    for loc in LOCALES.values():
        assert len(loc.goods) >= 5 and loc.rates and loc.legal and loc.towns


def test_an_amount_is_found_in_any_grouping_and_decimal_mark() -> None:
    forms = amount_forms("-4463.39")
    assert {"4.463,39", "4,463.39", "4 463,39", "4463.39", "4'463.39"} <= set(forms)
    assert "4463,3" not in forms
    assert {"04.03.2025", "03/04/2025", "2025-03-04"} <= set(date_forms("2025-03-04"))


def _truth() -> dict:
    return {
        "seller_name": "Brenner GmbH", "buyer_name": "Dupont SARL", "invoice_number": "RE-2025-00001",
        "invoice_date": "2025-03-04", "due_date": "2025-04-03", "grand_total": "41.63",
        "tax_basis_total": "37.50", "tax_total": "4.13", "due_payable": "41.63", "currency": "EUR",
        "seller": {"street": "Hauptstraße 5"}, "seller_vat_id": "DE136695976", "seller_iban": None,
        "line_items": [{"position": "1", "name": "Kopierpapier A4 80 g", "line_total": "37.50"}],
    }  # fmt: skip


def test_the_page_check_lists_what_the_text_layer_does_not_show() -> None:
    page = (
        "Brenner GmbH HAUPTSTRASSE 5\nDUPONT SARL\nRechnung Nr.: RE-2025-00001\nDatum: 04.03.2025\n"
        "USt-IdNr.: DE136695976\nKopierpapier A4 80 g 10,0 3,7500 € 37,50 €\nNetto: 37,50 €\nSteuern: 4,13 €\n"
        "Rechnungsbetrag: 41,63 €\n03.04.2025 41,63 €"
    )
    assert missing(_truth(), page) == []  # names and the street in any case (an address format's capitals)
    assert missing(_truth(), page.replace("HAUPTSTRASSE 5", "")) == ["vendor_address"]
    assert missing(_truth(), page.replace("RE-2025-00001", "RE-2025-0001")) == ["invoice_number"]
    assert missing(_truth(), page.replace("41,63", "41,36")) == ["total", "amount_due"]
    assert "vendor_iban" not in printed(_truth())


def _tryton_home() -> Path | None:
    home = os.environ.get("OPSLOOP_TEST_TRYTON")
    if not home:
        if os.environ.get("OPSLOOP_REQUIRE_TRYTON"):
            pytest.fail("OPSLOOP_REQUIRE_TRYTON is set but OPSLOOP_TEST_TRYTON is not")
        return None
    return Path(home)


@pytest.mark.timeout(
    900
)  # a fresh database, two languages' translations, LibreOffice: about two minutes alone
def test_a_small_set_written_by_tryton(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = _tryton_home()
    if home is None:
        pytest.skip("no Tryton (run .ci/tryton/install.sh, set OPSLOOP_TEST_TRYTON=.ci/tryton)")
    python = home / ".venv" / "bin" / "python"
    if not python.is_file() or shutil.which("soffice") is None:
        pytest.skip(f"no Tryton virtualenv at {python} or no LibreOffice")
    monkeypatch.setenv("OPSLOOP_TRYTON_PYTHON", str(python))
    from evals.erp1.dataset import write_dataset

    rows = write_dataset(tmp_path, 4, 7, tags=("de", "fr"))
    assert len(rows) == 4
    spec = draw_spec(4, 7, ("de", "fr"))
    for row, doc in zip(rows, spec["invoices"], strict=True):
        truth = json.loads((tmp_path / f"{row['id']}.json").read_text("utf-8"))
        assert (tmp_path / row["document"]).read_bytes().startswith(b"%PDF")
        # Tryton's sums: the lines' amounts add up to the untaxed total, and untaxed + tax = total
        lines = sum(Decimal(line["line_total"]) for line in truth["line_items"])
        assert lines == Decimal(truth["tax_basis_total"])
        assert Decimal(truth["tax_basis_total"]) + Decimal(truth["tax_total"]) == Decimal(
            truth["grand_total"]
        )
        assert truth["invoice_date"] == doc["date"] and truth["invoice_number"]
        assert truth["document_type"] == ("credit_note" if doc["credit"] else "invoice")
        # what Tryton prints: the number, date, totals, the parties, every line
        on_page = set(row["not_on_page"])
        assert not on_page & {
            "invoice_number",
            "invoice_date",
            "total",
            "subtotal",
            "tax_total",
            "vendor",
            "buyer",
        }
        assert not [name for name in row["not_on_page"] if name.startswith("line[")]
    assert Counter(row["locale"] for row in rows).keys() <= {"de", "fr"}
    numbers = [
        json.loads((tmp_path / f"{row['id']}.json").read_text("utf-8"))["invoice_number"] for row in rows
    ]
    assert len(set(numbers)) == len(numbers)


def test_the_database_config_keeps_trytond_s_cache_sync_out_of_a_set_s_build(tmp_path: Path) -> None:
    # Tryton's SQLite backend shares one connection; a cache sync (every clean_timeout seconds) switches it to
    # autocommit, and a post proteus then tries again finds the invoice already posted: no sync while a set
    # is written (a build takes up to an hour on a loaded machine)
    import configparser

    from evals.erp1.tryton_side import config_text

    parser = configparser.ConfigParser()
    parser.read_string(config_text(tmp_path))
    assert parser.get("database", "uri") == "sqlite://"
    assert parser.get("database", "path") == str(tmp_path)
    assert parser.getint("cache", "clean_timeout") >= 7 * 24 * 3600


def test_an_invoice_tryton_will_not_post_is_named() -> None:
    from evals.erp1.tryton_side import NotPosted

    doc = draw_spec(4, 7, ("de", "fr"))["invoices"][1]
    message = str(NotPosted(doc, 12, ValueError('You can not call "post"')))
    assert doc["id"] in message and doc["company"] in message and "account.invoice 12" in message
    assert 'ValueError: You can not call "post"' in message


# Run by Tryton's interpreter: every transaction starts as if trytond's cache had last synced a day ago (a
# build that ran for hours), then tryton_side.py as a script.
_SYNC_DUE = """
import datetime, runpy, sys
from trytond.cache import MemoryCache
_sync = MemoryCache.sync.__func__
def sync(cls, transaction):
    if cls._clean_last is not None:
        cls._clean_last = datetime.datetime.now() - datetime.timedelta(days=1)
    return _sync(cls, transaction)
MemoryCache.sync = classmethod(sync)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.mark.timeout(900)  # a fresh database in one language: about a minute alone
def test_tryton_posts_every_invoice_however_long_the_build_runs(tmp_path: Path) -> None:
    home = _tryton_home()
    if home is None:
        pytest.skip("no Tryton (run .ci/tryton/install.sh, set OPSLOOP_TEST_TRYTON=.ci/tryton)")
    python = home / ".venv" / "bin" / "python"
    if not python.is_file():
        pytest.skip(f"no Tryton virtualenv at {python}")
    import subprocess

    from evals.erp1.dataset import TRYTON_SIDE

    spec = draw_spec(3, 7, ("de",))
    (tmp_path / "spec.json").write_text(json.dumps(spec, ensure_ascii=False), "utf-8")
    (tmp_path / "sync_due.py").write_text(_SYNC_DUE, "utf-8")
    done = subprocess.run(
        [str(python), str(tmp_path / "sync_due.py"), str(TRYTON_SIDE), str(tmp_path / "spec.json"), str(tmp_path)],
        capture_output=True, text=True, timeout=850,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    records = json.loads((tmp_path / "records.json").read_text("utf-8"))
    assert sorted(r["id"] for r in records) == sorted(d["id"] for d in spec["invoices"])
    assert all(r["number"] for r in records) and len({r["number"] for r in records}) == len(records)
