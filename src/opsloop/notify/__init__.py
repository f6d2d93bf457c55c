"""Telling other systems what happened: the event feed (decisions, proposal and document state
changes, read from the audit log and the documents' history) and signed, retried webhooks."""
