"""Paging of the API's lists: ``limit`` and ``after`` in, a page and an RFC 8288 Link to the next page out.

The cursor holds the last item's sort values, signed for the caller's organisation and the list's path:
opaque to the client, and refused (422) on another list or from another organisation, so it reveals nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import current_app, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from pydantic import TypeAdapter, ValidationError

from zienswijze.api.blueprint import caller
from zienswijze.api.fields import PageQuery
from zienswijze.api.problems import invalid
from zienswijze.db.paging import Keyset

R = TypeVar("R")
BAD_CURSOR = "Deze cursor hoort niet bij deze lijst; volg de next-link van de vorige pagina, of laat after weg."


@dataclass(frozen=True)
class Page(Generic[R]):
    """The items of one page, and the url of the next page while there is one."""

    items: list[R]
    next: str | None

    @property
    def headers(self) -> dict[str, str]:
        return {"Link": f'<{self.next}>; rel="next"'} if self.next else {}


@dataclass(frozen=True)
class Cursor(Generic[R]):
    """How one list is paged: the types of its sort values (ending in an id), and how to read them off an item."""

    types: Any
    values: Callable[[R], tuple[Any, ...]]

    def keyset(self, query: PageQuery) -> Keyset:
        """The page the query asks for; a cursor this list did not give this organisation is refused."""
        if query.after is None:
            return Keyset(query.limit)
        try:
            after = _adapter(self.types).validate_python(_signer().loads(query.after))
        except (BadSignature, ValidationError):
            raise invalid([("after", BAD_CURSOR)]) from None
        return Keyset(query.limit, tuple(after))

    def page(self, rows: Sequence[R], keyset: Keyset) -> Page[R]:
        """The rows read for ``keyset`` (one more than the page when there is a next page) as a page."""
        if len(rows) <= keyset.limit:
            return Page(list(rows), None)
        items = list(rows[: keyset.limit])
        cursor = _signer().dumps(_adapter(self.types).dump_python(self.values(items[-1]), mode="json"))
        arguments = {**request.args.to_dict(), "after": cursor}
        return Page(items, url_for(request.endpoint or "", **(request.view_args or {}), **arguments, _external=True))


@functools.cache
def _adapter(types: Any) -> TypeAdapter:
    return TypeAdapter(types)


def _signer() -> URLSafeSerializer:
    """Signs with the secret key; also reads cursors signed with an earlier one, so a rotation ends no walk."""
    keys = [*current_app.config["SECRET_KEY_FALLBACKS"], current_app.config["SECRET_KEY"]]
    return URLSafeSerializer(keys, salt=f"api-page {caller().organisation} {request.path}")
