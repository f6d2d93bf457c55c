"""Support conversations: transcript formats, offline analysis (sentiment, urgency, intent), metrics."""

from opsloop.converse.analysis import (
    LEXICON_ONLY,
    Models,
    analyse_conversation,
    analyse_message,
    analyse_messages,
    analysis_method,
)
from opsloop.converse.formats import read_transcript, sniff_transcript
from opsloop.converse.intent import Taxonomy, load_taxonomy
from opsloop.converse.metrics import conversation_metrics, to_record

__all__ = [
    "LEXICON_ONLY",
    "Models",
    "Taxonomy",
    "analyse_conversation",
    "analyse_message",
    "analyse_messages",
    "analysis_method",
    "conversation_metrics",
    "load_taxonomy",
    "read_transcript",
    "sniff_transcript",
    "to_record",
]
