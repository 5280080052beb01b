"""Detectors for personal data written into catalog text: ID card, mobile and bank card numbers.

The catalog describes data; it must not contain it. These find text that looks like a real
居民身份证号码 (GB 11643—1999: 17 digits and a check character, with a birth date), a mainland
mobile number (11 digits starting 13–19) or a bank card number (16–19 digits, ISO/IEC 7812 Luhn
check). Each finder returns the matches in order; :func:`mask` hides all but a few characters, so
a warning never repeats the number it warns about.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.load import uscc

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
"""GB 11643 check character, indexed by the weighted sum of the first 17 digits modulo 11."""

_ID = re.compile(r"(?<![0-9A-Za-z])([1-8]\d{16}[0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?:(?<=\+86)|(?<=\+86 )|(?<![0-9A-Za-z.]))(1[3-9]\d{9})(?![0-9A-Za-z.])")
_CARD = re.compile(r"(?<![0-9A-Za-z.])(\d{16,19}|\d{4}(?: \d{4}){3}(?: \d{1,3})?)(?![0-9A-Za-z.])")


@dataclass(frozen=True)
class Match:
    """One suspected number in a text."""

    start: int
    """Offset of its first character in the text."""
    text: str
    """The number as written."""
    note: str = ""
    """What is odd about it, in Chinese (e.g. a wrong check character); empty when nothing."""


def id_check_character(body: str) -> str:
    """The check character of the 17-digit ``body`` (GB 11643)."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def looks_like_id(text: str) -> bool:
    """True for 18 characters shaped like a 居民身份证号码 with a real birth date (1900 to 2099),
    whatever its check character: a number mistyped by one digit is still someone's number."""
    if not re.fullmatch(r"[1-8]\d{16}[0-9Xx]", text):
        return False
    try:
        born = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2099


def is_id_number(text: str) -> bool:
    """True for 18 characters with a valid birth date (1900 to 2099) and check character."""
    return looks_like_id(text) and id_check_character(text[:17]) == text[17].upper()


def luhn(digits: str) -> bool:
    """The ISO/IEC 7812 (Luhn) check over a string of digits."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def id_numbers(text: str) -> list[Match]:
    """Suspected 居民身份证号码: a real birth date, not a credit code; a wrong check character is
    noted (the number is still reported: it is more likely mistyped than a bank card)."""
    found = []
    for m in _ID.finditer(text):
        if looks_like_id(m[1]) and not _is_uscc(m[1]):
            note = "" if is_id_number(m[1]) else "校验码不符，可能是输错了一位的身份证号码"
            found.append(Match(m.start(1), m[1], note))
    return found


def mobile_numbers(text: str) -> list[Match]:
    """Suspected mainland mobile numbers: 11 digits from 13 to 19, not inside a longer number."""
    return [Match(m.start(1), m[1]) for m in _MOBILE.finditer(text)]


def bank_cards(text: str) -> list[Match]:
    """Suspected bank card numbers: 16–19 digits (or groups of four) passing the Luhn check.

    An 18-digit number shaped like a 居民身份证号码 (even with a wrong check character) or a
    统一社会信用代码 is reported as that, not as a card.
    """
    found = []
    for m in _CARD.finditer(text):
        digits = m[1].replace(" ", "")
        if luhn(digits) and not looks_like_id(digits) and not _is_uscc(digits):
            found.append(Match(m.start(1), m[1]))
    return found


def mask(number: str) -> str:
    """``number`` with all but its first three and last two characters replaced by ``*``."""
    if len(number) <= 6:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 5) + number[-2:]


def _is_uscc(text: str) -> bool:
    return len(text) == 18 and not any(f.serious for f in uscc.inspect(text.upper()))
