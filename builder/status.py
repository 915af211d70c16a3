"""How sure we are of a record, shown the same way everywhere: a word and a mark, never a
colour alone.

A claim's status is the newsroom's: `assessed` (our own judgement, from the evidence on
record, as ISW's "assessed control"), `corroborated`, `unverified` (claimed, as ISW's
"claimed control") or `contested`. Every change of control and every count takes the status
of the claim behind it. A holder given by the gazetteer has no claim behind it; a place
whose holder is not recorded has no status at all. Each has its mark, a text glyph on the
pages and the same shape on the maps (`shape`, a Vega-Lite point shape), so that a reader
who cannot tell the colours apart, or prints the page, still reads it.

docs/methodology.md defines each level in its legend (a test holds the two together).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict


@dataclass(frozen=True)
class Level:
    name: str  # the word shown
    mark: str  # the glyph shown before it on pages
    shape: str  # the Vega-Lite point shape on maps, drawn like the glyph
    meaning: str  # one line, for legends and tooltips


# In order of confidence, most sure first: legends list them so.
LEVELS: dict[str, Level] = {
    level.name: level
    for level in (
        Level("assessed", "●", "circle", "our own assessment, from the evidence on record"),
        Level("corroborated", "■", "square", "confirmed by independent sources"),
        Level("unverified", "◆", "diamond", "claimed, not independently confirmed"),
        Level("contested", "▲", "triangle-up", "denied or disputed on record"),
    )
}
# A holder the gazetteer gives as the starting point, with no claim behind it.
GAZETTEER = Level("per the gazetteer", "▼", "triangle-down", "the gazetteer's starting holder")
# A place whose holder is not recorded.
NOT_RECORDED = Level("holder not recorded", "✕", "cross", "no record says who holds it")
ALL = [*LEVELS.values(), GAZETTEER, NOT_RECORDED]


BY_NAME = {level.name: level for level in ALL}


def level(status: str | None) -> Level:
    """The level of a claim's status, or of a level's name as a map's rows give it; the
    gazetteer's for a holder with no claim (None)."""
    return BY_NAME[status] if status is not None else GAZETTEER


class StatusView(TypedDict):
    """What a page shows of a status: its word, its mark and the class that styles it."""

    word: str
    mark: str
    slug: str
    meaning: str


def view(status: str | None) -> StatusView:
    found = level(status)
    slug = found.name.split()[-1]  # assessed ... contested, gazetteer, recorded
    return StatusView(word=found.name, mark=found.mark, slug=slug, meaning=found.meaning)
