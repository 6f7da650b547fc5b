"""The weighing service: items from the latest submitted views, their records, and their effects."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.consultation import ids
from tests.weighing_case import consulted_case, objection_of, submit_view, weigh_all
from zienswijze import clock
from zienswijze.db import AuditEvent, Case, ProposedRedaction, StakeholderResponse, Weighing
from zienswijze.db.session import new_session
from zienswijze.domain.responses import Channel, ItemInput, ItemKind, Position, ResponseInput
from zienswijze.services import oral_views, weighing
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid, NotFound


@pytest.fixture
def consulted(app):
    return consulted_case(app)


def _overview(app, consulted):
    with app.app_context(), new_session() as session:
        return weighing.overview(session, session.get(Case, consulted["case"]))


def _record(app, consulted, item_id, **fields):
    with app.app_context(), new_session() as session:
        values = {"outcome": "gehonoreerd", "motivation": "Zwaarder belang.", "ground_code": "5.1.2f", **fields}
        return weighing.record(
            session,
            Actor.user(1, consulted["user"]),
            case_id=consulted["case"],
            weighing_id=item_id,
            now=clock.now(),
            **values,
        )


def test_the_items_are_the_objections_and_requests_of_the_view_and_the_invitation_without_one(app, consulted):
    overview = _overview(app, consulted)
    assert sorted((i.subject.value, i.stakeholder.code) for i in overview.items) == [
        ("bezwaar", "S1"),
        ("extra lakking", "S1"),
        ("geen zienswijze", "S2"),
    ]
    assert overview.progress.total == 3 and overview.progress.remaining == 3
    assert [document.number if document else None for document, _ in overview.groups()] == [1, None]


def test_reading_the_items_twice_keeps_their_ids(app, consulted):
    assert [i.id for i in _overview(app, consulted).items] == [i.id for i in _overview(app, consulted).items]


def test_only_the_latest_submitted_version_is_weighed(app, consulted):
    objection, _extra = objection_of(app)
    submit_view(app, "S1", Position.BEZWAAR, [objection])
    overview = _overview(app, consulted)
    assert [i.subject.value for i in overview.items if i.stakeholder.code == "S1"] == ["bezwaar"]
    assert overview.items[0].version.number == 2


def test_honouring_an_extra_redaction_request_adds_a_proposed_redaction_and_undoing_removes_it(app, consulted):
    document_id = ids(app, "S1")["document"]
    extra = next(i for i in _overview(app, consulted).items if i.subject == "extra lakking")
    _record(app, consulted, extra.id)
    with app.app_context(), new_session() as session:
        row = session.get(Weighing, extra.id)
        added = session.get(ProposedRedaction, row.added_redaction_id)
        assert (added.page, added.passage, added.document_id) == (1, "Document van S1.", document_id)
    _record(app, consulted, extra.id, outcome="niet gehonoreerd")
    with app.app_context(), new_session() as session:
        assert session.get(Weighing, extra.id).added_redaction_id is None
        assert session.get(ProposedRedaction, added.id) is None


def test_honouring_an_objection_keeps_the_redaction_and_adds_none(app, consulted):
    objection = next(i for i in _overview(app, consulted).items if i.subject == "bezwaar")
    _record(app, consulted, objection.id, ground_code="5.1.2e")
    with app.app_context(), new_session() as session:
        assert session.get(Weighing, objection.id).added_redaction_id is None
        assert len(session.exec(select(ProposedRedaction)).all()) == 2


def test_a_weighing_needs_an_outcome_a_motivation_and_a_ground_unless_not_honoured(app, consulted):
    objection = next(i for i in _overview(app, consulted).items if i.subject == "bezwaar")
    with pytest.raises(Invalid) as refused:
        _record(app, consulted, objection.id, outcome="", motivation=" ", ground_code="")
    assert set(refused.value.errors) == {"outcome", "motivation"}
    with pytest.raises(Invalid) as refused:
        _record(app, consulted, objection.id, ground_code="")
    assert set(refused.value.errors) == {"ground"}


def test_the_weighing_is_complete_when_every_item_is_weighed_and_each_is_in_the_audit_trail(app, consulted):
    weigh_all(app, consulted)
    assert _overview(app, consulted).progress.complete
    with app.app_context(), new_session() as session:
        kinds = session.exec(select(AuditEvent.kind).where(AuditEvent.kind == "weighing.recorded")).all()
    assert len(kinds) == 3


def test_an_item_of_another_case_is_not_found(app, consulted):
    with pytest.raises(NotFound):
        _record(app, consulted, 999)


def test_a_view_given_orally_is_recorded_by_the_handler_and_replaces_no_response(app, consulted):
    own = ids(app, "S2")
    data = ResponseInput(
        position=Position.BEZWAAR,
        items=(ItemInput(ItemKind.BEZWAAR, own["document"], own["redaction"], reasons="Telefonisch: privacy."),),
    )
    with app.app_context(), new_session() as session:
        oral_views.record_view(
            session,
            Actor.user(1, consulted["user"]),
            invitation_id=own["invitation"],
            channel=Channel.MONDELING,
            data=data,
            now=clock.now(),
        )
        response = session.exec(
            select(StakeholderResponse).where(StakeholderResponse.invitation_id == own["invitation"])
        ).one()
        assert (response.channel, response.recorded_by_id) == (Channel.MONDELING, consulted["user"])
    s2 = [i for i in _overview(app, consulted).items if i.stakeholder.code == "S2"]
    assert [(i.subject.value, i.channel) for i in s2] == [("bezwaar", Channel.MONDELING)]
