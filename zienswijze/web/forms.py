"""Form plumbing shared by the handler's pages: services validate, pages put the messages beside the fields.

The forms mostly carry the CSRF token and render the fields; what a value must be is decided by the
service, so the pages and the JSON API refuse the same input with the same Dutch message.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask_babel import gettext as _
from flask_wtf import FlaskForm

from zienswijze.services.errors import Invalid


def show_errors(form: FlaskForm, invalid: Invalid, fields: Mapping[str, str] | None = None) -> None:
    """Each service message beside its field (``fields`` maps service names to form names), else above the form."""
    for name, message in invalid.errors.items():
        field = form._fields.get((fields or {}).get(name, name)) if name else None
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message]


def parse_int(form: FlaskForm, name: str, message: str) -> int | None:
    """The field as a whole number, None when empty; a message beside the field when it is no number."""
    field = form._fields[name]
    raw = (field.data or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        field.errors = [*field.errors, message]
        return None


def parse_date(form: FlaskForm, name: str) -> date | None:
    """The field as a date (a date input sends ``YYYY-MM-DD``), None when empty."""
    field = form._fields[name]
    raw = (field.data or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        field.errors = [*field.errors, _("Vul een geldige datum in (JJJJ-MM-DD).")]
        return None


def has_errors(form: FlaskForm) -> bool:
    return bool(form.form_errors) or any(field.errors for field in form)
