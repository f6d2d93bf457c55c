"""An outsider's ERP: a whole company kept in a real Tryton, synced by opsloop's Tryton connector, with the
exceptions an AP lead knows from the ERP side (`python -m evals.decisions3`)."""
