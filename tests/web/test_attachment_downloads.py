"""The handler of the case opens the PDFs a stakeholder attached to a submitted view, as downloads only."""

from __future__ import annotations

import pytest

from tests.api.calls import token_for
from tests.helpers import log_in
from tests.weighing_case import ATTACHMENT_NAME, ATTACHMENT_PDF, attach_to_view, consulted_case


@pytest.fixture
def consulted(app):
    return consulted_case(app)


def test_the_weighing_page_links_the_attachment_and_names_the_contact_person(app, logged_in_client, consulted):
    attachment = attach_to_view(app, "S2", submit=True)
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    assert f"/zaken/W-2024-1/bijlagen/{attachment}" in page
    assert "M. Jurist" in page and "030 123 45 67" in page


def test_the_handler_downloads_the_attachment_never_inline(app, logged_in_client, consulted):
    attachment = attach_to_view(app, "S2", submit=True)
    with logged_in_client.get(f"/zaken/W-2024-1/bijlagen/{attachment}") as response:
        assert response.status_code == 200 and response.data == ATTACHMENT_PDF
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.mimetype == "application/pdf"


def test_an_attachment_of_a_draft_is_not_the_handlers_yet(app, logged_in_client, consulted):
    attachment = attach_to_view(app, "S2", submit=False)
    assert logged_in_client.get(f"/zaken/W-2024-1/bijlagen/{attachment}").status_code == 404


def test_another_organisation_finds_no_attachment(app, client, make_handler, consulted):
    attachment = attach_to_view(app, "S2", submit=True)
    log_in(client, make_handler("b@example.org", "Gemeente B"))
    assert client.get(f"/zaken/W-2024-1/bijlagen/{attachment}").status_code == 404
    headers = token_for(app, "b@example.org")
    assert client.get(f"/api/v1/cases/{consulted['case']}/attachments/{attachment}", headers=headers).status_code == 404


def test_the_case_system_downloads_the_attachment_and_sees_it_in_the_weighing(app, client, make_handler, consulted):
    attachment = attach_to_view(app, "S2", submit=True)
    headers = token_for(app, make_handler("api@gemeente-a.example.org", "Gemeente A"))
    items = client.get(f"/api/v1/cases/{consulted['case']}/weighing", headers=headers).json["items"]
    s2 = next(i for i in items if i["stakeholder_code"] == "S2")
    assert s2["attachments"] == [{"id": attachment, "filename": ATTACHMENT_NAME}] and s2["contact_name"] == "M. Jurist"
    response = client.get(f"/api/v1/cases/{consulted['case']}/attachments/{attachment}", headers=headers)
    assert response.status_code == 200 and response.data == ATTACHMENT_PDF
    assert response.headers["Content-Disposition"].startswith("attachment;")
