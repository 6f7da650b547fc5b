"""Column types that keep Python values honest on both SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from zienswijze import clock
from zienswijze.domain.text import Text


class UTCDateTime(sa.types.TypeDecorator):
    """An aware UTC timestamp; SQLite drops the offset, so it is stored naive in UTC and restored."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class TextList(sa.types.TypeDecorator):
    """A JSON list of texts shown to people; a domain ``Text`` is stored with its catalogue id and parameters,
    so a page can still show it in the reader's language. Plain strings (as stored before) read back as they are."""

    impl = sa.JSON
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: sa.Dialect) -> list[object] | None:
        return None if value is None else [_stored(text) for text in value]

    def process_result_value(self, value: list[object] | None, dialect: sa.Dialect) -> list[object] | None:
        return None if value is None else [_loaded(text) for text in value]


def _stored(value: object) -> object:
    if isinstance(value, Text):
        return {"msgid": value.msgid, "params": {name: _stored(param) for name, param in value.params.items()}}
    return value


def _loaded(value: object) -> object:
    if isinstance(value, dict) and isinstance(value.get("msgid"), str):
        return Text(value["msgid"], {name: _loaded(param) for name, param in value.get("params", {}).items()})
    return value


def enum_type(enum: type[StrEnum]) -> sa.Enum:
    """Stores the enum's Dutch value as text, so the database reads like the domain."""
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=max(len(member.value) for member in enum),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def timestamp(*, nullable: bool = False, index: bool = False):
    """A timestamp field; required ones default to the moment the row is made, read when it is made."""
    if nullable:
        return Field(default=None, sa_type=UTCDateTime(), nullable=True, index=index)
    return Field(default_factory=lambda: clock.now(), sa_type=UTCDateTime(), nullable=False, index=index)


def primary_key() -> Any:
    """An autoincrement id, typed ``int``: the code only passes rows around once they are flushed, and then
    the id is set. Typing it ``int | None`` would make every ``case.id`` a check that can never fail."""
    return Field(default=None, primary_key=True)


class OrganisationRow(SQLModel):
    """A table whose rows belong to one organisation: the organisation id is where every query scopes."""

    id: int = primary_key()
    organisation_id: int = Field(foreign_key="organisations.id", index=True)


class CaseRow(SQLModel):
    """A table whose rows belong to one case; the case's organisation is reached through it."""

    id: int = primary_key()
    case_id: int = Field(foreign_key="cases.id", index=True)
