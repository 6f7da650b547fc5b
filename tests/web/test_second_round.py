"""A second round for stakeholders who already answered in the first: every page and API route keeps answering."""

from __future__ import annotations

import pytest

from tests.api.calls import token_for
from tests.weighing_case import consulted_after_the_terms, weigh_all
from zienswijze import clock
from zienswijze.db.session import new_session
from zienswijze.domain.responses import Position
from zienswijze.services.context import Actor, LinkSettings
from zienswijze.services.rounds import RoundSettings, start_round

CASE = "/zaken/W-2024-1"


@pytest.fixture
def second_round(app, clock_at, logged_in_client) -> dict:
    """S1 objected and S2 agreed in the first round, both weighed; then both are invited again."""
    consulted = consulted_after_the_terms(app, clock_at, s2_view=Position.GEEN_BEZWAAR)
    weigh_all(app, consulted)
    with app.app_context(), new_session() as session:
        start_round(
            session,
            Actor.user(1, consulted["user"]),
            case_id=consulted["case"],
            settings=RoundSettings(),
            links=LinkSettings.from_config(app.config, clock.today()),
        )
    return consulted | {"auth": token_for(app, "behandelaar@a.example.org")}


def test_the_decision_page_and_the_paragraph_downloads_keep_answering(logged_in_client, second_round):
    for path in (
        "besluit/",
        "besluit/zienswijze-derde-belanghebbenden.txt",
        "besluit/zienswijze-derde-belanghebbenden.docx",
    ):
        assert logged_in_client.get(f"{CASE}/{path}").status_code == 200, path


def test_the_paragraph_counts_a_stakeholder_who_answered_in_the_first_round_as_having_answered(
    logged_in_client, second_round
):
    text = logged_in_client.get(f"{CASE}/besluit/zienswijze-derde-belanghebbenden.txt").text
    assert "Er zijn twee belanghebbenden om een zienswijze gevraagd. Twee belanghebbenden hebben een zienswijze" in text
    assert "Belanghebbende 2 heeft laten weten geen bezwaar te hebben" in text
    assert "Belanghebbende 2 heeft geen zienswijze gegeven" not in text


def test_the_api_lists_the_weighing_and_the_paragraph_and_the_decision_waits_for_the_new_round(client, second_round):
    case_id, auth = second_round["case"], second_round["auth"]
    weighing = client.get(f"/api/v1/cases/{case_id}/weighing", headers=auth)
    assert weighing.status_code == 200
    assert client.get(f"/api/v1/cases/{case_id}/decision-paragraph", headers=auth).status_code == 200
    dates = {"decided_on": "2024-07-26", "announced_on": "2024-07-26"}
    refused = client.post(f"/api/v1/cases/{case_id}/decision", json=dates, headers=auth)
    assert refused.status_code == 409
    assert [w["stakeholder_code"] for w in refused.json["waiting_for"]] == ["S1", "S2"]
    decided = client.post(
        f"/api/v1/cases/{case_id}/decision",
        json=dates | {"override_reason": "de vragen zijn al beantwoord"},
        headers=auth,
    )
    assert decided.status_code == 201, decided.json
