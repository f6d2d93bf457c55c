"""The sixth invoice generator (held out): LibreOffice Writer prints .docx documents written with python-docx —
invoices, credit notes, ERP print-outs and till receipts in 27 locales and 16 layouts — with truths in the
projection the strict eval reads (evals/invoices). See README.md; never tune on it."""
