"""`dateline new`: valid, commented skeletons for a story, a source or a place.

Each gets an id no other record has and a file of its own; nothing is ever overwritten.
A new story is a draft: checked like any other, published once `draft: true` is removed.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import TypeAdapter, ValidationError
from slugify import slugify

from builder.errors import DatelineError
from builder.load import ProjectPaths, load
from builder.models import Id
from builder.names import normalise_name
from builder.plain_text import check_plain_text

# An id names its file, so the rule for ids in content also keeps the file in its folder.
_ID = TypeAdapter(Id)

KINDS = ("article", "source", "place")


def existing_ids(paths: ProjectPaths) -> set[str]:
    """Ids already written anywhere in the content, valid or not."""
    raw = load(paths)
    ids = {str(r.data.get("id")) for records in raw.records.values() for r in records}
    ids |= {str(a.front.data.get("slug")) for a in raw.articles}
    return ids


def unique_id(name: str, taken: set[str]) -> str:
    base = slugify(name, max_length=80, word_boundary=True) or "untitled"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def create(
    kind: str,
    name: str,
    paths: ProjectPaths,
    identifier: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the skeleton for `kind` named `name`; return its path."""
    try:
        check_plain_text(name)
    except ValueError as problem:  # the draft would fail the check it is meant to pass
        raise DatelineError(f"the name {name!r} {problem}") from None
    if identifier is not None:
        _check_id(identifier)
    taken = existing_ids(paths)
    if identifier is not None and identifier in taken:
        raise DatelineError(f"the id {identifier!r} is already used; choose another")
    identifier = identifier or unique_id(name, taken)
    _check_id(identifier)  # a name's slug is one too; checked all the same
    if kind == "article":
        target = paths.content / "articles" / f"{identifier}.md"
        text = _article(name, identifier, _some_place(paths), today or dt.date.today())
    elif kind == "source":
        target, text = paths.content / "sources" / f"{identifier}.yml", _source(name, identifier)
    elif kind == "place":
        _refuse_known_name(name, paths)
        target, text = paths.content / "places" / f"{identifier}.yml", _place(name, identifier)
    else:
        raise DatelineError(f"cannot make a new {kind!r}; choose one of {', '.join(KINDS)}")
    _refuse_outside(target, paths)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise DatelineError(f"{paths.shown(target)} already exists; not overwriting it") from None
    return target


def _check_id(identifier: str) -> None:
    try:
        _ID.validate_python(identifier)
    except ValidationError as invalid:
        error = invalid.errors()[0]
        if error["type"] == "value_error":  # well formed, but a name no file may have
            raise DatelineError(f"--id {error['ctx']['error']}") from None
        raise DatelineError(
            f"--id {identifier!r}: an id is lower-case letters, digits and single hyphens "
            "(at most 120), like al-bukamal-crossing; choose another"
        ) from None


def _refuse_outside(target: Path, paths: ProjectPaths) -> None:
    """A folder on the way to `target` may be a symbolic link out of the project."""
    if not target.parent.resolve().is_relative_to(paths.content.resolve()):
        raise DatelineError(
            f"{paths.shown(target)}: a folder on its way leads outside the project (a symbolic "
            "link); make it a folder of the project"
        )


def _refuse_known_name(name: str, paths: ProjectPaths) -> None:
    wanted = normalise_name(name)
    for record in load(paths).records.get("places", []):
        names = record.data.get("name") or {}
        known = [
            *(names.values() if isinstance(names, dict) else []),
            *(record.data.get("aliases") or []),
        ]
        if any(isinstance(n, str) and normalise_name(n) == wanted for n in known):
            raise DatelineError(
                f"{name!r} is already a name of place {record.data.get('id')!r} "
                f"({record.path}:{record.line})"
            )


def _quoted(text: str) -> str:
    # JSON's escapes are YAML's: a line break or a quote in a name stays inside the value.
    return json.dumps(text, ensure_ascii=False)


def _some_place(paths: ProjectPaths) -> str:
    places = sorted(str(r.data.get("id")) for r in load(paths).records.get("places", []))
    if not places:
        raise DatelineError(
            "add a place first (`dateline new place NAME`): a story needs a dateline"
        )
    return places[0]


def _article(headline: str, slug: str, place: str, today: dt.date) -> str:
    return f"""---
# A draft is checked like any story but not published. Remove this line to publish.
draft: true
headline: {_quoted(headline)}
# One or two sentences under the headline.
standfirst: "Write the standfirst here."
# news, analysis or explainer
type: news
byline: ["Your name"]
# The place id the story is reported from (see content/places.yml).
dateline: {place}
published: {today.isoformat()}
# Ids of the claims the story reports (content/claims/), and of its charts (charts/).
claims: []
charts: []
---
Write the story here. Link a figure to the claim behind it:
`[rose from 12 to 16](claim:some-claim-id)`. Place a chart with a fenced block
`chart some-chart-id`.
"""


def _source(name: str, identifier: str) -> str:
    return f"""# A source: who says things. Claims name it by its id.
- id: {identifier}
  name: {_quoted(name)}
  # monitor, news_outlet, government, military, armed_group, anonymous or ngo
  kind: news_outlet
  # url: https://example.org
  # For an unnamed source: anonymous: true, count: how many people, carried_by: outlet id
"""


def _place(name: str, identifier: str) -> str:
    return f"""# A place of the gazetteer. Names must not clash with another place's names.
- id: {identifier}
  name:
    en: {_quoted(name)}
    # ar: the Arabic name
  # Other spellings in use, e.g. [Abu Kamal, Albu Kamal]
  aliases: []
  # governorate, district, subdistrict, city, town, village, region, crossing or site
  kind: village
  # parent: id of the place it lies in
  # coordinates: {{lat: 35.0, lon: 36.7, precision: approximate}}
"""
