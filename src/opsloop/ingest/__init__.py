"""Ingestion: watched inbox, sniffing, archive and quarantine."""

from opsloop.ingest.files import IngestOutcome, IngestStatus, ingest_file, ingest_paths

__all__ = ["IngestOutcome", "IngestStatus", "ingest_file", "ingest_paths"]
