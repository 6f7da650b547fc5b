"""Every route of the app, asked by someone who may not have it, with real ids of organisation A's case.

Organisation A has a consulted case (W-2024-1): stakeholder S1 objected, S2 submitted a view with a PDF
attached. Anonymous visitors, organisation B's handler (session and API token) and S1's link session ask
every rule of ``app.url_map`` with every method it allows; each answer must be a refusal, unless the
pair (endpoint, role) is on ``ALLOWED`` with its reason, and no answer may show A's data. A's own handler
and S1 send every state-changing form without a valid CSRF token, and must be refused with every row of
every table as it was. The counts are a floor (the external attack's), so a route added later is crawled
without touching this file. That every API route answers 401 without a token is in ``tests/api/test_api_problems.py``.
"""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

from tests.api.calls import token_for
from tests.consultation import ids, open_file
from tests.helpers import csrf_token_from, log_in
from tests.security.crawl import WRITE_METHODS, Call, Role, crawl
from tests.web.handler_case import build_case
from tests.weighing_case import ATTACHMENT_NAME, ROUND_SENT, attach_to_view, consulted_case
from zienswijze.db import Case
from zienswijze.db.session import new_session
from zienswijze.services import weighing_items

ANONYMOUS, OTHER_HANDLER, OTHER_TOKEN, OTHER_STAKEHOLDER = (
    "anonymous",
    "organisation B's handler",
    "organisation B's API token",
    "stakeholder S1's link session",
)
ALLOWED = (
    {
        ("home", role): "the start page sends everyone to the case list or the login page"
        for role in (ANONYMOUS, OTHER_HANDLER, OTHER_TOKEN, OTHER_STAKEHOLDER)
    }
    | {
        ("health.healthz", role): "says only whether the service is up (503 in tests: no scheduler runs)"
        for role in (ANONYMOUS, OTHER_HANDLER, OTHER_TOKEN, OTHER_STAKEHOLDER)
    }
    | {
        ("metrics.metrics", role): "counts without case data, for the monitoring network only: the crawler "
        "calls from loopback, the default allowed network (tests/web/test_metrics.py refuses another)"
        for role in (ANONYMOUS, OTHER_HANDLER, OTHER_TOKEN, OTHER_STAKEHOLDER)
    }
    | {
        ("api.openapi", role): "the API's description is public and holds no data"
        for role in (ANONYMOUS, OTHER_HANDLER, OTHER_TOKEN, OTHER_STAKEHOLDER)
    }
    | {
        ("privacy.statement", role): "the privacy statement is public: stakeholders read it before opening their link"
        for role in (ANONYMOUS, OTHER_HANDLER, OTHER_TOKEN, OTHER_STAKEHOLDER)
    }
    | {
        ("auth.login", role): "the login page is for whoever is not logged in"
        for role in (ANONYMOUS, OTHER_TOKEN, OTHER_STAKEHOLDER)
    }
    | {
        ("i18n.switch", OTHER_HANDLER): "the language is the visitor's own choice",
        ("i18n.switch", OTHER_STAKEHOLDER): "the language is the visitor's own choice",
        ("auth.login", OTHER_HANDLER): "a logged-in handler is sent on from the login page to their own cases",
        ("auth.logout", OTHER_HANDLER): "B's handler ends B's own session",
        ("cases.index", OTHER_HANDLER): "B's own case list",
        ("cases.new", OTHER_HANDLER): "B opens a case in B's own organisation",
        ("admin.objection_address", OTHER_HANDLER): "B's own organisation's objection address",
        ("sign_in_settings.sign_in", OTHER_HANDLER): "B's own organisation's sign-in settings",
        ("privacy_settings.privacy", OTHER_HANDLER): "B's own organisation's privacy settings",
        ("oidc.start", OTHER_HANDLER): "a logged-in handler is sent on from signing in to their own cases",
        ("admin.closed_days", OTHER_HANDLER): "B's own organisation's closed days",
        ("admin.remove_closed_day_view", OTHER_HANDLER): "B's own organisation's closed days",
        ("api.list_cases", OTHER_TOKEN): "B's own cases",
        ("api.create_case", OTHER_TOKEN): "B opens a case in B's own organisation",
        ("stakeholder_file.file", OTHER_STAKEHOLDER): "S1's own file",
        ("stakeholder_file.save", OTHER_STAKEHOLDER): "S1's own draft",
        ("stakeholder_file.autosave", OTHER_STAKEHOLDER): "S1's own draft",
        ("stakeholder_file.received", OTHER_STAKEHOLDER): "S1's own receipt",
        ("stakeholder_file.submit", OTHER_STAKEHOLDER): "S1's own view",
        ("stakeholder_file.extension", OTHER_STAKEHOLDER): "S1 asks more time for S1's own view",
        ("stakeholder_file.attachments.upload", OTHER_STAKEHOLDER): "S1 attaches to S1's own draft",
    }
)
# The external attack's counts (issue 12): the crawl asks at least as many.
CROSS_ORGANISATION_FLOOR, CROSS_STAKEHOLDER_FLOOR, FORGED_FLOOR = 491, 188, 162


@pytest.fixture
def case_a(app, clock_at, make_handler) -> dict:
    """A's consulted case with S2's attachment, B's own case, and the ids to crawl with (see ``_crawl_ids``)."""
    clock_at(ROUND_SENT)
    consulted = consulted_case(app)
    attachment = attach_to_view(app, "S2", submit=True)
    make_handler("b@example.org", "Gemeente B")
    own = build_case(app, organisation="Gemeente B", reference="B-2024-1")
    with app.app_context(), new_session() as session:
        items = [item.id for item in weighing_items.overview(session, session.get(Case, consulted["case"])).items]
    return consulted | _crawl_ids(app, consulted, attachment, items, (own.case, own.reference))


def _crawl_ids(app, consulted: dict, attachment: int, items: list[int], own_case: tuple[int, str]) -> dict:
    """``of_a``: every id of A's case; ``under_b``: the same ids under B's own case, which must not let them
    through; ``of_s2``: S2's ids under either case, for S1's session."""
    s1, s2 = ids(app, "S1"), ids(app, "S2")
    link = consulted["links"]["S2"].removeprefix("/z/")
    of_a = {name: [s1[key], s2[key]] for name, key in _CHILDREN.items()} | {
        "case_id": [consulted["case"]],
        "reference": [consulted["reference"]],
        "organisation_id": [_organisation_of(app, consulted["case"])],
        "weighing_id": items,
        "item_id": items,
        "attachment_id": [attachment],
        "page": [1],
        # The link's token is the stakeholder's key: with the real one anyone is let in, by design.
        "token": [link[:-2] + ("BB" if link.endswith("AA") else "AA")],
    }
    under_b = of_a | {"case_id": [own_case[0]], "reference": [own_case[1]]}
    of_s2 = of_a | {name: [s2[key]] for name, key in _CHILDREN.items()}
    of_s2 |= {"case_id": [consulted["case"], own_case[0]], "reference": [consulted["reference"], own_case[1]]}
    return {"of_a": of_a, "under_b": under_b, "of_s2": of_s2}


def _organisation_of(app, case_id: int) -> int:
    with app.app_context(), new_session() as session:
        return session.get(Case, case_id).organisation_id


_CHILDREN = {
    "document_id": "document",
    "stakeholder_id": "stakeholder",
    "invitation_id": "invitation",
    "redaction_id": "redaction",
}


def _as_other_organisation(app, role: Role, case_a, only=lambda rule: True) -> list[Call]:
    return crawl(app, role, case_a["of_a"], under_own_case=case_a["under_b"], only=only)


def _secrets(case_a) -> list[str]:
    return [case_a["reference"], "Bedrijf S1", "Bedrijf S2", "Document van S1", "Document van S2", "Geheime Verzoeker"]


def _handler(app, email: str, name: str = OTHER_HANDLER) -> Role:
    client = app.test_client()
    log_in(client, email)
    return Role(name, client, csrf_token=csrf_token_from(client.get("/zaken/nieuw").text), probe="/zaken/")


def _stakeholder(app, link: str, name: str = OTHER_STAKEHOLDER) -> Role:
    client = open_file(app, link)
    return Role(name, client, csrf_token=csrf_token_from(client.get("/z/dossier").text), probe="/z/dossier")


def _problems(calls: list[Call], secrets: list[str]) -> list[str]:
    """Every answer that is a server error, lets in without a reason on ``ALLOWED``, or shows a secret."""
    found = []
    for call in calls:
        if call.status >= 500 and not (call.endpoint == "health.healthz" and call.status == 503):
            found.append(f"{call}: server error")
        elif not call.refused and (call.endpoint, call.role) not in ALLOWED:
            found.append(f"{call}: not refused")
        elif call.status not in (302, 303) and (leaked := [s for s in secrets if s in call.body.replace(call.url, "")]):
            found.append(f"{call}: shows {leaked}")
    return found


def test_anonymous_visitors_are_refused_everywhere(app, case_a):
    calls = crawl(app, Role(ANONYMOUS, app.test_client()), case_a["of_a"])
    assert _problems(calls, _secrets(case_a)) == []


def test_another_organisation_is_refused_everywhere(app, case_a):
    handler = _handler(app, "b@example.org")
    token = Role(OTHER_TOKEN, app.test_client(), headers=token_for(app, "b@example.org"))
    calls = _as_other_organisation(app, handler, case_a) + _as_other_organisation(app, token, case_a)
    assert _problems(calls, _secrets(case_a)) == []
    assert len(calls) >= CROSS_ORGANISATION_FLOOR


def test_the_api_refuses_another_organisation_with_a_problem(app, case_a):
    token = Role(OTHER_TOKEN, app.test_client(), headers=token_for(app, "b@example.org"))
    calls = crawl(app, token, case_a["of_a"], only=lambda rule: rule.arguments and "/api/" in rule.rule)
    assert {call.status for call in calls} <= {403, 404}
    assert {call.content_type for call in calls if call.method != "HEAD"} == {"application/problem+json"}


def test_a_stakeholder_reaches_nothing_of_another_stakeholder(app, case_a):
    calls = crawl(app, _stakeholder(app, case_a["links"]["S1"]), case_a["of_s2"])
    assert _problems(calls, ["Bedrijf S2", "Document van S2", "s2@example.com", ATTACHMENT_NAME, "M. Jurist"]) == []
    assert len(calls) >= CROSS_STAKEHOLDER_FLOOR


def _database(app) -> dict[str, list[tuple]]:
    """Every row of every table: a forged form that added, changed or removed anything at all shows here."""
    with app.app_context(), new_session() as session:
        connection = session.connection()
        return {
            table.name: [tuple(row) for row in connection.execute(table.select().order_by(*table.primary_key))]
            for table in SQLModel.metadata.sorted_tables
        }


def _forms(area: str):
    """The state-changing web routes of the handler's side, or of the stakeholder's (under /z/)."""
    return lambda rule: (
        bool(rule.methods & WRITE_METHODS)
        and not rule.rule.startswith("/api/")
        and rule.rule.startswith("/z/") == (area == "stakeholder")
    )


def test_a_form_sent_without_its_csrf_token_changes_nothing(app, make_handler, case_a):
    """A's own handler and S1 are the victims; the forged form has no token, junk, or a token of another
    session in the form or in the header."""
    victims = {
        "handler": _handler(app, make_handler("a@example.org", "Gemeente A"), "A's own handler"),
        "stakeholder": _stakeholder(app, case_a["links"]["S1"], "S1's own link session"),
    }
    stranger = _handler(app, "b@example.org").csrf_token
    own = case_a["of_a"] | {"token": [case_a["links"]["S1"].removeprefix("/z/")]}
    before = _database(app)
    calls = []
    for token, header in ((None, {}), (stranger, {}), ("ImdlZm9yZ2VkIg.forged", {}), (None, {"X-CSRFToken": stranger})):
        for area, victim in victims.items():
            forged = Role(victim.name, victim.client, headers=header, csrf_token=token, probe=victim.probe)
            calls += [call for call in crawl(app, forged, own, only=_forms(area)) if call.method in WRITE_METHODS]
    assert [str(call) for call in calls if call.status != 400] == []
    for victim in victims.values():
        victim.assert_alive()
    after = _database(app)
    assert {name: len(rows) for name, rows in after.items()} == {name: len(rows) for name, rows in before.items()}
    assert after == before
    assert len(calls) >= FORGED_FLOOR


def test_the_allow_list_names_only_routes_that_exist(app):
    assert {endpoint for endpoint, _ in ALLOWED} <= {rule.endpoint for rule in app.url_map.iter_rules()}
