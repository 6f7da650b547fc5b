"""The audit timeline reads as sentences for a jurist: who did what to which document or stakeholder.

The raw trail (CSV and JSON) keeps the event codes; only the timeline on the page is written out.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from sqlmodel import col, select

from tests.helpers import csrf_token_from
from tests.web.handler_case import build_case
from tests.weighing_case import consulted_after_the_terms, weigh_all
from zienswijze import clock
from zienswijze.db import AuditEvent, Case, OutboxMessage
from zienswijze.db.queries import count_of
from zienswijze.db.session import new_session
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.services import audit, delivery
from zienswijze.services.context import Actor
from zienswijze.web.handler.audit_timeline import SENTENCES

SERVICES = Path(__file__).resolve().parents[2] / "zienswijze" / "services"
KIND = re.compile(r"^[a-z_]+\.[a-z_]+$")
# The calls that write an audit event, and the argument that holds its kind.
WRITERS = {"record": 2, "append": 2, "record_submission": 2, "_record": 3, "_save": 3}


@pytest.fixture
def weighed(app, clock_at):
    consulted = consulted_after_the_terms(app, clock_at)
    weigh_all(app, consulted)
    return consulted


def _timeline(client) -> str:
    return client.get("/zaken/W-2024-1/export/audit", headers={"HX-Request": "true"}).text


def test_the_timeline_names_the_stakeholder_who_acted_by_code_and_name(logged_in_client, weighed):
    timeline = _timeline(logged_in_client)
    assert "S1 (Bedrijf S1) heeft het dossier geopend" in timeline
    assert "S1 (Bedrijf S1) heeft een zienswijze ingediend" in timeline


def test_the_timeline_names_the_handler_and_the_document_weighed(logged_in_client, weighed):
    assert "weger heeft de afweging van document 1 vastgelegd" in _timeline(logged_in_client)


def test_the_timeline_calls_a_job_the_system(app, logged_in_client, weighed):
    with app.app_context(), new_session() as session:  # the dispatcher has sent S2's invitation
        message = session.exec(select(OutboxMessage).where(OutboxMessage.to_address == "s2@example.com")).one()
        message.state = OutboxState.SENT
        delivery.record_result(session, message, now=clock.now(), base_url=app.config["BASE_URL"])
        session.commit()
    assert "Het systeem heeft een e-mail verstuurd aan s2@example.com" in _timeline(logged_in_client)


def test_the_timeline_shows_no_event_codes_or_actor_ids(logged_in_client, weighed):
    timeline = _timeline(logged_in_client)
    assert "weighing.recorded" not in timeline and "user:" not in timeline and "invitation.opened" not in timeline


def test_the_timeline_is_written_in_english_on_an_english_page(logged_in_client, weighed):
    token = csrf_token_from(logged_in_client.get("/zaken/").text)
    logged_in_client.post("/taal", data={"csrf_token": token, "locale": "en", "next": "/zaken/"})
    timeline = _timeline(logged_in_client)
    assert "S1 (Bedrijf S1) submitted a view" in timeline
    assert "weger recorded the weighing of document 1" in timeline


def test_the_raw_audit_export_keeps_the_event_codes(logged_in_client, weighed):
    assert b'"kind": "weighing.recorded"' in logged_in_client.get("/zaken/W-2024-1/export/audit.json").data


def _recorded_kinds() -> set[str]:
    """Every event kind the services write: the literal kinds handed to the audit writers, and those
    kept in a variable or table named for a kind."""
    kinds: set[str] = set()
    for path in SERVICES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            sources: list[ast.AST] = []
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in WRITERS and len(node.args) > WRITERS[name]:
                    sources.append(node.args[WRITERS[name]])
            elif isinstance(node, ast.Assign) and any("kind" in ast.unparse(t).lower() for t in node.targets):
                sources.append(node.value)
            for source in sources:
                kinds.update(
                    constant.value
                    for constant in ast.walk(source)
                    if isinstance(constant, ast.Constant)
                    and isinstance(constant.value, str)
                    and KIND.match(constant.value)
                )
    return kinds


def test_every_audit_event_kind_the_services_record_has_a_sentence():
    kinds = _recorded_kinds()
    assert {"weighing.recorded", "mail.sent", "provisional_measure.lifted", "response.recorded"} <= kinds
    assert sorted(kinds - set(SENTENCES)) == []


def test_the_timeline_names_the_stakeholder_and_the_page_an_event_is_about(app, logged_in_client):
    build_case(app)
    timeline = logged_in_client.get("/zaken/A-2024-1/export/audit", headers={"HX-Request": "true"}).text
    assert "heeft belanghebbende B1 (Adviesbureau Analyse B.V.) toegevoegd" in timeline
    assert "heeft een lakvoorstel toegevoegd op pagina 1 van document 1" in timeline


def test_every_sentence_belongs_to_a_kind_the_services_still_record():
    assert sorted(set(SENTENCES) - _recorded_kinds()) == []


def test_a_long_trail_is_shown_a_hundred_events_a_page_and_checked_whole(app, logged_in_client, weighed):
    with app.app_context(), new_session() as session:
        case = session.exec(select(Case).where(Case.reference == "W-2024-1")).one()
        written = count_of(session, col(AuditEvent.case_id) == case.id)
        for page in range(251 - written):
            audit.record(session, Actor.system("test", case.organisation_id), "redaction.added", case=case, page=page)
        session.commit()
    first, second = _timeline(logged_in_client), logged_in_client.get("/zaken/W-2024-1/export/audit?pagina=3").text
    assert first.count('class="utrecht-ordered-list__item"') == 100
    assert "Gebeurtenis 1 tot en met 100 van 251." in first
    assert "Gebeurtenis 201 tot en met 251 van 251." in second
    assert "De keten van 251 gebeurtenissen is ongeschonden." in first and "ongeschonden" in second
