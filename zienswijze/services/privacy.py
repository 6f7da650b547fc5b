"""An organisation's privacy settings: the retention period and what its privacy statement names."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from zienswijze.db import Case, Organisation
from zienswijze.domain.limits import TextCap, length_error
from zienswijze.domain.retention import retention_problem
from zienswijze.services import audit
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid


def set_privacy(
    session: Session, actor: Actor, *, retention_years: int | None, officer: str, recipients: str
) -> Organisation:
    errors: dict[str, str] = {}
    problem = retention_problem(retention_years)
    if problem is not None:
        errors["retention_years"] = problem
    for field, value in (("officer", officer), ("recipients", recipients)):
        if message := length_error(value.strip(), TextCap.SENTENCE):
            errors[field] = message
    if errors:
        raise Invalid(errors)
    organisation = session.get_one(Organisation, actor.organisation, with_for_update=True)
    organisation.retention_years = retention_years
    organisation.privacy_officer, organisation.privacy_recipients = officer.strip(), recipients.strip()
    audit.record(
        session,
        actor,
        "organisation.privacy",
        retention_years=retention_years,
        privacy_officer=organisation.privacy_officer,
        privacy_recipients=organisation.privacy_recipients,
    )
    session.commit()
    return organisation


def erased_count(session: Session, organisation_id: int) -> int:
    """How many of the organisation's cases have had their personal data erased."""
    return session.exec(
        select(func.count()).where(Case.organisation_id == organisation_id, col(Case.erased_at).is_not(None))
    ).one()
