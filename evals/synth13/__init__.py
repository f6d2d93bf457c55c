"""The thirteenth invoice generator: invoices typed into a word processor's template (see dataset.py)."""
