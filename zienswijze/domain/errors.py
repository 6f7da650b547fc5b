"""How the service refuses: the thing is not there (for this organisation), the input is wrong, or too late.

Every module's own refusal is a kind of one of these, so the pages and the API each answer a kind with one
handler: a Dutch page for people, an RFC 9457 problem for the API. They live in the domain so that the
domain, the file adapters and the services can all refuse the same way.
"""

from __future__ import annotations

from collections.abc import Mapping


class NotFound(LookupError):
    """Not found in the caller's organisation; another body's data is never found, never forbidden."""


class Invalid(ValueError):
    """Input that cannot be accepted: a message per field ("" for the input as a whole), or one message."""

    def __init__(self, errors: Mapping[str, str] | str) -> None:
        self.errors = {"": errors} if isinstance(errors, str) else dict(errors)
        super().__init__("; ".join(f"{field}: {text}" if field else text for field, text in self.errors.items()))

    def problems(self) -> list[tuple[str, str]]:
        """Each problem as (field, message); a refusal with several messages for the whole input lists each."""
        return list(self.errors.items())


class Conflict(Invalid):
    """Input that could be right, but not in the case's present state (a decision is recorded, say): 409."""
