"""Pages rendered as images with the proposed redactions drawn where the text layer holds them."""

import pytest

from zienswijze.demo.pdfs import text_pdf
from zienswijze.files.page_images import Mark, render_page

PDF = text_pdf("Verslag", [["Van: S. Visser, senior onderzoeker.", "Bereikbaar op 06-28773416."], ["Tweede pagina."]])


def test_each_passage_found_on_the_page_is_drawn():
    png, found = render_page(PDF, 1, [Mark("S. Visser", "5.1.2e"), Mark("06-28773416", "5.1.2e")])
    assert png.startswith(b"\x89PNG") and found == 2


def test_a_passage_that_is_not_on_the_page_is_not_drawn():
    _png, found = render_page(PDF, 2, [Mark("S. Visser", "5.1.2e")])
    assert found == 0


def test_a_page_outside_the_document_is_refused():
    with pytest.raises(ValueError, match="not in a document of 2 pages"):
        render_page(PDF, 3, [])
