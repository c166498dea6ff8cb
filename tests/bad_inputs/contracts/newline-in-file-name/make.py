"""The contract of unknown-clause-key, in a file whose name holds a newline."""

import shutil
from pathlib import Path


def make(folder: Path) -> None:
    source = Path(__file__).parent.parent / "unknown-clause-key" / "contracts" / "studio.yaml"
    (folder / "contracts").mkdir()
    shutil.copy(source, folder / "contracts" / "stu\ndio.yaml")
