"""The PDF adapter (pypdfium2): is this a PDF we can show, how many pages, their text, and a page's pixels.

This is the one module that uses pypdfium2 (``tests/unit/test_layers.py`` keeps it so). PDFium is not
thread-safe: two threads in it at once crash the process (a general protection fault in libpdfium.so),
so every call into it holds ``PDFIUM_LOCK``, one lock per process, whether the caller is the threaded dev
server, a gunicorn thread or the scheduler. Every pdfium object is closed as soon as it is read: they
hold native memory, and an unclosed one is a ResourceWarning (an error in the tests).
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium_c
from PIL import Image

from zienswijze.domain.errors import Invalid
from zienswijze.domain.text import N_

# PDF 1.7 §7.5.2 puts the header first; readers accept it within the first 1024 bytes, and so do we.
_MAGIC_WINDOW = 1024
# Held by every call into pdfium; reentrant, so a helper may open a document inside another's call.
PDFIUM_LOCK = threading.RLock()
RENDER_SCALE = 1.5  # 108 dpi: readable on screen, small enough to send
Rect = tuple[float, float, float, float]  # left, bottom, right, top in points


class NotAPdf(Invalid):
    """The bytes are not a PDF this service can store and show; the message (Dutch) says why."""


@dataclass(frozen=True)
class PdfLimits:
    """What one PDF may ask of the machine: a page is rendered whole in memory, at ``RENDER_SCALE``."""

    max_pages: int = 2000
    max_page_points: int = 5000  # either side; A0 is 2384 × 3370 pt, so 5000 leaves room for drawings
    max_pixels: int = 20_000_000  # at the render scale: A0 is 18 million, about 55 MB of pixels

    def refusal(self, width: float, height: float) -> str | None:
        """Why a page of this size (points) is too large, in Dutch; None when it is within the limits."""
        if max(width, height) > self.max_page_points:
            return N_(
                "%(width)s × %(height)s punten, het maximum is %(max)s punten per zijde",
                width=round(width),
                height=round(height),
                max=self.max_page_points,
            )
        if (pixels := width * height * RENDER_SCALE**2) > self.max_pixels:
            return N_(
                "%(millions)s miljoen beeldpunten op het scherm, het maximum is %(max)s miljoen",
                millions=round(pixels / 1e6),
                max=format(self.max_pixels / 1e6, "g"),
            )
        return None


_limits = PdfLimits()


def configure(limits: PdfLimits) -> None:
    """Sets this process's limits (from the settings at start-up): pdfium's memory is the process's."""
    global _limits
    _limits = limits


@dataclass(frozen=True)
class PdfInfo:
    page_count: int


@dataclass
class RenderedPage:
    image: Image.Image
    height: float  # in points, to turn the text rects (from the bottom) into image rows (from the top)
    rects: list[tuple[int, Rect]]  # (index of the passage, where pdfium found it)
    scale: float

    def boxes(self, margin: float) -> list[tuple[int, tuple[float, float, float, float]]]:
        """Each found passage as (its index, a box in the image's pixels), ``margin`` points wider all round."""
        return [
            (
                index,
                (
                    (left - margin) * self.scale,
                    (self.height - top - margin) * self.scale,
                    (right + margin) * self.scale,
                    (self.height - bottom + margin) * self.scale,
                ),
            )
            for index, (left, bottom, right, top) in self.rects
        ]


def inspect_pdf(data: bytes) -> PdfInfo:
    """What we need to know of an upload before storing it; NotAPdf when it cannot be used.

    Every page is walked: a page tree pdfium cannot follow (a cycle) or a page beyond the limits is
    refused here, at upload, rather than failing when someone opens that page.
    """
    with _opened(data) as pdf:
        if len(pdf) > _limits.max_pages:
            raise NotAPdf(
                N_("Deze PDF heeft %(pages)s pagina's; het maximum is %(max)s.", pages=len(pdf), max=_limits.max_pages)
            )
        for index in range(len(pdf)):
            if (refusal := _limits.refusal(*_page_size(pdf, index))) is not None:
                raise NotAPdf(
                    N_(
                        "Pagina %(page)s van deze PDF is te groot om te tonen: %(refusal)s.",
                        page=index + 1,
                        refusal=refusal,
                    )
                )
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


def render(
    data: bytes, page_number: int, passages: list[str], *, scale: float = RENDER_SCALE, forms: bool = False
) -> RenderedPage:
    """A 1-based page at ``scale`` and where each passage is on it; NotAPdf beyond the limits.

    A stored PDF is checked again: the limits may have been lowered since it was uploaded.
    """
    with _opened(data) as pdf:
        if not 1 <= page_number <= len(pdf):
            raise ValueError(f"page {page_number} is not in a document of {len(pdf)} pages")
        if (refusal := _limits.refusal(*_page_size(pdf, page_number - 1))) is not None:
            raise NotAPdf(N_("Deze pagina is te groot om te tonen: %(refusal)s.", refusal=refusal))
        page = _page(pdf, page_number - 1)
        try:
            rects = _rects(page, passages)
            bitmap = page.render(scale=scale, may_draw_forms=forms)
            try:
                # A BGR bitmap (no alpha asked for) is converted into PIL's own memory, so closing it is safe.
                image = bitmap.to_pil()
            finally:
                bitmap.close()
            return RenderedPage(image, page.get_height(), rects, scale)
        finally:
            page.close()


def passages_found(data: bytes, by_page: dict[int, list[str]]) -> dict[int, set[int]]:
    """For each 1-based page, the indexes of its passages pdfium finds there; none on a page not in the PDF."""
    with _opened(data) as pdf:
        found: dict[int, set[int]] = {}
        for number, passages in by_page.items():
            found[number] = set()
            if 1 <= number <= len(pdf):
                page = _page(pdf, number - 1)
                try:
                    found[number] = {index for index, _rect in _rects(page, passages)}
                finally:
                    page.close()
        return found


def rebuilt(data: bytes, pictures: dict[int, bytes]) -> bytes:
    """A new PDF of the pages in order, each 1-based page in ``pictures`` replaced by that JPEG at its size.

    Built from nothing: the original's document information, metadata, attachments and outline stay behind.
    """
    with _opened(data) as source:
        target = pypdfium2.PdfDocument.new()
        try:
            for index in range(len(source)):
                if (jpeg := pictures.get(index + 1)) is None:
                    target.import_pages(source, [index])
                else:
                    _picture_page(target, jpeg, *_page_size(source, index))
            out = io.BytesIO()
            target.save(out)
            return out.getvalue()
        finally:
            target.close()


def _picture_page(target: pypdfium2.PdfDocument, jpeg: bytes, width: float, height: float) -> None:
    page = target.new_page(width, height)
    try:
        picture = pypdfium2.PdfImage.new(target)
        picture.load_jpeg(io.BytesIO(jpeg), inline=False, autoclose=True)
        picture.set_matrix(pypdfium2.PdfMatrix().scale(width, height))
        page.insert_obj(picture)
        page.gen_content()
    finally:
        page.close()


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
        raise NotAPdf(N_("Dit bestand is geen PDF."))
    with PDFIUM_LOCK:
        try:
            pdf = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as error:
            if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
                raise NotAPdf(
                    N_("Deze PDF is beveiligd met een wachtwoord. Upload een versie zonder wachtwoord.")
                ) from None
            raise NotAPdf(N_("Deze PDF is beschadigd of onvolledig en kan niet worden gelezen.")) from None
        try:
            if pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1:
                raise NotAPdf(N_("Deze PDF is versleuteld. Upload een versie zonder beveiliging."))
            if len(pdf) == 0:
                raise NotAPdf(N_("Deze PDF heeft geen pagina's."))
            yield pdf
        finally:
            pdf.close()


def _unwalkable(index: int) -> NotAPdf:
    return NotAPdf(
        N_("Pagina %(page)s van deze PDF kan niet worden gelezen: de paginastructuur is beschadigd.", page=index + 1)
    )


def _page_size(pdf: pypdfium2.PdfDocument, index: int) -> tuple[float, float]:
    try:
        return pdf.get_page_size(index)
    except pypdfium2.PdfiumError:
        raise _unwalkable(index) from None


def _page(pdf: pypdfium2.PdfDocument, index: int) -> pypdfium2.PdfPage:
    try:
        return pdf[index]
    except pypdfium2.PdfiumError:
        raise _unwalkable(index) from None


def _page_text(pdf: pypdfium2.PdfDocument, index: int) -> str:
    page = _page(pdf, index)
    try:
        text_page = page.get_textpage()
        try:
            return text_page.get_text_range()
        finally:
            text_page.close()
    finally:
        page.close()


def _rects(page: pypdfium2.PdfPage, passages: list[str]) -> list[tuple[int, Rect]]:
    found = []
    textpage = page.get_textpage()
    try:
        for number, passage in enumerate(passages):
            searcher = textpage.search(" ".join(passage.split()), match_case=True)
            try:
                while (hit := searcher.get_next()) is not None:
                    index, count = hit
                    found += [(number, textpage.get_rect(i)) for i in range(textpage.count_rects(index, count))]
            finally:
                searcher.close()
    finally:
        textpage.close()
    return found
