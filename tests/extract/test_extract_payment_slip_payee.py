"""GIVEN an accounting package's tax invoice — the customer's address printed first under the title, the
seller's block on the right, and a payment slip at the foot ("PAYMENT ADVICE / To: <seller>") WHEN the rules
engine reads it THEN the slip's payee is the seller and the customer stays the buyer."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules

PAGE = (
    "                                              Invoice Date             Harbour Joinery Pty Ltd\n"
    " TAX INVOICE                                  3 June 2025              41 Quay Road\n"
    "                                              Invoice Number           Hobart TAS 7000\n"
    "                                              INV-0312\n"
    " Ridgeway Cafe Pty Ltd                        ABN\n"
    " 9 Elm Street                                 51 824 753 556\n"
    " Launceston TAS 7250\n"
    " Description                         Quantity      Unit Price      GST      Amount AUD\n"
    " Shelving, oak                          2.00          450.00      10%          900.00\n"
    "                                                    Subtotal                   900.00\n"
    "                                                    TOTAL GST 10%               90.00\n"
    "                                                    AMOUNT DUE AUD             990.00\n"
    "{slip}"
    " To: Harbour Joinery Pty Ltd                        Invoice Number      INV-0312\n"
    " 41 Quay Road                                       Amount Due          990.00\n"
    " Hobart TAS 7000\n"
)


def _read(slip: str) -> tuple[str | None, str | None]:
    text = PAGE.replace("{slip}", slip)
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    return result.vendor.name, result.buyer.name


def test_the_payee_of_a_payment_slip_is_the_seller() -> None:
    vendor, buyer = _read(
        " PAYMENT ADVICE                                     Customer            Ridgeway Cafe Pty Ltd\n"
    )
    assert vendor == "Harbour Joinery Pty Ltd"
    assert buyer != "Harbour Joinery Pty Ltd"


def test_a_to_line_without_a_slip_title_names_no_seller() -> None:
    # the same "To:" line under no payment slip's title is no evidence: the page's head decides
    vendor, _ = _read(
        " NOTES                                              Customer            Ridgeway Cafe Pty Ltd\n"
    )
    assert vendor == "Ridgeway Cafe Pty Ltd"
