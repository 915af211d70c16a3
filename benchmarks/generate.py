"""A synthetic, valid content set of any size: seeded, so the same arguments give the same
files. Used by the browser tests (small) and the benchmark (large); never published and
never mixed into `content/`.

    python -m benchmarks.generate OUT --stories 1000 --places 3000 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

from builder.geography import governorate_coded

# The 14 governorates, with ISO 3166-2 codes and rough centres (for place coordinates).
GOVERNORATES = [
    ("damascus", "Damascus", "دمشق", "SY-DI", 33.51, 36.29),
    ("daraa", "Daraa", "درعا", "SY-DR", 32.75, 36.20),
    ("deir-ez-zor", "Deir ez-Zor", "دير الزور", "SY-DY", 35.00, 40.30),
    ("hasakah", "Al-Hasakah", "الحسكة", "SY-HA", 36.50, 40.80),
    ("homs", "Homs", "حمص", "SY-HI", 34.60, 37.50),
    ("aleppo", "Aleppo", "حلب", "SY-HL", 36.20, 37.50),
    ("hama", "Hama", "حماة", "SY-HM", 35.20, 37.00),
    ("idlib", "Idlib", "إدلب", "SY-ID", 35.75, 36.65),
    ("latakia", "Latakia", "اللاذقية", "SY-LA", 35.60, 35.95),
    ("quneitra", "Quneitra", "القنيطرة", "SY-QU", 33.05, 35.85),
    ("raqqa", "Raqqa", "الرقة", "SY-RA", 35.90, 38.90),
    ("rif-dimashq", "Rif Dimashq", "ريف دمشق", "SY-RD", 33.55, 36.70),
    ("suwayda", "As-Suwayda", "السويداء", "SY-SU", 32.70, 36.60),
    ("tartus", "Tartus", "طرطوس", "SY-TA", 34.90, 36.00),
]
PARTIES = ["opposition", "government"]
KINDS = ["monitor", "news_outlet", "government", "military", "armed_group", "ngo"]
START = dt.date(2024, 11, 27)
# Content may not be dated in the future: a corpus too long to fit between START and this
# day starts earlier instead.
LAST_DAY = dt.date(2026, 6, 30)
# A newsroom's pace: about four stories a day, so that a larger site covers a longer period
# (5,000 stories are three and a half years), not more stories about the same month.
STORIES_PER_DAY = 4
# What a story's charts show: the weeks before it, as a reporter would pick.
CHANGES_WINDOW = dt.timedelta(days=29)
COUNTS_WINDOW = dt.timedelta(days=89)
MKDOCS_YML = """site_name: Synthetic
theme:
  name: material
  font: false
  features: [navigation.sections, navigation.indexes, navigation.prune]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
nav:
  - Home: index.md
  - Stories: stories/index.md
  - Provinces: provinces/index.md
  - Places: places/index.md
  - Sources: sources/index.md
  - Claims: claims/index.md
  - Timeline: timeline.md
  - Data: data/index.md
  - Corrections: corrections.md
  - About: about.md
plugins:
  - search
  - dateline
"""


def generate(out: Path, stories: int, places: int, seed: int) -> None:
    rng = random.Random(seed)
    content = out / "content"
    for folder in ("articles", "claims", "data"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (out / "charts").mkdir(parents=True, exist_ok=True)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "docs" / "about.md").write_text("# About\n\nA synthetic content set.\n")
    (out / "mkdocs.yml").write_text(MKDOCS_YML)
    _dump(content / "parties.yml", [{"id": p, "name": f"{p.capitalize()} forces"} for p in PARTIES])
    sources = [
        {"id": f"source-{i:03d}", "name": f"Source {i:03d}", "kind": KINDS[i % len(KINDS)]}
        for i in range(max(12, stories // 10))
    ]
    _dump(content / "sources.yml", sources)
    villages = _places(content, places, rng)
    claims, changes, counts = [], [], []
    count = max(30, stories // STORIES_PER_DAY)
    first = min(START, LAST_DAY - dt.timedelta(days=count - 1))
    days = [first + dt.timedelta(days=d) for d in range(count)]
    for gov, *_ in GOVERNORATES:
        held = rng.randint(2, 20)
        for day in days[:: rng.randint(3, 6)]:
            claim_id = f"count-{gov}-{day.isoformat()}"
            claims.append(
                _claim(
                    claim_id,
                    f"Opposition forces held {held} areas of {gov}.",
                    day,
                    [gov],
                    sources,
                    rng,
                )
            )
            counts.append(["areas-held", day.isoformat(), "", gov, "opposition", held, claim_id])
            held = max(0, held + rng.randint(-2, 4))
    # Who holds each village: a change is taken from its holder, as the check requires.
    holders: dict[str, str] = {}
    changed_on: dict[str, dt.date] = {}  # once a day at most: same-day changes must agree
    for number in range(stories):
        day = days[number * len(days) // stories]
        gov = GOVERNORATES[number % len(GOVERNORATES)][0]
        local = [v for v in villages if v[1] == gov]
        story_places = rng.sample(local, min(len(local), rng.randint(5, 30)))
        story_claims, claimed = [], []
        for c in range(rng.randint(5, 20)):
            named = story_places[c % len(story_places)]
            claim_id = f"story-{number:05d}-claim-{c:02d}"
            claimed.append(
                _claim(
                    claim_id,
                    f"Forces took {named[2]} on {day.isoformat()}.",
                    day,
                    [named[0]],
                    sources,
                    rng,
                )
            )
            if changed_on.get(named[0]) != day:
                changed_on[named[0]] = day
                taken_from = holders.get(named[0], "government")
                holders[named[0]] = PARTIES[PARTIES.index(taken_from) - 1]
                changes.append(
                    [day.isoformat(), "", named[0], taken_from, holders[named[0]], "full", claim_id]
                )
            story_claims.append(claim_id)
        slug = f"story-{number:05d}"
        # A file of claims per story, as a newsroom files them with the reporting.
        _dump(content / "claims" / f"{slug}.yml", claimed)
        _chart(
            out / "charts" / f"{slug}-count.yml",
            {
                "kind": "step",
                "title": f"Areas held in {gov}",
                "series": "areas-held",
                "places": [gov],
                "parties": ["opposition"],
                "start": max(first, day - COUNTS_WINDOW).isoformat(),
                "end": day.isoformat(),
            },
        )
        _chart(
            out / "charts" / f"{slug}-changes.yml",
            {
                "kind": "changes-per-day",
                "title": f"Changes in {gov}",
                "places": [gov],
                "start": max(first, day - CHANGES_WINDOW).isoformat(),
                "end": day.isoformat(),
            },
        )
        _article(
            content / "articles" / f"{slug}.md",
            slug,
            gov,
            day,
            story_claims,
            [p[0] for p in story_places],
            rng,
        )
    _dump(content / "claims" / "counts.yml", claims)
    _table(
        content / "data" / "area_counts.csv",
        ["series", "date", "part_of_day", "place", "party", "count", "claim"],
        counts,
    )
    _table(
        content / "data" / "control_changes.csv",
        ["date", "part_of_day", "place", "from_party", "to_party", "extent", "claim"],
        changes,
    )


def _places(content: Path, count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    entries, villages = [], []
    for gov, name, arabic, iso, _lat, _lon in GOVERNORATES:
        entries.append(
            {
                "id": gov,
                "name": {"en": f"{name} Governorate", "ar": f"محافظة {arabic}"},
                "kind": "governorate",
                "iso_code": iso,
            }
        )
    for i in range(count):
        gov, _, _, iso, lat, lon = GOVERNORATES[i % len(GOVERNORATES)]
        identifier, name = f"village-{i:05d}", f"Village {i:05d}"
        entries.append(
            {
                "id": identifier,
                "name": {"en": name},
                "aliases": [f"Qaryat {i:05d}"],
                "kind": "village",
                "parent": gov,
                "coordinates": _point_in(iso, lat, lon, rng),
            }
        )
        villages.append((identifier, gov, name))
    _dump(content / "places.yml", entries)
    return villages


def _point_in(iso: str, lat: float, lon: float, rng: random.Random) -> dict[str, float]:
    """A point near the governorate's centre that lies inside it, as the check requires
    (`builder.geography`); Damascus is small, so the spread narrows until one does."""
    area = governorate_coded(iso, None)
    for spread in (0.2, 0.1, 0.05, 0.02, 0.0):
        for _ in range(20):
            point = (
                round(lat + rng.uniform(-spread, spread), 4),
                round(lon + rng.uniform(-spread, spread), 4),
            )
            if area is None or area.contains(*point):
                return {"lat": point[0], "lon": point[1]}
    raise ValueError(f"no point of {iso} near {lat}, {lon}: correct GOVERNORATES")


def _claim(
    identifier: str,
    text: str,
    day: dt.date,
    places: list[str],
    sources: list[dict[str, str]],
    rng: random.Random,
) -> dict[str, object]:
    picked = rng.sample(sources, rng.randint(1, 3))
    attributions = [{"source": s["id"], "stance": "reports"} for s in picked]
    if rng.random() < 0.2:
        attributions.append({"source": rng.choice(sources)["id"], "stance": "denies"})
    return {
        "id": identifier,
        "text": text,
        "as_of": day.isoformat(),
        "places": places,
        "attributions": attributions,
        "status": "contested" if len(attributions) > len(picked) else "unverified",
    }


def _article(
    path: Path,
    slug: str,
    gov: str,
    day: dt.date,
    claims: list[str],
    places: list[str],
    rng: random.Random,
) -> None:
    front = {
        "headline": f"Fighting around {gov}, story {slug[-5:]}",
        "standfirst": "A synthetic story for tests and benchmarks.",
        "byline": ["Desk"],
        "dateline": gov,
        "published": (day + dt.timedelta(days=1)).isoformat(),
        "claims": claims,
        "places": places,
        "charts": [f"{slug}-count", f"{slug}-changes"],
    }
    words = " ".join(
        rng.choice(
            [
                "the",
                "forces",
                "village",
                "held",
                "reported",
                "sources",
                "said",
                "area",
                "near",
                "road",
                "town",
                "fighting",
            ]
        )
        for _ in range(500)
    )
    chart = f"```chart {slug}-count\n```"
    body = f"{words[:1500]} [A claim](claim:{claims[0]}).\n\n{chart}\n\n{words[1500:]}\n"
    path.write_text(
        "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body
    )


def _chart(path: Path, data: dict[str, object]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120))


def _table(path: Path, header: list[str], rows: list[list[object]]) -> None:
    lines = [",".join(header)] + [",".join(str(cell) for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.stories, args.places, args.seed)


if __name__ == "__main__":
    main()
