"""A botocore wheel of about 1 MB whose model, a gzip, inflates to 1 GiB of zeros."""

from pathlib import Path

from bad_input_makers import bomb_wheel


def make(folder: Path) -> None:
    (folder / "botocore-9.9.9-py3-none-any.whl").write_bytes(bomb_wheel(1 << 30))
