"""Lists that grow with the case come a page at a time: ``limit`` and an opaque ``after`` cursor in, the
same JSON array (or object) out, and a Link header to the next page while there is one."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.api.calls import token_for, upload
from tests.web.wide_case import wide_case
from tests.weighing_case import HANDLER, consulted_case
from zienswijze.db import Document, ProposedRedaction

DOCUMENTS = "/api/v1/cases/{case_id}/documents"


@pytest.fixture
def five_documents(client, auth, case_id) -> list[int]:
    """Five documents, uploaded out of inventory order."""
    for number in (4, 2, 5, 1, 3):
        assert upload(client, auth, case_id, number=number).status_code == 201
    return [1, 2, 3, 4, 5]


def walk(client, auth, url: str) -> list:
    """Every page of a list, following the Link header until there is none."""
    pages = []
    while url:
        response = client.get(url, headers=auth)
        assert response.status_code == 200, response.json
        pages.append(response.json)
        link = response.headers.get("Link")
        url = link and link.removeprefix("<").removesuffix('>; rel="next"')
    return pages


def test_walking_the_documents_two_at_a_time_gives_each_once_in_inventory_order(client, auth, case_id, five_documents):
    pages = walk(client, auth, DOCUMENTS.format(case_id=case_id) + "?limit=2")
    assert [[document["number"] for document in page] for page in pages] == [[1, 2], [3, 4], [5]]


def test_the_last_page_has_no_next_link(client, auth, case_id, five_documents):
    response = client.get(DOCUMENTS.format(case_id=case_id) + "?limit=5", headers=auth)
    assert len(response.json) == 5
    assert "Link" not in response.headers


def test_a_page_carries_its_redactions_and_outcome(client, auth, case_id, five_documents):
    first = client.get(DOCUMENTS.format(case_id=case_id) + "?limit=1", headers=auth).json[0]
    document_id = first["id"]
    client.post(
        f"/api/v1/cases/{case_id}/documents/{document_id}/redactions",
        json={"page": 1, "passage": "J. de Vries", "ground": "5.1.2e", "reason": "Naam."},
        headers=auth,
    )
    [again] = client.get(DOCUMENTS.format(case_id=case_id) + "?limit=1", headers=auth).json
    assert [r["passage"] for r in again["redactions"]] == ["J. de Vries"]
    assert again["outcome"]["assessment"] == "deels openbaar"


def test_without_limit_a_page_holds_up_to_a_hundred(client, auth, case_id, five_documents):
    response = client.get(DOCUMENTS.format(case_id=case_id), headers=auth)
    assert [document["number"] for document in response.json] == [1, 2, 3, 4, 5]
    assert "Link" not in response.headers


def test_the_next_link_keeps_the_lists_filters(client, auth, case_id):
    for number in (1, 2, 3):
        client.post(
            "/api/v1/cases",
            json={"reference": f"B-{number}", "subject": "Subsidies", "received_on": "2024-06-01"},
            headers=auth,
        )
    response = client.get("/api/v1/cases?q=subsidies&limit=2", headers=auth)
    assert "q=subsidies" in response.json["next"]
    assert response.headers["Link"] == f'<{response.json["next"]}>; rel="next"'
    pages = walk(client, auth, "/api/v1/cases?q=subsidies&limit=2")
    assert [[case["reference"] for case in page["cases"]] for page in pages] == [["B-1", "B-2"], ["B-3"]]
    assert pages[-1]["next"] is None


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ("0", "Vul een getal van ten minste 1 in."),
        ("501", "Vul een getal van hoogstens 500 in."),
        ("x", "Vul een geheel getal in."),
    ],
)
def test_a_limit_outside_one_to_five_hundred_is_refused_in_dutch(client, auth, case_id, limit, message):
    response = client.get(DOCUMENTS.format(case_id=case_id) + f"?limit={limit}", headers=auth)
    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json["errors"] == [{"field": "limit", "message": message}]


def test_a_made_up_cursor_is_refused_in_dutch(client, auth, case_id, five_documents):
    response = client.get(DOCUMENTS.format(case_id=case_id) + "?after=WzMsIDEyXQ", headers=auth)
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "after"
    assert "next-link" in response.json["errors"][0]["message"]


def test_a_cursor_of_another_list_is_refused(client, auth, case_id, five_documents):
    link = client.get(DOCUMENTS.format(case_id=case_id) + "?limit=2", headers=auth).headers["Link"]
    cursor = link.split("after=")[1].split(">")[0]
    response = client.get(f"/api/v1/cases/{case_id}/stakeholders?after={cursor}", headers=auth)
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "after"


def test_another_organisations_cursor_reveals_nothing(client, auth, other_auth, case_id):
    for number in (1, 2):
        client.post(
            "/api/v1/cases",
            json={"reference": f"B-{number}", "subject": "Ander", "received_on": "2024-06-01"},
            headers=other_auth,
        )
    theirs = client.get("/api/v1/cases?limit=1", headers=other_auth).json["next"]
    response = client.get(theirs, headers=auth)
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "after"
    assert "B-" not in response.get_data(as_text=True)


def test_stakeholders_come_a_page_at_a_time_in_the_order_they_were_added(client, auth, case_id, document_id):
    for name in ("Cees", "Anna", "Bert"):
        client.post(
            f"/api/v1/cases/{case_id}/stakeholders",
            json={"name": name, "kind": "persoon", "email": f"{name}@example.com", "document_ids": [document_id]},
            headers=auth,
        )
    pages = walk(client, auth, f"/api/v1/cases/{case_id}/stakeholders?limit=2")
    assert [[s["name"] for s in page] for page in pages] == [["Cees", "Anna"], ["Bert"]]
    assert all(s["document_ids"] == [document_id] for page in pages for s in page)


def test_invitations_come_a_page_at_a_time_by_stakeholder_name(client, auth, case_id, document_id):
    for name in ("Cees", "Anna", "Bert"):
        client.post(
            f"/api/v1/cases/{case_id}/stakeholders",
            json={"name": name, "kind": "persoon", "email": f"{name}@example.com", "document_ids": [document_id]},
            headers=auth,
        )
    client.post(
        f"/api/v1/cases/{case_id}/rounds",
        json={"term_days": 14, "extension_max_days": 0, "auto_grant_extensions": False},
        headers=auth,
    )
    stakeholders = {s["id"]: s["name"] for s in client.get(f"/api/v1/cases/{case_id}/stakeholders", headers=auth).json}
    pages = walk(client, auth, f"/api/v1/cases/{case_id}/invitations?limit=2")
    assert [[stakeholders[i["stakeholder_id"]] for i in page] for page in pages] == [["Anna", "Bert"], ["Cees"]]


def test_weighing_items_come_a_page_at_a_time_with_the_totals_of_all(app, client):
    case = consulted_case(app)["case"]
    auth = token_for(app, HANDLER)
    whole = client.get(f"/api/v1/cases/{case}/weighing", headers=auth).json
    pages = walk(client, auth, f"/api/v1/cases/{case}/weighing?limit=1")
    assert len(whole["items"]) >= 3 and whole["next"] is None
    assert [item["id"] for page in pages for item in page["items"]] == [item["id"] for item in whole["items"]]
    assert {(page["total"], page["remaining"]) for page in pages} == {(whole["total"], whole["remaining"])}


def test_a_page_of_a_big_case_reads_only_its_own_documents_and_redactions(app, client, auth):
    wide_case(app, "GROOT", 300)
    case = client.get("/api/v1/cases?reference=GROOT", headers=auth).json["cases"][0]["id"]
    loaded: list[object] = []

    def count(target, _context) -> None:
        loaded.append(target)

    for table in (Document, ProposedRedaction):
        sa.event.listen(table, "load", count)
    try:
        response = client.get(f"/api/v1/cases/{case}/documents?limit=2", headers=auth)
    finally:
        for table in (Document, ProposedRedaction):
            sa.event.remove(table, "load", count)
    assert [document["number"] for document in response.json] == [1, 2]
    # The page's two documents, the one that tells a next page exists, and the two documents' redactions.
    assert len(loaded) <= 5, f"{len(loaded)} rows read for a page of two"


def test_a_cursor_made_before_the_secret_key_was_rotated_still_leads_on(app, client, auth, case_id, five_documents):
    link = client.get(DOCUMENTS.format(case_id=case_id) + "?limit=2", headers=auth).headers["Link"]
    app.config["SECRET_KEY_FALLBACKS"] = [app.config["SECRET_KEY"]]
    app.config["SECRET_KEY"] = "een nieuwe sleutel van voldoende lengte"
    response = client.get(link.removeprefix("<").removesuffix('>; rel="next"'), headers=auth)
    assert [document["number"] for document in response.json] == [3, 4]
