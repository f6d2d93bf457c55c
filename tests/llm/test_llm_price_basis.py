"""The invoice chain reads a price printed for 100 or 1000 units as one unit's price (scripted server)."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from opsloop.extract.llm import run_invoice_chain
from opsloop.llm import LLMClient
from opsloop.settings import Settings
from tests.llm.llm_helpers import RecordingSleep, ScriptedServer, llm_settings, parsed_invoice, tool_call

PER_THOUSAND_TEXT = """\
Nordwerk Befestigung KG
Lindenweg 12, 04109 Leipzig
USt-IdNr.: DE136695976

Rechnung an: Beispiel AG

Rechnungsnummer: NW-5531
Rechnungsdatum: 02.02.2026

Pos  Artikel                 Menge   Preis je 1000    Betrag
1    Senkkopfschraube 4x30   5000          46,20      231,00
2    Unterlegscheibe M4      2500          12,00       30,00

Nettobetrag                                           261,00
USt 19%                                                49,59
Gesamtbetrag EUR                                      310,59
"""

ANSWER: dict[str, Any] = {
    "document_type": "invoice",
    "vendor": {"name": "Nordwerk Befestigung KG", "vat_id": "DE136695976"},
    "buyer": {"name": "Beispiel AG"},
    "invoice_number": "NW-5531",
    "invoice_date": "2026-02-02",
    "currency": "EUR",
    "subtotal": 261.00,
    "tax_total": 49.59,
    "total": 310.59,
    "lines": [
        {
            "description": "Senkkopfschraube 4x30",
            "quantity": 5000,
            "unit_price": 46.20,
            "price_basis": 1000,
            "amount": 231.00,
        },
        {
            "description": "Unterlegscheibe M4",
            "quantity": 2500,
            "unit_price": 12.00,
            "price_basis": 1000,
            "amount": 30.00,
        },
    ],
}


def test_llm_price_per_thousand_becomes_one_units_price_and_the_line_adds_up(
    settings: Settings, server: ScriptedServer, session: Session, sleep: RecordingSleep
) -> None:
    # GIVEN a model that copies the printed price and names the quantity it is for
    cfg = llm_settings(settings, server.base_url)
    server.script.append(tool_call(ANSWER))
    # WHEN the chain runs
    result = run_invoice_chain(
        parsed_invoice(PER_THOUSAND_TEXT),
        settings=cfg,
        session=session,
        client=LLMClient(cfg.llm, sleep=sleep),
    )
    # THEN the answer is taken at once, each unit price is one unit's, and every line's arithmetic holds
    assert result.outcome == "ok" and result.calls == 1
    ex = result.extraction
    assert [line.unit_price for line in ex.lines] == [Decimal("0.0462"), Decimal("0.012")]
    assert [line.quantity * line.unit_price for line in ex.lines if line.quantity and line.unit_price] == [
        Decimal("231.0000"),
        Decimal("30.000"),
    ]
    assert not ex.failed_checks()


def test_llm_price_basis_that_is_no_basis_or_not_printed_is_reasked(
    settings: Settings, server: ScriptedServer, session: Session, sleep: RecordingSleep
) -> None:
    # GIVEN a model that first names 7 as a basis, then a basis the page never prints, then the right one
    cfg = llm_settings(settings, server.base_url, max_reasks=2)
    odd, unprinted = copy.deepcopy(ANSWER), copy.deepcopy(ANSWER)
    odd["lines"][0]["price_basis"] = 7
    unprinted["lines"][1]["price_basis"] = 10000
    server.script += [tool_call(odd), tool_call(unprinted), tool_call(ANSWER)]
    # WHEN the chain runs
    result = run_invoice_chain(
        parsed_invoice(PER_THOUSAND_TEXT),
        settings=cfg,
        session=session,
        client=LLMClient(cfg.llm, sleep=sleep),
    )
    # THEN each re-ask names the line's basis, and the third answer is used
    first, second = server.user_messages(1)[-1], server.user_messages(2)[-1]
    assert "lines[1].price_basis = 7 is not a price basis" in first
    assert "lines[2].price_basis = 10000 does not appear in the document" in second
    assert result.outcome == "ok" and result.calls == 3
    assert result.extraction.lines[1].unit_price == Decimal("0.012")


def test_llm_price_copied_without_its_basis_fails_the_line_arithmetic(
    settings: Settings, server: ScriptedServer, session: Session, sleep: RecordingSleep
) -> None:
    # GIVEN a model that copies the per-1000 price but names no basis (5000 x 46.20 is not 231.00)
    cfg = llm_settings(settings, server.base_url, max_reasks=1)
    bare = copy.deepcopy(ANSWER)
    for line in bare["lines"]:
        line["price_basis"] = None
    server.script += [tool_call(bare), tool_call(ANSWER)]
    # WHEN the chain runs
    result = run_invoice_chain(
        parsed_invoice(PER_THOUSAND_TEXT),
        settings=cfg,
        session=session,
        client=LLMClient(cfg.llm, sleep=sleep),
    )
    # THEN the re-ask names the line arithmetic, and the answer with the basis is used
    assert "line_arithmetic" in server.user_messages(1)[-1]
    assert result.outcome == "ok" and result.extraction.lines[0].unit_price == Decimal("0.0462")
