"""The twenty-second invoice generator: fpdf2 invoices by an outsider to the extractor (see dataset.py)."""
