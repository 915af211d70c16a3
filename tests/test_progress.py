from __future__ import annotations

import io
import logging

import pytest

from builder.progress import tracked


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_bar_shows_the_counts(caplog: pytest.LogCaptureFixture) -> None:
    screen = Terminal()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dateline"):  # as MkDocs sets it
        assert list(tracked(range(4), 4, "charts", "rendered, 6 from cache", screen)) == [
            0,
            1,
            2,
            3,
        ]
    last = screen.getvalue().split("\r")[-1]
    assert last == "charts  [########################] 4/4 rendered, 6 from cache\n"
    assert "[############------------] 2/4" in screen.getvalue()


def test_elsewhere_one_plain_log_line_and_no_bar(caplog: pytest.LogCaptureFixture) -> None:
    pipe = io.StringIO()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dateline"):
        assert list(tracked("abc", 3, "charts", "rendered, 0 from cache", pipe)) == list("abc")
    assert pipe.getvalue() == ""
    assert [r.getMessage() for r in caplog.records] == [
        "dateline: charts: 3/3 rendered, 0 from cache"
    ]


def test_a_quiet_build_draws_no_bar_and_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    screen = Terminal()
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.dateline"):  # mkdocs build -q
        assert list(tracked(range(2), 2, "charts", "", screen)) == [0, 1]
    assert screen.getvalue() == ""
    assert caplog.records == []
