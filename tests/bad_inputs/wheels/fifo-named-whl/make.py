"""A FIFO no one writes to, where a wheel should be."""

import os
from pathlib import Path


def make(folder: Path) -> None:
    os.mkfifo(folder / "botocore-9.9.9-py3-none-any.whl")
