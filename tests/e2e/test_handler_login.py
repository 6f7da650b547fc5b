"""A handler logs in through a real browser and finds the demo case; the pages meet WCAG 2.1 AA."""

from playwright.sync_api import expect

from tests.helpers import axe_violations
from zienswijze.demo.loader import HANDLER_EMAIL, HANDLER_PASSWORD, REFERENCE


def test_the_login_page_meets_wcag_2_1_aa(page, live_server):
    page.goto(f"{live_server}/inloggen")
    assert axe_violations(page) == []


def test_a_handler_logs_in_and_opens_the_demo_case(page, live_server):
    page.goto(live_server)
    page.get_by_label("E-mailadres").fill(HANDLER_EMAIL)
    page.get_by_label("Wachtwoord").fill(HANDLER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1, name="Zaken")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=REFERENCE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zicht op risico's")
    expect(page.get_by_role("cell", name="Projectplan dashboard ondermijning")).to_be_visible()
    assert axe_violations(page) == []


def test_a_wrong_password_is_announced_and_the_form_stays_accessible(page, live_server):
    page.goto(f"{live_server}/inloggen")
    page.get_by_label("E-mailadres").fill(HANDLER_EMAIL)
    page.get_by_label("Wachtwoord").fill("niet het wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("klopt niet")
    assert axe_violations(page) == []


def test_logging_out_returns_to_the_login_page(page, live_server):
    page.goto(f"{live_server}/inloggen")
    page.get_by_label("E-mailadres").fill(HANDLER_EMAIL)
    page.get_by_label("Wachtwoord").fill(HANDLER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd.")
    expect(page).to_have_url(f"{live_server}/inloggen")
