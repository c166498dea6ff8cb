"""A text file named like a wheel."""

from pathlib import Path


def make(folder: Path) -> None:
    (folder / "botocore-9.9.9-py3-none-any.whl").write_text("this is no zip\n")
