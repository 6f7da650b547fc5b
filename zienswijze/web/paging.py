"""A long list shown a page at a time, the page chosen by a query parameter, so it works without JavaScript."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Paged(Generic[T]):
    items: Sequence[T]  # of the chosen page only
    number: int  # 1-based
    count: int  # of pages; at least 1
    total: int  # of items over all pages

    @classmethod
    def of(cls, items: Sequence[T], requested: str | None, per_page: int) -> Paged[T]:
        """The requested page; a page past the end is the last one, anything not a page number the first."""
        count = max(1, -(-len(items) // per_page))
        number = min(int(requested), count) if requested and requested.isdigit() and int(requested) > 0 else 1
        start = (number - 1) * per_page
        return cls(items[start : start + per_page], number, count, len(items))
