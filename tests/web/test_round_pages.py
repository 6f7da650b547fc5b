"""Starting a consultation round: defaults, the live deadline preview (htmx and without JavaScript), sending."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.helpers import csrf_token_from
from tests.web.handler_case import build_case, start_a_round
from zienswijze import clock
from zienswijze.db import ConsultationRound, OutboxMessage
from zienswijze.db.session import new_session

HTMX = {"HX-Request": "true"}
NEW = "/zaken/A-2024-1/rondes/nieuw"


@pytest.fixture
def case_ids(app, logged_in_client, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2024, 4, 10))
    return build_case(app)


def _form(client, ids, **changes) -> dict:
    """The form as the browser posts it: every stakeholder chosen, 14 days, extensions allowed."""
    data = {
        "csrf_token": csrf_token_from(client.get(NEW).text),
        "stakeholder_ids": [str(i) for i in ids.stakeholders.values()],
        "term_days": "14",
        "deadline": "",
        "allow_extensions": "y",
        "max_extension_days": "14",
        "note": "",
        "actie": "versturen",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _rounds(app) -> list[ConsultationRound]:
    with app.app_context(), new_session() as session:
        return list(session.exec(select(ConsultationRound)))


def test_the_page_checks_every_stakeholder_and_shows_the_default_deadline(logged_in_client, case_ids):
    page = logged_in_client.get(NEW).text
    for stakeholder_id in case_ids.stakeholders.values():
        assert f'value="{stakeholder_id}" checked' in page
    assert 'name="term_days"' in page and 'value="14"' in page
    assert "woensdag 24 april 2024" in page


def test_the_htmx_preview_is_a_fragment_with_the_deadline_moved_off_the_weekend(logged_in_client, case_ids):
    response = logged_in_client.get(f"{NEW}?term_days=3&deadline=", headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="termijn-uitkomst"' in response.text
    assert "maandag 15 april 2024" in response.text
    assert "13-04-2024 is een zaterdag" in response.text


def test_an_explicit_date_wins_and_is_moved_to_a_working_day(logged_in_client, case_ids):
    response = logged_in_client.get(f"{NEW}?term_days=14&deadline=2024-04-27", headers=HTMX)
    assert "maandag 29 april 2024" in response.text


def test_a_preview_explains_a_term_it_cannot_compute(logged_in_client, case_ids):
    assert "Vul een aantal dagen in" in logged_in_client.get(f"{NEW}?term_days=veel", headers=HTMX).text
    assert (
        "Kies een termijn van 1 tot en met 365 dagen."
        in logged_in_client.get(f"{NEW}?term_days=400", headers=HTMX).text
    )


def test_a_deadline_after_the_decision_deadline_is_flagged_in_the_preview(logged_in_client, case_ids):
    response = logged_in_client.get(f"{NEW}?term_days=40", headers=HTMX)
    assert "valt na de beslistermijn van maandag 6 mei 2024" in response.text


def test_without_javascript_the_calculate_button_shows_the_preview_and_sends_nothing(app, logged_in_client, case_ids):
    response = logged_in_client.post(NEW, data=_form(logged_in_client, case_ids, term_days="3", actie="bereken"))
    assert response.status_code == 200
    assert "maandag 15 april 2024" in response.text and 'value="3"' in response.text
    assert _rounds(app) == []


def test_sending_starts_the_round_and_queues_one_mail_per_contact(app, logged_in_client, case_ids):
    response = logged_in_client.post(
        NEW, data=_form(logged_in_client, case_ids, term_days="21", max_extension_days="10", note="Zie bijlage.")
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/zaken/A-2024-1#uitnodigingen")
    (round_,) = _rounds(app)
    assert round_.deadline == date(2024, 5, 1)
    assert round_.allow_extensions and round_.max_extension_days == 10 and round_.personal_note == "Zie bijlage."
    with app.app_context(), new_session() as session:
        assert len(session.exec(select(OutboxMessage).where(OutboxMessage.kind == "invitation")).all()) == 3
    page = logged_in_client.get(response.headers["Location"]).text
    assert "Ronde 1 is gestart." in page and "2 uitnodigingen worden verstuurd." in page
    assert "E-mail met de uitnodiging:" in page and "in de wachtrij: 2" in page


def test_a_round_without_stakeholders_is_refused_beside_the_choice(app, logged_in_client, case_ids):
    response = logged_in_client.post(NEW, data=_form(logged_in_client, case_ids, stakeholder_ids=None))
    assert response.status_code == 400
    assert "Kies ten minste één belanghebbende." in response.text
    assert _rounds(app) == []


def test_a_term_out_of_range_is_refused_beside_its_field(app, logged_in_client, case_ids):
    response = logged_in_client.post(NEW, data=_form(logged_in_client, case_ids, term_days="0"))
    assert response.status_code == 400
    assert "Kies een termijn van 1 tot en met 365 dagen." in response.text
    assert _rounds(app) == []


@pytest.mark.parametrize(
    "field, typed, message",
    [
        ("term_days", "veertien", "Vul een aantal dagen in, bijvoorbeeld 14."),
        ("max_extension_days", "veel", "Vul een aantal dagen in, bijvoorbeeld 14."),
        ("deadline", "morgen", "Vul een geldige datum in (JJJJ-MM-DD)."),
    ],
)
def test_a_term_that_is_no_number_or_date_is_refused_beside_its_field(
    app, logged_in_client, case_ids, field, typed, message
):
    response = logged_in_client.post(NEW, data=_form(logged_in_client, case_ids, **{field: typed}))
    assert response.status_code == 400 and message in response.text
    assert f'value="{typed}"' in response.text
    assert _rounds(app) == []


def test_a_stakeholder_with_an_open_invitation_is_not_offered_again(app, logged_in_client, case_ids):
    start_a_round(app, case_ids, today=date(2024, 4, 10))
    page = logged_in_client.get(NEW).text
    assert "Heeft al een lopende uitnodiging." in page
    assert " checked" not in page.split('name="stakeholder_ids"', 1)[1].split("</fieldset>", 1)[0]


def test_the_round_keeps_the_reason_for_the_extension_possibility_for_the_decision(app, logged_in_client, case_ids):
    data = _form(logged_in_client, case_ids, extension_reason="  de   vakantie ")
    assert logged_in_client.post(NEW, data=data).status_code == 302
    (round_,) = _rounds(app)
    assert round_.extension_reason == "de vakantie"


def test_an_overlong_extension_reason_is_refused_beside_its_field(app, logged_in_client, case_ids):
    response = logged_in_client.post(NEW, data=_form(logged_in_client, case_ids, extension_reason="x" * 201))
    assert response.status_code == 400
    assert "hoogstens 200 mag" in response.text
    assert _rounds(app) == []
