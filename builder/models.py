"""Typed content models: what a valid source, place, claim, count, change and story
is (a chart: `builder.chart_definitions`).

These check each record on its own (types, formats, allowed values). Cross-references
between records are `builder.validate`'s job, because they need the whole content set.

Why pydantic rather than MkDocs' `base.Config` for front matter (as Material's blog does):
one machinery then serves YAML records, front matter and CSV rows alike, error locations
map back to lines, and the same models give editors JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from builder.plain_text import check_plain_text

# Ids name files and pages; Windows keeps these names for devices, whatever the extension.
_DEVICE_NAMES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"{d}{n}" for d in ("com", "lpt") for n in range(10)),
}


def _not_a_device_name(identifier: str) -> str:
    if identifier in _DEVICE_NAMES:
        raise ValueError(
            f"{identifier!r} is a name Windows keeps for a device, so no file or page can "
            "have it; choose another id"
        )
    return identifier


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120),
    AfterValidator(_not_a_device_name),
    Field(description="lower-case letters, digits and single hyphens, e.g. `al-bukamal-crossing`"),
]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_plain_text)
]


def _as_written(pattern: str, expected: str) -> Callable[[object], object]:
    """A check that text from a file is written as the guide says (YAML and CSV give text;
    pydantic alone would take `12.0` or `1_2` for 12, and `2024-01-01T00:00` for a day)."""
    written = re.compile(pattern)

    def check(value: object) -> object:
        if isinstance(value, str) and not written.fullmatch(value.strip()):
            raise ValueError(f"expected {expected}, got {value!r}")
        return value

    return check


def _plausible_year(day: dt.date) -> dt.date:
    if day.year < EARLIEST_YEAR:
        raise ValueError(f"{day} is before {EARLIEST_YEAR}; is the year mistyped?")
    return day


# Nothing reported here happened before it: an earlier year is a typo (1024 for 2024), and
# would stretch a chart over centuries.
EARLIEST_YEAR = 1900
Date = Annotated[
    dt.date,
    BeforeValidator(_as_written(r"\d{4}-\d{2}-\d{2}", "a date as YYYY-MM-DD")),
    AfterValidator(_plausible_year),
]
# A time of day with its zone, as written after an ISO 8601 date: `18:30+03:00`, `16:30Z`.
ClockTime = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        pattern=r"^(?:[01]\d|2[0-3]):[0-5]\d(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$",
    ),
    Field(description="a time of day and its zone, as HH:MM+HH:MM, HH:MM-HH:MM or HH:MMZ"),
]
_WHOLE = _as_written(r"-?\d+", "a whole number")
_DECIMAL = _as_written(r"-?\d+(?:\.\d+)?", "a number in digits, like 12 or 3.5")
# Bounds far above any real count, below where pandas' 64-bit integers overflow.
Count = Annotated[int, BeforeValidator(_WHOLE), Field(ge=0, le=1_000_000_000)]
Number = Annotated[float, BeforeValidator(_DECIMAL), Field(ge=0, le=1e15)]

ALLOWED_URL_SCHEMES = ("http", "https")


def _check_url(value: str) -> str:
    scheme, sep, rest = value.partition(":")
    if not sep or scheme.lower() not in ALLOWED_URL_SCHEMES or not rest.startswith("//"):
        allowed = ", ".join(ALLOWED_URL_SCHEMES)
        raise ValueError(f"links must start with one of: {allowed}://")
    return value


Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(check_plain_text),
    AfterValidator(_check_url),
]

PartOfDay = Literal["morning", "afternoon", "evening", "night"]
PART_OF_DAY_ORDER: dict[str | None, int] = {
    None: 0,
    "morning": 1,
    "afternoon": 2,
    "evening": 3,
    "night": 4,
}
SourceKind = Literal[
    "monitor", "news_outlet", "government", "military", "armed_group", "anonymous", "ngo"
]
PlaceKind = Literal[
    "governorate",
    "district",
    "subdistrict",
    "city",
    "town",
    "village",
    "region",
    "crossing",
    "site",
]
Stance = Literal["reports", "confirms", "denies", "disputes", "retracts"]
# Most sure first; `builder.status` says how each is shown.
ClaimStatus = Literal["assessed", "corroborated", "unverified", "contested"]
ArticleType = Literal["news", "analysis", "explainer"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def model_post_init(self, context: Any, /) -> None:
        # Pydantic keeps, per instance, the set of fields that were given: hundreds of bytes
        # for each of a large site's hundreds of thousands of claims and attributions, which
        # have a handful of distinct sets. Frozen models never change theirs, so they share.
        given = self.__pydantic_fields_set__
        object.__setattr__(
            self, "__pydantic_fields_set__", _GIVEN.setdefault(frozenset(given), given)
        )


_GIVEN: dict[frozenset[str], set[str]] = {}


class Party(Strict):
    """A side that can hold ground, e.g. `opposition`."""

    id: Id
    name: Text
    description: Text | None = None
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = Field(
        default=None,
        description="its colour on every chart, map, legend and swatch, as `#RRGGBB`, at least "
        "3:1 against the light and the dark page; if none, the next of the house palette "
        "in the order the parties are written",
    )


class Source(Strict):
    """Who says things: an outlet, a monitor, an official body, or an unnamed source."""

    id: Id
    name: Text
    name_ar: Text | None = None
    kind: SourceKind
    description: Text | None = None
    url: Url | None = None
    anonymous: bool = False
    count: Annotated[Count, Field(ge=1)] | None = Field(
        default=None, description="how many people an anonymous source stands for"
    )
    carried_by: Id | None = Field(default=None, description="the outlet that relayed it")


class PlaceNames(Strict):
    en: Text
    ar: Text | None = None


class Coordinates(Strict):
    lat: Annotated[float, BeforeValidator(_DECIMAL), Field(ge=-90, le=90)]
    lon: Annotated[float, BeforeValidator(_DECIMAL), Field(ge=-180, le=180)]
    precision: Literal["exact", "locality", "approximate"] = "approximate"


class HeldBy(Strict):
    """Who held a place before the changes of control the content records, and as of when."""

    party: Id
    as_of: Date


class Place(Strict):
    """An entry of the gazetteer."""

    id: Id
    name: PlaceNames
    aliases: list[Text] = []
    kind: PlaceKind
    parent: Id | None = None
    iso_code: Annotated[str, StringConstraints(pattern=r"^SY-[A-Z]{2}$")] | None = None
    pcode: Annotated[str, StringConstraints(pattern=r"^SY\d{2,8}$")] | None = None
    coordinates: Coordinates | None = None
    held_by: HeldBy | None = Field(
        default=None, description="who held it before its recorded changes of control"
    )


class Figure(Strict):
    """The number in a claim, where it has one: `nearly 200 fighters`, `from 12 to 16 areas`."""

    value: Number
    unit: Text
    qualifier: Literal["nearly", "about", "at least", "more than", "up to"] | None = None
    previous: Number | None = None


class Attribution(Strict):
    """Who said a claim, and how: reports, confirms, denies, disputes or retracts it."""

    source: Id
    stance: Stance
    via: Id | None = Field(default=None, description="the outlet through which we know it")
    note: Text | None = None
    url: Url | None = None
    published: Date | None = None
    accessed: Date | None = None


class Claim(Strict):
    """One thing someone said, with everyone on record for or against it."""

    id: Id
    text: Text
    as_of: Date
    part_of_day: PartOfDay | None = None
    places: list[Id] = []
    figure: Figure | None = None
    attributions: Annotated[list[Attribution], Field(min_length=1)]
    status: ClaimStatus = "unverified"
    note: Text | None = None


class AreaCount(Strict):
    """One CSV row: how many areas of an admin unit a party held, per a claim."""

    series: Id
    date: Date
    part_of_day: PartOfDay | None = None
    place: Id
    party: Id
    count: Count
    claim: Id


class ControlChange(Strict):
    """One CSV row: a place that changed hands, per a claim."""

    date: Date
    part_of_day: PartOfDay | None = None
    place: Id
    from_party: Id
    to_party: Id
    extent: Literal["full", "partial"] = "full"
    claim: Id


class Correction(Strict):
    date: Date
    text: Text


class BasedOn(Strict):
    """The original reporting a story is built from, cited on the page."""

    source: Id
    title: Text
    byline: Text | None = None
    published: Date
    url: Url | None = None


class Article(Strict):
    """A story's front matter. The body is Markdown below it."""

    slug: Id | None = None
    draft: bool = Field(default=False, description="checked like any story, but not published")
    headline: Text
    standfirst: Text
    type: ArticleType = "news"
    byline: Annotated[list[Text], Field(min_length=1)]
    dateline: Id
    published: Date
    modified: Date | None = None
    modified_time: ClockTime | None = Field(
        default=None,
        description="the time of day of `modified`, with its time zone: `18:30+03:00`, or "
        "`16:30Z` for UTC; shown beside the updated date",
    )
    based_on: list[BasedOn] = []

    @property
    def updated(self) -> dt.date:
        """The story's last change: its modified date or its latest correction."""
        return max(
            [
                self.published,
                *([self.modified] if self.modified else []),
                *(c.date for c in self.corrections),
            ]
        )

    @field_validator("modified")
    @classmethod
    def _not_before_published(
        cls, modified: dt.date | None, info: ValidationInfo
    ) -> dt.date | None:
        published = info.data.get("published")
        if published and modified and modified < published:
            raise ValueError(f"modified {modified} is before published {published}")
        return modified

    @field_validator("modified_time")
    @classmethod
    def _time_of_a_modified_day(cls, time: str | None, info: ValidationInfo) -> str | None:
        if time and not info.data.get("modified"):
            raise ValueError("modified_time needs modified, the day it is the time of")
        return time

    claims: list[Id] = []
    places: list[Id] = []
    charts: list[Id] = []
    control_maps: bool = Field(
        default=True,
        description="a story with changes of control shows the before/after pair of control "
        "maps of its latest day of changes; false leaves it out",
    )
    corrections: list[Correction] = []
