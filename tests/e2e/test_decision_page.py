"""The decision page in a real browser: each draft letter's label above its box, selects that look like selects,
and no WCAG 2.1 AA violation (issue 13)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.helpers import PASSWORD, axe_violations
from tests.live_server import serve
from tests.weighing_case import consulted_after_the_terms
from zienswijze.db.session import new_session
from zienswijze.services.accounts import register_user

pytestmark = pytest.mark.e2e

EMAIL = "besluit@gemeente-a.example.org"


@pytest.fixture
def served(app, clock_at):
    consulted_after_the_terms(app, clock_at)
    with app.app_context(), new_session() as session:
        register_user(session, email=EMAIL, organisation_name="Gemeente A", password=PASSWORD)
    url, stop = serve(app)
    yield url
    stop()


def _log_in(page: Page, url: str) -> None:
    page.goto(f"{url}/inloggen")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_each_draft_text_has_its_label_above_its_box(page: Page, served):
    _log_in(page, served)
    page.goto(f"{served}/zaken/W-2024-1/besluit/")
    for box in ("brief-opschorting", "paragraaf-tekst"):
        label = page.locator(f"label[for={box}]").bounding_box()
        text = page.locator(f"#{box}").bounding_box()
        assert label["y"] + label["height"] <= text["y"], box
        assert abs(label["x"] - text["x"]) < 1, box  # aligned on the left edge, not beside it
    assert axe_violations(page) == []


def test_a_select_shows_the_arrow_of_a_select(page: Page, served):
    _log_in(page, served)
    page.goto(f"{served}/zaken/W-2024-1/afweging/")
    select = page.get_by_label("Toegepaste weigeringsgrond").first
    style = select.evaluate("e => [getComputedStyle(e).appearance, getComputedStyle(e).backgroundImage]")
    assert style[0] == "none" and style[1].startswith('url("data:image/svg+xml'), style
    assert axe_violations(page) == []
