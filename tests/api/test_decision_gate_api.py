"""The decision over the API while a stakeholder can still give a view: a 409 problem naming them, or an override."""

from __future__ import annotations

import pytest

DATES = {"decided_on": "2024-07-26", "announced_on": "2024-07-26"}


def test_a_decision_while_a_view_can_come_is_a_409_problem_listing_whom_it_waits_for(client, auth, case_id, round_json):
    invitation = round_json["invitations"][0]
    refused = client.post(f"/api/v1/cases/{case_id}/decision", json=DATES, headers=auth)
    assert refused.status_code == 409 and refused.mimetype == "application/problem+json"
    assert refused.json["type"] == "urn:zienswijze:problem:conflict"
    assert "Analyse B.V. kan nog tot en met" in refused.json["detail"]
    assert [e["field"] for e in refused.json["errors"]] == ["override_reason"]
    assert refused.json["waiting_for"] == [
        {
            "invitation_id": invitation["id"],
            "stakeholder_id": invitation["stakeholder_id"],
            "stakeholder_code": "B1",
            "stakeholder_name": "Analyse B.V.",
            "reason": "termijn loopt",
            "deadline": invitation["deadline"],
        }
    ]


def test_with_an_override_reason_the_decision_is_recorded_and_the_paragraph_says_why(client, auth, case_id, round_json):
    reason = "de belanghebbende heeft laten weten af te zien van een zienswijze"
    decided = client.post(f"/api/v1/cases/{case_id}/decision", json=DATES | {"override_reason": reason}, headers=auth)
    assert decided.status_code == 201, decided.json
    text = client.get(f"/api/v1/cases/{case_id}/decision-paragraph", headers=auth).text
    assert f"voor iedere belanghebbende was verstreken, omdat {reason}." in text


def test_weighing_a_missing_view_while_it_can_still_come_is_a_409_problem_unless_a_reason_is_given(
    client, auth, case_id, round_json
):
    item = client.get(f"/api/v1/cases/{case_id}/weighing", headers=auth).json["items"][0]
    assert item["subject"] == "geen zienswijze"
    refused = client.put(
        f"/api/v1/weighing-items/{item['id']}",
        json={"outcome": "niet gehonoreerd", "motivation": "Alleen namen van medewerkers."},
        headers=auth,
    )
    assert refused.status_code == 409 and "Analyse B.V. kan nog tot en met" in refused.json["detail"]
    weighed = client.put(
        f"/api/v1/weighing-items/{item['id']}",
        json={"outcome": "niet gehonoreerd", "motivation": "Alleen namen.", "override_reason": "zij zien ervan af"},
        headers=auth,
    )
    assert weighed.status_code == 200, weighed.json


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("decision-paragraph", "text/plain; charset=utf-8"), ("inventory.csv", "text/csv; charset=utf-8")],
)
def test_a_text_download_names_its_charset_once_and_is_never_stored(
    client, auth, case_id, round_json, path, content_type
):
    download = client.get(f"/api/v1/cases/{case_id}/{path}", headers=auth)
    assert download.headers["Content-Type"] == content_type
    assert "no-store" in download.headers["Cache-Control"]
