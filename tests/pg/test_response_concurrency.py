"""PostgreSQL-only: a stakeholder's two requests at once (the autosave and "Indienen") never clash."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, func, select

from tests.consultation import ids, start_consultation
from zienswijze import clock
from zienswijze.db import Organisation, StakeholderResponse
from zienswijze.db.session import ENGINE_KEY
from zienswijze.domain.responses import Position, ResponseInput
from zienswijze.services import response_versions, responses
from zienswijze.services.context import Actor

pytestmark = pytest.mark.skipif(
    not os.environ.get("ZIENSWIJZE_TEST_DATABASE_URL"), reason="needs ZIENSWIJZE_TEST_DATABASE_URL (PostgreSQL)"
)

VIEW = ResponseInput(position=Position.GEEN_BEZWAAR)


def test_a_second_save_waits_for_the_first_and_then_writes_to_the_response_it_made(app):
    start_consultation(app)
    invitation_id = ids(app, "S1")["invitation"]
    engine = app.extensions[ENGINE_KEY]
    with Session(engine) as session:
        actor = Actor.stakeholder(session.exec(select(Organisation.id)).one())

    def save() -> None:
        with Session(engine) as session:
            responses.save_draft(session, actor, invitation_id=invitation_id, data=VIEW, now=clock.now())

    with Session(engine) as first, ThreadPoolExecutor(1) as pool:
        # The first request is between making the response and committing it.
        invitation, case = responses.hold_open_invitation(first, actor, invitation_id, clock.now())
        response_versions.draft_version(first, invitation, case.organisation_id, clock.now())
        second = pool.submit(save)
        time.sleep(0.5)
        assert not second.done()  # it waits for the invitation this transaction holds
        first.commit()
        second.result(timeout=10)  # and then saves, without a clash over the response

    with Session(engine) as session:
        count = session.exec(select(func.count()).where(StakeholderResponse.invitation_id == invitation_id)).one()
    assert count == 1
