"""One date style on every page, in the page's language and in Amsterdam time.

Short in tables and lists ("vr 18 dec 2026"), long in running text ("vrijdag 18 december 2026");
a moment adds the time ("vr 18 dec 2026 14:05", "vrijdag 18 december 2026 om 14:05"). Flask-Babel
formats in the request's locale and converts a moment to ``BABEL_DEFAULT_TIMEZONE``
(Europe/Amsterdam), so a page never shows UTC. Mail keeps its own Dutch formats
(``domain.deadlines.format_date_nl``).
"""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime, format_time
from flask_babel import gettext as _

SHORT = "EEE d MMM y"
LONG = "EEEE d MMMM y"
TIME = "HH:mm"


def short_date(value: date) -> str:
    """A datetime is first converted to Amsterdam time, so its day is the local day."""
    return format_date(value, SHORT)


def long_date(value: date) -> str:
    return format_date(value, LONG)


def short_datetime(value: datetime) -> str:
    return format_datetime(value, f"{SHORT} {TIME}")


def long_datetime(value: datetime) -> str:
    return _("%(date)s om %(time)s", date=format_date(value, LONG), time=format_time(value, TIME))


def init_app(app: Flask) -> None:
    for function in (short_date, long_date, short_datetime, long_datetime):
        app.add_template_filter(function)
