"""evals/erp1: invoices Tryton 8.2 records, numbers, computes and prints with its own invoice report in the languages it ships, a development source."""
