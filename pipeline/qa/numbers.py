"""Reading numbers: the quantities of a Chinese source and the values a translation writes.

``29.4萬`` is 294,000, ``千分之一`` one thousandth, ``86.7%`` also 0.867; a translation may
write them in figures, with a scale word (``294 thousand``, ``1.2bn``) or in English words.
Used by the ``numbers`` check (``pipeline.qa.checks.numbers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.qa.reading import MASK, markup, without_damage


@dataclass(frozen=True)
class Quantity:
    """A number of the source and the values a translation may write it as."""

    text: str
    values: tuple[float, ...]


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGIT |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_MYRIAD = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
_CN_NUMERAL = "零〇一二兩两三四五六七八九十百千萬万億亿"
_DIGITS = r"(?<![0-9])(?<![0-9][.,])(\d{1,3}(?:,\d{3})+(?![0-9])|\d+)(\.\d+)?"
_CN_MULTIPLIER = r"(?:[萬万億亿千百](?!分))"  # 百 in 百分之 starts a fraction instead
# "12 萬": Taiwanese text often puts a space between a figure and the Han after it
_SOURCE_NUMBER = re.compile(rf"{_DIGITS}(?:[ \u00a0]?({_CN_MULTIPLIER}+))?")
_TARGET_NUMBER = re.compile(
    rf"{_DIGITS}(?:\s*(thousand|million|billion|trillion)\b|(k|m|bn|b)\b|[ \u00a0]?({_CN_MULTIPLIER}+))?", re.IGNORECASE
)
_CN_FRACTION = re.compile(rf"([{_CN_NUMERAL}\d]+)分之([{_CN_NUMERAL}\d.]+)")
_PER = re.compile(r"\s*(%|％|‰|percent\b|per cent\b)")
_SLASH_FRACTION = re.compile(r"(?<![0-9/])(\d+)\s*/\s*(\d+)(?![0-9/])")
_IDENTIFIER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z-]*\d[A-Za-z0-9-]*")  # R1, MODEL1, H100
_SCALE = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_SHORT = {"k": 1e3, "m": 1e6, "bn": 1e9, "b": 1e9}
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
_TEENS = ("twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_NUMBER = {w: float(n) for n, w in enumerate(_ONES + _TEENS)}
_WORD_TENS = {w: float(10 * n) for n, w in enumerate(_TENS, 2)}
_DENOMINATOR = {"half": 2.0, "halves": 2.0, "third": 3.0, "quarter": 4.0, "fifth": 5.0, "sixth": 6.0}
_DENOMINATOR |= {"seventh": 7.0, "eighth": 8.0, "ninth": 9.0, "tenth": 10.0, "hundredth": 100.0}
_DENOMINATOR |= {"thousandth": 1e3, "millionth": 1e6}
_DENOMINATOR |= {f"{k}s": v for k, v in list(_DENOMINATOR.items()) if not k.endswith("s")}
_MONTHS = {
    name: float(n)
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def _chinese_number(text: str) -> float | None:
    """``千`` -> 1000, ``三十`` -> 30, ``1000`` -> 1000; None if it is not a number."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total = section = digit = 0
    seen = False
    for ch in text:
        if ch in _CN_DIGIT:
            digit, seen = _CN_DIGIT[ch], True
        elif ch in _CN_UNIT:
            section += (digit or 1) * _CN_UNIT[ch]
            digit, seen = 0, True
        elif ch in _CN_MYRIAD:
            total = (total + section + digit or 1) * _CN_MYRIAD[ch]
            section = digit = 0
            seen = True
        else:
            return None
    return float(total + section + digit) if seen else None


def _multiplied(base: float, multipliers: str) -> float:
    for ch in multipliers:
        base *= _CN_MYRIAD.get(ch) or _CN_UNIT.get(ch, 1)
    return base


def _base(m: re.Match[str]) -> float:
    return float(m.group(1).replace(",", "") + (m.group(2) or ""))


def _blank_matches(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: MASK * len(m.group()), text)


def source_numbers(source: str, traditional: bool = True) -> tuple[Quantity, ...]:
    """The numbers of a source sentence: ``29.4萬`` (294000), ``86.7%``, ``2025年``, ``千分之一``."""
    text = _blank_matches(without_damage(source, traditional), _IDENTIFIER)
    found: list[Quantity] = []
    for m in _CN_FRACTION.finditer(text):
        denominator, numerator = _chinese_number(m.group(1)), _chinese_number(m.group(2))
        if denominator and numerator is not None:
            found.append(Quantity(m.group(), (numerator / denominator,)))
    text = _blank_matches(text, _CN_FRACTION)
    for m in _SOURCE_NUMBER.finditer(text):
        found.append(Quantity(m.group(), (_multiplied(_base(m), m.group(3) or ""),)))
    return tuple(found)


def number_values(translation: str) -> tuple[float, ...]:
    """Every value a translation writes, in figures or (English) words, generously read."""
    text = _blank_matches(markup(translation).masked, _IDENTIFIER)
    values: list[float] = []
    for m in _CN_FRACTION.finditer(text):
        denominator, numerator = _chinese_number(m.group(1)), _chinese_number(m.group(2))
        if denominator and numerator is not None:
            values += [numerator / denominator, 100 * numerator / denominator]
    for m in _SLASH_FRACTION.finditer(text):
        if int(m.group(2)):
            values.append(int(m.group(1)) / int(m.group(2)))
    for m in _TARGET_NUMBER.finditer(text):
        base = _base(m)
        values.append(base)
        per = _PER.match(text, m.end())
        if per:  # 0.1% is also the fraction 0.001 (千分之一)
            values.append(base / (1000 if per.group(1) == "‰" else 100))
        if m.group(3):
            values.append(base * _SCALE[m.group(3).lower()])
        elif m.group(4):
            values.append(base * _SCALE_SHORT[m.group(4).lower()])
        elif m.group(5):
            values.append(_multiplied(base, m.group(5)))
    values += _word_values(text)
    return tuple(values)


def _word_values(text: str) -> list[float]:
    """``two hundred`` 200, ``one thousandth`` 0.001, ``a quarter`` 0.25, ``January`` 1."""
    words = re.findall(r"[a-z]+", text.lower())
    values: list[float] = []
    i = 0
    while i < len(words):
        word = words[i]
        number: float | None = None
        if word in _WORD_NUMBER:
            number = _WORD_NUMBER[word]
        elif word in _WORD_TENS:
            number = _WORD_TENS[word]
            if i + 1 < len(words) and 0 < _WORD_NUMBER.get(words[i + 1], 0) < 10:
                i += 1
                number += _WORD_NUMBER[words[i]]
        elif word in ("a", "an") and i + 1 < len(words) and (words[i + 1] in _SCALE or words[i + 1] in _DENOMINATOR):
            number = 1.0
        elif word in _DENOMINATOR:
            values.append(1 / _DENOMINATOR[word])
        elif word in _MONTHS:
            values.append(_MONTHS[word])
        i += 1
        if number is None:
            continue
        while i < len(words) and words[i] in _SCALE:
            number *= _SCALE[words[i]]
            i += 1
        values.append(number)
        if i < len(words) and words[i] in _DENOMINATOR:
            values.append(number / _DENOMINATOR[words[i]])
            i += 1
    return values
