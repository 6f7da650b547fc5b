"""An organisation's closed days, and the running stakeholder deadlines that follow when they change.

Closed days count for the deadlines the body sets for stakeholders, never for statutory Woo terms.
A recomputed deadline goes through services.deadlines.set_deadline: it never moves earlier than the
one a stakeholder was mailed, and when it moves later, the stakeholder is told by e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from zienswijze.db import Case, ClosedDay, Invitation, Organisation, Stakeholder
from zienswijze.db.queries import invitations_with_case
from zienswijze.domain.consultation import OPEN_STATES
from zienswijze.domain.deadlines import explain_term_end
from zienswijze.domain.text import N_
from zienswijze.services import audit
from zienswijze.services.context import Actor
from zienswijze.services.deadlines import set_deadline
from zienswijze.services.errors import Invalid


class ClosedDayError(Invalid):
    """A closed day that cannot be added or removed, with the reason in Dutch."""


@dataclass(frozen=True)
class MovedDeadline:
    invitation_id: int
    old: date
    new: date
    stakeholder_told: bool


def closed_days_of(session: Session, organisation_id: int) -> dict[date, str]:
    rows = session.exec(
        select(ClosedDay).where(ClosedDay.organisation_id == organisation_id).order_by(col(ClosedDay.day))
    )
    return {row.day: row.description for row in rows}


def closed_days_for(session: Session, organisation_name: str) -> dict[date, str]:
    organisation = session.exec(select(Organisation).where(Organisation.name == organisation_name)).first()
    if organisation is None:
        raise ClosedDayError(N_("Er is geen organisatie met de naam '%(name)s'.", name=organisation_name))
    return closed_days_of(session, organisation.id)


def add_closed_day(session: Session, actor: Actor, *, day: date, description: str) -> list[MovedDeadline]:
    organisation_id = actor.organisation
    if day in closed_days_of(session, organisation_id):
        raise ClosedDayError(N_("%(day)s is al een sluitingsdag.", day=day))
    session.add(ClosedDay(organisation_id=organisation_id, day=day, description=description.strip()[:200]))
    audit.record(session, actor, "closed_day.added", day=day, description=description)
    moved = recompute_running_deadlines(session, actor)
    session.commit()
    return moved


def remove_closed_day(session: Session, actor: Actor, *, day: date) -> list[MovedDeadline]:
    row = session.exec(
        select(ClosedDay).where(ClosedDay.organisation_id == actor.organisation_id, ClosedDay.day == day)
    ).first()
    if row is None:
        raise ClosedDayError(N_("%(day)s is geen sluitingsdag.", day=day))
    session.delete(row)
    audit.record(session, actor, "closed_day.removed", day=day, description=row.description)
    moved = recompute_running_deadlines(session, actor)
    session.commit()
    return moved


def recompute_running_deadlines(session: Session, actor: Actor) -> list[MovedDeadline]:
    """Applies the current closed days to every open invitation of the actor's organisation; no commit."""
    organisation_id = actor.organisation
    session.flush()
    closed = closed_days_of(session, organisation_id)
    rows = session.exec(
        invitations_with_case(Invitation, Case, Stakeholder)
        .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
        .where(Case.organisation_id == organisation_id, col(Invitation.state).in_(OPEN_STATES))
    )
    moved = []
    for invitation, case, _stakeholder in rows:
        computed, explanation = explain_term_end(invitation.term_start, days=invitation.term_days, extra_closed=closed)
        change = set_deadline(session, invitation, computed, explanation, told=False)
        if change is None:
            continue
        moved.append(MovedDeadline(invitation.id, change.old, change.new, change.mailed))
        audit.record(
            session,
            actor,
            "invitation.deadline_recomputed",
            case=case,
            invitation=invitation,
            old=change.old,
            new=change.new,
            explanation=explanation,
        )
    return moved


def explanation_of(session: Session, invitation: Invitation, organisation_id: int) -> list[str]:
    """How the invitation's deadline was computed: as stored, or from its term for an invitation from
    before the explanation was stored (its deadline followed the same closed days)."""
    if invitation.deadline_explanation is not None:
        return invitation.deadline_explanation
    closed = closed_days_of(session, organisation_id)
    return explain_term_end(invitation.term_start, days=invitation.term_days, extra_closed=closed)[1]
