"""The API's request and response bodies: parsed with pydantic, and the source of the OpenAPI document.

Values are checked for their type here (their building blocks are in ``fields``); the rules of the
domain stay in the services.
"""

from __future__ import annotations

import datetime as dt

from pydantic import AliasChoices, BaseModel, Field, StrictBool

from zienswijze.api.fields import Day, EmailAddresses, FormInt32, Int32, PageQuery, RequestBody, Upload
from zienswijze.domain.cases import REFERENCE_MAX_LENGTH, REFERENCE_PATTERN, Assessment, CaseStatus, StakeholderKind
from zienswijze.domain.consultation import ExtensionStatus, InvitationState
from zienswijze.domain.limits import TextCap
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.domain.outcome import Outcome

# Problems (RFC 9457)


class FieldError(BaseModel):
    field: str | None = Field(description="The field, dotted for nested values; null for the request as a whole.")
    message: str = Field(description="What is wrong, in Dutch.")


class WaitingInvitation(BaseModel):
    """An invitation that can still get a view, so the decision waits for it."""

    invitation_id: int
    stakeholder_id: int
    stakeholder_code: str
    stakeholder_name: str
    reason: str = Field(description="'termijn loopt' until the deadline day has ended, or 'verlenging gevraagd'.")
    deadline: dt.date = Field(description="The invitation's deadline, a granted extension included.")


class Problem(BaseModel):
    """An error, as RFC 9457 application/problem+json."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = Field(None, description="Per field, for invalid input (422).")
    waiting_for: list[WaitingInvitation] | None = Field(
        None, description="For a decision refused (409): the invitations that can still get a view."
    )


# Cases (Woo-verzoeken)


class CaseCreate(RequestBody):
    reference: str = Field(
        description="Kenmerk, unique within the organisation: up to 60 letters, digits, - and . (not ..).",
        json_schema_extra={"pattern": REFERENCE_PATTERN},  # the service refuses others, with its own message
        examples=["CSB-2024-136"],
        max_length=REFERENCE_MAX_LENGTH,
    )
    subject: str = Field(max_length=TextCap.LINE)
    received_on: Day = Field(description="The day the request was received; the decision term runs from it.")
    requester_name: str | None = Field(None, max_length=TextCap.NAME, description="Never shown to stakeholders.")


class CaseUpdate(RequestBody):
    subject: str | None = Field(None, max_length=TextCap.LINE)
    requester_name: str | None = Field(None, max_length=TextCap.NAME)
    contact_name: str | None = Field(None, max_length=TextCap.NAME)
    received_on: Day | None = Field(
        None, validation_alias=AliasChoices("received_on", "received"), description="Also accepted as `received`."
    )
    postponed: StrictBool | None = Field(None, description="Woo art. 4.4 lid 2: the decision term was postponed.")


class CaseQuery(PageQuery):
    status: CaseStatus | None = None
    q: str = Field("", max_length=TextCap.LINE, description="Searches the reference and the subject.")
    reference: str | None = Field(
        None, max_length=REFERENCE_MAX_LENGTH, description="Exactly this reference: a list of zero or one case."
    )


class CaseOut(BaseModel):
    id: int
    reference: str
    subject: str
    received_on: dt.date
    requester_name: str
    status: CaseStatus
    postponed: bool
    decision_deadline: dt.date = Field(description="Woo art. 4.4, with postponement and suspension as recorded.")


class CaseSummaryOut(CaseOut):
    open_invitations: int
    nearest_stakeholder_deadline: dt.date | None


class CaseList(BaseModel):
    cases: list[CaseSummaryOut]
    next: str | None = Field(description="The next page, as in the Link header; null on the last page.")


# Documents and proposed redactions (lakvoorstel)


class DocumentForm(RequestBody):
    number: FormInt32 = Field(description="The number on the inventory list.")
    title: str = Field(max_length=TextCap.LINE)
    date: dt.date | None = None
    assessment: Assessment
    grounds: str = Field(
        "", max_length=TextCap.LINE, description="Ground codes separated by `;` or `,`, e.g. `5.1.2e; 5.2`."
    )
    link: str | None = Field(
        None, max_length=1000, description="Where the document is already public (reeds openbaar)."
    )
    duplicate_of: FormInt32 | None = Field(None, description="The number of the kept copy (dubbel).")
    file: Upload | None = Field(None, description="The PDF, checked by its content, not by its name.")

    @property
    def ground_codes(self) -> list[str]:
        return [code.strip() for code in self.grounds.replace(",", ";").split(";") if code.strip()]


class RedactionCreate(RequestBody):
    page: Int32
    passage: str = Field(max_length=TextCap.PASSAGE, description="The words to withhold, as they are on the page.")
    ground: str = Field(
        max_length=TextCap.NAME, description="A code of the organisation's ground catalogue, e.g. `5.1.2e`."
    )
    reason: str = Field(max_length=TextCap.LONG)


class RedactionOut(BaseModel):
    id: int
    document_id: int
    page: int
    passage: str
    ground: str
    reason: str


class RedactionSaved(RedactionOut):
    warning: str | None = Field(description="Set when the PDF's text layer does not hold the passage on that page.")


class FinalPassageOut(BaseModel):
    page: int
    passage: str
    ground: str


class OutcomeOut(BaseModel):
    """What the decision does with a document: the proposal as the weighing changed it (domain.outcome)."""

    assessment: Assessment
    grounds: list[str]
    redactions: list[FinalPassageOut]


def outcome_out(final: Outcome) -> OutcomeOut:
    return OutcomeOut(
        assessment=final.assessment,
        grounds=list(final.grounds),
        redactions=[FinalPassageOut(page=p.page, passage=p.text, ground=p.ground) for p in final.redactions],
    )


class DocumentOut(BaseModel):
    id: int
    number: int
    title: str
    date: dt.date | None
    assessment: Assessment = Field(description="The proposed assessment; the decision's is in outcome.")
    grounds: list[str] = Field(description="The proposed grounds; the decision's are in outcome.")
    link: str | None
    duplicate_of: int | None
    file_name: str | None
    sha256: str | None
    pages: int | None
    redactions: list[RedactionOut]
    outcome: OutcomeOut


# Stakeholders (derde-belanghebbenden)


class StakeholderCreate(RequestBody):
    name: str = Field(max_length=300)
    kind: StakeholderKind
    email: EmailAddresses = Field(description="One address, or a list of them.")
    document_ids: list[Int32] = Field(description="The documents that concern the stakeholder: all they will see.")


class ConcernsUpdate(RequestBody):
    document_ids: list[Int32] = Field(description="Replaces the documents that concern the stakeholder.")


class ContactOut(BaseModel):
    id: int
    email: str


class StakeholderOut(BaseModel):
    id: int
    code: str
    name: str
    kind: StakeholderKind
    emails: list[str]
    contacts: list[ContactOut]
    document_ids: list[int]


# Consultation rounds and invitations


class RoundCreate(RequestBody):
    term_days: Int32 | None = Field(None, description="Days from today (Atw); the organisation's default when absent.")
    deadline: Day | None = Field(None, description="An explicit last day instead of term_days.")
    extension_max_days: Int32 = Field(description="The most extra days a stakeholder may ask for.")
    auto_grant_extensions: StrictBool = Field(description="Grant requests within the maximum without a handler.")
    allow_extensions: StrictBool | None = Field(None, description="Defaults to true when extension_max_days > 0.")
    note: str = Field("", max_length=TextCap.PASSAGE, description="A personal note added to the invitation.")
    extension_reason: str = Field(
        "",
        max_length=TextCap.NAME,
        description='Why extensions are possible, as the decision paragraph writes it ("de vakantie"); '
        "empty gives no reason.",
    )
    stakeholder_ids: list[Int32] | None = Field(
        None, description="Defaults to every stakeholder with documents and no open invitation."
    )
    verify_email: StrictBool = False


class ExtensionOut(BaseModel):
    status: ExtensionStatus
    requested_until: dt.date
    deadline: dt.date | None = Field(description="The deadline it resulted in, once granted.")


class InvitationOut(BaseModel):
    id: int
    round_id: int
    round_number: int
    stakeholder_id: int
    state: InvitationState
    deadline: dt.date
    mail: OutboxState | None = Field(description="Delivery of the latest invitation mail.")
    sent_at: dt.datetime | None = Field(description="When the mail server accepted the latest invitation mail.")
    opened_at: dt.datetime | None
    submitted_at: dt.datetime | None
    extension: ExtensionOut | None


class InvitationQuery(PageQuery):
    state: InvitationState | None = None


class TermPreviewOut(BaseModel):
    term_start: dt.date
    term_days: int
    deadline: dt.date
    deadline_explanation: list[str]


class RoundOut(BaseModel):
    id: int
    number: int
    deadline: dt.date
    deadline_explanation: list[str]
    term_days: int
    allow_extensions: bool
    extension_max_days: int
    auto_grant_extensions: bool
    extension_reason: str
    invitations: list[InvitationOut]


class ExtensionDecision(RequestBody):
    granted: StrictBool
    deadline: Day | None = Field(None, description="When granting: the new last day; else the one asked for.")
    reason: str = Field(max_length=TextCap.LONG)


class AddressCorrection(RequestBody):
    contact_id: Int32
    email: str = Field(max_length=320)
