"""Whether an invoice is addressed to us: its buyer is one of the legal entities opsloop books for.

Who "we" are comes from the ERP's company records and the configured identity (`opsloop.erp.identity`,
kept in the mirror as `Mirror.companies`). AP practice: an invoice addressed to another legal entity (a
sister company of the group), naming our entity with another entity's VAT id, or naming no recipient at
all above the small-invoice limit is not a valid invoice of ours (neither the liability nor the input
VAT is ours): it is held and returned to the vendor for a corrected one.

False holds are avoided on purpose: names compare without case, accents, punctuation and legal form
(`normalise_name`), against every name and alias of every entity; a VAT id counts only where the
extraction placed it as the buyer's (never an unplaced second id of the vendor), and an id of the
vendor's own (its master or the seller's printed one) is never the buyer's; a name that is not ours
while the page prints one of our names or VAT ids elsewhere (a delivery address, a contact line) goes to
a person, not to a hold. With no identity known nothing is checked here (the autonomy guard
`buyer_unverified` keeps such invoices with a person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from opsloop.domain.erp import CompanyRecord, ExceptionType, VendorRecord
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile.normalise import has_legal_form, normalise_name, normalise_vat_id
from opsloop.reconcile.run import Run, money

SMALL_INVOICE_LIMIT = Decimal("250.00")
"""Gross EUR up to which an invoice need not name its recipient (a small-amount invoice: the EU VAT
directive's simplified invoice, Germany's Kleinbetragsrechnung up to 250 EUR). Above it, an invoice naming
no buyer is no valid invoice for input VAT: held, the vendor asked for a correct one."""
SMALL_INVOICE_CURRENCY = "EUR"
"""The currency of `SMALL_INVOICE_LIMIT`; an invoice in another currency naming no buyer goes to a person."""

_CELL_SPLIT = re.compile(r"\s{2,}|\t|\s[|;]\s")
"""Where a printed line splits into cells (two columns side by side)."""


def _key(name: str) -> str:
    """A company name as compared: `normalise_name` (case, accents, punctuation, legal form), dots
    dropped first so an abbreviation written with them ("G.m.b.H.", "S.A.") is the legal form too."""
    return normalise_name(name.replace(".", ""))


@dataclass(frozen=True)
class _Entity:
    company: CompanyRecord
    names: frozenset[str]
    vat_ids: frozenset[str]


def _entities(companies: list[CompanyRecord]) -> list[_Entity]:
    out: list[_Entity] = []
    for company in companies:
        names = {_key(n) for n in (company.name, *company.aliases)}
        vats = {normalise_vat_id(v) for v in company.vat_ids}
        out.append(_Entity(company, frozenset(n for n in names if n), frozenset(v for v in vats if v)))
    return out


def _described(entities: list[_Entity]) -> str:
    """Our entities as a clerk reads them: "A GmbH (DE123456789)", several joined by "; "."""
    parts = []
    for entity in entities:
        vats = ", ".join(entity.company.vat_ids)
        parts.append(f"{entity.company.name} ({vats})" if vats else entity.company.name)
    return "; ".join(parts)


def _printed_ours(text: str | None, entities: list[_Entity]) -> _Entity | None:
    """The entity of ours the page prints somewhere: a line or a cell of it that is one of our names
    (whole, not part of a longer name: a sister company's name holds ours), or one of our VAT ids."""
    if not text:
        return None
    names = {name: entity for entity in entities for name in entity.names}
    vats = {vat: entity for entity in entities for vat in entity.vat_ids}
    compact = re.sub(r"[\s.\-/]", "", text.upper())
    for vat, entity in vats.items():
        if vat in compact:
            return entity
    for line in text.splitlines():
        cells = _CELL_SPLIT.split(line)
        # a cell may open with its label ("Kunde: ...", "Bill to: ..."): the name after it counts
        for part in [line, *cells, *(c.rsplit(":", 1)[1] for c in cells if ":" in c)]:
            key = _key(part) if part.strip() else ""
            if key in names:
                return names[key]
    return None


def check_buyer(
    invoice: InvoiceExtraction,
    companies: list[CompanyRecord],
    vendor: VendorRecord | None,
    document_text: str | None,
    run: Run,
) -> None:
    """Hold an invoice addressed to another legal entity than ours (`BUYER_NOT_OURS`); keep one whose
    buyer cannot be told ours or not with a person (a check that fails without a hold)."""
    if not companies:
        return
    entities = _entities(companies)
    we = _described(entities)
    name = (invoice.buyer.name or "").strip() or None
    vendor_vats = {
        v
        for v in (
            normalise_vat_id(invoice.vendor.vat_id),
            normalise_vat_id(vendor.vat_id if vendor else None),
        )
        if v
    }
    vat = normalise_vat_id(invoice.buyer.vat_id)
    if vat in vendor_vats:
        vat = None  # the seller's own id, wherever it was printed, is never the buyer's
    key = _key(name) if name else ""
    by_name = next((e for e in entities if key and key in e.names), None)
    by_vat = next((e for e in entities if vat and vat in e.vat_ids), None)
    addressed = f"{name} (VAT id {vat})" if name and vat else (name or f"VAT id {vat}")

    def hold(sentence: str) -> None:
        run.check("buyer_is_ours", False, sentence, buyer=name, buyer_vat_id=vat, we=we)
        run.fail(ExceptionType.BUYER_NOT_OURS, sentence)

    if vat and by_vat is None:
        known = [e for e in entities if e.vat_ids]
        if by_name is not None and not by_name.vat_ids:
            run.check(
                "buyer_is_ours",
                False,
                f"The invoice is addressed to {addressed}; {by_name.company.name} has no VAT id on record to "
                "compare with: a person checks the VAT id is ours.",
                buyer=name,
                buyer_vat_id=vat,
            )
            return
        if known and by_name is not None:
            hold(
                f"Hold: the invoice names us ({by_name.company.name}) but prints the buyer VAT id {vat}, which "
                f"is not ours (ours: {', '.join(by_name.company.vat_ids)}). An invoice with another entity's "
                "VAT id gives us no input VAT: the vendor sends a corrected invoice."
            )
            return
        if known:
            hold(
                f"Hold: the invoice is addressed to {addressed}, and that VAT id is not ours (we are {we}). "
                "The input VAT and the liability are another company's: the vendor sends a corrected invoice."
            )
            return
    if vat and by_vat is not None:
        if by_name is not None and by_name is not by_vat:
            hold(
                f"Hold: the invoice names {by_name.company.name} with the VAT id of {by_vat.company.name} "
                f"({vat}): one legal entity's invoice must carry its own VAT id; the vendor corrects it."
            )
            return
        if by_name is None and name and has_legal_form(name):
            # another company's name (it has a legal form: no contact line) with our VAT id: a person
            # checks whom the vendor meant
            run.check(
                "buyer_is_ours",
                False,
                f"The invoice is addressed to {name}, which is none of our entities, but prints our VAT id "
                f"{vat} ({by_vat.company.name}): a person checks whom it is addressed to.",
                buyer=name,
                buyer_vat_id=vat,
            )
            return
        run.check(
            "buyer_is_ours",
            True,
            f"The invoice is addressed to {by_vat.company.name}: its VAT id {vat} is ours.",
            buyer=name,
            buyer_vat_id=vat,
        )
        return
    if by_name is not None:
        run.check(
            "buyer_is_ours",
            True,
            f"The invoice is addressed to {by_name.company.name}, one of ours.",
            buyer=name,
        )
        return
    printed = _printed_ours(document_text, entities)
    if name:
        if printed is not None:
            run.check(
                "buyer_is_ours",
                False,
                f"The buyer was read as {name}, which is none of our entities, but the document also prints "
                f"{printed.company.name}: a person checks who the invoice is addressed to.",
                buyer=name,
            )
            return
        hold(
            f"Hold: the invoice is addressed to {addressed}, not to us (we are {we}). Another legal entity's "
            "invoice is not ours to pay: the vendor sends it to the right company or corrects it."
        )
        return
    if printed is not None:
        run.check(
            "buyer_is_ours",
            True,
            f"No buyer block was read, but the document prints {printed.company.name}, one of ours.",
        )
        return
    total = invoice.total if invoice.total is not None else invoice.amount_due
    currency = (invoice.currency or SMALL_INVOICE_CURRENCY).upper()
    if total is not None and currency == SMALL_INVOICE_CURRENCY and abs(total) <= SMALL_INVOICE_LIMIT:
        run.check(
            "buyer_is_ours",
            True,
            f"The invoice names no buyer; at {money(total)} {currency} it is a small-amount invoice, valid "
            f"without one (up to {money(SMALL_INVOICE_LIMIT)} {SMALL_INVOICE_CURRENCY}).",
            total=total,
        )
        return
    if total is None or currency != SMALL_INVOICE_CURRENCY:
        run.check(
            "buyer_is_ours",
            False,
            "The invoice names no buyer: a person checks it is addressed to us "
            f"(we are {we}) before it is paid.",
        )
        return
    hold(
        f"Hold: the invoice names no buyer (we are {we}). Above {money(SMALL_INVOICE_LIMIT)} "
        f"{SMALL_INVOICE_CURRENCY} an invoice must name its recipient to be valid for input VAT: the vendor "
        "sends a corrected invoice."
    )
