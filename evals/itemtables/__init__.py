"""evals/itemtables: item tables in the forms real invoices print (see dataset.py)."""
