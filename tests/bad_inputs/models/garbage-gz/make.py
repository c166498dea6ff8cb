"""A real gzip header, then garbage."""

import gzip
from pathlib import Path


def make(folder: Path) -> None:
    target = folder / "sagemaker" / "2017-07-24" / "service-2.json.gz"
    target.parent.mkdir(parents=True)
    target.write_bytes(gzip.compress(b"{}", mtime=0)[:10] + b"\xff garbage " * 200)
