"""A handler weighs an objection, records the decision and downloads the paragraph in a real browser.

Every page on the way meets WCAG 2.1 AA (axe-core finds no violation).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
import pytest
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD, axe_violations
from tests.weighing_case import WEIGHER
from zienswijze.files.letters import letter_pdf

pytestmark = pytest.mark.e2e

DECISION_DAY = datetime(2024, 7, 26, 10, tzinfo=UTC)


def _weigh(page: Page, article, outcome: str, motivation: str, ground: str | None = None) -> None:
    article.get_by_label(outcome, exact=True).check()
    if ground:
        article.get_by_label("Toegepaste weigeringsgrond").select_option(ground)
    article.get_by_label("Motivering").fill(motivation)
    article.get_by_role("button", name="Afweging opslaan").click()


def test_a_handler_weighs_the_views_records_the_decision_and_downloads_the_paragraph(
    page: Page, consulted_site, clock_at
):
    clock_at(DECISION_DAY)  # the terms ended on 1 July; the decision is taken and posted on 26 July
    page.goto(f"{consulted_site}/inloggen")
    page.get_by_label("E-mailadres").fill(WEIGHER)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{consulted_site}/zaken/W-2024-1")
    expect(page.get_by_role("heading", name="Audittrail")).to_be_visible()  # loaded by htmx
    assert axe_violations(page) == []

    page.get_by_role("link", name="Belangenafweging").click()
    expect(page.get_by_role("status").first).to_contain_text("Nog 3 van 3")
    assert axe_violations(page) == []
    objection = page.locator("article", has=page.get_by_role("heading", name="Bezwaar van Bedrijf S1"))
    _weigh(page, objection, "Niet gehonoreerd", "Het belang van openbaarheid weegt zwaarder.")
    expect(page.get_by_text("Afweging vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Nog 2 van 3 onderdelen af te wegen.")).to_be_visible()
    page.get_by_label("Zoek op documentnummer, titel of belanghebbende").fill("Bedrijf S1")
    page.get_by_label("Stand").select_option("Nog af te wegen")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("1 onderdeel gevonden.")).to_be_visible()
    assert axe_violations(page) == []
    extra = page.locator("article", has=page.get_by_role("heading", name="Verzoek om extra lakking van Bedrijf S1"))
    _weigh(page, extra, "Gehonoreerd", "Concurrentiegevoelige gegevens.", "5.1.2f")
    expect(page.get_by_text("Geen onderdelen gevonden die bij uw zoekopdracht passen.")).to_be_visible()
    page.get_by_role("link", name="Alle onderdelen tonen").click()
    missing = page.locator("article", has=page.get_by_role("heading", name="Bedrijf S2 heeft geen zienswijze gegeven"))
    _weigh(page, missing, "Niet gehonoreerd", "Alleen namen van medewerkers; die worden gelakt.")
    expect(page.get_by_text("De afweging is compleet")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Naar het besluit").click()
    expect(page.get_by_role("heading", level=1, name="Besluit")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Datum van het besluit").fill("2024-07-26")
    page.get_by_label("Datum van bekendmaking").fill("2024-07-26")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("gaan uit zodra het besluit en de besluitbrief er allebei zijn")).to_be_visible()
    page.get_by_label("Ondertekende besluitbrief (PDF)").set_input_files(
        files=[{"name": "besluit.pdf", "mimeType": "application/pdf", "buffer": letter_pdf("Besluit", "Besluit")}]
    )
    page.get_by_role("button", name="Besluitbrief uploaden").click()
    expect(page.get_by_text("De berichten aan belanghebbenden zijn klaargezet")).to_be_visible()
    for stakeholder in ("Bedrijf S1", "Bedrijf S2"):  # neither agreed to e-mail: both get a letter by post
        row = page.get_by_role("row", name=stakeholder)
        row.get_by_label("Datum waarop de brief is gepost").fill("2024-07-26")
        row.get_by_role("button", name="Verzenddatum vastleggen").click()
        expect(page.get_by_text("De verzenddatum is vastgelegd")).to_be_visible()
    expect(page.get_by_role("cell", name="za 10 aug 2024").first).to_be_visible()
    assert axe_violations(page) == []

    with page.expect_download() as downloaded:
        page.get_by_role("link", name="Download als Word (.docx)").click()
    paragraphs = [p.text for p in docx.Document(io.BytesIO(downloaded.value.path().read_bytes())).paragraphs]
    assert paragraphs[0] == "Zienswijze derde-belanghebbende(n)"
    assert any("niet vóór 10 augustus 2024" in p for p in paragraphs)

    page.goto(f"{consulted_site}/zaken/W-2024-1/export/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Afdrukbare inventarislijst").click()
    expect(page.get_by_role("cell", name="bezwaar deels gehonoreerd")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{consulted_site}/zaken/W-2024-1/afweging/zienswijze-vastleggen")
    assert axe_violations(page) == []
