"""Read a PDF: page text in pypdf's layout mode and the e-invoice XML it may carry."""

from __future__ import annotations

import io
import logging
from typing import Any

from lxml import etree
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from opsloop.domain.documents import DocumentKind, EmbeddedFile, PageText, ParsedDocument
from opsloop.errors import RejectedInput

EINVOICE_NAMES = frozenset(
    {"factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd-invoice.xml".lower(), "ubl.xml"}
)
"""Attachment names the e-invoice standards prescribe (compared case-insensitively)."""

EINVOICE_ROOTS = frozenset({"CrossIndustryInvoice", "CrossIndustryDocument", "Invoice", "CreditNote"})

_LOG = logging.getLogger(__name__)
for _noisy in ("pypdf", "pypdf._reader", "pypdf._page", "pypdf.generic"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


def _xml_root_name(data: bytes) -> str | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return etree.QName(root).localname


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 always decodes


def _attachments(reader: PdfReader) -> list[EmbeddedFile]:
    found: list[EmbeddedFile] = []
    try:
        attachments: dict[str, Any] = dict(reader.attachments)
    except Exception as error:  # a broken name tree must not lose the page text
        _LOG.debug("attachments unreadable: %s", error)
        return found
    for name, contents in attachments.items():
        if not name.lower().endswith(".xml"):
            continue
        blobs = contents if isinstance(contents, list) else [contents]
        for blob in blobs:
            if not isinstance(blob, bytes):
                continue
            known = name.lower() in EINVOICE_NAMES
            if known or _xml_root_name(blob) in EINVOICE_ROOTS:
                found.append(EmbeddedFile(name=name, content=_decode(blob)))
    # the standard names first: they are the invoice, other XML may be an appendix
    found.sort(key=lambda e: e.name.lower() not in EINVOICE_NAMES)
    return found


def _plain_text(page: Any) -> str:
    try:
        return str(page.extract_text() or "")
    except Exception:
        return ""


def _page_text(page: Any) -> str:
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception as error:  # one broken page must not lose the others
        _LOG.debug("layout extraction failed: %s", error)
        text = _plain_text(page)
    if not str(text or "").strip():
        # layout mode gives up silently on some content streams (unbalanced q/Q inside a form
        # XObject): an empty page is then not a scan, the plain reading order still has the text
        text = _plain_text(page)
    # lone surrogates (broken ToUnicode maps) would break every JSON writer downstream
    return str(text or "").encode("utf-8", "replace").decode("utf-8")


def read_pdf(data: bytes, *, max_pages: int = 200, attachments: bool = True) -> ParsedDocument:
    """Read a PDF's page texts (layout mode, 1-based numbers) and its embedded e-invoice XML
    (``attachments=False``: the text only, for a caller that would ignore the attachment anyway).

    Raises RejectedInput with code encrypted, password_protected, zero_pages or unreadable;
    never anything else for a strange PDF.
    """
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise RejectedInput("password_protected", "The PDF needs a password to open.")
            except RejectedInput:
                raise
            except Exception as error:
                raise RejectedInput(
                    "encrypted", f"The PDF is encrypted and cannot be read: {error}"
                ) from error
        page_count = len(reader.pages)
    except RejectedInput:
        raise
    except FileNotDecryptedError as error:
        raise RejectedInput("password_protected", "The PDF needs a password to open.") from error
    except (PdfReadError, Exception) as error:
        raise RejectedInput(
            "unreadable", "The PDF is damaged and cannot be read (ask the sender for a new copy)."
        ) from error
    if page_count == 0:
        raise RejectedInput("zero_pages", "The PDF has no pages.")
    pages: list[PageText] = []
    try:
        for index in range(min(page_count, max_pages)):
            pages.append(PageText(number=index + 1, text=_page_text(reader.pages[index])))
    except FileNotDecryptedError as error:
        raise RejectedInput("password_protected", "The PDF needs a password to open.") from error
    except Exception as error:
        if not pages:
            raise RejectedInput("unreadable", "The PDF's pages are damaged and cannot be read.") from error
    return ParsedDocument(
        kind=DocumentKind.PDF,
        pages=pages,
        embedded=_attachments(reader) if attachments else [],
        truncated_pages=max(0, page_count - max_pages),
    )
