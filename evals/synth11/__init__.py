"""evals/synth11: the eleventh invoice generator (spreadsheet invoices: .xlsx written with openpyxl, printed to PDF by LibreOffice Calc; the sheet's quirks as factors), a development source."""
