"""A FIFO no one writes to, where a model should be."""

import os
from pathlib import Path


def make(folder: Path) -> None:
    target = folder / "sagemaker" / "2017-07-24"
    target.mkdir(parents=True)
    os.mkfifo(target / "service-2.json")
