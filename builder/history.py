"""Corrections are append-only: compared with the last git commit, a story may gain
corrections but never lose or rewrite one. Checked by `dateline check` (and so `build`) when
the content lives in a git checkout; elsewhere there is no history to compare with."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from builder.errors import ContentError, DatelineError
from builder.load import ProjectPaths, RawArticle
from builder.located import parse_yaml


def correction_changes(
    paths: ProjectPaths, articles: list[RawArticle], base: str | None = None
) -> list[ContentError]:
    """Corrections deleted or rewritten since the commit `base` (in CI, the pull request's
    base or the last published commit). Without `base`, HEAD where there is one: a new site
    outside git, or before its first commit, has no history to compare with. A `base` named
    on purpose must exist: a check against nothing would pass silently."""
    git = shutil.which("git")
    if git is None or not _in_checkout(git, paths, base or "HEAD"):
        if base is None:
            return []
        raise DatelineError(
            f"--corrections-base {base}: no such commit in {paths.root} (is the history "
            "fetched? CI needs the base commit: `fetch-depth: 0`)"
        )
    base = base or "HEAD"
    errors = []
    for article in articles:
        before = _committed_corrections(git, paths, article.path, base)
        now = article.front.data.get("corrections") or []
        for i, old in enumerate(before):
            if i < len(now) and _same(now[i], old):
                continue
            loc: tuple[str | int, ...] = ("corrections", i) if i < len(now) else ("corrections",)
            errors.append(
                ContentError(
                    article.path,
                    article.front.line_of(loc),
                    f"corrections[{i}]",
                    f"the correction of {old.get('date')} was deleted or changed since {base}; "
                    "corrections are append-only: add a new one instead",
                )
            )
    return errors


def _in_checkout(git: str, paths: ProjectPaths, base: str) -> bool:
    probe = subprocess.run(
        [git, "rev-parse", "--verify", f"{base}^{{commit}}"],
        cwd=paths.root,
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def _committed_corrections(
    git: str, paths: ProjectPaths, path: str, base: str
) -> list[dict[str, Any]]:
    shown = subprocess.run(
        [git, "show", f"{base}:./{path}"],
        cwd=paths.root,
        capture_output=True,
        text=True,
        check=False,
    )
    if shown.returncode != 0:
        return []  # a new story: nothing to compare with
    lines = shown.stdout.replace("\r\n", "\n").split("\n")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
    front = parse_yaml("\n".join(["", *lines[1:end]]), path).value
    corrections = front.get("corrections") if isinstance(front, dict) else None
    return [c for c in corrections or [] if isinstance(c, dict)]


def _same(now: object, old: dict[str, Any]) -> bool:
    return isinstance(now, dict) and all(
        str(now.get(k)) == str(old.get(k)) for k in ("date", "text")
    )
