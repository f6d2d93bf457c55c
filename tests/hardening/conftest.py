"""Hardening tests hash passwords with cheap argon2 parameters (the hash records them; checks still run)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from opsloop.review import accounts


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
