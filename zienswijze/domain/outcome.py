"""A document's final outcome: the proposal (lakvoorstel) as the weighing of interests changed it.

The weighing decides (SPEC §3). Every output that tells someone what happens to a document (the
inventory, the productierapport, the decision notice, the paragraph, the API) reads this one
derivation, so they can never disagree with the record or with each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zienswijze.domain.cases import Assessment
from zienswijze.domain.responses import WeighingOutcome
from zienswijze.domain.weighing import Subject

# A weighing cannot change these: the document is public already, a copy of another, or not asked for.
FIXED = frozenset({Assessment.REEDS_OPENBAAR, Assessment.DUBBEL, Assessment.BUITEN_SCOPE})


@dataclass(frozen=True, order=True)
class Passage:
    """A withheld passage of a page, with the ground (weigeringsgrond) it is withheld on."""

    page: int
    text: str
    ground: str


@dataclass(frozen=True)
class ProposedPassage:
    """One item of the lakvoorstel; its id lets a consent to disclose point at it."""

    id: int
    passage: Passage


@dataclass(frozen=True)
class Proposal:
    assessment: Assessment
    grounds: tuple[str, ...]
    redactions: tuple[ProposedPassage, ...] = ()


@dataclass(frozen=True)
class Weighed:
    """One weighed item about the document, reduced to what decides the outcome.

    ``redaction_id`` is the proposed redaction a consent is about; ``passage`` the passage an
    objection or extra-redaction request names (None: the objection is to the whole document);
    ``marked`` the passages the handler chose to withhold when the item was partly honoured.
    """

    subject: Subject
    outcome: WeighingOutcome | None
    ground: str = ""
    redaction_id: int | None = None
    passage: Passage | None = None
    marked: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class Outcome:
    assessment: Assessment
    grounds: tuple[str, ...]
    redactions: tuple[Passage, ...]

    @property
    def disclosed(self) -> bool:
        """Whether (part of) the document is made public by this decision."""
        return self.assessment in (Assessment.OPENBAAR, Assessment.DEELS_OPENBAAR)


def derive(proposal: Proposal, weighings: Iterable[Weighed]) -> Outcome:
    """The final assessment, redactions and grounds; the order of the weighings does not matter.

    Honoured objection to the whole document: niet openbaar on the weighed ground. Honoured objection
    to a passage, or honoured extra-redaction request: that passage is withheld on the weighed ground.
    Partly honoured: the passages the handler marked are withheld. Honoured consent: the proposed
    redaction is lifted. Refused or not yet weighed: nothing changes. The grounds are the union of
    the final redactions' grounds (and a whole-document refusal's), so they always match the text.
    """
    proposed = {item.id: item.passage for item in proposal.redactions}
    if proposal.assessment in FIXED:
        return Outcome(proposal.assessment, proposal.grounds, tuple(sorted(set(proposed.values()))))
    lifted: set[int] = set()
    added: set[Passage] = set()
    whole_grounds: set[str] = set()
    for weighed in weighings:
        if weighed.outcome is WeighingOutcome.GEHONOREERD:
            if weighed.subject is Subject.TOESTEMMING and weighed.redaction_id in proposed:
                lifted.add(weighed.redaction_id)
            elif weighed.subject in (Subject.BEZWAAR, Subject.EXTRA_LAKKING):
                if weighed.passage is None:
                    whole_grounds.add(weighed.ground)
                else:
                    added.add(Passage(weighed.passage.page, weighed.passage.text, weighed.ground))
        elif weighed.outcome is WeighingOutcome.DEELS_GEHONOREERD and weighed.subject is not Subject.TOESTEMMING:
            added.update(weighed.marked)
    kept = {passage for id_, passage in proposed.items() if id_ not in lifted}
    redactions = tuple(sorted(kept | added))
    dropped = {proposed[id_].ground for id_ in lifted} - {p.ground for p in kept}
    assessment = _assessment(proposal, whole_grounds, redactions, lifted)
    if assessment is Assessment.OPENBAAR:
        return Outcome(assessment, (), redactions)
    grounds = (set(proposal.grounds) - dropped) | {p.ground for p in redactions} | whole_grounds
    return Outcome(assessment, tuple(sorted(grounds - {""})), redactions)


def _assessment(
    proposal: Proposal, whole_grounds: set[str], redactions: tuple[Passage, ...], lifted: set[int]
) -> Assessment:
    if whole_grounds or proposal.assessment is Assessment.NIET_OPENBAAR:
        return Assessment.NIET_OPENBAAR
    if redactions:
        return Assessment.DEELS_OPENBAAR
    if lifted:  # every proposed redaction was lifted by consent
        return Assessment.OPENBAAR
    return proposal.assessment
