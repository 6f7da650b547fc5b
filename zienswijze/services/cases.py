"""Use cases on a Woo request (Woo-verzoek) as a whole."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from zienswijze import clock
from zienswijze.db import Case
from zienswijze.domain.cases import REFERENCE_MAX_LENGTH, CaseStatus, decision_overdue, reference_problem
from zienswijze.domain.decision_term import first_term_end, suspended_decision_deadline, woo_decision_deadline
from zienswijze.domain.text import N_
from zienswijze.services import audit
from zienswijze.services.context import Actor
from zienswijze.services.errors import Conflict, Invalid, NotFound, require_date, require_text

TEXT_FIELDS = {
    "subject": (500, N_("het onderwerp")),
    "requester_name": (200, N_("de naam van de verzoeker")),
    "contact_name": (200, N_("de naam van de contactpersoon")),
}


def case_by_id(session: Session, actor: Actor, case_id: int) -> Case:
    """The case if it is the actor's organisation's; any other is NotFound, never forbidden."""
    case = session.get(Case, case_id)
    if case is None or case.organisation_id != actor.organisation_id:
        raise NotFound(f"zaak {case_id}")
    return case


def case_by_reference(session: Session, actor: Actor, reference: str) -> Case:
    case = session.exec(
        select(Case).where(Case.organisation_id == actor.organisation_id, Case.reference == reference)
    ).first()
    if case is None:
        raise NotFound(f"zaak {reference}")
    return case


def decision_deadline_of(case: Case) -> date:
    """Woo art. 4.4: the decision deadline, postponed and suspended as recorded on the case."""
    if case.suspension_notice_sent and case.suspension_ended:
        return suspended_decision_deadline(case.received, postponed=case.postponed, suspensions=_suspensions(case))
    return woo_decision_deadline(case.received, postponed=case.postponed)


def is_decision_overdue(case: Case, today: date) -> bool:
    """Whether the case pages should flag the decision as late (``domain.cases.decision_overdue``)."""
    decided = case.decision_date is not None or case.status in (CaseStatus.BESLUIT_GENOMEN, CaseStatus.AFGESLOTEN)
    suspended = case.suspension_notice_sent is not None and case.suspension_ended is None
    return decision_overdue(decision_deadline_of(case), today=today, decided=decided, suspended=suspended)


def _check_in_time(errors: dict[str, str], case: Case, sent: date) -> None:
    """The notice falls between receipt and the end of the first term as the suspension moved it."""
    last_day = first_term_end(case.received, suspensions=_suspensions(case))
    if sent < case.received:
        errors["notice_sent"] = N_("De verdaging kan niet vóór de ontvangst van het verzoek zijn meegedeeld.")
    elif last_day is not None and sent > last_day:
        errors["notice_sent"] = N_(
            "De verdaging moet worden meegedeeld vóór het einde van de eerste termijn (%(last_day)s).",
            last_day=last_day.strftime("%d-%m-%Y"),
        )


def _suspensions(case: Case) -> list[tuple[date, date | None]]:
    if case.suspension_notice_sent is None:
        return []
    return [(case.suspension_notice_sent, case.suspension_ended)]


def create_case(
    session: Session,
    actor: Actor,
    *,
    reference: object,
    subject: object,
    received: object,
    requester_name: object = "",
) -> Case:
    organisation_id = actor.organisation
    errors: dict[str, str] = {}
    reference_text = require_text(
        errors, "reference", reference, max_length=REFERENCE_MAX_LENGTH, label=N_("het kenmerk")
    )
    if reference_text and "reference" not in errors and (problem := reference_problem(reference_text)):
        errors["reference"] = problem
    values = _validated(errors, {"subject": subject, "received": received, "requester_name": requester_name or None})
    taken = {"reference": N_("Er is al een zaak met kenmerk %(reference)s.", reference=reference_text)}
    if (
        "reference" not in errors
        and session.exec(
            select(Case.id).where(Case.organisation_id == organisation_id, Case.reference == reference_text)
        ).first()
    ):
        errors.update(taken)
    if errors:
        raise Conflict(errors) if errors == taken else Invalid(errors)
    case = Case(organisation_id=organisation_id, reference=reference_text, **values)
    case.decision_deadline = decision_deadline_of(case)
    session.add(case)
    try:
        session.flush()
    except IntegrityError:  # registered at the same moment by someone else
        session.rollback()
        raise Conflict(taken) from None
    audit.record(session, actor, "case.created", case=case, reference=case.reference)
    session.commit()
    return case


def update_case(session: Session, actor: Actor, *, case_id: int, changes: Mapping[str, Any]) -> Case:
    case = case_by_id(session, actor, case_id)
    errors: dict[str, str] = {}
    unknown = set(changes) - set(TEXT_FIELDS) - {"received", "postponed"}
    errors.update({field: N_("Dit veld kan niet worden gewijzigd.") for field in sorted(unknown)})
    values = _validated(errors, {k: v for k, v in changes.items() if k not in unknown})
    if errors:
        raise Invalid(errors)
    for field, value in values.items():
        setattr(case, field, value)
    case.decision_deadline = decision_deadline_of(case)
    case.updated_at = clock.now()
    audit.record(session, actor, "case.updated", case=case, fields=sorted(values))
    session.commit()
    return case


def _validated(errors: dict[str, str], changes: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field, value in changes.items():
        if field in TEXT_FIELDS:
            if value is None and field != "subject":
                values[field] = ""
                continue
            max_length, label = TEXT_FIELDS[field]
            values[field] = require_text(errors, field, value, max_length=max_length, label=label)
        elif field == "received":
            values[field] = require_date(errors, field, value)
        elif field == "postponed":
            if not isinstance(value, bool):
                errors[field] = N_("Geef aan of de beslistermijn is verdaagd (ja of nee).")
            values[field] = value
    return values


def postpone_decision(session: Session, actor: Actor, *, case_id: int, notice_sent: object) -> Case:
    """Woo art. 4.4 lid 2: the decision term may be postponed once by two weeks, with a reasoned notice
    to the requester sent before the first term ends; a suspension for the consultation moves that end."""
    case = case_by_id(session, actor, case_id)
    errors: dict[str, str] = {}
    sent = require_date(errors, "notice_sent", notice_sent)
    if case.postponed:
        errors["notice_sent"] = N_("De beslistermijn is al verdaagd; dat kan maar één keer.")
    elif sent is not None:
        _check_in_time(errors, case, sent)
    if errors:
        raise Invalid(errors)
    case.postponed, case.postponement_notice_sent = True, sent
    case.decision_deadline = decision_deadline_of(case)
    case.updated_at = clock.now()
    audit.record(
        session, actor, "case.postponed", case=case, notice_sent=sent, decision_deadline=case.decision_deadline
    )
    session.commit()
    return case
