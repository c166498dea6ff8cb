"""A botocore data folder with one service, and a link to /proc beside it."""

import json
from pathlib import Path


def make(folder: Path) -> None:
    model = folder / "data" / "svc" / "2020-01-01" / "service-2.json"
    model.parent.mkdir(parents=True)
    model.write_text(json.dumps({"metadata": {}, "operations": {}, "shapes": {}}))
    (folder / "data" / "proc").symlink_to("/proc", target_is_directory=True)
