"""Place-name normalisation: the one rule for "are these the same name?".

Case, hyphens, apostrophes and Arabic letter variants (hamza forms of alef, taa marbuta,
alef maqsura, tatweel, short-vowel marks) are folded, so `Al-Bukamal`, `al bukamal` and
`Al Bukamal` are one name, as are `البوكمال` and `ٱلبوكمال`.
"""

from __future__ import annotations

import re
import unicodedata

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
# Hyphens and dashes of every kind, apostrophes and ayn/hamza marks used in transliteration.
_SEPARATORS = re.compile("[\\s\\-\u2010\u2011\u2013\u2014_'\u2018\u2019\u02bc\u02bf\u02be`.,]+")


def normalise_name(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_ARABIC_FOLDS)
    folded = _ARABIC_MARKS.sub("", folded)
    return _SEPARATORS.sub(" ", folded).strip()
