"""Read queries for the handler's pages and the API, always scoped to one organisation."""

from __future__ import annotations

from sqlmodel import Session, func, select

from zienswijze.db import Case, Concern, Document, Stakeholder


def cases_of(session: Session, organisation_id: int) -> list[Case]:
    return list(
        session.exec(
            select(Case)
            .where(Case.organisation_id == organisation_id)
            .order_by(Case.decision_deadline.is_(None), Case.decision_deadline, Case.reference)
        )
    )


def case_of(session: Session, organisation_id: int, reference: str) -> Case | None:
    """The case with this reference if it belongs to the organisation; another body's case is None."""
    return session.exec(
        select(Case).where(Case.organisation_id == organisation_id, Case.reference == reference)
    ).first()


def documents_of(session: Session, case_id: int) -> list[Document]:
    return list(session.exec(select(Document).where(Document.case_id == case_id).order_by(Document.number)))


def stakeholders_with_concern_counts(session: Session, case_id: int) -> list[tuple[Stakeholder, int]]:
    rows = session.exec(
        select(Stakeholder, func.count(Concern.document_id))
        .join(Concern, Concern.stakeholder_id == Stakeholder.id, isouter=True)
        .where(Stakeholder.case_id == case_id)
        .group_by(Stakeholder.id)
        .order_by(Stakeholder.code)
    )
    return [(stakeholder, count) for stakeholder, count in rows]
