"""The twelfth invoice generator: invoices people write themselves (see dataset.py)."""
