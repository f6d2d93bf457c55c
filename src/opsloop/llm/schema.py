"""Output schemas as the model sees them: pydantic's JSON schema, made compact.

References are inlined, titles dropped, and a Decimal (number or numeric string in pydantic's
schema) is shown as a plain number (the models here have no other number-or-string field). The answer is still validated by the pydantic model itself.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel


def _is_decimal(option: dict[str, Any]) -> bool:
    return option.get("type") == "string" and "pattern" in option and "\\d" in str(option["pattern"])


def _simplify(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_simplify(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return _simplify(merged, defs)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("title", "$defs", "default"):
            continue
        out[key] = _simplify(value, defs)
    options = out.get("anyOf")
    if isinstance(options, list):
        kept: list[Any] = []
        for option in options:
            if isinstance(option, dict) and _is_decimal(option):
                if {"type": "number"} not in kept:
                    kept.append({"type": "number"})
                continue
            if option not in kept:
                kept.append(option)
        if {"type": "number"} in kept and {"type": "string"} in kept:
            kept.remove({"type": "string"})  # a Decimal: pydantic accepts a number or a numeric string
        if all(isinstance(o, dict) and set(o) == {"type"} for o in kept):
            types = [o["type"] for o in kept]
            del out["anyOf"]
            out["type"] = types[0] if len(types) == 1 else types
        else:
            out["anyOf"] = kept
    elif _is_decimal(out):
        out.pop("pattern")
        out["type"] = "number"
    return out


def compact_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema, inlined and trimmed for a prompt (name and description kept)."""
    raw = model.model_json_schema()
    defs = raw.get("$defs", {})
    body = _simplify(raw, defs)
    body.pop("description", None)
    return {
        "title": model.__name__,
        "description": (model.__doc__ or model.__name__).strip().splitlines()[0],
        **body,
    }


def schema_hash(schema: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(schema, sort_keys=True).encode("utf-8")).hexdigest()
