"""The folder ERP's push side: one JSON file per approved action in `<erp folder>/outbox/`, written
exactly once per idempotency key (the ERP, or a person, picks the files up from there)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from opsloop.erp.protocol import ActionKind, ErpAction, PushResult

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


class FolderConnector:
    name = "folder"
    reversible = frozenset(ActionKind)
    """Every action is a file the ERP side applies; a reversal is one more file naming the key it undoes."""

    def __init__(self, folder: Path) -> None:
        self.outbox = folder / "outbox"

    def path_for(self, key: str) -> Path:
        """A file name readable by people and unique per key (a short hash guards against clashes)."""
        digest = hashlib.sha256(key.encode()).hexdigest()[:8]
        return self.outbox / f"{_SAFE.sub('_', key)[:100]}.{digest}.json"

    def push(self, action: ErpAction) -> PushResult:
        """Write the action's file unless its key was written before. The file appears whole or not
        at all (written aside, then hard-linked into place, which fails when the name exists)."""
        self.outbox.mkdir(parents=True, exist_ok=True)
        target = self.path_for(action.idempotency_key)
        if target.exists():
            return PushResult(external_id=target.name, detail=f"already in the outbox as {target.name}")
        body = json.dumps(action.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False)
        handle, temp_name = tempfile.mkstemp(dir=self.outbox, prefix=".push-", suffix=".part")
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(body + "\n")
                stream.flush()
                os.fsync(stream.fileno())
            try:
                os.link(temp, target)
            except FileExistsError:
                return PushResult(external_id=target.name, detail=f"already in the outbox as {target.name}")
        finally:
            temp.unlink(missing_ok=True)
        return PushResult(external_id=target.name, detail=f"written to {target}")
