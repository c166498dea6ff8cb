"""A small botocore wheel with one byte of its model changed."""

import zipfile
from pathlib import Path

from bad_input_makers import small_wheel


def make(folder: Path) -> None:
    whole = bytearray(small_wheel(zipfile.ZIP_STORED))
    at = whole.index(b"xxxxxxxxxx")
    whole[at] = ord("y")
    (folder / "botocore-9.9.9-py3-none-any.whl").write_bytes(bytes(whole))
