"""A handler sets up a consultation in a real browser and watches it live.

They create a case, import the demo stakeholders, inventory and proposed redactions, start a round;
the scheduler's outbox job delivers the mails to a real SMTP server; a stakeholder opens their link
in a second browser; and the handler's case page, untouched, shows "Geopend" by itself.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD, axe_violations, make_config
from tests.live_server import serve
from tests.smtp import smtp_server
from zienswijze import create_app, jobs
from zienswijze.db.session import ENGINE_KEY, new_session
from zienswijze.demo.loader import DEMO_DATA
from zienswijze.services.accounts import register_user

pytestmark = pytest.mark.e2e

HANDLER = "behandelaar@e2e.example.org"
REFERENCE = "E2E-2024-1"
LIVE = 15_000  # ms: three polls of the status matrix
WEDNESDAY_2_DECEMBER = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


class Sink:
    """An SMTP server's handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, _server, _session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def sink():
    handler = Sink()
    with smtp_server(handler) as controller:
        yield handler, controller.port


@pytest.fixture
def served(database_url: str, tmp_path: Path, sink):
    """The application with its SMTP settings on the sink and its base URL on the live server, so mailed
    links lead to it."""
    _, port = sink
    app = create_app(
        make_config(database_url, tmp_path, ZIENSWIJZE_SMTP_HOST="127.0.0.1", ZIENSWIJZE_SMTP_PORT=str(port))
    )
    with app.app_context(), new_session() as session:
        register_user(session, email=HANDLER, organisation_name="Gemeente E2E", password=PASSWORD)
    url, stop = serve(app)
    app.config["BASE_URL"] = url
    yield app, url
    stop()
    app.extensions[ENGINE_KEY].dispose()


def _accessible(page: Page) -> None:
    assert axe_violations(page) == [], page.url


def _follow(page: Page, link: str) -> None:
    """Clicks a link and waits for the new page, so the accessibility check never runs on the old one."""
    with page.expect_navigation():
        page.get_by_role("link", name=link).click()


def test_a_handler_sees_an_invitation_opened_without_reloading(browser, page: Page, served, sink, clock_at):
    app, url = served
    clock_at(WEDNESDAY_2_DECEMBER)
    handler_sink, _ = sink

    page.goto(f"{url}/inloggen")
    page.get_by_label("E-mailadres").fill(HANDLER)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1, name="Zaken")).to_be_visible()
    _accessible(page)

    _follow(page, "Nieuwe zaak")
    _accessible(page)
    page.get_by_label("Kenmerk").fill(REFERENCE)
    page.get_by_label("Onderwerp").fill("Informatie over het dashboard Zicht op risico's")
    page.get_by_label("Datum van ontvangst").fill("2024-04-08")
    page.get_by_role("button", name="Zaak aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(REFERENCE)
    _accessible(page)

    _follow(page, "Belanghebbenden importeren")
    _accessible(page)
    page.get_by_label("Bestand met belanghebbenden").set_input_files(DEMO_DATA / "belanghebbenden.csv")
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("status").first).to_contain_text("5 belanghebbenden geïmporteerd.")

    _follow(page, "Documenten toevoegen of importeren")
    _accessible(page)
    page.get_by_label("Inventarislijst (CSV of XLSX)").set_input_files(DEMO_DATA / "inventaris.csv")
    page.get_by_label("Lakvoorstel (CSV of XLSX, optioneel)").set_input_files(DEMO_DATA / "lakvoorstel.csv")
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("status").first).to_contain_text("Geïmporteerd: 43 documenten, 123 passages")
    _accessible(page)

    _follow(page, "Zienswijzen vragen")
    _accessible(page)
    page.get_by_label("Termijn in dagen").fill("10")
    preview = page.locator("#termijn-uitkomst")
    # Ten days from Wednesday 2 December 2026 end on Saturday 12, so on Monday 14 (Atw art. 1).
    expect(preview).to_contain_text("maandag 14 december 2026")  # fetched by htmx while typing
    _accessible(page)
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("Ronde 1 is gestart.")
    matrix = page.locator("#uitnodigingen")
    expect(matrix.locator("tbody tr")).to_have_count(5)
    expect(matrix).to_contain_text("Nog niet verzonden")
    _accessible(page)

    jobs.run_once(app)  # the scheduler's outbox job: every invitation mail goes to the SMTP server
    assert len(handler_sink.messages) == 5
    row = matrix.locator("tbody tr", has_text="Gemeente Voorbeeldstad")
    expect(row).to_contain_text("Verzonden", timeout=LIVE)

    (mail,) = [m for m in handler_sink.messages if m["To"] == "woo@voorbeeldstad.example.org"]
    link = re.search(rf"{re.escape(url)}/z/\S+", mail.get_body(preferencelist=("plain",)).get_content()).group(0)
    stakeholder = browser.new_context(locale="nl-NL")
    try:
        their_page = stakeholder.new_page()
        their_page.goto(link)
        their_page.get_by_role("button", name="Open uw dossier").click()
        expect(their_page).to_have_url(f"{url}/z/dossier")
    finally:
        stakeholder.close()

    expect(row).to_contain_text("Geopend", timeout=LIVE)
    expect(matrix.locator("tbody tr", has_text="Adviesbureau Analyse B.V.")).to_contain_text("Verzonden")
    _accessible(page)
