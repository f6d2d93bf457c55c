"""Whether an invoice carries the content the law requires before its VAT can be reclaimed (VAT Directive
art. 226, the simplified invoice of art. 220a / 226b, and each member state's own rules).

The rules are data (`lexicon/invoice_content.toml`, one table per jurisdiction); this module reads them and
knows no country. The jurisdiction is the seller's country, from the seller's VAT id (printed, or the vendor
master's), else our own country (our VAT id's prefix: a domestic supplier assumed, only for an invoice in our
currency). What each element's absence gets is data (`[severity]`). What is checked:

- the seller's VAT id (or, where the law allows it, its national tax number): absent with certainty only
  when the text layer prints no VAT id but ours, no number after an id label, and not the vendor master's
  id. Then the invoice is held (`invoice_content_missing`), the policy allowing (`mandatory_content`).
- our VAT id on an intra-EU invoice: when the text prints none of ours, a note on the proposal (a warning; we
  account for that VAT ourselves, and a formal defect does not take the deduction away).
- the invoice number, date, VAT amount and the wording of a zero rate: read by the extractor, which cannot
  prove a page lacks them: when it found none, a person checks (a failed check, no hold).

Anything uncertain (a scan read by OCR, no text layer, only our own country to go by) is a person's check,
never a hold: the check claims an invoice invalid only where the page shows it is.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from opsloop.domain.erp import CompanyRecord, ExceptionType, PriorInvoiceRecord, VendorRecord
from opsloop.domain.invoices import OCR_METHOD_PREFIX, InvoiceExtraction
from opsloop.errors import ConfigError
from opsloop.reconcile.lexicons import fold, tax_wording
from opsloop.reconcile.mirror import Mirror
from opsloop.reconcile.normalise import normalise_invoice_number, normalise_po_number, normalise_vat_id
from opsloop.reconcile.run import Run, money

CHECK = "invoice_content_complete"
CREDIT_CHECK = "credit_note_reference"
ELEMENTS = (
    "seller_tax_id",
    "buyer_vat_id",
    "invoice_number",
    "invoice_date",
    "vat_amount",
    "exemption_mention",
)
KINDS = ("full", "simplified", "reverse_charge", "intra_eu")
Mode = Literal["hold", "flag", "off"]
SEVERITIES = ("hold", "check", "note")

_JOIN_DIGITS = re.compile(r"(?<=[0-9A-Za-z])[ .\-/](?=[0-9])")
"""A space, dot, dash or slash between a letter or digit and a digit: "DE 123 456 789" is one id."""
_ZERO_SHOWN = re.compile(r"(?<![\d.,])0(?:[.,]0{1,2})?\s?%|(?<![\d.,])0[.,]00(?![\d])")
"""A rate of zero ("0 %", "0,0%") or an amount of zero ("0,00") on the page: the VAT of zero is printed, not
only what the extractor made of a page that prints none (a gross-price shop invoice "inkl. 19 % MwSt.")."""
_NUMBER_AFTER_LABEL = r"\W{0,6}(?:[a-z]{2}\W?)?((?:\d[ ./\-]?){8,14}\d?)(?!\d)"
"""After an id label: a few separators, maybe a country prefix, then at least 8 digits."""


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    code: str
    name: str
    adjective: str
    requires: dict[str, tuple[str, ...]]
    """Per kind of invoice (full, simplified, reverse_charge, intra_eu), the elements it must print."""
    cites: dict[str, str]
    seller_tax_id: tuple[str, ...]
    """"vat_id" and, where the law accepts it instead, "tax_number"."""
    simplified_max: Decimal
    simplified_currency: str
    simplified_basis: str
    vat_id: re.Pattern[str] | None
    labels: re.Pattern[str]
    address: re.Pattern[str] | None
    """The country's name in an address, or its code before a postcode ("D-20457")."""


@dataclass(frozen=True, slots=True)
class ContentRules:
    version: str
    eu: frozenset[str]
    countries: dict[str, Jurisdiction]
    severity: dict[str, str]
    """Per element: what its absence gets (hold, check, note)."""
    credit_references: re.Pattern[str] | None = None
    """The words that introduce the invoice a credit note corrects, then its number (group 1)."""
    credit_cite: str = ""


def _label_pattern(words: list[str], source: str) -> re.Pattern[str]:
    try:
        return re.compile(rf"(?<!\w)(?:{'|'.join(f'(?:{w})' for w in words)}){_NUMBER_AFTER_LABEL}")
    except re.error as error:
        raise ConfigError(
            f"an id label in {source} does not compile: {error}", hint="Fix the regular expression."
        ) from error


def _address_pattern(names: list[str], prefixes: list[str], source: str) -> re.Pattern[str] | None:
    parts = [rf"(?<!\w)(?:{'|'.join(re.escape(fold(n)) for n in names)})(?!\w)"] if names else []
    if prefixes:
        codes = "|".join(re.escape(p.lower()) for p in prefixes)
        parts.append(rf"(?<![\w-])(?:{codes})-\d{{3,5}}(?!\d)")
    try:
        return re.compile("|".join(parts)) if parts else None
    except re.error as error:  # pragma: no cover - escaped words always compile
        raise ConfigError(f"an address name in {source} does not compile: {error}", hint="Fix it.") from error


_REFERENCE_NUMBER = (
    r"(?:\W{{0,3}}(?:{words}))?\W{{0,3}}([0-9a-z][0-9a-z\-/._]*\d[0-9a-z\-/._]*|\d)(?![0-9a-z])"
)
"""After a reference's words: maybe a number word ("Nr.", "n°"), then the number (with a digit)."""


def _reference_pattern(table: dict[str, Any], source: str) -> re.Pattern[str] | None:
    words = [str(w) for w in table.get("references") or ()]
    if not words:
        return None
    number_words = "|".join(str(w) for w in table.get("number_words") or ()) or "no\\.?"
    try:
        return re.compile(
            rf"(?<!\w)(?:{'|'.join(f'(?:{w})' for w in words)})"
            + _REFERENCE_NUMBER.format(words=number_words)
        )
    except re.error as error:
        raise ConfigError(
            f"a credit-note reference in {source} does not compile: {error}",
            hint="Fix the regular expression.",
        ) from error


def parse_rules(data: dict[str, Any], *, source: str = "invoice_content.toml") -> ContentRules:
    """The rules from the data file's tables (a country's keys override `defaults`)."""
    defaults = data.get("defaults") or {}
    countries: dict[str, Jurisdiction] = {}
    for code, table in (data.get("countries") or {}).items():
        merged = {**defaults, **table}
        requires = {kind: tuple(str(e) for e in merged.get(kind) or ()) for kind in KINDS}
        unknown = {e for names in requires.values() for e in names} - set(ELEMENTS)
        if unknown:
            raise ConfigError(
                f"{source}: {code} requires unknown elements {sorted(unknown)}",
                hint=f"Use only {', '.join(ELEMENTS)}.",
            )
        labels = [*defaults.get("id_labels", []), *(table.get("id_labels") or [])]
        try:
            countries[str(code).upper()] = Jurisdiction(
                code=str(code).upper(),
                name=str(merged.get("name", code)),
                adjective=str(merged.get("adjective", merged.get("name", code))),
                requires=requires,
                cites={kind: str(merged.get(f"cite_{kind}", "")) for kind in KINDS},
                seller_tax_id=tuple(str(s) for s in merged.get("seller_tax_id") or ("vat_id",)),
                simplified_max=Decimal(str(merged.get("simplified_max", "0"))),
                simplified_currency=str(merged.get("simplified_currency", "EUR")).upper(),
                simplified_basis=str(merged.get("simplified_basis", "gross")),
                vat_id=re.compile(rf"(?<![0-9A-Z]){code}({merged['vat_id']})(?![0-9])")
                if merged.get("vat_id")
                else None,
                labels=_label_pattern(labels, source),
                address=_address_pattern(
                    [str(n) for n in table.get("address_names") or ()],
                    [str(p) for p in table.get("address_prefix") or ()],
                    source,
                ),
            )
        except (ArithmeticError, re.error) as error:
            raise ConfigError(f"{source}: {code} is not valid: {error}", hint="Fix the table.") from error
    severity = {e: str((data.get("severity") or {}).get(e, "check")) for e in ELEMENTS}
    wrong = {e: v for e, v in severity.items() if v not in SEVERITIES}
    if wrong:
        raise ConfigError(f"{source}: unknown severities {wrong}", hint=f"Use {', '.join(SEVERITIES)}.")
    credit = data.get("credit_note") or {}
    return ContentRules(
        severity=severity,
        version=str(data.get("version", "")),
        eu=frozenset(str(c).upper() for c in data.get("eu") or ()),
        countries=countries,
        credit_references=_reference_pattern(credit, source),
        credit_cite=str(credit.get("cite", "")),
    )


@cache
def content_rules() -> ContentRules:
    text = (files("opsloop.reconcile") / "lexicon" / "invoice_content.toml").read_text(encoding="utf-8")
    try:
        return parse_rules(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"the lexicon invoice_content.toml is not valid TOML: {error}",
            hint="Fix reconcile/lexicon/invoice_content.toml.",
        ) from error


def _prefix(vat_id: str | None) -> str | None:
    code = normalise_vat_id(vat_id)
    if code and len(code) > 2 and code[:2].isalpha():
        return "EL" if code[:2] == "GR" else code[:2]
    return None


def address_country(address: str | None, rules: ContentRules) -> str | None:
    """The one country an address names (its name, or its code before the postcode); None for none or two."""
    if not address:
        return None
    folded = fold(address)
    found = {c.code for c in rules.countries.values() if c.address is not None and c.address.search(folded)}
    return next(iter(found)) if len(found) == 1 else None


def _compact(text: str) -> str:
    return _JOIN_DIGITS.sub("", text.upper())


@dataclass(frozen=True, slots=True)
class _Seen:
    """What the page's text shows of the parties' registration numbers."""

    seller: bool
    """The seller's VAT id or tax number is printed (an id label with a number, or a VAT id not ours)."""
    ours: bool
    """One of our VAT ids is printed."""
    others: bool
    """A VAT id of neither the seller nor ours is printed (one the reader may not have placed)."""


def _seen(
    text: str,
    where: Jurisdiction,
    rules: ContentRules,
    seller_ids: set[str],
    our_ids: set[str],
) -> _Seen:
    compact = _compact(text)
    ids: set[str] = set()
    for country in rules.countries.values():
        if country.vat_id is not None:
            ids.update(f"{country.code}{m.group(1)}" for m in country.vat_id.finditer(compact))
    ours = any(i in compact for i in our_ids) or bool(ids & our_ids)
    seller = any(i in compact for i in seller_ids) or bool(ids - our_ids)
    if not seller:
        folded = fold(text)
        for match in where.labels.finditer(folded):
            digits = re.sub(r"\D", "", match.group(1))
            if not any(digits and digits in re.sub(r"\D", "", o) for o in our_ids):
                seller = True
                break
    return _Seen(seller=seller, ours=ours, others=bool(ids - our_ids - seller_ids))


def check_invoice_content(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    companies: list[CompanyRecord],
    document_text: str | None,
    mode: Mode,
    run: Run,
) -> None:
    """Hold an invoice that lacks, with certainty, what its jurisdiction requires (`invoice_content_missing`;
    with `mode` "flag" a failed check instead); a failed check for what the extractor did not find."""
    if mode == "off":
        return
    rules = content_rules()
    our_ids = {v for c in companies for v in (normalise_vat_id(x) for x in c.vat_ids) if v}
    printed = normalise_vat_id(invoice.vendor.vat_id)
    if printed in our_ids:
        printed = None  # our own id read as the seller's: the buyer block's, never the seller's
    master = normalise_vat_id(vendor.vat_id) if vendor else None
    ours_country = next((p for p in (_prefix(v) for v in sorted(our_ids)) if p), None)
    seller_country = _prefix(printed) or _prefix(master)
    by_address = None
    if seller_country is None:
        # no VAT id tells it: the seller's address does (not one that is ours, read into the seller's block)
        shown = invoice.vendor.address
        if shown and not any(c.address and fold(c.address) == fold(shown) for c in companies):
            by_address = address_country(shown, rules)
        # an address in our own country may be ours, read into the seller's block: it adds nothing to assuming it
        seller_country = by_address if by_address != ours_country else None
    assumed = seller_country is None
    code = seller_country or ours_country
    where = rules.countries.get(code or "")
    currency = (invoice.currency or "").upper()
    if where is None or (assumed and currency != where.simplified_currency):
        return  # no rules for the country, or a supplier of unknown country billing in a foreign currency
    text = document_text or ""
    wording = tax_wording().kinds_in(" ".join([text, *invoice.notes])) if text or invoice.notes else set()
    tax = invoice.tax_total
    cross_border = (
        seller_country is not None
        and ours_country is not None
        and seller_country != ours_country
        and {seller_country, ours_country} <= rules.eu
    )
    zero = tax is not None and tax == 0
    rates = [line.tax_rate for line in invoice.lines if line.tax_rate is not None]
    coded = any(tax_wording().kind_of_code(line.tax_code) for line in invoice.lines)
    net_is_gross = (
        invoice.subtotal is not None and invoice.total is not None and invoice.subtotal == invoice.total != 0
    )
    # no VAT charged: a VAT of zero read (net = gross where both are read), or none read and net = gross;
    # never with a line taxed above zero
    charged_none = (
        (zero and (invoice.subtotal is None or invoice.total is None or invoice.subtotal == invoice.total))
        or (tax is None and net_is_gross)
    ) and not any(rate != 0 for rate in rates)
    intra_eu = cross_border and (bool(wording & {"reverse_charge", "intra_community"}) or zero)
    reverse = intra_eu or "reverse_charge" in wording
    gross = invoice.total if invoice.total is not None else invoice.amount_due
    basis = invoice.subtotal if where.simplified_basis == "net" else gross
    simplified = (
        not reverse
        and basis is not None
        and currency == where.simplified_currency
        and abs(basis) <= where.simplified_max
    )
    kind = "intra_eu" if intra_eu else "reverse_charge" if reverse else "simplified" if simplified else "full"
    required = where.requires[kind]
    cite = where.cites[kind]
    scanned = invoice.extraction_method.startswith(OCR_METHOD_PREFIX)
    certain = bool(text.strip()) and not scanned and not assumed
    # in another currency than the small-invoice limit's, a full invoice might be a small one: only what a
    # small one must print too is claimed missing
    small = kind == "full" and currency != where.simplified_currency
    maybe_not_needed = {e for e in required if small and e not in where.requires["simplified"]}
    seller_ids = {i for i in (printed, master) if i}
    seen = _seen(text, where, rules, seller_ids, our_ids) if text else None
    article = "an" if where.adjective[:1] in "AEIO" else "a"
    a_kind = f"{article} {where.adjective}"
    size = (
        f"{a_kind} invoice over {money(where.simplified_max)} {where.simplified_currency}"
        if kind == "full" and currency == where.simplified_currency
        else f"{a_kind} intra-EU invoice"
        if kind == "intra_eu"
        else f"{a_kind} reverse-charge invoice"
        if reverse
        else f"{a_kind} invoice"
    )
    found: list[tuple[str, bool, str]] = []
    """(element, absent with certainty, the sentence) per element the invoice lacks or was not read."""
    if "seller_tax_id" in required and printed is None:
        what = "VAT number or tax number" if "tax_number" in where.seller_tax_id else "VAT number"
        if seen is not None and seen.seller:
            pass  # printed on the page (a footer, a tax number) though not read as the seller's field
        elif certain and seen is not None and not seen.others and "seller_tax_id" not in maybe_not_needed:
            found.append(
                (
                    "seller_tax_id",
                    True,
                    f"The invoice shows no {what} of the seller; {size} must print one before we can reclaim "
                    f"its VAT ({cite}).",
                )
            )
        else:
            found.append(
                (
                    "seller_tax_id",
                    False,
                    f"No {what} of the seller was read; {size} must print one ({cite}): please check the invoice.",
                )
            )
    if (
        "buyer_vat_id" in required
        and our_ids
        and normalise_vat_id(invoice.buyer.vat_id) not in our_ids
        and (seen is None or not seen.ours)
    ):
        sure = certain and seen is not None and not seen.others
        found.append(
            (
                "buyer_vat_id",
                sure,
                (
                    f"The invoice shows none of our VAT numbers ({', '.join(sorted(our_ids))})"
                    if sure
                    else "None of our VAT numbers was read"
                )
                + f"; {size} must print the buyer's ({cite}). We account for its VAT ourselves, so nothing "
                "waits for it: ask the supplier to add our VAT number on its next invoices.",
            )
        )
    please = ": please check the invoice."
    if "invoice_number" in required and not invoice.invoice_number:
        found.append(
            ("invoice_number", False, f"No invoice number was read; {size} must print one ({cite}){please}")
        )
    if "invoice_date" in required and invoice.invoice_date is None:
        found.append(
            ("invoice_date", False, f"No invoice date was read; {size} must print one ({cite}){please}")
        )
    if (
        "vat_amount" in required
        and not reverse
        and tax is None
        and not any(line.tax_rate is not None for line in invoice.lines)
        and not wording
    ):
        found.append(
            (
                "vat_amount",
                False,
                f"Neither a VAT amount nor a VAT rate was read; {size} must print the VAT charged ({cite}){please}",
            )
        )
    if "exemption_mention" in required and charged_none and not wording and not coded:
        # the wording is looked up on the whole text layer (every language of tax.toml): its absence is
        # certain where the page has one, the VAT read is zero and the seller's country is known
        sure = (
            certain
            and seen is not None
            and zero
            and _ZERO_SHOWN.search(text) is not None
            and "exemption_mention" not in maybe_not_needed
        )
        found.append(
            (
                "exemption_mention",
                sure,
                (
                    "The invoice charges no VAT and does not say why (no reverse-charge wording, no exemption, "
                    f"intra-EU supply or export named); {size} must say so ({cite}). Without it we cannot tell "
                    "whether we owe the VAT ourselves or the supplier left it out."
                    if sure
                    else "No wording saying why no VAT is charged (reverse charge, exemption, intra-EU supply) "
                    f"was found; {size} must say so ({cite}){please}"
                ),
            )
        )
    missing = [text for e, sure, text in found if rules.severity[e] == "hold" and sure]
    unsure = [
        text
        for e, sure, text in found
        if rules.severity[e] == "check" or (rules.severity[e] == "hold" and not sure)
    ]
    for e, _, text in found:
        if rules.severity[e] == "note":
            run.warn(ExceptionType.INVOICE_CONTENT_MISSING, text)
    compared = {"jurisdiction": where.code, "kind": kind, "rules": rules.version}
    if missing:
        ask = " Ask the supplier for a corrected invoice."
        sentence = " ".join(missing) + ask
        run.check(CHECK, False, " ".join([*missing, *unsure]) + ask, **compared)
        if mode == "hold":
            run.fail(ExceptionType.INVOICE_CONTENT_MISSING, sentence)
        return
    if unsure:
        run.check(CHECK, False, " ".join(unsure), **compared)
        return
    run.check(
        CHECK,
        True,
        f"The invoice prints what {size} must ({cite})"
        + (" (but see the note on it)" if found else "")
        + (" as far as the seller's country is known from our own." if assumed else "."),
        **compared,
    )


_DATE_LIKE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def credit_references(invoice: InvoiceExtraction, document_text: str | None) -> list[str]:
    """The invoice numbers a credit note names: those its e-invoice XML references (BT-25), then those it
    prints after a reference's words ("Gutschrift zur Rechnung Nr. RE-2026-0431", "avoir sur facture
    F-1207"): its own number, its POs' and dates left out."""
    own = normalise_invoice_number(invoice.invoice_number)
    found: dict[str, None] = {
        n.upper(): None for n in invoice.preceding_invoices if normalise_invoice_number(n) not in (None, own)
    }
    pattern = content_rules().credit_references
    if pattern is None or not document_text:
        return list(found)
    orders = {normalise_po_number(p) for p in invoice.po_numbers}
    for match in pattern.finditer(fold(document_text)):
        number = match.group(1).strip("-/._")
        key = normalise_invoice_number(number)
        if (
            key
            and key != own
            and normalise_po_number(number) not in orders
            and not _DATE_LIKE.fullmatch(number)
        ):
            found.setdefault(number.upper(), None)
    return list(found)


_TOKEN = re.compile(r"[0-9A-Za-z]+(?:[-/._][0-9A-Za-z]+)*")
"""A document number as printed: letters and digits, maybe joined by dashes, slashes, dots or underscores."""


def _printed(number: str | None, tokens: set[str]) -> bool:
    """The invoice number stands on the page as a token of its own (case, separators, leading zeros aside)."""
    key = normalise_invoice_number(number)
    return key is not None and len(key) >= 3 and key in tokens


def _credited_before(
    invoice: PriorInvoiceRecord, mirror: Mirror, document_id: int | None
) -> list[PriorInvoiceRecord]:
    """The earlier credit notes (not rejected, no copies) that correct `invoice`."""
    return [
        c
        for c in mirror.invoices.values()
        if c.document_type == "credit_note"
        and invoice.document_id in c.credits
        and c.document_id != document_id
        and not c.rejected
        and not c.held_duplicate
        and c.total is not None
    ]


def check_credit_reference(
    invoice: InvoiceExtraction,
    vendor: VendorRecord | None,
    mirror: Mirror,
    document_text: str | None,
    credit_for: list[int],
    mode: Mode,
    run: Run,
    document_id: int | None = None,
) -> None:
    """A credit note must name the invoice it corrects (VAT Directive art. 219). One that names an invoice the
    ERP does not hold for the vendor is held (`unlinked_credit_note`), one that names none a person checks
    (linked by PO or amount alone), one whose invoice earlier credit notes credited in full is held
    (`invoice_already_credited`). With `mode` "flag" a failed check instead of a hold; "off": not checked."""
    if mode == "off" or vendor is None:
        return
    rules = content_rules()
    cite = rules.credit_cite
    text = document_text or ""
    certain = bool(text.strip()) and not invoice.extraction_method.startswith(OCR_METHOD_PREFIX)
    # the credit note's page, its lines (e-invoice: no page) and notes: where it names the invoice it corrects
    shown = " ".join([text, *(line.description or "" for line in invoice.lines), *invoice.notes])
    # as printed, and with a space inside a number closed ("INV 0042")
    tokens = {k for t in _TOKEN.findall(f"{shown}\n{_compact(shown)}") if (k := normalise_invoice_number(t))}
    linked = [p for d in credit_for if (p := mirror.invoices.get(d)) is not None]
    printed = credit_references(invoice, text)
    known = {
        n: [p for p in mirror.invoices_by_number(vendor.id, n) if p.document_type == "invoice"]
        for n in printed
    }
    named = [p for ps in known.values() for p in ps] + [
        p
        for p in linked
        if _printed(p.invoice_number, tokens) and p not in known.get(str(p.invoice_number), [])
    ]
    named = list({p.document_id: p for p in named}.values())
    unknown = [n for n, ps in known.items() if not ps]
    hold = mode == "hold"
    if unknown and not named:
        names = ", ".join(unknown)
        sentence = (
            f"This credit note corrects invoice {names}, which is not in the ERP for {vendor.name}"
            + (
                f" (by its PO or amount it could correct {', '.join(str(p.invoice_number) for p in linked)})"
                if linked
                else ""
            )
            + ": find that invoice, or ask the vendor which invoice it corrects, before booking it."
        )
        run.check(CREDIT_CHECK, False, sentence, referenced=names)
        if linked and certain and hold:  # unlinked: unlinked_credit_note holds it already
            run.fail(ExceptionType.UNLINKED_CREDIT_NOTE, sentence, amount=invoice.total)
        return
    if not named:
        said = "names no invoice it corrects" if certain else "was not read to name the invoice it corrects"
        run.check(
            CREDIT_CHECK,
            False,
            f"This credit note {said}; a credit note must refer to the invoice it amends ({cite})"
            + (
                f". It was matched to invoice {', '.join(str(p.invoice_number) for p in linked)} by its PO or "
                "amount: please check that it corrects that one."
                if linked
                else ": please check which invoice it corrects."
            ),
        )
        return
    amount = abs(invoice.total) if invoice.total is not None else None
    for prior in named:
        earlier = _credited_before(prior, mirror, document_id)
        credited = sum((abs(c.total) for c in earlier if c.total is not None), Decimal(0))
        if not earlier or prior.total is None or credited < abs(prior.total):
            continue
        notes = ", ".join(f"{c.invoice_number} of {c.invoice_date}" for c in earlier)
        sentence = (
            f"Invoice {prior.invoice_number} of {prior.invoice_date} ({money(abs(prior.total))}) is already "
            f"credited in full by credit note {notes} ({money(credited)}): booked, this credit note would credit "
            "it a second time. Ask the vendor what it corrects before booking it."
        )
        run.check(CREDIT_CHECK, False, sentence, invoice=str(prior.invoice_number), credited=credited)
        if hold:
            run.fail(ExceptionType.INVOICE_ALREADY_CREDITED, sentence, amount=amount)
        return
    run.check(
        CREDIT_CHECK,
        True,
        f"This credit note names the invoice it corrects ({', '.join(str(p.invoice_number) for p in named)}).",
    )
