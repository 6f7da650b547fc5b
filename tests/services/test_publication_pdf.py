"""The publication PDF of one document: the withheld passage is gone, and one that cannot be found stops it."""

from __future__ import annotations

import pytest

from zienswijze.demo.pdfs import text_pdf
from zienswijze.files.pdfs import page_texts
from zienswijze.files.publication import NotRedactable, Withheld, publication_pdf

ORIGINAL = text_pdf("Vertrouwelijk", [["Van: J. de Vries.", "Over het dashboard."], ["Bijlage."]])


def test_the_withheld_page_becomes_an_image_and_the_other_page_stays_text():
    published = publication_pdf(ORIGINAL, [Withheld(1, "J. de Vries", "5.1.2e")], label="Document 1")
    assert page_texts(published) == ["", "Bijlage."]


def test_a_passage_not_in_the_text_layer_refuses_the_document_with_the_passage_named():
    with pytest.raises(NotRedactable) as refused:
        publication_pdf(ORIGINAL, [Withheld(2, "J. de Vries", "5.1.2e")], label="Document 1")
    assert "Document 1" in str(refused.value) and "pagina 2: „J. de Vries”" in str(refused.value)


def test_a_document_without_redactions_keeps_every_page_but_not_the_originals_title():
    published = publication_pdf(ORIGINAL, [], label="Document 1")
    assert page_texts(published)[1] == "Bijlage." and b"Vertrouwelijk" not in published
