"""The weighing page of a big case: a page of items at a time, narrowed by filters and a search."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.consultation import ids
from tests.helpers import csrf_token_from, statements_run
from tests.weighing_case import consulted_case, submit_view
from zienswijze.db.session import ENGINE_KEY
from zienswijze.domain.responses import ItemInput, ItemKind, Position
from zienswijze.web.handler.weighing import ITEMS_PER_PAGE

PAGE = "/zaken/W-2024-1/afweging/"
REQUESTS = ITEMS_PER_PAGE + 5


@pytest.fixture
def many(app):
    """S1 asks for more extra redactions than fit on a page; S2 gives no view."""
    consulted = consulted_case(app)
    document = ids(app, "S1")["document"]
    requests = [
        ItemInput(
            ItemKind.EXTRA_LAKKING, document, page=1, passage=f"Passage {n:02d}", ground_code="5.1.2e", reasons="Naam."
        )
        for n in range(REQUESTS)
    ]
    submit_view(app, "S1", Position.GEDEELTELIJK_BEZWAAR, requests)
    return consulted


def _item_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'id="item-(\d+)"', page)]


def _passages(page: str) -> list[str]:
    return re.findall(r"Passage \d\d", page)


def test_the_second_page_shows_the_items_after_the_first(logged_in_client, many):
    first = logged_in_client.get(PAGE).text
    second = logged_in_client.get(f"{PAGE}?pagina=2").text
    assert len(_item_ids(first)) == ITEMS_PER_PAGE and len(_item_ids(second)) == REQUESTS + 1 - ITEMS_PER_PAGE
    assert not set(_item_ids(first)) & set(_item_ids(second))
    assert _passages(first) + _passages(second)[: REQUESTS - ITEMS_PER_PAGE] == [
        f"Passage {n:02d}" for n in range(REQUESTS)
    ]
    assert f'href="{PAGE}?pagina=2"' in first and "Bedrijf S2 heeft geen zienswijze gegeven" in second
    assert f"Nog {REQUESTS + 1} van {REQUESTS + 1} onderdelen af te wegen." in second  # of every page


def test_the_stakeholder_filter_shows_only_that_stakeholders_items(app, logged_in_client, many):
    page = logged_in_client.get(f"{PAGE}?belanghebbende={ids(app, 'S2')['stakeholder']}").text
    assert len(_item_ids(page)) == 1 and "Bedrijf S2 heeft geen zienswijze gegeven" in page
    assert "1 onderdeel gevonden." in page


def test_the_kind_filter_shows_only_items_of_that_kind(logged_in_client, many):
    page = logged_in_client.get(f"{PAGE}?soort=geen+zienswijze").text
    assert len(_item_ids(page)) == 1 and "Bedrijf S2 heeft geen zienswijze gegeven" in page


def test_the_search_finds_a_stakeholder_by_name(logged_in_client, many):
    page = logged_in_client.get(f"{PAGE}?zoek=bedrijf+s2").text
    assert len(_item_ids(page)) == 1 and "Bedrijf S2 heeft geen zienswijze gegeven" in page


def test_the_search_finds_a_document_by_number(logged_in_client, many):
    page = logged_in_client.get(f"{PAGE}?zoek=1").text
    assert f"{REQUESTS} onderdelen gevonden." in page


def test_a_search_that_finds_nothing_says_so(logged_in_client, many):
    page = logged_in_client.get(f"{PAGE}?zoek=niets+van+dit").text
    assert _item_ids(page) == [] and "Geen onderdelen gevonden die bij uw zoekopdracht passen." in page


def test_weighing_an_item_returns_to_the_same_page_and_filters(logged_in_client, many):
    page = logged_in_client.get(f"{PAGE}?status=ongewogen&pagina=2").text
    item = _item_ids(page)[0]
    response = logged_in_client.post(
        f"{PAGE}{item}?status=ongewogen&pagina=2",
        data={
            f"w{item}-csrf_token": csrf_token_from(page),
            f"w{item}-outcome": "niet gehonoreerd",
            f"w{item}-motivation": "Openbaarheid weegt zwaarder.",
        },
    )
    location = urlsplit(response.headers["Location"])
    assert response.status_code == 302 and parse_qs(location.query) == {"status": ["ongewogen"], "pagina": ["2"]}
    assert item not in _item_ids(logged_in_client.get(f"{PAGE}?status=ongewogen&pagina=2").text)
    assert _item_ids(logged_in_client.get(f"{PAGE}?status=gewogen").text) == [item]


def test_a_refused_weighing_is_shown_on_its_page_with_its_message(logged_in_client, many):
    page = logged_in_client.get(f"{PAGE}?pagina=2").text
    item = _item_ids(page)[0]
    response = logged_in_client.post(
        f"{PAGE}{item}?pagina=2",
        data={f"w{item}-csrf_token": csrf_token_from(page), f"w{item}-outcome": "niet gehonoreerd"},
    )
    assert response.status_code == 400 and _item_ids(response.text) == _item_ids(page)
    assert len(_item_ids(page)) == REQUESTS + 1 - ITEMS_PER_PAGE
    assert "Motiveer de afweging" in response.text


def test_a_page_reads_only_its_own_items_of_a_long_view(app, logged_in_client, many):
    """One view may hold hundreds of lines; a page of the weighing reads the lines it shows, not the whole view."""
    engine = app.extensions[ENGINE_KEY]
    logged_in_client.get(PAGE)
    with statements_run(engine) as run:
        logged_in_client.get(PAGE)
    items_read = [statement for statement, _parameters in run if "FROM response_items" in statement]
    assert items_read and not any("WHERE response_items.version_id IN" in statement for statement in items_read)
