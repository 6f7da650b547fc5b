"""A database that cannot be reached: a clear 503 that asks to try again soon, never a 500."""

from __future__ import annotations

import pytest

from tests.helpers import csrf_token_from, make_config
from tests.smtp import free_port
from zienswijze import create_app
from zienswijze.db.session import ENGINE_KEY


@pytest.fixture
def unreachable(tmp_path):
    """An application whose database server does not answer (nothing listens on its port)."""
    app = create_app(make_config(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/weg", tmp_path))
    yield app
    app.extensions[ENGINE_KEY].dispose()


def test_a_page_needing_the_database_says_it_is_temporarily_unavailable(unreachable):
    client = unreachable.test_client()
    token = csrf_token_from(client.get("/inloggen").text)
    response = client.post("/inloggen", data={"email": "a@example.org", "password": "geheim", "csrf_token": token})
    assert response.status_code == 503 and "tijdelijk niet beschikbaar" in response.text
    assert "Retry-After" in response.headers


def test_the_api_answers_a_503_problem_when_the_database_is_unreachable(unreachable):
    response = unreachable.test_client().get("/api/v1/cases", headers={"Authorization": "Bearer een-token"})
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert response.json["title"] == "Tijdelijk niet beschikbaar" and response.headers["Retry-After"] == "30"
