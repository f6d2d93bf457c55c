"""Vendor memory applied to a new document, after the engine's extraction.

`recall_vendor_memory` recognises the vendor (its VAT id or IBAN as read, an identifier memory
learned printed on the page, the most similar corrected document in the chromadb index, or a learned
name), then applies what people taught about that vendor, each value read again from this document's
own words:

- fields whose place in the layout was learned are read at that place (relative to their label), in
  the learned print form; aliases and identifiers apply only where they are printed (or where the
  engine misread the vendor exactly as it had before); the vendor's item codes, units and currency map
  as people mapped them;
- every value it sets says so in its evidence ("learned from the correction of #412 by rita");
- it never overrides a check: the reconciler still compares a learned IBAN with the vendor master,
  and a value memory reads is dropped when it makes a self-check fail that passed without it.

Memory applies to documents read from words (PDF text layers and OCR); an e-invoice's XML is exact.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from opsloop.domain.documents import DocumentKind, ParsedDocument
from opsloop.domain.invoices import FieldEvidence, InvoiceExtraction
from opsloop.extract.checks import run_checks
from opsloop.memory.index import Neighbour
from opsloop.memory.layout import (
    Placement,
    alnum,
    box_of,
    code_text,
    document_rows,
    has_words,
    layout_fingerprint,
    locate,
    norm,
    read_at,
)
from opsloop.memory.store import active_entries, current_version, has_memory, learned_from
from opsloop.memory.values import as_value, matcher, reader
from opsloop.reconcile.normalise import normalise_code, normalise_name
from opsloop.store.tables import MemoryEntry, Vendor

MEMORY_CONFIDENCE = 0.9
"""Confidence of a value memory read (it was right on this vendor's layout before, when the engine
was not)."""
SIMILARITY_MARGIN = 0.02
"""A layout match recognises a vendor only when it beats the nearest other vendor by more than this."""
METHOD_SUFFIX = "+memory"


@dataclass
class Recall:
    """What memory did for one document."""

    vendor_key: str | None = None
    how: str = ""
    """How the vendor was recognised."""
    version: int = 0
    applied: list[str] = field(default_factory=list)
    """Fields memory set (or changed)."""
    agreed: list[str] = field(default_factory=list)
    """Fields where memory read what the engine read."""
    refused: list[str] = field(default_factory=list)
    """Fields memory read but dropped because a self-check failed with them."""
    neighbours: list[Neighbour] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ vendors


class _VendorKeys:
    """The vendor master's normalised VAT ids and IBANs, and its normalised names, to ERP ids; cached
    until the master changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._codes: dict[str, str] = {}
        self._names: dict[str, str] = {}

    def get(self, session: Session) -> tuple[dict[str, str], dict[str, str]]:
        key = (
            str(session.get_bind().engine.url),
            session.exec(select(func.count()).select_from(Vendor)).one(),
            session.exec(select(func.max(Vendor.updated_at))).one(),
        )
        with self._lock:
            if key != self._key:
                codes: dict[str, str] = {}
                names: dict[str, str] = {}
                for vendor in session.exec(select(Vendor)).all():
                    erp_id, name = vendor.erp_id, vendor.name
                    ibans = [vendor.iban, *(vendor.ibans or ())]
                    for code in (normalise_code(vendor.vat_id), *(normalise_code(i) for i in ibans)):
                        if code:
                            codes[code] = erp_id
                    names.setdefault(normalise_name(name), erp_id)
                self._codes, self._names, self._key = codes, names, key
            return self._codes, self._names


_vendor_codes = _VendorKeys()


def identify_vendor(
    session: Session,
    parsed: ParsedDocument,
    extraction: InvoiceExtraction,
    entries: list[MemoryEntry],
    neighbours: list[Neighbour],
    min_similarity: float,
) -> tuple[str, str] | None:
    """(vendor key, how it was recognised) among the vendors memory knows, or None. A VAT id or IBAN
    the engine read that belongs to another vendor of the master wins: that vendor's document is not
    read with someone else's memory."""
    keys = {e.vendor_key for e in entries}
    codes, names = _vendor_codes.get(session)
    for label, value in (("its VAT id", extraction.vendor.vat_id), ("its IBAN", extraction.vendor.iban)):
        code = normalise_code(value)
        if code and code in codes:
            erp_id = codes[code]
            return (erp_id, label) if erp_id in keys else None
    text = code_text(parsed)
    for entry in entries:
        if entry.kind == "identifier":
            code = alnum(str((entry.value or {}).get("value") or ""))
            if len(code) >= 6 and code in text:
                return (
                    entry.vendor_key,
                    f"its {entry.field.split('.')[-1].replace('_', ' ')} printed on the page",
                )
    ranked = [n for n in neighbours if n.vendor_key in keys]
    if ranked and ranked[0].similarity >= min_similarity:
        best = ranked[0]
        rival = next((n for n in ranked[1:] if n.vendor_key != best.vendor_key), None)
        if rival is None or best.similarity - rival.similarity > SIMILARITY_MARGIN:
            return (
                best.vendor_key,
                f"its layout ({best.similarity:.0%} like corrected document {best.document_id})",
            )
    name = normalise_name(extraction.vendor.name or "")
    if name:
        for entry in entries:
            if entry.kind == "alias" and entry.field == "vendor.name":
                alias: dict[str, Any] = entry.value or {}
                if name in (
                    normalise_name(str(alias.get("name") or "")),
                    normalise_name(str(alias.get("read") or "")),
                ):
                    return entry.vendor_key, "its name"
        for key in (names.get(name), f"name:{name}"):
            if key in keys:
                return key, "its name"
    return None


# ------------------------------------------------------------------------------------------ applying


def _get(extraction: InvoiceExtraction, name: str) -> Any:
    holder: Any = extraction
    for part in name.split(".")[:-1]:
        holder = getattr(holder, part)
    return getattr(holder, name.split(".")[-1])


def _set(extraction: InvoiceExtraction, name: str, value: Any) -> None:
    holder: Any = extraction
    for part in name.split(".")[:-1]:
        holder = getattr(holder, part)
    setattr(holder, name.split(".")[-1], value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return alnum(a) == alnum(b)
    return bool(a == b)


class _Applier:
    def __init__(self, extraction: InvoiceExtraction, recall: Recall) -> None:
        self.extraction = extraction
        self.recall = recall
        self.passed = {c.name for c in run_checks(extraction) if c.passed}
        self.changes: list[tuple[str, Any, FieldEvidence | None]] = []

    def reason(self, entry: MemoryEntry, was: Any) -> str:
        read = (
            "nothing"
            if was in (None, "", [])
            else repr(was if not isinstance(was, list) else ", ".join(map(str, was)))
        )
        return (
            f"learned from {learned_from(entry)} (vendor memory {self.recall.vendor_key} "
            f"v{self.recall.version}, recognised by {self.recall.how}; the engine read {read})"
        )

    def header(
        self,
        name: str,
        value: Any,
        entry: MemoryEntry,
        *,
        page: int | None = None,
        text: str | None = None,
        bbox: list[float] | None = None,
    ) -> None:
        was = _get(self.extraction, name)
        if _same(was, value):
            if name not in self.recall.agreed:
                self.recall.agreed.append(name)
            evidence = self.extraction.fields.get(name)
            if evidence is not None and evidence.confidence < MEMORY_CONFIDENCE:
                self.extraction.fields[name] = evidence.model_copy(
                    update={
                        "confidence": MEMORY_CONFIDENCE,
                        "reason": f"{evidence.reason or 'read'}; memory agrees",
                    }
                )
            return
        previous = self.extraction.fields.get(name)
        _set(self.extraction, name, value)
        self.changes.append((name, was, previous))
        self.extraction.fields[name] = FieldEvidence(
            confidence=MEMORY_CONFIDENCE,
            page=page if page is not None else (previous.page if previous and not text else None),
            text=text,
            bbox=bbox,
            reason=self.reason(entry, was),
        )
        self.recall.applied.append(name)

    def settle(self) -> None:
        """Memory never breaks a self-check: while a check that passed on the engine's reading fails,
        the newest value memory set is taken back."""
        while self.changes:
            broken = [
                c.name for c in run_checks(self.extraction) if c.passed is False and c.name in self.passed
            ]
            if not broken:
                return
            name, was, previous = self.changes.pop()
            _set(self.extraction, name, was)
            if previous is None:
                self.extraction.fields.pop(name, None)
            else:
                self.extraction.fields[name] = previous
            self.recall.applied.remove(name)
            self.recall.refused.append(f"{name} ({', '.join(broken)} would fail)")


def _by_layout(entries: list[MemoryEntry], layout: str | None) -> list[MemoryEntry]:
    """This layout's entries first, then the newest."""
    return sorted(entries, key=lambda e: (e.layout != layout, -(e.id or 0)))


def _read_position(entry: MemoryEntry, rows: Any, pages: int) -> tuple[Any, Any] | None:
    value = entry.value or {}
    kind = str(value.get("kind") or "text")
    read: Callable[[str], object | None] = reader(kind, dict(value.get("form") or {}))
    for raw in value.get("placements") or []:
        placement = Placement.from_json(raw)
        found = read_at(rows, pages, placement, read)
        if len(found) == 1:
            return found[0]
    return None


def recall_vendor_memory(
    session: Session,
    parsed: ParsedDocument,
    extraction: InvoiceExtraction,
    *,
    data_dir: Path | None = None,
    min_similarity: float = 0.6,
    exclude_document: int | None = None,
) -> Recall | None:
    """Apply the vendor's memory to `extraction` in place (see the module doc); None when memory had
    nothing to say (no memory yet, an e-invoice, a vendor memory does not know)."""
    if parsed.kind is not DocumentKind.PDF or extraction.extraction_method.startswith("einvoice"):
        return None
    if not has_memory(session):
        return None
    entries = active_entries(session)
    neighbours: list[Neighbour] = []
    if data_dir is not None and has_words(parsed):
        from opsloop.memory.index import document_index

        index = document_index(data_dir)
        index.sync(session)
        neighbours = index.nearest(parsed, 3, exclude=exclude_document)
    found = identify_vendor(session, parsed, extraction, entries, neighbours, min_similarity)
    if found is None:
        return Recall(neighbours=neighbours) if neighbours else None
    vendor_key, how = found
    recall = Recall(
        vendor_key=vendor_key, how=how, version=current_version(session, vendor_key), neighbours=neighbours
    )
    mine = [e for e in entries if e.vendor_key == vendor_key]
    layout = layout_fingerprint(parsed)
    applier = _Applier(extraction, recall)
    rows = document_rows(parsed) if has_words(parsed) else {}
    pages = len(parsed.pages)
    text = code_text(parsed, rows)
    done: set[str] = set()
    for entry in _by_layout(mine, layout):
        if entry.kind == "position" and entry.field not in done and rows:
            hit = _read_position(entry, rows, pages)
            if hit is None:
                continue
            done.add(entry.field)
            value, where = hit
            kind = str((entry.value or {}).get("kind") or "text")
            typed = as_value(kind, value)
            if entry.field == "po_numbers":
                current = list(extraction.po_numbers)
                if any(_same(p, typed) for p in current):
                    applier.recall.agreed.append("po_numbers")
                    continue
                typed = [typed, *(p for p in current if alnum(p) not in alnum(str(typed)))]
            elif entry.field in ("vendor.vat_id", "vendor.iban"):
                typed = normalise_code(str(typed))
            applier.header(
                entry.field, typed, entry, page=where.page, text=where.text, bbox=box_of(where.words)
            )
        elif entry.kind == "identifier" and entry.field not in done:
            code = alnum(str((entry.value or {}).get("value") or ""))
            if len(code) >= 6 and code in text:
                done.add(entry.field)
                applier.header(
                    entry.field, normalise_code(code), entry, text=str((entry.value or {}).get("value"))
                )
        elif entry.kind == "alias" and entry.field not in done:
            value = entry.value or {}
            name = str(value.get("name") or "")
            current = _get(extraction, entry.field)
            printed = locate(parsed, matcher("name", name), rows) if rows and name else []
            misread_alike = bool(entry.key) and norm(str(current or "")) == entry.key
            if printed or misread_alike:
                done.add(entry.field)
                where = printed[0] if printed else None
                applier.header(
                    entry.field,
                    name,
                    entry,
                    page=where.page if where else None,
                    text=where.text if where else None,
                    bbox=box_of(where.words) if where else None,
                )
        elif entry.kind == "constant" and entry.field not in done:
            value = entry.value or {}
            current = _get(extraction, entry.field)
            if str(current or "") == entry.key and (
                str(value.get("value")) in parsed.full_text() or entry.layout == layout
            ):
                done.add(entry.field)
                applier.header(entry.field, value.get("value"), entry)
    applier.settle()
    _apply_lines(extraction, mine, applier)
    if recall.applied:
        extraction.checks = run_checks(extraction)
        if not extraction.extraction_method.endswith(METHOD_SUFFIX):
            extraction.extraction_method += METHOD_SUFFIX
    return recall


def _apply_lines(extraction: InvoiceExtraction, entries: list[MemoryEntry], applier: _Applier) -> None:
    items = {e.key: e for e in sorted(entries, key=lambda e: e.id or 0) if e.kind == "item"}
    units = {e.key: e for e in sorted(entries, key=lambda e: e.id or 0) if e.kind == "unit"}
    for index, line in enumerate(extraction.lines):
        keys = [f"sku:{norm(line.sku)}" if line.sku else None, f"description:{norm(line.description or '')}"]
        item = next((items[k] for k in keys if k and k in items), None)
        if item is not None:
            sku = str((item.value or {}).get("sku") or "")
            if sku and line.sku != sku:
                was = line.sku
                line.sku = sku
                po = (item.value or {}).get("po_number")
                note = f"; PO {po} line {(item.value or {}).get('po_line')} had it" if po else ""
                extraction.fields[f"lines[{index}].sku"] = FieldEvidence(
                    confidence=MEMORY_CONFIDENCE, reason=applier.reason(item, was) + note
                )
                applier.recall.applied.append(f"lines[{index}].sku")
        unit = units.get(norm(line.unit)) if line.unit else None
        if unit is not None:
            mapped = str((unit.value or {}).get("unit") or "")
            if mapped and mapped != line.unit:
                was = line.unit
                line.unit = mapped
                extraction.fields[f"lines[{index}].unit"] = FieldEvidence(
                    confidence=MEMORY_CONFIDENCE, reason=applier.reason(unit, was)
                )
                applier.recall.applied.append(f"lines[{index}].unit")
