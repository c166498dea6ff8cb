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


def gzip_bomb(inflated: int) -> bytes:
    """A gzip file of ``inflated`` zero bytes: about a thousandth of that, compressed. Built a
    mebibyte at a time, so that making a bomb does not take the memory it would."""
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(inflated >> 20)]
    return b"".join([*parts, packer.compress(bytes(inflated % (1 << 20))), packer.flush()])


def bomb_wheel(inflated: int) -> bytes:
    """A botocore wheel whose svc model is a ``service-2.json.gz`` inflating to ``inflated``
    bytes (the zip directory tells only the compressed size of the gzip, as real wheels do)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("botocore/__init__.py", "__version__ = '9.9.9'\n")
        archive.writestr(MODEL + ".gz", gzip_bomb(inflated))
        archive.writestr("botocore-9.9.9.dist-info/METADATA", "Name: botocore\nVersion: 9.9.9\n")
    return buffer.getvalue()
