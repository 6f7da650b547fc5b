"""The decision page of a big case: disclosure per document a page at a time; the paragraph covers them all."""

from __future__ import annotations

import re

from tests.helpers import statements_run
from tests.web.wide_case import wide_case
from zienswijze.db.session import ENGINE_KEY
from zienswijze.web.handler.decision import DOCUMENTS_PER_PAGE

PAGE = "/zaken/GROOT/besluit/"


def _rows(html: str) -> list[str]:
    table = html.split('id="openbaarmaking-tabel"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr class="utrecht-table__row">\s*<td class="utrecht-table__cell">(\d+)</td>', table)


def test_the_disclosure_table_shows_a_page_of_documents_and_the_next_page_the_rest(app, logged_in_client):
    wide_case(app, "GROOT", DOCUMENTS_PER_PAGE + 4)
    first, second = logged_in_client.get(PAGE).text, logged_in_client.get(f"{PAGE}?documenten=2").text
    assert _rows(first) == [str(n) for n in range(1, DOCUMENTS_PER_PAGE + 1)]
    assert _rows(second) == [str(n) for n in range(DOCUMENTS_PER_PAGE + 1, DOCUMENTS_PER_PAGE + 5)]
    assert "documenten=2" in first


def test_the_paragraph_counts_every_stakeholder_whatever_page_is_shown(app, logged_in_client):
    wide_case(app, "GROOT", DOCUMENTS_PER_PAGE + 4)
    first, second = logged_in_client.get(PAGE).text, logged_in_client.get(f"{PAGE}?documenten=2").text
    paragraph = lambda html: html.split('id="paragraaf-tekst"', 1)[1].split("</textarea>", 1)[0]  # noqa: E731
    assert paragraph(first) == paragraph(second)
    total = DOCUMENTS_PER_PAGE + 4
    assert f"Er zijn {total} belanghebbenden om een zienswijze gevraagd." in paragraph(first)
    assert f"Belanghebbende {total} heeft geen zienswijze gegeven." in paragraph(first)


def _second_view(app, client) -> list:
    """The statements of a second view of the decision page of a wide case (the first fills caches)."""
    wide_case(app, "GROOT", DOCUMENTS_PER_PAGE + 4)
    client.get(PAGE)
    with statements_run(app.extensions[ENGINE_KEY]) as run:
        client.get(PAGE)
    return run


def test_only_the_documents_of_the_page_shown_have_their_proposed_redactions_read(app, logged_in_client):
    run = _second_view(app, logged_in_client)
    bound = [len(parameters) for statement, parameters in run if "FROM proposed_redactions" in statement]
    assert max(bound) == DOCUMENTS_PER_PAGE  # bound to the page's documents, not to all the case's


def test_when_the_suspension_may_end_is_worked_out_once_per_page(app, logged_in_client):
    run = _second_view(app, logged_in_client)
    last_views = [
        statement
        for statement, _parameters in run
        if "invitations.submitted_at" in statement and "consultation_rounds.deadline" in statement
    ]
    assert len(last_views) == 1
