"""What one reconciliation accumulates (checks, exceptions, warnings, tolerances used), and the small
helpers every part of the reconciler shares: building trusted result models fast, money and quantity
text, and the tolerance test."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel

from opsloop.domain.erp import CheckResult, ExceptionType, ReconciliationException

ZERO = Decimal(0)
HUNDRED = Decimal(100)

SEVERITY: dict[ExceptionType, str] = {
    ExceptionType.UNKNOWN_VENDOR: "high",
    ExceptionType.IBAN_CHANGED: "high",
    ExceptionType.VAT_MISMATCH: "high",
    ExceptionType.DUPLICATE: "high",
    ExceptionType.PO_VENDOR_MISMATCH: "high",
    ExceptionType.INSTRUCTION_TEXT: "high",
    ExceptionType.PO_CLOSED: "high",
    ExceptionType.PO_FULLY_BILLED: "high",
    ExceptionType.PO_AMBIGUOUS: "high",
    ExceptionType.POSSIBLE_DUPLICATE: "low",
}

M = TypeVar("M", bound=BaseModel)
_set_attribute = object.__setattr__
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


def _all_fields(cls: type[BaseModel]) -> set[str]:
    found = _ALL_FIELDS.get(cls)
    if found is None:
        found = _ALL_FIELDS[cls] = set(cls.model_fields)
    return found


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """A model from values the reconciler computed itself, already of their types.

    The same object `cls.model_construct(**values)` gives, built without validation or the per-field
    loop: in the hot path (one LineMatch per invoice line, ~10 CheckResults per invoice) validation
    was most of the time. When `values` names every field (the reconciler's calls do), the objects
    share one fields-set (pydantic only ever adds names already in it); otherwise a missing field
    takes its default. Tests compare these objects with validated ones."""
    fields = _all_fields(cls)
    if len(values) != len(fields):
        return cls.model_construct(**values)
    obj = cls.__new__(cls)
    _set_attribute(obj, "__dict__", values)
    _set_attribute(obj, "__pydantic_fields_set__", fields)
    _set_attribute(obj, "__pydantic_extra__", None)
    _set_attribute(obj, "__pydantic_private__", None)
    return obj


def money(value: Decimal | None) -> str:
    return "?" if value is None else f"{value:,.2f}"


def unit_money(value: Decimal | None, *alike: Decimal | None) -> str:
    """A price per unit as precisely as it is known: cents at least, up to six places where a unit costs
    fractions of a cent (a price per 1000 pieces divided out: 0.0462); as many places as the prices it is
    set beside (``alike``), so that 0.0462 stands against 0.0440, not 0.044."""
    if value is None:
        return "?"
    exponents = [v.normalize().as_tuple().exponent for v in (value, *alike) if v is not None]
    places = min(6, max([2, *(-e for e in exponents if isinstance(e, int))]))
    return f"{value:,.{places}f}"


def qty(value: Decimal | None) -> str:
    if value is None:
        return "?"
    text = format(value.normalize(), "f")
    return text


def po_label(number: str) -> str:
    """ "PO-1001" as is, "4711" as "PO 4711"."""
    return number if number[:2].upper() == "PO" else f"PO {number}"


def within(excess: Decimal, base: Decimal, pct: Decimal | None, absolute: Decimal | None) -> bool:
    """True when `excess` (over `base`) is within every limit that is set; a shortfall always is."""
    if excess <= ZERO:
        return True
    if pct is not None and (base == ZERO or excess * HUNDRED > pct * abs(base)):
        return False
    return not (absolute is not None and excess > absolute)


def limit_text(pct: Decimal | None, absolute: Decimal | None, unit: str = "", *, amount: bool = True) -> str:
    parts = []
    if pct is not None:
        parts.append(f"{qty(pct)}%")
    if absolute is not None:
        parts.append(f"{money(absolute) if amount else qty(absolute)}{unit}")
    return " and ".join(parts) if parts else "no limit"


_CHECK_FIELDS = set(CheckResult.model_fields)


def _exception(
    kind: ExceptionType, sentence: str, line: int | None, amount: Decimal | None
) -> ReconciliationException:
    return trusted(
        ReconciliationException,
        {
            "type": kind,
            "severity": SEVERITY.get(kind, "medium"),
            "sentence": sentence,
            "line": line,
            "amount": amount,
        },
    )


class Run:
    """What one reconciliation accumulates."""

    __slots__ = ("checks", "exceptions", "tolerance_used", "warnings")

    def __init__(self) -> None:
        self.checks: list[CheckResult] = []
        self.exceptions: list[ReconciliationException] = []
        self.warnings: list[ReconciliationException] = []
        self.tolerance_used: list[str] = []

    def check(self, check_name: str, passed: bool | None, sentence: str, **compared: object) -> None:
        obj = CheckResult.__new__(CheckResult)
        _set_attribute(
            obj,
            "__dict__",
            {
                "name": check_name,
                "passed": passed,
                "compared": {
                    k: v if v.__class__ is str else str(v) for k, v in compared.items() if v is not None
                }
                if compared
                else {},
                "sentence": sentence,
            },
        )
        _set_attribute(obj, "__pydantic_fields_set__", _CHECK_FIELDS)
        _set_attribute(obj, "__pydantic_extra__", None)
        _set_attribute(obj, "__pydantic_private__", None)
        self.checks.append(obj)

    def fail(
        self, kind: ExceptionType, sentence: str, *, line: int | None = None, amount: Decimal | None = None
    ) -> None:
        self.exceptions.append(_exception(kind, sentence, line, amount))

    def warn(
        self, kind: ExceptionType, sentence: str, *, line: int | None = None, amount: Decimal | None = None
    ) -> None:
        """Something a person should see that does not hold the invoice by itself."""
        self.warnings.append(_exception(kind, sentence, line, amount))
