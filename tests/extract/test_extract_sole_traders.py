"""A sole trader's letterhead: an occupation line under the name is what the sender does, not its name,
and an owner's label ("Inh.", "Innehavare:", "di") is no part of the owner's name."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import occupation_line, without_owner_label


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


@pytest.mark.parametrize(
    ("name", "occupation"),
    [
        ("Miguel Carvalho", "Fotógrafo"),
        ("Anna Berger", "Steuerberaterin"),
        ("Tom Walsh", "Freelance copywriter"),
        ("Claire Martin", "Traductrice"),
    ],
)
def test_the_occupation_under_a_name_set_alike_is_not_the_seller(name: str, occupation: str) -> None:
    text = (
        f"{name}\n{occupation}\nRua Augusta 14\n1100-053 Lisboa\n\n"
        "Para: Alvorada Construções Lda.\nAv. da Liberdade 40\n1250-145 Lisboa\n\n"
        "Fatura n.º 2024/17     Data: 12/04/2024\n\nServiço       250,00\nTotal   250,00 €\n"
    )
    assert extract_rules(_doc(text)).vendor.name == name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Fotógrafo", True),
        ("Eletricista certificado", True),
        ("Frilansande översättare (SV/EN)", True),
        ("Fotografie Bakker", False),  # a trade name
        ("BISTRO & CAFE", False),
        ("Landscape Photography & Prints", False),
    ],
)
def test_occupation_line(line: str, expected: bool) -> None:
    assert occupation_line(line) is expected


@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("Inh. Dr. Katrin Weidemann", "Dr. Katrin Weidemann"),
        ("Innehavare: Erik Lundin", "Erik Lundin"),
        ("di Rossi Marco & C. s.a.s.", "Rossi Marco & C. s.a.s."),
        ("Di Marco Costruzioni", "Di Marco Costruzioni"),  # a surname
        ("Owner Tech Ltd", "Owner Tech Ltd"),  # no label: no colon
    ],
)
def test_without_owner_label(name: str, owner: str) -> None:
    assert without_owner_label(name) == owner
