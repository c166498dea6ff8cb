"""A small botocore wheel with 30 bytes of its compressed model flipped."""

from pathlib import Path

from bad_input_makers import MODEL, small_wheel


def make(folder: Path) -> None:
    whole = bytearray(small_wheel())
    at = whole.index(MODEL.encode()) + len(MODEL) + 20
    whole[at : at + 30] = bytes(b ^ 0xFF for b in whole[at : at + 30])
    (folder / "botocore-9.9.9-py3-none-any.whl").write_bytes(bytes(whole))
