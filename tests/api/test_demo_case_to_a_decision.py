"""The demo case walked to a decision with every kind of outcome: every output says the same per document.

S1 gives no view; S2 objects to the whole of document 7 (honoured on 5.1.2f) and consents to the
disclosure of a passage of document 24 (honoured); S3 asks for an extra passage of document 40
(honoured); S4 asks for an extra passage of document 10 (partly honoured: a shorter passage); S5
objects to the whole of document 41 (refused).
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from sqlmodel import select

from tests.demo_walk import ASKED_10, EXTRA_40, MARKED_10, walk_to_decision
from zienswijze.db import Contact, OutboxMessage, Stakeholder
from zienswijze.db.session import new_session

# The outcome every output must give, per document: assessment, grounds, passages added to the proposal.
EXPECTED = {
    7: ("niet openbaar", ["5.1.1c", "5.1.2e", "5.1.2f"]),
    24: ("deels openbaar", ["5.1.1c", "5.1.2e"]),
    40: ("deels openbaar", ["5.1.1c", "5.1.2e", "5.1.2f"]),
    10: ("deels openbaar", ["5.1.1c", "5.1.2e", "5.1.2f"]),
    41: ("deels openbaar", ["5.1.2e", "5.1.2h"]),
    3: ("deels openbaar", ["5.1.2e", "5.2"]),
}
PLATFORM = {"niet openbaar": "Niet openbaar", "deels openbaar": "Deels openbaar", "openbaar": "Openbaar"}


@pytest.fixture
def walked(app, client, make_handler, clock_at):
    return walk_to_decision(app, client, make_handler, clock_at)


def test_the_api_documents_give_each_outcome(walked):
    client, auth, case_id, _ = walked
    documents = {d["number"]: d for d in client.get(f"/api/v1/cases/{case_id}/documents", headers=auth).json}
    for number, (assessment, grounds) in EXPECTED.items():
        assert (documents[number]["outcome"]["assessment"], documents[number]["outcome"]["grounds"]) == (
            assessment,
            grounds,
        ), number
    passages = {(p["page"], p["passage"]) for p in documents[10]["outcome"]["redactions"]}
    assert MARKED_10 in passages and ASKED_10 not in passages
    assert EXTRA_40 in {(p["page"], p["passage"]) for p in documents[40]["outcome"]["redactions"]}
    assert not any(p["passage"].startswith("De beheeromgeving") for p in documents[24]["outcome"]["redactions"])


def test_the_decision_gives_the_same_outcomes(walked):
    _client, _auth, _case_id, decided = walked
    outcomes = {d["number"]: (d["outcome"]["assessment"], d["outcome"]["grounds"]) for d in decided["documents"]}
    assert {n: outcomes[n] for n in EXPECTED} == EXPECTED


def test_the_inventory_gives_the_same_outcomes(walked):
    client, auth, case_id, _ = walked
    text = client.get(f"/api/v1/cases/{case_id}/inventory.csv", headers=auth).text.lstrip("\ufeff")
    rows = {int(r[0]): r for r in list(csv.reader(io.StringIO(text), delimiter=";"))[1:]}
    for number, (assessment, grounds) in EXPECTED.items():
        assert (rows[number][3], rows[number][4]) == (assessment, "; ".join(grounds)), number


def test_the_productierapport_gives_the_same_outcomes(walked):
    client, auth, case_id, _ = walked
    data = client.get(f"/api/v1/cases/{case_id}/productierapport.xlsx", headers=auth).data
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[1]]
    rows = {int(r[0]): dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    for number, (assessment, grounds) in EXPECTED.items():
        assert rows[number]["Beoordeling"] == PLATFORM[assessment], number
        assert rows[number]["Beoordelingsgrond"] == ";".join(grounds), number


def test_after_the_decision_the_proposal_and_the_weighing_are_locked(walked):
    client, auth, case_id, _ = walked
    document = client.get(f"/api/v1/cases/{case_id}/documents", headers=auth).json[0]
    redaction = document["redactions"][0]
    body = {"page": 1, "passage": redaction["passage"], "ground": "5.1.2e", "reason": ""}
    changed = client.put(f"/api/v1/cases/{case_id}/redactions/{redaction['id']}", json=body, headers=auth)
    assert changed.status_code == 409 and changed.mimetype == "application/problem+json"
    item = client.get(f"/api/v1/cases/{case_id}/weighing", headers=auth).json["items"][0]
    weighed = client.put(
        f"/api/v1/weighing-items/{item['id']}", json={"outcome": "gehonoreerd", "motivation": "Toch."}, headers=auth
    )
    assert weighed.status_code == 409


def _notices(app) -> dict[str, str]:
    """The text of each decision notice mailed, by the stakeholder's code."""
    with app.app_context(), new_session() as session:
        contacts = {c.email: s.code for c, s in session.exec(select(Contact, Stakeholder).join(Stakeholder))}
        mails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "decision_notice")).all()
        return {contacts[m.to_address]: m.body_text for m in mails}


def test_each_notice_gives_the_same_outcome_for_each_document_of_its_stakeholder(walked, app):
    texts = _notices(app)
    assert sorted(texts) == ["S2", "S3", "S4", "S5"]  # S1 gave no view, so no consent to e-mail: a letter
    owners = {7: "S2", 24: "S2", 40: "S3", 10: "S4", 41: "S5"}
    for number, code in owners.items():
        assessment, grounds = EXPECTED[number]
        line = next(line for line in texts[code].splitlines() if line.startswith(f"- Document {number}:"))
        words = line.split(": ", 2)[2]
        assert words.startswith(assessment) and ", ".join(grounds) in words, (number, line)


def test_the_paragraph_says_what_the_weighing_decided(walked):
    client, auth, case_id, _ = walked
    text = client.get(f"/api/v1/cases/{case_id}/decision-paragraph", headers=auth).text
    assert "document 7 is gehonoreerd" in text
    assert "document 41 is niet gehonoreerd" in text
    assert "document 24" not in text  # a consent to disclose is no objection to weigh in the decision


def test_the_paragraph_comes_in_the_short_form_too_and_an_unknown_form_is_a_problem(walked):
    client, auth, case_id, _ = walked
    short = client.get(f"/api/v1/cases/{case_id}/decision-paragraph?form=short", headers=auth).text
    detailed = client.get(f"/api/v1/cases/{case_id}/decision-paragraph", headers=auth).text
    assert "Belanghebbende 2" in detailed and "Belanghebbende 2" not in short and len(short) < len(detailed)
    refused = client.get(f"/api/v1/cases/{case_id}/decision-paragraph?form=lang", headers=auth)
    assert refused.status_code == 422 and refused.json["errors"][0]["field"] == "form"
