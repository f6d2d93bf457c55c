"""Pure domain models: no I/O, no imports from the rest of opsloop."""
