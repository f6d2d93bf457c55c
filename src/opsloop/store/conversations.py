"""Conversation rows from a Transcript and its ConversationAnalysis (replacing earlier ones)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session, col, select

from opsloop.domain.conversations import ConversationAnalysis, Transcript
from opsloop.store.tables import Conversation, Message


def save_conversation(
    session: Session, document_id: int, transcript: Transcript, analysis: ConversationAnalysis
) -> Conversation:
    """Store one analysed conversation for the document; running it twice leaves one (idempotent)."""
    previous = session.exec(select(Conversation).where(Conversation.document_id == document_id)).first()
    if previous is not None:
        session.execute(delete(Message).where(col(Message.conversation_id) == previous.id))
        session.delete(previous)
        session.flush()
    times = [m.sent_at for m in transcript.messages if m.sent_at is not None]
    conversation = Conversation(
        document_id=document_id,
        external_id=transcript.external_id,
        channel=transcript.channel,
        queue=transcript.queue,
        subject=transcript.subject,
        customer=transcript.customer,
        started_at=min(times) if times else None,
        ended_at=max(times) if times else None,
        sentiment_label=analysis.sentiment.label.value,
        sentiment_score=analysis.sentiment.score,
        trajectory=analysis.trajectory.value,
        urgency=analysis.urgency.value,
        intent=analysis.intent,
        analysis_method=analysis.analysis_method,
        analysis={
            "transcript": transcript.model_dump(mode="json"),
            "analysis": analysis.model_dump(mode="json"),
        },
    )
    session.add(conversation)
    session.flush()
    assert conversation.id is not None
    scores = {m.id: m.score for m in analysis.messages if m.id is not None}
    for position, message in enumerate(transcript.messages, start=1):
        session.add(
            Message(
                conversation_id=conversation.id,
                position=position,
                external_id=message.id,
                role=message.role.value,
                author=message.author,
                sent_at=message.sent_at,
                text=message.text,
                sentiment_score=scores.get(message.id),
            )
        )
    return conversation


def load_analysed(session: Session) -> list[tuple[Transcript, ConversationAnalysis]]:
    """Every stored conversation with its analysis (the input of metrics and staffing)."""
    return [
        (
            Transcript.model_validate(row.analysis["transcript"]),
            ConversationAnalysis.model_validate(row.analysis["analysis"]),
        )
        for row in session.exec(select(Conversation).order_by(col(Conversation.id)))
    ]
