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


def joined(words: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`: a list as a sentence says it."""
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


def counted(count: int, one: str, many: str) -> str:
    """`1 story`, `2 stories`."""
    return f"{count} {one if count == 1 else many}"


def kind_text(kind: str, anonymous: bool, count: int | None) -> str:
    """`news outlet`, `military, unnamed`, `military, 2 unnamed`: a kind of source as the
    page names it, often in brackets after its name (so no brackets of its own inside), and
    `unnamed` alone for the kind `anonymous`, which says no more."""
    if not anonymous:
        return kind.replace("_", " ")
    unnamed = f"{count} unnamed" if count and count > 1 else "unnamed"
    return unnamed if kind == "anonymous" else f"{kind.replace('_', ' ')}, {unnamed}"


def number(value: float) -> str:
    return f"{value:g}"


def figure_text(figure: Figure) -> str:
    value = (
        f"{figure.qualifier} {number(figure.value)}" if figure.qualifier else number(figure.value)
    )
    if figure.previous is not None:
        return f"{number(figure.previous)} → {value} {figure.unit}"
    return f"{value} {figure.unit}"


def sentence(text: str) -> str:
    """A sentence to be joined to others with full stops: without its own closing one, so
    that a note written with a full stop does not end in two (`origin..`)."""
    return text.strip().removesuffix(".").rstrip()


def clock_time(time: str) -> str:
    """`18:30+03:00` as `18:30 UTC+3`, `09:15-04:30` as `09:15 UTC-4:30`, `16:30Z` as
    `16:30 UTC`: a time of day as a reader anywhere can place it."""
    clock, zone = time[:5], time[5:]
    if zone == "Z":
        return f"{clock} UTC"
    hours, minutes = int(zone[1:3]), zone[4:6]
    if hours == 0 and minutes == "00":
        return f"{clock} UTC"
    sign = zone[0]
    return f"{clock} UTC{sign}{hours}" + (f":{minutes}" if minutes != "00" else "")
