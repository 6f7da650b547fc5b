"""What the Woo publication platform (minvws/nl-rdo-woo-web) accepts in a productierapport.

The rules are those of the platform's importer, read from its source:
- File type: the values of ``src/Domain/Publication/SourceType.php`` (pdf, doc, image, presentation,
  spreadsheet, email, html, note, database, xml, video, audio, vcard, chat); any other value is shown
  as "Onbekend" (``docs/gebruikershandleiding/publiceren/woo-besluit/productierapport.md``).
- Beoordelingsgrond: ``Citation::DUBBEL`` ("dubbel") marks a duplicate (``src/Domain/Publication/Citation.php``).
- Beoordelingsgrond: the platform knows one code for Woo art. 5.2 (``Citation::GROUND_WOO_52``); a body's
  own ``5.2.1`` is exported as ``5.2`` (SPEC §6).
- Matter: ``DocumentMatter::PATTERN`` ``/^[a-zA-Z0-9-._~]*$/``, 1 to 255 characters
  (``src/ValueObject/DocumentMatter.php``).
- Zaaknummer: each number matches ``Inquiry::INQUIRY_NUMBER_REGEX`` ``/^[a-z0-9-.;\\(\\) ]+$/i``, 1 to 255
  characters (``src/Domain/Publication/Dossier/Type/WooDecision/Inquiry/Inquiry.php``, checked in
  ``src/Service/Inquiry/InquiryNumbers.php``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zienswijze.domain.errors import Invalid
from zienswijze.domain.text import N_

DUPLICATE_GROUND = "dubbel"
MAX_LENGTH = 255
_MATTER = re.compile(r"[A-Za-z0-9._~-]+")
_CASE_NUMBER = re.compile(r"[A-Za-z0-9.;() -]+")

# Content types and file name extensions as the platform's source types.
_CONTENT_TYPES = {
    "application/pdf": "pdf",
    "message/rfc822": "email",
    "application/vnd.ms-outlook": "email",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "doc",
    "application/vnd.oasis.opendocument.text": "doc",
    "application/rtf": "doc",
    "text/plain": "doc",
    "application/vnd.ms-excel": "spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet": "spreadsheet",
    "text/csv": "spreadsheet",
    "application/vnd.ms-powerpoint": "presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "presentation",
    "application/vnd.oasis.opendocument.presentation": "presentation",
    "text/html": "html",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/vcard": "vcard",
}
_MEDIA = ("image", "video", "audio")
_EXTENSIONS = {
    "pdf": "pdf",
    **dict.fromkeys(("eml", "msg"), "email"),
    **dict.fromkeys(("doc", "docx", "odt", "rtf", "txt"), "doc"),
    **dict.fromkeys(("xls", "xlsx", "ods", "csv"), "spreadsheet"),
    **dict.fromkeys(("ppt", "pptx", "odp"), "presentation"),
    **dict.fromkeys(("jpg", "jpeg", "png", "gif", "tif", "tiff", "bmp"), "image"),
    **dict.fromkeys(("htm", "html"), "html"),
    "xml": "xml",
    "vcf": "vcard",
    **dict.fromkeys(("mp4", "mov", "avi"), "video"),
    **dict.fromkeys(("mp3", "wav", "m4a"), "audio"),
}


_PLATFORM_CODES = {"5.2.1": "5.2"}


def platform_grounds(codes: Sequence[str]) -> str:
    """The document's grounds as the platform's codes, each once, separated by ";"."""
    return ";".join(dict.fromkeys(_PLATFORM_CODES.get(code, code) for code in codes))


def file_type(content_type: str | None, file_name: str | None) -> str:
    """The platform's source type of a document: from its stored content type, else its file name; "" if unknown."""
    media = (content_type or "").partition(";")[0].strip().lower()
    if media in _CONTENT_TYPES:
        return _CONTENT_TYPES[media]
    if media.partition("/")[0] in _MEDIA:
        return media.partition("/")[0]
    extension = (file_name or "").rpartition(".")[2].lower() if "." in (file_name or "") else ""
    return _EXTENSIONS.get(extension, "")


def check_identifiers(matter: str, case_numbers: str) -> None:
    """Refuses a Matter or Zaaknummer the platform would refuse, naming which and why, in Dutch."""
    errors = {}
    if not 1 <= len(matter) <= MAX_LENGTH or not _MATTER.fullmatch(matter):
        errors["matter"] = N_(
            "Het kenmerk '%(matter)s' kan niet als Matter naar het publicatieplatform: gebruik 1 tot 255 tekens, "
            "alleen letters, cijfers en - . _ ~ (geen spaties of /).",
            matter=matter,
        )
    numbers = [number.strip() for number in re.split("[,;]", case_numbers)]
    if not all(1 <= len(number) <= MAX_LENGTH and _CASE_NUMBER.fullmatch(number) for number in numbers):
        errors["case_number"] = N_(
            "Het zaaknummer '%(numbers)s' kan niet naar het publicatieplatform: gebruik per nummer 1 tot 255 "
            "tekens, alleen letters, cijfers, spaties en - . ( ).",
            numbers=case_numbers,
        )
    if errors:
        raise Invalid(errors)
