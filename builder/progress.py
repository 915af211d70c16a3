"""Progress of long stages: a bar with counts on a terminal, plain log lines elsewhere (CI).

charts  [##########----------]  120/240 rendered, 1894 from cache
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
log = logging.getLogger("dateline")
_WIDTH = 24


def tracked(
    items: Iterable[T], total: int, label: str, note: str = "", stream: TextIO | None = None
) -> Iterator[T]:
    """Yield `items`, drawing a bar on a terminal; on anything else, one line at the end."""
    stream = stream or sys.stderr
    bar = stream.isatty() and total > 0
    done = 0
    for item in items:
        yield item
        done += 1
        if bar:
            filled = _WIDTH * done // total
            stream.write(
                f"\r{label:<8}[{'#' * filled}{'-' * (_WIDTH - filled)}] {done}/{total} {note}"
            )
            stream.flush()
    if bar:
        stream.write("\n")
    log.info("%s: %d/%d %s", label, done, total, note)
