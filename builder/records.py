"""Typing single records: each record against its model, every error located to its line
and explained in an editor's words; ids indexed, and references checked against every id
written down."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from builder.chart_definitions import CHART_MODELS
from builder.errors import ContentError
from builder.located import Record
from builder.names import closest
from builder.wording import joined

M = TypeVar("M", bound=BaseModel)
Indexed = dict[str, tuple[M, Record]]


def typed(
    records: Iterable[Record], model: type[M], errors: list[ContentError]
) -> list[tuple[M, Record]]:
    typed = []
    for record in records:
        try:
            typed.append((model.model_validate(record.data), record))
        except ValidationError as exc:
            errors.extend(located(record, model, exc))
    return typed


def located(record: Record, model: type[BaseModel], exc: ValidationError) -> Iterable[ContentError]:
    for error in exc.errors():
        loc = tuple(error["loc"])
        yield ContentError(
            record.path, record.line_of(loc), field_name(loc), message_for(error, model)
        )


def field_name(loc: tuple[int | str, ...]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "(entry)"


def _kinds_taking(field: str, model: type[BaseModel]) -> str:
    """The chart kinds whose definitions have `field`, in words, when `model` is a chart
    definition's and has not: an editor who annotates a map learns which charts draw notes."""
    if model not in CHART_MODELS.values():
        return ""
    taking = [kind for kind, each in CHART_MODELS.items() if field in each.model_fields]
    return joined(taking)


def message_for(error: Any, model: type[BaseModel]) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        kinds = _kinds_taking(str(error["loc"][-1]), model)
        if kinds:  # a field of other chart kinds
            return f"this kind of chart has no {error['loc'][-1]}; {kinds} charts do"
        known = fields_at(model, tuple(error["loc"])[:-1])
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
    if kind in _SHAPES:
        return f"expected {_SHAPES[kind]}, got {_shape(value)}"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty" if kind == "string_too_short" else "must list at least one"
    if kind in ("too_long", "string_too_long"):
        unit = "characters" if kind == "string_too_long" else "items"
        return f"must be at most {ctx.get('max_length')} {unit}"
    # Anything else pydantic says, without its phrasing ("Input should be ...").
    return str(error["msg"]).replace("Input should be", "expected").replace("Value error, ", "")


# What a field holds, for "expected ..., got ..." when YAML gave it the wrong shape.
_SHAPES = {
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list (`[a, b]`, or `- ` lines)",
    "dict_type": "`key: value` lines",
    "model_type": "`key: value` lines",
    "model_attributes_type": "`key: value` lines",
}


def _shape(value: object) -> str:
    if isinstance(value, dict):
        return "`key: value` lines"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else repr(value)


def fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names of the (nested) model an error location points into."""
    current: Any = model
    for step in loc:
        if isinstance(step, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
            continue
        field = current.model_fields.get(step)
        current = inner_model(field.annotation) if field else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            if (inner := inner_model(arg)) is not None:
                return inner
    return None


# -- the whole set ---------------------------------------------------------------------------


def index(typed: list[tuple[M, Record]], kind: str, errors: list[ContentError]) -> Indexed[M]:
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


def models(index: Mapping[str, tuple[M, Record]]) -> dict[str, M]:
    return {identifier: model for identifier, (model, _) in index.items()}


class References:
    """Checks ids against the full set and suggests the closest existing one."""

    def __init__(
        self,
        present: Mapping[str, set[str]],
        unjudged: set[str],
        errors: list[ContentError],
        names: Mapping[str, Mapping[str, list[str]]] | None = None,
    ):
        self.present = present
        self.unjudged = unjudged  # kinds whose file could not be read
        self.errors = errors
        self.names = names or {}  # kind -> id -> its names, for suggestions by any name

    def known(self, kind: str, identifier: str) -> bool:
        return kind in self.unjudged or identifier in self.present[kind]

    def problem(self, kind: str, identifier: str) -> str:
        names = self.names.get(kind, {})
        close = closest(identifier, {i: names.get(i, []) for i in sorted(self.present[kind])})
        hint = f"; did you mean {close!r}?" if close else ""
        return f"unknown {kind} {identifier!r}{hint}"

    def check(
        self, record: Record, loc: tuple[int | str, ...], identifier: str | None, kind: str
    ) -> None:
        if identifier is None or self.known(kind, identifier):
            return
        self.errors.append(
            ContentError(
                record.path, record.line_of(loc), field_name(loc), self.problem(kind, identifier)
            )
        )

    def check_all(
        self, record: Record, loc: tuple[str, ...], ids: Iterable[str], kind: str
    ) -> None:
        for i, identifier in enumerate(ids):
            self.check(record, (*loc, i), identifier, kind)
