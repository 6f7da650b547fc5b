"""Removing a proposed redaction: refused once a stakeholder's view refers to it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.weighing_case import answered_redaction
from zienswijze.db import ProposedRedaction, ResponseItem
from zienswijze.db.session import new_session
from zienswijze.services import redactions
from zienswijze.services.context import Actor
from zienswijze.services.errors import Conflict


def test_a_redaction_a_stakeholder_answered_is_not_removed(app):
    answered = answered_redaction(app)
    with app.app_context(), new_session() as session:
        handler = Actor.user(1, answered["user"])
        with pytest.raises(Conflict, match="heeft op deze passage gereageerd"):
            redactions.remove_redaction(session, handler, case_id=answered["case"], redaction_id=answered["redaction"])
        session.rollback()
        assert session.get(ProposedRedaction, answered["redaction"]) is not None
        answers = session.exec(select(ResponseItem).where(ResponseItem.redaction_id == answered["redaction"]))
        assert len(answers.all()) == 1
