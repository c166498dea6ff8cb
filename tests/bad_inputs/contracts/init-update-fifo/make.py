"""A FIFO no one writes to, where init --update finds the contract to merge into."""

import os
from pathlib import Path


def make(folder: Path) -> None:
    (folder / "contracts").mkdir()
    os.mkfifo(folder / "contracts" / "sagemaker.yaml")
