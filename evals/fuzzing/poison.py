"""Hostile documents, written from scratch: each one aims at a resource or a parser limit rather than at
any particular document. Used by the fuzz eval (`evals/fuzz.py`) and by the poison-file tests.

Every generator is deterministic for its arguments and writes nothing: it returns the bytes.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence


def _pdf(objects: Sequence[bytes], *, root: int = 1) -> bytes:
    """A PDF from numbered object bodies (object i+1 is objects[i]) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, filters: Sequence[str] = ()) -> bytes:
    names = " ".join(f"/{f}" for f in filters)
    head = f"<< /Length {len(data)}" + (f" /Filter [{names}]" if filters else "") + " >>"
    return head.encode() + b"\nstream\n" + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _text_ops(lines: int, seed: int = 0) -> bytes:
    """A content stream of `lines` positioned text lines (varied, so it does not compress to nothing)."""
    ops = [b"BT /F1 9 Tf"]
    for n in range(lines):
        y = 800 - (n % 90) * 9
        ops.append(
            b"1 0 0 1 40 %d Tm (Line %d item %d qty %d price %d.%02d) Tj"
            % (y, n, n * 7 + seed, n % 13, n, n % 100)
        )
    ops.append(b"ET")
    return b"\n".join(ops)


def shared_content_pdf(pages: int = 200, lines: int = 6000) -> bytes:
    """`pages` pages whose /Contents all point at ONE compressed content stream of `lines` text lines:
    small on disk, but a reader that extracts each page on its own does the same big job `pages` times."""
    content = zlib.compress(_text_ops(lines), 9)
    page_numbers = list(range(4, 4 + pages))
    kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(content, ["FlateDecode"]),
    ]
    for _ in page_numbers:
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
            b"/Resources << /Font << /F1 " + b"%d 0 R" % (4 + pages) + b" >> >> >>"
        )
    objects.append(_FONT)
    return _pdf(objects)


def flate_bomb_pdf(inflated_bytes: int = 74_000_000, layers: int = 2) -> bytes:
    """One page whose content stream is flate-compressed `layers` times over `inflated_bytes` of text
    operators: a few KB on disk that inflate to tens of MB per layer."""
    chunk = b"(AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj\n"
    body = b"BT /F1 9 Tf 40 800 Td\n" + chunk * (inflated_bytes // len(chunk)) + b"ET"
    for _ in range(layers):
        body = zlib.compress(body, 9)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(body, ["FlateDecode"] * layers),
            _FONT,
        ]
    )


def deep_form_pdf(depth: int = 5000) -> bytes:
    """A page that draws a form XObject that draws the next one, `depth` deep (recursion bait)."""
    first = 5
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /X0 %d 0 R >> /Font << /F1 %d 0 R >> >> >>" % (first, first + depth),
        _stream(b"/X0 Do"),
    ]
    for n in range(depth):
        nxt = b"/X0 Do" if n + 1 < depth else b"BT /F1 9 Tf 40 800 Td (bottom) Tj ET"
        resources = b"/Resources << /XObject << /X0 %d 0 R >> >>" % (first + n + 1) if n + 1 < depth else b""
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
            + resources
            + b" /Length %d >>\nstream\n" % len(nxt)
            + nxt
            + b"\nendstream"
        )
    objects.append(_FONT)
    return _pdf(objects)


def many_pages_pdf(pages: int = 20_000) -> bytes:
    """A page tree of `pages` empty pages (cheap each, many of them)."""
    first = 4
    kids = b" ".join(b"%d 0 R" % (first + n) for n in range(pages))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(b"BT /F1 9 Tf 40 800 Td (p) Tj ET"),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    return _pdf(objects)


def long_chat(messages: int = 120_000, words: int = 8) -> bytes:
    """A generic-JSON chat transcript with `messages` messages (about 75 bytes each)."""
    vocabulary = ("order", "refund", "late", "thanks", "please", "broken", "where", "today", "help", "again")
    rows = [
        {
            "role": "customer" if n % 2 == 0 else "agent",
            "author": "c" if n % 2 == 0 else "a",
            "sent_at": f"2026-03-0{1 + n // 50_000}T{(n // 3600) % 24:02}:{(n // 60) % 60:02}:{n % 60:02}Z",
            "text": " ".join(vocabulary[(n * 7 + k) % len(vocabulary)] for k in range(words)),
        }
        for n in range(messages)
    ]
    return json.dumps({"id": "chat-long", "channel": "chat", "messages": rows}).encode()


def nested_json(depth: int = 100_000) -> bytes:
    """A JSON chat whose first message nests arrays `depth` deep."""
    return b'{"messages": [{"role": "customer", "text": "hi", "meta": ' + b"[" * depth + b"]" * depth + b"}]}"


def surrogate_chat() -> bytes:
    """A JSON chat whose text holds lone UTF-16 surrogates (valid JSON escapes, invalid text)."""
    return json.dumps(
        {"messages": [{"role": "customer", "text": "where is my order \ud800 \udfff?"}]}, ensure_ascii=True
    ).encode()


def absurd_timestamp_chat() -> bytes:
    return json.dumps(
        {
            "messages": [
                {"role": "customer", "text": "hello", "sent_at": "99999-12-31T25:61:00Z"},
                {"role": "agent", "text": "hi", "sent_at": 1e300},
            ]
        }
    ).encode()


def wide_csv(field_bytes: int = 2_000_000) -> bytes:
    """A chat CSV with one field of `field_bytes` (past the csv module's default field limit)."""
    return b"role,author,sent_at,text\ncustomer,c,2026-03-01T10:00:00Z," + b"x" * field_bytes + b"\n"


def unknown_charset_email() -> bytes:
    return (
        b"From: customer@example.org\r\nTo: support@example.org\r\nSubject: help\r\n"
        b"Date: Mon, 02 Mar 2026 10:00:00 +0000\r\n"
        b'Content-Type: text/plain; charset="x-no-such-charset-42"\r\n\r\n'
        b"Where is my order? \xfe\xff\xfa\r\n"
    )


def absurd_date_email() -> bytes:
    return (
        b"From: customer@example.org\r\nTo: support@example.org\r\nSubject: help\r\n"
        b"Date: Mon, 02 Mar 99999 99:99:99 +9999\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nWhere is my order?\r\n"
    )


def _ubl(total: str, line_amount: str = "100.00") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>FUZZ-1</cbc:ID>
  <cbc:IssueDate>2026-11-02</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Fuzz Supplier GmbH</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">{line_amount}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">{line_amount}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">{total}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{total}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">{line_amount}</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Thing</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">{line_amount}</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
</Invoice>""".encode()


def _cii(total: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocument><ram:ID>FUZZ-2</ram:ID><ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20261102</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement><ram:SellerTradeParty><ram:Name>Fuzz Seller SARL</ram:Name></ram:SellerTradeParty></ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>100.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>
        <ram:GrandTotalAmount>{total}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>{total}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>""".encode()


ABSURD_AMOUNTS = ("1e999999", "NaN", "-Infinity", "Infinity", "9" * 400, "0." + "0" * 300 + "1", "1E+30")


def absurd_amount_invoices() -> dict[str, bytes]:
    """UBL and CII invoices whose totals are numbers no invoice can hold."""
    found: dict[str, bytes] = {}
    for n, amount in enumerate(ABSURD_AMOUNTS):
        found[f"absurd-ubl-{n}.xml"] = _ubl(amount)
        found[f"absurd-cii-{n}.xml"] = _cii(amount)
    found["absurd-ubl-line.xml"] = _ubl("119.00", line_amount="1e999999")
    return found


def billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{n} "{("&a" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    return f'<?xml version="1.0"?><!DOCTYPE Invoice [{entities}]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&a9;</Invoice>'.encode()


def deep_xml(depth: int = 100_000) -> bytes:
    return (
        b'<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'
        + b"<a>" * depth
        + b"</a>" * depth
        + b"</Invoice>"
    )


POISON: dict[str, tuple[str, Callable[[], bytes]]] = {
    "shared-content.pdf": ("200 pages sharing one content stream", shared_content_pdf),
    "flate-bomb.pdf": ("double flate to ~74 MB", flate_bomb_pdf),
    "deep-forms.pdf": ("form XObjects 5000 deep", deep_form_pdf),
    "many-pages.pdf": ("20000 pages", many_pages_pdf),
    "long-chat.json": ("120k messages", long_chat),
    "nested.json": ("JSON nested 100k deep", nested_json),
    "surrogates.json": ("lone surrogates", surrogate_chat),
    "timestamps.json": ("out-of-range timestamps", absurd_timestamp_chat),
    "wide.csv": ("a 2 MB CSV field", wide_csv),
    "charset.eml": ("unknown charset", unknown_charset_email),
    "date.eml": ("out-of-range date header", absurd_date_email),
    "laughs.xml": ("billion laughs", billion_laughs),
    "deep.xml": ("XML nested 100k deep", deep_xml),
}
"""name -> (what it is, generator): the hand-made hostile set, beside the absurd-amount e-invoices."""


def poison_files() -> dict[str, bytes]:
    files = {name: make() for name, (_what, make) in POISON.items()}
    files.update(absurd_amount_invoices())
    return files
