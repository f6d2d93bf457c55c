"""Invoices whose party blocks take the forms real invoices print (see dataset.py)."""
