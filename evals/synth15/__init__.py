"""The fifteenth invoice generator: invoices and receipts printed from a web browser and from mail clients (see dataset.py)."""
