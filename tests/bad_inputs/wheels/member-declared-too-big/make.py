"""A botocore wheel whose model is 65 MiB of spaces, deflated to a few dozen kB."""

import io
import zipfile
from pathlib import Path

from bad_input_makers import MODEL


def make(folder: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("botocore/__init__.py", "__version__ = '9.9.9'\n")
        archive.writestr(MODEL, b"{}" + b" " * (65 << 20))
    (folder / "botocore-9.9.9-py3-none-any.whl").write_bytes(buffer.getvalue())
