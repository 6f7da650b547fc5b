"""A handler of organisation A can neither read nor change anything of organisation B.

The same for the JSON API is in tests/api/test_api_organisation_scoping.py.
"""

from tests.helpers import log_in


def test_the_case_list_shows_only_the_own_organisations_cases(client, two_bodies):
    log_in(client, "a@example.org")
    page = client.get("/zaken/").text
    assert "A-2024-1" in page and "B-2024-1" not in page


def test_another_organisations_case_page_is_not_found(client, two_bodies):
    log_in(client, "a@example.org")
    assert client.get("/zaken/A-2024-1").status_code == 200
    assert client.get("/zaken/B-2024-1").status_code == 404
