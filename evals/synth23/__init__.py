"""The twenty-third invoice generator: WeasyPrint invoices in fourteen less-printed languages by an outsider to the extractor (see dataset.py)."""
