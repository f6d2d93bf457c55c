"""Bad input is quarantined with its reason, never left `failed` (only a fault of ours is): absurd
numbers in e-invoices, and transcripts with deep nesting, oversized fields, impossible times, unknown
charsets or lone surrogates."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from evals.fuzzing import poison
from sqlalchemy import Engine
from sqlmodel import Session, select

from opsloop.domain.invoices import InvoiceExtraction, InvoiceLineExtraction
from opsloop.errors import RejectedInput
from opsloop.extract.amounts import ABSURD_AMOUNT, bounded_decimal, check_extraction_amounts
from opsloop.service import ingest_and_process
from opsloop.settings import Settings
from opsloop.store.tables import Conversation, Document, Invoice, Message
from tests import samples


def _run(settings: Settings, engine: Engine, name: str, data: bytes) -> Document:
    path = samples.write(settings.inbox_dir, name, data)
    ingest_and_process(engine, settings, [path], move=True)
    with Session(engine) as session:
        return session.exec(select(Document).where(Document.original_name == name)).one()


@pytest.mark.parametrize("amount", ["1e999999", "NaN", "-Infinity", "9" * 400, "0." + "0" * 300 + "1"])
@pytest.mark.parametrize("syntax", ["ubl", "cii"])
def test_an_e_invoice_with_an_absurd_total_is_quarantined_as_absurd_amount(
    settings: Settings, engine: Engine, amount: str, syntax: str
) -> None:
    data = poison._ubl(amount) if syntax == "ubl" else poison._cii(amount)
    document = _run(settings, engine, f"absurd-{syntax}.xml", data)
    assert document.state == "quarantined", document.failure_reason
    assert (document.failure_reason or "").startswith(f"{ABSURD_AMOUNT}:")
    with Session(engine) as session:
        assert session.exec(select(Invoice)).first() is None  # nothing of it was stored


def test_an_absurd_line_amount_is_refused_too(settings: Settings, engine: Engine) -> None:
    document = _run(settings, engine, "line.xml", poison._ubl("119.00", line_amount="1e999999"))
    assert document.state == "quarantined" and ABSURD_AMOUNT in (document.failure_reason or "")


def test_amounts_an_invoice_can_hold_pass_the_bounds() -> None:
    for text in ("0", "-0.00", "1432.62", "99999999999999.999999", "0.000001", "1.50000000"):
        assert bounded_decimal(text) == Decimal(text)
    assert bounded_decimal("twelve") is None  # not a number at all: the reader's business
    for text in ("100000000000000", "0.0000001", "Infinity", "sNaN", "1E+15"):
        with pytest.raises(RejectedInput) as refused:
            bounded_decimal(text)
        assert refused.value.code == ABSURD_AMOUNT


def test_a_model_or_rules_result_with_an_absurd_amount_is_refused_whole() -> None:
    extraction = InvoiceExtraction(
        total=Decimal("100.00"), lines=[InvoiceLineExtraction(amount=Decimal("1E+999999"))]
    )
    with pytest.raises(RejectedInput) as refused:
        check_extraction_amounts(extraction)
    assert refused.value.code == ABSURD_AMOUNT and "line 1 amount" in refused.value.message


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("nested.json", poison.nested_json(100_000), "nests its data too deeply"),
        ("wide.csv", poison.wide_csv(), "field larger than field limit"),
        ("timestamps.json", poison.absurd_timestamp_chat(), "unreadable time"),
        (
            "future.json",
            b'{"messages": [{"role": "customer", "text": "hi", "sent_at": 1e300}]}',
            "out of range",
        ),
        ("date.eml", poison.absurd_date_email(), "unreadable Date"),
    ],
)
def test_a_broken_transcript_is_quarantined_with_its_reason_not_failed(
    settings: Settings, engine: Engine, name: str, data: bytes, reason: str
) -> None:
    document = _run(settings, engine, name, data)
    assert document.state == "quarantined", document.failure_reason
    assert (document.failure_reason or "").startswith("malformed_transcript:")
    assert reason in (document.failure_reason or "")


@pytest.mark.parametrize(
    ("name", "data", "readable"),
    [
        ("charset.eml", poison.unknown_charset_email(), "Where is my order?"),
        ("surrogates.json", poison.surrogate_chat(), "where is my order \ufffd \ufffd?"),
    ],
)
def test_a_transcript_with_an_unknown_charset_or_lone_surrogates_is_read(
    settings: Settings, engine: Engine, name: str, data: bytes, readable: str
) -> None:
    document = _run(settings, engine, name, data)
    assert document.state == "done", document.failure_reason
    with Session(engine) as session:
        assert session.exec(select(Conversation)).one() is not None
    assert readable in _messages(engine)


def _messages(engine: Engine) -> str:
    with Session(engine) as session:
        return " ".join(m.text for m in session.exec(select(Message)))


def test_a_huge_message_is_analysed_on_its_beginning_and_stored_whole(
    settings: Settings, engine: Engine
) -> None:
    # GIVEN a chat whose one message is 600,000 characters (sentiment scoring grows faster than that)
    words = ("late", "refund", "broken", "again", "order", "where", "please", "thanks")
    huge = " ".join(words[n % len(words)] for n in range(100_000))
    data = json.dumps({"messages": [{"role": "customer", "text": huge}, {"role": "agent", "text": "On it."}]})
    # WHEN it goes through the pipeline THEN it is analysed within the budget, and nothing of it is lost
    document = _run(settings, engine, "huge.json", data.encode())
    assert document.state == "done", document.failure_reason
    assert huge in _messages(engine)
