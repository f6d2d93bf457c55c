"""SQL connector: any database SQLAlchemy can reach, read through a mapping file.

The mapping (TOML) has one table per record type with a `query` whose result columns are named like the
folder export columns (fixtures/README.md), and optionally a `cursor` column (a modification time or an
increasing id) for incremental sync:

    [vendors]
    query = "SELECT code AS erp_id, name, vat AS vat_id, modified AS changed FROM suppliers"
    cursor = "changed"

Without a cursor every sync reads the whole set, and what is missing from it was deleted in the ERP.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from opsloop.erp.protocol import ConnectorUnavailable
from opsloop.erp.records import Pull, RecordType
from opsloop.errors import ConfigError


class TableMapping(BaseModel):
    query: str
    cursor: str | None = None


class SqlMapping(BaseModel):
    tables: dict[RecordType, TableMapping]


def load_mapping(path: Path) -> SqlMapping:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return SqlMapping(tables={RecordType(k): TableMapping.model_validate(v) for k, v in raw.items()})
    except (OSError, tomllib.TOMLDecodeError, ValueError, ValidationError) as error:
        raise ConfigError(
            f"cannot read the SQL mapping {path}: {error}",
            hint="Each [table] is a record type (vendors, items, purchase_orders, ...) with a `query`.",
        ) from error


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


class SqlConnector:
    def __init__(self, url: str, mapping: SqlMapping, *, name: str = "sql") -> None:
        self.name = name
        self.mapping = mapping
        self._url = url
        self._engine: Engine | None = None

    def _connect(self) -> Engine:
        if self._engine is None:
            self._engine = create_engine(self._url, pool_pre_ping=True)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def record_types(self) -> Sequence[RecordType]:
        return tuple(rt for rt in RecordType if rt in self.mapping.tables)

    def pull(self, record_type: RecordType, cursor: str | None) -> Pull:
        table = self.mapping.tables[record_type]
        query, params = table.query, {}
        if table.cursor and cursor is not None:
            query = f"SELECT * FROM ({table.query}) AS opsloop_q WHERE opsloop_q.{table.cursor} > :cursor"
            params = {"cursor": cursor}
        try:
            with self._connect().connect() as connection:
                result = connection.execute(text(query), params)
                rows = [{k: _text(v) for k, v in row.items()} for row in result.mappings()]
        except OperationalError as error:
            raise ConnectorUnavailable(f"the ERP database is unreachable: {error.orig}") from error
        except DBAPIError as error:
            raise ConfigError(
                f"the SQL mapping's query for {record_type.value} failed: {error.orig}",
                hint="Fix the query in the mapping file (OPSLOOP_ERP__MAPPING).",
            ) from error
        new_cursor = cursor
        if table.cursor:
            stamps = [row[table.cursor] for row in rows if row.get(table.cursor)]
            if stamps:
                newest = max(stamps, key=_sortable)
                new_cursor = newest if cursor is None or _sortable(newest) > _sortable(cursor) else cursor
        return Pull(
            record_type=record_type,
            rows=rows,
            cursor=new_cursor,
            complete=not table.cursor,
            source=f"sql:{record_type.value}",
        )


def _sortable(value: str) -> tuple[int, Decimal | str]:
    """Cursor values compare as numbers when they are numbers (ids), else as text (ISO timestamps)."""
    try:
        return (0, Decimal(value))
    except ArithmeticError:
        return (1, value)
