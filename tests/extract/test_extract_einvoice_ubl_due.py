"""GIVEN UBL 2.1 documents whose due date sits in another of UBL's places WHEN read THEN it is the due date."""

from datetime import date

import pytest

from opsloop.extract.einvoice import read_einvoice

NS = (
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"'
)


def ubl(root: str, due: str) -> str:
    return f"""<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2" {NS}>
 <cbc:ID>C-9</cbc:ID><cbc:IssueDate>2025-05-02</cbc:IssueDate>{due}
 <cac:PaymentMeans><cbc:PaymentMeansCode>48</cbc:PaymentMeansCode></cac:PaymentMeans>
 <cac:PaymentTerms><cbc:Note>Net 30</cbc:Note>
  <cbc:PaymentDueDate>2025-06-01</cbc:PaymentDueDate></cac:PaymentTerms>
</{root}>"""


@pytest.mark.parametrize("root", ["Invoice", "CreditNote"])
def test_the_payment_terms_due_date_is_read_when_no_other_is_given(root: str) -> None:
    assert read_einvoice(ubl(root, "")).due_date == date(2025, 6, 1)


def test_the_document_due_date_comes_first() -> None:
    assert read_einvoice(ubl("Invoice", "<cbc:DueDate>2025-05-20</cbc:DueDate>")).due_date == date(
        2025, 5, 20
    )
