"""A cache whose 1.37.22 wheel is cut off in the middle."""

from pathlib import Path

from bad_input_makers import small_wheel


def make(folder: Path) -> None:
    target = folder / "cache/wheels/botocore/1.37.22/botocore-1.37.22-py3-none-any.whl"
    target.parent.mkdir(parents=True)
    whole = small_wheel()
    target.write_bytes(whole[: len(whole) // 2])
