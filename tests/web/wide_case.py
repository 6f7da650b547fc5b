"""A case with many stakeholders written straight to the database, for the tests of the pages that must not
grow with them; built through the services it would take a minute."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from zienswijze.db import (
    Case,
    Concern,
    ConsultationRound,
    Contact,
    Document,
    ExtensionRequest,
    Ground,
    Invitation,
    Organisation,
    OutboxMessage,
    ProposedRedaction,
    Stakeholder,
    Weighing,
)
from zienswijze.db.session import new_session
from zienswijze.domain.cases import Assessment, StakeholderKind
from zienswijze.domain.consultation import InvitationState


def wide_case(app, reference: str, size: int) -> None:
    """A case with ``size`` documents (each with a proposed redaction) and ``size`` stakeholders, each with
    a contact, a concern, an invitation with its mail and its weighing, and every third one an extension request."""
    with app.app_context(), new_session() as session:
        organisation = session.exec(select(Organisation).where(Organisation.name == "Gemeente A")).one()
        ground = session.exec(select(Ground).where(Ground.organisation_id == organisation.id)).first()
        case = Case(
            organisation_id=organisation.id,
            reference=reference,
            subject="Groot",
            received=date(2024, 4, 8),
            decision_deadline=date(2024, 5, 6),
        )
        session.add(case)
        session.flush()
        documents = [
            Document(
                case_id=case.id,
                number=n,
                title=f"Document {n}",
                assessment=Assessment.DEELS_OPENBAAR,
                ground_codes=[ground.code],
            )
            for n in range(1, size + 1)
        ]
        stakeholders = [
            Stakeholder(case_id=case.id, code=f"B{n}", name=f"Belanghebbende {n}", kind=StakeholderKind.BEDRIJF)
            for n in range(1, size + 1)
        ]
        round_ = ConsultationRound(
            case_id=case.id, number=1, term_start=date(2024, 4, 10), term_days=14, deadline=date(2024, 4, 24)
        )
        session.add_all([*documents, *stakeholders, round_])
        session.flush()
        invitations = [
            Invitation(
                round_id=round_.id,
                stakeholder_id=s.id,
                term_start=date(2024, 4, 10),
                term_days=14,
                deadline=date(2024, 4, 24),
                state=InvitationState.VERZONDEN,
            )
            for s in stakeholders
        ]
        session.add_all(
            [
                *invitations,
                *(ProposedRedaction(document_id=d.id, page=1, passage="X", ground_id=ground.id) for d in documents),
                *(Contact(stakeholder_id=s.id, email=f"b{s.code}@example.org") for s in stakeholders),
                *(Concern(stakeholder_id=s.id, document_id=d.id) for s, d in zip(stakeholders, documents, strict=True)),
            ]
        )
        session.flush()
        session.add_all(
            [
                *(
                    OutboxMessage(
                        organisation_id=organisation.id,
                        case_id=case.id,
                        invitation_id=i.id,
                        kind="invitation",
                        message_id=f"<{reference}-{i.id}@test>",
                        to_address="x@example.org",
                        subject="Uitnodiging",
                        body_text="Uitnodiging",
                    )
                    for i in invitations
                ),
                *(ExtensionRequest(invitation_id=i.id, requested_until=date(2024, 5, 8)) for i in invitations[::3]),
                # Made with every invitation (services.weighing.add_for_invitation); the case page reads the weighing.
                *(Weighing(invitation_id=i.id) for i in invitations),
            ]
        )
        session.commit()
