"""Reminders to stakeholders who have not responded yet (SPEC §5), never twice, not even from two processes.

Invitations are selected by state and by a deadline close enough to have a reminder day by now, so a
run costs what is due, not what is open (an index on the deadline serves it); their reminder days
follow from their current deadline, so an extension or a closed day that moves the deadline moves the
reminders with it. Each reminder day gets a
``reminders`` row, claimed with ``INSERT … ON CONFLICT DO NOTHING`` on the unique (invitation, day):
whoever inserts the row queues the mail, in the same transaction; anyone else finds it taken. Days
that were due while the scheduler was down are recorded as skipped (``sent_at`` empty), so only the
latest one is sent and the others never fire later.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from zienswijze.db import Case, ConsultationRound, Invitation, Organisation, Reminder, Stakeholder
from zienswijze.domain.consultation import AWAITING_STATES
from zienswijze.domain.deadlines import format_date_nl
from zienswijze.domain.scheduling import DueReminders, amsterdam_date, due_reminders, latest_deadline_reminded
from zienswijze.mail.queue import queue_to_stakeholder
from zienswijze.services import audit
from zienswijze.services.closed_days import closed_days_of
from zienswijze.services.context import Actor

ACTOR = Actor.system("scheduler")
KIND = "reminder"
# Both dialects' INSERT knows ON CONFLICT DO NOTHING; the generic one does not.
_INSERTS: dict[str, Callable[[type[Reminder]], postgresql.Insert | sqlite.Insert]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


def send_due_reminders(session: Session, *, today: date, now: datetime) -> int:
    """Queues the reminders due ``today`` (an Amsterdam date); returns how many invitations were reminded.

    Each invitation is its own transaction, so one that fails leaves the others reminded.
    """
    settings = {
        organisation.id: (list(organisation.reminder_working_days), closed_days_of(session, organisation.id))
        for organisation in session.exec(select(Organisation))
    }
    window_end = max(
        (latest_deadline_reminded(today, days, closed) for days, closed in settings.values()), default=today
    )
    due_soon = (
        select(Invitation, ConsultationRound)
        .join(ConsultationRound, col(Invitation.round_id) == ConsultationRound.id)
        .join(Case, col(ConsultationRound.case_id) == Case.id)
        .where(col(Invitation.deadline).between(today, window_end), col(Invitation.state).in_(AWAITING_STATES))
        # After a decision taken before every term ended, a view is no longer taken: nobody is asked for one.
        .where(col(Case.decision_date).is_(None))
    )
    rows = session.exec(due_soon.order_by(col(Invitation.id))).all()
    recorded: dict[int, set[date]] = {}
    window_ids = due_soon.with_only_columns(col(Invitation.id)).subquery()
    for invitation_id, due_on in session.exec(
        select(col(Reminder.invitation_id), col(Reminder.due_on)).join(
            window_ids, window_ids.c.id == col(Reminder.invitation_id)
        )
    ):
        recorded.setdefault(invitation_id, set()).add(due_on)
    plans: list[tuple[int, int, DueReminders, date | None]] = []
    for invitation, round_ in rows:
        case = session.get_one(Case, round_.case_id)
        working_days, closed = settings[case.organisation_id]
        sent_on = _sent_on(invitation, round_)
        due = due_reminders(
            invitation.deadline,
            working_days,
            today=today,
            sent_on=sent_on,
            recorded=recorded.get(invitation.id, ()),
            extra_closed=closed,
        )
        if due.send is not None or due.skip:
            plans.append((invitation.id, case.id, due, sent_on))
    session.rollback()  # ends the read transaction; each claim below is a transaction of its own
    return sum(
        _remind(session, invitation_id, case_id, due, sent_on=sent_on, now=now)
        for invitation_id, case_id, due, sent_on in plans
    )


def _sent_on(invitation: Invitation, round_: ConsultationRound) -> date | None:
    """The day the stakeholder was mailed the current link; earlier reminder days are none."""
    moment = invitation.token_issued_at or round_.sent_at
    return amsterdam_date(moment) if moment else None


def _remind(
    session: Session,
    invitation_id: int,
    case_id: int,
    due: DueReminders,
    *,
    sent_on: date | None,
    now: datetime,
) -> int:
    """Claims the reminder rows and, when this process won the day to send, queues the mails; commits."""
    invitation = session.exec(
        select(Invitation)
        .where(Invitation.id == invitation_id, col(Invitation.state).in_(AWAITING_STATES))
        .with_for_update()
    ).first()
    if invitation is None:  # submitted, revoked or expired since it was selected
        session.rollback()
        return 0
    claimed = _claim(session, invitation_id, due, now=now)
    if not claimed:
        session.rollback()
        return 0
    sending = due.send is not None and due.send in claimed
    case = session.get_one(Case, case_id)
    organisation = session.get_one(Organisation, case.organisation_id)
    mails = _queue(session, invitation, case, organisation, sent_on=sent_on) if sending else 0
    audit.record(
        session,
        ACTOR,
        "reminder.sent" if sending else "reminder.skipped",
        case=case,
        invitation=invitation,
        due_on=due.send if sending else None,
        skipped=sorted(day for day in claimed if day != due.send),
        deadline=invitation.deadline,
        mails=mails,
    )
    session.commit()
    return int(sending)


def _claim(session: Session, invitation_id: int, due: DueReminders, *, now: datetime) -> set[date]:
    """Inserts the reminder rows no one holds yet; returns the days this transaction inserted."""
    values = [{"invitation_id": invitation_id, "due_on": day, "sent_at": None} for day in due.skip]
    if due.send is not None:
        values.append({"invitation_id": invitation_id, "due_on": due.send, "sent_at": now})
    insert = _INSERTS[session.get_bind().dialect.name]
    statement = (
        insert(Reminder)
        .values(values)
        .on_conflict_do_nothing(index_elements=["invitation_id", "due_on"])
        .returning(col(Reminder.due_on))
    )
    return set(session.exec(statement).scalars())


def _queue(
    session: Session, invitation: Invitation, case: Case, organisation: Organisation, *, sent_on: date | None
) -> int:
    """One reminder per contact; it carries no link, because a new link would void the one they have."""
    deadline = format_date_nl(invitation.deadline)
    context = {
        "organisation": organisation,
        "case": case,
        "stakeholder": session.get_one(Stakeholder, invitation.stakeholder_id),
        "deadline": deadline,
        "earlier": format_date_nl(sent_on, weekday=False) if sent_on else None,
    }
    return queue_to_stakeholder(
        session,
        invitation=invitation,
        case=case,
        subject=f"Herinnering: geef uw zienswijze uiterlijk {deadline} ({case.reference})",
        template="reminder",
        context=context,
        kind=KIND,
    )
