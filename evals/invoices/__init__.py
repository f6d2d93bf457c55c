"""The invoice extraction eval (strict, independent of the engine it scores). See run.py."""

from evals.invoices.run import (
    DEFAULT_DATA,
    DEFAULT_REPORT,
    FIELD_ORDER,
    SourceResult,
    calibration_rows,
    run_invoice_eval,
    table_rows,
    write_report,
)

__all__ = [
    "DEFAULT_DATA",
    "DEFAULT_REPORT",
    "FIELD_ORDER",
    "SourceResult",
    "calibration_rows",
    "run_invoice_eval",
    "table_rows",
    "write_report",
]
