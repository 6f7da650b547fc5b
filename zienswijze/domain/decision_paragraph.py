"""The paragraph "Zienswijze derde-belanghebbende(n)" of the decision, built from plain values.

Stakeholders are anonymised as "belanghebbende 1, 2, …" in the order of their codes; the dates are
the real ones from the record (SPEC §7). The text is Dutch: it goes into a Dutch decision letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from zienswijze.domain.deadlines import earliest_disclosure, format_date_nl, term_end
from zienswijze.domain.responses import WeighingOutcome

TITLE = "Zienswijze derde-belanghebbende(n)"

_OUTCOME = {
    WeighingOutcome.GEHONOREERD: "gehonoreerd",
    WeighingOutcome.DEELS_GEHONOREERD: "gedeeltelijk gehonoreerd",
    WeighingOutcome.NIET_GEHONOREERD: "niet gehonoreerd",
}


@dataclass(frozen=True)
class RoundFacts:
    sent_on: date
    deadline: date
    extensions_allowed: bool
    invited: int


@dataclass(frozen=True)
class ItemFacts:
    """One weighed objection or extra-redaction request."""

    extra_redaction: bool
    document_number: int
    outcome: WeighingOutcome | None
    ground: str = ""  # "eerbiediging van de persoonlijke levenssfeer (Woo art. 5.1 lid 2 sub e)"
    motivation: str = ""


@dataclass(frozen=True)
class StakeholderFacts:
    code: str
    responded: bool
    objected: bool = False
    channel: str = "online"  # online, mondeling, schriftelijk
    items: tuple[ItemFacts, ...] = ()
    general_objection: str = ""  # the view's own explanation when it names no passage
    own_weighing: str = ""  # the body's weighing of a non-responder's interests


@dataclass(frozen=True)
class ParagraphFacts:
    body: str
    wording: str  # "voor" or "uiterlijk"
    rounds: tuple[RoundFacts, ...]
    stakeholders: tuple[StakeholderFacts, ...]
    extensions_granted: int = 0
    disclosure_held: bool = False
    provisional_measure: bool = False
    announced: date | None = None
    notes: tuple[str, ...] = field(default=())


def deadline_phrase(deadline: date, wording: str) -> str:
    """ "vóór" the day after the last day, or "uiterlijk op" the last day, as the body writes it."""
    if wording == "uiterlijk":
        return f"uiterlijk op {format_date_nl(deadline, weekday=False)}"
    return f"vóór {format_date_nl(deadline + timedelta(days=1), weekday=False)}"


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _round_sentence(index: int, facts: RoundFacts, wording: str) -> str:
    extension = ", met de mogelijkheid tot verlenging in verband met de vakantie," if facts.extensions_allowed else ""
    who = (
        "Deze belanghebbenden zijn"
        if index == 0
        else f"In een volgende ronde zijn nog {_n(facts.invited, 'belanghebbende', 'belanghebbenden')}"
    )
    return (
        f"{who} bij e-mail van {format_date_nl(facts.sent_on, weekday=False)} in de gelegenheid gesteld om "
        f"{deadline_phrase(facts.deadline, wording)}{extension} een zienswijze te geven."
    )


def counts_sentence(facts: ParagraphFacts) -> str:
    asked = len(facts.stakeholders)
    responded = sum(1 for s in facts.stakeholders if s.responded)
    objected = sum(1 for s in facts.stakeholders if s.objected)
    text = (
        f"Er {'is' if asked == 1 else 'zijn'} {_n(asked, 'belanghebbende', 'belanghebbenden')} om een zienswijze "
        f"gevraagd. {_n(responded, 'belanghebbende heeft', 'belanghebbenden hebben')} een zienswijze gegeven, "
        f"waarvan {objected} met bezwaar tegen (gedeeltelijke) openbaarmaking; "
        f"{_n(asked - responded, 'belanghebbende heeft', 'belanghebbenden hebben')} geen zienswijze gegeven."
    )
    if facts.extensions_granted:
        granted = _n(facts.extensions_granted, "belanghebbende", "belanghebbenden")
        text += f" Aan {granted} is verlenging van de termijn verleend."
    return text


def _item_sentence(item: ItemFacts) -> str:
    """How one objection or request was weighed, tied to the ground it invokes or that was applied."""
    what = (
        f"Het verzoek om aanvullende lakking in document {item.document_number}"
        if item.extra_redaction
        else f"Het bezwaar tegen openbaarmaking van (een deel van) document {item.document_number}"
    )
    motivation = f" {item.motivation.strip().rstrip('.')}." if item.motivation.strip() else ""
    if item.outcome is None:
        return f"{what} is nog niet gewogen."
    if item.outcome is WeighingOutcome.NIET_GEHONOREERD:
        ground = (
            f"; het beroep op {item.ground} weegt niet op tegen het belang van openbaarmaking" if item.ground else ""
        )
        return f"{what} is niet gehonoreerd{ground}.{motivation}"
    ground = f" met toepassing van {item.ground}" if item.ground else ""
    return f"{what} is {_OUTCOME[item.outcome]}{ground}.{motivation}"


def stakeholder_sentences(number: int, facts: StakeholderFacts, body: str) -> str:
    name = f"Belanghebbende {number}"
    if not facts.responded:
        own = f" {facts.own_weighing.strip().rstrip('.')}." if facts.own_weighing.strip() else ""
        return (
            f"{name} heeft geen zienswijze gegeven. {body} heeft de belangen van deze belanghebbende zelf gewogen.{own}"
        )
    how = {"mondeling": " mondeling", "schriftelijk": " schriftelijk"}.get(facts.channel, "")
    if not facts.objected:
        return f"{name} heeft{how} laten weten geen bezwaar te hebben tegen de openbaarmaking."
    parts = [f"{name} heeft{how} een zienswijze gegeven met bezwaar tegen (gedeeltelijke) openbaarmaking."]
    parts += [_item_sentence(item) for item in facts.items]
    if not facts.items and facts.general_objection.strip():
        parts.append("Het bezwaar noemt geen afzonderlijke passages; het is in de afweging als geheel betrokken.")
    return " ".join(parts)


def closing_sentences(facts: ParagraphFacts) -> list[str]:
    sentences = []
    if facts.disclosure_held:
        when = ""
        if facts.announced is not None:
            when = f", dus niet vóór {format_date_nl(earliest_disclosure(facts.announced), weekday=False)}"
        sentences.append(
            "Voor zover dit besluit ingaat tegen de zienswijze van een belanghebbende, worden de betreffende "
            "documenten niet eerder openbaar gemaakt dan twee weken na de dag waarop dit besluit bekend is "
            f"gemaakt{when} (artikel 4.4, vijfde lid, van de Woo). Binnen die termijn kan de belanghebbende "
            "bezwaar maken en de voorzieningenrechter vragen een voorlopige voorziening te treffen (artikel 8:81 "
            "van de Algemene wet bestuursrecht); zolang op dat verzoek niet is beslist, vindt openbaarmaking "
            "niet plaats."
        )
    if facts.provisional_measure:
        sentences.append(
            "Er is een verzoek om een voorlopige voorziening ingediend; de documenten waarop het betrekking heeft, "
            "worden niet openbaar gemaakt zolang daarop niet is beslist."
        )
    sentences.append(
        "Dit besluit wordt gelijktijdig aan de belanghebbenden toegezonden (artikel 4.4, zesde lid, van de Woo)."
    )
    objection = ""
    if facts.announced is not None:
        objection = f"; die termijn eindigt op {format_date_nl(term_end(facts.announced, weeks=6), weekday=False)}"
    sentences.append(
        "Tegen dit besluit kan ieder wiens belang rechtstreeks daarbij is betrokken binnen zes weken na de dag "
        "waarop het bekend is gemaakt bezwaar maken (artikelen 6:7 en 6:8 van de Algemene wet bestuursrecht)"
        f"{objection}."
    )
    return sentences


def paragraphs(facts: ParagraphFacts) -> list[str]:
    """The paragraph as a list of Dutch paragraphs, without the title."""
    opening = (
        f"{facts.body} heeft geconstateerd dat er derde-belanghebbenden zijn die mogelijk bedenkingen hebben bij de "
        "openbaarmaking van documenten die onder de reikwijdte van het verzoek vallen."
    )
    rounds = " ".join(_round_sentence(i, r, facts.wording) for i, r in enumerate(facts.rounds))
    weighed = "Deze zienswijzen zijn, voor zover van toepassing, in de belangenafweging meegenomen."
    result = [" ".join(filter(None, [opening, rounds, weighed])), counts_sentence(facts)]
    ordered = sorted(facts.stakeholders, key=lambda s: s.code)
    result += [stakeholder_sentences(i, s, facts.body) for i, s in enumerate(ordered, start=1)]
    result += list(facts.notes)
    result += closing_sentences(facts)
    return result


def text(facts: ParagraphFacts) -> str:
    """The title and the paragraphs as plain text, for copying into the decision."""
    return "\n\n".join([TITLE, *paragraphs(facts)]) + "\n"
