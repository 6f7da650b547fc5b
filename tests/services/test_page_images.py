"""Pages rendered as images with the proposed redactions drawn where the text layer holds them."""

import hashlib
from pathlib import Path

import pytest

from zienswijze.demo.pdfs import text_pdf
from zienswijze.files.page_images import Mark, cache_path, page_png, render_page
from zienswijze.files.store import path_for

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


def _stored(tmp_path) -> str:
    sha256 = hashlib.sha256(PDF).hexdigest()
    path_for(tmp_path, sha256).parent.mkdir(parents=True)
    path_for(tmp_path, sha256).write_bytes(PDF)
    return sha256


def test_a_page_is_rendered_once_and_then_served_from_the_file_store(tmp_path):
    sha256 = _stored(tmp_path)
    marks = [Mark("S. Visser", "5.1.2e")]
    first = page_png(tmp_path, sha256, 1, marks)
    path_for(tmp_path, sha256).unlink()  # the PDF is not read again
    assert page_png(tmp_path, sha256, 1, marks) == first
    assert cache_path(tmp_path, sha256, 1, marks).read_bytes() == first
    assert cache_path(tmp_path, sha256, 1, marks).parent == tmp_path / "pages" / sha256[:2]


def test_a_changed_redaction_is_a_new_image():
    marks = [Mark("S. Visser", "5.1.2e")]
    changed = [Mark("S. Visser", "5.1.2i")]
    assert cache_path(Path("u"), "ab" * 32, 1, marks) != cache_path(Path("u"), "ab" * 32, 1, changed)
    assert cache_path(Path("u"), "ab" * 32, 1, marks + changed) == cache_path(Path("u"), "ab" * 32, 1, changed + marks)
