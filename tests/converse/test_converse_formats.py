"""Transcript formats: each fixture format is read, malformed files say where, sniffing goes by content."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from opsloop.converse import read_transcript, sniff_transcript
from opsloop.converse.formats import strip_quoted
from opsloop.domain.conversations import AuthorRole
from opsloop.domain.documents import DocumentKind
from opsloop.errors import RejectedInput

ROOT = Path(__file__).resolve().parents[2]
INBOX = ROOT / "fixtures" / "inbox"
DATA = Path(__file__).resolve().parent / "data"


def read_fixture(name: str):
    data = (INBOX / name).read_bytes()
    kind = sniff_transcript(data, name)
    assert kind is not None, f"{name} was not recognised as a transcript"
    return kind, read_transcript(data, kind)


def test_generic_json_keeps_roles_times_ids_and_metadata() -> None:
    # GIVEN the generic-schema fixture  WHEN it is sniffed and read
    kind, transcript = read_fixture("chat-generic.json")
    # THEN every message keeps its id, role, timestamp and text, and the header fields are kept
    assert kind is DocumentKind.CHAT_JSON
    assert transcript.external_id == "CHAT-2026-11-27-0042"
    assert transcript.queue == "logistics"
    assert [m.role for m in transcript.messages] == [
        AuthorRole.CUSTOMER,
        AuthorRole.BOT,
        AuthorRole.CUSTOMER,
        AuthorRole.AGENT,
        AuthorRole.CUSTOMER,
        AuthorRole.AGENT,
    ]
    assert transcript.messages[0].id == "m1"
    assert transcript.messages[0].sent_at == datetime(2026, 11, 27, 9, 2, tzinfo=UTC)
    assert transcript.messages[2].text.startswith("Still waiting.")


def test_zendesk_export_maps_requester_and_agents_and_skips_internal_notes() -> None:
    kind, transcript = read_fixture("chat-zendesk.json")
    assert kind is DocumentKind.CHAT_JSON
    assert transcript.external_id == "35436"
    assert transcript.queue == "refunds"
    assert transcript.customer == "marcus.lee@example.com"
    # THEN the private comment 1002 is not part of the conversation
    assert [m.id for m in transcript.messages] == ["1001", "1003", "1004", "1005"]
    assert [m.role for m in transcript.messages] == [
        AuthorRole.CUSTOMER,
        AuthorRole.AGENT,
        AuthorRole.CUSTOMER,
        AuthorRole.AGENT,
    ]
    assert transcript.messages[1].author == "Priya Shah"


def test_intercom_export_reads_source_and_parts_without_notes_or_empty_parts() -> None:
    kind, transcript = read_fixture("chat-intercom.json")
    assert kind is DocumentKind.CHAT_JSON
    assert transcript.queue == "billing"
    assert [m.id for m in transcript.messages] == ["2041552201", "9002", "9004", "9005", "9006"]
    first = transcript.messages[0]
    # THEN HTML is stripped and entities decoded; epoch seconds become UTC datetimes
    assert first.role is AuthorRole.CUSTOMER
    assert '"premium support"' in first.text and "<p>" not in first.text
    assert first.sent_at == datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    assert transcript.messages[1].role is AuthorRole.AGENT


def test_csv_with_german_headers_and_semicolons() -> None:
    kind, transcript = read_fixture("chat-transcript.csv")
    assert kind is DocumentKind.CHAT_CSV
    assert transcript.external_id == "TKT-5521"
    assert [m.role for m in transcript.messages] == [
        AuthorRole.CUSTOMER,
        AuthorRole.AGENT,
        AuthorRole.CUSTOMER,
        AuthorRole.AGENT,
    ]
    assert transcript.messages[0].sent_at == datetime(2026, 11, 27, 10, 1, tzinfo=UTC)
    assert transcript.messages[1].author == "Aylin"


def test_plain_text_with_bracketed_timestamps_headers_and_continuation_lines() -> None:
    kind, transcript = read_fixture("chat-transcript.txt")
    assert kind is DocumentKind.CHAT_TEXT
    assert transcript.subject == "Thank you for the upgrade on flight UA 883"
    assert transcript.external_id == "WEB-77310"
    assert len(transcript.messages) == 4
    first = transcript.messages[0]
    assert first.author == "Maria Lopez"
    assert "brought her a cake" in first.text  # the continuation line belongs to the first message
    assert transcript.messages[3].sent_at == datetime(2026, 11, 27, 16, 50, tzinfo=UTC)


def test_plain_text_time_only_uses_the_date_header_and_rolls_over_midnight() -> None:
    text = b"Date: 2026-11-27\nCustomer: Hello, anyone there?\n23:58 Customer: My flight was cancelled\n00:03 Agent: Sorry, let me check\n"
    transcript = read_transcript(text, DocumentKind.CHAT_TEXT)
    assert transcript.messages[0].sent_at is None  # no time on the line: not invented
    assert transcript.messages[1].sent_at == datetime(2026, 11, 27, 23, 58, tzinfo=UTC)
    assert transcript.messages[2].sent_at == datetime(2026, 11, 28, 0, 3, tzinfo=UTC)


def test_plain_text_time_only_without_a_date_has_no_timestamps() -> None:
    transcript = read_transcript(b"10:01 Customer: hi\n10:02 Agent: hello\n", DocumentKind.CHAT_TEXT)
    assert [m.sent_at for m in transcript.messages] == [None, None]
    assert [m.text for m in transcript.messages] == ["hi", "hello"]


def test_single_email_strips_the_quoted_reply_and_keeps_the_offset() -> None:
    kind, transcript = read_fixture("chat-email.eml")
    assert kind is DocumentKind.CHAT_EMAIL
    assert transcript.subject == "Your order 55120 has shipped"
    [message] = transcript.messages
    assert message.role is AuthorRole.CUSTOMER
    assert "coffee grinder" in message.text
    assert "Good news" not in message.text and "wrote:" not in message.text
    assert message.sent_at == datetime(2026, 11, 27, 10, 42, 10, tzinfo=UTC)


def test_mbox_thread_roles_come_from_the_support_domain() -> None:
    kind, transcript = read_fixture("chat-email-thread.mbox")
    assert kind is DocumentKind.CHAT_EMAIL
    assert transcript.customer == "d.okafor@example.net"
    assert [m.role for m in transcript.messages] == [
        AuthorRole.CUSTOMER,
        AuthorRole.AGENT,
        AuthorRole.CUSTOMER,
    ]
    assert transcript.messages[2].text == "A refund please. Thanks for the fast answer!"  # signature cut
    assert "> Hello" not in transcript.messages[1].text


def test_email_support_domains_can_be_given() -> None:
    data = (INBOX / "chat-email-thread.mbox").read_bytes()
    # GIVEN the shop's domain is NOT named as support  WHEN read  THEN nobody there is an agent
    transcript = read_transcript(data, DocumentKind.CHAT_EMAIL, support_domains=["other.example"])
    assert AuthorRole.AGENT not in {m.role for m in transcript.messages}


def test_strip_quoted_handles_german_reply_headers() -> None:
    body = "Danke, das hat geholfen.\n\nAm 27.11.2026 um 10:00 schrieb Support <s@x.de>:\n> alter Text"
    assert strip_quoted(body) == "Danke, das hat geholfen."


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("malformed-syntax.json", 5, "invalid JSON"),
        ("malformed-role.json", 6, "role 'manager'"),
        ("malformed.txt", 3, "expected a message line"),
        ("malformed.csv", 3, "columns"),
    ],
)
def test_malformed_transcripts_are_rejected_with_line_and_reason(name: str, line: int, reason: str) -> None:
    data = (DATA / name).read_bytes()
    # GIVEN a broken transcript  WHEN sniffed  THEN it still looks like a transcript (so it is not "unknown")
    kind = sniff_transcript(data, name)
    assert kind is not None
    # WHEN read  THEN it is refused as malformed_transcript with the 1-based line
    with pytest.raises(RejectedInput) as caught:
        read_transcript(data, kind)
    assert caught.value.code == "malformed_transcript"
    assert caught.value.line == line
    assert reason in caught.value.message


def test_transcript_without_messages_is_rejected() -> None:
    with pytest.raises(RejectedInput) as caught:
        read_transcript(b'{"messages": []}', DocumentKind.CHAT_JSON)
    assert caught.value.code == "malformed_transcript"


def test_unreadable_timestamp_is_rejected_with_its_line() -> None:
    data = b'{"messages": [\n {"role": "customer", "text": "hi", "sent_at": "yesterday-ish"}\n]}'
    with pytest.raises(RejectedInput) as caught:
        read_transcript(data, DocumentKind.CHAT_JSON)
    assert caught.value.line == 2
    assert "yesterday-ish" in caught.value.message


def test_content_beats_the_extension() -> None:
    json_bytes = (INBOX / "chat-generic.json").read_bytes()
    text_bytes = (INBOX / "chat-transcript.txt").read_bytes()
    csv_bytes = (INBOX / "chat-transcript.csv").read_bytes()
    assert sniff_transcript(json_bytes, "export.txt") is DocumentKind.CHAT_JSON
    assert sniff_transcript(text_bytes, "chat.json") is DocumentKind.CHAT_TEXT
    assert sniff_transcript(csv_bytes, "chat.txt") is DocumentKind.CHAT_CSV
    assert sniff_transcript((INBOX / "chat-email.eml").read_bytes(), "mail.csv") is DocumentKind.CHAT_EMAIL


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"just some notes\nabout nothing in particular\n",
        b'{"invoice_number": "42", "total": 10}',
        b"a,b,c\n1,2,3\n",
        b"<?xml version='1.0'?><Invoice/>",
    ],
)
def test_garbage_and_other_formats_are_not_transcripts(data: bytes) -> None:
    assert sniff_transcript(data, "chat-something.json") is None


def test_sniffing_a_large_json_export_looks_only_at_the_start() -> None:
    messages = [{"id": str(i), "role": "customer", "text": "x" * 200} for i in range(600)]
    data = json.dumps({"messages": messages}).encode()
    assert len(data) > 64 * 1024
    assert sniff_transcript(data, "big.json") is DocumentKind.CHAT_JSON
    assert len(read_transcript(data, DocumentKind.CHAT_JSON).messages) == 600


def test_csv_with_several_conversations_is_refused() -> None:
    data = b"conversation_id,role,text\nA,customer,hi\nB,customer,hello\n"
    with pytest.raises(RejectedInput) as caught:
        read_transcript(data, DocumentKind.CHAT_CSV)
    assert "2 conversations" in caught.value.message


def test_an_address_the_mail_parser_cannot_read_gives_a_clear_rejection_not_a_crash() -> None:
    # GIVEN an e-mail whose From: is cut off inside the address (Python's header parser raises IndexError
    # on it); WHEN read THEN the raw header is read instead: no sender address, a one-line rejection
    data = (
        b"From: R. Lindqvist <r.lindqvist@\n"
        b"To: help@shop.example\n"
        b"Subject: Missing parcel\n"
        b"Date: Tue, 03 Nov 2026 09:12:00 +0000\n\n"
        b"My parcel never arrived.\n"
    )
    with pytest.raises(RejectedInput, match="no sender address"):
        read_transcript(data, DocumentKind.CHAT_EMAIL)


def test_a_to_header_the_mail_parser_cannot_read_leaves_the_roles_to_the_sender() -> None:
    data = (
        b"From: R. Lindqvist <r.lindqvist@example.net>\n"
        b"To: H. Desk <help@\n"
        b"Subject: Missing parcel\n"
        b"Date: Tue, 03 Nov 2026 09:12:00 +0000\n\n"
        b"My parcel never arrived.\n"
    )
    transcript = read_transcript(data, DocumentKind.CHAT_EMAIL)
    assert transcript.customer == "r.lindqvist@example.net"
    assert [m.role for m in transcript.messages] == [AuthorRole.CUSTOMER]
