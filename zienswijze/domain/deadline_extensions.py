"""Extensions (verlenging) of a stakeholder's deadline, and what they do to reminders (SPEC §5).

A stakeholder deadline is set by the body, not by law, but it follows the same Atw rules so that it
never ends on a day the office is closed; see docs/deadlines.md.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from zienswijze.domain.deadlines import (
    explain_term_end,
    term_end,
    working_days_before,
)
from zienswijze.domain.text import N_, Text


@dataclass(frozen=True)
class ExtensionDecision:
    """What may happen to one request for a later deadline; the service records and mails it."""

    allowed: bool
    automatic: bool  # granted without the handler: allowed, and the policy grants on its own
    deadline: date | None  # the deadline once granted: the requested date on a working day
    explanation: tuple[str, ...]  # steps that moved the requested date (Atw art. 1)
    reason: Text | None  # why the request cannot be granted


def latest_extension_date(original_deadline: date, max_extra_days: int, extra_closed: Collection[date] = ()) -> date:
    """The last date a stakeholder may ask for.

    The maximum is counted from the round's original deadline, not from an earlier extension, so
    that asking twice never reaches further than asking once; it is itself a term and so ends on a
    working day.
    """
    return term_end(original_deadline, days=max_extra_days, extra_closed=extra_closed)


def assess_extension(
    requested: date,
    *,
    current_deadline: date,
    original_deadline: date,
    allow_extensions: bool,
    max_extra_days: int,
    auto_grant: bool = False,
    extra_closed: Collection[date] = (),
) -> ExtensionDecision:
    """Whether a stakeholder's request for ``requested`` can be granted, and to which deadline."""
    if not allow_extensions:
        return _refused(N_("In deze consultatieronde is verlenging van de termijn niet mogelijk."))
    if requested <= current_deadline:
        return _refused(
            N_(
                "De gevraagde datum %(requested)s ligt niet na de huidige uiterste datum %(current)s.",
                requested=requested,
                current=current_deadline,
            )
        )
    latest = latest_extension_date(original_deadline, max_extra_days, extra_closed)
    if requested > latest:
        return _refused(
            N_(
                "De gevraagde datum %(requested)s ligt na %(latest)s,"
                " de uiterste datum waartoe verlenging in deze consultatieronde mogelijk is.",
                requested=requested,
                latest=latest,
            )
        )
    # A deadline the body sets never ends on a day it is closed (Atw art. 1, applied by analogy).
    deadline, steps = explain_term_end(requested, extra_closed=extra_closed)
    return ExtensionDecision(
        allowed=True, automatic=auto_grant, deadline=deadline, explanation=tuple(steps), reason=None
    )


def reminder_dates(
    deadline: date,
    working_days_before_list: Iterable[int],
    extra_closed: Collection[date] = (),
    *,
    after: date | None = None,
) -> list[date]:
    """The days to remind a stakeholder, in order and each once, for this deadline.

    Called again after an extension with the new deadline; ``after`` (e.g. today, or the day the
    invitation was sent) drops the days that are already past.
    """
    days = {working_days_before(deadline, n, extra_closed) for n in working_days_before_list}
    return sorted(day for day in days if after is None or day > after)


def recomputed_deadline(mailed_deadline: date | None, new_computed: date) -> date:
    """The deadline after a recomputation: a deadline never moves earlier once mailed."""
    if mailed_deadline is None:
        return new_computed
    return max(mailed_deadline, new_computed)


def must_tell_stakeholder(mailed_deadline: date | None, new_computed: date) -> bool:
    """Whether a recomputation moved a mailed deadline later, which the stakeholder must be told."""
    return mailed_deadline is not None and new_computed > mailed_deadline


def _refused(reason: Text) -> ExtensionDecision:
    return ExtensionDecision(allowed=False, automatic=False, deadline=None, explanation=(), reason=reason)
