"""Dutch labels for enum values shown in pages, through gettext so they can be translated."""

from __future__ import annotations

from enum import StrEnum

from flask import Flask
from flask_babel import lazy_gettext as _l

from zienswijze.domain.cases import Assessment, CaseStatus, StakeholderKind

LABELS: dict[StrEnum, object] = {
    CaseStatus.IN_BEHANDELING: _l("In behandeling"),
    CaseStatus.CONSULTATIE: _l("Zienswijzen gevraagd"),
    CaseStatus.BESLUIT_GENOMEN: _l("Besluit genomen"),
    CaseStatus.AFGESLOTEN: _l("Afgesloten"),
    Assessment.OPENBAAR: _l("Openbaar"),
    Assessment.DEELS_OPENBAAR: _l("Deels openbaar"),
    Assessment.NIET_OPENBAAR: _l("Niet openbaar"),
    Assessment.REEDS_OPENBAAR: _l("Reeds openbaar"),
    Assessment.BUITEN_SCOPE: _l("Buiten scope"),
    Assessment.DUBBEL: _l("Dubbel"),
    StakeholderKind.BEDRIJF: _l("Bedrijf"),
    StakeholderKind.PERSOON: _l("Persoon"),
    StakeholderKind.BESTUURSORGAAN: _l("Bestuursorgaan"),
}


def label(value: StrEnum) -> str:
    return str(LABELS.get(value, value.value))


def init_app(app: Flask) -> None:
    app.add_template_filter(label, "label")
