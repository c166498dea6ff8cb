"""A small botocore wheel without its last 10 bytes."""

from pathlib import Path

from bad_input_makers import small_wheel


def make(folder: Path) -> None:
    (folder / "botocore-9.9.9-py3-none-any.whl").write_bytes(small_wheel()[:-10])
