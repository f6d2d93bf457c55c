"""`erp_engine`: a migrated SQLite database of its own for an ERP test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.erp.erp_helpers import migrated_engine


@pytest.fixture
def erp_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = migrated_engine(tmp_path / "opsloop.db")
    yield engine
    engine.dispose()
