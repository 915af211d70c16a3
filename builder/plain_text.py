"""What text in content may hold: what a reader sees, nothing that hides or breaks.

Refused everywhere: control characters (except tab and newline), which break the feed's
XML and the chart renderer, and invisible characters (zero-width spaces, bidirectional
overrides), which make two different names look the same or reorder what a reader sees.
The zero-width joiner and non-joiner stay allowed: Arabic and Persian words need them.
Refused within one word of a text field: letters of two scripts (a Cyrillic A in
"Aleppo"), which look alike and are not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
# U+2028 and U+2029 (line and paragraph separators, pasted from word processors) are line
# breaks to YAML, which would shift every line number after them.
_INVISIBLES = (
    r"\u00ad\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u2069\ufeff"
)
CONTROL = re.compile(f"[{_CONTROLS}]")
UNSEEN = re.compile(f"[{_CONTROLS}{_INVISIBLES}]")
# Modifier letters (U+02BC, an apostrophe) belong to no script of their own.
_LETTERS = {"Lu", "Ll", "Lt", "Lo"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# C0 controls have no Unicode names; these are the ones an editor is likely to meet.
_CONTROL_NAMES = {
    "\x08": "BACKSPACE",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}


def unseen_character(text: str) -> re.Match[str] | None:
    """The first control or invisible character in `text`, if any."""
    return UNSEEN.search(text)


def describe(char: str) -> str:
    """`a control character (U+000C FORM FEED)`, as an editor's message names it."""
    kind = "a control character" if CONTROL.fullmatch(char) else "an invisible character"
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    return f"{kind} (U+{ord(char):04X}{' ' + name if name else ''}); delete it"


def check_plain_text(value: str) -> str:
    """A text field's value as it is, or ValueError saying what it must not hold."""
    if found := unseen_character(value):
        raise ValueError(f"contains {describe(found.group())}")
    if value.isascii():  # most text of a site, every field of every record: one script
        return value
    for word in _WORD.findall(value):
        scripts = {_script(letter) for letter in word if unicodedata.category(letter) in _LETTERS}
        if len(scripts) > 1:
            raise ValueError(
                f"{word!r} mixes {' and '.join(sorted(scripts))} letters, which look alike; "
                "retype the word in one script"
            )
    return value


@cache  # a site's letters are few, its text fields hundreds of thousands
def _script(letter: str) -> str:
    """The script of a letter by its Unicode name: LATIN, ARABIC, CYRILLIC, GREEK, ..."""
    name = unicodedata.name(letter, "")
    return name.split(" ", 1)[0].title() if name else "Unknown"
