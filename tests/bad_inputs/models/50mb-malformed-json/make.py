"""50 MB of JSON that never ends: an open list, cut off."""

from pathlib import Path

SIZE = 50 * 1024 * 1024


def make(folder: Path) -> None:
    target = folder / "svc" / "2020-01-01" / "service-2.json"
    target.parent.mkdir(parents=True)
    item = b'"' + b"x" * 1000 + b'",'
    with target.open("wb") as out:
        out.write(b'{"metadata": {}, "operations": {}, "shapes": [')
        for _ in range(SIZE // len(item)):
            out.write(item)
        out.write(b"")
