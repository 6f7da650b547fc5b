"""What the scheduler's jobs decide from state alone: due reminders, expiry, the end of the suspension.

The jobs select by state, never by "since the last run", so a scheduler that was down for days acts
on what is due now. These rules take ``today`` and ``now`` as parameters; only the caller reads the
clock. See SPEC §5 (Reminders, Suspension for the consultation) and docs/deadlines.md.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.deadline_extensions import reminder_dates
from zienswijze.domain.deadlines import AMSTERDAM, ONE_DAY, is_working_day


@dataclass(frozen=True)
class DueReminders:
    """The one reminder to send now, and the earlier due days to record as skipped so they never fire."""

    send: date | None
    skip: tuple[date, ...]


def due_reminders(
    deadline: date,
    working_days_before_list: Iterable[int],
    *,
    today: date,
    sent_on: date | None = None,
    recorded: Collection[date] = (),
    extra_closed: Collection[date] = (),
) -> DueReminders:
    """Which reminder days of this deadline are due ``today`` and not yet recorded.

    Only the latest due day is sent: a scheduler that was down must not send three reminders at
    once; the earlier ones are skipped. Days on or before ``sent_on`` (the day the link was mailed)
    are no reminder at all. After the deadline nothing is sent. The days follow the current deadline,
    so a moved deadline yields new days on its own.
    """
    if today > deadline:
        return DueReminders(None, ())
    due = [
        day for day in reminder_dates(deadline, working_days_before_list, extra_closed, after=sent_on) if day <= today
    ]
    if not due:
        return DueReminders(None, ())
    latest = due[-1]
    send = None if latest in recorded else latest
    skip = tuple(day for day in due if day != send and day not in recorded)
    return DueReminders(send, skip)


def latest_deadline_reminded(
    today: date, working_days_before_list: Iterable[int], extra_closed: Collection[date] = ()
) -> date:
    """The latest deadline with a reminder day on or before ``today``: the n-th working day after today.

    An invitation with a later deadline has nothing due, so the reminders job selects up to this day
    and stays as small as what is due, however many invitations are open.
    """
    remaining = max(working_days_before_list, default=0)
    day = today
    while remaining > 0:
        day += ONE_DAY
        remaining -= is_working_day(day, extra_closed)
    return day


def amsterdam_date(moment: datetime) -> date:
    """The calendar day in the Netherlands on which an aware moment falls."""
    return moment.astimezone(AMSTERDAM).date()


@dataclass(frozen=True)
class Outcome:
    """How one invitation of a completed round ended, as far as the suspension is concerned."""

    state: InvitationState
    deadline: date
    submitted_on: date | None = None
    extended: bool = False


def suspension_end(outcomes: Iterable[Outcome], *, original_deadline: date, extension_prolongs: bool) -> date | None:
    """The day the suspension of the decision term ends (Woo art. 4.4 lid 3 and 4).

    The latest of the days a view was received and the deadlines that ended unused; revoked and
    undeliverable invitations ran no term. When the handler decided that an extension does not
    prolong the suspension, an extended invitation counts up to the round's original deadline.
    None when no invitation counts.
    """
    days = []
    for outcome in outcomes:
        if outcome.state is InvitationState.INGEDIEND and outcome.submitted_on is not None:
            day = outcome.submitted_on
        elif outcome.state is InvitationState.VERLOPEN:
            day = outcome.deadline
        else:
            continue
        if outcome.extended and not extension_prolongs:
            day = min(day, original_deadline)
        days.append(day)
    return max(days, default=None)
