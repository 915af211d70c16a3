"""What a serving run keeps between rebuilds: compiled templates, the collector's timing,
the setup's stamp."""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.theme import Theme
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from builder import serving


def test_theme_templates_compiled_once_while_serving_and_again_when_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    template = tmp_path / "main.html"
    template.write_text("<p>{{ 1 + 1 }}</p>")
    cache = serving.CompiledTemplates()
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, *args: object, **kwargs: object) -> object:
        compiled.append(source)
        return real(self, source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)

    def rebuild() -> str:  # each rebuild makes a new environment, as MkDocs does
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))
        env.bytecode_cache = cache
        return env.get_template("main.html").render()

    assert [rebuild(), rebuild()] == ["<p>2</p>", "<p>2</p>"]
    assert len(compiled) == 1
    template.write_text("<p>{{ 2 + 2 }}</p>")
    assert rebuild() == "<p>4</p>" and len(compiled) == 2


def test_while_serving_the_full_collection_runs_between_builds() -> None:
    # A full pass of the garbage collector in the middle of a story edit scanned the whole
    # site; it runs once a build is over, and what is alive then is left out of the next.
    idle = serving.IdleCollection()
    gc.unfreeze()
    try:
        idle.schedule()
        # A build started: what is alive is left out of its passes, and no full pass runs.
        idle.put_off()
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
        # The put-off pass never runs: its timer thread ends without collecting.
        assert idle._timer is not None
        idle._timer.join(timeout=60)
        assert not idle._timer.is_alive()
        assert gc.get_freeze_count() == 0
        idle.schedule()
        idle._timer.join(timeout=60)  # the pass itself, once the delay is over
        assert gc.get_freeze_count() > 0
    finally:
        idle.cancel()
        gc.unfreeze()


def test_the_setup_changes_when_mkdocs_yml_or_the_theme_does(tmp_path: Path) -> None:
    config, theme = tmp_path / "mkdocs.yml", tmp_path / "overrides"
    config.write_text("site_name: A\n")
    theme.mkdir()
    stamp = serving.SetupStamp()
    assert not stamp.changed(config, theme)  # the first build has nothing to compare with
    assert not stamp.changed(config, theme)
    (theme / "main.html").write_text("{% extends 'base.html' %}")
    assert stamp.changed(config, theme)
    assert not stamp.changed(config, theme)
    config.write_text("site_name: B\n")
    # A later modification time, whatever the file system's clock resolution.
    before = config.stat()
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert stamp.changed(config, theme)


def theme_files(theme: Theme) -> list[str]:
    """The theme's files MkDocs copies into the site, as a build lists them."""
    config = MkDocsConfig()
    config.load_dict({"site_name": "A", "site_dir": "/tmp/site", "docs_dir": "docs"})
    config.theme = theme
    files = Files([])
    files.add_files_from_theme(theme.get_env(), config)
    return sorted(f.src_uri for f in files)


def test_the_theme_s_files_are_listed_once_and_again_when_the_setup_changed(
    tmp_path: Path,
) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "assets").mkdir(parents=True)
    (overrides / "assets" / "logo.svg").write_text("<svg/>")
    listing = serving.ThemeListing()
    first = Theme(name="material", custom_dir=str(overrides))
    listing.keep(first, again=False)
    listed = theme_files(first)
    assert "assets/logo.svg" in listed and listed == theme_files(
        Theme(name="material", custom_dir=str(overrides))
    )
    (overrides / "assets" / "added.svg").write_text("<svg/>")
    second = Theme(name="material", custom_dir=str(overrides))  # the next rebuild's
    listing.keep(second, again=False)
    assert theme_files(second) == listed  # kept: the setup did not change
    third = Theme(name="material", custom_dir=str(overrides))
    listing.keep(third, again=True)
    assert theme_files(third) == sorted([*listed, "assets/added.svg"])


def test_a_whole_generation_leaves_what_it_made_out_of_the_collector_s_passes() -> None:
    gc.freeze()  # what a last generation left
    try:
        with serving.whole_generation():
            assert gc.get_freeze_count() == 0  # collectable again while the next is made
            made = [object() for _ in range(1000)]
        assert gc.get_freeze_count() >= len(made)
        gc.unfreeze()
        with pytest.raises(ValueError), serving.whole_generation():
            raise ValueError("invalid content")
        assert gc.get_freeze_count() == 0  # nothing new is kept when it fails
    finally:
        gc.unfreeze()


def test_the_observer_tells_of_a_save_and_not_of_a_file_only_read(tmp_path: Path) -> None:
    """A build reads every content file; were reading one a change, every rebuild would
    start another. Events arrive in order, so the read (done first) would be told first."""
    page = tmp_path / "story.md"
    page.write_text("before")
    told: list[FileSystemEvent] = []
    saved = threading.Event()

    def tell(event: FileSystemEvent) -> None:
        told.append(event)
        if event.event_type == "modified" and not event.is_directory:
            saved.set()

    handler = FileSystemEventHandler()
    handler.on_any_event = tell  # type: ignore[method-assign]
    observer = serving.ChangesObserver()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        assert page.read_text() == "before"
        page.write_text("after")
        assert saved.wait(timeout=30)
    finally:
        observer.stop()
        observer.join()
    kinds = {event.event_type for event in told if not event.is_directory}
    assert "modified" in kinds and not kinds & {"opened", "closed_no_write"}


def test_dateline_serve_is_told_of_saves_by_the_system() -> None:
    server = serving.EventDrivenServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    assert isinstance(server.observer, serving.ChangesObserver)
    server.server_close()
