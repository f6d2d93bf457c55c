"""Choose the headline fields with the learned model: the best-scored candidate, its calibrated
confidence, and the hand rules' reading kept where the model has nothing to choose from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from opsloop.domain.documents import ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.evidence import found, missing
from opsloop.extract.rules.dates import infer_day_first
from opsloop.extract.rules.layout import Line, document_lines, span_box
from opsloop.extract.rules.lexicon import guess_language
from opsloop.extract.rules.numbers import infer_decimal_separator
from opsloop.extract.rules.parties import BuyerZone, Found, SenderHead
from opsloop.extract.scorer.candidates import FieldCandidate, collect_candidates
from opsloop.extract.scorer.kinds import evidence_kinds
from opsloop.extract.scorer.model import EvidenceTable, FieldModel, FieldScorer, calibration_features

EVIDENCE_NAMES: dict[str, str] = {"vendor": "vendor.name"}
ABSTAIN = "no candidate scored as likely: nothing was guessed"


@dataclass(frozen=True)
class Reading:
    """What the rules engine has read off a document's lines that its candidates need too, handed
    over so it is not read twice: the language, the date order, the decimal separator and the
    buyer's block (its lines and columns)."""

    language: str
    day_first: bool
    decimal_hint: str | None
    buyer_lines: BuyerZone
    sender_head: SenderHead | None = None
    """Page one's head as the rules read it for the seller's name."""
    local_currency: tuple[str | None, int] | None = None
    """`locale_currency` of the language over all the lines' text, as the rules counted it."""
    ids: tuple[Sequence[Found], Sequence[Found]] | None = None
    """`find_ibans` of the lines and `find_vat_ids` of them, as the rules read them (the evidence kinds
    of the seller's VAT id and IBAN count them)."""


def candidates_for(
    parsed: ParsedDocument,
    rules: InvoiceExtraction,
    lines: list[Line] | None = None,
    reading: Reading | None = None,
    model: FieldModel | None = None,
) -> dict[str, list[FieldCandidate]]:
    """The candidates of every headline field of a document the rules engine has read (``reading``:
    what it read off these very lines, else read here). ``model``: the scorer the candidates go to
    (`apply_model`), which then reads only the features that can change its answer; None: all of them
    (what training reads)."""
    lines = document_lines(parsed) if lines is None else lines
    if reading is None:
        text = "\n".join(line.text for line in lines)
        language = guess_language(text)
        day_first = infer_day_first(text, default=language != "en" or "$" not in text)
        decimal_hint = infer_decimal_separator(text)
        buyer_lines, sender_head, local_currency = None, None, None
    else:
        language, day_first, decimal_hint = reading.language, reading.day_first, reading.decimal_hint
        buyer_lines, sender_head = reading.buyer_lines, reading.sender_head
        local_currency = reading.local_currency
    return collect_candidates(
        parsed,
        lines,
        rules,
        day_first=day_first,
        decimal_hint=decimal_hint,
        language=language,
        buyer_lines=buyer_lines,
        sender_head=sender_head,
        local_currency=local_currency,
        vendor_scorer=model.fields.get("vendor") if model is not None else None,
    )


def _current(result: InvoiceExtraction, name: str) -> object:
    return result.vendor.name if name == "vendor" else getattr(result, name)


def _assign(result: InvoiceExtraction, name: str, value: str | date | Decimal | None) -> None:
    if name == "vendor":
        result.vendor.name = value if isinstance(value, str) else None
    else:
        setattr(result, name, value)


def calibrate_rule_fields(
    result: InvoiceExtraction,
    model: FieldModel,
    lines: list[Line],
    ids: tuple[Sequence[Found], Sequence[Found]] | None = None,
    names: Sequence[str] | None = None,
) -> InvoiceExtraction:
    """Give each field the hand rules alone read (of ``names``; all where None) the model's probability
    for the rules' reading: its evidence table's rate for the reading's kind, or the map of the rules'
    confidence. A field read again after the model chose (the buyer, once the seller changed) goes
    through here too: a reading's confidence is the probability or it is not shown."""
    wanted = set(model.rule_fields) if names is None else set(names) & set(model.rule_fields)
    tables = [name for name in wanted if isinstance(model.rule_fields[name], EvidenceTable)]
    kinds = evidence_kinds(result, lines, tables, ids) if tables else {}
    for name, evidence in result.fields.items():
        table = "lines" if name.startswith("lines[") else name  # a row: the item table's probability
        if table in wanted and evidence.confidence > 0:
            evidence.confidence = model.rule_confidence(table, evidence.confidence, kinds.get(table))
    return result


def apply_model(
    result: InvoiceExtraction,
    parsed: ParsedDocument,
    model: FieldModel,
    lines: list[Line] | None = None,
    reading: Reading | None = None,
) -> InvoiceExtraction:
    """Replace each headline field the model scores with its best candidate (or nothing, when none
    scores above the field's threshold) and give it the calibrated confidence."""
    lines = document_lines(parsed) if lines is None else lines
    calibrate_rule_fields(result, model, lines, reading.ids if reading is not None else None)
    candidates = candidates_for(parsed, result, lines, reading, model)
    for name, scorer in model.fields.items():
        evidence_name = EVIDENCE_NAMES.get(name, name)
        previous = result.fields.get(evidence_name)
        rules_confidence = previous.confidence if previous is not None else 0.0
        if name == "vendor" and previous is not None and (previous.reason or "").startswith("known vendor"):
            continue  # identified by VAT id or IBAN against the ERP: certain
        cands = candidates.get(name, [])
        if not cands:
            if _current(result, name) is not None:
                confidence = _unscored_rules_confidence(scorer, rules_confidence)
                if previous is not None and not previous.text:
                    # a value no text on the page prints (a currency implied by the seller's country):
                    # the calibrators learnt from printed values; the rules' own doubt bounds it
                    confidence = min(confidence, rules_confidence)
                result.fields[evidence_name] = found(
                    previous.text if previous else None,
                    confidence=confidence,
                    page=previous.page if previous else None,
                    reason=(previous.reason if previous is not None and not previous.text else None)
                    or "hand rules' reading (no candidate for the learned scorer)",
                )
            continue
        scores = scorer.scores([c.features for c in cands])
        best = int(scores.argmax())
        before = _current(result, name)
        rules_row: list[float] | None = None
        if scorer.mode in ("rules", "combined"):
            ruled = [i for i, c in enumerate(cands) if c.features.get("is_rules_choice", 0.0) > 0]
            keep_rules = True
            if scorer.mode == "combined":
                values = [float(v) for v in scores]
                rules_row = (
                    _choice_row(values, cands, ruled[0], rules_confidence)
                    if ruled
                    else calibration_features(0.0, None, True, 0, rules_confidence)
                )
                keep_rules = not (
                    cands[best].features.get("is_rules_choice", 0.0) > 0
                    or scorer.prefers_model(
                        _choice_row(values, cands, best, rules_confidence), rules_row, before is not None
                    )
                )
            if keep_rules and not ruled:
                if before is not None and previous is not None:
                    previous.confidence = _unscored_rules_confidence(scorer, rules_confidence)
                continue
            if keep_rules:
                best = ruled[0]
            else:
                rules_row = None  # the model's choice: its own calibrator
        score = float(scores[best])
        choice = cands[best]
        others = [float(v) for i, v in enumerate(scores) if i != best]
        confidence = scorer.choice_confidence(
            score,
            max(others) if others else None,
            choice.features.get("is_rules_choice", 0.0) > 0,
            len(cands),
            rules_confidence,
            scorer.corroboration(choice.features),
        )
        if scorer.mode == "combined" and rules_row is not None:
            confidence = scorer.rules_choice_confidence(rules_row)
        if scorer.mode == "model" and score < scorer.threshold:
            _assign(result, name, None)
            result.fields[evidence_name] = missing(ABSTAIN)
            continue
        _assign(result, name, choice.value)
        agreed = before == choice.value or (
            isinstance(before, str)
            and isinstance(choice.value, str)
            and before.upper() == choice.value.upper()
        )
        if agreed and previous is not None and previous.confidence > 0:
            evidence = previous.model_copy(
                update={"confidence": confidence, "reason": "learned scorer; the hand rules agree"}
            )
        else:
            evidence = found(
                choice.line.text,
                confidence=confidence,
                page=choice.line.page,
                bbox=span_box(choice.line, choice.start, choice.start + len(choice.text)),
                reason=f"learned scorer (the hand rules read {before})",
            )
        result.fields[evidence_name] = evidence
        if name == "total" and before is not None and result.amount_due == before and not agreed:
            result.amount_due = result.total
    bound_by_reading(result)
    return result


def _unscored_rules_confidence(scorer: FieldScorer, rules_confidence: float) -> float:
    """The confidence of a value the hand rules read that no candidate stands for (none scored)."""
    if scorer.mode == "combined":
        return scorer.rules_choice_confidence(calibration_features(0.0, None, True, 0, rules_confidence))
    return scorer.choice_confidence(0.0, None, True, 0, rules_confidence)


def _choice_row(
    values: list[float], cands: list[FieldCandidate], chosen: int, rules_confidence: float
) -> list[float]:
    """The five `calibration_features` of choosing candidate ``chosen``: its score, its margin over the
    best other, whether the hand rules chose it, the number of candidates, the rules' own confidence."""
    others = [v for i, v in enumerate(values) if i != chosen]
    return calibration_features(
        values[chosen],
        max(others) if others else None,
        cands[chosen].features.get("is_rules_choice", 0.0) > 0,
        len(cands),
        rules_confidence,
    )


BOUNDS: tuple[tuple[str, str], ...] = (("amount_due", "total"), ("vendor.address", "vendor.name"))
"""(field, the field whose reading it rests on): an amount due that is the total is right only where
the total is; the seller's address is read from the block under the seller's name, and an address
read under a wrong name is rarely the seller's (1 of 9 in the training sources). The field's
probability is at most the other's."""


def bound_by_reading(result: InvoiceExtraction) -> InvoiceExtraction:
    """Cap each field of `BOUNDS` at the confidence of the reading it rests on: an evidence table
    fitted on sources where that reading was nearly always right holds no doubt of its own, and on a
    document of a new kind the doubt falls on the reading first (the total, the seller's name) and
    must carry over. The amount due only where it equals the total (one read from its own label is a
    reading of its own)."""
    for name, basis in BOUNDS:
        evidence, under = result.fields.get(name), result.fields.get(basis)
        if evidence is None or under is None or evidence.confidence <= 0:
            continue
        if name == "amount_due" and (
            result.amount_due is None or result.total is None or abs(result.amount_due) != abs(result.total)
        ):
            continue
        if under.confidence < evidence.confidence:
            result.fields[name] = evidence.model_copy(update={"confidence": under.confidence})
    return result
