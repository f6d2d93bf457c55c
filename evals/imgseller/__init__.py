"""Text-layer invoices whose seller is printed only inside an image (see README.md)."""
