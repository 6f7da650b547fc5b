"""Vocabulary of a view (zienswijze): the stakeholder's answer to an invitation."""

from __future__ import annotations

from enum import StrEnum


class Position(StrEnum):
    GEEN_BEZWAAR = "geen bezwaar"
    GEDEELTELIJK_BEZWAAR = "gedeeltelijk bezwaar"
    BEZWAAR = "bezwaar"


class ItemKind(StrEnum):
    """What one response item says about a document or proposed redaction."""

    AKKOORD = "akkoord"
    BEZWAAR = "bezwaar"
    EXTRA_LAKKING = "extra lakking"


class VersionStatus(StrEnum):
    CONCEPT = "concept"
    INGEDIEND = "ingediend"


class Channel(StrEnum):
    """How the view reached the body; Awb 4:9 allows oral and written views besides the link."""

    ONLINE = "online"
    MONDELING = "mondeling"
    SCHRIFTELIJK = "schriftelijk"


class WeighingOutcome(StrEnum):
    """The outcome of the weighing of interests (belangenafweging) for one objection or request."""

    GEHONOREERD = "gehonoreerd"
    DEELS_GEHONOREERD = "deels gehonoreerd"
    NIET_GEHONOREERD = "niet gehonoreerd"
