"""What the live status matrix of a case shows: its invitations, their mail delivery and what is still open."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from zienswijze.db import Case, Contact
from zienswijze.db.invitation_rows import InvitationRow, MailProblem
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState

# htmx stops polling an element whose request is answered with this status.
STOP_POLLING = 286


@dataclass(frozen=True)
class StatusMatrix:
    case: Case
    rows: list[InvitationRow]  # after the state filter
    contacts: Mapping[int, list[Contact]]
    state: InvitationState | None
    counts: Counter  # per state, of every invitation of the case
    mails: Counter  # per mail delivery state, of every invitation of the case
    live: bool  # some invitation is still open, so the matrix keeps refreshing itself
    today: date
    mail_problems: list[MailProblem]  # of every invitation of the case, whatever the filter

    @classmethod
    def of(
        cls,
        case: Case,
        rows: list[InvitationRow],
        contacts: Mapping[int, list[Contact]],
        *,
        state: str,
        today: date,
        mail_problems: list[MailProblem],
    ) -> StatusMatrix:
        chosen = InvitationState(state) if state in InvitationState._value2member_map_ else None
        return cls(
            case=case,
            rows=[row for row in rows if chosen is None or row.state is chosen],
            contacts=contacts,
            state=chosen,
            counts=Counter(row.state for row in rows),
            mails=Counter(row.mail_state for row in rows if row.mail_state is not None),
            live=any(not row.state.is_final for row in rows),
            today=today,
            mail_problems=mail_problems,
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
