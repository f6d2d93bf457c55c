"""The sixteenth invoice generator: other generators' documents scanned and read by Tesseract, a page image with an invisible OCR text layer (see dataset.py)."""
