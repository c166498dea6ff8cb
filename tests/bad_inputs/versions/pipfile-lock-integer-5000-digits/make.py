"""tests/lockfiles/Pipfile.lock with its pipfile-spec (line 6) grown to 5,000 digits."""

from pathlib import Path


def make(folder: Path) -> None:
    repo = Path(__file__).resolve().parents[4]
    text = (repo / "tests" / "lockfiles" / "Pipfile.lock").read_text()
    assert '"pipfile-spec": 6,' in text
    (folder / "Pipfile.lock").write_text(
        text.replace('"pipfile-spec": 6,', f'"pipfile-spec": {"9" * 5000},')
    )
