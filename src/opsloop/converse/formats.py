"""Transcript formats: sniffing (content first, the name is a hint only) and reading into a Transcript.

Formats: opsloop's generic JSON schema (README), Zendesk-style and Intercom-style JSON exports, CSV with
one message per row (headers in several languages), plain-text transcripts ("Customer:" / "Agent:"
lines, with or without timestamps) and e-mail (one .eml, or an mbox thread).
Times without a UTC offset are read as UTC. Anything that cannot be read raises
`RejectedInput("malformed_transcript", reason, line=...)` so ingestion quarantines it.
"""

from __future__ import annotations

import csv
import email
import email.errors
import email.policy
import html
import io
import json
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from typing import Any

from opsloop.domain.conversations import AuthorRole, ChatMessage, Transcript
from opsloop.domain.documents import DocumentKind
from opsloop.errors import RejectedInput

SNIFF_BYTES = 64 * 1024
MALFORMED = "malformed_transcript"

_ROLE_WORDS: dict[str, AuthorRole] = {
    **dict.fromkeys(
        [
            "customer",
            "client",
            "user",
            "end-user",
            "end_user",
            "enduser",
            "visitor",
            "guest",
            "caller",
            "contact",
            "lead",
            "requester",
            "kunde",
            "kundin",
            "cliente",
            "usuario",
            "utilisateur",
            "klant",
            "passenger",
        ],
        AuthorRole.CUSTOMER,
    ),
    **dict.fromkeys(
        [
            "agent",
            "support",
            "admin",
            "staff",
            "operator",
            "rep",
            "representative",
            "employee",
            "team",
            "mitarbeiter",
            "mitarbeiterin",
            "berater",
            "beraterin",
            "agente",
            "agent_support",
            "servicedesk",
            "helpdesk",
            "service",
        ],
        AuthorRole.AGENT,
    ),
    **dict.fromkeys(["bot", "chatbot", "assistant", "virtual_agent", "automation"], AuthorRole.BOT),
    **dict.fromkeys(["system", "note", "event", "system_message", "systemnachricht"], AuthorRole.SYSTEM),
}


def role_of(value: object) -> AuthorRole | None:
    """A role from the many ways exports spell it (customer, end-user, Kunde, admin, bot, ...)."""
    if not isinstance(value, str):
        return None
    return _ROLE_WORDS.get(value.strip().lower().replace(" ", "_"))


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _malformed(message: str, line: int | None = None) -> RejectedInput:
    return RejectedInput(MALFORMED, message, line=line)


# --------------------------------------------------------------------------- times

_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
)


def parse_time(value: object) -> datetime | None:
    """ISO 8601, Unix seconds (or milliseconds), or a common local format; naive times are UTC.
    Raises ValueError for a value that is present but unreadable; None for an absent one."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, int | float):
        seconds = float(value) / 1000 if value > 10**11 else float(value)
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError) as error:  # NaN, 1e300, years past 9999
            raise ValueError(f"time {value!r} is out of range") from error
    if not isinstance(value, str):
        raise ValueError(f"not a time: {value!r}")
    text = value.strip()
    if re.fullmatch(r"\d{9,13}", text):
        return parse_time(int(text))
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        for fmt in _TIME_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt).replace(tzinfo=UTC)
                break
            except ValueError:
                continue
    if parsed is None:
        raise ValueError(f"unreadable time {text!r}")
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


# --------------------------------------------------------------------------- sniffing


def sniff_transcript(data: bytes, name: str) -> DocumentKind | None:
    """The transcript format of `data` from its content (first 64 KB), else None. Never raises."""
    try:
        return _sniff(data, name)
    except Exception:  # sniffing must never take ingestion down
        return None


def _sniff(data: bytes, name: str) -> DocumentKind | None:
    head = data[:SNIFF_BYTES]
    if not head.strip() or b"\x00" in head:
        return None
    text = _decode(head)
    complete = len(data) <= SNIFF_BYTES
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        return DocumentKind.CHAT_JSON if _json_looks_like_transcript(stripped, complete) else None
    if _looks_like_email(text):
        return DocumentKind.CHAT_EMAIL
    text_score = _text_transcript_lines(text)
    csv_ok = _csv_header(text) is not None
    if text_score >= 2 and not (csv_ok and name.lower().endswith((".csv", ".tsv"))):
        return DocumentKind.CHAT_TEXT
    if csv_ok:
        return DocumentKind.CHAT_CSV
    return None


def _json_looks_like_transcript(text: str, complete: bool) -> bool:
    if complete:
        try:
            value = json.loads(text)
        except ValueError:
            # broken JSON that still shows a transcript's keys: let the reader quarantine it with a line
            return bool(re.search(r'"(messages|conversation_parts|comments|audits)"\s*:', text))
        return _json_flavour(value) is not None
    return bool(re.search(r'"(messages|conversation_parts|comments|audits)"\s*:\s*[\[{]', text))


def _looks_like_email(text: str) -> bool:
    lines = text.splitlines()
    if lines and lines[0].startswith("From ") and not lines[0].startswith("From: "):
        lines = lines[1:]
    headers: set[str] = set()
    for line in lines[:80]:
        if not line.strip():
            break
        match = re.match(r"^([A-Za-z][A-Za-z0-9-]*):", line)
        if match:
            headers.add(match.group(1).lower())
        elif not line[:1].isspace():
            return False
    return "from" in headers and bool(headers & {"date", "subject", "message-id", "to"})


# --------------------------------------------------------------------------- reading


def read_transcript(data: bytes, kind: DocumentKind, *, support_domains: Sequence[str] = ()) -> Transcript:
    """Read one conversation. Raises RejectedInput("malformed_transcript", reason, line=...)."""
    text = _decode(data)
    readers = {
        DocumentKind.CHAT_JSON: _read_json,
        DocumentKind.CHAT_CSV: _read_csv,
        DocumentKind.CHAT_TEXT: _read_text,
    }
    try:
        if kind is DocumentKind.CHAT_EMAIL:
            transcript = _read_email(data, support_domains)
        elif kind in readers:
            transcript = readers[kind](text)
        else:
            raise _malformed(f"{kind.value} is not a transcript format")
    except RecursionError as error:
        raise _malformed("the file nests its data too deeply to be a transcript") from error
    except csv.Error as error:  # e.g. a field past the csv module's size limit
        raise _malformed(f"unreadable CSV: {error}") from error
    if not transcript.messages:
        raise _malformed("the transcript has no messages", line=1)
    return _without_lone_surrogates(transcript)


def _without_lone_surrogates(transcript: Transcript) -> Transcript:
    """Lone UTF-16 surrogates (a JSON escape like `\\ud800` that is no character) replaced by U+FFFD:
    no text holds them, and every UTF-8 writer downstream (the database, JSON) would fail on them."""
    dumped = transcript.model_dump()
    if not _has_surrogate(dumped):
        return transcript
    return Transcript.model_validate(_replace_surrogates(dumped))


def _has_surrogate(value: object) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_surrogate(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _replace_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {k: _replace_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_surrogates(v) for v in value]
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


# --------------------------------------------------------------------------- JSON


def _json_flavour(value: Any) -> str | None:
    if isinstance(value, list):
        return "generic" if value and all(isinstance(v, dict) and "text" in v for v in value[:5]) else None
    if not isinstance(value, dict):
        return None
    if "conversation_parts" in value or (value.get("type") == "conversation" and "source" in value):
        return "intercom"
    if "ticket" in value and ("comments" in value or "audits" in value):
        return "zendesk"
    if isinstance(value.get("comments"), list) and any(
        isinstance(c, dict) and "author_id" in c for c in value["comments"][:5]
    ):
        return "zendesk"
    if isinstance(value.get("messages"), list):
        return "generic"
    for key in ("conversation", "transcript"):
        if isinstance(value.get(key), dict) and _json_flavour(value[key]) is not None:
            return "wrapped"
    return None


def _element_lines(raw: str, key: str | None) -> list[int]:
    """1-based line of each element of the array under `key` (or the top-level array)."""
    if key is None:
        start = raw.find("[")
    else:
        match = re.search(rf'"{re.escape(key)}"\s*:\s*\[', raw)
        start = match.end() - 1 if match else -1
    if start < 0:
        return []
    decoder = json.JSONDecoder()
    lines: list[int] = []
    index = start + 1
    line, counted = 1, 0  # newlines are counted once, as the scan moves on (not from the start each time)
    try:
        while True:
            while index < len(raw) and raw[index] in " \t\r\n,":
                index += 1
            if index >= len(raw) or raw[index] == "]":
                break
            line += raw.count("\n", counted, index)
            counted = index
            lines.append(line)
            _, index = decoder.raw_decode(raw, index)
    except (ValueError, RecursionError):
        pass
    return lines


def _read_json(raw: str) -> Transcript:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise _malformed(f"invalid JSON: {error.msg} (column {error.colno})", line=error.lineno) from error
    flavour = _json_flavour(value)
    if flavour == "wrapped":
        inner = value.get("conversation") or value.get("transcript")
        return _read_json(json.dumps(inner)) if isinstance(inner, dict) else _read_json("null")
    if flavour == "intercom":
        return _read_intercom(value, raw)
    if flavour == "zendesk":
        return _read_zendesk(value, raw)
    if flavour == "generic":
        return _read_generic(value, raw)
    raise _malformed(
        "JSON is not a known transcript shape (expected `messages`, Zendesk `ticket` + `comments`, or "
        "Intercom `conversation_parts`)",
        line=1,
    )


def _text_of(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _read_generic(value: Any, raw: str) -> Transcript:
    top: dict[str, Any] = value if isinstance(value, dict) else {}
    items = value if isinstance(value, list) else value.get("messages", [])
    lines = _element_lines(raw, None if isinstance(value, list) else "messages")
    messages: list[ChatMessage] = []
    for position, item in enumerate(items, start=1):
        line = lines[position - 1] if position - 1 < len(lines) else None
        if not isinstance(item, dict):
            raise _malformed(f"message {position} is not an object", line=line)
        text = _text_of(item.get("text"))
        if text is None:
            raise _malformed(f"message {position} has no `text`", line=line)
        role = role_of(item.get("role"))
        if role is None:
            raise _malformed(
                f"message {position} has role {item.get('role')!r}; expected customer, agent, bot or system",
                line=line,
            )
        try:
            sent_at = parse_time(item.get("sent_at", item.get("timestamp")))
        except ValueError as error:
            raise _malformed(f"message {position}: {error}", line=line) from error
        messages.append(
            ChatMessage(
                id=str(item.get("id", position)),
                role=role,
                author=_text_of(item.get("author")),
                sent_at=sent_at,
                text=text,
            )
        )
    return Transcript(
        external_id=_str_or_none(top.get("id", top.get("external_id"))),
        channel=_text_of(top.get("channel")),
        queue=_text_of(top.get("queue")),
        subject=_text_of(top.get("subject")),
        customer=_text_of(top.get("customer")),
        messages=messages,
    )


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str_or_none(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<\s*(br|/p|/div|/li)\s*/?>", re.IGNORECASE)


def strip_html(text: str) -> str:
    text = _BREAK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _read_zendesk(value: dict[str, Any], raw: str) -> Transcript:
    ticket = _dict(value.get("ticket"))
    requester = ticket.get("requester_id")
    users = {u.get("id"): u for u in value.get("users", []) if isinstance(u, dict)}
    entries: list[tuple[int | None, dict[str, Any]]] = []
    if isinstance(value.get("comments"), list):
        lines = _element_lines(raw, "comments")
        for index, comment in enumerate(value["comments"]):
            entries.append((lines[index] if index < len(lines) else None, comment))
    else:
        lines = _element_lines(raw, "audits")
        for index, audit in enumerate(value.get("audits", [])):
            if not isinstance(audit, dict):
                continue
            for event in audit.get("events", []):
                if isinstance(event, dict) and event.get("type") == "Comment":
                    merged = {
                        "author_id": audit.get("author_id"),
                        "created_at": audit.get("created_at"),
                        "id": event.get("id", audit.get("id")),
                        **event,
                    }
                    entries.append((lines[index] if index < len(lines) else None, merged))
    messages: list[ChatMessage] = []
    for position, (line, comment) in enumerate(entries, start=1):
        if not isinstance(comment, dict):
            raise _malformed(f"comment {position} is not an object", line=line)
        if comment.get("public") is False:
            continue  # internal notes are not part of the conversation with the customer
        body = _text_of(comment.get("plain_body")) or _text_of(comment.get("body"))
        if body is None and _text_of(comment.get("html_body")):
            body = strip_html(str(comment["html_body"]))
        if not body:
            raise _malformed(f"comment {position} has no body", line=line)
        author_id = comment.get("author_id")
        user = users.get(author_id, {})
        if author_id is not None and author_id == requester:
            role = AuthorRole.CUSTOMER
        elif author_id == -1:
            role = AuthorRole.SYSTEM
        elif user:
            role = role_of(user.get("role")) or AuthorRole.AGENT
        elif requester is not None:
            role = AuthorRole.AGENT
        else:
            raise _malformed(
                f"comment {position}: cannot tell who wrote it (no requester_id, no users)", line=line
            )
        try:
            sent_at = parse_time(comment.get("created_at"))
        except ValueError as error:
            raise _malformed(f"comment {position}: {error}", line=line) from error
        messages.append(
            ChatMessage(
                id=str(comment.get("id", position)),
                role=role,
                author=_text_of(user.get("name")),
                sent_at=sent_at,
                text=body,
            )
        )
    via = ticket.get("via")
    channel = via.get("channel") if isinstance(via, dict) else None
    requester_user = users.get(requester, {})
    return Transcript(
        external_id=_str_or_none(ticket.get("id")),
        channel=_text_of(channel) or "ticket",
        queue=_text_of(ticket.get("group_name"))
        or _text_of(ticket.get("group"))
        or _text_of(ticket.get("queue")),
        subject=_text_of(ticket.get("subject")),
        customer=_text_of(requester_user.get("email")) or _text_of(requester_user.get("name")),
        messages=messages,
    )


_INTERCOM_ROLES = {
    "user": AuthorRole.CUSTOMER,
    "lead": AuthorRole.CUSTOMER,
    "contact": AuthorRole.CUSTOMER,
    "admin": AuthorRole.AGENT,
    "team": AuthorRole.AGENT,
    "bot": AuthorRole.BOT,
}


def _read_intercom(value: dict[str, Any], raw: str) -> Transcript:
    messages: list[ChatMessage] = []
    customer: str | None = None

    def add(part: dict[str, Any], position: int, line: int | None, default_time: object = None) -> None:
        nonlocal customer
        body = part.get("body")
        if body is None or not str(body).strip():
            return
        author = _dict(part.get("author"))
        role = _INTERCOM_ROLES.get(str(author.get("type", "")).lower())
        if role is None:
            raise _malformed(f"part {position}: unknown author type {author.get('type')!r}", line=line)
        try:
            sent_at = parse_time(part.get("created_at", default_time))
        except ValueError as error:
            raise _malformed(f"part {position}: {error}", line=line) from error
        if role is AuthorRole.CUSTOMER and customer is None:
            customer = _text_of(author.get("email")) or _text_of(author.get("name"))
        messages.append(
            ChatMessage(
                id=str(part.get("id", position)),
                role=role,
                author=_text_of(author.get("name")),
                sent_at=sent_at,
                text=strip_html(str(body)),
            )
        )

    source = value.get("source")
    if isinstance(source, dict):
        add(source, 0, 1, value.get("created_at"))
    parts_value = value.get("conversation_parts")
    parts = parts_value.get("conversation_parts", []) if isinstance(parts_value, dict) else parts_value or []
    lines = _element_lines(raw, "conversation_parts")
    for index, part in enumerate(parts):
        line = lines[index] if index < len(lines) else None
        if not isinstance(part, dict):
            raise _malformed(f"part {index + 1} is not an object", line=line)
        if part.get("part_type") == "note":
            continue  # internal note
        add(part, index + 1, line)
    subject = _text_of(source.get("subject")) if isinstance(source, dict) else None
    attributes = _dict(value.get("custom_attributes"))
    return Transcript(
        external_id=_str_or_none(value.get("id")),
        channel="chat",
        queue=_text_of(attributes.get("queue")) or _text_of(value.get("queue")),
        subject=strip_html(subject) if subject else _text_of(value.get("title")),
        customer=customer,
        messages=messages,
    )


# --------------------------------------------------------------------------- CSV

_CSV_COLUMNS: dict[str, frozenset[str]] = {
    "text": frozenset(
        {
            "text",
            "message",
            "body",
            "content",
            "nachricht",
            "inhalt",
            "mensaje",
            "texto",
            "contenu",
            "testo",
            "messaggio",
            "bericht",
            "tekst",
            "comment",
            "kommentar",
            "message_text",
        }
    ),
    "role": frozenset(
        {
            "role",
            "author_role",
            "sender_role",
            "sender_type",
            "author_type",
            "from_type",
            "rolle",
            "rol",
            "rôle",
            "ruolo",
            "absendertyp",
            "participant",
            "tipo_remitente",
        }
    ),
    "author": frozenset(
        {
            "author",
            "sender",
            "from",
            "name",
            "user",
            "absender",
            "autor",
            "remitente",
            "expéditeur",
            "auteur",
            "mittente",
            "von",
            "afzender",
        }
    ),
    "time": frozenset(
        {
            "timestamp",
            "time",
            "sent_at",
            "created_at",
            "date",
            "datetime",
            "sent",
            "zeit",
            "zeitstempel",
            "datum",
            "uhrzeit",
            "fecha",
            "hora",
            "horodatage",
            "date_heure",
            "data",
            "ora",
            "tijd",
            "gesendet",
        }
    ),
    "id": frozenset({"id", "message_id", "msg_id", "nachricht_id", "nachrichten_id", "id_mensaje"}),
    "conversation": frozenset(
        {
            "conversation_id",
            "conversation",
            "ticket_id",
            "ticket",
            "chat_id",
            "thread_id",
            "gespräch",
            "gespraech_id",
            "gesprächs_id",
            "gespraechs_id",
            "gespräch_id",
            "ticketnummer",
            "conversación",
            "vorgang",
        }
    ),
    "queue": frozenset({"queue", "warteschlange", "cola", "coda", "group"}),
    "channel": frozenset({"channel", "kanal", "canal", "canale"}),
    "subject": frozenset({"subject", "betreff", "asunto", "sujet", "oggetto"}),
}


def _header_key(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().strip('"').lower().lstrip("\ufeff"))


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample.split("\n", 5)[0] + "\n", delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _csv_header(text: str) -> dict[str, int] | None:
    """Column positions by meaning when the first row is a transcript header, else None."""
    first = text.split("\n", 1)[0]
    if not first.strip():
        return None
    row = next(csv.reader([first], _dialect(text)), [])
    if len(row) < 2:
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = _header_key(cell)
        for meaning, names in _CSV_COLUMNS.items():
            if key in names and meaning not in columns:
                columns[meaning] = index
                break
    if "text" in columns and ("role" in columns or "author" in columns):
        return columns
    return None


def _read_csv(text: str) -> Transcript:
    columns = _csv_header(text)
    if columns is None:
        raise _malformed(
            "the first row is not a transcript header (need a text column and a role or author column)",
            line=1,
        )
    reader = csv.reader(io.StringIO(text), _dialect(text))
    header = next(reader)
    width = len(header)
    rows: list[tuple[int, list[str]]] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            raise _malformed(f"row has {len(row)} columns, the header has {width}", line=reader.line_num)
        rows.append((reader.line_num, row))

    def cell(row: list[str], meaning: str) -> str | None:
        index = columns.get(meaning)
        return row[index].strip() or None if index is not None else None

    conversations = {cell(row, "conversation") for _, row in rows} - {None}
    if len(conversations) > 1:
        raise _malformed(
            f"the file holds {len(conversations)} conversations ({', '.join(sorted(c for c in conversations if c)[:3])}"
            ", ...); export one conversation per file",
            line=rows[0][0] if rows else 1,
        )
    first_author: str | None = None
    messages: list[ChatMessage] = []
    for position, (line, row) in enumerate(rows, start=1):
        body = cell(row, "text")
        if body is None:
            continue
        author = cell(row, "author")
        role_value = cell(row, "role")
        role = role_of(role_value) if role_value is not None else role_of(author)
        if role is None and role_value is None and author is not None:
            # no role column and author names that are not roles: the first author is the customer
            first_author = first_author or author
            role = AuthorRole.CUSTOMER if author == first_author else AuthorRole.AGENT
        if role is None:
            raise _malformed(f"unknown role {role_value or author!r}", line=line)
        try:
            sent_at = parse_time(cell(row, "time"))
        except ValueError as error:
            raise _malformed(str(error), line=line) from error
        messages.append(
            ChatMessage(
                id=cell(row, "id") or str(position),
                role=role,
                author=author if role_of(author) is None else None,
                sent_at=sent_at,
                text=body,
            )
        )
    first_row = rows[0][1] if rows else []
    return Transcript(
        external_id=next(iter(conversations), None),
        channel=cell(first_row, "channel") if first_row else None,
        queue=cell(first_row, "queue") if first_row else None,
        subject=cell(first_row, "subject") if first_row else None,
        messages=messages,
    )


# --------------------------------------------------------------------------- plain text

_ROLE_LINE = re.compile(
    r"^\s*(?:\[(?P<stamp>[^\]]{4,40})\]|(?P<bare>\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}:\d{2}"
    r"(?::\d{2})?(?:\s?[APap][Mm])?))?\s*[-–]?\s*(?P<role>[^\W\d_][\w-]{1,20})"
    r"(?:\s*\((?P<name>[^)]{1,60})\)|\s+(?P<name2>[A-ZÄÖÜ][\w.-]{0,30}))?\s*:(?:\s+(?P<text>.*)|$)"
)
_HEADER_LINE = re.compile(
    r"^\s*(?P<key>subject|betreff|queue|warteschlange|channel|kanal|ticket|conversation|id|date|datum)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([APap][Mm]))?$")


def _role_line(line: str) -> re.Match[str] | None:
    match = _ROLE_LINE.match(line)
    if match is None or role_of(match.group("role")) is None:
        return None
    return match


def _text_transcript_lines(text: str) -> int:
    """How many role lines a text has, when one of its first few content lines is one (else 0).
    (A stray line before the first message still sniffs as a transcript, so the reader can reject
    it with its line number.)"""
    count = 0
    content = 0
    for line in text.splitlines()[:2000]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        is_role = _role_line(line) is not None
        if not is_role and _HEADER_LINE.match(line) and count == 0:
            continue
        content += 1
        if content > 3 and count == 0:
            return 0
        count += is_role
    return count


def _read_text(text: str) -> Transcript:
    meta: dict[str, str] = {}
    day: date | None = None
    messages: list[ChatMessage] = []
    previous: datetime | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or (line.lstrip().startswith("#") and not messages):
            continue
        match = _role_line(line)
        if match is None:
            header = _HEADER_LINE.match(line)
            if not messages:
                if header is None:
                    raise _malformed(
                        "expected a message line like 'Customer: ...' or '[2026-11-27 10:01] Agent: ...'",
                        line=number,
                    )
                key, value = header.group("key").lower(), header.group("value").strip()
                meta[key] = value
                if key in ("date", "datum"):
                    try:
                        day = (parse_time(value) or datetime.now(UTC)).date()
                    except ValueError as error:
                        raise _malformed(f"header date: {error}", line=number) from error
                continue
            last = messages[-1]
            messages[-1] = last.model_copy(update={"text": f"{last.text}\n{line.strip()}"})
            continue
        stamp = match.group("stamp") or match.group("bare")
        try:
            sent_at = _line_time(stamp, day, previous)
        except ValueError as error:
            raise _malformed(str(error), line=number) from error
        if sent_at is not None:
            previous = sent_at
            day = sent_at.date()
        body = (match.group("text") or "").strip()
        role = role_of(match.group("role"))
        assert role is not None  # _role_line checked it
        messages.append(
            ChatMessage(
                id=str(len(messages) + 1),
                role=role,
                author=match.group("name") or match.group("name2"),
                sent_at=sent_at,
                text=body,
            )
        )
    empty = [m for m in messages if not m.text.strip()]
    if empty:
        raise _malformed(f"message {empty[0].id} has no text", line=_line_of_message(text, int(empty[0].id)))
    return Transcript(
        external_id=meta.get("ticket") or meta.get("conversation") or meta.get("id"),
        channel="chat",
        queue=meta.get("queue") or meta.get("warteschlange"),
        subject=meta.get("subject") or meta.get("betreff"),
        messages=messages,
    )


def _line_of_message(text: str, position: int) -> int | None:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if _role_line(line) is not None:
            seen += 1
            if seen == position:
                return number
    return None


def _line_time(stamp: str | None, day: date | None, previous: datetime | None) -> datetime | None:
    if stamp is None:
        return None
    stamp = stamp.strip()
    only = _TIME_ONLY.match(stamp)
    if only is None:
        return parse_time(stamp)
    if day is None:
        return None  # a time of day without any date: the moment cannot be known
    hour, minute, second = int(only.group(1)), int(only.group(2)), int(only.group(3) or 0)
    if only.group(4):
        hour = hour % 12 + (12 if only.group(4).lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"unreadable time {stamp!r}")
    moment = datetime.combine(day, time(hour, minute, second), tzinfo=UTC)
    if previous is not None and moment < previous - timedelta(hours=12):
        moment += timedelta(days=1)  # the chat went past midnight
    return moment


# --------------------------------------------------------------------------- e-mail

_QUOTE_START = re.compile(
    r"^(On .{4,200} wrote:\s*$|Am .{4,200} schrieb .{1,200}:\s*$|Le .{4,200} a écrit\s*:\s*$|El .{4,200} escribió:\s*$"
    r"|-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}"
    r"|_{10,}\s*$|(From|Von|De):\s.+$)",
    re.IGNORECASE,
)
_SUBJECT_PREFIX = re.compile(r"^\s*((re|aw|wg|fw|fwd|sv|antw)\s*:\s*)+", re.IGNORECASE)


def strip_quoted(body: str) -> str:
    """The new text of a reply: quoted history ('> ...', 'On ... wrote:') and signatures removed."""
    kept: list[str] = []
    for line in body.splitlines():
        if line.rstrip() in ("--", "-- ") or _QUOTE_START.match(line.strip()):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _split_mbox(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line of the 'From ' separator, message bytes) for an mbox; the whole file for a single message."""
    if not data.startswith(b"From "):
        yield 1, data
        return
    starts = [0] + [m.start() + 1 for m in re.finditer(rb"\n\nFrom ", data)]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(data)
        chunk = data[start:end]
        yield data.count(b"\n", 0, start) + 1, chunk.split(b"\n", 1)[1] if b"\n" in chunk else b""


def _email_parts(message: EmailMessage) -> Iterator[EmailMessage]:
    """The message and any messages attached to it (forwarded history), attached first."""
    for part in message.walk():
        if part is not message and part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            for inner in payload if isinstance(payload, list) else [payload]:
                if isinstance(inner, EmailMessage):
                    yield inner
    yield message


def _email_body(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        content = body.get_content()
    except LookupError:  # a charset Python does not know: read it as UTF-8, bad bytes replaced
        payload = body.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    return strip_html(content) if body.get_content_type() == "text/html" else content


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


def _header_values(message: EmailMessage, name: str) -> list[str]:
    """A header's values as text; their raw text where Python's header parser fails on them (a cut-off
    address such as "D. Okafor <d.okafor@" raises IndexError inside the standard library)."""
    try:
        return [str(value) for value in message.get_all(name, [])]
    except (IndexError, ValueError, email.errors.HeaderParseError):
        return [str(raw) for key, raw in message.raw_items() if key.lower() == name.lower()]


def _header(message: EmailMessage, name: str) -> str:
    """A header's first value as text (`_header_values`), "" where there is none."""
    values = _header_values(message, name)
    return values[0] if values else ""


def _read_email(data: bytes, support_domains: Sequence[str]) -> Transcript:
    found: list[tuple[int, EmailMessage]] = []
    for line, chunk in _split_mbox(data.replace(b"\r\n", b"\n")):
        parsed = email.message_from_bytes(chunk, policy=email.policy.default)
        if not isinstance(parsed, EmailMessage):
            raise _malformed("not an e-mail message", line=line)
        for part in _email_parts(parsed):
            found.append((line, part))
    entries: list[tuple[datetime | None, int, str, str, EmailMessage]] = []
    for index, (line, message) in enumerate(found):
        sender = parseaddr(_header(message, "From"))[1]
        if not sender or "@" not in sender:
            raise _malformed("an e-mail has no sender address (From:)", line=line)
        raw_date = _header(message, "Date")
        try:
            sent_at = parsedate_to_datetime(str(raw_date)) if raw_date else None
        except (TypeError, ValueError) as error:
            raise _malformed(f"unreadable Date: {raw_date!r}", line=line) from error
        if sent_at is not None and sent_at.tzinfo is None:
            sent_at = sent_at.replace(tzinfo=UTC)
        body = strip_quoted(_email_body(message))
        if not body:
            raise _malformed(f"the e-mail from {sender} has no text of its own", line=line)
        entries.append((sent_at, index, sender.lower(), body, message))
    entries.sort(key=lambda e: (e[0] is None, e[0] or datetime.min.replace(tzinfo=UTC), e[1]))
    first = entries[0][4] if entries else None
    customer_address = entries[0][2] if entries else None
    domains = {d.lower().lstrip("@") for d in support_domains}
    if not domains and first is not None and customer_address is not None:
        recipients = [a for _, a in getaddresses(_header_values(first, "To")) if "@" in a]
        domains = {_domain(a) for a in recipients} - {_domain(customer_address)}
    messages: list[ChatMessage] = []
    for position, (sent_at, _, sender, body, message) in enumerate(entries, start=1):
        if sender == customer_address:
            role = AuthorRole.CUSTOMER
        elif _domain(sender) in domains:
            role = AuthorRole.AGENT
        else:
            role = AuthorRole.CUSTOMER
        name = parseaddr(_header(message, "From"))[0] or None
        messages.append(
            ChatMessage(
                id=(_header(message, "Message-ID") or str(position)).strip("<> ") or str(position),
                role=role,
                author=name,
                sent_at=sent_at,
                text=body,
            )
        )
    subject = _header(first, "Subject") if first is not None else ""
    return Transcript(
        external_id=_header(first, "Message-ID").strip("<> ") or None if first is not None else None,
        channel="email",
        subject=_SUBJECT_PREFIX.sub("", subject).strip() or None,
        customer=customer_address,
        messages=messages,
    )
