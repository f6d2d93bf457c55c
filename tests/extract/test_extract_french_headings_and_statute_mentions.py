"""GIVEN French invoices from generators nobody on the team wrote: a small business's "no VAT" mention
citing its statute's article, a seller heading "Au nom et pour le compte de" beside a buyer heading
"Adressé à" WHEN the invoice is read THEN the article's number is no tax and the headings name the
parties."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


FREELANCE = """  Facture

  Référence de facture : 2025-042
  Émise le 03/03/2025

  AU NOM ET POUR LE COMPTE DE                                                    ADRESSÉ À

  Studio Vasseur                                                           Hélène Marchand
  Julie Vasseur                                                                  14 rue des Écoles,
  7 rue du Moulin,                                                               29200 Brest
  56100 Lorient
  SIRET : 51234567800016

  PRESTATIONS

              Détail                         Quantité          Prix unit. (HT)               TOTAL (HT)

     Illustration couverture                   1.00                 640.00 €                  640.00 €

     Retouches                                 2.00                  85.00 €                  170.00 €

                                                                          TOTAL (HT)          810.00 €
   Pour payer par virement bancaire, merci d'utiliser les
              coordonnées bancaires suivantes :
                                                                          TVA (0%)              0.00 €
                             VASSEUR Julie
    IBAN : FR7630006000011234567890189                                    TOTAL TTC           810.00 €

                          Studio Vasseur, SIRET : 51234567800016
                     TVA non applicable en vertu de l'article 293 B du CGI.
                             La facture est payable sous 30 jours.
"""


def test_the_article_a_no_vat_mention_cites_is_no_tax_amount() -> None:
    # GIVEN a footer saying no VAT is charged under a statute's article, the tax label opening it
    text = """FACTURE N° 88
Date : 02/04/2025
Prestation de conseil                                     1 200,00 €
Total                                                     1 200,00 €
TVA non applicable, art. 293 B du CGI
"""
    # WHEN it is read THEN the article's number is not read as the tax
    assert _extract(text).tax_total != Decimal("293")


def test_a_buyer_heading_addressed_to_names_the_buyer_under_it() -> None:
    # WHEN a freelancer's invoice headed "Adressé à" over its client is read
    result = _extract(FREELANCE)
    # THEN the client under the heading is the buyer, not the heading itself
    assert result.buyer.name == "Hélène Marchand"


def test_a_seller_heading_on_behalf_of_names_the_seller_under_it() -> None:
    # GIVEN a seller's trading name (no legal form) under "Au nom et pour le compte de", the account
    # holder's name printed in the bank box further down
    result = _extract(FREELANCE)
    # THEN the name under the heading is the seller, not the person under it nor the account holder
    assert result.vendor.name == "Studio Vasseur"
    # AND the statute's article in the footer is no tax
    assert result.tax_total != Decimal("293")
