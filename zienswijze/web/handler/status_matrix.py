"""What the live status matrix of a case shows: a page of its invitations, their mail delivery and what is
still open. The counts are of every invitation; only the rows of the page shown are read, so the fragment
htmx fetches every five seconds costs the same for five hundred stakeholders as for five."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from zienswijze.db import Case, Contact
from zienswijze.db.invitation_rows import InvitationCounts, InvitationRow, MailProblem, invitation_rows, mail_problems
from zienswijze.db.queries import contacts_by_stakeholder
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.web.paging import Paged

# htmx stops polling an element whose request is answered with this status.
STOP_POLLING = 286
ROWS_PER_PAGE = 50
# The query parameter of the matrix's page, beside ``status``, its filter.
PAGE_PARAMETER = "uitnodigingen"


@dataclass(frozen=True)
class StatusMatrix:
    case: Case
    rows: Paged[InvitationRow]  # one page, after the state filter
    contacts: Mapping[int, list[Contact]]  # of the page's stakeholders
    state: InvitationState | None
    counts: Counter  # per state, of every invitation of the case
    mails: Counter  # per mail delivery state, of every invitation of the case
    live: bool  # some invitation is still open, so the matrix keeps refreshing itself
    today: date
    mail_problems: list[MailProblem]  # of every invitation of the case, whatever the filter

    @classmethod
    def read(
        cls, session: Session, case: Case, counts: InvitationCounts, *, state: str, page: str | None, today: date
    ) -> StatusMatrix:
        """The requested page of the invitations in the chosen state (any state when ``state`` names none)."""
        chosen = InvitationState(state) if state in InvitationState._value2member_map_ else None
        total = counts.states[chosen] if chosen else sum(counts.states.values())
        rows = Paged.read(
            total,
            page,
            ROWS_PER_PAGE,
            lambda offset, limit: invitation_rows(session, case.id, state=chosen, window=(offset, limit)),
        )
        return cls(
            case=case,
            rows=rows,
            contacts=contacts_by_stakeholder(session, case.id, {row.stakeholder.id for row in rows.items}),
            state=chosen,
            counts=counts.states,
            mails=counts.mails,
            live=any(not state.is_final for state in counts.states),
            today=today,
            mail_problems=mail_problems(session, case.id),
        )

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def state_counts(self) -> list[tuple[InvitationState, int]]:
        return [(state, self.counts[state]) for state in InvitationState if self.counts[state]]

    @property
    def mail_counts(self) -> list[tuple[OutboxState, int]]:
        """How far the invitation mails are: the progress while a round goes out."""
        return [(state, self.mails[state]) for state in OutboxState if self.mails[state]]

    @property
    def kept(self) -> dict[str, str | int]:
        """The filter and page the poll, the actions and their redirect keep."""
        kept: dict[str, str | int] = {"status": self.state.value} if self.state else {}
        return kept | ({PAGE_PARAMETER: self.rows.number} if self.rows.number > 1 else {})
