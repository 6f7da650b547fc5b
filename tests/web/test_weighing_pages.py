"""The weighing page: what is left, one form per item with CSRF, errors beside the fields, 404 elsewhere."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from sqlmodel import func, select

from tests.consultation import ids
from tests.helpers import csrf_token_from, log_in
from tests.weighing_case import consulted_case
from zienswijze import clock
from zienswijze.db import Case, StakeholderResponse, Weighing
from zienswijze.db.session import ENGINE_KEY, new_session
from zienswijze.domain.responses import Channel, WeighingOutcome


@pytest.fixture
def consulted(app):
    return consulted_case(app)


def _item_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'id="item-(\d+)"', page)]


def test_the_page_lists_each_objection_request_and_missing_view_and_what_is_left(logged_in_client, consulted):
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    assert "Nog 3 van 3 onderdelen af te wegen." in page
    assert "Bezwaar van Bedrijf S1" in page and "Verzoek om extra lakking van Bedrijf S1" in page
    assert "Bedrijf S2 heeft geen zienswijze gegeven" in page
    assert "Onze bedrijfsgegevens." in page and "Concurrentiegevoelig." in page
    assert len(_item_ids(page)) == 3


def test_opening_the_weighing_page_writes_nothing(app, logged_in_client, consulted):
    """The rows were made by the round and the submission; a GET (a prefetch, a reload) changes nothing."""
    logged_in_client.get("/zaken/W-2024-1")  # whatever a first request of the session writes, before counting
    with app.app_context(), new_session() as session:
        before = session.exec(select(func.count()).select_from(Weighing)).one()
    statements: list[str] = []
    engine = app.extensions[ENGINE_KEY]
    listen = lambda _conn, _cursor, statement, *_args: statements.append(statement)  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        page = logged_in_client.get("/zaken/W-2024-1/afweging/")
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)
    with app.app_context(), new_session() as session:
        after = session.exec(select(func.count()).select_from(Weighing)).one()
    assert page.status_code == 200 and len(_item_ids(page.text)) == 3
    assert before == after == 4  # S1 and S2 each from the round, and S1's objection and request
    assert [s for s in statements if s.lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}] == []


def test_weighing_an_item_records_it_and_the_page_shows_one_less(app, logged_in_client, consulted):
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    first = _item_ids(page)[0]
    response = logged_in_client.post(
        f"/zaken/W-2024-1/afweging/{first}",
        data={
            f"w{first}-csrf_token": csrf_token_from(page),
            f"w{first}-outcome": "niet gehonoreerd",
            f"w{first}-ground": "",
            f"w{first}-motivation": "Openbaarheid weegt zwaarder.",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#item-{first}")
    assert "Nog 2 van 3 onderdelen af te wegen." in logged_in_client.get("/zaken/W-2024-1/afweging/").text
    with app.app_context(), new_session() as session:
        assert session.get(Weighing, first).outcome is WeighingOutcome.NIET_GEHONOREERD


def test_a_weighing_without_motivation_is_refused_with_the_message_beside_the_field(logged_in_client, consulted):
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    first = _item_ids(page)[0]
    response = logged_in_client.post(
        f"/zaken/W-2024-1/afweging/{first}",
        data={f"w{first}-csrf_token": csrf_token_from(page), f"w{first}-outcome": "gehonoreerd"},
    )
    assert response.status_code == 400
    assert "Motiveer de afweging" in response.text and 'aria-invalid="true"' in response.text


def test_a_motivation_over_its_cap_is_refused_with_the_text_kept_and_the_characters_counted(
    logged_in_client, consulted
):
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    first = _item_ids(page)[0]
    assert f'id="w{first}-motivation-teller"' in page and 'maxlength="20000"' in page
    motivation = "Het belang van openbaarheid weegt zwaarder. " * 500
    response = _post(logged_in_client, page, first, outcome="niet gehonoreerd", motivation=motivation)
    assert response.status_code == 400
    assert "hoogstens 20.000 mag" in response.text and f"{motivation}</textarea>" in response.text


def test_a_weighing_without_the_csrf_token_is_refused(logged_in_client, consulted):
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    first = _item_ids(page)[0]
    response = logged_in_client.post(
        f"/zaken/W-2024-1/afweging/{first}", data={f"w{first}-outcome": "gehonoreerd", f"w{first}-motivation": "x"}
    )
    assert response.status_code == 400


def test_another_organisation_never_sees_the_weighing(client, make_handler, consulted):
    log_in(client, make_handler("b@gemeente-b.example.org", "Gemeente B"))
    assert client.get("/zaken/W-2024-1/afweging/").status_code == 404
    assert client.get("/zaken/W-2024-1/besluit/").status_code == 404
    assert client.get("/zaken/W-2024-1/export/inventaris.csv").status_code == 404


def test_a_view_given_by_phone_is_recorded_by_the_handler_and_marked_as_such(app, logged_in_client, consulted):
    own = ids(app, "S2")
    response = _record_by_phone(logged_in_client, own)
    assert response.status_code == 302
    with app.app_context(), new_session() as session:
        stored = session.exec(
            select(StakeholderResponse).where(StakeholderResponse.invitation_id == own["invitation"])
        ).one()
        assert stored.channel is Channel.MONDELING and stored.recorded_by_id is not None
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    assert "Bezwaar van Bedrijf S2" in page and "mondeling" in page


def test_a_page_that_is_no_number_is_refused_beside_its_field(app, logged_in_client, consulted):
    own = ids(app, "S2")
    response = _record_by_phone(logged_in_client, own, page="drie")
    assert response.status_code == 400 and "Vul een paginanummer in." in response.text
    with app.app_context(), new_session() as session:
        recorded = select(StakeholderResponse).where(StakeholderResponse.invitation_id == own["invitation"])
        assert session.exec(recorded).first() is None


def _record_by_phone(client, own: dict[str, int], **extra: str):
    """Posts an objection to S2's document that the handler heard by phone."""
    page = client.get("/zaken/W-2024-1/afweging/zienswijze-vastleggen").text
    return client.post(
        "/zaken/W-2024-1/afweging/zienswijze-vastleggen",
        data={
            "csrf_token": csrf_token_from(page),
            "invitation": str(own["invitation"]),
            "channel": "mondeling",
            "position": "bezwaar",
            "document": str(own["document"]),
            "kind": "bezwaar",
            "reasons": "Telefonisch: het is de naam van onze directeur.",
            **extra,
        },
    )


def _post(client, page: str, item: int, **fields):
    """The item's form as the page posts it: each field under the item's prefix."""
    data = {"csrf_token": csrf_token_from(page), "motivation": "Alleen de naam.", **fields}
    return client.post(f"/zaken/W-2024-1/afweging/{item}", data={f"w{item}-{k}": v for k, v in data.items()})


def test_partly_honouring_asks_for_the_withheld_passages_page_by_page(app, logged_in_client, consulted):
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    extra = _item_ids(page)[1]
    fields = {"outcome": "deels gehonoreerd", "ground": "5.1.2f"}
    refused = _post(logged_in_client, page, extra, **fields)
    assert refused.status_code == 400 and "Geef aan welke passages alsnog worden weggelakt." in refused.text
    saved = _post(logged_in_client, page, extra, **fields, marked="1: Document van S1")
    assert saved.status_code == 302
    assert "1: Document van S1" in logged_in_client.get("/zaken/W-2024-1/afweging/").text


def test_after_the_decision_the_weighing_page_shows_the_record_without_forms(app, logged_in_client, consulted):
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        case.decision_date = clock.today()
        session.commit()
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    assert "de afweging kan niet meer worden gewijzigd" in page and "Afweging opslaan" not in page
    first = _item_ids(page)[0]
    refused = _post(logged_in_client, page, first, outcome="niet gehonoreerd")
    assert refused.status_code == 409 and "kunnen niet meer worden gewijzigd" in refused.text
