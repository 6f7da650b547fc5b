"""The stakeholder's form within its limits: how many characters are left, text over a cap refused with the
text kept, and attachments beyond the invitation's number refused with a message."""

from __future__ import annotations

import io

import pytest

from tests.consultation import ids, open_file, start_consultation
from tests.helpers import csrf_token_from
from zienswijze.demo.pdfs import text_pdf


@pytest.fixture
def client(app):
    return open_file(app, start_consultation(app)["S1"])


def test_each_reason_field_says_how_many_characters_are_left(app, client):
    page = client.get("/z/dossier").text
    d = ids(app, "S1")["document"]
    assert (
        f'id="d{d}-reasons" name="d{d}-reasons" rows="2" aria-describedby="d{d}-reasons-teller" maxlength="20000"'
        in page
    )
    assert f'id="d{d}-reasons-teller" aria-live="polite"' in page and "Nog 20000 tekens" in page


def test_a_reason_over_its_cap_is_refused_with_the_text_still_in_the_field(app, client):
    d = ids(app, "S1")["document"]
    reasons = "Ons bedrijfsbelang. " * 1_001
    token = csrf_token_from(client.get("/z/dossier").text)
    response = client.post(
        "/z/dossier",
        data={
            "csrf_token": token,
            "extra_rows": "1",
            "position": "bezwaar",
            f"d{d}": "bezwaar",
            f"d{d}-reasons": reasons,
            "action": "bewaar",
        },
    )
    assert response.status_code == 400
    assert f'id="d{d}-reasons-fout">Deze tekst is 20.020 tekens lang; hoogstens 20.000 mag.' in response.text
    assert f">{reasons}</textarea>" in response.text and "20 tekens te veel" in response.text


def test_an_attachment_beyond_the_invitations_number_is_refused_with_a_message(app, client):
    app.config["MAX_ATTACHMENTS"] = 1
    token = csrf_token_from(client.get("/z/dossier").text)

    def upload(n: int):
        pdf = text_pdf(f"Bijlage {n}", [[f"Onderbouwing {n}."]])
        return client.post(
            "/z/dossier/bijlagen",
            data={"csrf_token": token, "attachment": (io.BytesIO(pdf), f"bijlage-{n}.pdf")},
            content_type="multipart/form-data",
            follow_redirects=True,
        )

    assert "Bijlage bijlage-1.pdf toegevoegd." in upload(1).text
    refused = upload(2).text
    assert "bijlage-2.pdf: U kunt hoogstens 1 bijlage toevoegen." in refused
