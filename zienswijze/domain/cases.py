"""Vocabulary of a Woo request (Woo-verzoek) as the body handles it."""

from __future__ import annotations

from enum import StrEnum


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
