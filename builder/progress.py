"""Progress of long stages: a bar with counts on a terminal, plain log lines elsewhere (CI).

charts  [##########----------]  120/240 rendered, 1894 from cache
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
# MkDocs' plugin logger (`mkdocs.plugins.get_plugin_logger("dateline")` is an adapter on
# it): `mkdocs build -q` silences it, and `dateline build` shows it (cli._show_mkdocs_log).
log = logging.getLogger("mkdocs.plugins.dateline")
_WIDTH = 24


def tracked(
    items: Iterable[T],
    total: int,
    label: str,
    note: str | Callable[[], str] = "",
    stream: TextIO | None = None,
) -> Iterator[T]:
    """Yield `items`, drawing a bar on a terminal; on anything else, one line at the end.
    Nothing at all when the log is quieter than INFO (`mkdocs build -q`), or without a
    label (one chart drawn when a page asks for it). `note` follows the counts: a function
    gives it as it is at each step (how many were made, how many read)."""
    stream = stream or sys.stderr
    if not label:
        yield from items
        return
    bar = stream.isatty() and total > 0 and log.isEnabledFor(logging.INFO)
    done = 0
    for item in items:
        yield item
        done += 1
        if bar:
            filled = _WIDTH * done // total
            drawn = f"[{'#' * filled}{'-' * (_WIDTH - filled)}]"
            stream.write(f"\r{label:<8}{drawn} {done}/{total} {_said(note)}")
            stream.flush()
    if bar:
        stream.write("\n")
    log.info("dateline: %s: %d/%d %s", label, done, total, _said(note))


def _said(note: str | Callable[[], str]) -> str:
    return note if isinstance(note, str) else note()
