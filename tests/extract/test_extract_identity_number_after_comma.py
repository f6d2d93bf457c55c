"""A one-line identity whose street prints its house number after a comma ("Rui Carvalho, Rua das Flores,
82, 3000-456 Coimbra, NIF …": the Iberian and Italian way) runs the name on into its address: the name is
the issuer's, over a company's unlabelled block at the page's head (the recipient's). Texts of our own."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import identity_name


def test_a_house_number_after_the_streets_comma_opens_the_address() -> None:
    assert (
        identity_name("Rui Carvalho, Rua das Flores, 82, 3000-456 Coimbra, NIF PT598139460") == "Rui Carvalho"
    )
    assert identity_name("Ana Ruiz, Calle Mayor, 12, 28013 Madrid") == "Ana Ruiz"
    assert identity_name("Smith, Jones & Co LLP") is None


def test_the_footer_identity_names_the_seller_over_the_addressed_company() -> None:
    text = (
        "                                                                          FATURA\n"
        "Atlântico Lda.\nTravessa do Sol, 77\n3000-456 Coimbra\n"
        "                                                        Coimbra, 18 de agosto de 2024\n"
        "Número:                                 34\n"
        "Descrição                                  Qtd.      Preço unit.        Valor\n"
        "Consultoria (horas)                        2,5       948,50 EUR         2 371,25 EUR\n"
        "                                   Subtotal                             2 371,25 EUR\n"
        "                                   IVA 23%                                545,39 EUR\n"
        "                                   Total                                2 916,64 EUR\n"
        "Pagamento a 14 dias da data da fatura.\n"
        "        Rui Carvalho, Rua das Flores, 82, 3000-456 Coimbra, NIF PT598139460, "
        "IBAN PT38497381480002532053085\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.vendor.name == "Rui Carvalho"
        assert result.buyer.name == "Atlântico Lda."
