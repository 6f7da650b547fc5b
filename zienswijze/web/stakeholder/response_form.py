"""Reads the stakeholder's response form into the domain's ResponseInput, and back for showing.

Field names: ``position``; per proposed redaction ``r<id>`` (akkoord: "eens met weglakken" | toestemming:
"mag openbaar worden") and ``r<id>-reasons``;
per document ``d<id>`` (an objection to the document as a whole) and ``d<id>-reasons``; extra
redaction requests ``x<n>-document|page|passage|ground|reasons``; ``explanation``, ``contact_name``,
``contact_phone``, ``email_consent`` (ja). Errors from the domain (``items.<index>.<field>``) map back to these ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from zienswijze.domain.responses import ItemInput, ItemKind, Position, ResponseInput

MAX_EXTRA_ROWS = 30


@dataclass
class ParsedForm:
    data: ResponseInput
    prefixes: list[str] = field(default_factory=list)  # the form prefix of each item, by index
    extra_rows: int = 1

    def field_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Domain error keys turned into the ids of the form fields they are about."""
        mapped = {}
        for key, message in errors.items():
            parts = key.split(".")
            if parts[0] == "items" and len(parts) == 3 and int(parts[1]) < len(self.prefixes):
                mapped[f"{self.prefixes[int(parts[1])]}-{parts[2]}"] = message
            else:
                mapped[key or "form"] = message
        return mapped


def parse(raw: MultiDict, *, redaction_documents: dict[int, int], document_ids: list[int]) -> ParsedForm:
    # A browser sends a text area's line breaks as CRLF; stored as typed, they count as the one character each
    # that the field's maxlength and counter counted.
    form = MultiDict((name, value.replace("\r\n", "\n")) for name, value in raw.items(multi=True))
    items: list[ItemInput] = []
    prefixes: list[str] = []
    for redaction_id, document_id in redaction_documents.items():
        choice = form.get(f"r{redaction_id}", "")
        if choice in (ItemKind.AKKOORD, ItemKind.TOESTEMMING):
            items.append(
                ItemInput(
                    ItemKind(choice),
                    document_id,
                    redaction_id,
                    reasons=form.get(f"r{redaction_id}-reasons", "") if choice == ItemKind.TOESTEMMING else "",
                )
            )
            prefixes.append(f"r{redaction_id}")
    for document_id in document_ids:
        if form.get(f"d{document_id}") == ItemKind.BEZWAAR:
            items.append(ItemInput(ItemKind.BEZWAAR, document_id, reasons=form.get(f"d{document_id}-reasons", "")))
            prefixes.append(f"d{document_id}")
    rows = _bounded(form.get("extra_rows"), 1)
    for n in range(rows):
        values = {
            name: form.get(f"x{n}-{name}", "").strip() for name in ("document", "page", "passage", "ground", "reasons")
        }
        if not any(values[name] for name in ("page", "passage", "reasons")):
            continue
        items.append(
            ItemInput(
                ItemKind.EXTRA_LAKKING,
                _integer(values["document"]) or 0,
                page=_integer(values["page"]),
                passage=values["passage"],
                ground_code=values["ground"],
                reasons=values["reasons"],
            )
        )
        prefixes.append(f"x{n}")
    position = form.get("position", "")
    data = ResponseInput(
        position=Position(position) if position in set(Position) else None,
        explanation=form.get("explanation", ""),
        contact_name=form.get("contact_name", ""),
        contact_phone=form.get("contact_phone", ""),
        items=tuple(items),
        email_consent=form.get("email_consent") == "ja",
    )
    return ParsedForm(data, prefixes, rows)


def values_of(data: ResponseInput) -> dict[str, str]:
    """The form's field values for a stored version, so the form shows exactly what was saved."""
    values = {
        "position": data.position.value if data.position else "",
        "explanation": data.explanation,
        "contact_name": data.contact_name,
        "contact_phone": data.contact_phone,
        "email_consent": "ja" if data.email_consent else "",
    }
    extra = 0
    for item in data.items:
        if item.redaction_id is not None:
            values[f"r{item.redaction_id}"] = item.kind.value
            values[f"r{item.redaction_id}-reasons"] = item.reasons
        elif item.kind is ItemKind.BEZWAAR:
            values[f"d{item.document_id}"] = item.kind.value
            values[f"d{item.document_id}-reasons"] = item.reasons
        else:
            for name, value in (
                ("document", item.document_id),
                ("page", item.page or ""),
                ("passage", item.passage),
                ("ground", item.ground_code),
                ("reasons", item.reasons),
            ):
                values[f"x{extra}-{name}"] = str(value)
            extra += 1
    values["extra_rows"] = str(max(extra, 1))
    return values


def _integer(raw: str) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _bounded(raw: str | None, default: int) -> int:
    value = _integer(raw or "") or default
    return max(1, min(value, MAX_EXTRA_ROWS))
