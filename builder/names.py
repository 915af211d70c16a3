"""Place-name normalisation: the one rule for "are these the same name?".

Case, hyphens, apostrophes and Arabic letter variants (hamza forms of alef, taa marbuta,
alef maqsura, tatweel, short-vowel marks) are folded, so `Al-Bukamal`, `al bukamal` and
`Al Bukamal` are one name, as are `البوكمال` and `ٱلبوكمال`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping

# Hamza forms of alef to bare alef, taa marbuta to haa, alef maqsura to yaa, tatweel dropped.
_ARABIC_FOLDS = str.maketrans(
    {
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        "\u0629": "\u0647",
        "\u0649": "\u064a",
        "\u0640": None,
    }
)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
# Apostrophes and the ayn/hamza marks used in transliteration: dropped, so `Nu'man` is `Numan`.
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02bf\u02be`]")
_DASHES = "\\-\u2010\u2011\u2013\u2014"
# What separates the words of a name as written, and as compared.
_WORDS = re.compile(f"[\\s{_DASHES}]+")
_SEPARATORS = re.compile(f"[\\s{_DASHES}_.,]+")
_LATIN_ARTICLES = ("al", "el")


def normalise_name(name: str) -> str:
    return _SEPARATORS.sub(" ", fold_letters(name).casefold()).strip()


def fold_letters(name: str) -> str:
    """Arabic letter variants and short-vowel marks folded; Latin accents (`Ḥamā`: Hama)
    and apostrophes dropped."""
    folded = unicodedata.normalize("NFKC", _without_latin_accents(name)).translate(_ARABIC_FOLDS)
    return _APOSTROPHES.sub("", _ARABIC_MARKS.sub("", folded))


def _without_latin_accents(name: str) -> str:
    """The marks on Latin letters taken off (transliterations write Ḥamā, Ḥamāh and Hama);
    marks on other letters are left to their own folds."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", name):
        if unicodedata.category(char) == "Mn" and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


# A leading definite article, Latin or Arabic: `Al-Bukamal`, `el Bab`, `البوكمال`.
_ARTICLE = re.compile(f"^(?:{'|'.join(_LATIN_ARTICLES)}|\u0627\u0644)(?=.)")


def spelling_key(name: str) -> str:
    """The name with case, separators, letter variants and a leading article folded away:
    `Al-Bukamal`, `Albu Kamal` and `bukamal` share one key, as do `البوكمال` and `بوكمال`."""
    return _ARTICLE.sub("", normalise_name(name).replace(" ", ""))


def closest(wanted: str, spellings: Mapping[str, Iterable[str]]) -> str | None:
    """The id whose id or one of whose names is spelled most like `wanted`: the same
    spelling once folded wins, then the nearest by difflib's ratio on folded spellings."""
    keys = {
        spelling_key(name): identifier
        for identifier, names in spellings.items()
        for name in (identifier, *names)
    }
    key = spelling_key(wanted)
    if key in keys:
        return keys[key]
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.6)
    return keys[close[0]] if close else None


_ARABIC_ARTICLE = re.compile("^\u0627\u0644(?=..)")


def search_spellings(names: Iterable[str]) -> list[str]:
    """Other ways readers write these names, for the site search to find them by: without
    the article (`Bukamal`, `بوكمال`), with the article run in (`Albukamal`), a two-word
    name run together (`Abukamal`), and with letter variants and apostrophes folded.
    Spellings already among `names` are left out."""
    names = list(names)
    given = {_as_typed(name) for name in names}
    found: dict[str, str] = {}
    for name in names:
        for spelling in _variants(_WORDS.split(name.strip())):
            if spelling and _as_typed(spelling) not in given:
                found.setdefault(_as_typed(spelling), spelling)
    return sorted(found.values(), key=normalise_name)


def _as_typed(name: str) -> str:
    return " ".join(_WORDS.split(name.casefold().strip()))


def _variants(words: list[str]) -> Iterable[str]:
    yield " ".join(
        _ARABIC_ARTICLE.sub("", word)
        for i, word in enumerate(words)
        if not (word.casefold() in _LATIN_ARTICLES and i + 1 < len(words))
    )
    run_in: list[str] = []
    for word in words:
        if run_in and run_in[-1].casefold() in _LATIN_ARTICLES:
            run_in[-1] = (run_in[-1] + word).capitalize()
        else:
            run_in.append(word)
    yield " ".join(run_in)
    if len(words) == 2 and all(word.isascii() for word in words):
        yield (words[0] + words[1]).capitalize()
    yield fold_letters(" ".join(words))
