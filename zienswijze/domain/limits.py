"""How much one person may put into the service: text per kind of field, attachments per invitation.

A link holder is anyone with the link, so what one view may hold is bounded: a view that is a few
megabytes of text is no view, and it would make the handler's weighing page and the receipt mail
unusable. The caps are what a real zienswijze needs: a legal motivation runs to tens of thousands of
characters, a name or a phone number to a few hundred. This module is the one place that sets them;
the forms' ``maxlength``, the services' checks and the API's schema all read it. Text over a cap is
refused, never cut short: the person gets their text back with the message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

from zienswijze.domain.text import N_


class TextCap(IntEnum):
    """The most characters a field of each kind may hold."""

    PHONE = 50
    NAME = 200  # a person's or organisation's name, a contact, a short reason such as "de vakantie"
    LINE = 500  # a subject, a title, a postal address
    SENTENCE = 1_000  # a reason that goes into the decision paragraph or the audit trail: a sentence, not a memo
    PASSAGE = 5_000  # words quoted from a page, a personal note in an invitation
    LONG = 20_000  # reasons, explanations, motivations, notes: the heart of a view or a weighing


# All the text of one view together: with a reason per proposed redaction, the caps per field alone would let a
# view with hundreds of passages grow to megabytes. A longer argument fits in an attachment.
MAX_VIEW_TEXT = 200_000

# The receipt repeats each reason and the explanation up to this many characters: it confirms what came in,
# the version's hash (kenmerk) pins the whole text, and a mail of megabytes is refused by mail servers.
RECEIPT_EXCERPT = 1_000


def length_error(text: str, cap: int) -> str | None:
    """The Dutch message when ``text`` is longer than ``cap`` characters, else None."""
    if len(text) <= cap:
        return None
    return N_(
        "Deze tekst is %(length)s tekens lang; hoogstens %(cap)s mag. Maak hem korter.",
        length=_number(len(text)),
        cap=_number(cap),
    )


def length_errors(fields: Mapping[str, tuple[str, int]]) -> dict[str, str]:
    """Per field name, the message for each (text, cap) pair over its cap."""
    return {name: message for name, (text, cap) in fields.items() if (message := length_error(text, cap))}


def total_error(texts: list[str]) -> str | None:
    """The Dutch message when these texts of one view are together longer than ``MAX_VIEW_TEXT``, else None."""
    total = sum(len(text) for text in texts)
    if total <= MAX_VIEW_TEXT:
        return None
    return N_(
        "Uw zienswijze is in totaal %(total)s tekens lang; hoogstens %(cap)s mag. "
        "Zet een lange onderbouwing in een bijlage (PDF).",
        total=_number(total),
        cap=_number(MAX_VIEW_TEXT),
    )


@dataclass(frozen=True)
class AttachmentLimits:
    """What one invitation's view may carry in files, all its attachments together (the settings
    ZIENSWIJZE_MAX_ATTACHMENTS and ZIENSWIJZE_MAX_ATTACHMENTS_MB)."""

    max_count: int
    max_bytes: int

    def refusal(self, *, count: int, total_bytes: int, new_bytes: int) -> str | None:
        """Why one more file of ``new_bytes`` may not join ``count`` files of ``total_bytes``; None if it may."""
        if count + 1 > self.max_count:
            if self.max_count == 1:
                return N_("U kunt hoogstens 1 bijlage toevoegen. Verwijder eerst een bijlage.")
            return N_(
                "U kunt hoogstens %(count)s bijlagen toevoegen. Verwijder eerst een bijlage.", count=self.max_count
            )
        if total_bytes + new_bytes > self.max_bytes:
            megabytes = self.max_bytes // (1024 * 1024)
            return N_(
                "Uw bijlagen mogen samen hoogstens %(megabytes)s MB zijn; met dit bestand zou dat meer worden. "
                "Verwijder eerst een bijlage of voeg een kleiner bestand toe.",
                megabytes=megabytes,
            )
        return None


def _number(value: int) -> str:
    """A count written the Dutch way: 20.000."""
    return f"{value:,}".replace(",", ".")
