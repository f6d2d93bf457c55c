"""Mutations of seed files: truncation, byte flips, splices, bombs, nesting, absurd numbers and dates,
re-encodings, broken UTF-8, lying stream lengths. Deterministic for a seed; nothing here reads the
product's parsers (the fuzz eval calls opsloop only as the system under test).

    from evals.fuzzing.mutate import fuzz_cases
    for case in fuzz_cases(seeds, count=300, seed=7): ...
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from evals.fuzzing import poison

MAX_BYTES = 8 * 1024 * 1024
"""A mutated file is cut to this (far below the product's 50 MB file limit, which has its own test)."""


@dataclass(frozen=True)
class FuzzCase:
    name: str
    data: bytes
    seed_name: str
    mutations: tuple[str, ...]


Mutation = Callable[[random.Random, bytes], bytes]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(0, max(0, len(data) - 1))]


def _flip_bytes(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        position = rng.randrange(len(out))
        out[position] ^= rng.randint(1, 255)
    return bytes(out)


def _delete_chunk(rng: random.Random, data: bytes) -> bytes:
    if len(data) < 2:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, max(1, len(data) // 4)) :]


def _insert_random(rng: random.Random, data: bytes) -> bytes:
    position = rng.randint(0, len(data))
    return data[:position] + rng.randbytes(rng.randint(1, 4096)) + data[position:]


def _duplicate_chunk(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 2048)]
    times = rng.randint(2, max(2, min(5000, MAX_BYTES // max(1, len(chunk)) // 2)))
    return data[:start] + chunk * times + data[start:]


_NUMBER = re.compile(rb"(?<![\w.])\d{1,9}[.,]\d{2}(?![\d])")
_ABSURD = [a.encode() for a in poison.ABSURD_AMOUNTS] + [b"-0.00", b"1e-999999", b"+Inf", b"12,34,56.78.9"]


def _absurd_numbers(rng: random.Random, data: bytes) -> bytes:
    matches = list(_NUMBER.finditer(data))
    if not matches:
        return data + b" " + rng.choice(_ABSURD)
    chosen = rng.sample(matches, k=min(len(matches), rng.randint(1, 4)))
    out = data
    for match in sorted(chosen, key=lambda m: -m.start()):
        out = out[: match.start()] + rng.choice(_ABSURD) + out[match.end() :]
    return out


_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z?)?")
_ABSURD_DATES = [b"99999-12-31T25:61:00Z", b"0000-00-00", b"2026-02-30", b"1e300", b"-62135596801", b"9" * 30]


def _absurd_dates(rng: random.Random, data: bytes) -> bytes:
    matches = list(_DATE.finditer(data))
    if not matches:
        return data
    match = rng.choice(matches)
    return data[: match.start()] + rng.choice(_ABSURD_DATES) + data[match.end() :]


def _nest(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice((300, 3_000, 30_000, 200_000))
    stripped = data.lstrip()
    if stripped[:1] in (b"{", b"["):
        position = data.find(b":") + 1 or 1
        return data[:position] + b"[" * depth + b"1" + b"]" * depth + b"," + data[position:]
    if stripped[:1] == b"<":
        position = data.find(b">", data.find(b"<", data.find(b"?>") + 2 if b"?>" in data else 0)) + 1
        return data[:position] + b"<n>" * depth + b"</n>" * depth + data[position:]
    return data + b"\n" + b"(" * depth


_ENCODINGS = ("utf-16", "utf-16-be", "utf-32", "cp1252", "latin-1", "shift_jis", "koi8-r", "utf-8-sig")


def _reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    return text.encode(rng.choice(_ENCODINGS), errors="replace")


_BAD_UTF8 = (
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\xff\xfe",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
    b"\xc0\xaf",
    b"\x00",
)


def _broken_utf8(rng: random.Random, data: bytes) -> bytes:
    out = data
    for _ in range(rng.randint(1, 8)):
        position = rng.randint(0, len(out))
        out = out[:position] + rng.choice(_BAD_UTF8) + out[position:]
    return out


def _surrogate_escapes(rng: random.Random, data: bytes) -> bytes:
    quotes = [m.start() for m in re.finditer(rb'": "', data)]
    escape = rng.choice((rb"\ud800", rb"\udfff", rb"\ud83d", rb"\u0000", rb"\uffff"))
    if not quotes:
        return data + escape
    position = rng.choice(quotes) + 4
    return data[:position] + escape + data[position:]


def _long_line(rng: random.Random, data: bytes) -> bytes:
    position = rng.randint(0, len(data))
    line = bytes([rng.choice(b"xA9,;\"'<>(")]) * rng.choice((70_000, 200_000, 2_000_000))
    return data[:position] + line + data[position:]


def _bogus_charset(rng: random.Random, data: bytes) -> bytes:
    bogus = rng.choice((b"x-no-such-charset", b"utf-7", b"ebcdic-cp-us", b"utf-1024", b"", b"\xff\xfe"))
    replaced = re.sub(rb'charset="?[\w-]+"?', b'charset="' + bogus + b'"', data, count=1)
    replaced = re.sub(rb'encoding="[\w-]+"', b'encoding="' + bogus + b'"', replaced, count=1)
    return (
        replaced
        if replaced != data
        else data.replace(b"\n", b"\nContent-Type: text/plain; charset=" + bogus + b"\n", 1)
    )


def _lying_lengths(rng: random.Random, data: bytes) -> bytes:
    def lie(_match: re.Match[bytes]) -> bytes:
        return b"/Length " + str(rng.choice((0, 1, 10**9, 2**63, -5, rng.randint(0, 100_000)))).encode()

    return re.sub(rb"/Length \d+", lie, data)


def _filter_swap(rng: random.Random, data: bytes) -> bytes:
    replacement = rng.choice(
        (
            b"/LZWDecode",
            b"[/FlateDecode /FlateDecode]",
            b"/RunLengthDecode",
            b"/ASCIIHexDecode",
            b"/DCTDecode",
        )
    )
    return data.replace(b"/FlateDecode", replacement, 1)


def _splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    return data[: rng.randint(0, len(data))] + other[rng.randint(0, len(other)) :]


def _bomb(rng: random.Random, data: bytes) -> bytes:
    choice = rng.randrange(7)
    if choice == 0:
        return poison.flate_bomb_pdf(
            rng.choice((20_000_000, 40_000_000, 74_000_000)), layers=rng.choice((1, 2, 3))
        )
    if choice == 1:
        return poison.shared_content_pdf(pages=rng.randint(2, 40), lines=rng.randint(50, 1500))
    if choice == 2:
        return poison.long_chat(rng.choice((6_000, 20_000, 60_000)))
    if choice == 3:
        return poison.nested_json(rng.choice((1_000, 100_000, 1_000_000)))
    if choice == 4:
        return poison.deep_xml(rng.choice((300, 100_000)))
    if choice == 5:
        return poison.deep_form_pdf(rng.choice((50, 500, 3000)))
    return poison.billion_laughs()


MUTATIONS: dict[str, tuple[float, Mutation]] = {
    "truncate": (3, _truncate),
    "flip_bytes": (4, _flip_bytes),
    "delete_chunk": (2, _delete_chunk),
    "insert_random": (2, _insert_random),
    "duplicate_chunk": (1.5, _duplicate_chunk),
    "absurd_numbers": (3, _absurd_numbers),
    "absurd_dates": (2, _absurd_dates),
    "nest": (1, _nest),
    "reencode": (1.5, _reencode),
    "broken_utf8": (2, _broken_utf8),
    "surrogate_escapes": (1.5, _surrogate_escapes),
    "long_line": (0.5, _long_line),
    "bogus_charset": (1, _bogus_charset),
    "lying_lengths": (1.5, _lying_lengths),
    "filter_swap": (1, _filter_swap),
    "bomb": (0.4, _bomb),
}
"""name -> (weight, mutation). Bombs replace the file; the others change it."""


def seed_files(folder: Path) -> dict[str, bytes]:
    """The files of `folder` (e.g. fixtures/inbox) by name."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def fuzz_cases(
    seeds: Mapping[str, bytes], *, count: int, seed: int = 0, include_poison: bool = True
) -> Iterator[FuzzCase]:
    """`count` mutated files (the hand-made poison set first when `include_poison`), 1 to 3 mutations
    each (plus a splice with another seed now and then). Names keep the seed's extension."""
    rng = random.Random(seed)
    produced = 0
    if include_poison:
        for name, data in poison.poison_files().items():
            if produced >= count:
                return
            yield FuzzCase(f"{produced:05}-{name}", data, name, ("poison",))
            produced += 1
    names = sorted(seeds)
    kinds = list(MUTATIONS)
    weights = [MUTATIONS[k][0] for k in kinds]
    while produced < count:
        seed_name = rng.choice(names)
        data = seeds[seed_name]
        applied: list[str] = []
        if rng.random() < 0.08:
            other = seeds[rng.choice(names)]
            data = _splice(rng, data, other)
            applied.append("splice")
        for kind in rng.choices(kinds, weights=weights, k=rng.randint(1, 3)):
            data = MUTATIONS[kind][1](rng, data)[:MAX_BYTES]
            applied.append(kind)
        suffix = Path(seed_name).suffix
        yield FuzzCase(f"{produced:05}-{Path(seed_name).stem}{suffix}", data, seed_name, tuple(applied))
        produced += 1


def describe(case: FuzzCase) -> str:
    return json.dumps({"name": case.name, "seed": case.seed_name, "mutations": list(case.mutations)})
