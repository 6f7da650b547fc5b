"""The live status matrix of a case with many stakeholders: a page of invitations at a time, kept by its poll."""

from __future__ import annotations

import re

import pytest

from tests.helpers import csrf_token_from
from tests.web.wide_case import wide_case
from zienswijze.web.handler.status_matrix import ROWS_PER_PAGE

HTMX = {"HX-Request": "true", "HX-Target": "uitnodigingen"}
SIZE = ROWS_PER_PAGE + 10


@pytest.fixture
def wide(app, logged_in_client):
    wide_case(app, "BREED", SIZE)


def _rows(page: str) -> list[str]:
    return re.findall(r'id="uitnodiging-(\d+)"', page)


def test_the_matrix_shows_a_page_of_invitations_and_the_next_page_the_rest(logged_in_client, wide):
    first = logged_in_client.get("/zaken/BREED/uitnodigingen", headers=HTMX).text
    second = logged_in_client.get("/zaken/BREED/uitnodigingen?uitnodigingen=2", headers=HTMX).text
    assert len(_rows(first)) == ROWS_PER_PAGE and len(_rows(second)) == SIZE - ROWS_PER_PAGE
    assert not set(_rows(first)) & set(_rows(second))
    assert f"Alle ({SIZE})" in second


def test_the_poll_keeps_the_page_and_the_filter(logged_in_client, wide):
    fragment = logged_in_client.get("/zaken/BREED/uitnodigingen?status=verzonden&uitnodigingen=2", headers=HTMX).text
    poll = re.search(r'hx-get="([^"]+)" hx-trigger="every 5s"', fragment).group(1)
    assert poll == "/zaken/BREED/uitnodigingen?status=verzonden&amp;uitnodigingen=2"


def test_the_case_page_links_to_the_matrix_pages(logged_in_client, wide):
    page = logged_in_client.get("/zaken/BREED").text
    assert len(_rows(page)) == ROWS_PER_PAGE
    assert 'href="/zaken/BREED?uitnodigingen=2#uitnodigingen"' in page


def test_an_action_on_the_second_page_returns_to_it(logged_in_client, wide):
    fragment = logged_in_client.get("/zaken/BREED/uitnodigingen?uitnodigingen=2", headers=HTMX).text
    invitation = _rows(fragment)[0]
    response = logged_in_client.post(
        f"/zaken/BREED/uitnodigingen/{invitation}/intrekken?uitnodigingen=2",
        data={"csrf_token": csrf_token_from(fragment)},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("?uitnodigingen=2#uitnodigingen")
