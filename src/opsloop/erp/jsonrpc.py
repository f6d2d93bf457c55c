"""A small JSON-RPC/REST client base shared by the HTTP connectors: timeouts, transport errors as
`ConnectorUnavailable`, refused credentials as `ConnectorAuthFailed`, and Tryton's tagged values."""

from __future__ import annotations

import base64
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx

from opsloop.erp.protocol import ConnectorAuthFailed, ConnectorUnavailable


def decode_tagged(value: Any) -> Any:
    """Tryton's JSON: `{"__class__": "Decimal", "decimal": "4.00"}`, dates and datetimes as parts."""
    if isinstance(value, list):
        return [decode_tagged(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("__class__")
    if kind == "Decimal":
        return Decimal(str(value["decimal"]))
    if kind == "date":
        return date(value["year"], value["month"], value["day"])
    if kind == "datetime":  # Tryton sends naive UTC timestamps and compares them naive
        return datetime(  # noqa: DTZ001
            value["year"],
            value["month"],
            value["day"],
            value.get("hour", 0),
            value.get("minute", 0),
            value.get("second", 0),
            value.get("microsecond", 0),
        )
    if kind == "bytes":
        return base64.b64decode(value["base64"])
    return {k: decode_tagged(v) for k, v in value.items()}


def encode_tagged(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"__class__": "Decimal", "decimal": format(value, "f")}
    if isinstance(value, datetime):
        return {
            "__class__": "datetime",
            "year": value.year,
            "month": value.month,
            "day": value.day,
            "hour": value.hour,
            "minute": value.minute,
            "second": value.second,
            "microsecond": value.microsecond,
        }
    if isinstance(value, date):
        return {"__class__": "date", "year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, (list, tuple)):
        return [encode_tagged(v) for v in value]
    if isinstance(value, dict):
        return {k: encode_tagged(v) for k, v in value.items()}
    return value


class RpcError(Exception):
    """The server answered with an error object (a validation error, an unknown method...)."""

    def __init__(self, error: Any) -> None:
        self.error = error
        super().__init__(self.describe(error))

    @staticmethod
    def describe(error: Any) -> str:
        if isinstance(error, list) and error:
            name = str(error[0])
            detail = error[1] if len(error) > 1 else ""
            if isinstance(detail, list) and detail:
                detail = detail[0]
            return f"{name}: {detail}"
        if isinstance(error, dict):
            message = error.get("message", "")
            data = error.get("data")
            if isinstance(data, dict):
                message = f"{message}: {data.get('message') or data.get('name') or ''}".rstrip(": ")
            return str(message or error)
        return str(error)


def http_call(client: httpx.Client, method: str, url: str, what: str, **kwargs: Any) -> httpx.Response:
    """One HTTP request; transport trouble and 5xx become ConnectorUnavailable, 401/403 auth failure."""
    try:
        response = client.request(method, url, **kwargs)
    except httpx.TransportError as error:
        raise ConnectorUnavailable(f"{what} unreachable: {type(error).__name__}: {error}") from error
    if response.status_code in (401, 403):
        raise ConnectorAuthFailed(f"{what} refused the credentials (HTTP {response.status_code})")
    if response.status_code >= 500:
        raise ConnectorUnavailable(f"{what} answered HTTP {response.status_code}: {response.text[:200]}")
    return response
