"""Stakeholders (derde-belanghebbenden) of a case, their e-mail contacts and the documents that concern them."""

from __future__ import annotations

from collections.abc import Iterable

from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, col, select

from zienswijze.db import Case, Concern, Contact, Document, Stakeholder
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.number_ranges import FIELD, compact, parse_numbers
from zienswijze.domain.text import N_
from zienswijze.services import audit
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid, NotFound, require_text

# Unknown document numbers named in a refusal; a range typed wrong could name thousands.
MISSING_SHOWN = 20


def normalized_email(errors: dict[str, str], field: str, raw: object) -> str:
    try:
        return validate_email(str(raw).strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        errors[field] = N_("%(address)s is geen geldig e-mailadres.", address=str(raw))
        return ""


def add_stakeholder(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    name: object,
    kind: object,
    emails: Iterable[object],
    document_ids: Iterable[int | str],
) -> Stakeholder:
    case = case_by_id(session, actor, case_id)
    errors: dict[str, str] = {}
    name_text = require_text(errors, "name", name, max_length=300, label=N_("de naam"))
    try:
        kind_value = StakeholderKind(str(kind))
    except ValueError:
        errors["kind"] = N_("Kies bedrijf, persoon of bestuursorgaan.")
    addresses = sorted({normalized_email(errors, "email", e) for e in emails if str(e).strip()} - {""})
    if not addresses and "email" not in errors:
        errors["email"] = N_("Vul ten minste één e-mailadres in.")
    documents = _documents(session, errors, case, document_ids)
    if errors:
        raise Invalid(errors)
    stakeholder = Stakeholder(case_id=case.id, code=_next_code(session, case), name=name_text, kind=kind_value)
    session.add(stakeholder)
    session.flush()
    session.add_all(Contact(stakeholder_id=stakeholder.id, email=address) for address in addresses)
    session.add_all(Concern(stakeholder_id=stakeholder.id, document_id=d.id) for d in documents)
    numbers = sorted(d.number for d in documents)
    audit.record(session, actor, "stakeholder.added", case=case, stakeholder_id=stakeholder.id, documents=numbers)
    session.commit()
    return stakeholder


def set_concerns(
    session: Session, actor: Actor, *, case_id: int, stakeholder_id: int, document_ids: Iterable[int | str]
) -> None:
    """Replaces the documents that concern a stakeholder: the only ones they will be shown."""
    case = case_by_id(session, actor, case_id)
    stakeholder = stakeholder_of(session, case, stakeholder_id)
    errors: dict[str, str] = {}
    documents = _documents(session, errors, case, document_ids)
    if errors:
        raise Invalid(errors)
    for concern in session.exec(select(Concern).where(Concern.stakeholder_id == stakeholder.id)):
        session.delete(concern)
    session.flush()
    session.add_all(Concern(stakeholder_id=stakeholder.id, document_id=d.id) for d in documents)
    numbers = sorted(d.number for d in documents)
    audit.record(
        session, actor, "stakeholder.concerns_set", case=case, stakeholder_id=stakeholder.id, documents=numbers
    )
    session.commit()


def stakeholder_of(session: Session, case: Case, stakeholder_id: int) -> Stakeholder:
    stakeholder = session.get(Stakeholder, stakeholder_id)
    if stakeholder is None or stakeholder.case_id != case.id:
        raise NotFound(f"belanghebbende {stakeholder_id}")
    return stakeholder


def _documents(
    session: Session, errors: dict[str, str], case: Case, document_ids: Iterable[int | str]
) -> list[Document]:
    wanted = set()
    for raw in document_ids:
        try:
            wanted.add(int(raw))
        except (TypeError, ValueError):
            errors["document_ids"] = N_("Kies documenten uit deze zaak.")
            return []
    if not wanted:
        return []
    documents = session.exec(select(Document).where(Document.case_id == case.id, col(Document.id).in_(wanted))).all()
    if len(documents) != len(wanted):
        errors["document_ids"] = N_("Kies documenten uit deze zaak.")
    return list(documents)


def _next_code(session: Session, case: Case) -> str:
    codes = set(session.exec(select(Stakeholder.code).where(Stakeholder.case_id == case.id)))
    number = len(codes) + 1
    while f"B{number}" in codes:
        number += 1
    return f"B{number}"


def document_ids_numbered(session: Session, case_id: int, text: str) -> list[int]:
    """The ids of the case's documents that ``text`` names by number (``1-200, 305``); Invalid names the
    numbers the case does not have, so a typing mistake is not a silently smaller choice."""
    numbers = parse_numbers(text)
    found = dict(session.exec(select(Document.number, Document.id).where(Document.case_id == case_id)).all())
    if missing := sorted(numbers - found.keys()):
        shown = compact(missing[:MISSING_SHOWN]) + (" …" if len(missing) > MISSING_SHOWN else "")
        raise Invalid({FIELD: N_("Deze zaak heeft geen document met nummer %(numbers)s.", numbers=shown)})
    return [found[number] for number in sorted(numbers)]
