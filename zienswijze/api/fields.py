"""The value types the API's bodies are built of: checked for their type on the way in.

A request body forbids unknown fields, so a misspelt field is an error instead of silently ignored,
and refuses text PostgreSQL cannot store; dates keep to the one range of ``domain.dates``. The
messages of these validators are Dutch already (``DUTCH_ERRORS``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError
from werkzeug.datastructures import FileStorage

from zienswijze.domain.dates import FIRST_DAY, LAST_DAY, calendar_day
from zienswijze.domain.errors import Invalid

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# What the document says of request text: no NUL (lone surrogates JSON Schema cannot express).
NO_NUL = "^[^\\x00]*$"
# The error types of this module's validators, whose messages are Dutch already.
DUTCH_ERRORS = frozenset({"unstorable", "date_range", "one_or_more", "upload"})


def _text_without_nul(schema: dict[str, Any]) -> None:
    """States the refusal of ``_storable`` in the document, so a client knows it before sending."""
    pending = list(schema.get("properties", {}).values())
    while pending:
        part = pending.pop()
        pending.extend([*part.get("anyOf", []), *([part["items"]] if "items" in part else [])])
        if part.get("type") == "string" and not {"format", "enum", "pattern"} & part.keys():
            part["pattern"] = NO_NUL


class RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_text_without_nul)

    @field_validator("*")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        """A NUL or a lone surrogate (both valid in JSON) cannot be stored in PostgreSQL or encoded as UTF-8."""
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and _UNSTORABLE.search(text) for text in texts):
            raise PydanticCustomError("unstorable", "Dit veld bevat een teken dat niet kan worden opgeslagen.")
        return value


def _empty_is_absent(schema: dict[str, Any]) -> None:
    _text_without_nul(schema)
    for part in schema.get("properties", {}).values():
        part.setdefault("anyOf", [{key: part.pop(key) for key in ("type", "pattern", "$ref") if key in part}])
        part["anyOf"].append({"type": "string", "maxLength": 0, "description": "Counts as absent."})


class QueryParameters(RequestBody):
    """A query string's parameters: an empty one (``?status=``) counts as absent, as a cleared filter does."""

    model_config = ConfigDict(json_schema_extra=_empty_is_absent)


class PageQuery(QueryParameters):
    """A list that grows with the case is read a page at a time (see ``paging``)."""

    limit: int = Field(100, ge=1, le=500, description="The most items on one page.")
    after: str | None = Field(
        None,
        max_length=2000,
        description='Where the page starts: the cursor in the Link header\'s rel="next" link of the page before. '
        "Opaque; absent for the first page.",
    )


# Whole numbers are stored as 32-bit integers; anything larger cannot name or number anything. JSON has
# numbers, so "7" or 7.0 is no integer there (as the document says); a form sends only text to read one from.
FormInt32 = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
Int32 = Annotated[FormInt32, Strict()]


def _in_calendar(value: dt.date) -> dt.date:
    try:
        return calendar_day(value)
    except Invalid as invalid:
        raise PydanticCustomError("date_range", str(invalid)) from None


# A date that deadlines are computed from, read as JSON Schema's ISO date and held to the one range: stated with
# formatMinimum and formatMaximum, and as a pattern of the years 2014 to 2999 for tools that know no dates.
YEARS_OF_THE_CALENDAR = "^(201[4-9]|20[2-9][0-9]|2[1-9][0-9]{2})-"
Day = Annotated[
    dt.date,
    AfterValidator(_in_calendar),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "formatMinimum": str(FIRST_DAY),
            "formatMaximum": str(LAST_DAY),
            "pattern": YEARS_OF_THE_CALENDAR,
        }
    ),
]


def _one_or_more(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return value
    raise PydanticCustomError("one_or_more", "Vul een e-mailadres in, of een lijst van e-mailadressen.")


EmailAddresses = Annotated[
    list[str],
    BeforeValidator(_one_or_more),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


def _uploaded(value: Any) -> FileStorage:
    if not isinstance(value, FileStorage):
        raise PydanticCustomError("upload", "Stuur het bestand mee als bestand in multipart/form-data.")
    if _UNSTORABLE.search(value.filename or ""):
        raise PydanticCustomError("unstorable", "De bestandsnaam bevat een teken dat niet kan worden opgeslagen.")
    return value


Upload = Annotated[
    Any,
    PlainValidator(_uploaded),
    WithJsonSchema({"type": "string", "format": "binary", "contentMediaType": "application/pdf"}),
]
