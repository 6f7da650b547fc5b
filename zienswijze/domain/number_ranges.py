"""Document numbers written the way a Woo team writes them in an inventory: ``1-200, 305, 17``.

A case of thousands of documents cannot offer a checkbox per document; its handler names the
documents that concern a stakeholder by their numbers, and reads them back as ranges.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zienswijze.domain.errors import Invalid
from zienswijze.domain.text import N_

_SEPARATORS = re.compile(r"[\s,;]+")
_PART = re.compile(r"^(\d+)(?:-(\d+))?$")
# A range wider than this is a typing mistake (1-50000 for 1-500), not a choice of documents.
MAX_RANGE = 100_000
# The form field the numbers are typed in, named in a refusal.
FIELD = "document_numbers"


def parse_numbers(text: str) -> set[int]:
    """The numbers named: single numbers and ranges ``a-b`` (both ends included), separated by commas,
    semicolons or spaces. Invalid names the first part that is neither."""
    numbers: set[int] = set()
    for part in _SEPARATORS.split(text.replace("–", "-").strip()):
        if not part:
            continue
        match = _PART.match(part.replace(" ", ""))
        if match is None:
            raise Invalid({FIELD: N_("'%(part)s' is geen documentnummer of reeks zoals 4-9.", part=part)})
        first, last = int(match[1]), int(match[2] or match[1])
        if last < first or last - first > MAX_RANGE:
            raise Invalid({FIELD: N_("De reeks '%(part)s' loopt niet van laag naar hoog, of is te lang.", part=part)})
        numbers.update(range(first, last + 1))
    return numbers


def compact(numbers: Iterable[int]) -> str:
    """The numbers as short as they can be written: ``1-3, 7`` for 1, 2, 3 and 7."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(first) if first == last else f"{first}-{last}" for first, last in runs)
