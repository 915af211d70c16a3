"""Checks that records agree with each other and with the map: a place lies in the
governorate it is filed under, and a count or change of control cites a claim about its
place, made no earlier than what it reports.

Each of these reads only records that were typed, so a record that could not be read has
its own error and is not judged here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from builder.errors import ContentError
from builder.gazetteer import inside_syria
from builder.geography import Governorate, governorate_at, governorate_coded
from builder.located import Record
from builder.models import PART_OF_DAY_ORDER, AreaCount, Claim, ControlChange, Coordinates, Place
from builder.records import Indexed
from builder.wording import joined

# How far outside the governorate it is filed under a point may lie and still be accepted.
# The outlines are simplified and their edges may be off by about a kilometre; the margin
# does not grow with `precision: approximate`, because a point that is only roughly known
# is still drawn on the map, and should be drawn on the right side of a border.
TOLERANCE_KM = 2.0


def check_governorates(
    places: Indexed[Place], chains: Mapping[str, list[str]], errors: list[ContentError]
) -> None:
    """Each place with coordinates against the outline of the governorate its parents give."""
    for place, record in places.values():
        c = place.coordinates
        filed = _filed_under(place, chains, places)
        if c is None or filed is None or not inside_syria(c.lat, c.lon):
            continue  # a point outside Syria has its own error
        outline = governorate_coded(filed.iso_code, filed.pcode)
        if outline is None or outline.distance_km(c.lat, c.lon) <= TOLERANCE_KM:
            continue
        found = governorate_at(c.lat, c.lon)
        errors.append(_misfiled(place, c, record, (filed, outline), found, places))


def _filed_under(
    place: Place, chains: Mapping[str, list[str]], places: Indexed[Place]
) -> Place | None:
    """The first governorate on the way up from the place (the place itself, if it is one)."""
    for identifier in (place.id, *chains.get(place.id, [])):
        if places[identifier][0].kind == "governorate":
            return places[identifier][0]
    return None


def _misfiled(
    place: Place,
    c: Coordinates,
    record: Record,
    under: tuple[Place, Governorate],
    found: Governorate | None,
    places: Indexed[Place],
) -> ContentError:
    """The error for a place whose point lies away from `under`: the governorate it is
    filed under and that governorate's outline."""
    filed, outline = under
    point = f"{c.lat}, {c.lon}"
    where = (
        f"lies in {_named(found, places)}"
        if found
        else f"lies in no governorate, {outline.distance_km(c.lat, c.lon):.0f} km outside it"
    )
    if place is filed:
        return ContentError(
            record.path,
            record.line_of(("coordinates",)),
            "coordinates",
            f"{point} {where}, not in this governorate ({outline.iso_code}); "
            "correct the coordinates or the iso_code",
        )
    through = f" through {place.parent!r}" if place.parent != filed.id else ""
    return ContentError(
        record.path,
        record.line_of(("parent",)),
        "parent",
        f"filed under {filed.name.en} ({outline.iso_code}){through}, but {point} {where}; "
        "correct the parent or the coordinates",
    )


def _named(governorate: Governorate, places: Indexed[Place]) -> str:
    """The site's own name for the governorate, or the outline's, with its ISO code."""
    own = next(
        (
            p.name.en
            for p, _ in places.values()
            if p.kind == "governorate" and governorate_coded(p.iso_code, p.pcode) is governorate
        ),
        f"{governorate.name} Governorate",
    )
    return f"{own} ({governorate.iso_code})"


def check_rows_against_claims(
    rows: Sequence[tuple[AreaCount | ControlChange, Record]],
    claims: Mapping[str, Claim],
    chains: Mapping[str, list[str]],
    today: dt.date,
    errors: list[ContentError],
) -> None:
    """A row's claim must be about the row's place (it, a place around it or a place in it)
    and must not be dated before what the row reports. A row dated after `today` has its
    own error, which says all there is to fix."""
    for row, record in rows:
        claim = claims.get(row.claim)
        if claim is None:
            continue  # an unknown claim has its own error
        late = _after(row.date, row.part_of_day, claim) if row.date <= today else None
        if late:
            errors.append(
                ContentError(record.path, record.line_of((late,)), late, _late(row, claim))
            )
        if row.place in chains and not _about(claim, row.place, chains):
            errors.append(
                ContentError(
                    record.path,
                    record.line_of(("claim",)),
                    "claim",
                    f"claim {claim.id!r} is about {_listed(claim.places)}, not {row.place!r}; "
                    f"cite a claim about {row.place!r} or add it to the claim's places",
                )
            )


def _after(day: dt.date, part: str | None, claim: Claim) -> str | None:
    """The column that dates the row after its claim: `date`, or on the same day
    `part_of_day` when both give one; None when the row is not later."""
    if day > claim.as_of:
        return "date"
    if day == claim.as_of and part and claim.part_of_day:
        return (
            "part_of_day"
            if PART_OF_DAY_ORDER[part] > PART_OF_DAY_ORDER[claim.part_of_day]
            else None
        )
    return None


def _late(row: AreaCount | ControlChange, claim: Claim) -> str:
    when = " ".join(str(v) for v in (row.date, row.part_of_day) if v)
    as_of = " ".join(str(v) for v in (claim.as_of, claim.part_of_day) if v)
    return (
        f"{when} is after claim {claim.id!r}, which is as of {as_of}; "
        "cite a later claim or correct the date"
    )


def _about(claim: Claim, place: str, chains: Mapping[str, list[str]]) -> bool:
    """Whether the claim names no place (so it can be about any), the place, a place it lies
    in, or a place inside it (a claim about a town is about its province too)."""
    around = chains.get(place, [])
    return not claim.places or any(
        p == place or p in around or place in chains.get(p, []) for p in claim.places
    )


def _listed(ids: list[str]) -> str:
    """`'a'`, `'a' and 'b'`, `'a', 'b', 'c' and 9 more`."""
    shown = [repr(i) for i in ids[:3]]
    if len(ids) > 3:
        return ", ".join(shown) + f" and {len(ids) - 3} more"
    return joined(shown)
