"""Synthetic invoices for the evals: one abstract model, many renderings (see model.py)."""
