"""Real PDFs with a text layer, made from the demo's page texts."""

from __future__ import annotations

from fpdf import FPDF


def text_pdf(title: str, pages: list[list[str]]) -> bytes:
    """A PDF with one page per list of paragraphs, so passages can be found on their page."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("zienswijze demo")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 20, 20)
    for paragraphs in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())
