"""Word documents (python-docx): a heading and plain paragraphs, in Dutch, written by the organisation.

What the service writes in Word is Dutch whatever language the handler reads the pages in: it goes
into the decision, and the decision is Dutch.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from zienswijze import clock

DUTCH = "nl-NL"


def word_document(title: str, paragraphs: Iterable[str], *, author: str) -> bytes:
    """``title`` as a heading, then one paragraph per text, with the file's properties filled in.

    python-docx's template says American English, "python-docx" as its author and a creation date
    in 2013: Word would check Dutch spelling as English and name a library as the body that wrote it.
    """
    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = author
    properties.comments = ""
    properties.language = DUTCH
    properties.created = properties.modified = clock.now()
    _set_language(document, DUTCH)
    document.add_heading(title, level=2)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_language(document: WordDocument, language: str) -> None:
    """The language of all text: the default run properties, which every style inherits, and the theme fonts'."""
    for lang in document.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), language)
    for lang in document.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), language)
