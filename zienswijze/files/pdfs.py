"""The PDF adapter (pypdfium2): is this a PDF we can show, how many pages, and is a passage on a page.

Every pdfium object is closed as soon as it is read: they hold native memory, and an unclosed one
is a ResourceWarning (an error in the tests).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium_c

from zienswijze.domain.errors import Invalid

# PDF 1.7 §7.5.2 puts the header first; readers accept it within the first 1024 bytes, and so do we.
_MAGIC_WINDOW = 1024


class NotAPdf(Invalid):
    """The bytes are not a PDF this service can store and show; the message (Dutch) says why."""


@dataclass(frozen=True)
class PdfInfo:
    page_count: int


def inspect_pdf(data: bytes) -> PdfInfo:
    """What we need to know of an upload before storing it; NotAPdf when it cannot be used."""
    with _opened(data) as pdf:
        return PdfInfo(page_count=len(pdf))


def page_texts(data: bytes) -> list[str]:
    """The text layer of each page, in order; "" for a page without text (a scan)."""
    with _opened(data) as pdf:
        return [_page_text(pdf, index) for index in range(len(pdf))]


def passage_on_page(data: bytes, page: int, passage: str) -> bool | None:
    """Whether the passage is on that page (1-based); None when the page has no text layer to check.

    ValueError when the page is not in the document.
    """
    with _opened(data) as pdf:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"page {page} is not in a document of {len(pdf)} pages")
        return text_contains(_page_text(pdf, page - 1), passage)


def text_contains(page_text: str, passage: str) -> bool | None:
    """Whether a page's text holds the passage, ignoring whitespace: PDFs wrap lines where they like.

    Whitespace is dropped rather than collapsed, so a text extracted with a break inside a word still matches.
    """
    haystack = _squeezed(page_text)
    if not haystack:
        return None
    return _squeezed(passage) in haystack


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@contextmanager
def _opened(data: bytes) -> Iterator[pypdfium2.PdfDocument]:
    if b"%PDF-" not in data[:_MAGIC_WINDOW]:
        raise NotAPdf("Dit bestand is geen PDF.")
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise NotAPdf("Deze PDF is beveiligd met een wachtwoord. Upload een versie zonder wachtwoord.") from None
        raise NotAPdf("Deze PDF is beschadigd of onvolledig en kan niet worden gelezen.") from None
    try:
        if pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1:
            raise NotAPdf("Deze PDF is versleuteld. Upload een versie zonder beveiliging.")
        if len(pdf) == 0:
            raise NotAPdf("Deze PDF heeft geen pagina's.")
        yield pdf
    finally:
        pdf.close()


def _page_text(pdf: pypdfium2.PdfDocument, index: int) -> str:
    page = pdf[index]
    try:
        text_page = page.get_textpage()
        try:
            return text_page.get_text_range()
        finally:
            text_page.close()
    finally:
        page.close()
