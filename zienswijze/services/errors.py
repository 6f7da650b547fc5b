"""The two ways a use case refuses (``NotFound``, ``Invalid``, defined in the domain), and checks that fill them.

Pages show the Dutch messages beside their fields; the API returns them as RFC 9457 problems.
"""

from __future__ import annotations

from datetime import date

from zienswijze.domain.errors import Invalid, NotFound

__all__ = ["Invalid", "NotFound", "require_date", "require_text"]


def require_text(errors: dict[str, str], field: str, value: object, *, max_length: int, label: str) -> str:
    """The trimmed text, or an error for the field when it is missing or too long."""
    if not isinstance(value, str) or not value.strip():
        errors[field] = f"Vul {label} in."
        return ""
    if len(value.strip()) > max_length:
        errors[field] = f"{label[0].upper()}{label[1:]} mag hoogstens {max_length} tekens lang zijn."
    return value.strip()


# The Atw calendar is known from 2014 (Koningsdag); dates outside this range are typing errors.
EARLIEST = date(2014, 1, 1)
LATEST = date(2999, 12, 31)


def require_date(errors: dict[str, str], field: str, value: object) -> date | None:
    """A date given as a date or as ``YYYY-MM-DD`` within the years the service can reckon with."""
    parsed = value if isinstance(value, date) else None
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            parsed = None
    if parsed is None:
        errors[field] = "Vul een geldige datum in (JJJJ-MM-DD)."
    elif not EARLIEST <= parsed <= LATEST:
        errors[field] = f"Vul een datum in tussen {EARLIEST:%d-%m-%Y} en {LATEST:%d-%m-%Y}."
        return None
    return parsed
