"""The decision page in a real browser: each draft letter's label above its box, selects that look like selects,
and no WCAG 2.1 AA violation (issue 13)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.helpers import PASSWORD, axe_violations
from tests.weighing_case import WEIGHER

pytestmark = pytest.mark.e2e


def _log_in(page: Page, url: str) -> None:
    page.goto(f"{url}/inloggen")
    page.get_by_label("E-mailadres").fill(WEIGHER)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_each_draft_text_has_its_label_above_its_box(page: Page, consulted_site):
    _log_in(page, consulted_site)
    page.goto(f"{consulted_site}/zaken/W-2024-1/besluit/")
    for box in ("brief-opschorting", "paragraaf-tekst"):
        label = page.locator(f"label[for={box}]").bounding_box()
        text = page.locator(f"#{box}").bounding_box()
        assert label["y"] + label["height"] <= text["y"], box
        assert abs(label["x"] - text["x"]) < 1, box  # aligned on the left edge, not beside it
    assert axe_violations(page) == []


def test_a_select_shows_the_arrow_of_a_select(page: Page, consulted_site):
    _log_in(page, consulted_site)
    page.goto(f"{consulted_site}/zaken/W-2024-1/afweging/")
    select = page.get_by_label("Toegepaste weigeringsgrond").first
    style = select.evaluate("e => [getComputedStyle(e).appearance, getComputedStyle(e).backgroundImage]")
    assert style[0] == "none" and style[1].startswith('url("data:image/svg+xml'), style
    assert axe_violations(page) == []
