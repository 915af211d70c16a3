"""While serving, the open page shows the content's errors: an invalid save keeps the last
good pages served (`builder.plugin`), and the browser alone used to show nothing of it.

Every build while serving writes `dateline/serve-status.json` (the errors, or none) beside
a small script every page loads; MkDocs' live reload brings the browser back after each
build, and the script shows the errors above the page or nothing. A published site has
neither file: they are added only to a served one.
"""

from __future__ import annotations

import json
from importlib.resources import files as package_files
from pathlib import Path

STATUS_SCRIPT = "dateline/serve-status.js"
_STATUS = "dateline/serve-status.json"


def write_status(site_dir: Path, errors: str | None) -> None:
    """The script, and the errors of the last build (None when the content is valid)."""
    script = package_files("builder").joinpath("assets", "serve-status.js").read_bytes()
    (site_dir / STATUS_SCRIPT).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / STATUS_SCRIPT).write_bytes(script)
    status = {"errors": errors} if errors else {}
    (site_dir / _STATUS).write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
