"""Teach it once: a person releases a held invoice without an order (a monthly storage rent) and asks opsloop
to remember it as a recurring charge, through the API as a user does. The next month's invoice, same account,
currency and amount, then passes untouched, its approval naming the agreement; the same month billed again,
a dearer month, and any month after the agreement was revoked are held saying how they differ. Undoing the
approval that made an agreement revokes it; an automatic approval can never make one."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from opsloop.erp.folder import load_folder
from opsloop.review.accounts import Actor, Role, issue_token
from opsloop.review.decisions import DecisionAction, DecisionRequest, InvalidDecision, decide
from opsloop.review.recurring import remember_recurring_charge
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.stages import reset_caches
from opsloop.store import tables as t
from opsloop.web.app import create_app
from tests.review.review_helpers import PASSWORD, add_users

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TEMPLATE = (FIXTURES / "inbox" / "hansa_HL-26-04417.xml").read_text(encoding="utf-8")
IBAN = "DE67200300000772019588"
CENT = Decimal("0.01")


def _rent(number: str, month: str, issued: str, price: str = "580.00", iban: str = IBAN) -> bytes:
    """Hansa's storage rent for `month` ("November 2026") as a UBL e-invoice without an order reference."""
    net = Decimal(price).quantize(CENT)
    tax = (net * Decimal("0.19")).quantize(CENT)
    total = net + tax
    head = TEMPLATE.partition("  <cac:InvoiceLine>")[0]
    head = head.replace("HL-26-04417", number).replace("2026-11-04", issued).replace(IBAN, iban)
    head = head.replace(
        "  <cac:OrderReference>\n    <cbc:ID>4500001206</cbc:ID>\n  </cac:OrderReference>\n", ""
    )
    for old, new in (("514.52", tax), ("2708.00", net), ("3222.52", total)):
        head = head.replace(old, str(new))
    line = f"""  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">{net}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>Lagerfläche Halle 3, Miete {month}</cbc:Name>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">{net}</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
</Invoice>
"""
    return (head + line).encode()


def _arrives(engine: Engine, settings: Settings, tmp_path: Path, name: str, body: bytes) -> t.Proposal:
    path = tmp_path / "drop" / f"{name}.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    [outcome] = ingest_and_process(engine, settings, [path], move=False)[0]
    with Session(engine) as session:
        return session.exec(
            select(t.Proposal)
            .where(t.Proposal.document_id == outcome.document_id)
            .order_by(col(t.Proposal.id).desc())
        ).first()  # type: ignore[return-value]


def _why_not(engine: Engine, proposal: t.Proposal) -> list[str]:
    """What the autonomy policy says about `proposal` (for a failing assertion)."""
    from opsloop.review.autonomy import evaluate_autonomy

    with Session(engine) as session:
        fresh = session.get(t.Proposal, proposal.id)
        assert fresh is not None
        return [proposal.summary, *evaluate_autonomy(session, fresh).reasons]


def _october_remembered(
    engine: Engine, settings: Settings, tmp_path: Path, world: tuple[TestClient, dict[str, str]]
) -> t.Proposal:
    """October's rent arrives, held; alice releases it and remembers it as a recurring charge (the API)."""
    client, alice = world
    october = _arrives(engine, settings, tmp_path, "oct", _rent("HL-26-0410", "Oktober 2026", "2026-10-01"))
    body = {"action": "release", "reason": "rent", "remember_recurring": True, "confirmed": True}
    assert client.post(f"/api/proposals/{october.id}/decide", headers=alice, json=body).status_code == 200
    return october


@pytest.fixture
def world(settings: Settings, engine: Engine) -> tuple[TestClient, dict[str, str]]:
    reset_caches()
    add_users(engine)
    with Session(engine) as session:
        load_folder(session, FIXTURES / "erp")
        alice = session.exec(select(t.User).where(t.User.username == "alice")).one()
        token = issue_token(session, alice)
        session.commit()
    client = TestClient(create_app(settings, engine=engine), client=("127.0.0.1", 50000))
    return client, {"Authorization": f"Bearer {token}"}


def test_released_and_remembered_the_next_month_passes_and_what_differs_is_held(
    settings: Settings, engine: Engine, tmp_path: Path, world: tuple[TestClient, dict[str, str]]
) -> None:
    client, alice = world
    # GIVEN October's rent, held for want of a PO
    october = _arrives(engine, settings, tmp_path, "oct", _rent("HL-26-0410", "Oktober 2026", "2026-10-01"))
    assert october.payload["action"] == "hold" and "missing_po" in october.payload["reasons"]
    # WHEN the clerk releases it and asks opsloop to remember it, through the API
    body = {"action": "release", "reason": "storage rent, contract 2026", "remember_recurring": True,
            "expected_version": october.version, "confirmed": True}  # fmt: skip
    released = client.post(f"/api/proposals/{october.id}/decide", headers=alice, json=body)
    assert released.status_code == 200, released.text
    assert "Remembered as a recurring charge (agreement #1)" in released.json()["message"]
    [agreement] = client.get("/api/recurring-agreements", headers=alice).json()
    assert agreement["status"] == "active" and agreement["total"] == "690.20" and agreement["iban"] == IBAN
    assert agreement["next_period"] == "2026-11" and agreement["approved_by"] == "alice"
    # THEN November's rent, same account and amount, is approved untouched, naming the agreement
    november = _arrives(engine, settings, tmp_path, "nov", _rent("HL-26-0511", "November 2026", "2026-11-02"))
    assert november.state == "approved", _why_not(engine, november)
    assert november.payload["recurring_agreement"] == 1 and november.payload["recurring_period"] == "2026-11"
    with Session(engine) as session:
        [auto] = session.exec(
            select(t.ReviewDecision).where(t.ReviewDecision.proposal_id == november.id)
        ).all()
        assert auto.autonomy_rule == "invoice-recurring-charge"
        assert "billed under recurring charge agreement #1 (2026-11)" in (auto.reason or "")
    # AND November billed a second time under another number is held, naming the first
    again = _arrives(engine, settings, tmp_path, "nov2", _rent("HL-26-0530", "November 2026", "2026-11-20"))
    assert again.payload["action"] == "hold"
    assert "November 2026 was billed already under it (invoice HL-26-0511)" in again.summary
    # AND a dearer December is held saying by how much
    dearer = _arrives(
        engine, settings, tmp_path, "dec", _rent("HL-26-0612", "Dezember 2026", "2026-12-01", "600.00")
    )
    assert (
        dearer.payload["action"] == "hold"
        and "its total is 714.00 EUR, 23.80 above the agreed 690.20" in dearer.summary
    )
    uses = client.get("/api/recurring-agreements", headers=alice).json()[0]["uses"]
    assert [u["invoice_number"] for u in uses] == ["HL-26-0511"]
    # WHEN the agreement is revoked THEN December at the agreed amount is held, saying who revoked it
    revoked = client.post(
        "/api/recurring-agreements/1/revoke", headers=alice, json={"reason": "contract ends"}
    )
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    december = _arrives(
        engine, settings, tmp_path, "dec2", _rent("HL-26-0613", "Dezember 2026", "2026-12-02")
    )
    assert december.payload["action"] == "hold" and "alice revoked it" in december.summary
    assert "(contract ends)" in december.summary


def test_a_new_bank_account_is_held_although_a_person_remembered_the_charge(
    settings: Settings, engine: Engine, tmp_path: Path, world: tuple[TestClient, dict[str, str]]
) -> None:
    _october_remembered(engine, settings, tmp_path, world)
    other = "DE02120300000000202051"
    november = _arrives(engine, settings, tmp_path, "nov",
                        _rent("HL-26-0511", "November 2026", "2026-11-02", iban=other))  # fmt: skip
    assert november.state == "pending" and november.payload["action"] == "hold"
    assert f"it asks for payment to {other}, the approved invoice to {IBAN}" in november.summary


def test_undoing_the_approval_that_made_an_agreement_revokes_it_and_automation_cannot_make_one(
    settings: Settings, engine: Engine, tmp_path: Path, world: tuple[TestClient, dict[str, str]]
) -> None:
    client, alice = world
    october = _october_remembered(engine, settings, tmp_path, world)
    undone = client.post(f"/api/proposals/{october.id}/decide", headers=alice, json={"action": "undo"})
    assert undone.status_code == 200, undone.text
    [agreement] = client.get("/api/recurring-agreements", headers=alice).json()
    assert agreement["status"] == "revoked" and "was undone" in agreement["revoked_reason"]
    with Session(engine) as session:
        proposal = session.get(t.Proposal, october.id)
        assert proposal is not None
        with pytest.raises(InvalidDecision, match="only a person"):
            remember_recurring_charge(
                session, proposal, "autonomy:invoice-recurring-charge", decision_id=None
            )


def test_an_invoice_on_a_po_or_a_hold_kept_is_not_remembered(
    settings: Settings, engine: Engine, tmp_path: Path, world: tuple[TestClient, dict[str, str]]
) -> None:
    # GIVEN Hansa's invoice on its PO (held or proposed, it bills PO 4500001206)
    [outcome] = ingest_and_process(
        engine, settings, [FIXTURES / "inbox" / "hansa_HL-26-04417.xml"], move=False
    )[0]
    admin = Actor(username="alice", role=Role.ADMIN)
    with Session(engine) as session:
        proposal = session.exec(
            select(t.Proposal).where(t.Proposal.document_id == outcome.document_id)
        ).first()
        assert proposal is not None and proposal.id is not None
        action = DecisionAction.RELEASE if proposal.payload["action"] == "hold" else DecisionAction.APPROVE
        request = DecisionRequest(action=action, reason="checked", remember_recurring=True, confirmed=True)
        with pytest.raises(InvalidDecision, match="only a charge without an order"):
            decide(session, proposal.id, admin, request)
        session.rollback()
        assert session.exec(select(t.RecurringAgreement)).all() == []


def _workspace_hint(engine: Engine, settings: Settings, proposal: t.Proposal) -> str | None:
    from opsloop.review.workspace import build_workspace

    with Session(engine) as session:
        fresh = session.get(t.Proposal, proposal.id)
        assert fresh is not None
        hint = build_workspace(session, settings, fresh).recurring_hint
        return None if hint is None else f"{hint.cadence_months}|{','.join(hint.periods)}|{hint.sentence}"


def _released(client: TestClient, who: dict[str, str], proposal: t.Proposal) -> None:
    body = {"action": "release", "reason": "storage rent", "confirmed": True}
    assert client.post(f"/api/proposals/{proposal.id}/decide", headers=who, json=body).status_code == 200


def test_the_third_same_charge_a_person_released_without_a_po_offers_to_remember_it(
    settings: Settings, engine: Engine, tmp_path: Path, world: tuple[TestClient, dict[str, str]]
) -> None:
    client, alice = world
    # GIVEN September's rent released by a person, without remembering it
    september = _arrives(
        engine, settings, tmp_path, "sep", _rent("HL-26-0309", "September 2026", "2026-09-01")
    )
    _released(client, alice, september)
    # WHEN October's arrives: one earlier approval teaches nothing yet
    october = _arrives(engine, settings, tmp_path, "oct", _rent("HL-26-0410", "Oktober 2026", "2026-10-01"))
    assert october.payload["action"] == "hold"
    assert _workspace_hint(engine, settings, october) is None
    _released(client, alice, october)
    # THEN November's, the same amount a month on, offers to remember it, monthly, naming who approved what
    november = _arrives(engine, settings, tmp_path, "nov", _rent("HL-26-0511", "November 2026", "2026-11-02"))
    hint = _workspace_hint(engine, settings, november)
    assert hint is not None and hint.startswith("1|2026-09,2026-10|"), hint
    assert "September 2026 and October 2026, 690.20 EUR each time, by alice" in hint
    # AND nothing is remembered until a person asks: November is still held
    assert november.payload["action"] == "hold"
    assert client.get("/api/recurring-agreements", headers=alice).json() == []
    # AND the panel shows the hint beside the checkbox, the cadence chosen
    login = client.get("/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login)
    assert csrf is not None
    client.post("/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf.group(1)})
    page = client.get(f"/proposals/{november.id}").text
    assert 'id="recurring-hint-release"' in page and '<option value="1" selected>' in page


@pytest.mark.parametrize(
    ("months", "price"),
    [
        (("September 2026", "2026-09-01", "Oktober 2026", "2026-10-01"), "600.00"),  # another amount
        (("Juli 2026", "2026-07-01", "Oktober 2026", "2026-10-01"), "580.00"),  # 3 months, then 1: no cadence
    ],
)
def test_no_offer_where_the_earlier_approvals_differ_in_amount_or_rhythm(
    settings: Settings,
    engine: Engine,
    tmp_path: Path,
    world: tuple[TestClient, dict[str, str]],
    months: tuple[str, str, str, str],
    price: str,
) -> None:
    client, alice = world
    first = _arrives(engine, settings, tmp_path, "a", _rent("HL-26-0101", months[0], months[1], price))
    _released(client, alice, first)
    second = _arrives(engine, settings, tmp_path, "b", _rent("HL-26-0102", months[2], months[3]))
    _released(client, alice, second)
    november = _arrives(engine, settings, tmp_path, "nov", _rent("HL-26-0511", "November 2026", "2026-11-02"))
    assert _workspace_hint(engine, settings, november) is None


def test_a_remembered_rent_passes_in_a_quiet_erp_and_one_dated_after_today_waits_for_a_person(
    settings: Settings,
    engine: Engine,
    tmp_path: Path,
    world: tuple[TestClient, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN an ERP where nothing was ordered or received after 20 November 2026 (fixtures/erp) and January's
    # rent, released and remembered on 5 January
    client, alice = world
    monkeypatch.setenv("OPSLOOP_TODAY", "2027-01-05")
    january = _arrives(engine, settings, tmp_path, "jan", _rent("HL-27-0104", "Januar 2027", "2027-01-04"))
    body = {"action": "release", "reason": "rent", "remember_recurring": True, "confirmed": True}
    assert client.post(f"/api/proposals/{january.id}/decide", headers=alice, json=body).status_code == 200
    # WHEN February's rent arrives on 3 February, dated the 1st, ten weeks after the ERP's newest record
    monkeypatch.setenv("OPSLOOP_TODAY", "2027-02-03")
    february = _arrives(engine, settings, tmp_path, "feb", _rent("HL-27-0201", "Februar 2027", "2027-02-01"))
    # THEN it passes untouched: a quiet ERP is no sign that the invoice is dated in the future
    assert february.state == "approved", _why_not(engine, february)
    # AND March's rent, arriving the same day already dated 1 March, waits for a person saying why
    march = _arrives(engine, settings, tmp_path, "mar", _rent("HL-27-0301", "März 2027", "2027-03-01"))
    assert march.state == "pending" and march.payload["action"] == "approve_payment"
    assert "failed_check: invoice_date_not_in_future" in _why_not(engine, march)
    [check] = [c for c in march.working["checks"] if c["name"] == "invoice_date_not_in_future"]
    assert "dated 2027-03-01, after today (2027-02-03)" in check["detail"]
