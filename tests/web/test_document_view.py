"""The handler's view of a document: the PDF, and its pages with the proposal or the final redactions drawn."""

from __future__ import annotations

import pytest

from tests.consultation import ids
from tests.helpers import log_in
from tests.weighing_case import consulted_after_the_terms, weigh_all


@pytest.fixture
def consulted(app, clock_at):
    return consulted_after_the_terms(app, clock_at)


def _url(app, suffix: str = "") -> str:
    return f"/zaken/W-2024-1/documenten/{ids(app, 'S1')['document']}{suffix}"


def test_the_document_page_links_the_pdf_and_each_page_in_both_sets(app, logged_in_client, consulted):
    page = logged_in_client.get(_url(app)).text
    assert _url(app, "/pdf") in page
    assert (
        _url(app, "/pagina/1.png?lakkingen=voorstel") in page and _url(app, "/pagina/1.png?lakkingen=besluit") in page
    )
    with logged_in_client.get(_url(app, "/pdf")) as pdf:
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")


def test_after_the_weighing_the_final_set_draws_the_honoured_request_too(app, logged_in_client, consulted):
    before = logged_in_client.get(_url(app, "/pagina/1.png?lakkingen=besluit")).data
    weigh_all(app, consulted, "gehonoreerd")
    proposal = logged_in_client.get(_url(app, "/pagina/1.png?lakkingen=voorstel"))
    final = logged_in_client.get(_url(app, "/pagina/1.png?lakkingen=besluit"))
    assert proposal.mimetype == final.mimetype == "image/png"
    assert final.data != before and proposal.data == before
    assert "Document van S1." in logged_in_client.get(_url(app)).text  # listed under the final redactions


def test_a_page_that_is_not_there_and_another_organisation_get_404(app, client, make_handler, consulted):
    log_in(client, make_handler("b@example.org", "Gemeente B"))
    assert client.get(_url(app, "/pagina/1.png")).status_code == 404
    assert client.get(_url(app, "/pdf")).status_code == 404


def test_a_page_beyond_the_document_is_not_found(app, logged_in_client, consulted):
    assert logged_in_client.get(_url(app, "/pagina/9.png")).status_code == 404


def test_the_handlers_page_image_is_asked_again_by_its_etag_and_the_final_set_has_its_own(
    app, logged_in_client, consulted
):
    proposal = logged_in_client.get(_url(app, "/pagina/1.png?lakkingen=voorstel"))
    again = logged_in_client.get(
        _url(app, "/pagina/1.png?lakkingen=voorstel"), headers={"If-None-Match": proposal.headers["ETag"]}
    )
    assert again.status_code == 304 and proposal.cache_control.private
    weigh_all(app, consulted, "gehonoreerd")
    final = logged_in_client.get(_url(app, "/pagina/1.png?lakkingen=besluit"))
    assert final.headers["ETag"] != proposal.headers["ETag"]
