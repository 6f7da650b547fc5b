"""The decision notice to stakeholders and the disclosure hold it starts (Woo art. 4.4 lid 5 and 6).

A document whose disclosure a stakeholder may oppose is disclosed no earlier than two weeks after
the notice reached each such stakeholder; until every one of those notices has reached its
stakeholder (or while one bounced), the day is unknown and the document is held.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from zienswijze.domain.cases import Assessment
from zienswijze.domain.deadlines import earliest_disclosure, term_end


class NoticeChannel(StrEnum):
    """How the notice goes: by e-mail only with the stakeholder's consent (Awb 2:14), else by post."""

    EMAIL = "e-mail"
    POST = "post"


def channel_for(*, email_consent: bool) -> NoticeChannel:
    return NoticeChannel.EMAIL if email_consent else NoticeChannel.POST


def requires_hold(*, responded: bool, objection_not_honoured: bool, no_objection_expected: bool) -> bool:
    """Whether disclosure waits for this stakeholder's notice (Woo art. 4.4 lid 5).

    Someone whose objection or request was not (fully) honoured may object; so may someone consulted
    who did not respond, unless the handler recorded that no objection is to be expected.
    """
    if responded:
        return objection_not_honoured
    return not no_objection_expected


@dataclass(frozen=True)
class NoticeFacts:
    """When the notice to one stakeholder the hold waits for reached them, and whether it bounced."""

    reached_on: date | None
    bounced: bool = False


def hold_end(waiting_for: Iterable[NoticeFacts | None]) -> date | None:
    """The first day of disclosure: two weeks after the last notice reached its stakeholder.

    None while any notice is missing, has not reached its stakeholder or bounced. An empty
    ``waiting_for`` means no one may object, which the caller decides before asking.
    """
    ends = []
    for notice in waiting_for:
        if notice is None or notice.bounced or notice.reached_on is None:
            return None
        ends.append(earliest_disclosure(notice.reached_on))
    if not ends:
        raise ValueError("a hold waits for at least one stakeholder")
    return max(ends)


def objection_end(notified_on: date) -> date:
    """The last day for objection: six weeks from the day after the notice (Awb 6:7, 6:8; Atw)."""
    return term_end(notified_on, weeks=6)


def outcome_in_words(assessment: Assessment, ground_codes: Sequence[str], disclosure: str | None) -> str:
    """One document's final outcome as a Dutch notice says it; ``disclosure`` is already worded."""
    grounds = ", ".join(ground_codes)
    if assessment is Assessment.OPENBAAR:
        return f"openbaar, {disclosure}"
    if assessment is Assessment.DEELS_OPENBAAR:
        withheld = (
            f"deels openbaar (delen weggelakt op grond van artikel {grounds} Woo)" if grounds else "deels openbaar"
        )
        return f"{withheld}, {disclosure}"
    if assessment is Assessment.REEDS_OPENBAAR:
        return "reeds openbaar"
    if assessment is Assessment.NIET_OPENBAAR:
        return f"niet openbaar, op grond van artikel {grounds} Woo" if grounds else "niet openbaar"
    return "niet openbaar gemaakt (buiten het verzoek of een dubbel)"
