"""The files stakeholders attach to their view, as the handler of the case reads them.

Only attachments of submitted views are shown: a draft is the stakeholder's own until it is sent.
"""

from __future__ import annotations

from sqlmodel import Session, col

from zienswijze.db import Attachment, Case, Invitation, ResponseVersion, StakeholderResponse, StoredFile
from zienswijze.db.queries import invitations_with_case
from zienswijze.domain.errors import NotFound
from zienswijze.domain.responses import VersionStatus
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor


def attachment_of_case(
    session: Session, actor: Actor, *, case_id: int, attachment_id: int
) -> tuple[Attachment, StoredFile]:
    """The attachment and its stored file; NotFound unless it belongs to a submitted view in this case."""
    case = case_by_id(session, actor, case_id)
    row = session.exec(
        invitations_with_case(Attachment, StoredFile)
        .join(StakeholderResponse, col(StakeholderResponse.invitation_id) == Invitation.id)
        .join(ResponseVersion, col(ResponseVersion.response_id) == StakeholderResponse.id)
        .join(Attachment, col(Attachment.version_id) == ResponseVersion.id)
        .join(StoredFile, col(StoredFile.sha256) == Attachment.file_sha256)
        .where(
            col(Attachment.id) == attachment_id,
            col(Case.id) == case.id,
            col(ResponseVersion.status) == VersionStatus.INGEDIEND,
        )
    ).first()
    if row is None:
        raise NotFound(f"bijlage {attachment_id}")
    return row[0], row[1]
