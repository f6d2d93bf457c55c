"""Taking files in: hash, sniff, archive or quarantine, and one Document row per distinct content."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from opsloop.domain.documents import DocumentKind, DocumentState, QuarantineReason
from opsloop.errors import RejectedInput
from opsloop.ingest.quarantine import copy_or_link, write_quarantine
from opsloop.ingest.sniff import sniff
from opsloop.settings import Settings
from opsloop.store.documents import add_document, find_by_sha
from opsloop.store.tables import Document
from opsloop.store.types import utcnow

log = logging.getLogger(__name__)

_EXTENSIONS = {
    DocumentKind.PDF: ".pdf",
    DocumentKind.EINVOICE: ".xml",
    DocumentKind.CHAT_JSON: ".json",
    DocumentKind.CHAT_CSV: ".csv",
    DocumentKind.CHAT_TEXT: ".txt",
    DocumentKind.CHAT_EMAIL: ".eml",
}


class IngestStatus(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"
    ERROR = "error"
    """Could not be read at all (vanished, permissions); left where it is and tried again later."""


class IngestOutcome(BaseModel):
    path: str
    status: IngestStatus
    document_id: int | None = None
    kind: DocumentKind | None = None
    sha256: str | None = None
    reason_code: str | None = None
    message: str | None = None


def archive_path(settings: Settings, sha256: str, kind: DocumentKind) -> Path:
    return settings.archive_dir / sha256[:2] / f"{sha256}{_EXTENSIONS[kind]}"


def ingest_file(session: Session, settings: Settings, path: Path, *, move: bool) -> IngestOutcome:
    """Take one file in. With `move` (the watched inbox) the source is removed once it is safely
    stored and recorded; otherwise (files named on the command line) it is left where it is.

    The bytes are stored before the row is committed and the source is removed only after, so a
    crash at any point loses nothing: the file is still in the inbox, or already recorded.
    """
    size = path.stat().st_size
    if size > settings.ingest.max_file_bytes:
        sha = _sha256_of_file(path)
        return _refuse(
            session,
            settings,
            path,
            sha,
            size,
            RejectedInput(
                "oversized",
                f"the file is {size:,} bytes, over the limit of {settings.ingest.max_file_bytes:,} "
                "(OPSLOOP_INGEST__MAX_FILE_BYTES)",
            ),
            move=move,
        )
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    existing = find_by_sha(session, sha)
    if existing is not None:
        return _duplicate(path, existing, move=move)
    try:
        kind = sniff(data, path.name)
    except RejectedInput as refusal:
        return _refuse(session, settings, path, sha, len(data), refusal, move=move)
    target = archive_path(settings, sha, kind)
    if not target.exists():
        copy_or_link(path, target, link=move)
    document = Document(
        sha256=sha,
        original_name=path.name,
        source_path=str(path.resolve()),
        size_bytes=len(data),
        kind=kind.value,
        family=kind.family.value,
        state=DocumentState.RECEIVED.value,
        stored_path=str(target),
    )
    try:
        with session.begin_nested():
            add_document(session, document, reason=f"ingested as {kind.value}")
    except IntegrityError:  # another worker took the same bytes in at the same moment
        existing = find_by_sha(session, sha)
        assert existing is not None
        return _duplicate(path, existing, move=move)
    session.commit()
    if move:
        path.unlink(missing_ok=True)
    return IngestOutcome(
        path=str(path), status=IngestStatus.ACCEPTED, document_id=document.id, kind=kind, sha256=sha
    )


def _duplicate(path: Path, existing: Document, *, move: bool) -> IngestOutcome:
    if move:  # the same bytes are already stored under the existing document
        path.unlink(missing_ok=True)
    return IngestOutcome(
        path=str(path),
        status=IngestStatus.DUPLICATE,
        document_id=existing.id,
        kind=DocumentKind(existing.kind) if existing.kind else None,
        sha256=existing.sha256,
        message=f"same bytes as document {existing.id} ({existing.original_name}, {existing.state})",
    )


def _refuse(
    session: Session,
    settings: Settings,
    path: Path,
    sha: str,
    size: int,
    refusal: RejectedInput,
    *,
    move: bool,
) -> IngestOutcome:
    reason = QuarantineReason(
        code=refusal.code,
        message=refusal.message,
        line=refusal.line,
        original_name=path.name,
        original_path=str(path.resolve()),
        sha256=sha,
        size_bytes=size,
        quarantined_at=utcnow(),
    )
    existing = find_by_sha(session, sha)
    if existing is not None:
        return _duplicate(path, existing, move=move)
    stored = write_quarantine(path, settings.quarantine_dir, reason, link=move)
    document = Document(
        sha256=sha,
        original_name=path.name,
        source_path=str(path.resolve()),
        size_bytes=size,
        state=DocumentState.QUARANTINED.value,
        failure_reason=f"{refusal.code}: {refusal.message}",
        stored_path=str(stored),
    )
    try:
        with session.begin_nested():
            add_document(session, document, reason=document.failure_reason)
    except IntegrityError:
        existing = find_by_sha(session, sha)
        assert existing is not None
        return _duplicate(path, existing, move=move)
    session.commit()
    if move:
        path.unlink(missing_ok=True)
    log.warning("quarantined %s: %s", path.name, document.failure_reason)
    return IngestOutcome(
        path=str(path),
        status=IngestStatus.QUARANTINED,
        document_id=document.id,
        sha256=sha,
        reason_code=refusal.code,
        message=refusal.message,
    )


def _sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def iter_files(paths: Iterable[Path], ignore_suffixes: tuple[str, ...] = ()) -> Iterator[Path]:
    """Files under `paths` (folders walked recursively, sorted), skipping hidden and partial files."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and is_candidate(child, ignore_suffixes, root=path):
                    yield child
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")


def is_candidate(path: Path, ignore_suffixes: tuple[str, ...], root: Path | None = None) -> bool:
    parts = path.relative_to(root).parts if root is not None else (path.name,)
    if any(part.startswith(".") for part in parts):
        return False
    name = path.name.lower()
    return not name.endswith(ignore_suffixes) and not name.endswith("~")


def ingest_paths(
    engine: Engine,
    settings: Settings,
    paths: Iterable[Path],
    *,
    move: bool,
    on_file: Callable[[IngestOutcome], None] | None = None,
) -> list[IngestOutcome]:
    """Ingest files and folders one by one; a file that fails never stops the batch."""
    settings.ensure_dirs()
    outcomes: list[IngestOutcome] = []
    with Session(engine, expire_on_commit=False) as session:
        for path in iter_files(paths, settings.ingest.ignore_suffixes):
            try:
                outcome = ingest_file(session, settings, path, move=move)
            except OSError as error:  # vanished or unreadable: report it and go on
                session.rollback()
                outcome = IngestOutcome(
                    path=str(path),
                    status=IngestStatus.ERROR,
                    reason_code="unreadable",
                    message=f"could not read the file: {error}",
                )
                log.warning("could not ingest %s: %s", path, error)
            outcomes.append(outcome)
            if on_file is not None:
                on_file(outcome)
    return outcomes
