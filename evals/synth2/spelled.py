"""Amounts in words, as Indian tax invoices ("Amount Chargeable (in words)") and Polish invoices
("Słownie") print them."""

from __future__ import annotations

from decimal import Decimal

_ONES = ["", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
         "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"]  # fmt: skip
_TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]


def _english_below_thousand(n: int) -> list[str]:
    words: list[str] = []
    if n >= 100:
        words += [_ONES[n // 100], "Hundred"]
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else ""))
    elif n:
        words.append(_ONES[n])
    return words


def indian_words(amount: Decimal, currency: str = "INR") -> str:
    """'INR One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and Seventy Paise Only'."""
    rupees = int(amount)
    paise = int((amount - rupees) * 100)
    words: list[str] = []
    for size, name in ((10**7, "Crore"), (10**5, "Lakh"), (1000, "Thousand")):
        if rupees >= size:
            words += [*_english_below_thousand(rupees // size), name]
            rupees %= size
    words += _english_below_thousand(rupees)
    text = " ".join(words) or "Zero"
    if paise:
        text += " and " + " ".join(_english_below_thousand(paise)) + " Paise"
    return f"{currency} {text} Only"


_PL_ONES = ["", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć", "dziesięć",
            "jedenaście", "dwanaście", "trzynaście", "czternaście", "piętnaście", "szesnaście", "siedemnaście",
            "osiemnaście", "dziewiętnaście"]  # fmt: skip
_PL_TENS = ["", "", "dwadzieścia", "trzydzieści", "czterdzieści", "pięćdziesiąt", "sześćdziesiąt",
            "siedemdziesiąt", "osiemdziesiąt", "dziewięćdziesiąt"]  # fmt: skip
_PL_HUNDREDS = ["", "sto", "dwieście", "trzysta", "czterysta", "pięćset", "sześćset", "siedemset", "osiemset",
                "dziewięćset"]  # fmt: skip


def _pl_below_thousand(n: int) -> list[str]:
    words = [_PL_HUNDREDS[n // 100]] if n >= 100 else []
    n %= 100
    if n >= 20:
        words += [_PL_TENS[n // 10], _PL_ONES[n % 10]]
    else:
        words.append(_PL_ONES[n])
    return [w for w in words if w]


def _pl_form(n: int, one: str, few: str, many: str) -> str:
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def polish_words(amount: Decimal) -> str:
    """'tysiąc dwieście trzydzieści cztery złote 56/100'."""
    zloty = int(amount)
    grosze = int((amount - zloty) * 100)
    words: list[str] = []
    for size, forms in ((10**6, ("milion", "miliony", "milionów")), (1000, ("tysiąc", "tysiące", "tysięcy"))):
        if zloty >= size:
            count = zloty // size
            words += ([] if count == 1 else _pl_below_thousand(count)) + [_pl_form(count, *forms)]
            zloty %= size
    words += _pl_below_thousand(zloty)
    total = int(amount)
    text = " ".join(words) or "zero"
    return f"{text} {_pl_form(total, 'złoty', 'złote', 'złotych')} {grosze:02d}/100"
