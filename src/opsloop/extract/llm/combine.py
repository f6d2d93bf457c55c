"""Where both engines ran: agreement raises a field's confidence, disagreement flags it for review.

The LLM's (grounded) value is kept where the two differ, with its confidence halved, the rules
engine's reading in the evidence's reason, and a failed `engines_agree` check listing every
disagreement, so the review sees it. A value only one engine found is taken from that engine.
"""

from __future__ import annotations

from typing import Any

from opsloop.domain.invoices import Check, FieldEvidence, InvoiceExtraction
from opsloop.extract.checks import run_checks
from opsloop.extract.evidence import FIELD_NAMES
from opsloop.extract.llm.grounding import norm

AGREE_CHECK = "engines_agree"
_TEXT_FIELDS = frozenset({"vendor.name", "vendor.address", "buyer.name"})


def _get(extraction: InvoiceExtraction, name: str) -> Any:
    value: Any = extraction
    for part in name.split("."):
        value = getattr(value, part)
    return value


def _set(extraction: InvoiceExtraction, name: str, value: Any) -> None:
    *parents, last = name.split(".")
    target: Any = extraction
    for part in parents:
        target = getattr(target, part)
    setattr(target, last, value)


def _present(value: Any) -> bool:
    return value not in (None, "", [])


def same_value(name: str, a: Any, b: Any) -> bool:
    """Equal modulo formatting: ids and names ignoring case, spaces and punctuation (a name may
    contain the other, 'ACME' vs 'ACME GmbH'), PO lists as sets, amounts and dates by value."""
    if isinstance(a, list) and isinstance(b, list):
        return {norm(str(x)) for x in a} == {norm(str(x)) for x in b}
    if isinstance(a, str) and isinstance(b, str):
        na, nb = norm(a), norm(b)
        if name in _TEXT_FIELDS:
            return bool(na and nb) and (na in nb or nb in na)
        return na == nb
    return bool(a == b)


def _agreed(rules: FieldEvidence | None, llm: FieldEvidence | None) -> FieldEvidence:
    r = rules.confidence if rules else 0.0
    m = llm.confidence if llm else 0.0
    base = llm or rules or FieldEvidence(confidence=0.0)
    return base.model_copy(
        update={"confidence": round(1 - (1 - r) * (1 - m), 4), "reason": "rules and llm agree"}
    )


def _lines_sum(extraction: InvoiceExtraction) -> Any:
    return sum((line.amount for line in extraction.lines if line.amount is not None), start=0)


def combine(rules: InvoiceExtraction, llm: InvoiceExtraction) -> InvoiceExtraction:
    """One extraction from both engines' results (values, evidence and checks)."""
    result = llm.model_copy(deep=True)
    result.extraction_method = f"{llm.extraction_method}+{rules.extraction_method}"
    disagreements: list[str] = []
    compared = 0
    for name in FIELD_NAMES:
        if name == "lines":
            continue
        r, m = _get(rules, name), _get(llm, name)
        r_ev, m_ev = rules.fields.get(name), llm.fields.get(name)
        if not _present(r):
            continue
        if not _present(m):
            _set(result, name, r.copy() if isinstance(r, list) else r)
            if r_ev is not None:
                result.fields[name] = r_ev.model_copy()
            continue
        compared += 1
        if same_value(name, r, m):
            result.fields[name] = _agreed(r_ev, m_ev)
        else:
            confidence = min(r_ev.confidence if r_ev else 0.5, m_ev.confidence if m_ev else 0.5) / 2
            base = m_ev or FieldEvidence(confidence=confidence)
            result.fields[name] = base.model_copy(
                update={
                    "confidence": round(confidence, 4),
                    "reason": f"engines disagree: rules read {r!s}, llm read {m!s}",
                }
            )
            disagreements.append(f"{name} (rules {r!s}, llm {m!s})")
    if rules.lines and not llm.lines:
        result.lines = [line.model_copy() for line in rules.lines]
        if "lines" in rules.fields:
            result.fields["lines"] = rules.fields["lines"].model_copy()
    elif rules.lines and llm.lines:
        compared += 1
        if len(rules.lines) == len(llm.lines) and _lines_sum(rules) == _lines_sum(llm):
            result.fields["lines"] = _agreed(rules.fields.get("lines"), llm.fields.get("lines"))
        else:
            disagreements.append(
                f"lines (rules {len(rules.lines)} summing to {_lines_sum(rules)}, "
                f"llm {len(llm.lines)} summing to {_lines_sum(llm)})"
            )
            evidence = result.fields.get("lines") or FieldEvidence(confidence=0.5)
            result.fields["lines"] = evidence.model_copy(
                update={
                    "confidence": round(evidence.confidence / 2, 4),
                    "reason": "engines disagree on the line items",
                }
            )
    extra = [
        c for c in llm.checks if c.name not in {x.name for x in run_checks(result)} and c.name != AGREE_CHECK
    ]
    result.checks = run_checks(result) + extra
    if compared == 0:
        result.checks.append(
            Check(name=AGREE_CHECK, passed=None, detail="no field was found by both engines")
        )
    elif disagreements:
        result.checks.append(
            Check(
                name=AGREE_CHECK,
                passed=False,
                detail="needs review, engines disagree on: " + "; ".join(disagreements),
            )
        )
    else:
        result.checks.append(
            Check(name=AGREE_CHECK, passed=True, detail=f"{compared} fields read alike by rules and llm")
        )
    return result
