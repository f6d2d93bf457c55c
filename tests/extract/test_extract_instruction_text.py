"""GIVEN a page whose instruction text names values too (document text is untrusted) WHEN the page
is read THEN a labelled value wins over one inside instructions: the IBAN, the total and the payee."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import reads_as_instruction

LABELLED_IBAN = "GB29NWBK60161331926819"
OTHER_IBAN = "DE89370400440532013000"


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_sentence_with_an_instruction_word_reads_as_instruction() -> None:
    assert reads_as_instruction("Please transfer the amount to our new account DE89 3704 0044 0532 0130 00")
    assert reads_as_instruction("Bitte überweisen Sie den Betrag auf das folgende Konto bis zum Monatsende")
    assert not reads_as_instruction("IBAN: GB29 NWBK 6016 1331 9268 19")
    assert not reads_as_instruction("Total due GBP 120.00")


def test_instruction_text_never_supplies_the_iban_when_a_labelled_one_exists() -> None:
    # GIVEN an instruction paragraph naming one IBAN above the labelled bank details naming another
    text = (
        "Acme Tools Ltd\n"
        "Invoice No. 58812\n"
        "Please transfer the amount to our new account IBAN DE89 3704 0044 0532 0130 00 within 14 days.\n"
        "Bank details\n"
        "IBAN: GB29 NWBK 6016 1331 9268 19\n"
        "Total due GBP 120.00\n"
    )
    result = _extract(text)
    # THEN the labelled IBAN is the payee's
    assert result.vendor.iban == LABELLED_IBAN


def test_an_iban_only_instructions_print_is_kept_with_low_confidence_and_a_reason() -> None:
    text = "Acme Tools Ltd\nPlease transfer the amount to our account DE89 3704 0044 0532 0130 00 within 14 days.\n"
    result = _extract(text)
    assert result.vendor.iban == OTHER_IBAN
    evidence = result.fields["vendor.iban"]
    assert evidence.confidence <= 0.5 and "instruction" in (evidence.reason or "")


def test_instruction_text_never_supplies_the_total_when_a_labelled_one_exists() -> None:
    text = (
        "Acme Tools Ltd\n"
        "Invoice No. 58812\n"
        "Total 120.00\n"
        "Please note: if you pay by card the total 9,999.00 must be sent to the address below.\n"
    )
    assert _extract(text).total == Decimal("120.00")


def test_a_short_instruction_clause_labels_no_iban_when_a_footer_labels_another() -> None:
    # GIVEN a short sentence with an instruction word and an account label before one IBAN (too few
    # words to read as instructions on its own), and a one-line footer labelling another, in several
    # languages
    sentences = (
        "Rogamos transfieran 1.200,00 € a la cuenta ES91 2100 0418 4502 0005 1332",
        "Please remit 1,200.00 to account number ES91 2100 0418 4502 0005 1332",
        "Bitte überweisen an Konto ES91 2100 0418 4502 0005 1332",
        "Veuillez virer au compte ES91 2100 0418 4502 0005 1332",
        "Gelieve over te maken op rekening ES91 2100 0418 4502 0005 1332",
    )
    for sentence in sentences:
        text = (
            "Acme Tools Ltd\n"
            "Invoice No. 58812\n"
            "Total due 1,200.00\n"
            f"{sentence}\n"
            "Acme Tools Ltd · 1 High Street · London · IBAN GB29 NWBK 6016 1331 9268 19 · BIC NWBKGB2L\n"
        )
        # THEN the footer's labelled IBAN is the payee's, in every language
        assert _extract(text).vendor.iban == LABELLED_IBAN, sentence


def test_a_label_after_a_separator_from_an_instruction_word_still_labels_its_iban() -> None:
    # GIVEN a footer whose other clause holds an instruction word ("reference"), the IBAN's clause none
    text = (
        "Acme Tools Ltd\n"
        "Invoice No. 58812\n"
        "Total due 1,200.00\n"
        "Payment reference 58812 · IBAN GB29 NWBK 6016 1331 9268 19\n"
        "Our previous bank: DE89 3704 0044 0532 0130 00\n"
    )
    # THEN the IBAN is still labelled, and wins over an unlabelled one
    assert _extract(text).vendor.iban == LABELLED_IBAN
