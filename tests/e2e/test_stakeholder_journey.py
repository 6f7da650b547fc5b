"""A stakeholder's whole journey in a real browser, with real mail: from the invitation to the receipt."""

import re

import pytest
from playwright.sync_api import expect

from tests.consultation import ids, start_consultation
from tests.helpers import axe_violations
from tests.live_server import serve
from tests.smtp import Sink, smtp_server, text_of
from zienswijze.jobs import run_once

REASONS = "Onze medewerker vindt het goed dat haar naam openbaar wordt."


@pytest.fixture
def mailbox():
    sink = Sink()
    with smtp_server(sink) as server:
        yield sink, server.port


@pytest.fixture
def journey(app, mailbox):
    sink, port = mailbox
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    url, stop = serve(app)
    app.config["BASE_URL"] = url
    start_consultation(app)
    run_once(app)
    yield app, sink, url
    stop()


def _link(sink: Sink) -> str:
    [invitation] = sink.to("s1@example.com")
    return re.search(r"http://127\.0\.0\.1:\d+/z/\S+", text_of(invitation)).group(0)


def test_a_stakeholder_answers_per_passage_across_two_visits_and_gets_a_receipt(browser, journey):
    app, sink, _url = journey
    link, redaction = _link(sink), ids(app, "S1")["redaction"]

    first = browser.new_context(locale="nl-NL")
    page = first.new_page()
    page.goto(link)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Open uw dossier").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("W-2024-1")
    assert axe_violations(page) == []
    passage = page.locator(f"#r{redaction}")
    passage.get_by_label("Mag openbaar worden", exact=True).check()
    passage.get_by_label("Toelichting (optioneel)").fill(REASONS)
    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.get_by_role("status").first).to_contain_text("Uw concept is bewaard")
    first.close()

    second = browser.new_context(locale="nl-NL")
    page = second.new_page()
    page.goto(link)
    page.get_by_role("button", name="Open uw dossier").click()
    expect(page.locator(f"#r{redaction}-reasons")).to_have_value(REASONS)
    page.get_by_label("Geen bezwaar").check()
    page.get_by_role("button", name="Indienen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw zienswijze")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Zienswijze indienen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw zienswijze is ontvangen")
    assert axe_violations(page) == []
    second.close()

    run_once(app)
    receipts = [m for m in sink.messages if m["Subject"].startswith("Ontvangstbevestiging")]
    assert sorted(m["To"] for m in receipts) == ["s1-juridisch@example.com", "s1@example.com"]
    assert all(REASONS in text_of(m) for m in receipts)


def test_a_form_with_mistakes_lists_them_and_links_each_to_its_field(browser, journey):
    _app, sink, _url = journey
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(_link(sink))
    page.get_by_role("button", name="Open uw dossier").click()
    page.get_by_role("button", name="Indienen", exact=True).click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Controleer het formulier")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.closest('#standpunt') !== null || location.hash === '#position'")
    assert axe_violations(page) == []
    context.close()


def test_a_reason_field_counts_down_the_characters_left_while_typing(browser, journey):
    app, sink, _url = journey
    document = ids(app, "S1")["document"]
    page = browser.new_context(locale="nl-NL").new_page()
    page.goto(_link(sink))
    page.get_by_role("button", name="Open uw dossier").click()
    counter = page.locator(f"#d{document}-reasons-teller")
    expect(counter).to_have_text("Nog 20000 tekens")
    reasons = page.locator(f"#d{document}-reasons")
    expect(reasons).to_have_attribute("aria-describedby", f"d{document}-reasons-teller")
    reasons.press_sequentially("Privacy")
    expect(counter).to_have_text("Nog 19993 tekens")
    expect(counter).to_have_attribute("aria-live", "polite")
