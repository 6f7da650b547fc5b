"""Bad input gets a clear page, never a 500."""

from tests.helpers import log_in
from zienswijze.services.closed_days import ClosedDayError
from zienswijze.services.errors import NotFound


def test_a_nul_character_in_a_request_is_refused_plainly(client):
    response = client.get("/inloggen?next=%00")
    assert response.status_code == 400 and "Ongeldig verzoek" in response.text


def test_an_unknown_case_is_a_dutch_404(client, make_handler):
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    response = client.get("/zaken/BESTAAT-NIET")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.text


def test_a_refusal_no_page_catches_is_a_dutch_400_with_its_message(app):
    def refuse():
        raise ClosedDayError("1 januari 2025 is al een sluitingsdag.")

    app.add_url_rule("/weigeren", "refuse", refuse)
    response = app.test_client().get("/weigeren")
    assert response.status_code == 400 and "1 januari 2025 is al een sluitingsdag." in response.text
    assert response.mimetype == "text/html"


def test_anything_not_found_outside_the_handler_pages_is_a_dutch_404(app):
    def missing():
        raise NotFound

    app.add_url_rule("/ontbreekt", "missing", missing)
    response = app.test_client().get("/ontbreekt")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.text
