"""Every key of every view is read somewhere: by a template or by the code that shows it.

The dead-code check (vulture) does not read templates, so it is told to leave the views'
module alone; this test is the check in its place.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

from builder.render import view_types

BUILDER = Path(view_types.__file__).parents[1]


def _readers() -> str:
    templates = [p.read_text() for p in (BUILDER / "templates").glob("*.j2")]
    modules = [p.read_text() for p in BUILDER.rglob("*.py") if p.name != "view_types.py"]
    return "\n".join([*templates, *modules])


def _views() -> dict[str, type]:
    return {
        name: value
        for name, value in vars(view_types).items()
        if isinstance(value, type) and typing.is_typeddict(value)
    }


def unread_keys(views: dict[str, type], readers: str) -> list[str]:
    return [
        f"{name}.{key}"
        for name, view in views.items()
        for key in typing.get_type_hints(view)
        if not re.search(rf"""\.{key}\b|\[["']{key}["']\]|\bget\(["']{key}["']""", readers)
    ]


def test_every_key_of_every_view_is_read_somewhere() -> None:
    assert unread_keys(_views(), _readers()) == []


def test_the_check_finds_a_key_nothing_reads() -> None:
    class Probe(typing.TypedDict):
        href: str
        never_read_by_any_template: str

    assert unread_keys({"Probe": Probe}, _readers()) == ["Probe.never_read_by_any_template"]
