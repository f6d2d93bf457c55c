"""The eighteenth invoice generator: invoices in nine languages drawn with ReportLab by an outsider to the extractor (see dataset.py)."""
