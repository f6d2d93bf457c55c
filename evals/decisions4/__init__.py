"""Decisions eval 4: an outsider's second Tryton company (see run.py)."""
