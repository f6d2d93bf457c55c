"""Support conversations: transcripts as read from a file. (Analysis models live beside them.)"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class AuthorRole(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    BOT = "bot"
    SYSTEM = "system"


class ChatMessage(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True)

    id: str
    """Stable id within the transcript (the source's id, else the 1-based position)."""
    role: AuthorRole
    author: str | None = None
    sent_at: datetime | None = None
    text: str


class Transcript(BaseModel):
    """One conversation as read from a transcript file, whatever its format."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    external_id: str | None = None
    channel: str | None = None
    """chat, email, phone, social, ..."""
    queue: str | None = None
    subject: str | None = None
    customer: str | None = None
    messages: list[ChatMessage] = Field(default_factory=list)
