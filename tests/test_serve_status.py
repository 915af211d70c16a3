"""While serving, each build leaves the script every page loads and the errors it shows:
the content's errors after an invalid save, nothing once it is fixed."""

from __future__ import annotations

import json
from pathlib import Path

from builder.serve_status import write_status

ASSET = Path(__file__).parents[1] / "builder" / "assets" / "serve-status.js"
ERRORS = (
    "content/places.yml:2: name.ar: contains an invisible character; delete it\n"
    "  2 |   name: {en: Hama, ar: حماة}\n"
    "1 error in content"
)


def test_an_invalid_build_leaves_its_errors_beside_the_script(tmp_path: Path) -> None:
    write_status(tmp_path, ERRORS)
    assert (tmp_path / "dateline" / "serve-status.js").read_bytes() == ASSET.read_bytes()
    status = (tmp_path / "dateline" / "serve-status.json").read_text(encoding="utf-8")
    assert json.loads(status) == {"errors": ERRORS}
    assert "حماة" in status  # as written, not as \u escapes


def test_a_valid_build_clears_the_errors_of_the_one_before(tmp_path: Path) -> None:
    write_status(tmp_path, ERRORS)
    write_status(tmp_path, None)
    assert json.loads((tmp_path / "dateline" / "serve-status.json").read_text()) == {}
    write_status(tmp_path, "")
    assert json.loads((tmp_path / "dateline" / "serve-status.json").read_text()) == {}
