"""A cache whose 1.37.22 wheel looks complete but is no zip."""

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
    target = folder / "cache/wheels/botocore/1.37.22/botocore-1.37.22-py3-none-any.whl"
    target.parent.mkdir(parents=True)
    # Garbage, then an end-of-directory record pointing at a directory that is not
    # there: it looks complete, and does not open.
    end = b"PK\x05\x06" + bytes(4) + (1).to_bytes(2, "little") * 2 \
        + (46).to_bytes(4, "little") + (10).to_bytes(4, "little") + bytes(2)
    target.write_bytes(b"garbage " * 8 + end)
