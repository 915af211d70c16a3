"""`dateline generate -o DIR`: the whole site as a plain MkDocs project, without our plugin.

Material reaches its end of life on 5 May 2027, and Zensical, its successor, reads
`mkdocs.yml` but runs no MkDocs plugin. So the generated pages are written as files any
MkDocs-compatible builder reads: `DIR/docs/` holds the hand-written pages beside the
generated pages, datasets, images and our stylesheet and script; `DIR/overrides/` our
templates (social tags, masthead, footer, 404 page), whose footer links and latest stories
go into `extra:`; `DIR/mkdocs.yml` the site's own settings with the
`dateline` plugin taken out and those folders put in. Built from the same in-memory site as
the plugin's output (`builder.emit.write_folder`), so the two cannot drift apart.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from builder.emit import SCRIPT, STYLESHEET, write_folder
from builder.errors import DatelineError
from builder.furniture import template_values
from builder.load import ProjectPaths, read_mkdocs_yml
from builder.pipeline import generate
from builder.publish import kept_folders, overlap
from builder.render import SiteSettings
from builder.store import Store


def write_standalone(paths: ProjectPaths, config_file: Path, out: Path) -> int:
    """Write the project into `out` (new or empty); return how many files it holds."""
    from mkdocs.config import load_config

    out = out.resolve()
    config = load_config(str(config_file))
    cache_dir = config.plugins["dateline"].config.cache_dir
    clash = overlap(out, paths.root, kept_folders(paths, config, cache_dir))
    if clash is not None:
        raise DatelineError(f"{out} {clash}; choose a folder outside it")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DatelineError(f"{out} is not an empty folder; choose a new one")
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    ours = Path(__file__).parent / "overrides"
    for template in sorted(p.relative_to(ours) for p in ours.rglob("*.html")):
        if custom is not None and (custom / template).exists():
            raise DatelineError(
                f"{custom}/{template.as_posix()} would replace Dateline's own (the social "
                "tags, masthead, footer or 404 page); move its blocks into another template"
            )
    # Everything is read and checked before the first file is written.
    settings = SiteSettings.of(config)
    site = generate(paths, store=Store.at(paths.root / cache_dir), settings=settings)
    docs = out / "docs"
    shutil.copytree(config.docs_dir, docs)
    write_folder(site, docs)
    overrides = out / "overrides"
    if custom is not None:
        shutil.copytree(custom, overrides)
    shutil.copytree(ours, overrides, dirs_exist_ok=True)
    standalone = _without_plugin(read_mkdocs_yml(config_file))
    pages = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
    furniture = template_values(pages, site.content.stories, settings)
    standalone["extra"] = {**(standalone.get("extra") or {}), **furniture}
    (out / "mkdocs.yml").write_text(
        "# Written by `dateline generate`: the site without the dateline plugin.\n"
        + yaml.safe_dump(standalone, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return sum(1 for path in out.rglob("*") if path.is_file())


def _without_plugin(settings: dict[str, Any]) -> dict[str, Any]:
    plugins = [
        plugin
        for plugin in settings.get("plugins") or []
        if plugin != "dateline" and not (isinstance(plugin, dict) and "dateline" in plugin)
    ]
    theme = settings.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    return {
        **settings,
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {**theme, "custom_dir": "overrides"},
        "extra_css": [*(settings.get("extra_css") or []), STYLESHEET],
        "extra_javascript": [*(settings.get("extra_javascript") or []), SCRIPT],
        "plugins": plugins,
    }
