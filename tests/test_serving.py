"""What a serving run keeps between rebuilds: compiled templates, the collector's timing,
the setup's stamp."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

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
