"""Letters to post, as PDF (fpdf2): a plain text laid out on A4 pages."""

from __future__ import annotations

from fpdf import FPDF

# The PDF core fonts know Latin-1 only; the few typographic marks beyond it get their plain form.
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "…": "..."})


def letter_pdf(title: str, text: str) -> bytes:
    """One paragraph per blank-line-separated block of ``text``, pages added as it runs on."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("zienswijze")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(auto=True, margin=25)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    plain = text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")
    for line in plain.splitlines():
        if line.strip():
            pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    return bytes(pdf.output())
