"""evals/einvoices: generated UBL 2.1 (Invoice, CreditNote) and FatturaPA e-invoices with their truths."""
