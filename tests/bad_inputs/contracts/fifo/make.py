"""A FIFO no one writes to, named like a contract."""

import os
from pathlib import Path


def make(folder: Path) -> None:
    (folder / "contracts").mkdir()
    os.mkfifo(folder / "contracts" / "studio.yaml")
