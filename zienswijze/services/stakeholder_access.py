"""A stakeholder's way in: checking their link and opening their file (dossier).

A GET of the link changes nothing (mail scanners fetch every link); only the stakeholder's own POST
counts as opening. Whether the link still works is decided from the stored deadline, never from the
token's age.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from zienswijze.db import (
    Case,
    Concern,
    ConsultationRound,
    Document,
    Ground,
    Invitation,
    Organisation,
    ProposedRedaction,
    Stakeholder,
    StoredFile,
)
from zienswijze.db.queries import invitations_with_case, redactions_by_document
from zienswijze.domain.consultation import InvitationState, LinkStatus, link_status, transition
from zienswijze.mail.links import read_link_token
from zienswijze.services import audit
from zienswijze.services.context import Actor
from zienswijze.services.invitations import invitation_in_organisation


@dataclass(frozen=True)
class LinkCheck:
    status: LinkStatus
    invitation: Invitation | None = None
    case: Case | None = None
    organisation: Organisation | None = None


def check_link(
    session: Session, *, token: str, secret_key: str, now: datetime, older_keys: Sequence[str] = ()
) -> LinkCheck:
    claim = read_link_token(secret_key, token, older_keys)
    if claim is None:
        return LinkCheck(LinkStatus.UNKNOWN)
    row = session.exec(
        invitations_with_case(Invitation, Case, Organisation)
        .join(Organisation, col(Case.organisation_id) == Organisation.id)
        .where(col(Invitation.id) == claim.invitation_id)
    ).first()
    if row is None:
        return LinkCheck(LinkStatus.UNKNOWN)
    invitation, case, organisation = row
    status = link_status(
        invitation.state,
        invitation.deadline,
        now,
        current_link=claim.matches(invitation.nonce_hash),
        decided=case.decision_date is not None,
    )
    return LinkCheck(status, invitation, case, organisation)


def session_status(session: Session, invitation: Invitation, nonce_hash: str | None, now: datetime) -> LinkStatus:
    """The same rules for a stakeholder who already opened the file in this browser."""
    current = nonce_hash is not None and nonce_hash == invitation.nonce_hash
    decided_on = session.exec(
        invitations_with_case(Case.decision_date).where(col(Invitation.id) == invitation.id)
    ).first()
    return link_status(invitation.state, invitation.deadline, now, current_link=current, decided=decided_on is not None)


def open_invitation(session: Session, actor: Actor, *, invitation_id: int, now: datetime) -> None:
    """The stakeholder pressed "Open uw dossier": the first time moves the invitation to `geopend`."""
    invitation, _round, case = invitation_in_organisation(session, actor, invitation_id)
    if invitation.state is InvitationState.CONCEPT:
        # The link reached them before the dispatcher recorded the delivery: it was delivered.
        invitation.state = transition(invitation.state, InvitationState.VERZONDEN)
    if invitation.state is InvitationState.VERZONDEN:
        invitation.state = transition(invitation.state, InvitationState.GEOPEND)
    first = invitation.first_opened_at is None
    invitation.first_opened_at = invitation.first_opened_at or now
    invitation.last_opened_at = now
    audit.record(session, actor, "invitation.opened", case=case, invitation=invitation, first=first)
    session.commit()


@dataclass(frozen=True)
class Dossier:
    organisation: Organisation
    case: Case
    round: ConsultationRound
    stakeholder: Stakeholder
    invitation: Invitation
    documents: list[Document]
    redactions: dict[int, list[tuple[ProposedRedaction, Ground]]]
    page_counts: dict[int, int]  # document id -> pages of its PDF


def dossier(session: Session, *, invitation_id: int) -> Dossier:
    """What the stakeholder may see: their own documents and those documents' proposed redactions only."""
    invitation, round_, case, organisation, stakeholder = session.exec(
        invitations_with_case(Invitation, ConsultationRound, Case, Organisation, Stakeholder)
        .join(Organisation, col(Case.organisation_id) == Organisation.id)
        .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
        .where(col(Invitation.id) == invitation_id)
    ).one()
    documents = list(
        session.exec(
            select(Document)
            .join(Concern, col(Concern.document_id) == Document.id)
            .where(Concern.stakeholder_id == stakeholder.id)
            .order_by(col(Document.number))
        )
    )
    shown = {d.id for d in documents}
    redactions = redactions_by_document(session, case.id, shown)
    pages: dict[str | None, int | None] = dict(
        session.exec(
            select(StoredFile.sha256, StoredFile.page_count).where(
                col(StoredFile.sha256).in_([d.file_sha256 for d in documents if d.file_sha256])
            )
        ).all()
    )
    page_counts = {d.id: pages.get(d.file_sha256) or 0 for d in documents}
    return Dossier(organisation, case, round_, stakeholder, invitation, documents, redactions, page_counts)


def own_document(
    session: Session, *, invitation_id: int, document_id: int
) -> tuple[Document, StoredFile, list[tuple[ProposedRedaction, Ground]]] | None:
    """One of the invitation's stakeholder's own documents, with its stored PDF and its proposed redactions;
    None for any other document or one without a PDF. A page image needs this one document, not the file."""
    row = session.exec(
        select(Document, StoredFile)
        .join(Concern, col(Concern.document_id) == Document.id)
        .join(Invitation, col(Invitation.stakeholder_id) == Concern.stakeholder_id)
        .join(StoredFile, col(StoredFile.sha256) == Document.file_sha256)
        .where(col(Invitation.id) == invitation_id, col(Document.id) == document_id)
    ).first()
    if row is None:
        return None
    document, stored = row
    return document, stored, redactions_by_document(session, document.case_id, [document.id]).get(document.id, [])
