"""The nineteenth invoice generator: invoices in the eleven core languages typeset with Typst by an outsider to the extractor (see dataset.py)."""
