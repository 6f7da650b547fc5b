"""Render-ahead: the scheduler renders new documents' pages once, within a budget, and skips what is cached."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.consultation import ids, open_file, start_consultation
from zienswijze import clock
from zienswijze.db import Document
from zienswijze.db.session import new_session
from zienswijze.services.page_cache import NEW_FOR, render_ahead


def _run(app, *, budget: int = 20, now=None) -> int:
    with app.app_context(), new_session() as session:
        return render_ahead(session, upload_dir=Path(app.config["UPLOAD_DIR"]), now=now or clock.now(), budget=budget)


def test_the_pages_of_new_documents_are_rendered_once(app):
    start_consultation(app)
    assert _run(app) == 2
    assert _run(app) == 0


def test_a_run_renders_no_more_than_its_budget(app):
    start_consultation(app)
    assert _run(app, budget=1) == 1
    assert _run(app, budget=1) == 1
    assert _run(app, budget=1) == 0


def test_documents_older_than_a_week_are_left_to_the_first_request(app):
    start_consultation(app)
    assert _run(app, now=clock.now() + NEW_FOR + timedelta(minutes=1)) == 0


def test_the_page_a_stakeholder_opens_is_the_one_rendered_ahead(app):
    links = start_consultation(app)
    _run(app)
    with app.app_context(), new_session() as session:
        sha256 = session.get(Document, ids(app, "S1")["document"]).file_sha256
    [cached] = (Path(app.config["UPLOAD_DIR"]) / "pages" / sha256[:2]).glob(f"{sha256}-p1-*.png")
    before = cached.stat().st_mtime_ns
    image = open_file(app, links["S1"]).get(f"/z/dossier/documenten/{ids(app, 'S1')['document']}/pagina/1.png")
    assert image.data == cached.read_bytes() and cached.stat().st_mtime_ns == before
