"""A streamed download (the audit trail) gives its database connection back once it is sent.

The view returns before the first chunk is written, and the request's teardown closes its session
then; a stream that reads on through that session opens a new transaction that nobody ended, left
idle in transaction on PostgreSQL (holding its locks) until the garbage collector found it.
"""

from __future__ import annotations

import pytest

from tests.api.calls import token_for
from tests.consultation import start_consultation
from zienswijze.db import Case
from zienswijze.db.session import ENGINE_KEY, new_session


@pytest.fixture
def case_id(app, logged_in_client) -> int:
    start_consultation(app)
    with app.app_context(), new_session() as session:
        return session.exec(Case.__table__.select()).first().id


@pytest.mark.parametrize("path", ["audit.csv", "audit.json"])
def test_the_handlers_audit_download_gives_its_connection_back(app, logged_in_client, case_id, path):
    with logged_in_client.get(f"/zaken/W-2024-1/export/{path}") as response:
        assert response.status_code == 200 and b"round.started" in response.data
    assert app.extensions[ENGINE_KEY].pool.checkedout() == 0


@pytest.mark.parametrize("path", ["audit.csv", "audit.json"])
def test_the_apis_audit_download_gives_its_connection_back(app, client, case_id, path):
    auth = token_for(app, "behandelaar@a.example.org")
    with client.get(f"/api/v1/cases/{case_id}/{path}", headers=auth) as response:
        assert response.status_code == 200 and b"round.started" in response.data
    assert app.extensions[ENGINE_KEY].pool.checkedout() == 0
