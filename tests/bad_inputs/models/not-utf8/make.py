"""svc/2020-01-01/service-2.json: the UTF-8 text beside it with a byte 0xFF put in at offset 38."""

from pathlib import Path


def make(folder: Path) -> None:
    template = folder / "svc/2020-01-01/service-2.json.utf8"
    text = template.read_bytes()
    (folder / "svc/2020-01-01/service-2.json").write_bytes(text[:38] + b"\xff" + text[38:])
    template.unlink()
