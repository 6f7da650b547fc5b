"""A live server on a free port and Debian's chromium driven by Playwright (never its own download)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.helpers import PASSWORD
from tests.live_server import serve
from tests.weighing_case import WEIGHER, consulted_after_the_terms
from zienswijze import clock
from zienswijze.db.session import new_session
from zienswijze.demo.loader import DEMO_DATA, load_demo
from zienswijze.services.accounts import register_user

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives the browser, so each is marked ``e2e`` without anyone remembering to."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# A page answered 4xx on purpose (a refused form) is logged by chromium as a failed resource; not a fault.
REFUSED_ON_PURPOSE = "Failed to load resource: the server responded with a status of 4"


@pytest.fixture
def page(browser) -> Page:
    """A fresh page; the test fails on any script error or console error, a CSP violation among them."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    faults: list[str] = []
    page.on("pageerror", lambda error: faults.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            faults.append(f"console {message.type}: {message.text}")
            if message.type == "error" and not message.text.startswith(REFUSED_ON_PURPOSE)
            else None
        ),
    )
    yield page
    context.close()
    assert faults == []


@pytest.fixture
def consulted_site(app, clock_at) -> Iterator[str]:
    """A live server with a case consulted until every term ended, and ``WEIGHER`` as a handler of its body."""
    consulted_after_the_terms(app, clock_at)
    with app.app_context(), new_session() as session:
        register_user(session, email=WEIGHER, organisation_name="Gemeente A", password=PASSWORD)
    url, stop = serve(app)
    yield url
    stop()


@pytest.fixture
def live_server(app, tmp_path: Path):
    with app.app_context(), new_session() as session:
        load_demo(session, data_dir=DEMO_DATA, upload_dir=Path(app.config["UPLOAD_DIR"]), today=clock.today())
    url, stop = serve(app)
    yield url
    stop()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where browser tests leave screenshots for a person to look at: test-output/screenshots (git ignores it)."""
    folder = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
