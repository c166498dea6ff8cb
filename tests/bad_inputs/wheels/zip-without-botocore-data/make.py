"""A wheel of a project that is not botocore."""

import zipfile
from pathlib import Path


def make(folder: Path) -> None:
    with zipfile.ZipFile(folder / "other-1.0-py3-none-any.whl", "w") as out:
        out.writestr("other/__init__.py", "")
        out.writestr("other-1.0.dist-info/METADATA", "Name: other\n")
