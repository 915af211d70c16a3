"""The `dateline` command: `init` a site, `check` the content, `build` the site.

Editors get `path:line: field: message` lines and a count, never a traceback, unless
they ask for one with --verbose. Exit codes: 0 done; 1 invalid content or a failed build;
2 a usage error (click's own: an unknown command or option, a bad value); 3 an unexpected
error, a bug to report.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from builder.errors import ContentInvalid, DatelineError
from builder.excerpt import github_annotations, report_with_lines
from builder.load import ProjectPaths, read_mkdocs_yml
from builder.pipeline import check as check_content
from builder.plugin import DatelineConfig, DatelinePlugin
from builder.wording import counted

F = TypeVar("F", bound=Callable[..., Any])

# Exit codes, as the guide's reference lists them; 2 is click's for a usage error.
INVALID = 1
UNEXPECTED = 3

config_file_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's MkDocs configuration.",
)
verbose_option = click.option(
    "-v", "--verbose", is_flag=True, help="Show MkDocs' progress, and tracebacks on failure."
)


def reports_errors(command: F) -> F:
    """Turn every failure into a short message and an exit code; tracebacks only if verbose."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verbose = kwargs.get("verbose", False)
        try:
            return command(*args, **kwargs)
        except ContentInvalid as invalid:
            config_file = kwargs.get("config_file")
            # Error paths are relative to the folder of mkdocs.yml, where the lines are read.
            root = config_file.resolve().parent if config_file else None
            if kwargs.get("output_format") == "github":
                click.echo(github_annotations(invalid, root))
            else:
                click.echo(report_with_lines(invalid, root) if root else invalid.report())
            sys.exit(INVALID)
        except DatelineError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(INVALID)
        except Exception as error:  # the last line of defence for editors
            if verbose:
                traceback.print_exc()
            else:
                click.echo(
                    f"error: {type(error).__name__}: {error} (run with --verbose for details)",
                    err=True,
                )
            sys.exit(UNEXPECTED)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="dateline", message="dateline %(version)s")
def main() -> None:
    """Dateline: validate newsroom content and publish it as a site."""


corrections_base_option = click.option(
    "--corrections-base",
    metavar="REV",
    default=None,
    help="The git commit since which no correction may be lost or changed (default: HEAD "
    "when there is one; CI: the pull request's base). A commit that does not exist is an "
    "error.",
)


@main.command()
@config_file_option
@corrections_base_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="text: errors with their lines; github: GitHub Actions annotations, so that a pull "
    "request shows each error on its line.",
)
@verbose_option
@reports_errors
def check(
    config_file: Path, corrections_base: str | None, output_format: str, verbose: bool
) -> None:
    """Validate all content; print every error as path:line: field: message."""
    content = check_content(_project_paths(config_file), corrections_base).content
    click.echo(
        "content is valid: "
        + ", ".join(
            counted(len(records), one, many)
            for records, one, many in (
                (content.stories, "story", "stories"),
                (content.claims, "claim", "claims"),
                (content.sources, "source", "sources"),
                (content.places, "place", "places"),
            )
        )
    )


@main.command()
@config_file_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: site_dir of mkdocs.yml).",
)
@click.option(
    "--full",
    is_flag=True,
    help="Build every page again, instead of only what changed since the last build.",
)
@verbose_option
@reports_errors
def build(config_file: Path, site_dir: Path | None, full: bool, verbose: bool) -> None:
    """Check the content, then build the site with MkDocs in strict mode.

    The site is built beside the old one and swapped in only when complete; invalid
    content or a failed build leaves the previous site as it was. A build starts from the
    last one, when it recorded what it was made from, and builds again only the pages whose
    inputs changed; anything it cannot trace (mkdocs.yml, the theme, Dateline itself, a site
    folder changed since) makes it whole, and it says why."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from builder.publish import publish
    from builder.session import Session
    from builder.store import Store

    target = _safe_site_dir(config_file, site_dir)
    paths = _project_paths(config_file)
    session = Session(paths, Store.at(paths.root / _plugin_options(config_file).cache_dir))
    # The content is read and checked once; the build takes it, and lets go of it once the
    # pages are made.
    session.checked = check_content(paths)
    _show_mkdocs_log(verbose)

    def build_into(staging: Path) -> None:
        config = load_config(str(config_file), strict=True, site_dir=str(staging))
        plugin = config.plugins["dateline"]
        if isinstance(plugin, DatelinePlugin):
            plugin.use(session)
        whole_because = session.plan_build(_setup(config), target, whole=full)
        if whole_because is not None:
            click.echo(f"whole build: {whole_because}", err=True)
        else:
            click.echo("building again only what changed since the last build", err=True)
        session.forget_last_build(target)
        try:
            mkdocs_build(config, dirty=whole_because is None)
        except MkDocsException as exc:
            raise DatelineError(f"MkDocs build failed: {exc}") from exc

    publish(
        build_into,
        target,
        on_wait=lambda message: click.echo(message, err=True),
        then=lambda: session.record_build(target),
    )
    for line in session.report or []:
        click.echo(str(line))
    click.echo(f"site built in {target}")


def _safe_site_dir(config_file: Path, site_dir: Path | None) -> Path:
    """Where to build: `-d`, or site_dir of mkdocs.yml, refused (before anything is read or
    moved) where the swap into place would replace the project or a folder it needs."""
    from mkdocs.config import load_config

    from builder.publish import kept_folders, refuse_foreign_site_dir, refuse_unsafe_site_dir

    paths = _project_paths(config_file)
    config = load_config(str(config_file))
    target = site_dir or Path(config.site_dir)
    named = f"--site-dir {site_dir}" if site_dir else f"site_dir of {config_file}"
    kept = kept_folders(paths, config, _plugin_options(config_file).cache_dir)
    refuse_unsafe_site_dir(target, paths.root, kept, named)
    if site_dir is not None:
        refuse_foreign_site_dir(site_dir, Path(config.site_dir), paths.root, named)
    return target


@main.command()
@config_file_option
@click.option(
    "-a",
    "--dev-addr",
    metavar="IP:PORT",
    default=None,
    help="Where to serve (default: dev_addr of mkdocs.yml, 127.0.0.1:8000).",
)
@click.option(
    "--poll",
    is_flag=True,
    help="Look for saves twice a second, as mkdocs serve does, instead of being told of "
    "them by the system: for a project on a network drive or a container mount, whose "
    "saves the system does not report.",
)
@verbose_option
@reports_errors
def serve(config_file: Path, dev_addr: str | None, poll: bool, verbose: bool) -> None:
    """Preview the site, rebuilding when content/, charts/ or docs/ change.

    An edit that makes the content invalid prints its errors here and the last good site
    stays served; fixing the edit brings the site back."""
    from unittest import mock

    import mkdocs.commands.serve
    from mkdocs.livereload import LiveReloadServer

    from builder.serving import EventDrivenServer

    _project_paths(config_file)
    _show_mkdocs_log(verbose=True)
    # MkDocs makes its server inside `serve`, with no say in how it watches.
    server = LiveReloadServer if poll else EventDrivenServer
    with mock.patch("mkdocs.commands.serve.LiveReloadServer", server):
        # Dirty builds: an edit rebuilds only the pages it changed (see builder.session).
        mkdocs.commands.serve.serve(
            config_file=str(config_file), dev_addr=dev_addr, livereload=True, build_type="dirty"
        )


@main.command()
@click.argument("kind", type=click.Choice(["article", "source", "place"]))
@click.argument("name")
@click.option(
    "--id",
    "identifier",
    default=None,
    help="The id (slug for an article); by default made from NAME, unique.",
)
@config_file_option
@verbose_option
@reports_errors
def new(kind: str, name: str, identifier: str | None, config_file: Path, verbose: bool) -> None:
    """Write a valid, commented skeleton: `dateline new article "Headline"`,
    `dateline new source "Name"`, `dateline new place "Name"`. Never overwrites a file."""
    from builder.scaffold import create

    target = create(kind, name, _project_paths(config_file), identifier)
    click.echo(
        f"wrote {target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target}"
    )


@main.command()
@config_file_option
@click.option("-m", "--message", default=None, help="The commit message for the pages branch.")
@click.option("--force", is_flag=True, help="Force the push to the pages branch.")
@verbose_option
@reports_errors
@click.pass_context
def deploy(
    ctx: click.Context, config_file: Path, message: str | None, force: bool, verbose: bool
) -> None:
    """Build the site, then publish it to GitHub Pages with `mkdocs gh-deploy` (to the branch
    and remote that mkdocs.yml names: remote_branch, remote_name)."""
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.config import load_config

    ctx.invoke(build, config_file=config_file, site_dir=None, verbose=verbose)
    gh_deploy(load_config(str(config_file)), message=message, force=force)


@main.command()
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Where to write the schemas.",
)
@verbose_option
@reports_errors
def schema(out: Path, verbose: bool) -> None:
    """Write JSON Schema for every content file type, and the editor settings that use them."""
    import json

    from builder.schema import editor_settings, write

    here = Path.cwd().resolve()
    if not out.resolve().is_relative_to(here):
        # The editor settings name the schemas by their path in the project.
        raise DatelineError(
            f"--out {out}: lies outside the current folder; choose a folder of the project, "
            "such as schemas"
        )
    for path in write(out):
        click.echo(f"wrote {path}")
    settings = Path(".vscode") / "settings.json"
    current = json.loads(settings.read_text()) if settings.is_file() else {}
    settings.parent.mkdir(exist_ok=True)
    folder = out.resolve().relative_to(here).as_posix()
    settings.write_text(json.dumps({**current, **editor_settings(folder)}, indent=2) + "\n")
    click.echo(f"wrote {settings}")


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@verbose_option
@reports_errors
def init(folder: Path, verbose: bool) -> None:
    """Start a new site in FOLDER (new or empty): mkdocs.yml, content with one example story,
    charts, docs, the editor schemas and the publishing workflow. It builds at once."""
    from builder.init import init_site

    written = init_site(folder)
    click.echo(f"wrote {len(written)} files in {folder}")
    click.echo(f"next: cd {folder} && dateline serve   (then replace the example story)")


@main.command()
@config_file_option
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder to write (new or empty): mkdocs.yml, docs/ and overrides/.",
)
@verbose_option
@reports_errors
def generate(config_file: Path, out: Path, verbose: bool) -> None:
    """Write the site's pages and assets as a plain MkDocs project in OUT, without the
    dateline plugin, for any MkDocs-compatible builder (Zensical: `zensical build -f
    OUT/mkdocs.yml`)."""
    from builder.standalone import write_standalone

    paths = _project_paths(config_file)
    written = write_standalone(paths, config_file.resolve(), out)
    click.echo(f"wrote {written} files in {out}")


def _project_paths(config_file: Path) -> ProjectPaths:
    """Content folders as the site's mkdocs.yml configures the dateline plugin."""
    options = _plugin_options(config_file)
    docs = str(read_mkdocs_yml(config_file).get("docs_dir") or "docs")
    return ProjectPaths.at(
        config_file.resolve().parent, options.content_dir, options.charts_dir, docs
    )


def _setup(config: Any) -> str:
    """What every page of the site is made with, besides the content (`builder.manifest`)."""
    from builder.manifest import setup_digest
    from builder.render import SiteSettings

    custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    return setup_digest(Path(config.config_file_path), custom_dir, SiteSettings.of(config))


def _plugin_options(config_file: Path) -> DatelineConfig:
    """The dateline plugin's options in the site's mkdocs.yml (its defaults where not given)."""
    if not config_file.is_file():
        raise DatelineError(f"{config_file}: no such file (run from the site's folder or use -f)")
    # Only the plugin's folder options are read here, so that `check` stays fast and never
    # runs the rest of MkDocs; the plugin reads the same options through MkDocs.
    config = read_mkdocs_yml(config_file)
    options = DatelineConfig()
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("dateline"), dict):
            options.load_dict(plugin["dateline"])
    failed, _warnings = options.validate()
    if failed:
        raise DatelineError(
            f"{config_file}: dateline plugin: "
            + "; ".join(f"{name}: {error}" for name, error in failed)
        )
    return options


def _show_mkdocs_log(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    # Ours always: the chart progress and what the build made, but not MkDocs' every step.
    logging.getLogger("mkdocs.plugins.dateline").setLevel(logging.INFO)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
