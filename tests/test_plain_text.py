from __future__ import annotations

import re

import pytest

from builder.plain_text import check_plain_text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("North\x0cGovernorate", "a control character (U+000C FORM FEED)"),
        ("Opposition\x1b[31m", "a control character (U+001B ESCAPE)"),
        ("end\x85", "a control character (U+0085)"),
        ("Village\u200bAlpha", "an invisible character (U+200B ZERO WIDTH SPACE)"),
        ("safe\u202etxt.exe", "an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ("soft\u00adhyphen", "an invisible character (U+00AD SOFT HYPHEN)"),
        ("\u0410leppo", "'\u0410leppo' mixes Cyrillic and Latin letters"),
        ("Hom\u03bfs", "mixes Greek and Latin letters"),
    ],
)
def test_what_hides_or_breaks_is_refused_with_its_name(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        check_plain_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hama (\u062d\u0645\u0627\u0629)",  # two scripts, each word in one
        "Ma\u02bcarrat al-Nu\u02bcman",  # a modifier-letter apostrophe has no script
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian needs the non-joiner
        "Two lines\nand a\ttab",
        "Saraqib, 12 km south-east",
    ],
)
def test_what_a_newsroom_writes_is_taken_as_it_is(text: str) -> None:
    assert check_plain_text(text) == text
