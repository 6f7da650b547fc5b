"""Bad input gets a clear page, never a 500."""

from tests.helpers import log_in


def test_a_nul_character_in_a_request_is_refused_plainly(client):
    response = client.get("/inloggen?next=%00")
    assert response.status_code == 400 and "Ongeldig verzoek" in response.text


def test_an_unknown_case_is_a_dutch_404(client, make_handler):
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    response = client.get("/zaken/BESTAAT-NIET")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.text
