"""The one writer of an invitation's deadline: it stores how the date was computed and tells the stakeholder.

A deadline never moves earlier than the one the stakeholder was mailed; when it moves later than that,
the stakeholder is mailed the new date here, unless the caller tells them itself (the decision on an
extension). The explanation (Atw steps) is computed once by the caller and stored with the deadline,
so mails and pages show the steps of the date they show. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from zienswijze.db import Case, ConsultationRound, Invitation, Organisation, Stakeholder
from zienswijze.domain.deadline_extensions import must_tell_stakeholder, recomputed_deadline
from zienswijze.domain.deadlines import format_date_nl
from zienswijze.mail.queue import queue_to_stakeholder


@dataclass(frozen=True)
class DeadlineChange:
    old: date
    new: date
    mailed: bool  # the stakeholder is mailed the new date by set_deadline


def set_deadline(
    session: Session, invitation: Invitation, new: date, explanation: Sequence[str], *, told: bool
) -> DeadlineChange | None:
    """Sets the deadline to ``new`` (never earlier than the mailed one); None when it stays as it was.

    ``told``: the caller tells the stakeholder the new date itself, so it counts as mailed.
    """
    deadline = recomputed_deadline(invitation.mailed_deadline, new)
    if deadline == new:
        invitation.deadline_explanation = list(explanation)
    old = invitation.deadline
    if deadline == old:
        return None
    invitation.deadline = deadline
    mail = not told and must_tell_stakeholder(invitation.mailed_deadline, deadline)
    if told or mail:
        record_told(invitation)
    if mail:
        _queue_moved_mail(session, invitation)
    return DeadlineChange(old, deadline, mail)


def record_told(invitation: Invitation) -> None:
    """The stakeholder has now been told the current deadline; it never moves earlier again."""
    invitation.mailed_deadline = invitation.deadline


def _queue_moved_mail(session: Session, invitation: Invitation) -> None:
    round_ = session.get_one(ConsultationRound, invitation.round_id)
    case = session.get_one(Case, round_.case_id)
    queue_to_stakeholder(
        session,
        invitation=invitation,
        case=case,
        subject=f"Nieuwe uiterste datum voor uw zienswijze ({case.reference})",
        template="deadline_moved",
        context={
            "organisation": session.get(Organisation, case.organisation_id),
            "case": case,
            "stakeholder": session.get(Stakeholder, invitation.stakeholder_id),
            "deadline": format_date_nl(invitation.deadline),
            "explanation": invitation.deadline_explanation,
        },
        kind="deadline_moved",
    )
