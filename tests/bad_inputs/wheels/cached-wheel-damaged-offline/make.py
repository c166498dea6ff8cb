"""A cache whose 1.37.22 wheel looks complete but is no zip."""

from pathlib import Path


def make(folder: Path) -> None:
    target = folder / "cache/wheels/botocore/1.37.22/botocore-1.37.22-py3-none-any.whl"
    target.parent.mkdir(parents=True)
    # Garbage, then an end-of-directory record pointing at a directory that is not
    # there: it looks complete, and does not open.
    end = (
        b"PK\x05\x06"
        + bytes(4)
        + (1).to_bytes(2, "little") * 2
        + (46).to_bytes(4, "little")
        + (10).to_bytes(4, "little")
        + bytes(2)
    )
    target.write_bytes(b"garbage " * 8 + end)
