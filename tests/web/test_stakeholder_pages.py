"""Stakeholders: add one with several addresses and its documents, change its documents, import a table."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from sqlmodel import select

from tests.helpers import csrf_token_from, log_in
from tests.web.handler_case import build_case, stakeholder_names
from zienswijze.db import Concern, Contact, Stakeholder
from zienswijze.db.session import new_session

NEW = "/zaken/A-2024-1/belanghebbenden/nieuw"
IMPORT = "/zaken/A-2024-1/belanghebbenden/importeren"


@pytest.fixture
def case_ids(app, logged_in_client):
    return build_case(app)


def _import(client, text: str, name: str = "belanghebbenden.csv"):
    token = csrf_token_from(client.get(IMPORT).text)
    return client.post(
        IMPORT,
        data={"csrf_token": token, "table": (io.BytesIO(text.encode()), name)},
        content_type="multipart/form-data",
    )


def test_a_stakeholder_is_added_with_two_addresses_and_its_documents(app, logged_in_client, case_ids):
    token = csrf_token_from(logged_in_client.get(NEW).text)
    response = logged_in_client.post(
        NEW,
        data={
            "name": "Ministerie van Voorbeeldzaken",
            "kind": "bestuursorgaan",
            "emails": "woo@voorbeeldzaken.example.org\njurist@voorbeeldzaken.example.org",
            "document_ids": [str(case_ids.documents[1]), str(case_ids.documents[3])],
            "csrf_token": token,
        },
        follow_redirects=True,
    )
    assert "Belanghebbende Ministerie van Voorbeeldzaken toegevoegd." in response.text
    assert "jurist@voorbeeldzaken.example.org" in response.text and "1, 3" in response.text
    with app.app_context(), new_session() as session:
        stakeholder = session.exec(select(Stakeholder).where(Stakeholder.name.startswith("Ministerie"))).one()
        assert stakeholder.code == "B3"
        assert len(session.exec(select(Contact).where(Contact.stakeholder_id == stakeholder.id)).all()) == 2


def test_an_invalid_stakeholder_is_explained_beside_its_fields(app, logged_in_client, case_ids):
    token = csrf_token_from(logged_in_client.get(NEW).text)
    response = logged_in_client.post(
        NEW,
        data={"name": "", "kind": "", "emails": "geen-adres", "document_ids": ["999999"], "csrf_token": token},
    )
    assert response.status_code == 400
    assert "Vul de naam in." in response.text
    assert "Kies bedrijf, persoon of bestuursorgaan." in response.text
    assert "geen-adres is geen geldig e-mailadres." in response.text
    assert "Kies documenten uit deze zaak." in response.text
    assert len(stakeholder_names(app, case_ids)) == 2


def test_the_documents_of_a_stakeholder_are_changed(app, logged_in_client, case_ids):
    stakeholder_id = case_ids.stakeholders["Adviesbureau Analyse B.V."]
    url = f"/zaken/A-2024-1/belanghebbenden/{stakeholder_id}"
    form = logged_in_client.get(url).text
    assert f'value="{case_ids.documents[1]}" checked' in form
    assert f'value="{case_ids.documents[2]}" checked' not in form
    response = logged_in_client.post(
        url,
        data={
            "document_ids": [str(case_ids.documents[2]), str(case_ids.documents[3])],
            "csrf_token": csrf_token_from(form),
        },
        follow_redirects=True,
    )
    assert "De documenten van Adviesbureau Analyse B.V. zijn opgeslagen." in response.text
    with app.app_context(), new_session() as session:
        chosen = session.exec(select(Concern.document_id).where(Concern.stakeholder_id == stakeholder_id)).all()
    assert sorted(chosen) == [case_ids.documents[2], case_ids.documents[3]]


def test_a_stakeholder_table_is_imported(app, logged_in_client, case_ids):
    response = _import(
        logged_in_client,
        "code,naam,soort,email\nS1,Bedrijf Een B.V.,bedrijf,a@een.example.com; b@een.example.com\n"
        "S2,Persoon Twee,persoon,twee@example.org\n",
    )
    assert response.status_code == 302
    assert "2 belanghebbenden geïmporteerd." in logged_in_client.get(response.headers["Location"]).text
    assert stakeholder_names(app, case_ids)[2:] == ["Bedrijf Een B.V.", "Persoon Twee"]


def test_a_bad_stakeholder_table_imports_nobody_and_lists_every_bad_row(app, logged_in_client, case_ids):
    response = _import(
        logged_in_client,
        "code,naam,soort,email\nS1,Goed B.V.,bedrijf,goed@example.com\nS2,,vereniging,geen-adres\n"
        "S1,Dubbel,bedrijf,dubbel@example.com\n",
    )
    assert response.status_code == 400
    table = unescape(response.text.split('id="importfouten"', 1)[1])
    lines = re.findall(
        r'<td class="utrecht-table__cell app-break">belanghebbenden\.csv</td>\s*'
        r'<td class="utrecht-table__cell">(\d+)</td>',
        table,
    )
    assert set(lines) == {"3", "4"}
    assert "Vul een naam in." in table and "'geen-adres' is geen geldig e-mailadres." in table
    assert len(stakeholder_names(app, case_ids)) == 2


def test_an_import_without_a_file_is_refused(logged_in_client, case_ids):
    token = csrf_token_from(logged_in_client.get(IMPORT).text)
    response = logged_in_client.post(IMPORT, data={"csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 400 and "Kies een bestand." in response.text


def test_another_organisations_stakeholder_is_not_found(app, make_handler, case_ids):
    client = app.test_client()
    log_in(client, make_handler("b@example.org", "Gemeente B"))
    build_case(app, organisation="Gemeente B", reference="B-2024-1")
    stakeholder_id = case_ids.stakeholders["Adviesbureau Analyse B.V."]
    assert client.get(f"/zaken/B-2024-1/belanghebbenden/{stakeholder_id}").status_code == 404
    assert client.get(f"/zaken/A-2024-1/belanghebbenden/{stakeholder_id}").status_code == 404
