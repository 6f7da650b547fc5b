"""The stakeholder's view: drafts that survive a closed browser, and immutable submissions.

Each response has versions: at most one draft (concept) at a time, and every submission kept. A
later submission before the deadline supersedes the earlier one; both stay in the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, func, select

from zienswijze.db import (
    Attachment,
    Concern,
    Document,
    Ground,
    Invitation,
    Organisation,
    ProposedRedaction,
    ResponseItem,
    ResponseVersion,
    StakeholderResponse,
    StoredFile,
)
from zienswijze.domain.consultation import InvitationState, accepts_response, transition
from zienswijze.domain.deadlines import format_date_nl
from zienswijze.domain.grounds import normalize_code
from zienswijze.domain.responses import (
    ItemInput,
    ResponseInput,
    Shown,
    VersionStatus,
    content_digest,
    structural_errors,
    submission_errors,
)
from zienswijze.files.store import store_file
from zienswijze.mail.queue import cancel_waiting, queue_to_stakeholder
from zienswijze.services import audit, weighing
from zienswijze.services.context import Actor
from zienswijze.services.documents import DocumentError, check_pdf
from zienswijze.services.errors import Invalid
from zienswijze.services.invitations import invitation_in_organisation


class FormClosed(Invalid):
    """The deadline has passed, or the invitation no longer accepts a view."""

    def __init__(self, invitation_id: int) -> None:
        super().__init__("De termijn voor een zienswijze is voorbij, of deze uitnodiging is ingetrokken.")
        self.invitation_id = invitation_id


@dataclass(frozen=True)
class Current:
    """What the form shows: the draft, else the latest submission, else nothing yet."""

    data: ResponseInput
    version: ResponseVersion | None
    attachments: list[Attachment]
    submitted: ResponseVersion | None


def shown_to(session: Session, invitation: Invitation, organisation_id: int) -> Shown:
    document_ids = frozenset(
        session.exec(select(Concern.document_id).where(Concern.stakeholder_id == invitation.stakeholder_id))
    )
    redactions = dict(
        session.exec(
            select(ProposedRedaction.id, ProposedRedaction.document_id).where(
                ProposedRedaction.document_id.in_(document_ids)
            )
        ).all()
    )
    codes = frozenset(session.exec(select(Ground.code).where(Ground.organisation_id == organisation_id)))
    return Shown(document_ids, redactions, codes)


def current(session: Session, invitation: Invitation) -> Current:
    response = _response(session, invitation)
    versions = (
        list(
            session.exec(
                select(ResponseVersion)
                .where(ResponseVersion.response_id == response.id)
                .order_by(ResponseVersion.number)
            )
        )
        if response.id
        else []
    )
    draft = next((v for v in versions if v.status is VersionStatus.CONCEPT), None)
    submitted = next((v for v in reversed(versions) if v.status is VersionStatus.INGEDIEND), None)
    shown = draft or submitted
    if shown is None:
        return Current(ResponseInput(position=None), None, [], None)
    return Current(_input_of(session, shown), shown, attachments_of(session, shown), submitted)


def save_draft(session: Session, actor: Actor, *, invitation_id: int, data: ResponseInput, now: datetime) -> None:
    invitation, _round, case = invitation_in_organisation(session, actor, invitation_id)
    require_open(invitation, now)
    errors = structural_errors(data, shown_to(session, invitation, case.organisation_id))
    if errors:
        raise Invalid(errors)
    version = draft_version(session, invitation, case.organisation_id, now)
    write_version(session, version, data, case.organisation_id, now)
    if invitation.state is InvitationState.GEOPEND:
        invitation.state = transition(invitation.state, InvitationState.IN_BEHANDELING)
    audit.record(session, actor, "response.draft_saved", case=case, invitation=invitation, version=version.number)
    session.commit()


def add_attachment(
    session: Session,
    actor: Actor,
    *,
    invitation_id: int,
    filename: str,
    data: bytes,
    upload_dir: Path,
    max_bytes: int,
    now: datetime,
) -> Attachment:
    invitation, _round, case = invitation_in_organisation(session, actor, invitation_id)
    require_open(invitation, now)
    try:
        info = check_pdf(data, max_bytes=max_bytes)
    except DocumentError as error:
        raise Invalid({"attachment": " ".join(error.messages)}) from None
    version = draft_version(session, invitation, case.organisation_id, now)
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


def remove_attachment(session: Session, actor: Actor, *, invitation_id: int, attachment_id: int, now: datetime) -> None:
    invitation, _round, case = invitation_in_organisation(session, actor, invitation_id)
    require_open(invitation, now)
    version = draft_version(session, invitation, case.organisation_id, now)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.version_id != version.id:
        raise Invalid({"attachment": "Deze bijlage hoort niet bij uw concept."})
    session.delete(attachment)
    audit.record(
        session, actor, "response.attachment_removed", case=case, invitation=invitation, filename=attachment.filename
    )
    session.commit()


def submit(
    session: Session, actor: Actor, *, invitation_id: int, data: ResponseInput, now: datetime, today: date
) -> ResponseVersion:
    """Stores the view immutably before anything acknowledges it, and mails every contact a receipt."""
    invitation, _round, case = invitation_in_organisation(session, actor, invitation_id)
    require_open(invitation, now)
    errors = submission_errors(data, shown_to(session, invitation, case.organisation_id))
    if errors:
        raise Invalid(errors)
    version = draft_version(session, invitation, case.organisation_id, now)
    write_version(session, version, data, case.organisation_id, now)
    attachments = attachments_of(session, version)
    for earlier in session.exec(
        select(ResponseVersion).where(
            ResponseVersion.response_id == version.response_id,
            ResponseVersion.status == VersionStatus.INGEDIEND,
            ResponseVersion.superseded_at.is_(None),
        )
    ):
        earlier.superseded_at = now
    version.status, version.submitted_at = VersionStatus.INGEDIEND, now
    version.content_sha256 = content_digest(data, tuple(a.file_sha256 for a in attachments))
    weighing.add_for_submission(session, version)
    if invitation.state is not InvitationState.INGEDIEND:
        invitation.state = transition(invitation.state, InvitationState.INGEDIEND)
    invitation.submitted_at = now
    # A reminder still waiting in the outbox would ask for a view that has just been given.
    cancel_waiting(session, invitation_id=invitation.id, kind="reminder", reason="zienswijze ingediend")
    session.flush()
    _queue_receipts(session, invitation, case, version, data, attachments, today)
    audit.record(
        session,
        actor,
        "response.submitted",
        case=case,
        invitation=invitation,
        version=version.number,
        sha256=version.content_sha256,
        position=data.position.value,
    )
    session.commit()
    return version


def require_open(invitation: Invitation, now: datetime) -> None:
    """FormClosed unless the invitation still accepts a response now."""
    if not accepts_response(invitation.state, invitation.deadline, now):
        raise FormClosed(invitation.id)


def _response(session: Session, invitation: Invitation) -> StakeholderResponse:
    return session.exec(
        select(StakeholderResponse).where(StakeholderResponse.invitation_id == invitation.id)
    ).first() or StakeholderResponse(invitation_id=invitation.id)


def draft_version(session: Session, invitation: Invitation, organisation_id: int, now: datetime) -> ResponseVersion:
    """The draft to write to; a new one starts from the latest submission, attachments included."""
    response = _response(session, invitation)
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
        .order_by(ResponseVersion.number.desc())
    ).first()
    if previous is not None:
        write_version(session, draft, _input_of(session, previous), organisation_id, now)
        session.add_all(
            Attachment(version_id=draft.id, file_sha256=a.file_sha256, filename=a.filename)
            for a in attachments_of(session, previous)
        )
    return draft


def write_version(
    session: Session, version: ResponseVersion, data: ResponseInput, organisation_id: int | None, now: datetime
) -> None:
    version.position, version.explanation = data.position, data.explanation.strip()
    version.contact_name, version.contact_phone = data.contact_name.strip()[:200], data.contact_phone.strip()[:50]
    version.updated_at = now
    for item in session.exec(select(ResponseItem).where(ResponseItem.version_id == version.id)):
        session.delete(item)
    session.flush()
    grounds = (
        dict(session.exec(select(Ground.code, Ground.id).where(Ground.organisation_id == organisation_id)).all())
        if organisation_id
        else {}
    )
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


def _input_of(session: Session, version: ResponseVersion) -> ResponseInput:
    rows = session.exec(
        select(ResponseItem, Ground.code)
        .join(Ground, ResponseItem.ground_id == Ground.id, isouter=True)
        .where(ResponseItem.version_id == version.id)
        .order_by(ResponseItem.id)
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
    )


def attachments_of(session: Session, version: ResponseVersion) -> list[Attachment]:
    return list(session.exec(select(Attachment).where(Attachment.version_id == version.id).order_by(Attachment.id)))


def _queue_receipts(session, invitation, case, version, data, attachments, today) -> None:
    organisation = session.get(Organisation, case.organisation_id)
    documents = {d.id: d for d in session.exec(select(Document).where(Document.case_id == case.id))}
    redactions = {
        r.id: r
        for r in session.exec(select(ProposedRedaction).where(ProposedRedaction.document_id.in_(list(documents))))
    }
    sizes = {
        f.sha256: f.size
        for f in session.exec(select(StoredFile).where(StoredFile.sha256.in_([a.file_sha256 for a in attachments])))
    }
    context = {
        "organisation": organisation,
        "case": case,
        "version": version,
        "data": data,
        "documents": documents,
        "redactions": redactions,
        "attachments": attachments,
        "sizes": sizes,
        "submitted": format_date_nl(today),
        "deadline": format_date_nl(invitation.deadline),
    }
    queue_to_stakeholder(
        session,
        invitation=invitation,
        case=case,
        subject=f"Ontvangstbevestiging van uw zienswijze ({case.reference})",
        template="receipt",
        context=context,
        kind="receipt",
    )
