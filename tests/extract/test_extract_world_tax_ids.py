"""GIVEN invoices from the world's common invoicing countries (Brazil, Mexico, Argentina, Chile, Colombia,
Peru, the US, Belgium, Denmark, Sweden, the Netherlands, Singapore, New Zealand, South Africa, Japan,
China, Israel, Korea, India, ...) WHEN the engine reads the seller's tax id THEN each id is read as printed
(letters and digits only), only with a valid check digit, a bare run of digits only after its scheme's
label, and the seller's id rather than the buyer's. Every id here is invented: a stem of our own
completed with the check digit python-stdnum accepts."""

from __future__ import annotations

import itertools
import random
import re
import string
from importlib import import_module

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.tax_ids import checked_value, find_tax_ids, schemes


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def _completed(module: str, stem: str, tail: str = "", alphabet: str = string.digits, count: int = 1) -> str:
    """``stem`` with the ``count`` check characters (from ``alphabet``) that python-stdnum's ``module``
    accepts, then ``tail`` (a fixed suffix such as the "01" of a Swedish VAT number)."""
    checker = import_module(f"stdnum.{module}")
    for chars in itertools.product(alphabet, repeat=count):
        candidate = stem + "".join(chars) + tail
        if checker.is_valid(re.sub(r"[^0-9A-Za-z]", "", candidate)):
            return candidate
    raise AssertionError(f"no check character completes {stem!r} for {module}")


def _compact(printed: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", printed).upper()


def _wrong(printed: str) -> str:
    """The same id with its last digit changed: the check fails."""
    at = max(i for i, char in enumerate(printed) if char.isdigit())
    return printed[:at] + str((int(printed[at]) + 1) % 10) + printed[at + 1 :]


CNPJ = _completed("br.cnpj", "41.907.552/0001-", count=2)
CPF = _completed("br.cpf", "529.982.247-", count=2)
CUIT = _completed("ar.cuit", "30-71458236-")
RUT = _completed("cl.rut", "76.543.210-", alphabet=string.digits + "K")
NIT = _completed("co.nit", "901.234.567-")
RUC_PE = _completed("pe.ruc", "2060123456")
EIN = "46-2019834"  # a valid campus prefix; an EIN has no check digit
BE = _completed("be.vat", "0456.789.1", count=2)
CVR = _completed("dk.cvr", "3172904")
ORGNR = _completed("se.orgnr", "559123-456")
SE_VAT = _completed("se.vat", "SE559123456", "01")
NL_BTW = _completed("nl.btw", "NL8123.45.67", "B01")
UEN = _completed("sg.uen", "20191234", alphabet=string.ascii_uppercase)
IRD = _completed("nz.ird", "123-456-78")
JP_CORPORATE = next(
    f"{check}703450123987"
    for check in "123456789"
    if import_module("stdnum.jp.cn").is_valid(f"{check}703450123987")
)
"""A Japanese corporate number (its check digit comes first); the invoice number is "T" + it."""
USCC = _completed("cn.uscc", "91310115MA1K4B7X2", alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY")
IL = _completed("il.idnr", "51457832")
BRN = "214-86-13579"
PAN = "BQRPK7342M"
GSTIN = _completed("in_.gstin", f"29{PAN}1Z", alphabet=string.digits + string.ascii_uppercase)
ABN = "51 824 753 556"  # the Australian Taxation Office's published example
CHE = _completed("ch.uid", "CHE-209.413.82")
CHE_PLAIN = CHE.replace("-", "").replace(".", "")


@pytest.mark.parametrize(
    ("line", "value"),
    [
        (f"CNPJ: {CNPJ}", _compact(CNPJ)),
        (f"CNPJ/CPF {_compact(CNPJ)}", _compact(CNPJ)),
        (f"Emitente {CNPJ}  IE 110.042.490.114", _compact(CNPJ)),  # the printed shape is enough
        (f"CPF: {CPF}", _compact(CPF)),
        ("RFC: LAP850716K21", "LAP850716K21"),
        ("R.F.C. EMI-980203-4T5", "EMI9802034T5"),
        ("RFC emisor: GOMA7512094B2", "GOMA7512094B2"),
        (f"C.U.I.T.: {CUIT}", _compact(CUIT)),
        (f"RUT: {RUT}", _compact(RUT)),
        (f"NIT {NIT}", _compact(NIT)),
        (f"RUC: {RUC_PE}", RUC_PE),
        (f"EIN: {EIN}", "462019834"),
        (f"Federal Tax ID # {EIN}", "462019834"),
        (f"Ondernemingsnummer {BE}", _compact(BE)),
        (f"N° d'entreprise : BE {BE}", "BE" + _compact(BE)),
        (f"CVR-nr. {CVR}", CVR),
        (f"SE-nr.: {CVR[:2]} {CVR[2:4]} {CVR[4:6]} {CVR[6:]}", CVR),
        (f"Org.nr {ORGNR}", _compact(ORGNR)),
        (f"Momsreg.nr {SE_VAT}", SE_VAT),
        (f"Btw-nummer: {NL_BTW}", _compact(NL_BTW)),
        (f"GST Reg No: {UEN}", UEN),
        (f"GST No: {IRD}", _compact(IRD)),
        ("VAT No: 4650213877", "4650213877"),
        (f"登録番号 T{JP_CORPORATE}", f"T{JP_CORPORATE}"),
        (
            f"Registration No. T{JP_CORPORATE[0]}-{JP_CORPORATE[1:5]}-{JP_CORPORATE[5:9]}-{JP_CORPORATE[9:]}",
            f"T{JP_CORPORATE}",
        ),
        (f"统一社会信用代码：{USCC}", USCC),
        (f"ח.פ. {IL}", IL),
        (f"사업자등록번호: {BRN}", _compact(BRN)),
        (f"PAN: {PAN}", PAN),
        (f"UID: {CHE} MWST", _compact(CHE) + "MWST"),
        (f"{CHE.replace('-', ' ').replace('.', ' ')} TVA", _compact(CHE) + "TVA"),
        (f"N° IVA {CHE_PLAIN} IVA", _compact(CHE) + "IVA"),
        ("Org.nr 923 609 016 MVA", "923609016MVA"),
        (f"ABN {ABN}", ABN.replace(" ", "")),
    ],
)
def test_a_national_tax_id_is_read_as_printed_in_letters_and_digits(line: str, value: str) -> None:
    assert [hit.value for hit in find_tax_ids(line)] == [value]


@pytest.mark.parametrize(
    "line",
    [
        f"CNPJ: {_wrong(CNPJ)}",
        f"RUT: {RUT[:-1]}{'0' if RUT[-1] != '0' else '1'}",
        f"CUIT {_wrong(CUIT)}",
        f"CVR-nr. {_wrong(CVR)}",
        f"Ondernemingsnummer {_wrong(BE)}",
        f"登録番号 T{_wrong(JP_CORPORATE)}",
        f"统一社会信用代码：{_wrong(USCC)}",
    ],
)
def test_a_wrong_check_digit_is_no_tax_id(line: str) -> None:
    assert find_tax_ids(line) == []


@pytest.mark.parametrize(
    "line",
    [
        f"Tel. {_compact(CUIT)}",  # a CUIT's digits as a phone number
        f"Pedido {_compact(CNPJ)}",  # a CNPJ's digits as an order number: no label, no punctuation
        f"Order no. {RUC_PE}",
        f"Phone {EIN}",  # an EIN's shape without its label
        f"Ref {CVR}",
        f"Martin {EIN}",  # "tin" inside a word is no label
        f"Kontonummer {ORGNR}",
        "Customer 4650213877",  # a South African VAT number's shape without its label
        f"Item {BRN}",
    ],
)
def test_digits_of_a_tax_ids_shape_without_its_label_are_no_tax_id(line: str) -> None:
    assert find_tax_ids(line) == []


def test_every_value_in_these_tests_passes_its_own_check() -> None:
    # GIVEN the invented ids above THEN python-stdnum accepts each (the examples cannot drift invalid)
    assert import_module("stdnum.br.cnpj").is_valid(CNPJ)
    assert import_module("stdnum.cn.uscc").is_valid(USCC)
    assert import_module("stdnum.in_.gstin").is_valid(GSTIN)
    assert import_module("stdnum.in_.pan").is_valid(PAN)
    assert import_module("stdnum.us.ein").is_valid(EIN)
    assert import_module("stdnum.kr.brn").is_valid(BRN)


def test_the_gstin_wins_over_the_pan_it_holds() -> None:
    page = f"""Deccan Tools Pvt. Ltd.
14 Residency Road, Bengaluru 560025
PAN: {PAN}
GSTIN: {GSTIN}

TAX INVOICE                                   Invoice No: DT/2025/311
                                              Date: 04-08-2025
Description                   Qty      Rate        Amount
Torque wrench                   2    4,500.00     9,000.00
Total                                          ₹ 10,620.00
"""
    assert _extract(page).vendor.vat_id == GSTIN


def test_the_mexican_sellers_rfc_is_the_vat_id_not_the_receptors() -> None:
    page = """Herrajes del Bajío S.A. de C.V.
RFC: HBA0307159Q2
Blvd. Adolfo López Mateos 1420, C.P. 37150, León, Gto., México

FACTURA                                   Folio: B-2208
                                          Fecha: 21/05/2025
RFC Receptor: CMO1011247K8
Cliente: Constructora Montes

Descripción                 Cant.     Precio unitario     Importe
Bisagra de acero               60         $ 38.50      $ 2,310.00
Subtotal                                               $ 2,310.00
IVA 16%                                                  $ 369.60
Total                                                  $ 2,679.60
"""
    result = _extract(page)
    assert result.vendor.vat_id == "HBA0307159Q2"
    assert result.currency == "MXN"


def test_a_brazilian_cnpj_reads_as_the_seller_and_the_recipients_is_the_buyers() -> None:
    buyer = _completed("br.cnpj", "07.526.557/0001-", count=2)
    page = f"""Distribuidora Serra Azul Ltda.
CNPJ: {CNPJ}
Av. Paulista, 900 - São Paulo - SP

NOTA FISCAL                                 Número: 004.218
CNPJ do destinatário: {buyer}               Data de emissão: 09/06/2025

Descrição                Qtd      Valor unit.     Valor total
Papel A4                  40         R$ 27,90     R$ 1.116,00
Valor total da nota                                R$ 1.116,00
"""
    result = _extract(page)
    assert result.vendor.vat_id == _compact(CNPJ)
    assert result.currency == "BRL"


def _reference(text: str) -> list[tuple[int, str]]:
    """Every scheme holding one of its needles anywhere in the line, its pattern read over the whole
    line (no word-start test, no label reach): (start, value) of what `find_tax_ids` must find."""
    hits: list[tuple[int, int, str]] = []
    lowered = text.lower()
    for scheme in schemes():
        if not any(needle in lowered for needle in scheme.needles):
            continue
        for match in scheme.pattern.finditer(text):
            value = checked_value(scheme, match.group("id"))
            start, end = match.start("id"), match.end("id")
            if value is not None and not any(start < e and s < end for s, e, _ in hits):
                hits.append((start, end, value))
    return sorted((start, value) for start, _, value in hits)


def test_the_quick_tests_skip_only_searches_that_find_nothing() -> None:
    # GIVEN lines built from labels, ids and words at random (labels inside words, ids without labels)
    pieces = [
        "CNPJ:", CNPJ, "CPF", CPF, "RFC", "LAP850716K21", "CUIT", CUIT, "RUT", RUT, "NIT", NIT, "RUC",
        RUC_PE, "EIN:", EIN, "Federal Tax ID", "Martin", "Ondernemingsnummer", BE, "BTW", NL_BTW, "CVR-nr.",
        CVR, "SE-nr.", "Org.nr", ORGNR, "Momsreg.nr", SE_VAT, "GST Reg No:", UEN, "GST No", IRD, "VAT No",
        "4650213877", f"T{JP_CORPORATE}", "登録番号", "统一社会信用代码：", USCC, "ח.פ.", IL, "사업자등록번호",
        BRN, "PAN", PAN, "GSTIN", GSTIN, "Total", "12,50", "unit", "company", "second", "brutto", "—", "  ",
    ]  # fmt: skip
    rng = random.Random("world-tax-ids")
    for _ in range(1500):
        line = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        # THEN the ids found are those every scheme's pattern finds over the whole line
        assert [(hit.start, hit.value) for hit in find_tax_ids(line)] == _reference(line), line
