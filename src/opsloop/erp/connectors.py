"""The configured connector (OPSLOOP_ERP__CONNECTOR), pull and push side."""

from __future__ import annotations

from opsloop.erp.erpnext import ErpNextConnector
from opsloop.erp.folder import FolderConnector
from opsloop.erp.odoo import OdooConnector
from opsloop.erp.protocol import ActionKind, Connector, Source
from opsloop.erp.sql import SqlConnector, load_mapping
from opsloop.erp.tryton import TrytonConnector
from opsloop.errors import ConfigError
from opsloop.settings import Settings


def _secret(value: object) -> str | None:
    getter = getattr(value, "get_secret_value", None)
    return getter() if callable(getter) else None


def _tryton(settings: Settings) -> TrytonConnector:
    erp = settings.erp
    url, password = _secret(erp.url), _secret(erp.password)
    if not (url and erp.database and erp.user and password is not None):
        raise ConfigError(
            "the Tryton connector needs a URL, database, user and password",
            hint="Set OPSLOOP_ERP__URL, OPSLOOP_ERP__DATABASE, OPSLOOP_ERP__USER and OPSLOOP_ERP__PASSWORD.",
        )
    return TrytonConnector(
        url,
        erp.database,
        erp.user,
        password,
        timeout=erp.timeout_seconds,
        page_size=erp.page_size,
        rounding_account=erp.rounding_account,
    )


def _odoo(settings: Settings) -> OdooConnector:
    erp = settings.erp
    url, password = _secret(erp.url), _secret(erp.password)
    if not (url and erp.database and erp.user and password is not None):
        raise ConfigError(
            "the Odoo connector needs a URL, database, user and password (or API key)",
            hint="Set OPSLOOP_ERP__URL, OPSLOOP_ERP__DATABASE, OPSLOOP_ERP__USER and OPSLOOP_ERP__PASSWORD.",
        )
    return OdooConnector(
        url, erp.database, erp.user, password, timeout=erp.timeout_seconds, page_size=erp.page_size
    )


def _erpnext(settings: Settings) -> ErpNextConnector:
    erp = settings.erp
    url, token = _secret(erp.url), _secret(erp.password)
    if not url or not token or ":" not in token:
        raise ConfigError(
            "the ERPNext connector needs the site URL and an API token `api_key:api_secret`",
            hint="Set OPSLOOP_ERP__URL and OPSLOOP_ERP__PASSWORD=api_key:api_secret (User > API Access).",
        )
    key, secret = token.split(":", 1)
    return ErpNextConnector(
        url,
        key,
        secret,
        timeout=erp.timeout_seconds,
        page_size=erp.page_size,
        charge_item_code=erp.charge_item,
    )


def source_from_settings(settings: Settings) -> Source:
    """The pull side of the configured ERP connector."""
    erp = settings.erp
    if erp.connector == "folder":
        return FolderConnector(settings.erp_folder, timezone=erp.timezone)
    if erp.connector == "sql":
        url = _secret(erp.url)
        if not url or erp.mapping is None:
            raise ConfigError(
                "the SQL connector needs the ERP database URL and a mapping file",
                hint="Set OPSLOOP_ERP__URL and OPSLOOP_ERP__MAPPING (format: the docstring of opsloop/erp/sql.py).",
            )
        return SqlConnector(url, load_mapping(erp.mapping))
    if erp.connector == "tryton":
        return _tryton(settings)
    if erp.connector == "odoo":
        return _odoo(settings)
    if erp.connector == "erpnext":
        return _erpnext(settings)
    raise ConfigError(
        f"the {erp.connector} connector has no pull side",
        hint="Use folder, sql, tryton, odoo or erpnext for OPSLOOP_ERP__CONNECTOR.",
    )


def reversible_kinds(connector: str | None) -> frozenset[ActionKind]:
    """What the push side of connector `connector` (by name, as an outbox row records it) can reverse
    after the push; nothing for a name it does not know."""
    from opsloop.erp.folder_push import FolderConnector as FolderPush

    kinds: dict[str, frozenset[ActionKind]] = {
        "folder": FolderPush.reversible,
        "tryton": TrytonConnector.reversible,
        "odoo": OdooConnector.reversible,
        "erpnext": ErpNextConnector.reversible,
    }
    return kinds.get(connector or "", frozenset())


def push_connector_from_settings(settings: Settings) -> Connector:
    """The push side (write-back of approved actions) of the configured connector."""
    if settings.erp.connector == "tryton":
        return _tryton(settings)
    if settings.erp.connector == "odoo":
        return _odoo(settings)
    if settings.erp.connector == "erpnext":
        return _erpnext(settings)
    if settings.erp.connector == "folder":
        from opsloop.erp.folder_push import FolderConnector as FolderPush

        return FolderPush(settings.erp_folder)
    raise ConfigError(
        f"the {settings.erp.connector} connector cannot write back yet",
        hint="Use the folder, tryton, odoo or erpnext connector for write-back.",
    )
