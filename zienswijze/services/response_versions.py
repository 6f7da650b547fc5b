"""The versions of a view: the one draft written from the form and read back, and its submission.

Shared by the stakeholder's own view through the link and by a view a handler records (Awb 4:9), so
both are stored, superseded and weighed alike, and by the weighing that reads the latest submissions.
Helpers only: the use cases commit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select, update

from zienswijze.db import (
    Attachment,
    Case,
    Ground,
    Invitation,
    ResponseItem,
    ResponseVersion,
    StakeholderResponse,
    Weighing,
)
from zienswijze.domain.grounds import normalize_code
from zienswijze.domain.responses import Channel, ItemInput, ResponseInput, VersionStatus, content_digest
from zienswijze.domain.weighing import is_weighed
from zienswijze.services import audit
from zienswijze.services.context import Actor


def response_of(session: Session, invitation: Invitation) -> StakeholderResponse:
    """The invitation's response, or a new one not yet added to the session."""
    return session.exec(
        select(StakeholderResponse).where(StakeholderResponse.invitation_id == invitation.id)
    ).first() or StakeholderResponse(invitation_id=invitation.id)


def draft_version(session: Session, invitation: Invitation, organisation_id: int, now: datetime) -> ResponseVersion:
    """The draft to write to; a new one starts from the latest submission, attachments included."""
    response = response_of(session, invitation)
    if response.id is None:
        session.add(response)
        session.flush()
    draft = session.exec(
        select(ResponseVersion).where(
            ResponseVersion.response_id == response.id, ResponseVersion.status == VersionStatus.CONCEPT
        )
    ).first()
    if draft is not None:
        return draft
    number = (
        session.exec(select(func.max(ResponseVersion.number)).where(ResponseVersion.response_id == response.id)).one()
        or 0
    ) + 1
    draft = ResponseVersion(response_id=response.id, number=number, created_at=now, updated_at=now)
    session.add(draft)
    session.flush()
    previous = session.exec(
        select(ResponseVersion)
        .where(ResponseVersion.response_id == response.id, ResponseVersion.status == VersionStatus.INGEDIEND)
        .order_by(col(ResponseVersion.number).desc())
    ).first()
    if previous is not None:
        write_version(session, draft, input_of(session, previous), organisation_id, now)
        session.add_all(
            Attachment(version_id=draft.id, file_sha256=a.file_sha256, filename=a.filename)
            for a in attachments_of(session, previous)
        )
    return draft


def claim_draft(session: Session, response_id: int, draft_id: int) -> bool:
    """Marks the draft submitted in one conditional UPDATE, before anything is written to it: of parallel
    submissions of one draft the database lets exactly one through (the others wait for its row, then
    find it no longer a draft) and False tells the others the submission is already made."""
    claimed = session.exec(
        update(ResponseVersion)
        .where(
            col(ResponseVersion.id) == draft_id,
            col(ResponseVersion.response_id) == response_id,
            col(ResponseVersion.status) == VersionStatus.CONCEPT,
        )
        .values(status=VersionStatus.INGEDIEND),
        execution_options={"synchronize_session": False},
    ).rowcount
    return claimed == 1


def write_version(
    session: Session, version: ResponseVersion, data: ResponseInput, organisation_id: int, now: datetime
) -> None:
    version.position, version.explanation = data.position, data.explanation.strip()
    version.contact_name, version.contact_phone = data.contact_name.strip(), data.contact_phone.strip()
    version.email_consent = data.email_consent
    version.updated_at = now
    for stored in session.exec(select(ResponseItem).where(ResponseItem.version_id == version.id)):
        session.delete(stored)
    session.flush()
    grounds = dict(session.exec(select(Ground.code, Ground.id).where(Ground.organisation_id == organisation_id)).all())
    for item in data.items:
        session.add(
            ResponseItem(
                version_id=version.id,
                kind=item.kind,
                document_id=item.document_id,
                redaction_id=item.redaction_id,
                page=item.page,
                passage=item.passage.strip(),
                reasons=item.reasons.strip(),
                ground_id=grounds.get(normalize_code(item.ground_code)) if item.ground_code else None,
            )
        )
    session.flush()


def input_of(session: Session, version: ResponseVersion) -> ResponseInput:
    """A stored version as the form's input, to show it again or to start the next draft from it."""
    rows = session.exec(
        select(ResponseItem, Ground.code)
        .join(Ground, col(ResponseItem.ground_id) == Ground.id, isouter=True)
        .where(ResponseItem.version_id == version.id)
        .order_by(col(ResponseItem.id))
    )
    items = tuple(
        ItemInput(
            kind=i.kind,
            document_id=i.document_id,
            redaction_id=i.redaction_id,
            page=i.page,
            passage=i.passage,
            ground_code=code or "",
            reasons=i.reasons,
        )
        for i, code in rows
    )
    return ResponseInput(
        position=version.position,
        explanation=version.explanation,
        contact_name=version.contact_name,
        contact_phone=version.contact_phone,
        items=items,
        email_consent=version.email_consent,
    )


def attachments_of(session: Session, version: ResponseVersion) -> list[Attachment]:
    return list(
        session.exec(select(Attachment).where(Attachment.version_id == version.id).order_by(col(Attachment.id)))
    )


def submit_version(session: Session, version: ResponseVersion, data: ResponseInput, now: datetime) -> list[Attachment]:
    """Makes the written draft the submission: the earlier one superseded (both kept), the content hashed,
    and a weighing row for each objection and extra-redaction request. Returns its attachments."""
    for earlier in session.exec(
        select(ResponseVersion).where(
            ResponseVersion.response_id == version.response_id,
            ResponseVersion.id != version.id,
            ResponseVersion.status == VersionStatus.INGEDIEND,
            col(ResponseVersion.superseded_at).is_(None),
        )
    ):
        earlier.superseded_at = now
    attachments = attachments_of(session, version)
    version.status, version.submitted_at = VersionStatus.INGEDIEND, now
    version.content_sha256 = content_digest(data, tuple(a.file_sha256 for a in attachments))
    items = session.exec(select(ResponseItem).where(ResponseItem.version_id == version.id))
    session.add_all(Weighing(item_id=item.id) for item in items if is_weighed(item.kind))
    return attachments


def latest_submissions(session: Session, invitation_ids: list[int]) -> dict[int, tuple[ResponseVersion, Channel]]:
    """Per invitation, its latest submitted version and how that view reached the body."""
    latest: dict[int, tuple[ResponseVersion, Channel]] = {}
    for version, response in session.exec(
        select(ResponseVersion, StakeholderResponse)
        .join(StakeholderResponse, col(ResponseVersion.response_id) == StakeholderResponse.id)
        .where(
            col(StakeholderResponse.invitation_id).in_(invitation_ids),
            ResponseVersion.status == VersionStatus.INGEDIEND,
        )
        .order_by(col(ResponseVersion.number))
    ):
        latest[response.invitation_id] = (version, response.channel)
    return latest


def attachments_by_version(session: Session, version_ids: list[int]) -> dict[int, list[Attachment]]:
    """The attachments of each of these versions, in the order they were added."""
    grouped: dict[int, list[Attachment]] = {}
    for attachment in session.exec(
        select(Attachment).where(col(Attachment.version_id).in_(version_ids)).order_by(col(Attachment.id))
    ):
        grouped.setdefault(attachment.version_id, []).append(attachment)
    return grouped


def record_submission(
    session: Session,
    actor: Actor,
    kind: str,
    *,
    case: Case,
    invitation: Invitation,
    version: ResponseVersion,
    **details: Any,
) -> None:
    """The audit event of a submission, with the content hash that would show a later change."""
    audit.record(
        session,
        actor,
        kind,
        case=case,
        invitation=invitation,
        version=version.number,
        sha256=version.content_sha256,
        position=version.position,
        **details,
    )
