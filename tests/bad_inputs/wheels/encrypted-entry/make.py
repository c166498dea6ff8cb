"""The small wheel with the encryption flag set on its model's central directory entry."""

import zipfile
from pathlib import Path

from bad_input_makers import MODEL, small_wheel


def make(folder: Path) -> None:
    whole = bytearray(small_wheel(zipfile.ZIP_STORED))
    entry = whole.index(b"PK\x01\x02")
    while not whole[entry + 46 :].startswith(MODEL.encode()):
        entry = whole.index(b"PK\x01\x02", entry + 4)
    whole[entry + 8] |= 0x01  # general purpose flag bit 0: encrypted
    (folder / "botocore-9.9.9-py3-none-any.whl").write_bytes(bytes(whole))
