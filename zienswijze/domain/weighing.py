"""The weighing of interests (belangenafweging): what must be weighed, when it is done, what it changes.

Every objection and extra-redaction request of a stakeholder's latest submitted view is weighed, and
so is every invitation that got no view: the body then weighs the stakeholder's interests itself
(SPEC §3). The weighing also decides whether disclosure waits (Woo art. 4.4 lid 5).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from zienswijze.domain.deadlines import earliest_disclosure
from zienswijze.domain.responses import ItemKind, WeighingOutcome

WEIGHED_KINDS = frozenset({ItemKind.BEZWAAR, ItemKind.EXTRA_LAKKING})
HONOURED = frozenset({WeighingOutcome.GEHONOREERD, WeighingOutcome.DEELS_GEHONOREERD})


class Subject(StrEnum):
    """What a weighing is about."""

    BEZWAAR = "bezwaar"
    EXTRA_LAKKING = "extra lakking"
    GEEN_ZIENSWIJZE = "geen zienswijze"


class Effect(StrEnum):
    """What an outcome does to the proposed redactions (lakvoorstel)."""

    NONE = "geen"
    ADD_REDACTION = "lakking toevoegen"
    KEEP_REDACTION = "lakking behouden"


def needs_weighing(kind: ItemKind) -> bool:
    """An agreement needs no weighing; an objection or an extra-redaction request does."""
    return kind in WEIGHED_KINDS


def subject_of(kind: ItemKind) -> Subject:
    return Subject.BEZWAAR if kind is ItemKind.BEZWAAR else Subject.EXTRA_LAKKING


def effect(subject: Subject, outcome: WeighingOutcome | None) -> Effect:
    """Honouring an extra-redaction request adds a proposed redaction; honouring an objection keeps one."""
    if outcome is not WeighingOutcome.GEHONOREERD:
        return Effect.NONE
    if subject is Subject.EXTRA_LAKKING:
        return Effect.ADD_REDACTION
    if subject is Subject.BEZWAAR:
        return Effect.KEEP_REDACTION
    return Effect.NONE


def weighing_errors(
    outcome: WeighingOutcome | None, motivation: str, ground_required: bool, ground: str
) -> dict[str, str]:
    """Why a weighing cannot be recorded, per field, in Dutch; a decision must be reasoned (Awb 3:46)."""
    errors: dict[str, str] = {}
    if outcome is None:
        errors["outcome"] = "Kies de uitkomst van de afweging."
    if not motivation.strip():
        errors["motivation"] = "Motiveer de afweging: waarom weegt het ene belang zwaarder dan het andere?"
    if ground_required and outcome in HONOURED and not ground:
        errors["ground"] = "Kies de weigeringsgrond die u toepast."
    return errors


@dataclass(frozen=True)
class Progress:
    total: int
    weighed: int

    @property
    def remaining(self) -> int:
        return self.total - self.weighed

    @property
    def complete(self) -> bool:
        """Complete when every item is weighed; a case without items has nothing to weigh."""
        return self.remaining == 0


def progress(outcomes: Iterable[WeighingOutcome | None]) -> Progress:
    values = list(outcomes)
    return Progress(len(values), sum(1 for o in values if o is not None))


def holds_disclosure(subject: Subject, outcome: WeighingOutcome | None) -> bool:
    """Woo art. 4.4 lid 5: an objection or request not (fully) honoured means the stakeholder may object."""
    return subject is not Subject.GEEN_ZIENSWIJZE and outcome is not WeighingOutcome.GEHONOREERD


def disclosure_date(announced: date | None, *, held: bool, provisional_measure: bool) -> date | None:
    """The first day a document may be disclosed; None while unknown or blocked by a provisional measure.

    Woo art. 4.4 lid 5: two weeks after the decision is made known where a stakeholder's view was not
    (fully) followed; Awb 8:81: not while a provisional measure is pending.
    """
    if announced is None or provisional_measure:
        return None
    return earliest_disclosure(announced) if held else announced


def held_back(today: date, disclosure: date | None, *, held: bool, provisional_measure: bool) -> bool:
    """Whether disclosure waits today: a pending measure, or an objection whose two weeks have not run."""
    if provisional_measure:
        return True
    if not held:
        return False
    return disclosure is None or today < disclosure
