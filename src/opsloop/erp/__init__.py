"""ERP connectors and the mirror they keep current."""
