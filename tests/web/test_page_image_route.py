"""The stakeholder's page images: safe under parallel requests, rendered once, refused clearly when too large."""

from __future__ import annotations

import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.consultation import ids, open_file, start_consultation
from tests.helpers import statements_run
from tests.live_server import serve
from tests.pdfs import cyclic_pdf, huge_page_pdf
from zienswijze.db import Concern, Document, ProposedRedaction
from zienswijze.db.session import ENGINE_KEY, new_session
from zienswijze.demo.pdfs import text_pdf
from zienswijze.files.store import store_file

PAGES = 16


@pytest.fixture
def links(app):
    return start_consultation(app)


def _give_s1(app, data: bytes, page_count: int) -> int:
    """Points S1's document at this PDF as if stored before the limits existed; returns the document id."""
    document_id = ids(app, "S1")["document"]
    with app.app_context(), new_session() as session:
        stored = store_file(
            session,
            upload_dir=Path(app.config["UPLOAD_DIR"]),
            data=data,
            content_type="application/pdf",
            page_count=page_count,
        )
        session.get(Document, document_id).file_sha256 = stored.sha256
        session.commit()
    return document_id


def _fetch(url: str, cookie: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, response.read()


def test_sixteen_parallel_page_images_against_the_threaded_server_all_arrive(app, links):
    pages = [[f"Pagina {n} van het verslag.", "Contactpersoon: P. van S1."] for n in range(1, PAGES + 1)]
    document = _give_s1(app, text_pdf("Verslag", pages), PAGES)
    session_cookie = open_file(app, links["S1"]).get_cookie(app.config["SESSION_COOKIE_NAME"])
    cookie = f"{session_cookie.key}={session_cookie.value}"
    url, stop = serve(app)
    try:
        urls = [f"{url}/z/dossier/documenten/{document}/pagina/{page}.png" for page in range(1, PAGES + 1)]
        with ThreadPoolExecutor(PAGES) as pool:
            results = list(pool.map(lambda u: _fetch(u, cookie), urls))
        assert [status for status, _png in results] == [200] * PAGES
        assert all(png.startswith(b"\x89PNG") for _status, png in results)
        assert len({png for _status, png in results}) == PAGES
        assert _fetch(f"{url}/z/dossier", cookie)[0] == 200  # the server is still there
    finally:
        stop()


def test_a_page_image_is_served_from_the_file_store_the_second_time(app, links):
    client = open_file(app, links["S1"])
    document = ids(app, "S1")["document"]
    first = client.get(f"/z/dossier/documenten/{document}/pagina/1.png").data
    with app.app_context(), new_session() as session:
        sha256 = session.get(Document, document).file_sha256
    [cached] = (Path(app.config["UPLOAD_DIR"]) / "pages" / sha256[:2]).glob(f"{sha256}-p1-*.png")
    assert cached.read_bytes() == first
    assert client.get(f"/z/dossier/documenten/{document}/pagina/1.png").data == first


def test_a_page_image_may_stay_in_the_browser_only_privately_and_revalidated(app, links):
    response = open_file(app, links["S1"]).get(f"/z/dossier/documenten/{ids(app, 'S1')['document']}/pagina/1.png")
    assert response.status_code == 200 and response.headers["ETag"]
    assert response.cache_control.private and response.cache_control.no_cache and not response.cache_control.no_store


def test_an_unchanged_page_image_asked_again_by_its_etag_is_a_304_without_the_image(app, links):
    client = open_file(app, links["S1"])
    url = f"/z/dossier/documenten/{ids(app, 'S1')['document']}/pagina/1.png"
    etag = client.get(url).headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", etag)


def test_a_changed_redaction_gives_the_page_image_a_new_etag(app, links):
    client = open_file(app, links["S1"])
    url = f"/z/dossier/documenten/{ids(app, 'S1')['document']}/pagina/1.png"
    etag = client.get(url).headers["ETag"]
    with app.app_context(), new_session() as session:
        redaction = session.get(ProposedRedaction, ids(app, "S1")["redaction"])
        redaction.passage = "Contactpersoon"
        session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_a_page_image_reads_the_proposed_redactions_of_its_own_document_only(app, links):
    """A stakeholder concerned by many documents: one page image must not read the redactions of them all."""
    own = ids(app, "S1")
    with app.app_context(), new_session() as session:
        shown = session.get(Document, own["document"])
        redaction = session.get(ProposedRedaction, own["redaction"])
        for number in range(900, 930):
            other = Document(case_id=shown.case_id, number=number, title=f"Bijlage {number}")
            session.add(other)
            session.flush()
            session.add(Concern(stakeholder_id=own["stakeholder"], document_id=other.id))
            session.add(ProposedRedaction(document_id=other.id, page=1, passage="P.", ground_id=redaction.ground_id))
        session.commit()
    client = open_file(app, links["S1"])
    engine = app.extensions[ENGINE_KEY]
    with statements_run(engine) as run:
        response = client.get(f"/z/dossier/documenten/{own['document']}/pagina/1.png")
    read = [(statement, parameters) for statement, parameters in run if "FROM proposed_redactions" in statement]
    assert response.status_code == 200
    # One query, bound to the case and the one document: not to the thirty-one documents of the stakeholder.
    assert [len(parameters) for _, parameters in read] == [2]


def test_the_stakeholders_file_pages_are_still_not_stored_by_any_cache(app, links):
    assert open_file(app, links["S1"]).get("/z/dossier").headers["Cache-Control"] == "no-store"


def test_page_images_are_rate_limited(app, links):
    response = open_file(app, links["S1"]).get(f"/z/dossier/documenten/{ids(app, 'S1')['document']}/pagina/1.png")
    assert response.headers["X-RateLimit-Limit"] == "300"


def test_a_stored_page_beyond_the_limits_is_a_clear_refusal_not_a_server_error(app, links):
    document = _give_s1(app, huge_page_pdf(), 1)
    response = open_file(app, links["S1"]).get(f"/z/dossier/documenten/{document}/pagina/1.png")
    assert response.status_code == 400 and "Deze pagina is te groot om te tonen" in response.text


def test_a_stored_page_pdfium_cannot_reach_is_a_clear_refusal_not_a_server_error(app, links):
    document = _give_s1(app, cyclic_pdf(), 2)
    client = open_file(app, links["S1"])
    assert client.get(f"/z/dossier/documenten/{document}/pagina/1.png").status_code == 200
    response = client.get(f"/z/dossier/documenten/{document}/pagina/2.png")
    assert response.status_code == 400 and "Pagina 2 van deze PDF kan niet worden gelezen" in response.text
