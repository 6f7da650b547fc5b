"""A live server on a free port and Debian's chromium driven by Playwright (never its own download)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.live_server import serve
from zienswijze import clock
from zienswijze.db.session import new_session
from zienswijze.demo.loader import DEMO_DATA, load_demo

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_server(app, tmp_path: Path):
    with app.app_context(), new_session() as session:
        load_demo(session, data_dir=DEMO_DATA, upload_dir=Path(app.config["UPLOAD_DIR"]), today=clock.today())
    url, stop = serve(app)
    yield url
    stop()
