"""Stage 2, validate: typed models for every record, then every cross-reference checked
against the whole content set. All errors are collected; one `ContentInvalid` lists them."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from builder.body import Body, parse_body
from builder.errors import ContentError, ContentInvalid
from builder.gazetteer import ancestor_chains, inside_syria, within
from builder.load import RawContent
from builder.located import Record
from builder.models import (
    CHART_MODELS,
    AreaCount,
    Article,
    ChangesChart,
    ChartDefinition,
    Claim,
    ControlChange,
    LocatorMap,
    Party,
    Place,
    Source,
)
from builder.names import normalise_name

M = TypeVar("M", bound=BaseModel)
_KINDS = {
    "party": "parties",
    "source": "sources",
    "place": "places",
    "claim": "claims",
    "chart": "charts",
}


@dataclass
class Story:
    """A valid story: its front matter, where it lives and its parsed body."""

    article: Article
    path: str
    body: Body
    claims: list[str]  # front matter claims, then those only the body links to
    charts: list[str]


@dataclass
class Content:
    """The whole content set, valid, every reference resolvable."""

    parties: dict[str, Party]
    sources: dict[str, Source]
    places: dict[str, Place]
    claims: dict[str, Claim]
    area_counts: list[AreaCount]
    control_changes: list[ControlChange]
    charts: dict[str, ChartDefinition]
    stories: list[Story]


def validate(raw: RawContent) -> Content:
    """Type every record and check every reference; raise ContentInvalid listing all errors."""
    errors = list(raw.errors)
    records = raw.records
    parties = _index(_typed(records["parties"], Party, errors), "party", errors)
    sources = _index(_typed(records["sources"], Source, errors), "source", errors)
    places = _index(_typed(records["places"], Place, errors), "place", errors)
    claims = _index(_typed(records["claims"], Claim, errors), "claim", errors)
    counts = _typed(records["area_counts"], AreaCount, errors)
    changes = _typed(records["control_changes"], ControlChange, errors)
    charts = _index(_typed_charts(records["charts"], errors), "chart", errors)
    # Every id written down counts as present, even on a record that failed typing: that
    # record's own errors are reported, so references to it are not reported again.
    present = {
        kind: {str(r.data.get("id")) for r in records[name]} for kind, name in _KINDS.items()
    }
    refs = _References(present, {k for k, name in _KINDS.items() if name in raw.unreadable}, errors)

    for source, record in sources.values():
        refs.check(record, ("carried_by",), source.carried_by, "source")
    _check_places(places, refs, errors)
    _check_dates({**records, "articles": [a.front for a in raw.articles]}, build_date(), errors)
    for claim, record in claims.values():
        refs.check_all(record, ("places",), claim.places, "place")
        for i, attribution in enumerate(claim.attributions):
            refs.check(record, ("attributions", i, "source"), attribution.source, "source")
            refs.check(record, ("attributions", i, "via"), attribution.via, "source")
    for count, record in counts:
        refs.check(record, ("place",), count.place, "place")
        refs.check(record, ("party",), count.party, "party")
        refs.check(record, ("claim",), count.claim, "claim")
    for change, record in changes:
        refs.check(record, ("place",), change.place, "place")
        refs.check(record, ("from_party",), change.from_party, "party")
        refs.check(record, ("to_party",), change.to_party, "party")
        refs.check(record, ("claim",), change.claim, "claim")
    chains = ancestor_chains(_models(places))
    # Series written down count as present; an empty selection is only judged when every
    # count row is valid (an invalid row has its own error).
    series = sorted({str(r.data.get("series")) for r in records["area_counts"]})
    complete = len(counts) == len(records["area_counts"])
    _check_charts(
        (series, complete),
        charts,
        [c for c, _ in counts],
        [c for c, _ in changes],
        _models(places),
        chains,
        refs,
        errors,
    )
    stories = _validate_stories(raw, refs, errors)

    if errors:
        raise ContentInvalid(errors)
    return Content(
        parties=_models(parties),
        sources=_models(sources),
        places=_models(places),
        claims=_models(claims),
        area_counts=[c for c, _ in counts],
        control_changes=[c for c, _ in changes],
        charts=_models(charts),
        stories=stories,
    )


# -- typing single records -------------------------------------------------------------------


def _typed(
    records: Iterable[Record], model: type[M], errors: list[ContentError]
) -> list[tuple[M, Record]]:
    typed = []
    for record in records:
        try:
            typed.append((model.model_validate(record.data), record))
        except ValidationError as exc:
            errors.extend(_located(record, model, exc))
    return typed


def _located(
    record: Record, model: type[BaseModel], exc: ValidationError
) -> Iterable[ContentError]:
    for error in exc.errors():
        loc = tuple(error["loc"])
        yield ContentError(record.path, record.line_of(loc), _field(loc), _message(error, model))


def _field(loc: tuple[int | str, ...]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "(entry)"


def _message(error: Any, model: type[BaseModel]) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        known = _fields_at(model, tuple(error["loc"])[:-1])
        close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1)
        return "unknown field" + (f"; did you mean {close[0]!r}?" if close else "")
    if kind.startswith("int_") or kind == "int_type":
        return f"expected a whole number, got {value!r}"
    if kind.startswith("float_"):
        return f"expected a number, got {value!r}"
    if kind.startswith("date"):
        return f"expected a date as YYYY-MM-DD, got {value!r}"
    if kind == "literal_error":
        return f"expected one of {ctx['expected']}; got {value!r}"
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(ctx.get("pattern")):
        return f"expected an id of lower-case letters, digits and hyphens, got {value!r}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        limit = ctx.get("ge", ctx.get("le"))
        return f"must be {bound} {limit}, got {value!r}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names of the (nested) model an error location points into."""
    current: Any = model
    for step in loc:
        if isinstance(step, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
            continue
        field = current.model_fields.get(step)
        current = _inner_model(field.annotation) if field else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            if (inner := _inner_model(arg)) is not None:
                return inner
    return None


# -- the whole set ---------------------------------------------------------------------------

Indexed = dict[str, tuple[M, Record]]


def _index(typed: list[tuple[M, Record]], kind: str, errors: list[ContentError]) -> Indexed[M]:
    index: Indexed[M] = {}
    for model, record in typed:
        identifier = str(getattr(model, "id"))  # noqa: B009 - every indexed model has an id
        if identifier in index:
            first = index[identifier][1]
            errors.append(
                ContentError(
                    record.path,
                    record.line_of(("id",)),
                    "id",
                    f"duplicate {kind} id {identifier!r} (first at {first.path}:{first.line})",
                )
            )
            continue
        index[identifier] = (model, record)
    return index


def _models(index: Mapping[str, tuple[M, Record]]) -> dict[str, M]:
    return {identifier: model for identifier, (model, _) in index.items()}


class _References:
    """Checks ids against the full set and suggests the closest existing one."""

    def __init__(
        self, present: Mapping[str, set[str]], unjudged: set[str], errors: list[ContentError]
    ):
        self.present = present
        self.unjudged = unjudged  # kinds whose file could not be read
        self.errors = errors

    def known(self, kind: str, identifier: str) -> bool:
        return kind in self.unjudged or identifier in self.present[kind]

    def problem(self, kind: str, identifier: str) -> str:
        close = difflib.get_close_matches(identifier, sorted(self.present[kind]), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown {kind} {identifier!r}{hint}"

    def check(
        self, record: Record, loc: tuple[int | str, ...], identifier: str | None, kind: str
    ) -> None:
        if identifier is None or self.known(kind, identifier):
            return
        self.errors.append(
            ContentError(
                record.path, record.line_of(loc), _field(loc), self.problem(kind, identifier)
            )
        )

    def check_all(
        self, record: Record, loc: tuple[str, ...], ids: Iterable[str], kind: str
    ) -> None:
        for i, identifier in enumerate(ids):
            self.check(record, (*loc, i), identifier, kind)


def _check_places(places: Indexed[Place], refs: _References, errors: list[ContentError]) -> None:
    owners: dict[str, tuple[str, Record]] = {}
    for place, record in places.values():
        refs.check(record, ("parent",), place.parent, "place")
        c = place.coordinates
        if c is not None and not inside_syria(c.lat, c.lon):
            hint = "; are latitude and longitude swapped?" if inside_syria(c.lon, c.lat) else ""
            errors.append(
                ContentError(
                    record.path,
                    record.line_of(("coordinates",)),
                    "coordinates",
                    f"{c.lat}, {c.lon} is outside Syria{hint}",
                )
            )
        if _in_cycle(place.id, places):
            errors.append(
                ContentError(
                    record.path,
                    record.line_of(("parent",)),
                    "parent",
                    f"place {place.id!r} is its own ancestor",
                )
            )
        names: list[tuple[tuple[str | int, ...], str | None]] = [
            (("name", "en"), place.name.en),
            (("name", "ar"), place.name.ar),
        ]
        names += [(("aliases", i), alias) for i, alias in enumerate(place.aliases)]
        for loc, name in names:
            key = normalise_name(name) if name else ""
            owner = owners.setdefault(key, (place.id, record)) if key else None
            if owner and owner[0] != place.id:
                errors.append(
                    ContentError(
                        record.path,
                        record.line_of(loc),
                        _field(loc),
                        f"name {name!r} is also a name of place {owner[0]!r} "
                        f"({owner[1].path}:{owner[1].line})",
                    )
                )


def build_date() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that checks repeat exactly in CI."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return now.date()


# Where each kind of record keeps its dates; nothing reported can be dated after today.
DATED: dict[str, list[tuple[str, ...]]] = {
    "claims": [("as_of",), ("attributions", "*", "published"), ("attributions", "*", "accessed")],
    "area_counts": [("date",)],
    "control_changes": [("date",)],
    "articles": [("published",), ("modified",), ("corrections", "*", "date")],
}


def _check_dates(
    records: Mapping[str, list[Record]], today: dt.date, errors: list[ContentError]
) -> None:
    for kind, paths in DATED.items():
        for record in records[kind]:
            for loc, value in _dated_values(record.data, paths):
                _not_future(record, loc, value, today, errors)


def _dated_values(
    data: Mapping[str, Any], paths: list[tuple[str, ...]]
) -> Iterable[tuple[tuple[str | int, ...], object]]:
    for path in paths:
        if len(path) == 1:
            yield path, data.get(path[0])
        else:
            items = data.get(path[0])
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, Mapping):
                    yield (path[0], i, path[2]), item.get(path[2])


def _not_future(
    record: Record,
    loc: tuple[str | int, ...],
    value: object,
    today: dt.date,
    errors: list[ContentError],
) -> None:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return  # not a date: typing reports it
    if day > today:
        errors.append(
            ContentError(record.path, record.line_of(loc), _field(loc), f"{day} is in the future")
        )


def _in_cycle(start: str, places: Indexed[Place]) -> bool:
    seen = {start}
    current = places[start][0].parent
    while current is not None and current in places:
        if current in seen:
            return current == start
        seen.add(current)
        current = places[current][0].parent
    return False


def _typed_charts(
    records: Iterable[Record], errors: list[ContentError]
) -> list[tuple[ChartDefinition, Record]]:
    """Charts are typed by their `kind`: each kind has its own fields."""
    typed: list[tuple[ChartDefinition, Record]] = []
    for record in records:
        kind = record.data.get("kind")
        model = CHART_MODELS.get(str(kind))
        if model is None:
            expected = ", ".join(repr(k) for k in CHART_MODELS)
            message = "is required" if kind is None else f"expected one of {expected}; got {kind!r}"
            errors.append(ContentError(record.path, record.line_of(("kind",)), "kind", message))
            continue
        typed.extend(_typed([record], model, errors))
    return typed


def _check_charts(
    written: tuple[list[str], bool],
    charts: Indexed[ChartDefinition],
    counts: list[AreaCount],
    changes: list[ControlChange],
    places: Mapping[str, Place],
    chains: Mapping[str, list[str]],
    refs: _References,
    errors: list[ContentError],
) -> None:
    series, counts_complete = written
    for chart, record in charts.values():
        refs.check_all(record, ("places",), chart.places, "place")

        def report(loc: tuple[str | int, ...], message: str, record: Record = record) -> None:
            field = _field(loc) if loc else "(selection)"
            errors.append(ContentError(record.path, record.line_of(loc), field, message))

        if isinstance(chart, LocatorMap):
            for i, place_id in enumerate(chart.places):
                if place_id in places and places[place_id].coordinates is None:
                    report(("places", i), f"place {place_id!r} has no coordinates to map")
            continue
        if isinstance(chart, ChangesChart):
            selected: list[object] = [
                c for c in changes if chart.covers(c.date) and within(c.place, chart.places, chains)
            ]
            if not selected:
                report((), "no control changes match these places and dates")
            continue
        refs.check_all(record, ("parties",), chart.parties, "party")
        if chart.series not in series:
            close = difflib.get_close_matches(chart.series, series, n=1)
            report(
                ("series",),
                f"unknown series {chart.series!r}"
                + (f"; did you mean {close[0]!r}?" if close else ""),
            )
            continue
        selected = [
            c
            for c in counts
            if c.series == chart.series
            and c.place in chart.places
            and c.party in chart.parties
            and chart.covers(c.date)
        ]
        if not selected and counts_complete:
            report((), "no rows of the area counts match this series, places, parties and dates")


def _validate_stories(
    raw: RawContent, refs: _References, errors: list[ContentError]
) -> list[Story]:
    stories: list[Story] = []
    slugs: dict[str, str] = {}
    for raw_article in raw.articles:
        typed = _typed([raw_article.front], Article, errors)
        body, body_errors = parse_body(raw_article.body, raw_article.path, raw_article.body_line)
        errors.extend(body_errors)
        if not typed:
            continue
        article, record = typed[0]
        slug = article.slug or ""
        if slug in slugs:
            errors.append(
                ContentError(
                    record.path,
                    record.line_of(("slug",)),
                    "slug",
                    f"slug {slug!r} is already used by {slugs[slug]}",
                )
            )
        slugs.setdefault(slug, record.path)
        refs.check(record, ("dateline",), article.dateline, "place")
        refs.check_all(record, ("claims",), article.claims, "claim")
        refs.check_all(record, ("places",), article.places, "place")
        refs.check_all(record, ("charts",), article.charts, "chart")
        for i, original in enumerate(article.based_on):
            refs.check(record, ("based_on", i, "source"), original.source, "source")
        for reference in body.references:
            if not refs.known(reference.kind, reference.target):
                errors.append(
                    ContentError(
                        raw_article.path,
                        reference.line,
                        "body",
                        refs.problem(reference.kind, reference.target),
                    )
                )
        if article.draft:
            continue
        stories.append(
            Story(
                article=article,
                path=record.path,
                body=body,
                claims=_union(
                    article.claims, [r.target for r in body.references if r.kind == "claim"]
                ),
                charts=_union(
                    article.charts, [r.target for r in body.references if r.kind == "chart"]
                ),
            )
        )
    stories.sort(
        key=lambda story: (story.article.published, story.article.slug or ""), reverse=True
    )
    return stories


def _union(first: list[str], then: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *then]))
