"""Lead's rules of session 18, found on the development seed of an outsider's generator (each worded
generally, with text of our own)."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def test_a_bare_number_word_in_a_column_of_dated_facts_labels_the_invoice_number() -> None:
    text = (
        "Kaya Tekstil A.Ş.\n"
        "Cumhuriyet Cad. No: 7\n"
        "35210 Konak/İzmir\n"
        "\n"
        "Fatura\n"
        "Tarih       12.05.2026\n"
        "No          KT-2026-0093\n"
        "Vade        26.05.2026\n"
        "\n"
        "TOPLAM      4.800,00 TL\n"
    )
    assert _read(text).invoice_number == "KT-2026-0093"


def test_a_bare_number_word_beside_a_buyers_block_reads_with_the_date_under_it() -> None:
    # the facts column stands right of the buyer's address; the number word is no first cell
    text = (
        "Nova Yazılım Ltd. Şti.                                                       FATURA\n"
        "\n"
        "Sayın                                                           No           NY-771\n"
        "Deniz Aksoy                                                     Fatura Tarihi   03.04.2026\n"
        "Bağdat Cad. No: 210\n"
        "34728 Kadıköy/İstanbul\n"
        "\n"
        "TOPLAM      1.150,00 TL\n"
    )
    assert _read(text).invoice_number == "NY-771"


def test_a_bare_number_word_heading_an_item_column_labels_no_invoice_number() -> None:
    text = (
        "Kaya Tekstil A.Ş.\n"
        "35210 Konak/İzmir\n"
        "Fatura\n"
        "Tarih       12.05.2026\n"
        "\n"
        "No     Ürün                    Tutar\n"
        "1      Pamuk kumaş            1.200,00\n"
        "\n"
        "TOPLAM      1.200,00 TL\n"
    )
    assert _read(text).invoice_number in (None, "")


def test_a_portuguese_number_opening_with_its_document_type_code_is_read_whole() -> None:
    # Portugal's invoice numbers open with the document's type code (FT, FS, FR, NC, ND, VD) and a space
    text = (
        "Papelaria Central Lda.\n"
        "Rua do Ouro 14\n"
        "1100-060 Lisboa\n"
        "\n"
        "Fatura Simplificada\n"
        "N.º: FS 2026A/318\n"
        "Data: 02-02-2026\n"
        "\n"
        "Total   18,45 EUR\n"
    )
    assert _read(text).invoice_number == "FS 2026A/318"


def test_a_payment_dated_in_brackets_after_its_paid_label_leaves_nothing_due() -> None:
    text = (
        "Cloudnote Lda.\n"
        "Rua das Flores 9\n"
        "4050-262 Porto\n"
        "\n"
        "Fatura-Recibo\n"
        "N.º: FR 2026/41\n"
        "Data: 10-01-2026\n"
        "\n"
        "          Total ilíquido              80,00 EUR\n"
        "          IVA 23%                     18,40 EUR\n"
        "          Total do documento          98,40 EUR\n"
        "          Total pago (10-01-2026)    -98,40 EUR\n"
    )
    result = _read(text)
    assert result.total is not None and str(result.total) == "98.40"
    assert result.amount_due is not None and not result.amount_due


def test_item_columns_abbreviated_as_small_offices_print_them() -> None:
    # Swedish "Ant." (antal) and "à-pris" typed with an acute accent; Italian "Imp." (importo)
    swedish = (
        "Berg Måleri AB\n"
        "Storgatan 3\n"
        "111 22 Stockholm\n"
        "FAKTURA 118\n"
        "Datum: 2026-02-02\n"
        " Artikel                       Ant.        Á-pris          Summa\n"
        " Målning kök                      2        1 500,00        3 000,00\n"
        " Spackling                        4          250,00        1 000,00\n"
        "                              Netto                        4 000,00 SEK\n"
        "                              Moms 25%                     1 000,00 SEK\n"
        "                              Att betala                   5 000,00 SEK\n"
    )
    italian = (
        "Rossi Impianti S.r.l.\n"
        "Via Po 8\n"
        "10123 Torino (TO)\n"
        "Fattura n. 77/2026 del 02/02/2026\n"
        " Articolo                          Q.tà        Prezzo       Aliq.        Imp.\n"
        " Revisione caldaia                    1        120,00        22%       120,00\n"
        " Ricambio valvola                     2         40,00        22%        80,00\n"
        "                                   Imponibile                          200,00 EUR\n"
        "                                   IVA 22%                              44,00 EUR\n"
        "                                   Totale                              244,00 EUR\n"
    )
    assert len(_read(swedish).lines) == 2
    assert len(_read(italian).lines) == 2
