"""Telemetry: structured logs that carry the document id, Prometheus metrics, the ops dashboard's series."""

from opsloop.telemetry.logs import configure_logging, current_document_id, document_context

__all__ = ["configure_logging", "current_document_id", "document_context"]
