"""A FIFO no one writes to, named like release notes."""

import os
from pathlib import Path


def make(folder: Path) -> None:
    os.mkfifo(folder / "CHANGELOG.rst")
