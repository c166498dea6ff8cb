"""What the ``make.py`` of several bad-input cases build on (tests/bad_inputs/*/*/make.py)."""

from __future__ import annotations

import io
import json
import zipfile

MODEL = "botocore/data/svc/2020-01-01/service-2.json"


def small_wheel(compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A small botocore wheel: one service, svc, whose model is 20 kB of JSON."""
    model = {
        "metadata": {"apiVersion": "2020-01-01", "documentation": "x" * 20_000},
        "operations": {},
        "shapes": {},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("botocore/__init__.py", "__version__ = '9.9.9'\n")
        archive.writestr(MODEL, json.dumps(model))
        archive.writestr("botocore-9.9.9.dist-info/METADATA", "Name: botocore\nVersion: 9.9.9\n")
    return buffer.getvalue()
