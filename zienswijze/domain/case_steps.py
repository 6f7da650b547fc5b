"""The handler's next step in a case, read from how far it is, so the case page can mark it.

A case goes: documents, stakeholders, a consultation round, waiting for the views, weighing them, the
decision, then the exports and the publication. The first step not yet done is the next one; once the
decision is taken only the publication is left, whatever came before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Step(StrEnum):
    DOCUMENTS = "documenten toevoegen"
    STAKEHOLDERS = "belanghebbenden toevoegen"
    CONSULT = "zienswijzen vragen"
    WAIT = "zienswijzen afwachten"
    WEIGH = "zienswijzen afwegen"
    DECIDE = "besluiten"
    PUBLISH = "exporteren en publiceren"

    @property
    def section(self) -> str:
        """The section of the case page where the step is taken (its anchor)."""
        return _SECTIONS[self]


_SECTIONS = {
    Step.DOCUMENTS: "documenten",
    Step.STAKEHOLDERS: "belanghebbenden",
    Step.CONSULT: "zienswijzen",
    Step.WAIT: "zienswijzen",
    Step.WEIGH: "afweging",
    Step.DECIDE: "besluit",
    Step.PUBLISH: "exports",
}


@dataclass(frozen=True)
class CaseProgress:
    documents: int
    stakeholders: int
    rounds: int
    views_pending: int  # invitations that can still get a view (domain.decision_gate)
    to_weigh: int  # items of the weighing not yet weighed
    decided: bool


def next_step(progress: CaseProgress) -> Step:
    if progress.decided:
        return Step.PUBLISH
    if not progress.documents:
        return Step.DOCUMENTS
    if not progress.stakeholders:
        return Step.STAKEHOLDERS
    if not progress.rounds:
        return Step.CONSULT
    if progress.views_pending:
        return Step.WAIT
    if progress.to_weigh:
        return Step.WEIGH
    return Step.DECIDE
