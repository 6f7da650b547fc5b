"""An administrator sets the retention period and the privacy statement's details, and reads the statement as a
stakeholder sees it; the sign-in settings page too. The pages meet WCAG 2.1 AA."""

from playwright.sync_api import expect

from tests.helpers import axe_violations
from zienswijze.demo.loader import HANDLER_EMAIL, HANDLER_PASSWORD


def _log_in(page, live_server):
    page.goto(f"{live_server}/inloggen")
    page.get_by_label("E-mailadres").fill(HANDLER_EMAIL)
    page.get_by_label("Wachtwoord").fill(HANDLER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_an_administrator_sets_the_retention_period_and_reads_the_statement(page, live_server):
    _log_in(page, live_server)
    page.get_by_role("link", name="Privacy", exact=True).click()
    assert axe_violations(page) == []
    page.get_by_label("Bewaartermijn in jaren na het besluit").fill("7")
    page.get_by_label("Functionaris gegevensbescherming (naam en contact)").fill("FG, fg@demo.example.org")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De privacy-instellingen zijn opgeslagen.")
    page.get_by_role("link", name="De privacyverklaring zoals belanghebbenden die zien").click()
    expect(page.get_by_role("heading", level=1, name="Privacyverklaring")).to_be_visible()
    expect(page.get_by_text("tot 7 jaar na het besluit")).to_be_visible()
    assert axe_violations(page) == []


def test_the_sign_in_settings_page_keeps_the_secret_hidden(page, live_server):
    _log_in(page, live_server)
    page.get_by_role("link", name="Inloggen", exact=True).click()
    assert axe_violations(page) == []
    page.get_by_label("Issuer-URL van de inlogdienst").fill("https://login.demo.example.org")
    page.get_by_label("Client-id").fill("zienswijze")
    page.get_by_label("Client-secret").fill("een-geheim-dat-niemand-meer-ziet")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De instellingen voor inloggen zijn opgeslagen.")
    expect(page.get_by_label("Client-secret")).to_have_value("")
    expect(page.get_by_text("Er is een client-secret opgeslagen")).to_be_visible()
    assert axe_violations(page) == []
