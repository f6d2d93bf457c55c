"""Renderers for a SynthInvoice (the contract at the bottom of model.py).

- ``render_cii`` / ``render_ubl``: the e-invoice XML (einvoice.py);
- ``render_pdf``: a printed invoice in one of ``LAYOUTS``, in the invoice's locale (one of ``LOCALES``);
- ``render_facturx``: the PDF with its CII embedded as ``factur-x.xml``;
- ``truth``: what a perfect extraction reads (truth.py).

Everything is deterministic for a given invoice and layout.
"""

from __future__ import annotations

from evals.synth.einvoice import render_cii, render_ubl
from evals.synth.model import SynthInvoice
from evals.synth.truth import truth

LAYOUTS: tuple[str, ...] = ()
LOCALES: tuple[str, ...] = ()


def render_pdf(invoice: SynthInvoice, layout: str, *, text_layer: bool = True) -> bytes:
    raise NotImplementedError("PDF layouts land in the next commit")


def render_facturx(invoice: SynthInvoice, layout: str) -> bytes:
    raise NotImplementedError("PDF layouts land in the next commit")


__all__ = ["LAYOUTS", "LOCALES", "render_cii", "render_facturx", "render_pdf", "render_ubl", "truth"]
