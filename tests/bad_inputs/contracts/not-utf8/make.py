"""contracts/studio.yaml: the UTF-8 text beside it with a byte 0xFF put in at offset 29."""

from pathlib import Path


def make(folder: Path) -> None:
    template = folder / "contracts/studio.yaml.utf8"
    text = template.read_bytes()
    (folder / "contracts/studio.yaml").write_bytes(text[:29] + b"\xff" + text[29:])
    template.unlink()
