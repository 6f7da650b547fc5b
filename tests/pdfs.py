"""PDFs that crashed or exhausted the renderer before it was guarded: a cyclic page tree and a huge page."""

from __future__ import annotations

from fpdf import FPDF

# The largest page PDF 1.7 allows (Annex C: 14 400 units a side): 200 × 200 inches.
HUGE_SIDE = 14400


def cyclic_pdf() -> bytes:
    """Two pages by the count, but the page tree lists itself as its second kid: pdfium cannot load page 2."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def huge_page_pdf(side: float = HUGE_SIDE) -> bytes:
    """One square page of ``side`` points with a line of text: 13 s and 3.2 GB to render at 1.5×."""
    pdf = FPDF(unit="pt", format=(side, side))
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(72, 72, "Een heel grote pagina.")
    return bytes(pdf.output())
