"""The contract of unknown-clause-key, behind a UTF-8 byte order mark (as Windows editors save)."""

from pathlib import Path


def make(folder: Path) -> None:
    source = Path(__file__).parent.parent / "unknown-clause-key" / "contracts" / "studio.yaml"
    (folder / "contracts").mkdir()
    (folder / "contracts" / "studio.yaml").write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
