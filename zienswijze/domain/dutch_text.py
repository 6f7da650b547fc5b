"""Small rules of written Dutch that decision letters follow: numbers, sentences, capitals.

Decisions write counts up to twenty in words and any number that starts a sentence in words; a
sentence ends in one full stop, also when its last word is an abbreviation such as "B.V.".
"""

from __future__ import annotations

_UNITS = (
    "nul",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
)
_TENS = ("", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")
# Counts above this are written in digits inside a sentence, as Dutch decisions do.
WORDS_UP_TO = 20


def number_words(n: int) -> str:
    """``n`` written out in Dutch ("drieëntwintig"); for a count that starts a sentence."""
    if n < 0:
        raise ValueError("a count cannot be negative")
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        if not unit:
            return _TENS[tens]
        first = "een" if unit == 1 else _UNITS[unit]
        joint = "ën" if first.endswith("e") else "en"
        return f"{first}{joint}{_TENS[tens]}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "honderd" if hundreds == 1 else f"{number_words(hundreds)}honderd"
        return head + (_compound(rest) if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "duizend" if thousands == 1 else f"{number_words(thousands)}duizend"
    return head + (f" {number_words(rest)}" if rest else "")


def _compound(n: int) -> str:
    """The part after "honderd": "honderdeen", not "honderdéén"."""
    return "een" if n == 1 else number_words(n)


def count(n: int, one: str, many: str, *, start: bool = False) -> str:
    """``n`` with the singular or plural noun: "twee belanghebbenden", "25 belanghebbenden".

    In words up to twenty, and always in words (with a capital) when it starts a sentence.
    """
    noun = one if n == 1 else many
    return f"{capitalise(number_words(n)) if start else amount(n)} {noun}"


def amount(n: int) -> str:
    """A count inside a sentence: in words up to twenty, in digits above."""
    return number_words(n) if n <= WORDS_UP_TO else str(n)


def capitalise(text: str) -> str:
    """The first letter in capitals, the rest untouched ("het CBS" → "Het CBS", "één" → "Eén")."""
    if text.startswith("één"):
        return "Eén" + text[3:]
    return text[:1].upper() + text[1:]


def in_sentence(name: str) -> str:
    """A body's name inside a sentence: a leading article in lower case ("De minister" → "de minister")."""
    first, _, rest = name.partition(" ")
    if first in ("De", "Het") and rest:
        return f"{first.lower()} {rest}"
    return name


def sentence(text: str) -> str:
    """One sentence: a capital at the start and exactly one closing mark, also after "B.V."."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = capitalise(text)
    return text if text.endswith((".", "!", "?")) else f"{text}."


def join_sentences(*parts: str) -> str:
    """The non-empty parts as sentences, separated by one space."""
    return " ".join(filter(None, (sentence(part) for part in parts)))
