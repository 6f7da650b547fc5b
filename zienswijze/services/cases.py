"""Use cases on a Woo request (Woo-verzoek) as a whole."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from zienswijze.db import Case
from zienswijze.db.queries import case_of
from zienswijze.db.types import utcnow


class CaseNotFound(LookupError):
    """No case with that reference in the organisation: another body's case is never found."""


class InvalidChange(ValueError):
    """A change to a case that is not allowed, with a reason per field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in errors.items()))
        self.errors = errors


EDITABLE_TEXT_FIELDS = {"subject": 500, "requester_name": 200, "contact_name": 200}


def update_case(session: Session, *, organisation_id: int, reference: str, changes: Mapping[str, Any]) -> Case:
    case = case_of(session, organisation_id, reference)
    if case is None:
        raise CaseNotFound(reference)
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for field, value in changes.items():
        if field in EDITABLE_TEXT_FIELDS:
            if not isinstance(value, str) or not value.strip():
                errors[field] = "must be a non-empty string"
            elif len(value) > EDITABLE_TEXT_FIELDS[field]:
                errors[field] = f"must be at most {EDITABLE_TEXT_FIELDS[field]} characters"
            else:
                values[field] = value.strip()
        elif field == "received":
            try:
                values[field] = date.fromisoformat(value)
            except (TypeError, ValueError):
                errors[field] = "must be a date as YYYY-MM-DD"
        else:
            errors[field] = "cannot be changed"
    if errors:
        raise InvalidChange(errors)
    for field, value in values.items():
        setattr(case, field, value)
    case.updated_at = utcnow()
    session.commit()
    return case
