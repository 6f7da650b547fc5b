"""The weighing of interests (belangenafweging): the handler's record of each item, and what it applies to.

What is weighed, and how it is read, is ``weighing_items``; this module holds the use cases that write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from zienswijze.db import (
    Case,
    Invitation,
    ResponseItem,
    ResponseVersion,
    StakeholderResponse,
    Weighing,
    WeighingPassage,
)
from zienswijze.db.queries import invitations_with_case
from zienswijze.domain import weighing as rules
from zienswijze.domain.grounds import normalize_code
from zienswijze.domain.responses import WeighingOutcome
from zienswijze.domain.scheduling import amsterdam_date
from zienswijze.domain.text import N_
from zienswijze.services import audit, decision_gate, locks
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.errors import Conflict, Invalid, NotFound
from zienswijze.services.weighing_items import Item, one


def add_for_invitation(session: Session, invitation: Invitation) -> None:
    """The weighing of the stakeholder's interests should no view come in, made with the invitation."""
    session.add(Weighing(invitation_id=invitation.id))


def record(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    weighing_id: int,
    outcome: str | None,
    motivation: str,
    interests: str = "",
    ground_code: str = "",
    marked: Sequence[tuple[int | None, str]] = (),
    override_reason: str = "",
    now: datetime,
) -> Item:
    """Records the handler's weighing of one item; what it changes follows from ``domain.outcome``.

    ``marked`` are the (page, passage) pairs withheld when the item is partly honoured. A missing view
    is weighed once none can come any more, or earlier with ``override_reason``, kept in the audit trail.
    """
    case = case_by_id(session, actor, case_id)
    locks.refuse_after_decision(case)
    item, grounds = one(session, case, weighing_id)
    early = _early_reason(session, case, item, now, override_reason.strip())
    chosen = next((member for member in WeighingOutcome if member == outcome), None)
    codes = {g.code: g for g in grounds.values()}
    ground = codes.get(normalize_code(ground_code)) if ground_code.strip() else None
    passages = [(page, text.strip()) for page, text in marked if text.strip()]
    errors = rules.weighing_errors(item.subject, chosen, motivation, ground.code if ground else "", len(passages))
    if ground_code.strip() and ground is None:
        errors["ground"] = N_("Kies een weigeringsgrond uit de lijst.")
    if any(page is None or page < 1 for page, _ in passages):
        errors["marked"] = N_("Vul bij elke passage het paginanummer in.")
    if errors or chosen is None:  # weighing_errors names a missing outcome
        raise Invalid(errors)
    weighing = item.weighing
    weighing.outcome, weighing.motivation = chosen, motivation.strip()
    weighing.interests, weighing.ground_id = interests.strip(), ground.id if ground else None
    weighing.weighed_by_id, weighing.weighed_at = actor.user_id, now
    for old in item.marked:
        session.delete(old)
    kept = passages if chosen is WeighingOutcome.DEELS_GEHONOREERD else []
    session.add_all(WeighingPassage(weighing_id=weighing.id, page=page or 1, passage=text) for page, text in kept)
    session.flush()
    audit.record(
        session,
        actor,
        "weighing.recorded",
        case=case,
        invitation=item.invitation,
        weighing=weighing.id,
        subject=item.subject.value,
        outcome=chosen.value,
        ground=ground.code if ground else None,
        marked=[{"page": page, "passage": text} for page, text in kept],
        override_reason=early,
    )
    session.commit()
    return item


def _early_reason(session: Session, case: Case, item: Item, now: datetime, reason: str) -> str | None:
    """The reason a missing view is weighed while one can still come (Conflict without it); None when none can."""
    if item.subject is not rules.Subject.GEEN_ZIENSWIJZE:
        return None
    for waiting in decision_gate.pending(session, case, amsterdam_date(now)):
        if waiting.invitation.id == item.invitation.id:
            if not reason:
                raise Conflict(
                    N_(
                        "%(waiting)s Weeg de belangen van deze belanghebbende daarna, of geef de reden om dat nu "
                        "al te doen.",
                        waiting=waiting.message,
                    )
                )
            return reason
    return None


def case_of_weighing(session: Session, actor: Actor, weighing_id: int) -> Case:
    """The case a weighing belongs to, if it is the actor's organisation's; NotFound otherwise."""
    row = session.get(Weighing, weighing_id)
    invitation_id = row.invitation_id if row else None
    if row is not None and row.item_id is not None:
        invitation_id = session.exec(
            select(StakeholderResponse.invitation_id)
            .join(ResponseVersion, col(ResponseVersion.response_id) == StakeholderResponse.id)
            .join(ResponseItem, col(ResponseItem.version_id) == ResponseVersion.id)
            .where(ResponseItem.id == row.item_id)
        ).first()
    case = session.exec(
        invitations_with_case(Case).where(
            col(Invitation.id) == invitation_id, col(Case.organisation_id) == actor.organisation_id
        )
    ).first()
    if case is None:
        raise NotFound(f"afweging {weighing_id}")
    return case
