"""docs/architecture.md draws the invitation lifecycle; the drawing stays true to the code's TRANSITIONS."""

from __future__ import annotations

import re
from pathlib import Path

from zienswijze.domain.consultation import TRANSITIONS, InvitationState

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
ARROW = re.compile(r"^\s*(\w+) --> (\w+)\b", re.MULTILINE)


def state_diagram() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split("```mermaid\nstateDiagram-v2\n", 1)[1].split("```", 1)[0]


def test_the_state_diagram_draws_exactly_the_allowed_transitions():
    drawn = {(source, target) for source, target in ARROW.findall(state_diagram()) if source != "[*]"}
    allowed = {(source.name, target.name) for source, targets in TRANSITIONS.items() for target in targets}
    assert drawn == allowed


def test_the_state_diagram_names_each_state_by_its_value():
    named = dict(re.findall(r'^\s*state "([^"]+)" as (\w+)$', state_diagram(), re.MULTILINE))
    assert named == {state.value: state.name for state in InvitationState}
