"""Keyset paging: a list read a page at a time in SQL, after the sort values of the last row read.

A page ends where its ``limit`` rows end, whatever was added or removed in between, so a client that
walks a long list sees each row once; OFFSET would skip or repeat rows when the list changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import literal, tuple_
from sqlmodel.sql.expression import Select, SelectOfScalar

Q = TypeVar("Q", Select, SelectOfScalar)


@dataclass(frozen=True)
class Keyset:
    """At most ``limit`` rows after the row whose sort values were ``after`` (from the start when None)."""

    limit: int
    after: tuple[Any, ...] | None = None


def ordered_page(query: Q, order: Sequence[Any], keyset: Keyset | None) -> Q:
    """The query in ``order`` (ascending, ending in a unique id), cut to the page when one is asked for.

    One row more than the page is read, so the caller knows whether a next page exists without counting.
    """
    query = query.order_by(*order)
    if keyset is None:
        return query
    if keyset.after is not None:
        values = [literal(value, type_=column.type) for column, value in zip(order, keyset.after, strict=True)]
        query = query.where(tuple_(*order) > tuple_(*values))
    return query.limit(keyset.limit + 1)
