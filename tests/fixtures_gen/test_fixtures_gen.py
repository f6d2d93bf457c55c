"""The fixture generator: deterministic output, readable PDFs, valid identifiers, consistent truth and seed."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import itertools
import json
import subprocess
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pypdf
import pytest
from lxml import etree
from stdnum import iban as stdnum_iban
from stdnum.eu import vat as eu_vat

from opsloop.domain.invoices import DocumentType, InvoiceExtraction

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "fixtures" / "generate.py"
COMMITTED = REPO / "fixtures"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fixtures_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _run_generator(out: Path) -> None:
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out)], check=True, cwd=REPO, capture_output=True
    )


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fixtures_a")
    _run_generator(out)
    return out


def _truths(root: Path) -> dict[str, InvoiceExtraction]:
    return {
        p.stem: InvoiceExtraction.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted((root / "expected").glob("*.json"))
    }


def _csv(root: Path, name: str) -> list[dict[str, str]]:
    with (root / "erp" / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# Independent of the generator's own formatter on purpose.
def _locale_amount(value: Decimal, lang: str) -> str:
    text = f"{abs(value):,.2f}"
    if lang == "de":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    elif lang == "fr":
        text = text.replace(",", " ").replace(".", ",")
    return ("-" if value < 0 else "") + text


# -- (a) determinism --------------------------------------------------------------------------------------


def test_generator_is_byte_for_byte_deterministic(generated: Path, tmp_path: Path) -> None:
    # GIVEN one run of the generator (fixture) WHEN it runs again into another folder
    _run_generator(tmp_path)
    # THEN every file has the same sha256, and nothing is missing or extra
    first, second = _hashes(generated), _hashes(tmp_path)
    assert first == second
    assert len([k for k in first if k.startswith("inbox/") and k.endswith(".pdf")]) >= 8


def test_committed_text_fixtures_are_up_to_date(generated: Path) -> None:
    # GIVEN the committed fixtures/ and a fresh run WHEN comparing the text files (truth, seed, README)
    # THEN they are identical: nobody edited the output by hand or forgot to regenerate
    # (PDF bytes depend on the fpdf2/zlib versions, so they are checked by content in the tests below)
    fresh = {k: v for k, v in _hashes(generated).items() if not k.endswith(".pdf")}
    if not (COMMITTED / "expected").is_dir():
        pytest.skip("fixtures/ has not been generated in this checkout")
    committed = {k: v for k, v in _hashes(COMMITTED).items() if k in fresh}
    assert committed == fresh


# -- (b) PDFs: text layer, number and locale-formatted total, the embedded Factur-X ------------------------


PDF_SPECS = [s for s in gen.INVOICES if s.kind == "pdf"]


@pytest.mark.parametrize("spec", PDF_SPECS, ids=[s.stem for s in PDF_SPECS])
def test_pdf_has_text_layer_with_number_and_formatted_total(generated: Path, spec: Any) -> None:
    # GIVEN a generated invoice PDF and its truth
    truth = _truths(generated)[spec.stem]
    reader = pypdf.PdfReader(generated / "inbox" / f"{spec.stem}.pdf")
    # WHEN its text layer is read
    text = "\n".join(page.extract_text() for page in reader.pages)
    # THEN it has one, with the invoice number and the total formatted for the document's locale
    assert len(text) > 300
    assert truth.invoice_number is not None and truth.invoice_number in text
    assert truth.total is not None
    assert _locale_amount(truth.total, spec.lang) in text
    # AND the PDF stays small (no images, core fonts)
    assert (generated / "inbox" / f"{spec.stem}.pdf").stat().st_size < 20_000


def test_multi_page_invoice_repeats_the_table_header(generated: Path) -> None:
    # GIVEN the invoice with 40+ lines
    multi = [s for s in PDF_SPECS if len(s.lines) >= 40]
    assert len(multi) == 1
    reader = pypdf.PdfReader(generated / "inbox" / f"{multi[0].stem}.pdf")
    # WHEN each page is read THEN there are several, and each carries the table header
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 2
    assert all("Art.-Nr." in page and "Einzelpreis" in page for page in pages)
    # AND every line's SKU is printed somewhere
    truth = _truths(generated)[multi[0].stem]
    assert all(line.sku and line.sku in "\n".join(pages) for line in truth.lines)


def test_credit_note_is_labelled_and_negative(generated: Path) -> None:
    credits = {k: t for k, t in _truths(generated).items() if t.document_type is DocumentType.CREDIT_NOTE}
    assert len(credits) == 1
    stem, truth = next(iter(credits.items()))
    text = pypdf.PdfReader(generated / "inbox" / f"{stem}.pdf").pages[0].extract_text()
    assert "Gutschrift" in text
    assert truth.total is not None and truth.total < 0


def test_embedded_factur_x_equals_printed_values(generated: Path) -> None:
    # GIVEN the PDF that carries an e-invoice
    specs = [s for s in PDF_SPECS if s.embed_facturx]
    assert len(specs) == 1
    truth = _truths(generated)[specs[0].stem]
    reader = pypdf.PdfReader(generated / "inbox" / f"{specs[0].stem}.pdf")
    # WHEN its factur-x.xml attachment is parsed
    xml = etree.fromstring(reader.attachments["factur-x.xml"][0])
    ns = {"rsm": gen.CII_NS["rsm"], "ram": gen.CII_NS["ram"]}

    def one(path: str) -> str:
        return str(xml.xpath(f"string({path})", namespaces=ns))

    # THEN its values equal the truth (which is what the PDF prints)
    assert xml.tag == "{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice"
    assert one("//rsm:ExchangedDocument/ram:ID") == truth.invoice_number
    sums = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    assert Decimal(one(f"{sums}/ram:LineTotalAmount")) == truth.subtotal
    assert Decimal(one(f"{sums}/ram:TaxTotalAmount")) == truth.tax_total
    assert Decimal(one(f"{sums}/ram:GrandTotalAmount")) == truth.total
    assert Decimal(one(f"{sums}/ram:DuePayableAmount")) == truth.amount_due
    assert one("//ram:IBANID") == truth.vendor.iban
    assert one("//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID") == truth.vendor.vat_id
    assert one("//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == truth.po_numbers[0]
    amounts = [
        Decimal(a)
        for a in xml.xpath(
            "//ram:LineTotalAmount[ancestor::ram:IncludedSupplyChainTradeLineItem]/text()", namespaces=ns
        )
    ]
    assert amounts == [line.amount for line in truth.lines]


@pytest.mark.parametrize(
    ("layout", "root_tag"),
    [
        ("cii", "{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice"),
        ("ubl", "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"),
    ],
)
def test_standalone_einvoice_totals_match_truth(generated: Path, layout: str, root_tag: str) -> None:
    spec = next(s for s in gen.INVOICES if s.layout == layout)
    truth = _truths(generated)[spec.stem]
    xml = etree.parse(str(generated / "inbox" / f"{spec.stem}.xml")).getroot()
    assert xml.tag == root_tag
    text = etree.tostring(xml, encoding="unicode")
    for value in (truth.subtotal, truth.tax_total, truth.total):
        assert f">{value}<" in text
    assert truth.vendor.iban in text and truth.vendor.vat_id in text
    assert truth.po_numbers[0] in text


# -- (c) identifiers --------------------------------------------------------------------------------------


def test_every_vat_id_and_iban_passes_stdnum(generated: Path) -> None:
    # GIVEN the vendors in the seed and every party in the truth files (none is deliberately bad: README)
    vat_ids = [row["vat_id"] for row in _csv(generated, "vendors.csv")]
    ibans = [row["iban"] for row in _csv(generated, "vendors.csv")]
    for truth in _truths(generated).values():
        vat_ids.append(truth.vendor.vat_id or "")
        ibans.append(truth.vendor.iban or "")
    # THEN each one validates
    assert all(eu_vat.is_valid(v) for v in vat_ids), [v for v in vat_ids if not eu_vat.is_valid(v)]
    assert all(stdnum_iban.is_valid(i) for i in ibans), [i for i in ibans if not stdnum_iban.is_valid(i)]
    assert "No identifier is deliberately invalid" in (generated / "README.md").read_text(encoding="utf-8")


# -- (d) truth arithmetic ---------------------------------------------------------------------------------


def test_truth_files_add_up(generated: Path) -> None:
    truths = _truths(generated)
    assert len(truths) == len(gen.INVOICES)
    for stem, t in truths.items():
        assert t.subtotal is not None and t.tax_total is not None and t.total is not None
        assert t.amount_due is not None
        assert sum((ln.amount or Decimal(0) for ln in t.lines), Decimal(0)) == t.subtotal, stem
        assert t.subtotal + t.tax_total == t.total, stem
        assert t.amount_due <= t.total if t.total > 0 else t.amount_due == t.total
        for ln in t.lines:
            assert ln.quantity is not None and ln.unit_price is not None and ln.amount is not None
            assert (ln.quantity * ln.unit_price).quantize(Decimal("0.01")) == ln.amount, stem
        # tax per rate group, rounded per group, adds up to the tax total
        by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
        for ln in t.lines:
            assert ln.tax_rate is not None and ln.amount is not None
            by_rate[ln.tax_rate] += ln.amount
        expected_tax = sum(((b * r / 100).quantize(Decimal("0.01")) for r, b in by_rate.items()), Decimal(0))
        assert expected_tax == t.tax_total, stem


def test_truth_json_has_the_documented_shape(generated: Path) -> None:
    raw = json.loads((generated / "expected" / "schmidt_RE-2026-0412.json").read_text(encoding="utf-8"))
    assert not {"fields", "checks", "extraction_method"} & raw.keys()
    assert raw["total"] == "1432.62" and raw["invoice_date"] == "2026-11-02"


# -- (e) the seed's references resolve, and the scenarios are what the README says ------------------------


def test_seed_references_resolve(generated: Path) -> None:
    vendors = {r["erp_id"] for r in _csv(generated, "vendors.csv")}
    items = {r["sku"]: r for r in _csv(generated, "items.csv")}
    orders = {r["number"]: r for r in _csv(generated, "purchase_orders.csv")}
    po_lines = _csv(generated, "purchase_order_lines.csv")
    receipts = {r["erp_id"]: r for r in _csv(generated, "goods_receipts.csv")}
    ordered = {(r["po_number"], int(r["line_no"])): Decimal(r["quantity"]) for r in po_lines}

    assert all(r["preferred_vendor_erp_id"] in vendors for r in items.values())
    assert all(o["vendor_erp_id"] in vendors for o in orders.values())
    assert all(r["po_number"] in orders for r in po_lines)
    assert all(not r["sku"] or r["sku"] in items for r in po_lines)
    assert all(r["po_number"] in orders for r in receipts.values())
    received: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for row in _csv(generated, "goods_receipt_lines.csv"):
        receipt = receipts[row["receipt_erp_id"]]
        key = (receipt["po_number"], int(row["po_line_no"]))
        assert key in ordered
        received[key] += Decimal(row["quantity"])
    assert all(received[k] <= ordered[k] for k in received)
    assert all(r["sku"] in items for r in _csv(generated, "stock_levels.csv"))
    for name in ("vendors.csv", "items.csv", "purchase_orders.csv", "goods_receipts.csv"):
        ids = [r["erp_id"] for r in _csv(generated, name)]
        assert len(ids) == len(set(ids)), name


def test_demand_history_covers_180_days_per_stocked_item(generated: Path) -> None:
    by_sku: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for row in _csv(generated, "demand_history.csv"):
        by_sku[row["sku"]].append((date.fromisoformat(row["period_start"]), int(row["quantity"])))
    items = {r["sku"]: r for r in _csv(generated, "items.csv")}
    assert set(by_sku) == {s for s, r in items.items() if r["category"] != "service"}
    for series in by_sku.values():
        days = [d for d, _q in series]
        assert len(days) == 180 and days[-1] == date(2026, 11, 27)
        assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(days))
    # the intermittent item is mostly zero; the rising one's last 30 days beat its earlier average
    lumpy = [q for _d, q in by_sku["NB-420"]]
    assert lumpy.count(0) > 0.8 * len(lumpy) and max(lumpy) > 0
    rising = [q for _d, q in by_sku["BT-1001"]]
    assert sum(rising[-30:]) / 30 > 1.5 * sum(rising[:150]) / 150


def test_roster_is_seven_days_of_eight_hour_shifts_in_two_queues(generated: Path) -> None:
    rows = _csv(generated, "roster_shifts.csv")
    starts = [datetime.fromisoformat(r["starts_at"]) for r in rows]
    ends = [datetime.fromisoformat(r["ends_at"]) for r in rows]
    assert {r["queue"] for r in rows} == {"billing", "technical"}
    assert all(s.utcoffset() is not None for s in starts)
    assert all(e - s == timedelta(hours=8) for s, e in zip(starts, ends, strict=True))
    assert {s.date() for s in starts} == {date(2026, 11, 30) + timedelta(days=i) for i in range(7)}


def test_scenarios_are_embodied_in_documents_and_seed(generated: Path) -> None:
    truths = _truths(generated)
    vendors = {r["vat_id"]: r for r in _csv(generated, "vendors.csv")}
    orders = {r["number"] for r in _csv(generated, "purchase_orders.csv")}
    po_lines = _csv(generated, "purchase_order_lines.csv")

    # bank-detail fraud: known VAT id, IBAN differs from the one on file
    fraud = truths["schmidt_RE-2026-0440"]
    assert fraud.vendor.vat_id in vendors and vendors[fraud.vendor.vat_id]["iban"] != fraud.vendor.iban
    # unknown vendor: neither VAT id, IBAN nor name is on file
    unknown = truths["kessler_2026-311"]
    assert unknown.vendor.vat_id not in vendors
    assert unknown.vendor.iban not in {v["iban"] for v in vendors.values()}
    # unknown PO
    assert truths["lumiere_F2026-1187"].po_numbers[0] not in orders
    # duplicate: same vendor, date, PO and total, different number spelling and different bytes
    original, copy = truths["northbridge_INV-0042"], truths["northbridge_INV-42_copy"]
    assert (original.vendor, original.invoice_date, original.po_numbers, original.total) == (
        copy.vendor,
        copy.invoice_date,
        copy.po_numbers,
        copy.total,
    )
    assert original.invoice_number != copy.invoice_number
    assert (
        _hashes(generated)["inbox/northbridge_INV-0042.pdf"]
        != _hashes(generated)["inbox/northbridge_INV-42_copy.pdf"]
    )
    assert original.currency == "USD"
    # price over tolerance: exactly one line's price differs from its PO line, by more than 5 %
    price = truths["schmidt_RE-2026-0431"]
    po_prices = [Decimal(r["unit_price"]) for r in po_lines if r["po_number"] == price.po_numbers[0]]
    diffs = [
        ln.unit_price / p - 1 for ln, p in zip(price.lines, po_prices, strict=True) if ln.unit_price != p
    ]
    assert len(diffs) == 1 and diffs[0] > Decimal("0.05")
    # the credit note offsets that difference exactly
    credit = truths["schmidt_GS-2026-0019"]
    overbilled = sum(
        ((ln.unit_price - p) * ln.quantity for ln, p in zip(price.lines, po_prices, strict=True)),
        Decimal(0),
    )
    assert credit.subtotal == -overbilled
    # exact matches: every line equals its PO line
    for stem in ("schmidt_RE-2026-0412", "mueller_2026-11873", "rheinland_R2026-5531", "hansa_HL-26-04417"):
        t = truths[stem]
        lines = [r for r in po_lines if r["po_number"] == t.po_numbers[0]]
        assert [(Decimal(r["quantity"]), Decimal(r["unit_price"])) for r in lines] == [
            (ln.quantity, ln.unit_price) for ln in t.lines
        ], stem
    assert len(truths["mueller_2026-11873"].lines) >= 40
