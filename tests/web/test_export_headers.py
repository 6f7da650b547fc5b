"""The columns of every export, written out here as the people who import them see them.

A renamed or reordered column breaks a body's spreadsheet macros and the publication platform's import,
so the lists are literal (never the implementation's constants), checked through the handler's pages and
through the API, and another organisation's handler or token gets a 404 for each.
"""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from sqlmodel import select

from tests.api.calls import token_for
from tests.consultation import start_consultation
from tests.helpers import log_in
from tests.weighing_case import consulted_after_the_terms, weigh_all
from zienswijze.db import Case
from zienswijze.db.session import new_session

INVENTORY = [
    "Nummer",
    "Datum",
    "Omschrijving",
    "Beoordeling",
    "Weigeringsgronden",
    "Link",
    "Zienswijze gevraagd",
    "Uitkomst zienswijze",
    "Vroegste openbaarmaking",
]
PRODUCTIERAPPORT = [
    "ID",
    "Matter",
    "Family ID",
    "Email Thread ID",
    "Document",
    "File type",
    "Datum",
    "Beoordeling",
    "Opgeschort",
    "Beoordelingsgrond",
    "Toelichting",
    "Publieke link",
    "Gerelateerd ID",
    "Zaaknummer",
]
AUDIT_EVENT = ["id", "occurred_at", "actor", "kind", "invitation_id", "details", "previous_hash", "hash"]
# The verdict on the chain comes after the events: the trail is written as it is read.
AUDIT_DOCUMENT = ["case", "events", "events_recorded", "intact", "first_broken_event"]


def _csv_header(data: bytes) -> list[str]:
    assert data.startswith("\ufeff".encode())  # Excel reads the accents right only with the BOM
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _xlsx_header(data: bytes) -> list[str]:
    return [cell.value for cell in openpyxl.load_workbook(io.BytesIO(data)).active[1]]


def _json_keys(data: bytes) -> list[str]:
    document = json.loads(data)
    assert document["events"], "an audit trail without events shows no event keys"
    assert {tuple(event) for event in document["events"]} == {tuple(AUDIT_EVENT)}
    return list(document)


# (the handler's path under /zaken/W-2024-1/export/, the API's under /api/v1/cases/<id>/, read, expected)
EXPORTS = [
    ("inventaris.csv", "inventory.csv", _csv_header, INVENTORY),
    ("inventaris.xlsx", "inventory.xlsx", _xlsx_header, INVENTORY),
    ("productierapport.xlsx", "productierapport.xlsx", _xlsx_header, PRODUCTIERAPPORT),
    ("audit.csv", "audit.csv", _csv_header, AUDIT_EVENT),
    ("audit.json", "audit.json", _json_keys, AUDIT_DOCUMENT),
]
BY_HANDLER = [pytest.param(path, read, expected, id=path) for path, _api, read, expected in EXPORTS]
BY_API = [pytest.param(path, read, expected, id=path) for _handler, path, read, expected in EXPORTS]


@pytest.fixture
def weighed(app, clock_at, logged_in_client):
    consulted = consulted_after_the_terms(app, clock_at)
    weigh_all(app, consulted)
    return consulted


@pytest.mark.parametrize(("path", "read", "expected"), BY_HANDLER)
def test_the_handler_downloads_each_export_with_its_literal_columns(logged_in_client, weighed, path, read, expected):
    with logged_in_client.get(f"/zaken/W-2024-1/export/{path}") as response:  # closed: the audit trail streams
        assert response.status_code == 200
        assert read(response.data) == expected


@pytest.mark.parametrize(("path", "read", "expected"), BY_API)
def test_the_api_answers_each_export_with_its_literal_columns(app, client, weighed, path, read, expected):
    auth = token_for(app, "behandelaar@a.example.org")
    with client.get(f"/api/v1/cases/{weighed['case']}/{path}", headers=auth) as response:
        assert response.status_code == 200
        assert read(response.data) == expected


@pytest.fixture
def other_handler(app, logged_in_client, make_handler) -> str:
    """A handler of Gemeente B, beside Gemeente A's consulted case W-2024-1."""
    start_consultation(app)
    return make_handler("b@example.org", "Gemeente B")


def test_another_organisations_handler_gets_a_404_for_each_export(app, other_handler):
    client = app.test_client()
    log_in(client, other_handler)
    statuses = {path: client.get(f"/zaken/W-2024-1/export/{path}").status_code for path, *_rest in EXPORTS}
    assert statuses == {path: 404 for path, *_rest in EXPORTS}


def test_another_organisations_token_gets_a_404_for_each_export(app, client, other_handler):
    with app.app_context(), new_session() as session:
        case_id = session.exec(select(Case.id).where(Case.reference == "W-2024-1")).one()
    auth = token_for(app, other_handler)
    responses = {
        path: client.get(f"/api/v1/cases/{case_id}/{path}", headers=auth) for _handler, path, *_rest in EXPORTS
    }
    assert {path: r.status_code for path, r in responses.items()} == {path: 404 for path in responses}
    assert {r.mimetype for r in responses.values()} == {"application/problem+json"}
