"""The one place that reads the clock; the domain takes ``today`` and ``now`` as parameters."""

from __future__ import annotations

from datetime import UTC, date, datetime

from zienswijze.domain.deadlines import AMSTERDAM


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """Today in the Netherlands: legal dates are Amsterdam dates, not UTC dates."""
    return datetime.now(AMSTERDAM).date()
