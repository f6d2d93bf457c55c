"""The fifth invoice generator (held out): WeasyPrint (HTML/CSS, pango) PDFs in 24 locales and 20 layouts,
with truths in the projection the strict eval reads (evals/invoices). See README.md; never tune on it."""
