"""The files stakeholders attach to their view: added to and taken off their draft, and read by the handler.

The handler sees only attachments of submitted views: a draft is the stakeholder's own until it is sent.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, func, select

from zienswijze.db import Attachment, Case, Invitation, ResponseVersion, StakeholderResponse, StoredFile
from zienswijze.db.queries import invitations_with_case
from zienswijze.domain.errors import NotFound
from zienswijze.domain.limits import AttachmentLimits
from zienswijze.domain.responses import VersionStatus
from zienswijze.domain.text import N_
from zienswijze.files.store import remove_if_unreferenced, store_file
from zienswijze.services import audit
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.documents import DocumentError, check_pdf
from zienswijze.services.errors import Invalid
from zienswijze.services.response_versions import draft_version
from zienswijze.services.responses import hold_open_invitation


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


def add_attachment(
    session: Session,
    actor: Actor,
    *,
    invitation_id: int,
    filename: str,
    data: bytes,
    upload_dir: Path,
    max_bytes: int,
    limits: AttachmentLimits,
    now: datetime,
) -> Attachment:
    """Adds a PDF to the draft, within the invitation's limits on the number and total size of its files."""
    invitation, case = hold_open_invitation(session, actor, invitation_id, now)
    try:
        info = check_pdf(data, max_bytes=max_bytes)
    except DocumentError as error:
        raise Invalid({"attachment": error.messages[0]}) from None  # check_pdf names the one problem it found
    version = draft_version(session, invitation, case.organisation_id, now)
    # Parallel uploads to one draft wait for each other here (PostgreSQL), so together they keep the limits.
    session.refresh(version, with_for_update=True)
    count, total = session.exec(
        select(func.count(col(Attachment.id)), func.coalesce(func.sum(StoredFile.size), 0))
        .join(StoredFile, col(StoredFile.sha256) == Attachment.file_sha256)
        .where(Attachment.version_id == version.id)
    ).one()
    if refusal := limits.refusal(count=count, total_bytes=total, new_bytes=len(data)):
        raise Invalid({"attachment": refusal})
    stored = store_file(
        session, upload_dir=upload_dir, data=data, content_type="application/pdf", page_count=info.page_count
    )
    attachment = Attachment(
        version_id=version.id, file_sha256=stored.sha256, filename=(Path(filename).name or "bijlage.pdf")[:300]
    )
    session.add(attachment)
    session.flush()
    audit.record(
        session,
        actor,
        "response.attachment_added",
        case=case,
        invitation=invitation,
        sha256=stored.sha256,
        filename=attachment.filename,
    )
    session.commit()
    return attachment


def remove_attachment(
    session: Session, actor: Actor, *, invitation_id: int, attachment_id: int, upload_dir: Path, now: datetime
) -> None:
    """Takes the attachment off the draft; its file goes too unless another row (a submission) still has it."""
    invitation, case = hold_open_invitation(session, actor, invitation_id, now)
    version = draft_version(session, invitation, case.organisation_id, now)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.version_id != version.id:
        raise Invalid({"attachment": N_("Deze bijlage hoort niet bij uw concept.")})
    session.delete(attachment)
    session.flush()
    removed = remove_if_unreferenced(session, upload_dir=upload_dir, sha256=attachment.file_sha256)
    audit.record(
        session,
        actor,
        "response.attachment_removed",
        case=case,
        invitation=invitation,
        filename=attachment.filename,
        sha256=attachment.file_sha256,
        file_removed=removed,
    )
    session.commit()
