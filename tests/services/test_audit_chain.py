"""The audit trail is a hash chain per case: verified intact, then broken by a direct database edit."""

from __future__ import annotations

import itertools
import json

import sqlalchemy as sa
from sqlmodel import select

from tests.web.handler_case import build_case
from tests.weighing_case import consulted_after_the_terms, consulted_case, weigh_all
from zienswijze.db import AuditEvent, Case
from zienswijze.db.session import engine, new_session
from zienswijze.services import audit, exports
from zienswijze.services.audit import broken_links, event_hash, verify_case
from zienswijze.services.context import Actor


def _events(app, case_id: int) -> list[AuditEvent]:
    with app.app_context(), new_session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)))


def _execute(app, statement: str, **values) -> None:
    with app.app_context(), engine().begin() as connection:
        connection.execute(sa.text(statement), values)


def test_each_event_links_to_the_previous_event_of_its_own_case(app, clock_at):
    consulted = consulted_after_the_terms(app, clock_at)
    other = build_case(app, reference="A-2024-2")
    weigh_all(app, consulted)
    events = _events(app, consulted["case"])
    assert events[0].previous_hash == ""
    assert all(later.previous_hash == earlier.hash for earlier, later in itertools.pairwise(events))
    assert _events(app, other.case)[0].previous_hash == ""
    with app.app_context(), new_session() as session:
        assert verify_case(session, consulted["case"]).intact
        assert broken_links(list(session.exec(select(AuditEvent)))) == []


def test_the_command_verifies_the_chain_and_names_the_first_event_broken_by_a_database_edit(app, runner, clock_at):
    consulted = consulted_after_the_terms(app, clock_at)
    weigh_all(app, consulted)
    result = runner.invoke(args=["audit", "verify", "W-2024-1"])
    assert result.exit_code == 0, result.output
    assert "intact" in result.output
    events = _events(app, consulted["case"])
    target = events[3]
    _execute(app, "UPDATE audit_events SET actor = 'user:999' WHERE id = :id", id=target.id)
    result = runner.invoke(args=["audit", "verify", "W-2024-1", "--organisation", "Gemeente A"])
    assert result.exit_code == 1
    assert f"first broken event {target.id} ({target.kind}" in result.output
    with app.app_context(), new_session() as session:
        assert verify_case(session, consulted["case"]).broken == [target.id]


def test_deleting_an_event_breaks_the_link_of_the_next_one(app):
    consulted = consulted_case(app)
    events = _events(app, consulted["case"])
    _execute(app, "DELETE FROM audit_events WHERE id = :id", id=events[1].id)
    with app.app_context(), new_session() as session:
        assert verify_case(session, consulted["case"]).first_broken == events[2].id


def test_recomputing_a_changed_event_s_hash_still_breaks_the_next_link(app):
    consulted = consulted_case(app)
    events = _events(app, consulted["case"])
    with app.app_context(), new_session() as session:
        event = session.get(AuditEvent, events[0].id)
        event.details = {"reference": "VERVALST"}
        event.hash = event_hash(event)
        session.commit()
        assert verify_case(session, consulted["case"]).first_broken == events[1].id


def test_an_unknown_case_is_a_clear_error(runner, app):
    consulted_case(app)
    result = runner.invoke(args=["audit", "verify", "X-1"])
    assert result.exit_code != 0 and "there is no case X-1" in result.output


def test_events_without_a_case_chain_among_themselves_per_organisation(app):
    consulted = consulted_case(app)
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        first = audit.record(session, Actor.system("system", case.organisation_id), "test.one")
        second = audit.record(session, Actor.system("system", case.organisation_id), "test.two")
        session.commit()
        assert first.previous_hash == "" and second.previous_hash == first.hash


def test_deleting_the_last_events_of_a_case_is_detected_by_the_chain_s_head(app, runner):
    consulted = consulted_case(app)
    events = _events(app, consulted["case"])
    _execute(
        app, "DELETE FROM audit_events WHERE id >= :id AND case_id = :case", id=events[-2].id, case=consulted["case"]
    )
    with app.app_context(), new_session() as session:
        result = verify_case(session, consulted["case"])
    assert (result.broken, result.end_holds, result.intact) == ([], False, False)
    assert (result.events, result.recorded) == (len(events) - 2, len(events))
    output = runner.invoke(args=["audit", "verify", "W-2024-1"])
    assert output.exit_code == 1
    assert f"{len(events) - 2} events found, {len(events)} recorded" in output.output


def test_the_json_export_says_a_cut_off_trail_is_not_intact(app, clock_at):
    consulted = consulted_case(app)
    events = _events(app, consulted["case"])
    _execute(app, "DELETE FROM audit_events WHERE id = :id", id=events[-1].id)
    with app.app_context(), new_session() as session:
        document = json.loads("".join(exports.audit_json(session, session.get(Case, consulted["case"]))))
    assert (document["intact"], document["first_broken_event"]) == (False, None)
    assert (len(document["events"]), document["events_recorded"]) == (len(events) - 1, len(events))
