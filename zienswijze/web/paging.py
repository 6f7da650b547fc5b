"""A long list shown a page at a time, the page chosen by a query parameter, so it works without JavaScript."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# Page links either side of the current page; the first and the last are always linked.
NEIGHBOURS = 2


@dataclass(frozen=True)
class Paged(Generic[T]):
    items: Sequence[T]  # of the chosen page only
    number: int  # 1-based
    count: int  # of pages; at least 1
    total: int  # of items over all pages

    @classmethod
    def of(cls, items: Sequence[T], requested: str | None, per_page: int) -> Paged[T]:
        """The requested page of a list already read whole."""
        return cls.read(len(items), requested, per_page, lambda start, limit: items[start : start + limit])

    @classmethod
    def read(
        cls, total: int, requested: str | None, per_page: int, rows: Callable[[int, int], Sequence[T]]
    ) -> Paged[T]:
        """The requested page of ``total`` items, of which only the page's are read: ``rows(offset, limit)``.

        A page past the end is the last one, anything not a page number the first.
        """
        count = max(1, -(-total // per_page))
        number = min(int(requested), count) if requested and requested.isdigit() and int(requested) > 0 else 1
        return cls(rows((number - 1) * per_page, per_page), number, count, total)

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers to link, None where a run of them is left out: a case of 300 pages gets 7 links."""
        shown = sorted({1, self.count, *range(self.number - NEIGHBOURS, self.number + NEIGHBOURS + 1)})
        result: list[int | None] = []
        for number in (n for n in shown if 1 <= n <= self.count):
            if result and number - (result[-1] or 0) > 1:
                result.append(None)
            result.append(number)
        return result
