"""The twenty-first invoice generator: invoices in the eleven core languages typeset with LaTeX (pdfTeX) by an outsider to the extractor (see dataset.py)."""
