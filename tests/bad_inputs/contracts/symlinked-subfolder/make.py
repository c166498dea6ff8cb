"""contracts/team is a link to shared/, which holds the contract of unknown-clause-key."""

import shutil
from pathlib import Path


def make(folder: Path) -> None:
    source = Path(__file__).parent.parent / "unknown-clause-key" / "contracts" / "studio.yaml"
    (folder / "shared").mkdir()
    shutil.copy(source, folder / "shared" / "studio.yaml")
    (folder / "contracts").mkdir()
    (folder / "contracts" / "team").symlink_to(folder / "shared", target_is_directory=True)
