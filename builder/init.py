"""`dateline init DIR`: a new site that builds at once, offline, from the starter in
`builder/starter/` (shipped in the wheel as package data).

Every file it writes says in comments what to change. It writes only into an empty or new
folder, so it can never overwrite a newsroom's work. Files whose names start with a dot are
kept without it in the package (`gitignore`, `github/`), because a wheel's data globs and
some tools skip dotfiles; they get their dot when written.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from importlib.resources import files as package_files
from importlib.resources.abc import Traversable
from pathlib import Path

from builder.errors import DatelineError
from builder.schema import editor_settings
from builder.schema import write as write_schemas

# Starter files kept without their leading dot in the package.
_DOTTED = {
    "gitignore": ".gitignore",
    "github": ".github",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}


def init_site(target: Path) -> list[Path]:
    """Write a new site into `target` (made if missing); return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DatelineError(
            f"{target} is not an empty folder; `dateline init` writes only into a new or "
            "empty one, so that nothing is overwritten"
        )
    target.mkdir(parents=True, exist_ok=True)
    written = _copy(package_files("builder").joinpath("starter"), target, top=True)
    written += write_schemas(target / "schemas")
    settings = target / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps(editor_settings("schemas"), indent=2) + "\n")
    return sorted([*written, settings])


def _copy(folder: Traversable, into: Path, *, top: bool = False) -> list[Path]:
    written: list[Path] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = _DOTTED.get(entry.name, entry.name) if top else entry.name
        target = into / name
        if entry.is_dir():
            target.mkdir()
            written += _copy(entry, target)
        else:
            text = entry.read_text(encoding="utf-8").replace("@VERSION@", version("dateline"))
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written
