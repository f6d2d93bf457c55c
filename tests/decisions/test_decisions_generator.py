"""The decisions eval's generated companies and labels: seeded, valid identifiers, the documented
export columns, every PO status, labels that say what a clerk would do, and a scorer that counts
wrong approvals the way the issue does."""

from __future__ import annotations

from decimal import Decimal

import pytest
from evals.decisions.company import EXPORT_COLUMNS, Company
from evals.decisions.runner import outcome_of
from evals.decisions.scenarios import CLASSES, build_cases
from evals.decisions.vocabulary import AUTO_LIMIT, OPSLOOP_NAMES, PROBLEMS, Label, judge
from stdnum import iban as iban_check
from stdnum import vatin

from opsloop.domain.erp import ExceptionType


def test_same_seed_gives_the_same_company_and_another_seed_another() -> None:
    # GIVEN companies built twice from one seed and once from another, with their cases
    a, b, c = Company(5), Company(5), Company(6)
    cases_a, cases_b, _ = build_cases(a), build_cases(b), build_cases(c)
    # THEN the exports and invoices are identical for the same seed and differ for another
    assert a.export(60) == b.export(60)
    assert a.export(60) != c.export(60)
    assert [x.invoice for x in cases_a] == [x.invoice for x in cases_b]


def test_vendor_vat_ids_and_ibans_have_valid_check_digits() -> None:
    company = Company(11)
    vendors = [*company.vendors, company.outsider]
    assert len({v.country for v in vendors}) >= 6
    for vendor in vendors:
        if vendor.party.vat_id:
            assert vatin.is_valid(vendor.party.vat_id), vendor.party.vat_id
        if vendor.party.iban:
            assert iban_check.is_valid(vendor.party.iban), vendor.party.iban
    assert vatin.is_valid(company.buyer.vat_id or "")


def test_export_rows_carry_exactly_the_documented_columns_and_every_po_status() -> None:
    # GIVEN a company with its whole catalogue built
    company = Company(2)
    build_cases(company)
    export = company.export(60)
    # THEN each file has the folder connector's columns, and the POs cover every ERP status
    for name, rows in export.items():
        assert rows, name
        assert all(tuple(row) == EXPORT_COLUMNS[name] for row in rows), name
    statuses = {row["status"] for row in export["purchase_orders"]}
    assert statuses >= {"open", "partially_received", "received", "closed", "cancelled"}
    # AND the vendor the ERP does not know is not exported
    assert company.outsider.erp_id not in {row["erp_id"] for row in export["vendors"]}


def test_receipts_enter_the_export_on_the_day_they_are_posted() -> None:
    company = Company(3)
    vendor = company.vendors[0]
    po = company.new_po(vendor, [(vendor.items[0], Decimal(10))], order_day=30)
    company.receive(po, day=35)
    before = {r["po_number"] for r in company.export(34)["goods_receipts"]}
    after = {r["po_number"] for r in company.export(35)["goods_receipts"]}
    assert po.number not in before and po.number in after
    status = {r["number"]: r["status"] for r in company.export(35)["purchase_orders"]}
    assert status[po.number] == "received"
    assert po.number not in {r["number"] for r in company.export(29)["purchase_orders"]}


def test_every_class_builds_labelled_cases_and_holds_name_their_problem() -> None:
    company = Company(4)
    cases = build_cases(company)
    built = {c.cls for c in cases}
    assert built == {c.name for c in CLASSES}
    assert {c.label.decision for c in cases} == {"approve", "person", "hold", "credit"}
    for case in cases:
        if case.label.decision == "hold":
            assert case.label.problems <= PROBLEMS.keys() and case.label.problems
        if case.label.auto_ok:  # automatic approval is only ever acceptable within our AP practice
            assert case.vendor.established and case.invoice.amount_due <= AUTO_LIMIT
            assert case.invoice.po_numbers
    # AND the timeline is in date order, history first
    assert [c.day for c in cases] == sorted(c.day for c in cases)
    assert all(c.history for c in cases if c.day <= 20)


def test_a_label_that_holds_without_a_problem_is_refused() -> None:
    with pytest.raises(ValueError, match="names the problem"):
        Label("hold", "no reason")
    with pytest.raises(ValueError, match="unknown problem"):
        Label("hold", "made up", frozenset({"cosmic_rays"}))


def test_every_exception_type_opsloop_can_raise_is_mapped_to_a_problem() -> None:
    mapped = {name for names in OPSLOOP_NAMES.values() for name in names}
    assert {t.value for t in ExceptionType} <= mapped
    assert OPSLOOP_NAMES.keys() == PROBLEMS.keys()


# ---------------------------------------------------------------------------- scoring


def test_automatic_approval_of_an_invoice_to_hold_is_a_wrong_automatic_approval() -> None:
    label = Label("hold", "closed PO", frozenset({"po_closed"}))
    verdict = judge(label, "auto_approve", frozenset())
    assert not verdict.right and verdict.wrong_approval == "should_hold" and verdict.automatic
    assert verdict.missed == {"po_closed"}


def test_proposing_payment_of_a_credit_note_is_a_wrong_approval() -> None:
    verdict = judge(Label("credit", "returned goods"), "proposed_approve", frozenset())
    assert verdict.wrong_approval == "should_hold" and not verdict.automatic


def test_automatic_approval_where_a_person_must_decide_is_wrong_even_if_payable() -> None:
    inferred = Label("approve", "inferred PO", auto_ok=False)
    assert judge(inferred, "auto_approve", frozenset()).wrong_approval == "needed_person"
    assert judge(inferred, "proposed_approve", frozenset()).right
    assert judge(Label("person", "instruction text"), "hold", frozenset()).right


def test_holding_a_clean_invoice_is_a_false_hold_and_its_types_are_spurious() -> None:
    verdict = judge(Label("approve", "clean", auto_ok=True), "hold", frozenset({"unmatched_line"}))
    assert verdict.false_hold and not verdict.right
    assert verdict.spurious == {"unmatched_line"}


def test_tolerated_types_are_neither_found_nor_spurious() -> None:
    label = Label("hold", "cancelled", frozenset({"po_closed"}), tolerated=frozenset({"not_received"}))
    verdict = judge(label, "hold", frozenset({"not_received"}))
    assert verdict.right and verdict.spurious == frozenset() and verdict.missed == {"po_closed"}


def _proposal(
    pid: int, kind: str, state: str, action: str, *, rule: str | None = None, types: tuple[str, ...] = ()
) -> dict[str, object]:
    decisions = [{"action": "approve", "autonomy_rule": rule}] if rule else []
    return {
        "id": pid,
        "kind": kind,
        "state": state,
        "summary": f"{kind} {state}",
        "payload": {"action": action},
        "working": {"exceptions": [{"type": t, "sentence": t} for t in types]},
        "decisions": decisions,
    }


def test_outcome_reads_automatic_approval_credit_notes_and_the_current_proposal() -> None:
    auto = _proposal(1, "invoice_approve", "approved", "approve_payment", rule="invoice-matched-known-vendor")
    assert outcome_of("accepted", "done", [auto])[0] == "auto_approve"
    credit = _proposal(2, "invoice_approve", "pending", "book_credit_note")
    assert outcome_of("accepted", "in_review", [credit])[0] == "credit"
    held = _proposal(
        3, "invoice_request_credit_note", "superseded", "request_credit_note", types=("price_variance",)
    )
    pair = _proposal(4, "invoice_approve", "pending", "approve_payment")
    assert outcome_of("accepted", "in_review", [held, pair])[0] == "proposed_approve"
    hold = _proposal(5, "invoice_hold", "pending", "hold", types=("not_received",))
    outcome, types, _said, _rule = outcome_of("accepted", "in_review", [hold])
    assert outcome == "hold" and types == {"not_received"}
    assert outcome_of("duplicate", None, [])[0] == "dropped"
    assert outcome_of("accepted", "failed", [])[0] == "failed"


def test_evals_readme_lists_every_class_and_the_whole_mapping() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "evals" / "README.md").read_text(encoding="utf-8")
    for cls in CLASSES:
        assert f"| `{cls.name}` |" in readme, cls.name
    for problem, names in OPSLOOP_NAMES.items():
        rows = [line for line in readme.splitlines() if line.startswith(f"| `{problem}` |")]
        assert any(all(f"`{name}`" in row for name in names) for row in rows), problem


def test_the_guards_that_kept_a_touchless_candidate_are_named_by_their_reason_names() -> None:
    from evals.decisions.scoring import guard_names

    waiting = (
        "waiting for a reviewer: po_inferred: the invoice prints no PO; the PO was inferred; "
        "low_confidence: invoice_number 0.52 < 0.90; iban_unverified: the master has no IBAN"
    )
    assert guard_names(waiting) == ["po_inferred", "low_confidence", "iban_unverified"]
    assert guard_names("") == []


@pytest.mark.parametrize("seed", range(10))
def test_a_part_delivery_leaves_part_of_every_po_line_unreceived(seed: int) -> None:
    # GIVEN the cases whose PO was half received (a single unit cannot be: half of it would be all)
    company = Company(seed)
    cases = [c for c in build_cases(company) if c.cls == "partly_received_billed_in_full"]
    assert cases
    by_number = {po.number: po for po in company.pos}
    for case in cases:
        (number,) = case.invoice.po_numbers
        po = by_number[number]
        # THEN on the invoice's day every PO line is received in part only
        assert all(Decimal(0) < po.received(line.line_no, case.day) < line.quantity for line in po.lines)


@pytest.mark.parametrize("seed", [63, 64, 65])
def test_goods_billed_without_a_po_are_held_only_where_no_po_on_file_orders_them(seed: int) -> None:
    # GIVEN a company's cases: invoices for goods whose PO was never entered in the ERP
    company = Company(seed)
    cases = build_cases(company)
    for case in (c for c in cases if c.cls == "no_po_nothing_fits"):
        lines = sorted((line.description, line.quantity) for line in case.invoice.lines)
        fitting = [
            po.number
            for po in company.pos
            if po.vendor is case.vendor
            and po.status(case.day) not in ("cancelled", "closed")
            and all(
                any(
                    (pol.description, pol.quantity) == (description, quantity)
                    or (pol.item.name_in(case.vendor.lang), pol.quantity) == (description, quantity)
                    for pol in po.lines
                    if po.received(pol.line_no, case.day) >= pol.quantity
                )
                for description, quantity in lines
            )
        ]
        # THEN a hold ("nothing was ordered for these lines") only where no received PO of the vendor
        # orders those goods in those quantities; where one does, a clerk matches it (a person's call)
        if case.label.decision == "hold":
            assert fitting == [], (case.id, fitting)
        else:
            assert case.label.decision == "approve" and not case.label.auto_ok and fitting
