"""Text the domain and the services write for people: Dutch, and still translatable at the page.

The core knows no locale. A refusal, a deadline step or a summary is a ``Text``: it *is* its Dutch
sentence (so mail, exports, logs and the Dutch API read it as any string), and it remembers the
catalogue id and parameters it was made from, so that a page can show it in the visitor's language
(``web/i18n.translated``). ``N_`` marks the id for ``pybabel extract`` (``make messages``). A parameter
that is a date is written the Dutch way in the sentence, and in the page's own date style on a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType


class Text(str):
    """A Dutch sentence made from a catalogue id (``msgid``) and its named parameters."""

    msgid: str
    params: Mapping[str, object]

    def __new__(cls, msgid: str, params: Mapping[str, object] | None = None) -> Text:
        params = dict(params or {})
        text = super().__new__(
            cls, msgid % {name: _dutch(value) for name, value in params.items()} if params else msgid
        )
        text.msgid, text.params = msgid, MappingProxyType(params)
        return text

    def __reduce__(self) -> tuple[type[Text], tuple[str, dict[str, object]]]:
        return Text, (self.msgid, dict(self.params))


def _dutch(value: object) -> object:
    if isinstance(value, date):
        # Imported here: the deadlines module marks its own texts with N_.
        from zienswijze.domain.deadlines import format_date_nl

        return format_date_nl(value)
    return value


def N_(msgid: str, /, **params: object) -> Text:
    """``msgid`` (Dutch, with ``%(name)s`` placeholders) filled in with ``params``, translatable later."""
    return Text(msgid, params)
