"""tests/lockfiles/uv.lock with the botocore wheel's size (line 30) grown to 5,000 digits."""

from pathlib import Path


def make(folder: Path) -> None:
    repo = Path(__file__).resolve().parents[4]
    text = (repo / "tests" / "lockfiles" / "uv.lock").read_text()
    assert "size = 13436527," in text
    (folder / "uv.lock").write_text(text.replace("size = 13436527,", f"size = {'9' * 5000},"))
