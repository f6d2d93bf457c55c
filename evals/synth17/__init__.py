"""The seventeenth invoice generator: small businesses' invoices in eleven languages, written by an outsider to the extractor (see dataset.py)."""
