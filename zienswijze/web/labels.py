"""Dutch labels for enum values shown in pages, through gettext so they can be translated.

Labels are kept per enum: members of different enums can share a value ("in behandeling" is a case
status and an invitation state), and a StrEnum member hashes like its value.
"""

from __future__ import annotations

from enum import StrEnum

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from zienswijze.db import Ground
from zienswijze.domain.case_steps import Step
from zienswijze.domain.cases import Assessment, CaseStatus, StakeholderKind
from zienswijze.domain.consultation import ExtensionStatus, InvitationState
from zienswijze.domain.grounds import in_english
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.domain.responses import WeighingOutcome

LABELS: dict[type[StrEnum], dict[StrEnum, object]] = {
    CaseStatus: {
        CaseStatus.IN_BEHANDELING: _l("In behandeling"),
        CaseStatus.CONSULTATIE: _l("Zienswijzen gevraagd"),
        CaseStatus.BESLUIT_GENOMEN: _l("Besluit genomen"),
        CaseStatus.AFGESLOTEN: _l("Afgesloten"),
    },
    Assessment: {
        Assessment.OPENBAAR: _l("Openbaar"),
        Assessment.DEELS_OPENBAAR: _l("Deels openbaar"),
        Assessment.NIET_OPENBAAR: _l("Niet openbaar"),
        Assessment.REEDS_OPENBAAR: _l("Reeds openbaar"),
        Assessment.BUITEN_SCOPE: _l("Buiten scope"),
        Assessment.DUBBEL: _l("Dubbel"),
    },
    StakeholderKind: {
        StakeholderKind.BEDRIJF: _l("Bedrijf"),
        StakeholderKind.PERSOON: _l("Persoon"),
        StakeholderKind.BESTUURSORGAAN: _l("Bestuursorgaan"),
    },
    InvitationState: {
        InvitationState.CONCEPT: _l("Nog niet verzonden"),
        InvitationState.VERZONDEN: _l("Verzonden"),
        InvitationState.GEOPEND: _l("Geopend"),
        InvitationState.IN_BEHANDELING: _l("In behandeling"),
        InvitationState.INGEDIEND: _l("Ingediend"),
        InvitationState.VERLOPEN: _l("Verlopen"),
        InvitationState.INGETROKKEN: _l("Ingetrokken"),
        InvitationState.ONBESTELBAAR: _l("Onbestelbaar"),
    },
    OutboxState: {
        OutboxState.PENDING: _l("In de wachtrij"),
        OutboxState.SENDING: _l("Wordt verstuurd"),
        OutboxState.RETRY: _l("Nieuwe poging volgt"),
        OutboxState.SENT: _l("Verstuurd"),
        OutboxState.FAILED: _l("Mislukt"),
    },
    WeighingOutcome: {
        WeighingOutcome.GEHONOREERD: _l("Gehonoreerd"),
        WeighingOutcome.DEELS_GEHONOREERD: _l("Deels gehonoreerd"),
        WeighingOutcome.NIET_GEHONOREERD: _l("Niet gehonoreerd"),
    },
    Step: {
        Step.DOCUMENTS: _l("Documenten toevoegen"),
        Step.STAKEHOLDERS: _l("Belanghebbenden toevoegen"),
        Step.CONSULT: _l("Zienswijzen vragen"),
        Step.WAIT: _l("Zienswijzen afwachten"),
        Step.WEIGH: _l("Zienswijzen afwegen"),
        Step.DECIDE: _l("Besluiten"),
        Step.PUBLISH: _l("Exporteren en publiceren"),
    },
    ExtensionStatus: {
        ExtensionStatus.AANGEVRAAGD: _l("Gevraagd"),
        ExtensionStatus.TOEGEKEND: _l("Toegekend"),
        ExtensionStatus.GEWEIGERD: _l("Geweigerd"),
    },
}


def label(value: StrEnum) -> str:
    return str(LABELS.get(type(value), {}).get(value, value.value))


def ground_label(ground: Ground) -> str:
    """A ground's label in the page's language (a body's own label as it wrote it)."""
    return _ground_texts(ground)[0]


def ground_explanation(ground: Ground) -> str:
    """The plain explanation of a ground beside a redaction, in the page's language."""
    return _ground_texts(ground)[1]


def _ground_texts(ground: Ground) -> tuple[str, str]:
    if get_locale().language == "en":
        return in_english(ground.code, ground.label, ground.explanation)
    return ground.label, ground.explanation


def init_app(app: Flask) -> None:
    app.add_template_filter(label, "label")
    app.add_template_filter(ground_label, "ground_label")
    app.add_template_filter(ground_explanation, "ground_explanation")
