"""The demo case's page in a real browser, on a laptop and on a phone: one overview with sections, the
next step marked, nothing sideways, buttons named as they are read out, and no WCAG 2.1 AA violation.

Screenshots of the page go to test-output/screenshots, for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from tests.helpers import axe_violations
from zienswijze import clock
from zienswijze.db import Case
from zienswijze.db.session import new_session
from zienswijze.demo.loader import HANDLER_EMAIL, HANDLER_PASSWORD, REFERENCE
from zienswijze.services.context import Actor, LinkSettings
from zienswijze.services.rounds import RoundSettings, start_round

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PHONE = 360
LAPTOP = 1366


@pytest.fixture
def consulted(app, live_server) -> str:
    """The demo case with a round of invitations to all five stakeholders."""
    with app.app_context(), new_session() as session:
        case = session.exec(select(Case).where(Case.reference == REFERENCE)).one()
        start_round(
            session,
            Actor.user(case.organisation_id, None),
            case_id=case.id,
            settings=RoundSettings(term_days=14),
            links=LinkSettings.from_config(app.config, clock.today()),
        )
    return live_server


def _open_case(page: Page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{url}/inloggen")
    page.get_by_label("E-mailadres").fill(HANDLER_EMAIL)
    page.get_by_label("Wachtwoord").fill(HANDLER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{url}/zaken/{REFERENCE}")


def test_the_invitation_buttons_are_named_with_their_stakeholder(page: Page, consulted):
    _open_case(page, consulted, LAPTOP)
    name = "Advocatenkantoor Voorbeeld & Partners"
    page.get_by_text(f"Acties voor {name}").click()
    for action in ("Opnieuw versturen", "Uitnodiging intrekken", "Corrigeren en opnieuw versturen"):
        expect(page.get_by_role("button", name=f"{action} ({name})", exact=True)).to_be_visible()
    expect(page.locator("#uitnodigingen")).not_to_contain_text("<span")
    assert axe_violations(page) == []


def _screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / name, full_page=True)


def test_the_case_page_is_one_overview_that_marks_the_next_step(page: Page, live_server):
    _open_case(page, live_server, LAPTOP)
    sections = page.get_by_role("navigation", name="Onderdelen van de zaak")
    for name in ("Documenten", "Belanghebbenden", "Rondes en status", "Afweging", "Besluit", "Exports", "Audittrail"):
        expect(sections.get_by_role("link", name=name)).to_be_visible()
    # The demo case has its documents and stakeholders: asking for views comes next.
    expect(sections.locator("[aria-current=step]")).to_have_text("Rondes en status (volgende stap)")
    expect(page.get_by_role("region", name="Volgende stap")).to_contain_text("Zienswijzen vragen")
    expect(page.get_by_role("heading", name="Audittrail")).to_be_visible()  # loaded by htmx
    _screenshot(page, f"zaakpagina-{LAPTOP}.png")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 5000, height  # the 43 documents and 123 redactions once made it 16,762 px
    assert axe_violations(page) == []


def test_the_documents_page_on_and_fold_out_their_proposed_redactions(page: Page, live_server):
    _open_case(page, live_server, LAPTOP)
    documents = page.get_by_role("table", name="Documenten met hun voorgestelde beoordeling")
    expect(documents).to_contain_text("(pagina 1 van 3)")
    first = documents.get_by_role("row").filter(has_text="E-mail over de opzet van het dashboard")
    expect(first.get_by_text("R. de Boer")).to_be_hidden()
    first.get_by_text("3 passages in document 1").click()
    expect(first.get_by_text("R. de Boer")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("navigation", name="Pagina's van de documentenlijst").get_by_role("link", name="3").click()
    expect(documents).to_contain_text("(pagina 3 van 3)")
    expect(documents.get_by_role("cell", name="43", exact=True)).to_be_visible()
    assert page.url.endswith("?documenten=3#documenten")


def test_the_case_page_does_not_scroll_sideways_on_a_phone(page: Page, consulted):
    _open_case(page, consulted, PHONE)
    expect(page.get_by_role("heading", name="Audittrail")).to_be_visible()
    _screenshot(page, f"zaakpagina-{PHONE}.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert axe_violations(page) == []
