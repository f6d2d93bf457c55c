"""The twenty-fourth invoice generator: PDFKit (Node) invoices with fifteen countries' national conventions by an outsider to the extractor (see dataset.py)."""
