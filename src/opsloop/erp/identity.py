"""Who "we" are: the legal entities opsloop books for, from the ERP's company records (the `companies`
record type) and from a configured identity file, kept in the mirror's `companies` table.

The identity file (`OPSLOOP_ERP__IDENTITY`, TOML) is for ERPs without a company export, or to add the
names invoices are addressed to besides the legal name (a trading name, a former name)::

    [[entity]]
    name = "Example Trading GmbH"
    aliases = ["Example Handel GmbH"]      # former or trading names
    vat_ids = ["DE123456789", "ATU12345678"]
    address = "Hafenstraße 1, 20457 Hamburg, DE"

Several `[[entity]]` tables make a group: each is its own legal entity (an invoice must name one of
them, with that entity's own VAT id).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from opsloop.erp.records import ErpCompany, Pull, RecordType
from opsloop.erp.upsert import CONFIGURED_PREFIX, MirrorWriter, RowError
from opsloop.errors import OpsloopError
from opsloop.reconcile.normalise import normalise_name


class IdentityFileError(OpsloopError):
    """The configured identity file cannot be read (the message says where and why)."""


def _strings(entry: dict[str, Any], key: str, where: str) -> list[str]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise IdentityFileError(f"{where}: `{key}` must be a list of texts")
    return [v.strip() for v in value if v.strip()]


def read_identity_file(path: Path) -> list[ErpCompany]:
    """The entities an identity file lists, as company records keyed `config:<name>`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise IdentityFileError(
            f"the identity file {path} cannot be read: {error.strerror or error}"
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise IdentityFileError(f"the identity file {path} is not valid TOML: {error}") from error
    entries = data.get("entity", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise IdentityFileError(f"the identity file {path} must hold [[entity]] tables")
    companies: list[ErpCompany] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}, entity {number}"
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise IdentityFileError(f"{where}: `name` is missing")
        address = entry.get("address")
        if address is not None and not isinstance(address, str):
            raise IdentityFileError(f"{where}: `address` must be a text")
        companies.append(
            ErpCompany(
                erp_id=f"{CONFIGURED_PREFIX}{normalise_name(name) or name.strip()}"[:128],
                name=name.strip(),
                aliases="; ".join(_strings(entry, "aliases", where)) or None,
                vat_ids="; ".join(_strings(entry, "vat_ids", where)) or None,
                address=address.strip() if address else None,
            )
        )
    return companies


def books_for(pull: Pull, wanted: str | None) -> Pull:
    """Only the ERP companies opsloop books for (`OPSLOOP_ERP__COMPANY`: erp ids or names, ';'-separated);
    all of them when unset."""
    if not wanted or pull.record_type is not RecordType.COMPANIES:
        return pull
    keys = {part.strip().casefold() for part in wanted.split(";") if part.strip()}
    names = {normalise_name(part) for part in wanted.split(";") if part.strip()}
    keep = [
        index
        for index, row in enumerate(pull.rows)
        if (row.get("erp_id") or "").strip().casefold() in keys
        or normalise_name(row.get("name") or "") in names
    ]
    return pull.model_copy(
        update={
            "rows": [pull.rows[i] for i in keep],
            "line_numbers": [pull.line_numbers[i] for i in keep] if pull.line_numbers is not None else None,
        }
    )


def apply_identity_file(writer: MirrorWriter, path: Path | None) -> None:
    """Upsert the configured entities into the mirror's companies (dropping configured ones no longer
    listed); a file that cannot be read is reported as a row error and changes nothing."""
    if path is None:
        writer.deactivate_companies(set(), configured=True)
        return
    try:
        companies = read_identity_file(path)
    except IdentityFileError as error:
        writer.report.errors.append(RowError(file=str(path), line=0, message=error.message))
        return
    writer.apply(
        Pull(record_type=RecordType.COMPANIES, rows=[c.to_row() for c in companies], source=path.name)
    )
    writer.deactivate_companies({c.erp_id for c in companies}, configured=True)
