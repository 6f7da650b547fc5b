"""Starting a consultation round: one invitation per stakeholder, their mails queued in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, func, select

from zienswijze import clock
from zienswijze.db import Case, Concern, ConsultationRound, Invitation, Organisation, Stakeholder
from zienswijze.db.queries import case_invitations
from zienswijze.domain.cases import CaseStatus
from zienswijze.domain.consultation import OPEN_STATES
from zienswijze.domain.deadlines import explain_term_end
from zienswijze.domain.limits import TextCap, length_error
from zienswijze.domain.text import N_
from zienswijze.services import audit, weighing
from zienswijze.services.cases import case_by_id
from zienswijze.services.closed_days import closed_days_of
from zienswijze.services.context import Actor, LinkSettings
from zienswijze.services.deadlines import set_deadline
from zienswijze.services.errors import Invalid
from zienswijze.services.invitations import mail_new_link

MAX_TERM_DAYS = 365
MAX_EXTENSION_DAYS = 120


@dataclass(frozen=True)
class RoundSettings:
    """What the handler chose; ``deadline`` (an explicit date) wins over ``term_days``."""

    stakeholder_ids: list[int] | None = None
    term_days: int | None = None
    deadline: date | None = None
    allow_extensions: bool = True
    max_extension_days: int = 14
    auto_grant_extensions: bool = False
    verify_email: bool = False
    note: str = ""
    extension_reason: str = ""  # "de vakantie", written in the decision paragraph


@dataclass(frozen=True)
class TermPreview:
    term_start: date
    term_days: int
    deadline: date
    explanation: list[str]


def default_stakeholder_ids(session: Session, case: Case) -> list[int]:
    """Every stakeholder with a document that concerns them and no open invitation."""
    open_ids = set(
        session.exec(
            case_invitations(Invitation.stakeholder_id, case_id=case.id).where(col(Invitation.state).in_(OPEN_STATES))
        )
    )
    with_concerns = session.exec(
        select(Stakeholder.id)
        .join(Concern, col(Concern.stakeholder_id) == Stakeholder.id)
        .where(Stakeholder.case_id == case.id)
        .group_by(col(Stakeholder.id))
        .order_by(col(Stakeholder.id))
    )
    return [sid for sid in with_concerns if sid not in open_ids]


def preview_term(session: Session, *, case: Case, settings: RoundSettings, today: date) -> TermPreview:
    """The deadline the round would get, with how it was computed; Invalid when the choice is wrong."""
    errors: dict[str, str] = {}
    preview = _term(session, case, settings, today, errors)
    if errors:
        raise Invalid(errors)
    return preview


def start_round(
    session: Session, actor: Actor, *, case_id: int, settings: RoundSettings, links: LinkSettings
) -> ConsultationRound:
    case, today = case_by_id(session, actor, case_id), links.today
    errors: dict[str, str] = {}
    term = _term(session, case, settings, today, errors)
    if not 0 <= settings.max_extension_days <= MAX_EXTENSION_DAYS:
        errors["max_extension_days"] = N_(
            "Kies een maximale verlenging van 0 tot en met %(days)s dagen.", days=MAX_EXTENSION_DAYS
        )
    reason = " ".join(settings.extension_reason.split()) if settings.allow_extensions else ""
    if too_long := length_error(reason, TextCap.NAME):
        errors["extension_reason"] = too_long
    stakeholders = _chosen(session, case, settings.stakeholder_ids, errors)
    if errors:
        raise Invalid(errors)

    number = (
        session.exec(select(func.max(ConsultationRound.number)).where(ConsultationRound.case_id == case.id)).one() or 0
    ) + 1
    round_ = ConsultationRound(
        case_id=case.id,
        number=number,
        term_start=term.term_start,
        term_days=term.term_days,
        deadline=term.deadline,
        deadline_explanation=term.explanation,
        allow_extensions=settings.allow_extensions,
        max_extension_days=settings.max_extension_days if settings.allow_extensions else 0,
        auto_grant_extensions=settings.auto_grant_extensions and settings.allow_extensions,
        extension_reason=reason,
        verify_email=settings.verify_email,
        personal_note=settings.note.strip(),
        created_by_id=actor.user_id,
        sent_at=clock.now(),
    )
    session.add(round_)
    session.flush()
    mails = 0
    for stakeholder in stakeholders:
        invitation = Invitation(
            round_id=round_.id,
            stakeholder_id=stakeholder.id,
            term_start=term.term_start,
            term_days=term.term_days,
            deadline=term.deadline,
        )
        set_deadline(session, invitation, term.deadline, term.explanation, told=False)
        session.add(invitation)
        session.flush()
        weighing.add_for_invitation(session, invitation)
        mails += mail_new_link(session, case, round_, invitation, links)
    case.status = CaseStatus.CONSULTATIE
    audit.record(
        session,
        actor,
        "round.started",
        case=case,
        round=number,
        deadline=term.deadline,
        invitations=len(stakeholders),
        mails=mails,
        explanation=term.explanation,
    )
    session.commit()
    return round_


def _term(session: Session, case: Case, settings: RoundSettings, today: date, errors: dict[str, str]) -> TermPreview:
    closed = closed_days_of(session, case.organisation_id)
    if settings.deadline is not None:
        if not today < settings.deadline <= today + timedelta(days=MAX_TERM_DAYS):
            errors["deadline"] = N_("Kies een uiterste datum na vandaag en binnen %(days)s dagen.", days=MAX_TERM_DAYS)
            return TermPreview(today, 0, today, [])
        deadline, explanation = explain_term_end(settings.deadline, extra_closed=closed)
        return TermPreview(settings.deadline, 0, deadline, explanation)
    organisation = session.get_one(Organisation, case.organisation_id)
    days = settings.term_days if settings.term_days is not None else organisation.default_term_weeks * 7
    if not 1 <= days <= MAX_TERM_DAYS:
        errors["term_days"] = N_("Kies een termijn van 1 tot en met %(days)s dagen.", days=MAX_TERM_DAYS)
        days = 14
    deadline, explanation = explain_term_end(today, days=days, extra_closed=closed)
    return TermPreview(today, days, deadline, explanation)


def _chosen(session: Session, case: Case, ids: Iterable[int] | None, errors: dict[str, str]) -> list[Stakeholder]:
    available = set(default_stakeholder_ids(session, case))
    wanted = available if ids is None else {int(i) for i in ids}
    if not wanted:
        errors["stakeholder_ids"] = (
            N_("Er is geen belanghebbende om uit te nodigen: iedereen met documenten heeft al een lopende uitnodiging.")
            if ids is None
            else N_("Kies ten minste één belanghebbende.")
        )
        return []
    stakeholders = session.exec(
        select(Stakeholder)
        .where(Stakeholder.case_id == case.id, col(Stakeholder.id).in_(wanted))
        .order_by(col(Stakeholder.id))
    ).all()
    if len(stakeholders) != len(wanted):
        errors["stakeholder_ids"] = N_("Kies belanghebbenden uit deze zaak.")
    elif not wanted <= available:
        errors["stakeholder_ids"] = N_(
            "Alleen belanghebbenden met documenten en zonder lopende uitnodiging kunnen worden uitgenodigd."
        )
    return list(stakeholders)
