"""Vendor resolution: VAT id or IBAN exact, then the name (exact, fuzzy).

There is no name-embedding fallback: an n-gram vector over the same names repeated what fuzzy name
matching decides (it never identified a vendor that fuzzy names missed in the decisions eval), and
vendor memory (`opsloop.memory`) recognises a vendor by its corrected documents before the
reconciler runs."""

from __future__ import annotations

from collections.abc import Sequence

from opsloop.domain.erp import TolerancePolicy, VendorCandidate, VendorRecord, VendorResolution
from opsloop.domain.invoices import VendorExtraction
from opsloop.reconcile.mirror import Mirror
from opsloop.reconcile.normalise import normalise_name, normalise_vat_id

AMBIGUITY_MARGIN = 0.02
"""A fuzzy match identifies a vendor only when it beats the runner-up by more than this."""


def resolve_vendor(
    extracted: VendorExtraction,
    mirror: Mirror,
    policy: TolerancePolicy,
    po_numbers: Sequence[str] = (),
) -> tuple[VendorResolution, VendorRecord | None]:
    """Which ERP vendor sent the invoice, how that was decided, and the nearest candidates.

    Never creates a vendor: when nothing is close enough the resolution has no vendor and lists
    the nearest candidates for a person to choose from. Where the ERP keeps the supplier twice (two
    masters with the invoice's VAT id), the master of a PO the invoice quotes is the one it bills, else
    an active one.
    """
    for method, vendor in (
        ("vat_id", _master_of_vat(extracted.vat_id, mirror, po_numbers)),
        ("iban", _owner_of_iban(extracted, mirror)),
    ):
        if vendor is not None:
            return _resolved(vendor, method, 1.0, []), vendor
    name = (extracted.name or "").strip()
    if not name:
        return VendorResolution(), None
    invoice_vat = normalise_vat_id(extracted.vat_id)

    def other_entity(vendor: VendorRecord) -> bool:
        """A different VAT id is a different legal entity, however alike the names."""
        known_vat = normalise_vat_id(vendor.vat_id)
        return invoice_vat is not None and known_vat is not None and known_vat != invoice_vat

    exact = mirror.vendors_by_name(name)
    if len(exact) == 1 and not other_entity(exact[0]):
        return _resolved(exact[0], "name", 1.0, []), exact[0]
    nearest_names = mirror.fuzzy_vendors(name, limit=3)
    candidates = [_candidate(v, s, "fuzzy_name") for v, s in nearest_names]
    fuzzy = [(v, s) for v, s in nearest_names if not other_entity(v)]
    if _decisive([s for _, s in fuzzy], policy.fuzzy_vendor_min_score):
        vendor = fuzzy[0][0]
        return _resolved(
            vendor, "fuzzy_name", fuzzy[0][1], [c for c in candidates if c.vendor_id != vendor.id]
        ), vendor
    candidates.sort(key=lambda c: c.score, reverse=True)
    return VendorResolution(candidates=candidates[:5]), None


def _master_of_vat(vat_id: str | None, mirror: Mirror, po_numbers: Sequence[str]) -> VendorRecord | None:
    masters = mirror.vendors_by_vat(vat_id)
    if len(masters) < 2:
        return mirror.vendor_by_vat(vat_id)
    ids = {v.id for v in masters}
    for number in po_numbers:
        order = mirror.po_by_number(number)
        if order is not None and order.vendor_id in ids:
            return mirror.vendors[order.vendor_id]
    active = [v for v in masters if v.active]
    return active[-1] if active else mirror.vendor_by_vat(vat_id)


def _owner_of_iban(extracted: VendorExtraction, mirror: Mirror) -> VendorRecord | None:
    """The vendor the invoice's IBAN is on file for. An account several vendors have on file (a
    factoring company's) names the one of them the invoice names exactly; otherwise it identifies
    nobody and the name decides."""
    found = mirror.vendor_by_iban(extracted.iban)
    if found is not None or not extracted.name:
        return found
    named = normalise_name(extracted.name)
    owners = [v for v in mirror.vendors_by_iban(extracted.iban) if normalise_name(v.name) == named]
    return owners[0] if len(owners) == 1 else None


def _decisive(scores: list[float], minimum: float) -> bool:
    if not scores or scores[0] < minimum:
        return False
    return len(scores) == 1 or scores[0] - scores[1] > AMBIGUITY_MARGIN


def _resolved(
    vendor: VendorRecord, method: str, score: float, candidates: list[VendorCandidate]
) -> VendorResolution:
    return VendorResolution(
        vendor_id=vendor.id,
        erp_id=vendor.erp_id,
        name=vendor.name,
        method=method,
        score=round(score, 4),
        candidates=candidates,
    )


def _candidate(vendor: VendorRecord, score: float, method: str) -> VendorCandidate:
    return VendorCandidate(
        vendor_id=vendor.id,
        erp_id=vendor.erp_id,
        name=vendor.name,
        score=round(score, 4),
        method=method,
    )
