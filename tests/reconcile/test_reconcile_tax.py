"""VAT against the PO: each line's rate, the tax total, reverse charge and its legal wording."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.erp import (
    ExceptionType,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    ReceiptLineRecord,
    Reconciliation,
    TolerancePolicy,
    VendorRecord,
)
from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction, VendorExtraction
from opsloop.reconcile import Mirror, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]
VAT, IBAN = "DE111111111", "DE89370400440532013000"


def _mirror(rate: str | None = "19", code: str | None = "S", second_rate: str | None = "7") -> Mirror:
    vendor = VendorRecord(1, "V-1", "ACME GmbH", VAT, IBAN, "EUR")
    lines = [
        PurchaseOrderLineRecord(
            100, 10, 1, D(10), D("10.00"), "A-1", "Bolts", None, None, D(rate) if rate else None, code
        ),
        PurchaseOrderLineRecord(
            101,
            10,
            2,
            D(5),
            D("20.00"),
            "B-2",
            "Handbook",
            None,
            None,
            D(second_rate) if second_rate else None,
            code,
        ),
    ]
    return Mirror.from_records(
        [vendor],
        [PurchaseOrderRecord(10, "PO-1", 1, "EUR")],
        lines,
        [ReceiptLineRecord(100, D(10), date(2026, 3, 1)), ReceiptLineRecord(101, D(5), date(2026, 3, 1))],
    )


def _invoice(
    rates: tuple[str | None, str | None], tax_total: str | None, **extra: object
) -> InvoiceExtraction:
    lines = [
        InvoiceLineExtraction(
            sku="A-1",
            description="Bolts",
            quantity=D(10),
            unit_price=D(10),
            amount=D(100),
            tax_rate=_d(rates[0]),
        ),
        InvoiceLineExtraction(
            sku="B-2",
            description="Handbook",
            quantity=D(5),
            unit_price=D(20),
            amount=D(100),
            tax_rate=_d(rates[1]),
        ),
    ]
    tax = D(tax_total) if tax_total is not None else None
    return InvoiceExtraction(
        vendor=VendorExtraction(name="ACME GmbH", vat_id=VAT, iban=IBAN),
        invoice_number="R-1",
        invoice_date=date(2026, 3, 5),
        po_numbers=["PO-1"],
        currency="EUR",
        subtotal=D(200),
        tax_total=tax,
        total=D(200) + (tax or D(0)),
        lines=lines,
        **extra,  # type: ignore[arg-type]
    )


def _d(value: str | None) -> Decimal | None:
    return D(value) if value is not None else None


def _check(rec: Reconciliation, name: str) -> bool | None:
    [found] = [c for c in rec.checks if c.name == name]
    return found.passed


def test_vat_at_the_po_rates_matches_exactly(policy: TolerancePolicy) -> None:
    rec = reconcile_invoice(_invoice(("19", "7"), "26.00"), _mirror(), policy, document_id=1)
    assert rec.exceptions == []
    assert _check(rec, "tax_rates_match") is True and _check(rec, "tax_total_matches") is True


@pytest.mark.parametrize("wrong", ["7", "16", "21"])
def test_a_line_at_another_rate_than_its_po_line_is_a_tax_mismatch(
    policy: TolerancePolicy, wrong: str
) -> None:
    # GIVEN line 1 charged at another rate than the PO's 19 %, and the tax total to match it
    tax = str(D(wrong) + D(7))
    rec = reconcile_invoice(_invoice((wrong, "7"), tax), _mirror(), policy, document_id=1)
    # THEN a tax mismatch on line 1 that a person decides, saying both rates
    mismatches = [e for e in rec.exceptions if e.type is ExceptionType.TAX_MISMATCH]
    assert mismatches and mismatches[0].line == 1
    assert f"{wrong}%" in mismatches[0].sentence and "19%" in mismatches[0].sentence
    assert _check(rec, "tax_rates_match") is False


def test_a_tax_total_at_another_rate_is_caught_without_rates_per_line(policy: TolerancePolicy) -> None:
    # GIVEN a PDF read without rates per line, whose tax total is 16 % instead of the PO's 19 % and 7 %
    rec = reconcile_invoice(_invoice((None, None), "32.00"), _mirror(), policy, document_id=1)
    # THEN the tax total does not follow from the PO's rates (26.00)
    assert rec.exception_types() == {ExceptionType.TAX_MISMATCH}
    assert _check(rec, "tax_total_matches") is False and "26.00" in rec.exceptions[0].sentence
    # AND the right total passes, rounding included
    assert (
        reconcile_invoice(_invoice((None, None), "26.01"), _mirror(), policy, document_id=1).exceptions == []
    )


def test_vat_charged_where_the_po_is_reverse_charge_is_a_tax_mismatch(policy: TolerancePolicy) -> None:
    mirror = _mirror(rate="0", code="AE", second_rate="0")
    rec = reconcile_invoice(_invoice(("19", "19"), "38.00"), mirror, policy, document_id=1)
    assert ExceptionType.TAX_MISMATCH in rec.exception_types()
    assert "reverse charge" in " ".join(e.sentence for e in rec.exceptions)


@pytest.mark.parametrize(
    "wording",
    [
        "Reverse charge: VAT to be accounted for by the recipient.",
        "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG)",
        "Autoliquidation",
        "Btw verlegd",
        "Inversión del sujeto pasivo",
        "Inversione contabile",
        "Autoliquidação",
        "Odwrotne obciążenie",
        "Omvänd skattskyldighet",
        "Omvendt betalingspligt",
        "Přenesení daňové povinnosti",
    ],
)
def test_a_reverse_charge_invoice_that_says_so_passes(policy: TolerancePolicy, wording: str) -> None:
    mirror = _mirror(rate=None, code="AE", second_rate=None)
    rec = reconcile_invoice(_invoice(("0", "0"), "0.00", notes=[wording]), mirror, policy, document_id=1)
    assert rec.exceptions == [], rec.exceptions
    assert _check(rec, "zero_rate_stated") is True and _check(rec, "tax_total_matches") is True


@pytest.mark.parametrize(
    "wording",
    [
        "Zero-rated supply of goods to another EU member state.",
        "Steuerfreie innergemeinschaftliche Lieferung",
        "Steuerfreie Lieferung in ein anderes EU-Land",
        "Livraison intracommunautaire",
        "Btw-vrije levering naar een ander EU-land",
        "Entrega intracomunitaria exenta",
        "Momsfri leverans till annat EU-land",
        "Momsfri levering til andet EU-land",
        "Dostawa do innego państwa członkowskiego",
    ],
)
def test_an_intra_community_supply_that_says_so_in_its_language_passes(
    policy: TolerancePolicy, wording: str
) -> None:
    mirror = _mirror(rate=None, code="K", second_rate=None)
    rec = reconcile_invoice(_invoice(("0", "0"), "0.00", notes=[wording]), mirror, policy, document_id=1)
    assert rec.exceptions == [], rec.exceptions
    assert _check(rec, "zero_rate_stated") is True


def test_a_reverse_charge_invoice_without_its_legal_wording_is_a_tax_mismatch(
    policy: TolerancePolicy,
) -> None:
    mirror = _mirror(rate=None, code="AE", second_rate=None)
    rec = reconcile_invoice(_invoice(("0", "0"), "0.00"), mirror, policy, document_id=1)
    assert rec.exception_types() == {ExceptionType.TAX_MISMATCH}
    assert _check(rec, "zero_rate_stated") is False
    # AND an e-invoice's VAT category code says it without words
    coded = _invoice(("0", "0"), "0.00")
    for line in coded.lines:
        line.tax_code = "AE"
    assert reconcile_invoice(coded, mirror, policy, document_id=1).exceptions == []


def test_zero_vat_against_a_po_taxed_at_19_is_a_tax_mismatch(policy: TolerancePolicy) -> None:
    rec = reconcile_invoice(
        _invoice((None, None), "0.00", notes=["Reverse charge"]), _mirror(), policy, document_id=1
    )
    assert rec.exception_types() == {ExceptionType.TAX_MISMATCH}


def test_without_rates_in_the_erp_vat_is_not_verified_and_nothing_is_held(policy: TolerancePolicy) -> None:
    rec = reconcile_invoice(
        _invoice(("7", "7"), "14.00"), _mirror(rate=None, code=None, second_rate=None), policy
    )
    assert rec.exceptions == []
    assert _check(rec, "tax_rates_match") is None and _check(rec, "tax_total_matches") is None


def test_a_document_level_charge_is_taxed_at_its_own_rate(policy: TolerancePolicy) -> None:
    # GIVEN freight of 10.00 at 19 % on top of the lines (net 210.00, VAT 26.00 + 1.90)
    invoice = _invoice(
        ("19", "7"),
        "27.90",
        charges=[{"kind": "charge", "reason": "Freight", "amount": D(10), "tax_rate": D(19)}],
    )
    invoice.subtotal = D(210)
    invoice.total = D("237.90")
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1)
    assert _check(rec, "tax_total_matches") is True
    assert ExceptionType.TAX_MISMATCH not in rec.exception_types()


@pytest.mark.parametrize(("band", "tax"), [("7", "26.70"), ("19", "27.90"), ("average", "27.30")])
def test_a_charge_without_its_own_rate_may_stand_in_any_band_of_the_lines(
    policy: TolerancePolicy, band: str, tax: str
) -> None:
    # GIVEN lines at 19 % and 7 % (VAT 26.00) and freight of 10.00 printed without a rate, put by the vendor
    # wholly in the 7 % band, wholly in the 19 % band, or split in proportion (13 % on average)
    invoice = _invoice(
        ("19", "7"), tax, charges=[{"kind": "charge", "reason": "Freight", "amount": D(10), "tax_rate": None}]
    )
    invoice.subtotal = D(210)
    invoice.total = D(210) + D(tax)
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1)
    # THEN the tax total follows from the PO's rates: nothing is held
    assert _check(rec, "tax_total_matches") is True, band
    assert ExceptionType.TAX_MISMATCH not in rec.exception_types()


def test_a_charge_without_its_own_rate_does_not_excuse_a_tax_total_at_no_band(
    policy: TolerancePolicy,
) -> None:
    # GIVEN the same invoice whose VAT is 16 % of everything (33.60): no band of the lines gives it
    invoice = _invoice(
        ("19", "7"),
        "33.60",
        charges=[{"kind": "charge", "reason": "Freight", "amount": D(10), "tax_rate": None}],
    )
    invoice.subtotal = D(210)
    invoice.total = D("243.60")
    rec = reconcile_invoice(invoice, _mirror(), policy, document_id=1)
    # THEN a tax mismatch naming what the average rate gives (27.30)
    assert rec.exception_types() == {ExceptionType.TAX_MISMATCH}
    assert "27.30" in rec.exceptions[0].sentence


def test_a_price_list_printed_including_vat_matches_the_po_net(policy: TolerancePolicy) -> None:
    # GIVEN the PO's bolts at 10.00 net (19 %) and handbooks at 20.00 (7 %), billed with gross unit prices
    # (11.90 and 21.40) and gross line amounts; the invoice's net 200.00, VAT 26.00, total 226.00 below
    gross = InvoiceExtraction(
        vendor=VendorExtraction(name="ACME GmbH", vat_id=VAT, iban=IBAN),
        invoice_number="R-1",
        invoice_date=date(2026, 3, 5),
        po_numbers=["PO-1"],
        currency="EUR",
        subtotal=D(200),
        tax_total=D(26),
        total=D(226),
        lines=[
            InvoiceLineExtraction(sku="A-1", quantity=D(10), unit_price=D("11.90"), amount=D(119)),
            InvoiceLineExtraction(sku="B-2", quantity=D(5), unit_price=D("21.40"), amount=D(107)),
        ],
    )
    rec = reconcile_invoice(gross, _mirror(), policy, document_id=1)
    # THEN no price variance and no VAT mismatch: the prices are the PO's, VAT included
    assert not rec.exceptions, [e.sentence for e in rec.exceptions]
    # AND a gross price above the PO's gross is still a price variance
    dearer = gross.model_copy(
        update={
            "lines": [
                InvoiceLineExtraction(sku="A-1", quantity=D(10), unit_price=D("13.09"), amount=D("130.90")),
                InvoiceLineExtraction(sku="B-2", quantity=D(5), unit_price=D("21.40"), amount=D(107)),
            ],
            "subtotal": D(210),
            "tax_total": D("27.90"),
            "total": D("237.90"),
        }
    )
    rec = reconcile_invoice(dearer, _mirror(), policy, document_id=1)
    assert ExceptionType.PRICE_VARIANCE in rec.exception_types()
