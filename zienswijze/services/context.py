"""What an adapter hands a use case besides its input: who acts, and the settings for personal links.

Each adapter builds these once per request or job (the web from the logged-in handler, the API from
its bearer token, the stakeholder's pages from the invitation, jobs and the dispatcher as the system),
so use cases never read Flask's ``current_user`` or ``current_app``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Actor:
    """Who carries out a use case; ``audit_name`` is how the audit trail names them (the hash chain keeps it)."""

    organisation_id: int | None  # None for the system acting across organisations (a scheduler job)
    user_id: int | None
    audit_name: str

    @classmethod
    def user(cls, organisation_id: int, user_id: int | None) -> Actor:
        """A handler, through the pages or through an API token of theirs."""
        return cls(organisation_id, user_id, f"user:{user_id}")

    @classmethod
    def stakeholder(cls, organisation_id: int) -> Actor:
        """A stakeholder acting through their personal link."""
        return cls(organisation_id, None, "stakeholder")

    @classmethod
    def system(cls, audit_name: str, organisation_id: int | None = None) -> Actor:
        """The service itself: a job, the dispatcher, a policy, a command."""
        return cls(organisation_id, None, audit_name)

    @property
    def organisation(self) -> int:
        """The organisation a use case works in; only the system acting across organisations has none."""
        if self.organisation_id is None:
            raise ValueError(f"{self.audit_name} acts across organisations, not within one")
        return self.organisation_id


@dataclass(frozen=True)
class LinkSettings:
    """What a use case that mails a personal link needs: the key that signs it, where it points, and the day."""

    secret_key: str
    base_url: str
    today: date

    @classmethod
    def from_config(cls, config: Mapping[str, Any], today: date) -> LinkSettings:
        return cls(config["SECRET_KEY"], config["BASE_URL"], today)
