"""The invitation to give a view (verzoek om zienswijze), queued per contact with its personal link.

The caller issues the link (``links.issue_link``) in the same transaction, so the mail carries the
one link that works.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from zienswijze.db import Case, Concern, ConsultationRound, Document, Invitation, Organisation, Stakeholder
from zienswijze.domain.deadlines import format_date_nl
from zienswijze.mail.queue import queue_to_stakeholder


def queue_invitation_mails(
    session: Session,
    *,
    organisation: Organisation,
    case: Case,
    round_: ConsultationRound,
    invitation: Invitation,
    stakeholder: Stakeholder,
    link: str,
    privacy_url: str,
    explanation: list[str],
    today: date,
) -> int:
    """One mail per contact of the stakeholder, with the deadline's stored explanation; returns how many."""
    documents = session.exec(
        select(Document)
        .join(Concern, col(Concern.document_id) == Document.id)
        .where(Concern.stakeholder_id == stakeholder.id)
        .order_by(col(Document.number))
    ).all()
    context = {
        "organisation": organisation,
        "case": case,
        "round": round_,
        "stakeholder": stakeholder,
        "documents": documents,
        "deadline": format_date_nl(invitation.deadline),
        "explanation": explanation,
        "received": format_date_nl(case.received, weekday=False),
        "sent": format_date_nl(today, weekday=False),
        "link": link,
        "privacy_url": privacy_url,
    }
    return queue_to_stakeholder(
        session,
        invitation=invitation,
        case=case,
        subject=f"Verzoek om uw zienswijze over openbaarmaking van documenten ({case.reference})",
        template="invitation",
        context=context,
        kind="invitation",
    )
