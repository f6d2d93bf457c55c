"""What is this file? Decided from its bytes; the name is only a hint."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

from lxml import etree
from pypdf import PasswordType, PdfReader

from opsloop.converse.formats import sniff_transcript
from opsloop.domain.documents import DocumentKind
from opsloop.errors import RejectedInput

log = logging.getLogger(__name__)

EINVOICE_ROOTS = {
    "{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice": "cii",
    "{urn:ferd:CrossIndustryDocument:invoice:1p0}CrossIndustryDocument": "cii",
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": "ubl",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": "ubl",
}

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

FATTURAPA_HOSTS = ("ivaservizi.agenziaentrate.gov.it", "www.fatturapa.gov.it")
"""The namespaces' hosts of Italy's FatturaPA (v1.2.x and the earlier v1.0/v1.1); its root is
`FatturaElettronica` under any prefix."""

SIGNED_DATA_OID = bytes.fromhex("06092a864886f70d010702")
"""DER of the CMS signedData content type (1.2.840.113549.1.7.2): a PKCS#7 / CAdES envelope (.p7m)."""
SIGNED_ENVELOPE_REASON = (
    "a digitally signed envelope (PKCS#7/CAdES, e.g. a FatturaPA .xml.p7m): opsloop does not verify "
    "signatures, so it does not open them; send the XML without its signature envelope"
)


def safe_xml_parser(*, recover: bool = False) -> etree.XMLParser:
    """No entity expansion, no network, no huge trees: XML from outside is untrusted."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, recover=recover
    )


def parse_untrusted_xml(
    data: bytes, parser: Callable[..., etree.XMLParser] = safe_xml_parser
) -> etree._Element:
    """Parse untrusted XML with `parser(recover=...)`; raise etree.XMLSyntaxError when it is not well-formed.

    A well-formed XML whose only fault is a namespace name that is not a valid URI (a stray quote in
    `xmlns:ds="...xmldsig#&quot;"`, a space inside the FatturaPA namespace) is parsed as written: Namespaces
    in XML makes that a namespace constraint, not a well-formedness error, and every value is there to
    read. Any other fault, alone or beside it, still raises."""
    strict = parser(recover=False)
    try:
        return etree.fromstring(data, strict)
    except etree.XMLSyntaxError as error:
        if not _only_odd_namespace_names(
            strict.error_log
        ):  # (this parse's log: the error's holds earlier ones)
            raise
        lenient = parser(recover=True)
        root = etree.fromstring(data, lenient)
        if root is None or not _only_odd_namespace_names(lenient.error_log):
            raise error from None
        return root


def _only_odd_namespace_names(log: etree._ListErrorLog) -> bool:
    return len(log) > 0 and all(entry.type == etree.ErrorTypes.WAR_NS_URI for entry in log)


def in_namespace(root: etree._Element) -> str:
    """` in namespace …` for a refusal's line: the namespace tells another national format (ISDOC,
    Facturae, Finvoice, …) from a UBL `Invoice`; empty when the root has none."""
    namespace = etree.QName(root).namespace if isinstance(root.tag, str) else None
    return f" in namespace {namespace}" if namespace else ""


def einvoice_syntax(root_tag: str) -> str | None:
    """`cii`, `ubl` or `fatturapa` for an e-invoice root element tag, else None."""
    known = EINVOICE_ROOTS.get(root_tag)
    if known is not None:
        return known
    name = etree.QName(root_tag)
    namespace = name.namespace or ""
    if name.localname == "FatturaElettronica" and (
        not namespace or any(host in namespace for host in FATTURAPA_HOSTS)
    ):
        return "fatturapa"
    return None


def is_signed_envelope(data: bytes) -> bool:
    """Whether the bytes are a PKCS#7/CMS signed-data envelope (a CAdES `.p7m`), in DER or in base64
    (with or without PEM armour): a signed file wraps its document and must not be read unverified."""
    head = data[:64]
    if head[:1] == b"\x30" and SIGNED_DATA_OID in head:
        return True
    text = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"-----BEGIN PKCS7-----") or text.startswith(b"-----BEGIN CMS-----"):
        return True
    if not text.startswith(b"MI"):
        return False
    import base64
    import binascii

    chunk = b"".join(text[:88].split())
    chunk = chunk[: len(chunk) - len(chunk) % 4]
    try:
        decoded = base64.b64decode(chunk, validate=True)
    except (binascii.Error, ValueError):
        return False
    return decoded[:1] == b"\x30" and SIGNED_DATA_OID in decoded[:64]


def sniff(data: bytes, name: str) -> DocumentKind:
    """The document kind of `data`, or RejectedInput saying why it cannot be accepted."""
    if not data:
        raise RejectedInput("empty", "the file is empty (0 bytes)")
    if is_signed_envelope(data):
        raise RejectedInput("signed_envelope", SIGNED_ENVELOPE_REASON)
    head = data[:1024]
    if b"%PDF-" in head:
        check_pdf(data)
        return DocumentKind.PDF
    stripped = head
    for bom in _BOMS:
        if stripped.startswith(bom):
            stripped = stripped[len(bom) :]
            break
    stripped = stripped.lstrip()
    if stripped.startswith(b"<?xml") or (stripped.startswith(b"<") and not _looks_like_html(stripped)):
        return _sniff_xml(data)
    kind = sniff_transcript(data, name)
    if kind is not None:
        return kind
    if not stripped:
        raise RejectedInput("empty", "the file holds only whitespace")
    raise RejectedInput(
        "unknown_format",
        "not a PDF, an e-invoice XML (CII/UBL/FatturaPA) or a chat transcript (JSON, CSV, text, e-mail)",
    )


def _looks_like_html(head: bytes) -> bool:
    lowered = head[:64].lower()
    return lowered.startswith((b"<!doctype html", b"<html"))


def _sniff_xml(data: bytes) -> DocumentKind:
    try:
        root = parse_untrusted_xml(data)
    except etree.XMLSyntaxError as error:
        line = error.lineno if isinstance(error.lineno, int) else None
        raise RejectedInput("malformed_xml", f"the XML is not well-formed: {error.msg}", line=line) from error
    if etree.QName(root).localname == "FatturaElettronicaSemplificata":
        raise RejectedInput(
            "unknown_format",
            "XML root <FatturaElettronicaSemplificata> is a simplified FatturaPA, which opsloop does not read",
        )
    name = etree.QName(root)
    if einvoice_syntax(root.tag) is None and any(host in (name.namespace or "") for host in FATTURAPA_HOSTS):
        # the SDI exchange's other files: file metadata (FileMetadati), delivery receipts, rejection and
        # outcome notices, which travel beside the FatturaPA they are about
        raise RejectedInput(
            "unknown_format",
            f"XML root <{name.localname}> is an SDI message (file metadata, a receipt or a notice) about a "
            "FatturaPA, not an invoice",
        )
    if einvoice_syntax(root.tag) is None:
        raise RejectedInput(
            "unknown_format",
            f"XML root <{etree.QName(root).localname}>{in_namespace(root)} is not an e-invoice (expected UN/CEFACT "
            "CII, UBL 2.1 or FatturaPA)",
        )
    return DocumentKind.EINVOICE


def check_pdf(data: bytes) -> int:
    """Validate that a PDF can be read; returns its page count. Raises RejectedInput otherwise.

    A PDF encrypted with an empty user password (restrictions only) is readable and accepted.
    """
    if b"%%EOF" not in data[-4096:]:
        raise RejectedInput(
            "truncated",
            "the PDF is incomplete: its end is missing (cut off in transfer, or still being written)",
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                outcome = reader.decrypt("")
            except Exception as error:  # pypdf raises several types for unsupported ciphers
                raise RejectedInput(
                    "encrypted", f"the PDF is encrypted with a method opsloop cannot read: {error}"
                ) from error
            if outcome == PasswordType.NOT_DECRYPTED:
                raise RejectedInput("password_protected", "the PDF needs a password to open")
        pages = len(reader.pages)
    except RejectedInput:
        raise
    except Exception as error:  # nothing a PDF contains may crash ingestion
        log.debug("unreadable PDF", exc_info=True)
        raise RejectedInput(
            "unreadable", "the PDF is damaged and cannot be read (ask the sender for a new copy)"
        ) from error
    if pages == 0:
        raise RejectedInput("zero_pages", "the PDF has no pages")
    return pages
