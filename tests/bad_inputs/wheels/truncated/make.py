"""The first half of a small botocore wheel."""

import io
import json
import zipfile
from pathlib import Path

MODEL = "botocore/data/svc/2020-01-01/service-2.json"


def wheel(compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A small botocore wheel: one service, svc, whose model is 20 kB of JSON."""
    model = {"metadata": {"apiVersion": "2020-01-01", "documentation": "x" * 20_000},
             "operations": {}, "shapes": {}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("botocore/__init__.py", "__version__ = '9.9.9'\n")
        archive.writestr(MODEL, json.dumps(model))
        archive.writestr("botocore-9.9.9.dist-info/METADATA", "Name: botocore\nVersion: 9.9.9\n")
    return buffer.getvalue()


def make(folder: Path) -> None:
    whole = wheel()
    (folder / "botocore-9.9.9-py3-none-any.whl").write_bytes(whole[: len(whole) // 2])
