"""100,000 nested lists."""

from pathlib import Path


def make(folder: Path) -> None:
    target = folder / "svc" / "2020-01-01" / "service-2.json"
    target.parent.mkdir(parents=True)
    target.write_text("[" * 100_000 + "]" * 100_000)
