"""Scans for opsloop's own OCR: other generators' documents in languages evals/synth16 does not cover, scanned to page images with no text layer (see dataset.py)."""
