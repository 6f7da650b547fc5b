"""One date style on the pages: short in tables, long in running text, in the page's language and in
Amsterdam time; an overdue decision deadline says so in words."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.helpers import csrf_token_from
from tests.web.handler_case import build_case, start_a_round
from zienswijze.db import Case
from zienswijze.db.session import new_session
from zienswijze.domain.cases import CaseStatus


@pytest.fixture
def case_ids(app, logged_in_client):
    return build_case(app)


def _english(client) -> None:
    token = csrf_token_from(client.get("/zaken/").text)
    client.post("/taal", data={"csrf_token": token, "locale": "en", "next": "/zaken/"})


def test_the_case_list_shows_its_deadlines_short(logged_in_client, case_ids, clock_at):
    clock_at(datetime(2024, 4, 10, 9, tzinfo=UTC))
    page = logged_in_client.get("/zaken/").text
    assert ">ma 6 mei 2024</time>" in page  # the decision deadline: four weeks after 8 April 2024


def test_the_case_list_in_english_shows_english_dates(logged_in_client, case_ids, clock_at):
    clock_at(datetime(2024, 4, 10, 9, tzinfo=UTC))
    _english(logged_in_client)
    assert ">Mon 6 May 2024</time>" in logged_in_client.get("/zaken/").text


def test_the_case_page_writes_its_decision_deadline_in_full(logged_in_client, case_ids, clock_at):
    clock_at(datetime(2024, 4, 10, 9, tzinfo=UTC))
    page = logged_in_client.get("/zaken/A-2024-1").text
    assert ">maandag 6 mei 2024</time>" in page
    _english(logged_in_client)
    assert ">Monday 6 May 2024</time>" in logged_in_client.get("/zaken/A-2024-1").text


def test_a_time_on_the_case_page_is_amsterdam_time(app, logged_in_client, case_ids, clock_at):
    clock_at(datetime(2024, 4, 10, 7, 30, tzinfo=UTC))  # 09:30 in Amsterdam (summer time)
    start_a_round(app, case_ids, today=date(2024, 4, 10))
    page = logged_in_client.get("/zaken/A-2024-1").text
    assert "wo 10 apr 2024 09:30" in page


def test_an_overdue_decision_deadline_is_flagged_on_the_case_list_and_the_case_page(
    logged_in_client, case_ids, clock_at
):
    clock_at(datetime(2024, 5, 7, 9, tzinfo=UTC))  # the day after the decision deadline of 6 May
    for path in ("/zaken/", "/zaken/A-2024-1"):
        assert "Beslistermijn verstreken" in logged_in_client.get(path).text


def test_a_running_decision_deadline_is_not_flagged(logged_in_client, case_ids, clock_at):
    clock_at(datetime(2024, 5, 6, 9, tzinfo=UTC))  # the last day of the term
    for path in ("/zaken/", "/zaken/A-2024-1"):
        assert "Beslistermijn verstreken" not in logged_in_client.get(path).text


def test_a_closed_case_past_its_decision_deadline_is_not_flagged(app, logged_in_client, case_ids, clock_at):
    with app.app_context(), new_session() as session:
        session.get_one(Case, case_ids.case).status = CaseStatus.AFGESLOTEN
        session.commit()
    clock_at(datetime(2024, 5, 7, 9, tzinfo=UTC))
    assert "Beslistermijn verstreken" not in logged_in_client.get("/zaken/").text


def test_the_printable_inventory_list_writes_its_dates_short(logged_in_client, case_ids):
    page = logged_in_client.get("/zaken/A-2024-1/export/inventaris").text
    assert ">wo 1 jan 2020</time>" in page and "2020-01-01<" not in page  # document 1's date
