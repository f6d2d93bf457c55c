"""Column types that keep values exact on every backend."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

UNIT_PRECISION = 26
UNIT_SCALE = 12
"""A unit price's or a quantity's column: 14 digits before the decimal point and 12 after
(opsloop.extract.amounts' MAX_INTEGER_DIGITS and MAX_UNIT_SCALE)."""


class Money(TypeDecorator[Decimal]):
    """Decimal stored exactly: NUMERIC(20, 6) on PostgreSQL, canonical text on SQLite
    (whose NUMERIC affinity would round through a float)."""

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(20, 6, asdecimal=True))
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if dialect.name == "postgresql":
            return number
        return format(number, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(str(value))


class UnitDecimal(Money):
    """A quantity or a unit price stored exactly: NUMERIC(26, 12) on PostgreSQL (EN 16931 sets no limit on
    an item price's or a quantity's decimals: 0.061232374 EUR per kWh must come back as it was printed, not
    rounded to Money's six), canonical text on SQLite."""

    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(UNIT_PRECISION, UNIT_SCALE, asdecimal=True))
        return dialect.type_descriptor(String(40))


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected datetime, got {type(value).__name__}")
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime (opsloop.store.utcnow())")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_replayed_at: list[tuple[datetime, float]] = []
"""While `replayed_clock` runs: (the moment it stands for, the monotonic time it was set)."""


def utcnow() -> datetime:
    """Now, in UTC — or, inside `replayed_clock`, the moment being replayed (plus the time since)."""
    if _replayed_at:
        moment, started = _replayed_at[-1]
        return moment + timedelta(seconds=time.monotonic() - started)
    return datetime.now(UTC)


@contextmanager
def replayed_clock(moment: datetime) -> Iterator[None]:
    """Every timestamp opsloop records in this block (documents, decisions, audit, sync runs) is taken as
    `moment` plus the time elapsed since: `opsloop demo` replays its 90 days through the ordinary stage
    and decision functions this way, so their history has real dates. Process-wide; not for servers."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given; use an aware UTC datetime")
    _replayed_at.append((moment.astimezone(UTC), time.monotonic()))
    try:
        yield
    finally:
        _replayed_at.pop()
