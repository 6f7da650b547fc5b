"""The stakeholder's view: drafts that survive a closed browser, and immutable submissions.

Each response has versions: at most one draft (concept) at a time, and every submission kept. A
later submission before the deadline supersedes the earlier one; both stay in the record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from zienswijze.db import (
    Attachment,
    Case,
    Concern,
    Document,
    Ground,
    Invitation,
    Organisation,
    ProposedRedaction,
    ResponseVersion,
    StoredFile,
)
from zienswijze.domain.consultation import InvitationState, accepts_response, transition
from zienswijze.domain.deadlines import format_date_nl
from zienswijze.domain.grounds import offered_to_stakeholders
from zienswijze.domain.limits import RECEIPT_EXCERPT
from zienswijze.domain.responses import (
    ResponseInput,
    Shown,
    VersionStatus,
    structural_errors,
    submission_errors,
)
from zienswijze.domain.text import N_
from zienswijze.mail.queue import cancel_waiting, queue_to_stakeholder
from zienswijze.services import audit
from zienswijze.services.context import Actor
from zienswijze.services.errors import Conflict, Invalid
from zienswijze.services.invitations import invitation_in_organisation
from zienswijze.services.response_versions import (
    attachments_of,
    claim_draft,
    draft_version,
    input_of,
    record_submission,
    response_of,
    submit_version,
    write_version,
)


class FormClosed(Invalid):
    """The deadline has passed, or the invitation no longer accepts a view."""

    def __init__(self, invitation_id: int) -> None:
        super().__init__(N_("De termijn voor een zienswijze is voorbij, of deze uitnodiging is ingetrokken."))
        self.invitation_id = invitation_id


class AlreadySubmitted(Conflict):
    """The draft to submit has been submitted already, by a parallel or repeated request."""

    def __init__(self) -> None:
        super().__init__(N_("Deze zienswijze is al ingediend."))


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
                col(ProposedRedaction.document_id).in_(document_ids)
            )
        ).all()
    )
    codes = frozenset(
        code
        for code in session.exec(select(Ground.code).where(Ground.organisation_id == organisation_id))
        if offered_to_stakeholders(code)
    )
    return Shown(document_ids, redactions, codes)


def current(session: Session, invitation: Invitation) -> Current:
    response = response_of(session, invitation)
    versions = (
        list(
            session.exec(
                select(ResponseVersion)
                .where(ResponseVersion.response_id == response.id)
                .order_by(col(ResponseVersion.number))
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
    return Current(input_of(session, shown), shown, attachments_of(session, shown), submitted)


def write_checked(
    session: Session,
    invitation: Invitation,
    organisation_id: int,
    data: ResponseInput,
    now: datetime,
    errors_of: Callable[[ResponseInput, Shown], dict[str, str]],
) -> ResponseVersion:
    """The draft holding ``data``; Invalid when ``errors_of`` finds fault with it against what was shown."""
    errors = errors_of(data, shown_to(session, invitation, organisation_id))
    if errors:
        raise Invalid(errors)
    version = draft_version(session, invitation, organisation_id, now)
    write_version(session, version, data, organisation_id, now)
    return version


def save_draft(session: Session, actor: Actor, *, invitation_id: int, data: ResponseInput, now: datetime) -> None:
    invitation, case = hold_open_invitation(session, actor, invitation_id, now)
    version = write_checked(session, invitation, case.organisation_id, data, now, structural_errors)
    if invitation.state is InvitationState.GEOPEND:
        invitation.state = transition(invitation.state, InvitationState.IN_BEHANDELING)
    audit.record(session, actor, "response.draft_saved", case=case, invitation=invitation, version=version.number)
    session.commit()


def submit(
    session: Session,
    actor: Actor,
    *,
    invitation_id: int,
    data: ResponseInput,
    now: datetime,
    today: date,
    confirmed_id: int | None = None,
) -> ResponseVersion:
    """Stores the view immutably before anything acknowledges it, and mails every contact a receipt.

    ``confirmed_id`` is the version the stakeholder confirmed (without it: the current draft, or a new one).
    Submitting it once more, in parallel or later, is AlreadySubmitted: one version, receipt and audit event.
    """
    invitation, case = hold_open_invitation(session, actor, invitation_id, now)
    errors = submission_errors(data, shown_to(session, invitation, case.organisation_id))
    if errors:
        raise Invalid(errors)
    draft_id = confirmed_id or draft_version(session, invitation, case.organisation_id, now).id
    response_id = response_of(session, invitation).id
    if response_id is None or draft_id is None or not claim_draft(session, response_id, draft_id):
        raise AlreadySubmitted()
    version = session.get_one(ResponseVersion, draft_id)
    session.refresh(version)
    write_version(session, version, data, case.organisation_id, now)
    attachments = submit_version(session, version, data, now)
    if invitation.state is not InvitationState.INGEDIEND:
        invitation.state = transition(invitation.state, InvitationState.INGEDIEND)
    invitation.submitted_at = now
    # A reminder still waiting in the outbox would ask for a view that has just been given.
    cancel_waiting(session, invitation_id=invitation.id, kind="reminder", reason="zienswijze ingediend")
    session.flush()
    _queue_receipts(session, invitation, case, version, data, attachments, today)
    record_submission(session, actor, "response.submitted", case=case, invitation=invitation, version=version)
    session.commit()
    return version


def hold_open_invitation(session: Session, actor: Actor, invitation_id: int, now: datetime) -> tuple[Invitation, Case]:
    """The actor's invitation with its case, if it still accepts a response now, held for this transaction.

    Two requests of one stakeholder at once (the autosave and "Indienen") would each create the response;
    writing the invitation row first makes the second wait for the first, on PostgreSQL (a row lock) and
    on SQLite (the write lock) alike, and then read what the first wrote.
    """
    session.exec(update(Invitation).where(col(Invitation.id) == invitation_id).values(id=Invitation.id))
    session.expire_all()  # what this session read before the wait may be what the other request changed
    invitation, _round, case = invitation_in_organisation(session, actor, invitation_id)
    require_open(invitation, case, now)
    return invitation, case


def require_open(invitation: Invitation, case: Case, now: datetime) -> None:
    """FormClosed unless the invitation still accepts a response now, its case not yet decided."""
    if not accepts_response(invitation.state, invitation.deadline, now, decided=case.decision_date is not None):
        raise FormClosed(invitation.id)


def _queue_receipts(
    session: Session,
    invitation: Invitation,
    case: Case,
    version: ResponseVersion,
    data: ResponseInput,
    attachments: list[Attachment],
    today: date,
) -> None:
    organisation = session.get(Organisation, case.organisation_id)
    # Only what the view names: a case may have thousands of documents, a view a handful of lines.
    document_ids = {item.document_id for item in data.items}
    redaction_ids = {item.redaction_id for item in data.items if item.redaction_id is not None}
    documents = {
        d.id: d
        for d in session.exec(
            select(Document).where(Document.case_id == case.id, col(Document.id).in_(sorted(document_ids)))
        )
    }
    redactions = {
        r.id: r
        for r in session.exec(
            select(ProposedRedaction).where(
                col(ProposedRedaction.id).in_(sorted(redaction_ids)),
                col(ProposedRedaction.document_id).in_(list(documents)),
            )
        )
    }
    sizes = {
        f.sha256: f.size
        for f in session.exec(
            select(StoredFile).where(col(StoredFile.sha256).in_([a.file_sha256 for a in attachments]))
        )
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
        "excerpt": RECEIPT_EXCERPT,
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
