"""How a use case refuses (``NotFound``, ``Invalid``, ``Conflict``, defined in the domain), and checks for them.

Pages show the Dutch messages beside their fields; the API returns them as RFC 9457 problems.
"""

from __future__ import annotations

from datetime import date

from zienswijze.domain.dates import calendar_day
from zienswijze.domain.errors import Conflict, Invalid, NotFound
from zienswijze.domain.text import N_, Text

__all__ = ["Conflict", "Invalid", "NotFound", "require_date", "require_text"]


def require_text(errors: dict[str, str], field: str, value: object, *, max_length: int, label: Text) -> str:
    """The trimmed text, or an error for the field when it is missing or too long; ``label`` names it
    as the middle of a sentence ("het kenmerk")."""
    if not isinstance(value, str) or not value.strip():
        errors[field] = N_("Vul %(label)s in.", label=label)
        return ""
    if len(value.strip()) > max_length:
        errors[field] = N_(
            "Maak %(label)s korter: hoogstens %(max_length)s tekens.", label=label, max_length=max_length
        )
    return value.strip()


def require_date(errors: dict[str, str], field: str, value: object) -> date | None:
    """The day terms can be counted from (see ``domain.dates``), or an error for the field."""
    try:
        return calendar_day(value)
    except Invalid as invalid:
        errors[field] = invalid.errors[""]
        return None
