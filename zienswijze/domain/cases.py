"""Vocabulary of a Woo request (Woo-verzoek) as the body handles it."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

REFERENCE_MAX_LENGTH = 60
# What the publication platform takes both as Matter and as Zaaknummer (production_report uses the kenmerk for
# both), so every case can be published; and nothing that ends a mail header line or leaves a link's path segment.
_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")
# The same rule as one regular expression (no ..: dots separate non-empty parts), for the API's document.
REFERENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)*\.?$"


class CaseStatus(StrEnum):
    IN_BEHANDELING = "in behandeling"
    CONSULTATIE = "consultatie"
    BESLUIT_GENOMEN = "besluit genomen"
    AFGESLOTEN = "afgesloten"


class Assessment(StrEnum):
    """The proposed assessment of one document, as written on the inventory list (SPEC §3, §7)."""

    OPENBAAR = "openbaar"
    DEELS_OPENBAAR = "deels openbaar"
    NIET_OPENBAAR = "niet openbaar"
    REEDS_OPENBAAR = "reeds openbaar"
    BUITEN_SCOPE = "buiten scope"
    DUBBEL = "dubbel"


class StakeholderKind(StrEnum):
    BEDRIJF = "bedrijf"
    PERSOON = "persoon"
    BESTUURSORGAAN = "bestuursorgaan"


def reference_problem(reference: str) -> str | None:
    """Why ``reference`` cannot be a case's kenmerk, in Dutch, or None when it can."""
    if len(reference) > REFERENCE_MAX_LENGTH:
        return f"Het kenmerk mag hoogstens {REFERENCE_MAX_LENGTH} tekens lang zijn."
    if not _REFERENCE.fullmatch(reference) or ".." in reference:
        return (
            "Gebruik in het kenmerk alleen letters, cijfers, - en . (geen spaties, / of twee punten achter elkaar), "
            "en begin met een letter of cijfer."
        )
    return None


def decision_overdue(deadline: date, *, today: date, decided: bool, suspended: bool) -> bool:
    """Woo art. 4.4: the decision is late from the day after the deadline's last day, unless it was taken
    or the term is suspended while stakeholders are consulted (the deadline then moves on)."""
    return not decided and not suspended and today > deadline
