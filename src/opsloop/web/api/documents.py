"""`/api/documents`: upload (the watched folder's own path: the same size limit, sniffing and
quarantine, one document per content hash), list with filters, show (state, history, extraction,
reconciliation, proposals), the original file and the rendered pages.

No `from __future__ import annotations`: FastAPI reads the routes' annotations at definition time."""

import re
import secrets
import shutil
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, File, Query, UploadFile, status
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import Session, col, select

from opsloop.ingest.files import IngestStatus, ingest_paths
from opsloop.review.accounts import Actor, Role
from opsloop.review.previews import PreviewUnavailable, page_image
from opsloop.store.documents import history
from opsloop.store.tables import Conversation, Document, Invoice, InvoiceReconciliation, Proposal
from opsloop.web.context import WebContext
from opsloop.web.problems import PROBLEM_RESPONSES, Problem

_MEDIA = {
    "pdf": "application/pdf",
    "einvoice": "application/xml",
    "chat_json": "application/json",
    "chat_csv": "text/csv",
    "chat_text": "text/plain",
    "chat_email": "message/rfc822",
}
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


class DocumentOut(BaseModel):
    id: int
    sha256: str
    original_name: str
    kind: str | None
    family: str | None
    state: str
    failure_reason: str | None
    size_bytes: int
    created_at: datetime
    state_changed_at: datetime
    links: dict[str, str]


class DocumentPage(BaseModel):
    items: list[DocumentOut]
    total: int
    page: int
    per_page: int
    pages: int


class EventOut(BaseModel):
    at: datetime
    from_state: str | None
    to_state: str
    stage: str | None
    reason: str | None


class DocumentDetail(DocumentOut):
    history: list[EventOut]
    extraction: dict[str, Any] | None
    """The invoice as read (InvoiceExtraction) or the conversation's analysis."""
    reconciliation: dict[str, Any] | None
    """The current reconciliation (checks, line matches, exceptions)."""
    proposals: list[dict[str, Any]]
    pages: int | None
    """How many pages a PDF has (as read); `links.pages` is the first page's image."""


class UploadOut(BaseModel):
    status: Literal["accepted", "duplicate", "quarantined"]
    """`duplicate`: the same bytes were taken in before (nothing new is stored: this is idempotent)."""
    document_id: int
    sha256: str | None
    kind: str | None
    reason_code: str | None = None
    message: str | None = None
    links: dict[str, str] = Field(default_factory=dict)


def _links(document: Document) -> dict[str, str]:
    base = f"/api/documents/{document.id}"
    links = {"self": base, "file": f"{base}/file"}
    if document.kind == "pdf":
        links["pages"] = f"{base}/pages/1.png"
    return links


def document_out(document: Document) -> DocumentOut:
    assert document.id is not None
    return DocumentOut(
        id=document.id,
        sha256=document.sha256,
        original_name=document.original_name,
        kind=document.kind,
        family=document.family,
        state=document.state,
        failure_reason=document.failure_reason,
        size_bytes=document.size_bytes,
        created_at=document.created_at,
        state_changed_at=document.state_changed_at,
        links=_links(document),
    )


def _open(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise Problem(status.HTTP_404_NOT_FOUND, f"there is no document {document_id}")
    return document


def build_documents_router(web: WebContext) -> APIRouter:
    router = APIRouter(prefix="/api/documents", tags=["documents"], responses=PROBLEM_RESPONSES)
    DbSession = Annotated[Session, Depends(web.get_session)]
    ApiActor = Annotated[Actor, Depends(web.api_actor)]
    settings = web.settings

    @router.post(
        "",
        response_model=UploadOut,
        status_code=status.HTTP_201_CREATED,
        responses={200: {"model": UploadOut, "description": "The same bytes were taken in before"}},
    )
    def upload(file: Annotated[UploadFile, File()], actor: ApiActor, background: BackgroundTasks) -> Response:
        """Take a file in as if it were dropped into the watched folder: the same size limit, content
        sniffing and quarantine (a refused file is kept in quarantine with its reason: 201, status
        `quarantined`), one document per content hash (the same bytes again: 200, status `duplicate`,
        the existing document). An accepted file is processed as the watcher would."""
        if not actor.at_least(Role.REVIEWER):
            raise Problem(
                status.HTTP_403_FORBIDDEN, f"{actor.username} ({actor.role.value}) cannot add documents"
            )
        name = _SAFE_NAME.sub("_", Path(file.filename or "upload").name).strip(" .") or "upload"
        staging = settings.data_dir / "uploads" / secrets.token_hex(8)
        staging.mkdir(parents=True, exist_ok=True)
        target = staging / name[:200]
        try:
            with target.open("wb") as out:
                shutil.copyfileobj(file.file, out, length=1 << 20)
            outcomes = ingest_paths(web.db, settings, [target], move=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        outcome = outcomes[0]
        if outcome.status is IngestStatus.ERROR or outcome.document_id is None:
            raise Problem(status.HTTP_400_BAD_REQUEST, outcome.message or "the file could not be read")
        body = UploadOut(
            status=outcome.status.value,
            document_id=outcome.document_id,
            sha256=outcome.sha256,
            kind=outcome.kind.value if outcome.kind else None,
            reason_code=outcome.reason_code,
            message=outcome.message,
            links={"self": f"/api/documents/{outcome.document_id}"},
        )
        if outcome.status is IngestStatus.ACCEPTED:
            from opsloop.service import dispatch  # the pipeline is only needed when a file is accepted

            background.add_task(dispatch, web.db, settings, [outcome.document_id])
        code = status.HTTP_200_OK if outcome.status is IngestStatus.DUPLICATE else status.HTTP_201_CREATED
        return JSONResponse(
            body.model_dump(mode="json"), status_code=code, headers={"Location": body.links["self"]}
        )

    @router.get("", response_model=DocumentPage)
    def list_documents(
        session: DbSession,
        actor: ApiActor,
        state: str | None = None,
        kind: Annotated[str | None, Query(description="pdf, einvoice, chat_json, ...")] = None,
        family: Annotated[str | None, Query(description="invoice or conversation")] = None,
        q: Annotated[str | None, Query(description="part of the original file name")] = None,
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=1000)] = 50,
    ) -> DocumentPage:
        """Documents, newest first, by state, kind, family or file name."""
        where = []
        if state:
            where.append(col(Document.state) == state)
        if kind:
            where.append(col(Document.kind) == kind)
        if family:
            where.append(col(Document.family) == family)
        if q:
            where.append(col(Document.original_name).icontains(q))
        total = int(session.exec(select(func.count()).select_from(Document).where(*where)).one())
        rows = session.exec(
            select(Document)
            .where(*where)
            .order_by(col(Document.id).desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
        return DocumentPage(
            items=[document_out(d) for d in rows],
            total=total,
            page=page,
            per_page=per_page,
            pages=max(1, -(-total // per_page)),
        )

    @router.get("/{document_id}", response_model=DocumentDetail)
    def show_document(document_id: int, session: DbSession, actor: ApiActor) -> DocumentDetail:
        """State and its history, the extraction, the current reconciliation and the proposals."""
        document = _open(session, document_id)
        invoice = session.exec(select(Invoice).where(Invoice.document_id == document_id)).first()
        conversation = session.exec(
            select(Conversation).where(Conversation.document_id == document_id)
        ).first()
        extraction = (
            invoice.extraction
            if invoice is not None
            else conversation.analysis
            if conversation is not None
            else None
        )
        current = session.exec(
            select(InvoiceReconciliation).where(
                InvoiceReconciliation.document_id == document_id,
                col(InvoiceReconciliation.current).is_(True),
            )
        ).first()
        proposals = [
            {"id": p.id, "kind": p.kind, "state": p.state, "title": p.title, "version": p.version}
            for p in session.exec(
                select(Proposal).where(Proposal.document_id == document_id).order_by(col(Proposal.id))
            )
        ]
        parsed_pages = (document.parsed or {}).get("pages")
        return DocumentDetail(
            **document_out(document).model_dump(),
            history=[
                EventOut(
                    at=e.at, from_state=e.from_state, to_state=e.to_state, stage=e.stage, reason=e.reason
                )
                for e in history(session, document_id)
            ],
            extraction=extraction or None,
            reconciliation=current.result if current is not None else None,
            proposals=proposals,
            pages=len(parsed_pages) if isinstance(parsed_pages, list) and document.kind == "pdf" else None,
        )

    @router.get("/{document_id}/file", response_class=FileResponse)
    def document_file(document_id: int, session: DbSession, actor: ApiActor) -> Response:
        """The original bytes as received (a quarantined file too), as an attachment."""
        document = _open(session, document_id)
        path = Path(document.stored_path) if document.stored_path else None
        if path is None or not path.is_file():
            raise Problem(status.HTTP_404_NOT_FOUND, f"document {document_id}'s file is no longer stored")
        return FileResponse(
            path,
            media_type=_MEDIA.get(document.kind or "", "application/octet-stream"),
            filename=document.original_name,
            headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private"},
        )

    @router.get("/{document_id}/pages/{number}.png", response_class=FileResponse)
    def document_page(document_id: int, number: int, session: DbSession, actor: ApiActor) -> Response:
        """Page `number` (1-based) of a PDF, rendered as PNG."""
        document = _open(session, document_id)
        try:
            path = page_image(settings, document, number)
        except PreviewUnavailable as error:
            raise Problem(status.HTTP_404_NOT_FOUND, error.message, hint=error.hint) from error
        return FileResponse(
            path,
            media_type="image/png",
            headers={"Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff"},
        )

    return router
