"""The speed work keeps results and look-ups identical: models built without validation equal validated
ones, the compact SKU index finds what the plain one did, billing counters agree with billed_qty,
interned Decimals keep their exponent, and bulk loading restores the garbage collector."""

from __future__ import annotations

import gc
from decimal import Decimal

from evals.reconcile_synthetic import generate_bench_invoices, generate_bench_mirror, generate_scenarios

from opsloop.domain.erp import (
    BilledLine,
    CheckResult,
    LineMatch,
    PriorInvoiceRecord,
    PurchaseOrderLineRecord,
    PurchaseOrderRecord,
    Reconciliation,
    ReconciliationException,
    VendorRecord,
)
from opsloop.reconcile import default_policy, reconcile_invoice
from opsloop.reconcile.mirror import DecimalInterner, Mirror, gc_paused
from opsloop.reconcile.reconciler import trusted

D = Decimal


def test_fast_built_models_equal_validated_ones_field_by_field() -> None:
    # GIVEN reconciliations of generated cases (every exception type) and of benchmark invoices
    data = generate_scenarios(seed=9, cases=80)
    recs = [
        reconcile_invoice(
            s.invoice, data.mirror, default_policy(), document_id=s.document_id, text_hash=s.text_hash
        )
        for s in data.scenarios
    ]
    bench, orders = generate_bench_mirror(2000)
    recs += [
        reconcile_invoice(i, bench, default_policy(), document_id=d)
        for i, d in generate_bench_invoices(bench, orders)
    ]
    # THEN each model equals the one validation builds from the same values, with every field set
    for rec in recs:
        assert Reconciliation.model_validate(rec.model_dump()) == rec
        assert rec.model_fields_set == set(Reconciliation.model_fields)
        for model in [*rec.lines, *rec.checks, *rec.exceptions]:
            again = type(model).model_validate(model.model_dump())
            assert again == model and again.model_dump() == model.model_dump()
            assert model.model_fields_set == set(type(model).model_fields)


def test_shared_fields_set_survives_assignment_and_copy() -> None:
    # GIVEN two checks built on the fast path
    a = trusted(CheckResult, {"name": "a", "passed": True, "compared": {}, "sentence": "A."})
    b = trusted(CheckResult, {"name": "b", "passed": True, "compared": {}, "sentence": "B."})
    # WHEN one is changed and copied
    a.sentence = "changed"
    c = a.model_copy(update={"name": "c"})
    # THEN the other is untouched and both still report every field as set
    assert b.sentence == "B." and b.model_fields_set == a.model_fields_set == set(CheckResult.model_fields)
    assert c.name == "c" and a.name == "a"
    # AND a partial dict falls back to model_construct's defaults
    partial = trusted(ReconciliationException, {"type": "duplicate", "severity": "high", "sentence": "S."})
    assert partial.line is None and partial.model_fields_set == {"type", "severity", "sentence"}
    assert trusted(LineMatch, {"position": 1}).within_tolerance is True


def test_sku_index_normalises_and_follows_replaced_lines() -> None:
    # GIVEN lines whose SKUs are in and out of normal form, two of them with one SKU
    mirror = Mirror.from_records(
        [VendorRecord(1, "V1", "One GmbH")],
        [PurchaseOrderRecord(10, "PO-1", 1)],
        [
            PurchaseOrderLineRecord(1, 10, 1, D(5), D("1.00"), "ab-12"),
            PurchaseOrderLineRecord(2, 10, 2, D(5), D("1.00"), "AB12"),
            PurchaseOrderLineRecord(3, 10, 3, D(5), D("1.00"), "--"),
            PurchaseOrderLineRecord(4, 10, 4, D(5), D("1.00"), None),
        ],
    )
    # THEN look-ups by any spelling find both, in order, and SKU keys are normalised
    assert [pl.id for pl in mirror.lines_for_sku(1, "A B 12")] == [1, 2]
    assert [mirror.sku_key(i) for i in (1, 2, 3, 4)] == ["AB12", "AB12", None, None]
    assert mirror.lines_for_sku(2, "AB12") == [] and mirror.lines_for_sku(1, None) == []
    # WHEN line 1 is replaced by one with an SKU in normal form, THEN its key follows
    mirror.add_po_line(PurchaseOrderLineRecord(1, 10, 1, D(5), D("1.00"), "ZZ9"))
    assert mirror.sku_key(1) == "ZZ9"


def test_billed_counter_agrees_with_billed_qty() -> None:
    # GIVEN two invoices billing line 1 (one of them twice) and line 2
    mirror = Mirror.from_records(
        [VendorRecord(1, "V1", "One GmbH")],
        [PurchaseOrderRecord(10, "PO-1", 1)],
        [
            PurchaseOrderLineRecord(1, 10, 1, D(50), D("1.00")),
            PurchaseOrderLineRecord(2, 10, 2, D(5), D("1")),
        ],
        invoices=[
            PriorInvoiceRecord(
                7, vendor_id=1, billed=(BilledLine(1, D("2.5")), BilledLine(1, D(3)), BilledLine(2, D(1)))
            ),
            PriorInvoiceRecord(8, vendor_id=1, billed=(BilledLine(1, D(4)),)),
        ],
    )
    # THEN the counter gives billed_qty's numbers (and text) with and without an invoice left out
    for exclude in (None, 7, 8, 99):
        counter = mirror.billed_counter(exclude)
        for line_id in (1, 2, 3):
            assert str(counter(line_id)) == str(mirror.billed_qty(line_id, exclude))
    assert mirror.billed_qty(1, 7) == D(4)


def test_interned_decimals_keep_their_exponent_and_gc_is_restored() -> None:
    # GIVEN an interner
    number = DecimalInterner()
    # THEN equal numbers with one exponent share an object, 2 and 2.00 stay apart
    a, b = number(D("2.00")), number(D("2.00"))
    assert a is b and str(number(D(2))) == "2" and str(number(D("2.00"))) == "2.00"
    # AND a bulk load pauses the collector and restores it, even after an error
    assert gc.isenabled()
    try:
        with gc_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.isenabled()
