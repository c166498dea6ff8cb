"""The first half of a small botocore wheel."""

from pathlib import Path

from bad_input_makers import small_wheel


def make(folder: Path) -> None:
    whole = small_wheel()
    (folder / "botocore-9.9.9-py3-none-any.whl").write_bytes(whole[: len(whole) // 2])
