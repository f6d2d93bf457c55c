"""The twentieth invoice generator: office documents (.xlsx and .docx) printed by LibreOffice, written by an outsider to the extractor (see dataset.py)."""
