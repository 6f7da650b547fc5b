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

from zienswijze.domain.responses import ItemKind, WeighingOutcome
from zienswijze.domain.text import N_

HONOURED = frozenset({WeighingOutcome.GEHONOREERD, WeighingOutcome.DEELS_GEHONOREERD})


class Subject(StrEnum):
    """What a weighing is about."""

    BEZWAAR = "bezwaar"
    EXTRA_LAKKING = "extra lakking"
    TOESTEMMING = "toestemming"
    GEEN_ZIENSWIJZE = "geen zienswijze"


_SUBJECTS = {
    ItemKind.BEZWAAR: Subject.BEZWAAR,
    ItemKind.EXTRA_LAKKING: Subject.EXTRA_LAKKING,
    ItemKind.TOESTEMMING: Subject.TOESTEMMING,
}
# A consent to disclose may be weighed (the body may still withhold on its own grounds), but need not be:
# unweighed, the proposed redaction stays.
OPTIONAL = frozenset({Subject.TOESTEMMING})


def is_weighed(kind: ItemKind) -> bool:
    """An agreement needs no weighing; an objection, extra-redaction request or consent gets a weighing row."""
    return kind in _SUBJECTS


def subject_of(kind: ItemKind) -> Subject:
    return _SUBJECTS[kind]


def weighing_errors(
    subject: Subject, outcome: WeighingOutcome | None, motivation: str, ground: str, marked: int
) -> dict[str, str]:
    """Why a weighing cannot be recorded, per field, in Dutch; a decision must be reasoned (Awb 3:46).

    Honouring an objection or request withholds something, so it needs the ground applied; partly
    honouring it needs the passages that are withheld (``marked``), or the outcome would be unknown.
    """
    errors: dict[str, str] = {}
    if outcome is None:
        errors["outcome"] = N_("Kies de uitkomst van de afweging.")
    if not motivation.strip():
        errors["motivation"] = N_("Motiveer de afweging: waarom weegt het ene belang zwaarder dan het andere?")
    withholds = subject in (Subject.BEZWAAR, Subject.EXTRA_LAKKING)
    if withholds and outcome in HONOURED and not ground:
        errors["ground"] = N_("Kies de weigeringsgrond die u toepast.")
    if outcome is WeighingOutcome.DEELS_GEHONOREERD:
        if not withholds:
            errors["outcome"] = N_("Kies gehonoreerd of niet gehonoreerd.")
        elif marked == 0:
            errors["marked"] = N_("Geef aan welke passages alsnog worden weggelakt.")
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


def progress(weighed: Iterable[tuple[Subject, WeighingOutcome | None]]) -> Progress:
    """How far the weighing is; a consent that was not weighed leaves the proposal as it is."""
    required = [outcome for subject, outcome in weighed if subject not in OPTIONAL]
    return Progress(len(required), sum(1 for o in required if o is not None))


def holds_disclosure(subject: Subject, outcome: WeighingOutcome | None) -> bool:
    """Woo art. 4.4 lid 5: an objection or request not (fully) honoured means the stakeholder may object."""
    objected = subject in (Subject.BEZWAAR, Subject.EXTRA_LAKKING)
    return objected and outcome is not WeighingOutcome.GEHONOREERD


def disclosure_date(
    announced: date | None, *, held: bool, held_until: date | None, provisional_measure: bool
) -> date | None:
    """The first day a document may be disclosed; None while unknown or blocked by a provisional measure.

    Woo art. 4.4 lid 5: where a stakeholder may object, not before ``held_until`` (two weeks after
    their notice reached them, ``notices.hold_end``); Awb 8:81: not while a provisional measure is pending.
    """
    if announced is None or provisional_measure:
        return None
    return held_until if held else announced


def held_back(today: date, disclosure: date | None, *, held: bool, provisional_measure: bool) -> bool:
    """Whether disclosure waits today: a pending measure, or an objection whose two weeks have not run."""
    if provisional_measure:
        return True
    if not held:
        return False
    return disclosure is None or today < disclosure
