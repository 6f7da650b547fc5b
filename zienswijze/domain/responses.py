"""A view (zienswijze): the stakeholder's answer to an invitation, and when it can be submitted.

A draft may be incomplete; a submission must say what it objects to and why, because a bare
"we object" carries little weight in the weighing of interests (belangenafweging).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum

from zienswijze.domain.limits import TextCap, length_error, length_errors, total_error
from zienswijze.domain.text import N_


class Position(StrEnum):
    GEEN_BEZWAAR = "geen bezwaar"
    GEDEELTELIJK_BEZWAAR = "gedeeltelijk bezwaar"
    BEZWAAR = "bezwaar"


class ItemKind(StrEnum):
    """What one response item says about a document or proposed redaction.

    About a passage the body proposes to withhold the stakeholder either agrees ("eens met weglakken")
    or consents to its disclosure ("mag openbaar worden"): neither is an objection. Objections to
    disclosure are made against the whole document (BEZWAAR) or as extra passages (EXTRA_LAKKING).
    """

    AKKOORD = "akkoord"
    TOESTEMMING = "toestemming"
    BEZWAAR = "bezwaar"
    EXTRA_LAKKING = "extra lakking"


OBJECTING = frozenset({ItemKind.BEZWAAR, ItemKind.EXTRA_LAKKING})
ABOUT_PROPOSED_REDACTION = frozenset({ItemKind.AKKOORD, ItemKind.TOESTEMMING})


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


@dataclass(frozen=True)
class ItemInput:
    """One line of the response form: about a proposed redaction, or a request for an extra one."""

    kind: ItemKind
    document_id: int
    redaction_id: int | None = None
    page: int | None = None
    passage: str = ""
    ground_code: str = ""
    reasons: str = ""


@dataclass(frozen=True)
class ResponseInput:
    position: Position | None
    explanation: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    items: tuple[ItemInput, ...] = ()
    # Awb 2:14: the decision may be sent by e-mail only with the stakeholder's consent.
    email_consent: bool = False


@dataclass(frozen=True)
class Shown:
    """What this stakeholder was shown: only these may be answered."""

    document_ids: frozenset[int]
    redaction_documents: dict[int, int]  # redaction id -> its document id
    ground_codes: frozenset[str]


def structural_errors(response: ResponseInput, shown: Shown) -> dict[str, str]:
    """What no version may hold, not even a draft: answers about things the stakeholder was not shown,
    and text over its cap (``domain.limits``)."""
    errors = length_errors(
        {
            "explanation": (response.explanation, TextCap.LONG),
            "contact_name": (response.contact_name, TextCap.NAME),
            "contact_phone": (response.contact_phone, TextCap.PHONE),
        }
    )
    for index, item in enumerate(response.items):
        for name, text, cap in (("passage", item.passage, TextCap.PASSAGE), ("reasons", item.reasons, TextCap.LONG)):
            if message := length_error(text, cap):
                errors[f"items.{index}.{name}"] = message
    texts = [response.explanation, *(text for item in response.items for text in (item.passage, item.reasons))]
    if message := total_error(texts):
        errors[""] = message
        if item.document_id not in shown.document_ids:
            errors[f"items.{index}.document"] = N_("Kies een van uw eigen documenten.")
        if item.redaction_id is not None and shown.redaction_documents.get(item.redaction_id) != item.document_id:
            errors[f"items.{index}.redaction"] = N_("Deze passage hoort niet bij uw documenten.")
        elif (item.redaction_id is not None) != (item.kind in ABOUT_PROPOSED_REDACTION):
            errors[f"items.{index}.redaction"] = N_(
                "Bij een passage die wij willen weglakken kiest u 'eens met weglakken' of 'mag openbaar worden'; "
                "bezwaar maakt u tegen het hele document of als extra passage."
            )
    return errors


def submission_errors(response: ResponseInput, shown: Shown) -> dict[str, str]:
    """Why a response cannot be submitted yet, per field, in Dutch; empty when it can."""
    errors = structural_errors(response, shown)
    if response.position is None:
        errors["position"] = N_("Kies of u bezwaar hebt tegen de openbaarmaking.")
    objections = [i for i in response.items if i.kind in OBJECTING]
    if response.position is Position.GEEN_BEZWAAR and objections:
        errors["position"] = N_(
            "U koos 'geen bezwaar', maar maakt wel bezwaar of vraagt om extra lakking. Kies 'gedeeltelijk bezwaar' "
            "of 'bezwaar', of trek die onderdelen in."
        )
    objecting = response.position in (Position.BEZWAAR, Position.GEDEELTELIJK_BEZWAAR)
    if objecting and not objections and not response.explanation.strip():
        errors["position"] = N_(
            "Geef aan waartegen u bezwaar hebt: per passage, als extra lakking, of in de toelichting."
        )
    for index, item in enumerate(response.items):
        if item.kind not in OBJECTING:
            continue
        if not item.reasons.strip():
            errors[f"items.{index}.reasons"] = N_("Licht uw bezwaar toe: welk belang wordt geschaad en waarom?")
        if item.kind is ItemKind.EXTRA_LAKKING:
            if not item.passage.strip():
                errors[f"items.{index}.passage"] = N_("Geef aan welke passage u weggelakt wilt hebben.")
            if item.page is None or item.page < 1:
                errors[f"items.{index}.page"] = N_("Vul het paginanummer in.")
            if item.ground_code not in shown.ground_codes:
                errors[f"items.{index}.ground"] = N_("Kies de grond waarop de passage geweigerd zou moeten worden.")
    return errors


def content_digest(response: ResponseInput, attachment_hashes: tuple[str, ...] = ()) -> str:
    """A SHA-256 over the submitted content, recorded in the audit trail so a change would show."""
    canonical: dict[str, object] = {
        "position": response.position.value if response.position else None,
        "explanation": response.explanation,
        "contact_name": response.contact_name,
        "contact_phone": response.contact_phone,
        "items": [
            [i.kind.value, i.document_id, i.redaction_id, i.page, i.passage, i.ground_code, i.reasons]
            for i in response.items
        ],
        "attachments": sorted(attachment_hashes),
    }
    if response.email_consent:  # only when given, so digests of views from before the question stay as they were
        canonical["email_consent"] = True
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
