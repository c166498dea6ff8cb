"""A wheel whose model member names the service ``..``."""

import io
import zipfile
from pathlib import Path


def make(folder: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("botocore/__init__.py", "__version__ = '9.9.9'\n")
        archive.writestr("botocore/data/../2020-01-01/service-2.json", '{"shapes": {}}')
    (folder / "botocore-9.9.9-py3-none-any.whl").write_bytes(buffer.getvalue())
