"""Suite-wide guards and fixtures. No test may reach outside this machine: every socket connection
to a non-loopback address fails loudly."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from opsloop.settings import IngestSettings, Settings
from opsloop.store.chain import bind_keyring, keyring_for
from opsloop.store.db import dispose_engines, open_database

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _is_local(address):
        raise ConnectionRefusedError(f"tests may not reach {address!r}: only loopback is allowed")
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _is_local(address):
        raise ConnectionRefusedError(f"tests may not reach {address!r}: only loopback is allowed")
    return _real_connect_ex(self, address)


def pytest_configure(config: pytest.Config) -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a fresh data folder with a SQLite database, fast watcher timings."""
    return Settings(
        data_dir=tmp_path / "var",
        database_url=None,
        ingest=IngestSettings(stable_seconds=0.3, poll_seconds=0.05, rescan_seconds=0.5),
    )


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = open_database(settings)
    yield engine
    dispose_engines()


REPO_ROOT = Path(__file__).resolve().parents[1]


def keyed(engine: Engine, folder: Path) -> Engine:
    """`engine` (made by hand, not by `open_database`) with an audit key bound, kept under `folder` as
    `open_database` keeps one under the data folder: the audit log cannot be written without one."""
    bind_keyring(engine, keyring_for(Settings(data_dir=folder, database_url=None)))
    return engine
