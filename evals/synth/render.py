"""Renderers for a SynthInvoice (the contract at the bottom of model.py).

- ``render_cii`` / ``render_ubl``: the e-invoice XML (einvoice.py);
- ``render_pdf``: a printed invoice in one of ``LAYOUTS`` (pdf.py), in the invoice's locale (one of
  ``LOCALES``, locales.py); ``text_layer=False`` gives the same pages as an image-only PDF (a scan
  without OCR, 150 dpi greyscale) for OCR tests;
- ``render_facturx``: the PDF with its CII embedded as ``factur-x.xml`` (/EmbeddedFiles and /AF,
  relationship Data, with Factur-X XMP metadata);
- ``truth``: what a perfect extraction reads (truth.py).

Everything is deterministic for a given invoice and layout: fixed creation dates, content-derived file
ids, no clock, no unseeded randomness.
"""

from __future__ import annotations

import io

from evals.synth.einvoice import render_cii, render_ubl
from evals.synth.locales import LOCALES
from evals.synth.model import SynthInvoice
from evals.synth.pdf import LAYOUTS, created_at, render_layout
from evals.synth.truth import truth
from fpdf import FPDF

SCAN_DPI = 150


def render_pdf(
    invoice: SynthInvoice, layout: str, *, text_layer: bool = True, template_seed: int | None = None
) -> bytes:
    """The invoice printed in ``layout``; without a text layer, the same pages as greyscale images.
    ``template_seed``: the renderer's choices fixed per vendor template (see ``render_layout``)."""
    data = bytes(render_layout(invoice, layout, template_seed).output())
    return data if text_layer else image_only(data, invoice)


def image_only(data: bytes, invoice: SynthInvoice, dpi: int = SCAN_DPI) -> bytes:
    """Each page of ``data`` rasterised (pdfium) and placed as one image per page: no text to extract."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    pdf = FPDF(unit="pt")
    pdf.set_creation_date(created_at(invoice))
    pdf.set_producer("opsloop evals/synth")
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=False)
            pdf.add_page(format=(width, height))
            pdf.image(buffer, x=0, y=0, w=width, h=height)
    finally:
        document.close()
    return bytes(pdf.output())


FACTURX_XMP = """<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
   <fx:DocumentType>INVOICE</fx:DocumentType>
   <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
   <fx:Version>1.0</fx:Version>
   <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>fx</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>DocumentFileName</pdfaProperty:name>
      <pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>
      <pdfaProperty:description>name of the embedded XML invoice file</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>DocumentType</pdfaProperty:name>
      <pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>
      <pdfaProperty:description>INVOICE</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>Version</pdfaProperty:name>
      <pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>
      <pdfaProperty:description>The actual version of the Factur-X XML schema</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>ConformanceLevel</pdfaProperty:name>
      <pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>
      <pdfaProperty:description>The conformance level of the embedded Factur-X data</pdfaProperty:description></rdf:li>
    </rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"""
"""The Factur-X XMP properties (fx: document type, file name, version, EN 16931 level) and their
PDF/A extension schema. The PDF itself is not claimed to be PDF/A-3 (no pdfaid): fpdf2 documents
with core fonts cannot be."""


def render_facturx(invoice: SynthInvoice, layout: str) -> bytes:
    """The printed invoice with its CII attached as factur-x.xml (the Factur-X / ZUGFeRD 2 way)."""
    pdf = render_layout(invoice, layout)
    when = created_at(invoice)
    pdf.embed_file(
        bytes=render_cii(invoice),
        basename="factur-x.xml",
        desc="Factur-X invoice (EN 16931)",
        mime_type="text/xml",
        associated_file_relationship="Data",
        modification_date=when,
        creation_date=when,
    )
    pdf.set_xmp_metadata(FACTURX_XMP)
    return bytes(pdf.output())


__all__ = ["LAYOUTS", "LOCALES", "render_cii", "render_facturx", "render_pdf", "render_ubl", "truth"]
