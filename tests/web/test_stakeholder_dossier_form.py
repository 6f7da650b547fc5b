"""The stakeholder's form without JavaScript: an attachment added keeps the answers typed beside it, and the
overview says how far the stakeholder is."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest

from tests.consultation import ids, open_file, start_consultation
from tests.helpers import csrf_token_from
from zienswijze.db import Invitation
from zienswijze.db.session import new_session
from zienswijze.demo.pdfs import text_pdf
from zienswijze.domain.deadlines import deadline_moment


@pytest.fixture
def client(app):
    return open_file(app, start_consultation(app)["S1"])


def _answers(client, **fields) -> dict:
    token = csrf_token_from(client.get("/z/dossier").text)
    return {"csrf_token": token, "extra_rows": "1", **fields}


def _pdf(name: str):
    return (io.BytesIO(text_pdf("Onderbouwing", [["Onze onderbouwing."]])), name)


def test_adding_an_attachment_saves_the_answers_typed_beside_it(app, client):
    d = ids(app, "S1")["document"]
    fields = _answers(client, position="bezwaar", **{f"d{d}": "bezwaar", f"d{d}-reasons": "Nog niet bewaarde reden"})
    response = client.post(
        "/z/dossier/bijlagen",
        data={**fields, "attachment": _pdf("onderbouwing.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    page = client.get("/z/dossier").text
    assert "Nog niet bewaarde reden" in page and "onderbouwing.pdf" in page


def test_an_attachment_is_added_even_when_the_answers_beside_it_need_fixing(app, client):
    reasons = "Te lang. " * 3_000
    fields = _answers(client, explanation=reasons)
    response = client.post(
        "/z/dossier/bijlagen",
        data={**fields, "attachment": _pdf("onderbouwing.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert f">{reasons}</textarea>" in response.text
    assert "Bijlage onderbouwing.pdf toegevoegd." in response.text


def test_removing_an_attachment_saves_the_answers_typed_beside_it(client):
    client.post(
        "/z/dossier/bijlagen",
        data={**_answers(client), "attachment": _pdf("weg.pdf")},
        content_type="multipart/form-data",
    )
    remove = re.search(r'formaction="(/z/dossier/bijlagen/\d+/verwijderen)"', client.get("/z/dossier").text).group(1)
    assert client.post(remove, data=_answers(client, explanation="Na het verwijderen")).status_code == 303
    page = client.get("/z/dossier").text
    assert "Na het verwijderen" in page and "weg.pdf" not in page


def test_the_upload_button_sends_the_answer_form_with_the_file(client):
    page = client.get("/z/dossier").text
    form = page[
        page.index('id="zienswijze-formulier"') : page.index("</form>", page.index('id="zienswijze-formulier"'))
    ]
    assert 'type="file"' in form and 'name="attachment"' in form
    assert 'formaction="/z/dossier/bijlagen" formenctype="multipart/form-data"' in form


def test_the_overview_counts_the_passages_answered(app, client):
    assert "0 van 1 passage beantwoord" in client.get("/z/dossier").text
    r = ids(app, "S1")["redaction"]
    client.post("/z/dossier", data=_answers(client, action="bewaar", **{f"r{r}": "akkoord"}))
    assert "1 van 1 passage beantwoord" in client.get("/z/dossier").text


def test_after_the_term_the_answers_are_shown_but_cannot_be_changed_or_sent(app, client, clock_at):
    r = ids(app, "S1")["redaction"]
    client.post("/z/dossier", data=_answers(client, action="bewaar", **{f"r{r}": "akkoord"}))
    with app.app_context(), new_session() as session:
        deadline = session.get(Invitation, ids(app, "S1")["invitation"]).deadline
    clock_at(deadline_moment(deadline) + timedelta(minutes=1))
    page = client.get("/z/dossier").text
    assert f'name="r{r}" value="akkoord" checked disabled' in page
    assert "app-send-bar" not in page and 'type="file"' not in page and "dossier.js" not in page
