"""The case page as one overview: sections the handler moves between, the next step marked, long lists
paged or collapsed (issue 13)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import csrf_token_from
from tests.web.handler_case import build_case, start_a_round
from tests.weighing_case import consulted_after_the_terms, weigh_all
from zienswijze import clock
from zienswijze.db import Case
from zienswijze.db.session import new_session
from zienswijze.services.cases import create_case
from zienswijze.services.context import Actor
from zienswijze.services.documents import add_document

PAGE = "/zaken/A-2024-1"
SECTIONS = ["documenten", "belanghebbenden", "zienswijzen", "afweging", "besluit", "exports", "audittrail"]


@pytest.fixture
def case_ids(app, logged_in_client):
    return build_case(app)


def marked_step(page: str) -> str:
    """The section the navigation marks as the next step."""
    (section,) = re.findall(r'href="#([\w-]+)"[^>]*aria-current="step"', page)
    return section


def more_documents(app, case_id: int, numbers: range) -> None:
    with app.app_context(), new_session() as session:
        for number in numbers:
            add_document(
                session,
                case_id=case_id,
                number=number,
                title=f"Bijlage {number}",
                document_date=None,
                assessment="openbaar",
                ground_codes=[],
                pdf=None,
                file_name=None,
                upload_dir=Path(app.config["UPLOAD_DIR"]),
                max_bytes=10_000_000,
            )
        session.commit()


def test_the_case_page_links_each_of_its_sections_in_order(logged_in_client, case_ids):
    page = logged_in_client.get(PAGE).text
    nav = page[page.index('aria-label="Onderdelen van de zaak"') :]
    nav = nav[: nav.index("</nav>")]
    assert re.findall(r'href="#([\w-]+)"', nav) == SECTIONS
    for section in SECTIONS:
        assert f'id="{section}"' in page, section


def test_a_new_case_asks_for_its_documents_first(app, logged_in_client):
    with app.app_context(), new_session() as session:
        actor = Actor.system("test", session.get(Case, build_case(app).case).organisation_id)
        create_case(session, actor, reference="A-2024-9", subject="Leeg", received=date(2024, 4, 8))
    page = logged_in_client.get("/zaken/A-2024-9").text
    assert marked_step(page) == "documenten"
    assert "Documenten toevoegen" in page[page.index('id="volgende-stap"') :]


def test_with_documents_and_stakeholders_the_next_step_is_to_ask_for_views(logged_in_client, case_ids):
    page = logged_in_client.get(PAGE).text
    assert marked_step(page) == "zienswijzen"
    assert "Zienswijzen vragen" in page[page.index('id="volgende-stap"') :]


def test_while_views_can_come_in_the_handler_follows_the_round(app, logged_in_client, case_ids):
    start_a_round(app, case_ids, today=clock.today())
    page = logged_in_client.get(PAGE).text
    assert marked_step(page) == "zienswijzen"
    assert "Zienswijzen afwachten" in page[page.index('id="volgende-stap"') :]
    assert "Er kunnen nog 2 zienswijzen binnenkomen." in page


def test_after_the_terms_the_views_are_weighed(app, logged_in_client, case_ids):
    start_a_round(app, case_ids, today=date(2024, 4, 10))  # both terms ended long ago, without a view
    page = logged_in_client.get(PAGE).text
    assert marked_step(page) == "afweging"
    assert "Nog 2 van 2 onderdelen af te wegen." in page


def test_the_documents_are_listed_a_page_at_a_time(app, logged_in_client, case_ids):
    more_documents(app, case_ids.case, range(4, 41))
    first = logged_in_client.get(PAGE).text
    assert ">Bijlage 15<" in first and ">Bijlage 16<" not in first
    assert 'href="/zaken/A-2024-1?documenten=2#documenten"' in first
    second = logged_in_client.get(f"{PAGE}?documenten=2").text
    assert ">Bijlage 16<" in second and ">Bijlage 15<" not in second and ">Bijlage 31<" not in second
    last = logged_in_client.get(f"{PAGE}?documenten=99").text  # past the end: the last page
    assert ">Bijlage 40<" in last and ">Bijlage 30<" not in last


def test_the_proposed_redactions_are_collapsed_under_their_document(logged_in_client, case_ids):
    page = logged_in_client.get(PAGE).text
    assert "lakvoorstel-tabel" not in page
    details = page[page.rindex("<details", 0, page.index("J. de Vries")) :]
    details = details[: details.index("</details>")]
    assert "2 passages" in details and "T. Bos" in details and "Naam van een medewerker." in details


def test_once_the_views_are_weighed_the_decision_is_next_and_after_it_the_publication(app, logged_in_client, clock_at):
    weigh_all(app, consulted_after_the_terms(app, clock_at))
    assert marked_step(logged_in_client.get("/zaken/W-2024-1").text) == "besluit"
    token = csrf_token_from(logged_in_client.get("/zaken/W-2024-1/besluit/").text)
    logged_in_client.post(
        "/zaken/W-2024-1/besluit/", data={"csrf_token": token, "decided_on": "2024-07-01", "announced_on": "2024-07-01"}
    )
    page = logged_in_client.get("/zaken/W-2024-1").text
    assert marked_step(page) == "exports"
    assert "Besloten op maandag 1 juli 2024." in page and "Publicatiepakket" in page


def test_the_invitation_buttons_name_their_stakeholder_in_hidden_text(app, logged_in_client, case_ids):
    start_a_round(app, case_ids, today=clock.today())
    page = logged_in_client.get(PAGE).text
    assert 'Opnieuw versturen<span class="app-visually-hidden"> (Adviesbureau Analyse B.V.)</span></button>' in page
    assert "&lt;span" not in page
