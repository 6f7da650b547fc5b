"""Views given orally or on paper (Awb 4:9), recorded by the handler on the stakeholder's behalf.

They are stored exactly as a view given through the link (the same versions and items), marked with
the channel and the handler who recorded them, so the weighing and the exports treat them alike.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from zienswijze.db import Invitation, ResponseVersion, StakeholderResponse
from zienswijze.domain.consultation import may_record_view, steps_to_submitted, transition
from zienswijze.domain.responses import Channel, ResponseInput, VersionStatus, content_digest, submission_errors
from zienswijze.services import audit, weighing
from zienswijze.services import responses as storage
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid
from zienswijze.services.invitations import invitation_in_organisation


def record_view(
    session: Session,
    actor: Actor,
    *,
    invitation_id: int,
    channel: Channel,
    data: ResponseInput,
    now: datetime,
) -> ResponseVersion:
    """Stores the view as a submission of the invitation; a later one supersedes it, both are kept."""
    invitation, _round, case = invitation_in_organisation(session, actor, invitation_id)
    organisation_id = case.organisation_id
    if channel is Channel.ONLINE:
        raise Invalid({"channel": "Kies mondeling of schriftelijk."})
    if not may_record_view(invitation.state):
        raise Invalid({"": "Deze uitnodiging is ingetrokken of onbestelbaar; verstuur haar eerst opnieuw."})
    errors = submission_errors(data, storage.shown_to(session, invitation, organisation_id))
    if errors:
        raise Invalid(errors)
    version = storage.draft_version(session, invitation, organisation_id, now)
    storage.write_version(session, version, data, organisation_id, now)
    for earlier in session.exec(
        select(ResponseVersion).where(
            ResponseVersion.response_id == version.response_id,
            ResponseVersion.status == VersionStatus.INGEDIEND,
            ResponseVersion.superseded_at.is_(None),
        )
    ):
        earlier.superseded_at = now
    attachments = storage.attachments_of(session, version)
    version.status, version.submitted_at = VersionStatus.INGEDIEND, now
    version.content_sha256 = content_digest(data, tuple(a.file_sha256 for a in attachments))
    weighing.add_for_submission(session, version)
    response = session.get(StakeholderResponse, version.response_id)
    response.channel, response.recorded_by_id = channel, actor.user_id
    _mark_submitted(invitation, now)
    session.flush()
    audit.record(
        session,
        actor,
        "response.recorded",
        case=case,
        invitation=invitation,
        version=version.number,
        sha256=version.content_sha256,
        channel=channel.value,
        position=version.position.value,
    )
    session.commit()
    return version


def _mark_submitted(invitation: Invitation, now: datetime) -> None:
    for target in steps_to_submitted(invitation.state):
        invitation.state = transition(invitation.state, target)
    invitation.submitted_at = now
