"""Loading and saving tolerance policies (a versioned file, or the `tolerance_policies` table)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from importlib.resources import files
from pathlib import Path

from pydantic import ValidationError
from sqlmodel import Session, col, select

from opsloop.domain.erp import TolerancePolicy
from opsloop.errors import ConfigError

DEFAULT_POLICY_RESOURCE = "default.toml"
RETIRED_KEYS = ("vector_vendor_min_score",)
"""Keys of earlier policy versions that no longer mean anything (the name-only vendor vector index was
removed): a file or stored version that still has them loads, without them."""


def parse_policy(text: str, *, source: str = "policy") -> TolerancePolicy:
    """A policy from TOML (or JSON) text."""
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else tomllib.loads(text)
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if k not in RETIRED_KEYS}
        return TolerancePolicy.model_validate(data)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, ValidationError) as error:
        raise ConfigError(
            f"tolerance policy {source} is not valid: {error}",
            hint="Fix the file (see opsloop/reconcile/policy/default.toml for its shape) and run again.",
        ) from error


def default_policy() -> TolerancePolicy:
    """The policy shipped in the package."""
    text = (files("opsloop.reconcile.policy") / DEFAULT_POLICY_RESOURCE).read_text(encoding="utf-8")
    return parse_policy(text, source=DEFAULT_POLICY_RESOURCE)


def policy_digest(policy: TolerancePolicy) -> str:
    body = json.dumps(policy.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def load_policy(source: Path | Session | None = None) -> TolerancePolicy:
    """The tolerance policy: from a TOML/JSON file, from the newest active row of the
    `tolerance_policies` table (falling back to the packaged default when the table is empty),
    or the packaged default when `source` is None."""
    if source is None:
        return default_policy()
    if isinstance(source, Path):
        try:
            text = source.read_text(encoding="utf-8")
        except OSError as error:
            raise ConfigError(
                f"cannot read tolerance policy {source}: {error}", hint="Check the path and try again."
            ) from error
        return parse_policy(text, source=str(source))
    from opsloop.store.tables import TolerancePolicyVersion

    row = source.exec(
        select(TolerancePolicyVersion)
        .where(col(TolerancePolicyVersion.active))
        .order_by(col(TolerancePolicyVersion.id).desc())
        .limit(1)
    ).first()
    if row is None:
        return default_policy()
    return parse_policy(json.dumps(row.body), source=f"version {row.version} (tolerance_policies)")


def save_policy(session: Session, policy: TolerancePolicy, *, created_by: str | None = None) -> int:
    """Store `policy` as the newest active version; returns the row id. A version name is never
    reused with a different body."""
    from opsloop.store.tables import TolerancePolicyVersion

    digest = policy_digest(policy)
    existing = session.exec(
        select(TolerancePolicyVersion).where(TolerancePolicyVersion.version == policy.version)
    ).first()
    if existing is not None:
        if existing.digest != digest:
            raise ConfigError(
                f"tolerance policy version {policy.version!r} already exists with different limits",
                hint="Give the changed policy a new version name.",
            )
        assert existing.id is not None
        return existing.id
    row = TolerancePolicyVersion(
        version=policy.version, body=policy.model_dump(mode="json"), digest=digest, created_by=created_by
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id
