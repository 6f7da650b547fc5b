"""Views given orally or on paper (Awb 4:9), recorded by the handler on the stakeholder's behalf.

They are stored exactly as a view given through the link (the same versions and items), marked with
the channel and the handler who recorded them, so the weighing and the exports treat them alike.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from zienswijze.db import Invitation, ResponseVersion, StakeholderResponse
from zienswijze.domain.consultation import may_record_view, steps_to_submitted, transition
from zienswijze.domain.responses import Channel, ResponseInput, submission_errors
from zienswijze.domain.text import N_
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid
from zienswijze.services.invitations import invitation_in_organisation
from zienswijze.services.response_versions import record_submission, submit_version
from zienswijze.services.responses import write_checked


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
    if channel is Channel.ONLINE:
        raise Invalid({"channel": N_("Kies mondeling of schriftelijk.")})
    if not may_record_view(invitation.state):
        raise Invalid({"": N_("Deze uitnodiging is ingetrokken of onbestelbaar; verstuur haar eerst opnieuw.")})
    version = write_checked(session, invitation, case.organisation_id, data, now, submission_errors)
    submit_version(session, version, data, now)
    response = session.get_one(StakeholderResponse, version.response_id)
    response.channel, response.recorded_by_id = channel, actor.user_id
    _mark_submitted(invitation, now)
    session.flush()
    record_submission(
        session, actor, "response.recorded", case=case, invitation=invitation, version=version, channel=channel
    )
    session.commit()
    return version


def _mark_submitted(invitation: Invitation, now: datetime) -> None:
    for target in steps_to_submitted(invitation.state):
        invitation.state = transition(invitation.state, target)
    invitation.submitted_at = now
