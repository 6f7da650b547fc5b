"""The PDF adapter on real PDFs: what is a readable PDF, its pages, and whether a passage is on a page."""

import threading

import pytest
from fpdf import FPDF

from tests.pdfs import cyclic_pdf, huge_page_pdf
from zienswijze.demo.pdfs import text_pdf
from zienswijze.files.pdfs import (
    PDFIUM_LOCK,
    NotAPdf,
    PdfLimits,
    configure,
    inspect_pdf,
    page_texts,
    passage_on_page,
    render,
)

WRAPPING = "Van: T. Bos, senior onderzoeker bij het bureau. Aan: R. de Boer, projectleider dashboard. " * 3
TWO_PAGES = text_pdf("Notitie", [[WRAPPING], ["Toelichting en vervolgstappen."]])


def drawing_only() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 40)
    return bytes(pdf.output())


def test_a_pdf_gives_its_page_count():
    assert inspect_pdf(TWO_PAGES).page_count == 2


def test_each_page_gives_its_text():
    texts = page_texts(TWO_PAGES)
    assert len(texts) == 2 and "Toelichting en vervolgstappen." in texts[1]


def test_bytes_that_are_not_a_pdf_are_refused():
    with pytest.raises(NotAPdf, match="geen PDF"):
        inspect_pdf(b"Beste collega, hierbij de notitie.")


def test_a_truncated_pdf_is_refused():
    with pytest.raises(NotAPdf, match="beschadigd of onvolledig"):
        inspect_pdf(TWO_PAGES[: len(TWO_PAGES) // 2])


def test_a_password_protected_pdf_is_refused():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica")
    pdf.cell(text="vertrouwelijk")
    pdf.set_encryption(owner_password="eigenaar", user_password="lezer")
    with pytest.raises(NotAPdf, match="wachtwoord"):
        inspect_pdf(bytes(pdf.output()))


def test_a_passage_is_found_across_the_line_breaks_of_the_pdf():
    passage = WRAPPING.strip()
    assert passage not in page_texts(TWO_PAGES)[0]
    assert passage_on_page(TWO_PAGES, 1, passage) is True


def test_a_passage_on_another_page_is_not_found():
    assert passage_on_page(TWO_PAGES, 2, "T. Bos") is False


def test_a_page_without_a_text_layer_cannot_be_checked():
    assert passage_on_page(drawing_only(), 1, "T. Bos") is None


def test_a_page_outside_the_document_is_an_error():
    with pytest.raises(ValueError, match="page 3"):
        passage_on_page(TWO_PAGES, 3, "T. Bos")


def test_a_page_tree_that_points_back_at_itself_is_refused():
    with pytest.raises(NotAPdf, match="Pagina 2 van deze PDF kan niet worden gelezen"):
        inspect_pdf(cyclic_pdf())


def test_a_page_of_14400_points_is_refused():
    with pytest.raises(NotAPdf, match="14400 × 14400 punten, het maximum is 5000 punten per zijde"):
        inspect_pdf(huge_page_pdf())


def test_a_page_within_the_side_limit_but_with_too_many_pixels_is_refused():
    with pytest.raises(NotAPdf, match="36 miljoen beeldpunten"):
        inspect_pdf(huge_page_pdf(4000))


def test_a_pdf_with_more_pages_than_configured_is_refused():
    configure(PdfLimits(max_pages=1))
    with pytest.raises(NotAPdf, match="2 pagina's; het maximum is 1"):
        inspect_pdf(TWO_PAGES)


def test_a_page_beyond_lowered_limits_is_not_rendered():
    configure(PdfLimits(max_page_points=500))
    with pytest.raises(NotAPdf, match="Deze pagina is te groot om te tonen"):
        render(TWO_PAGES, 1, [])


def test_a_second_thread_waits_while_another_is_inside_pdfium():
    done = threading.Event()
    worker = threading.Thread(target=lambda: (page_texts(TWO_PAGES), done.set()))
    with PDFIUM_LOCK:
        worker.start()
        assert not done.wait(0.3)
    worker.join(10)
    assert done.is_set()
