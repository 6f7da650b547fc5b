"""Form plumbing shared by the handler's pages: services validate, pages put the messages beside the fields.

The forms mostly carry the CSRF token and render the fields; what a value must be is decided by the
service, so the pages and the JSON API refuse the same input with the same Dutch message. A number or
date field only reads what was typed (``DayField``, ``WholeNumberField``); its range is the service's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import DateField, Field, IntegerField, ValidationError

from zienswijze.domain.dates import parse_date
from zienswijze.domain.limits import length_error
from zienswijze.services.errors import Conflict, Invalid

T = TypeVar("T")


def show_errors(form: FlaskForm, invalid: Invalid, fields: Mapping[str, str] | None = None) -> None:
    """Each service message beside its field (``fields`` maps service names to form names), else above the form.

    A refusal because of the case's state (``Conflict``) is no fault in the form: it gets the 409 page.
    """
    if isinstance(invalid, Conflict):
        raise invalid
    for name, message in invalid.errors.items():
        field = form._fields.get((fields or {}).get(name, name)) if name else None
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message]


class DayField(DateField):
    """A date input read by the one date parser; None when empty, the Dutch message when it is no date.

    The range of days is the service's to check, so pages and the API refuse a day with the same message.
    """

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = _typed(valuelist, parse_date, _("Vul een geldige datum in (JJJJ-MM-DD)."))


class WholeNumberField(IntegerField):
    """A number input; None when empty, the field's own Dutch message when it is no whole number."""

    def __init__(self, label: str | None = None, *, message: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.message = message

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = _typed(valuelist, int, str(self.message))


class Capped:
    """A text field's cap (``domain.limits.TextCap``): the browser's ``maxlength`` with a count of what is left
    (``_fields.html``), and the same message as the services when longer text arrives anyway."""

    def __init__(self, cap: int) -> None:
        self.field_flags = {"maxlength": int(cap)}
        self.cap = int(cap)

    def __call__(self, form: FlaskForm, field: Field) -> None:
        if isinstance(field.data, str) and (message := length_error(field.data.replace("\r\n", "\n"), self.cap)):
            raise ValidationError(message)


def _typed(valuelist: list[str], parse: Callable[[str], T], message: str) -> T | None:
    """What was typed, read by ``parse``; None when nothing was typed, ``message`` as the error when unreadable."""
    raw = valuelist[0].strip() if valuelist else ""
    if not raw:
        return None
    try:
        return parse(raw)
    except ValueError:
        raise ValueError(message) from None


def has_errors(form: FlaskForm) -> bool:
    return bool(form.form_errors) or any(field.errors for field in form)
