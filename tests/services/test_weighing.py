"""The weighing service: items from the latest submitted views, their records, and their effects."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.consultation import ids
from tests.weighing_case import consulted_after_the_terms, consulted_case, objection_of, submit_view, weigh_all
from zienswijze import clock
from zienswijze.db import AuditEvent, Case, ProposedRedaction, StakeholderResponse
from zienswijze.db.session import new_session
from zienswijze.domain.outcome import Passage
from zienswijze.domain.responses import Channel, ItemInput, ItemKind, Position, ResponseInput
from zienswijze.services import oral_views, outcomes, weighing, weighing_items
from zienswijze.services.context import Actor
from zienswijze.services.errors import Conflict, Invalid, NotFound


@pytest.fixture
def consulted(app):
    return consulted_case(app)


def _overview(app, consulted):
    with app.app_context(), new_session() as session:
        return weighing_items.overview(session, session.get(Case, consulted["case"]))


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


def _outcome(app, consulted, document_id):
    with app.app_context(), new_session() as session:
        return outcomes.of_case(session, session.get(Case, consulted["case"]))[document_id]


def test_honouring_an_extra_redaction_request_withholds_the_passage_and_refusing_it_again_does_not(app, consulted):
    document_id = ids(app, "S1")["document"]
    extra = next(i for i in _overview(app, consulted).items if i.subject == "extra lakking")
    _record(app, consulted, extra.id)
    assert Passage(1, "Document van S1.", "5.1.2f") in _outcome(app, consulted, document_id).redactions
    _record(app, consulted, extra.id, outcome="niet gehonoreerd")
    assert Passage(1, "Document van S1.", "5.1.2f") not in _outcome(app, consulted, document_id).redactions


def test_the_weighing_leaves_the_proposal_as_the_body_made_it(app, clock_at):
    consulted = consulted_after_the_terms(app, clock_at)
    weigh_all(app, consulted, "gehonoreerd")
    with app.app_context(), new_session() as session:
        assert len(session.exec(select(ProposedRedaction)).all()) == 2


def test_partly_honouring_withholds_the_marked_passages_only(app, consulted):
    document_id = ids(app, "S1")["document"]
    extra = next(i for i in _overview(app, consulted).items if i.subject == "extra lakking")
    _record(app, consulted, extra.id, outcome="deels gehonoreerd", marked=[(1, "S1")])
    final = _outcome(app, consulted, document_id)
    assert Passage(1, "S1", "5.1.2f") in final.redactions
    assert Passage(1, "Document van S1.", "5.1.2f") not in final.redactions
    assert [(m.page, m.passage) for m in _overview(app, consulted).item(extra.id).marked] == [(1, "S1")]


def test_partly_honouring_without_marking_a_passage_is_refused(app, consulted):
    extra = next(i for i in _overview(app, consulted).items if i.subject == "extra lakking")
    with pytest.raises(Invalid) as refused:
        _record(app, consulted, extra.id, outcome="deels gehonoreerd", marked=[])
    assert set(refused.value.errors) == {"marked"}


def test_the_weighing_is_locked_once_the_decision_is_recorded(app, consulted):
    objection = next(i for i in _overview(app, consulted).items if i.subject == "bezwaar")
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        case.decision_date = clock.today()
        session.commit()
    with pytest.raises(Conflict):
        _record(app, consulted, objection.id)


def test_a_weighing_needs_an_outcome_a_motivation_and_a_ground_unless_not_honoured(app, consulted):
    objection = next(i for i in _overview(app, consulted).items if i.subject == "bezwaar")
    with pytest.raises(Invalid) as refused:
        _record(app, consulted, objection.id, outcome="", motivation=" ", ground_code="")
    assert set(refused.value.errors) == {"outcome", "motivation"}
    with pytest.raises(Invalid) as refused:
        _record(app, consulted, objection.id, ground_code="")
    assert set(refused.value.errors) == {"ground"}


def test_the_weighing_is_complete_when_every_item_is_weighed_and_each_is_in_the_audit_trail(app, clock_at):
    consulted = consulted_after_the_terms(app, clock_at)
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
        items=(ItemInput(ItemKind.BEZWAAR, own["document"], reasons="Telefonisch: privacy."),),
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
