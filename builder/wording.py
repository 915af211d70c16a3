"""How dates, times of day and movements are written on the site, in one place."""

from __future__ import annotations

import datetime as dt

from builder.models import Figure


def human_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def human_when(day: dt.date, part_of_day: str | None) -> str:
    """`2 December 2024` or `2 December 2024 (evening)`."""
    return human_date(day) + (f" ({part_of_day})" if part_of_day else "")


def movement(first: int, first_when: str, last: int, last_when: str) -> str:
    """`rose from 12 on 1 December 2024 to 16 on 2 December 2024 (evening)`."""
    if first == last:
        return f"stayed at {last} from {first_when} to {last_when}"
    verb = "rose" if last > first else "fell"
    return f"{verb} from {first} on {first_when} to {last} on {last_when}"


def counted(count: int, one: str, many: str) -> str:
    """`1 story`, `2 stories`."""
    return f"{count} {one if count == 1 else many}"


def kind_text(kind: str, anonymous: bool, count: int | None) -> str:
    """`military, unnamed (2)`: a kind of source as the page names it."""
    text = kind.replace("_", " ")
    if anonymous:
        text = f"{text}, unnamed" + (f" ({count})" if count and count > 1 else "")
    return text


def number(value: float) -> str:
    return f"{value:g}"


def figure_text(figure: Figure) -> str:
    value = (
        f"{figure.qualifier} {number(figure.value)}" if figure.qualifier else number(figure.value)
    )
    if figure.previous is not None:
        return f"{number(figure.previous)} → {value} {figure.unit}"
    return f"{value} {figure.unit}"
