from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.llm import reset_endpoint_guards
from tests.llm.llm_helpers import RecordingSleep, ScriptedServer


@pytest.fixture(autouse=True)
def _fresh_guards() -> Iterator[None]:
    reset_endpoint_guards()
    yield
    reset_endpoint_guards()


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as open_session:
        yield open_session


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()
