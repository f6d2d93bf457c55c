"""Document rows: creation, state transitions with history, optimistic locking."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from opsloop.domain.documents import DocumentState
from opsloop.errors import NotFoundError, StorageError
from opsloop.store.tables import Document, DocumentEvent
from opsloop.store.types import utcnow


class ConcurrentUpdate(StorageError):
    """Someone else changed the document first; reload it and decide again."""

    hint = "Another worker moved this document; nothing was lost. Reload and try again."


def get_document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"no document with id {document_id}")
    return document


def find_by_sha(session: Session, sha256: str) -> Document | None:
    return session.exec(select(Document).where(Document.sha256 == sha256)).first()


def add_document(session: Session, document: Document, *, reason: str | None = None) -> Document:
    """Insert a new document with its first history event."""
    session.add(document)
    session.flush()
    assert document.id is not None
    session.add(
        DocumentEvent(document_id=document.id, from_state=None, to_state=document.state, reason=reason)
    )
    return document


def transition(
    session: Session,
    document: Document,
    to_state: DocumentState,
    *,
    stage: str | None = None,
    reason: str | None = None,
) -> None:
    """Move `document` to `to_state`, recording the event. Fails with ConcurrentUpdate when another
    session moved it since it was loaded (compare-and-set on `version`)."""
    if to_state.needs_reason and not reason:
        raise ValueError(f"state {to_state} needs a reason")
    assert document.id is not None
    now = utcnow()
    result = session.execute(
        update(Document)
        .where(col(Document.id) == document.id, col(Document.version) == document.version)
        .values(
            state=to_state.value,
            version=document.version + 1,
            state_changed_at=now,
            failure_reason=reason if to_state.needs_reason else None,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConcurrentUpdate(f"document {document.id} was changed by another worker")
    session.add(
        DocumentEvent(
            document_id=document.id,
            from_state=document.state,
            to_state=to_state.value,
            stage=stage,
            reason=reason,
            at=now,
        )
    )
    # The row is already updated; refresh the loaded object without marking it dirty.
    set_committed_value(document, "state", to_state.value)
    set_committed_value(document, "version", document.version + 1)
    set_committed_value(document, "state_changed_at", now)
    set_committed_value(document, "failure_reason", reason if to_state.needs_reason else None)


def history(session: Session, document_id: int) -> list[DocumentEvent]:
    return list(
        session.exec(
            select(DocumentEvent)
            .where(DocumentEvent.document_id == document_id)
            .order_by(col(DocumentEvent.id))
        )
    )
