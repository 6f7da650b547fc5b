"""An English page is English throughout: also the texts the domain and the services write (refusals, the
steps that moved a deadline, the grounds beside a redaction, the outcome of a consultation), not only the
templates' own, and the dates in them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.consultation import ids, open_file, start_consultation
from tests.helpers import csrf_token_from
from zienswijze import clock
from zienswijze.services.rounds import RoundSettings

# Dutch that only the domain and the services write; none of it is a name, a date or a case's own data.
DUTCH = (
    "geen zienswijze",
    "dagen",
    "Bezwaar",
    "bezwaar",
    "verschoven",
    "werkdag",
    "zaterdag",
    "maandag",
    "woensdag",
    "Eerbiediging",
    "levenssfeer",
    "privacy van een persoon",
    "Kies ",
    "Vul ",
    "Licht uw",
    "Geef aan",
    "hoogstens",
    "termijn",
    "verlenging",
)


def _visible(html: str) -> str:
    """The text a reader sees: without tags (and so without attribute values such as form values), scripts or
    styles."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _dutch_in(html: str) -> list[str]:
    text = _visible(html)
    return [word for word in DUTCH if word in text]


def _in_english(client, page: str) -> None:
    token = csrf_token_from(client.get(page).text)
    client.post("/taal", data={"csrf_token": token, "locale": "en", "next": page})


@pytest.fixture
def saturday_deadline(app):
    """A round whose chosen deadline is a Saturday, so the Atw moves it and the page explains why."""
    today = clock.today()
    saturday = today + timedelta(days=7 + (5 - today.weekday()) % 7)
    return start_consultation(app, RoundSettings(deadline=saturday, max_extension_days=7))


@pytest.fixture
def dossier(app, saturday_deadline):
    client = open_file(app, saturday_deadline["S1"])
    _in_english(client, "/z/dossier")
    return client


def test_the_stakeholder_file_in_english_explains_the_deadline_and_the_grounds_in_english(dossier):
    page = dossier.get("/z/dossier").text
    assert '<html lang="en"' in page
    assert "is a Saturday; moved to" in _visible(page)
    assert "Respect for privacy" in page and "names and contact details" in page
    assert _dutch_in(page) == []


def test_the_refusals_of_an_incomplete_view_are_english(app, dossier):
    document = ids(app, "S1")["document"]
    form = {
        "csrf_token": csrf_token_from(dossier.get("/z/dossier").text),
        "position": "bezwaar",
        f"d{document}": "bezwaar",
        "extra_rows": "1",
        "x0-document": str(document),
        "x0-passage": "P. van S1",
        "action": "controleer",
    }
    page = dossier.post("/z/dossier", data=form)
    assert page.status_code == 400
    text = _visible(page.text)
    assert "Explain your objection" in text and "Enter the page number." in text
    assert _dutch_in(page.text) == []


def test_a_refused_extension_says_why_in_english(dossier):
    page = dossier.get("/z/dossier").text
    response = dossier.post(
        "/z/dossier/verlenging",
        data={"csrf_token": csrf_token_from(page), "requested_until": "2014-01-01", "reason": "Holiday"},
    )
    assert response.status_code == 400
    assert "The requested date Wednesday 1 January 2014 is not after the current deadline Monday" in _visible(
        response.text
    )
    assert _dutch_in(response.text) == []


def test_the_case_page_in_english_explains_the_deadline_and_the_grounds_in_english(logged_in_client, saturday_deadline):
    _in_english(logged_in_client, "/zaken/W-2024-1")
    page = logged_in_client.get("/zaken/W-2024-1").text
    assert "is a Saturday; moved to" in _visible(page) and "Respect for privacy" in page
    assert _dutch_in(page) == []


def test_the_decision_page_in_english_gives_each_document_s_consultation_outcome_in_english(
    logged_in_client, saturday_deadline
):
    _in_english(logged_in_client, "/zaken/W-2024-1/besluit/")
    page = logged_in_client.get("/zaken/W-2024-1/besluit/").text
    # The page also previews the paragraph for the decision letter, which is Dutch whatever the page's language.
    table = _visible(re.search(r'(?s)id="openbaarmaking-tabel".*?</table>', page).group(0))
    assert "not weighed yet" in table and "Stakeholder's view" in table and "Zienswijze" not in table
    assert _dutch_in(table) == [] and "nog niet gewogen" not in table


def test_the_same_pages_stay_dutch_for_a_dutch_reader(app, saturday_deadline):
    page = open_file(app, saturday_deadline["S1"]).get("/z/dossier").text
    assert (
        "is een zaterdag; verschoven naar" in _visible(page) and "Eerbiediging van de persoonlijke levenssfeer" in page
    )
