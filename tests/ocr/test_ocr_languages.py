"""A scan is read in the language its words show: the configured packs read the first page, the language its
words show (when that pack is installed) reads the document; a missing pack degrades with a note, never fails."""

from __future__ import annotations

import io
import logging
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from opsloop.ocr import OcrWord, installed_languages, ocr_pdf, ocr_status
from opsloop.ocr.languages import choose_languages, language_evidence, tesseract_packs
from opsloop.ocr.tesseract import OcrStatus
from opsloop.settings import OcrSettings

FIRST_PASS = OcrStatus(True, "Tesseract (eng+deu+fra+nld)", "/usr/bin/tesseract", "eng+deu+fra+nld")
EVERY_PACK = ("ces", "dan", "deu", "eng", "fra", "ita", "nld", "osd", "pol", "por", "spa", "swe")

SPANISH_PAGE = """Talleres Aranda S.L.
FACTURA                      Numero de factura   A-5521
Fecha de factura 12/03/2026  Forma de pago: transferencia
Cantidad   Descripcion            Precio    Importe
2          Bomba de agua          120,00    240,00
Base imponible 240,00   IVA 21 % 50,40   Total 290,40"""

ENGLISH_PAGE = """Harbour Tools Ltd
INVOICE                      Invoice number 88-310
Invoice date 12 March 2026   Payment terms: 30 days
Quantity   Description            Price     Amount
2          Water pump             120.00    240.00
Subtotal 240.00   VAT 20 % 48.00   Total due 288.00   Thank you for your order"""


def test_words_of_a_language_count_with_their_accents_lost() -> None:
    # GIVEN a Polish page as a reader without the Polish pack gives it: "wartość", "ilość", "płatności" unaccented
    text = "FAKTURA   Data wystawienia 03.05.2026   Sprzedawca   Nabywca   Ilosc   Wartosc netto   Platnosci"
    # WHEN its language evidence is counted THEN Polish leads, the unaccented words included
    evidence = language_evidence(text)
    assert evidence.most_common(1)[0][0] == "pl"
    assert evidence["pl"] >= 6


def test_a_page_in_a_language_outside_the_set_is_read_again_with_its_pack_first() -> None:
    choice = choose_languages(SPANISH_PAGE, FIRST_PASS, EVERY_PACK)
    assert choice.decided and choice.languages == "spa+eng"
    assert choice.note is not None and "es" in choice.note and "spa+eng" in choice.note


def test_two_languages_that_tie_are_read_with_the_packs_installed_of_the_two() -> None:
    # GIVEN a Czech page read without the Czech pack, whose words Slovak shares as often
    text = "FAKTURA 2026-77   Datum splatnosti 13.11.2026   Dodavatel   Odberatel   Cena   DPH"
    evidence = language_evidence(text)
    assert evidence["cs"] == evidence["sk"] == evidence.most_common(1)[0][1]
    # WHEN only the Czech pack of the two is installed THEN the document is read with it
    choice = choose_languages(text, FIRST_PASS, EVERY_PACK)
    assert choice.decided and choice.languages == "ces+eng"
    # AND with both installed, with both
    assert choose_languages(text, FIRST_PASS, (*EVERY_PACK, "slk")).languages in (
        "ces+slk+eng",
        "slk+ces+eng",
    )


def test_a_page_in_a_language_of_the_set_keeps_the_set() -> None:
    choice = choose_languages(ENGLISH_PAGE, FIRST_PASS, EVERY_PACK)
    assert choice.decided and choice.languages is None and choice.note is None


def test_a_page_with_too_few_words_leaves_the_language_to_the_next_page() -> None:
    assert choose_languages("A-5521   12/03/2026   290,40", FIRST_PASS, EVERY_PACK).decided is False


def test_a_language_without_its_pack_is_read_with_the_set_and_says_what_to_install(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="opsloop.ocr.languages"):
        choice = choose_languages(SPANISH_PAGE, FIRST_PASS, ("deu", "eng", "fra", "nld", "osd"))
    assert choice.decided and choice.languages is None
    assert choice.note is not None and "apt-get install tesseract-ocr-spa" in choice.note
    assert "eng+deu+fra+nld" in choice.note


def test_a_language_without_its_pack_is_read_by_the_next_language_its_words_show() -> None:
    # GIVEN a page whose words read as Slovak first and Czech next, and no Slovak pack
    text = "FAKTURA 2026-77   Datum splatnosti 13.11.2026   Dodavatel   Odberatel   Cena bez DPH   Suma spolu"
    evidence = language_evidence(text)
    assert evidence.most_common(2)[0][0] == "sk" and evidence.most_common(2)[1][0] == "cs"
    # WHEN its packs are chosen THEN the Czech pack reads it, and the note names the Slovak package
    choice = choose_languages(text, FIRST_PASS, EVERY_PACK)
    assert choice.languages == "ces+eng"
    assert choice.note is not None and "apt-get install tesseract-ocr-slk" in choice.note


def test_every_locale_pack_language_names_its_tesseract_pack() -> None:
    from opsloop.extract.rules.lexicon import LANGUAGES

    packs = tesseract_packs()
    assert set(LANGUAGES) <= set(packs)
    assert all(len(pack) == 3 and pack.isalpha() for pack in packs.values())


def test_a_configured_pack_that_is_not_installed_is_left_out_with_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("opsloop.ocr.tesseract.find_tesseract", lambda command: "/usr/bin/tesseract")
    monkeypatch.setattr("opsloop.ocr.tesseract.installed_languages", lambda binary: ("eng", "osd"))
    status = ocr_status(OcrSettings(languages="eng+pol"))
    assert status.available and status.languages == "eng"
    assert "apt-get install tesseract-ocr-pol" in status.reason


def _blank_pages(count: int) -> bytes:
    pages = [Image.new("L", (850, 1100), 255) for _ in range(count)]
    for page in pages:  # a mark, so that the page is not blank
        ImageDraw.Draw(page).rectangle((100, 100, 700, 140), fill=0)
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=100, save_all=True, append_images=pages[1:])
    return out.getvalue()


def _words(text: str) -> list[OcrWord]:
    return [
        OcrWord(
            text=word,
            left=40 + 60 * i,
            top=40 + 20 * row,
            width=50,
            height=14,
            confidence=95.0,
            block=1,
            line=row,
        )
        for row, line in enumerate(text.splitlines())
        for i, word in enumerate(line.split())
    ]


def test_a_document_is_read_in_its_language_from_the_page_that_tells_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN a two-page scan whose first page, read with the configured set, shows Spanish words
    reads: list[tuple[int, str]] = []

    def recognise(image: bytes, status: OcrStatus, *, dpi: int, timeout_seconds: float) -> list[OcrWord]:
        reads.append((len(reads), str(status.languages)))
        return _words(SPANISH_PAGE)

    monkeypatch.setattr("opsloop.ocr.scan.recognise_image", recognise)
    monkeypatch.setattr("opsloop.ocr.scan.installed_languages", lambda binary: EVERY_PACK)
    settings = OcrSettings(deskew=False, despeckle=False)
    # WHEN it is OCR'd
    result = ocr_pdf(_blank_pages(2), settings, status=FIRST_PASS)
    # THEN the first page's top band is read with the set's first pack, then each page once, with Spanish first
    assert [languages for _, languages in reads] == ["eng", "spa+eng", "spa+eng"]
    assert result.languages == "spa+eng" and len(result.pages) == 2
    assert result.language_note is not None and "spa+eng" in result.language_note


def test_language_detection_switched_off_reads_with_the_set_only(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []

    def recognise(image: bytes, status: OcrStatus, *, dpi: int, timeout_seconds: float) -> list[OcrWord]:
        reads.append(str(status.languages))
        return _words(SPANISH_PAGE)

    monkeypatch.setattr("opsloop.ocr.scan.recognise_image", recognise)
    settings = OcrSettings(deskew=False, despeckle=False, detect_language=False)
    result = ocr_pdf(_blank_pages(2), settings, status=FIRST_PASS)
    assert reads == ["eng+deu+fra+nld", "eng+deu+fra+nld"] and result.language_note is None


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
POLISH_PAGE = [
    "Łódzka Spółdzielnia Włókiennicza",
    "ul. Żółkiewskiego 14, 90-412 Łódź",
    "FAKTURA VAT nr FV/2026/0412",
    "Data wystawienia: 14.05.2026   Termin płatności: 28.05.2026",
    "Nabywca: Przędzalnia Gąsiorowska Sp. z o.o.",
    "Nazwa usługi            Ilość    Cena netto    Wartość netto",
    "Przędza bawełniana         12        45,50          546,00",
    "Razem do zapłaty brutto: 671,58 zł",
]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="the tesseract binary is not installed")
def test_a_polish_scan_keeps_its_polish_letters() -> None:
    settings = OcrSettings(deskew=False, despeckle=False)
    status = ocr_status(settings)
    if status.binary is None or "pol" not in installed_languages(status.binary):
        if os.environ.get("OPSLOOP_REQUIRE_TESSERACT"):
            pytest.fail("OPSLOOP_REQUIRE_TESSERACT is set but Tesseract's Polish pack is not installed")
        pytest.skip("Tesseract's Polish pack is not installed (apt-get install tesseract-ocr-pol)")
    # GIVEN a scanned Polish invoice page (200 dpi, greyscale)
    page = Image.new("L", (1654, 1100), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 30)
    for row, line in enumerate(POLISH_PAGE):
        draw.text((120, 120 + 90 * row), line, fill=0, font=font)
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=200)
    # WHEN opsloop OCRs it with its default packs
    result = ocr_pdf(out.getvalue(), settings, status=status)
    text = result.pages[0].text
    # THEN it is read with the Polish pack, and the seller's and the buyer's names keep their letters
    assert result.languages == "pol+eng"
    assert "Łódzka Spółdzielnia" in text and "Przędzalnia Gąsiorowska" in text


def test_a_czech_page_read_without_its_accents_reads_as_czech_not_slovak() -> None:
    # GIVEN the top of a Czech tax document as the set's first pack reads it: its labels without accents
    text = "Danovy doklad   Cislo faktury 2026-0412   Vystaveno 4.3.2026   Objednavka 5512   Zaklad dane   Faktura"
    # WHEN its language is told THEN Czech leads the Slovak it shares words with, and the Czech pack reads it
    evidence = language_evidence(text)
    assert evidence.most_common(1)[0][0] == "cs" and evidence["cs"] > evidence["sk"]
    choice = choose_languages(text, FIRST_PASS, EVERY_PACK)
    assert choice.languages == "ces+eng"
    assert choose_languages(text, FIRST_PASS, (*EVERY_PACK, "slk")).languages == "ces+eng"
