"""The fourteenth invoice generator: bills and statements from a document-composition system (see dataset.py)."""
