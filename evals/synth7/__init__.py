"""The seventh invoice generator (a development source): LibreOffice Writer prints ODT files written with
odfpy — word-processor invoices, ERP print-outs and till receipts in 20 locales and 13 layouts — with truths
in the projection the strict eval reads (evals/invoices). See README.md."""
