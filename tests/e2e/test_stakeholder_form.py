"""The stakeholder's form in a real browser: radio buttons that show the choice, a draft saved when the tab
closes, focus on what a submit found, and a shape that fits a phone and a wide screen."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.consultation import ids, start_consultation
from tests.helpers import axe_violations
from tests.live_server import serve
from zienswijze.db import Invitation
from zienswijze.db.session import new_session
from zienswijze.demo.pdfs import text_pdf
from zienswijze.services import responses

WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def open_dossier(app, browser):
    """``open_dossier(**context_options)``: S1's file opened in a new browser context."""
    link = start_consultation(app)["S1"]
    url, stop = serve(app)
    contexts = []

    def open_(**options) -> Page:
        context = browser.new_context(locale="nl-NL", **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(url + link)
        page.get_by_role("button", name="Open uw dossier").click()
        # The landing page names the case too: wait for the file itself, its deferred scripts run, before typing.
        page.wait_for_url("**/z/dossier")
        page.wait_for_load_state("load")
        expect(page.get_by_role("heading", level=1)).to_contain_text("W-2024-1")
        return page

    yield open_
    for context in contexts:
        context.close()
    stop()


def _saved_explanation(app) -> str:
    with app.app_context(), new_session() as session:
        invitation = session.get(Invitation, ids(app, "S1")["invitation"])
        return responses.current(session, invitation).data.explanation


def _look(radio) -> dict:
    """What the browser paints for a radio button drawn by CSS (appearance: none): its background and border."""
    return radio.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return {image: s.backgroundImage, color: s.backgroundColor, border: s.borderColor}; }"
    )


def _full_page_screenshot(page: Page, path: Path) -> None:
    """The whole page in a viewport as tall as it, so the send bar is drawn in its own place, not over the
    documents, and the skip link stays hidden above the top; then the viewport as it was."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": viewport["width"], "height": page.evaluate("document.body.scrollHeight")})
    page.screenshot(path=path)
    page.set_viewport_size(viewport)


def test_a_chosen_radio_button_looks_different_from_the_others(app, open_dossier):
    page = open_dossier()
    for group, label in (
        (page.locator("#standpunt"), "Bezwaar"),
        (page.locator(f"#r{ids(app, 'S1')['redaction']}"), "Mag openbaar worden"),
    ):
        chosen = group.get_by_label(label, exact=True)
        chosen.check()
        page.evaluate("document.activeElement.blur()")
        page.mouse.move(0, 0)
        assert _look(chosen) != _look(group.locator("input[type=radio]:not(:checked)").first)


def test_a_reason_typed_just_before_the_tab_is_closed_is_saved(app, open_dossier):
    page = open_dossier()
    page.locator("#explanation").fill("Net voor het sluiten getypt")
    page.close()  # well within autosave's pause of two seconds
    deadline = time.monotonic() + 15  # the request outlives the page; a loaded CI machine may take a while
    while _saved_explanation(app) != "Net voor het sluiten getypt" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _saved_explanation(app) == "Net voor het sluiten getypt"


def test_a_draft_is_saved_when_the_page_is_hidden(app, open_dossier):
    page = open_dossier()
    # htmx's own autosave (after its pause) is held back, so only the save on hiding can do it.
    page.route("**/automatisch-bewaren", _without_htmx)
    page.locator("#explanation").fill("Naar een ander tabblad")
    page.evaluate(
        "Object.defineProperty(document, 'visibilityState', {value: 'hidden'});"
        "document.dispatchEvent(new Event('visibilitychange'))"
    )
    expect(page.locator("#automatisch-bewaren")).to_contain_text("automatisch bewaard")
    assert _saved_explanation(app) == "Naar een ander tabblad"


def _without_htmx(route: Route) -> None:
    if route.request.headers.get("hx-request"):
        route.abort()
    else:
        route.continue_()


def test_after_a_submit_with_mistakes_focus_is_on_the_list_of_mistakes(open_dossier):
    page = open_dossier()
    page.get_by_role("button", name="Indienen", exact=True).click()
    expect(page.locator("#fouten")).to_be_focused()


def test_after_each_step_of_submitting_focus_is_on_its_heading(open_dossier):
    page = open_dossier()
    page.get_by_label("Geen bezwaar").check()
    # The choice is saved at once; a submit racing the very first save of a draft is refused as a conflict.
    expect(page.locator("#automatisch-bewaren")).to_contain_text("automatisch bewaard")
    page.get_by_role("button", name="Indienen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw zienswijze")
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    page.get_by_role("button", name="Zienswijze indienen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw zienswijze is ontvangen")
    expect(page.get_by_role("heading", level=1)).to_be_focused()


def test_the_overview_counts_the_answered_passages_as_they_are_answered(app, open_dossier):
    page = open_dossier()
    overview = page.get_by_role("region", name="Overzicht")
    expect(overview).to_contain_text("0 van 1 passage beantwoord")
    expect(overview.get_by_role("link", name="Document 1")).to_be_visible()
    page.locator(f"#r{ids(app, 'S1')['redaction']}").get_by_label("Eens met weglakken").check()
    expect(overview).to_contain_text("1 van 1 passage beantwoord")


def test_without_javascript_a_document_folds_shut_and_open_by_keyboard(open_dossier):
    page = open_dossier(java_script_enabled=False)
    document = page.locator("details.app-document").first
    expect(document).to_have_attribute("open", "")
    document.locator("summary.app-document__summary").focus()
    page.keyboard.press("Enter")
    expect(document).not_to_have_attribute("open", "")
    page.keyboard.press("Enter")
    expect(document).to_have_attribute("open", "")


def test_on_a_wide_screen_the_pages_stand_beside_the_passages(app, open_dossier, screenshots):
    page = open_dossier(viewport=WIDE)
    image = page.locator(".app-page-image").first
    expect(image).to_be_visible()
    passage = page.locator(f"#r{ids(app, 'S1')['redaction']}").bounding_box()
    pages = image.bounding_box()
    assert pages["x"] + pages["width"] <= passage["x"]
    page.get_by_label("Eens met weglakken").check()
    _full_page_screenshot(page, screenshots / "stakeholder-form-1366.png")
    assert axe_violations(page) == []


def test_on_a_360_pixel_phone_the_form_needs_no_sideways_scrolling(open_dossier, screenshots):
    page = open_dossier(viewport=PHONE)
    page.locator("details.app-pages > summary").first.click()
    expect(page.locator(".app-page-image").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _full_page_screenshot(page, screenshots / "stakeholder-form-360.png")
    assert axe_violations(page) == []


def test_the_send_bar_stays_in_reach_while_scrolling(open_dossier):
    page = open_dossier(viewport=PHONE)
    send = page.locator(".app-send-bar").get_by_role("button", name="Indienen", exact=True)
    for place in ("#overzicht", ".app-document", "#extra", "#uw-standpunt"):
        page.locator(place).first.evaluate("element => element.scrollIntoView()")
        expect(send).to_be_in_viewport()
    expect(page.locator(".app-send-bar")).to_contain_text("0 van 1 passage beantwoord")


def test_after_saving_a_draft_focus_is_on_the_message_that_it_was_saved(open_dossier):
    page = open_dossier()
    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.locator(".app-flashes")).to_be_focused()
    expect(page.locator(".app-flashes")).to_contain_text("Uw concept is bewaard")


def test_without_javascript_adding_an_attachment_keeps_the_reason_typed_and_says_so(open_dossier, tmp_path):
    page = open_dossier(java_script_enabled=False)
    pdf = tmp_path / "onderbouwing.pdf"
    pdf.write_bytes(text_pdf("Onderbouwing", [["Onze onderbouwing."]]))
    page.locator("#explanation").fill("Nog niet bewaard")
    page.get_by_label("Bijlage toevoegen").set_input_files(pdf)
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(page.locator(".app-flashes")).to_be_focused()
    expect(page.locator(".app-flashes")).to_contain_text("Bijlage onderbouwing.pdf toegevoegd.")
    expect(page.locator("#explanation")).to_have_value("Nog niet bewaard")


def test_after_asking_for_more_time_without_a_date_focus_is_on_the_date(open_dossier):
    page = open_dossier()
    page.get_by_role("button", name="Verlenging aanvragen").click()
    expect(page.get_by_label("Nieuwe datum")).to_be_focused()


def test_enter_in_a_single_line_field_saves_the_draft_instead_of_adding_a_passage(open_dossier):
    page = open_dossier(java_script_enabled=False)
    page.locator("#x0-page").fill("3")
    page.locator("#x0-page").press("Enter")
    expect(page.locator(".app-flashes")).to_contain_text("Uw concept is bewaard")
    expect(page.locator("fieldset.app-extra")).to_have_count(1)
    expect(page.locator("#x0-page")).to_have_value("3")
