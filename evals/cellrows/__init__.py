"""Item tables whose cells run over several lines (issue 15, line items): see dataset.py."""
