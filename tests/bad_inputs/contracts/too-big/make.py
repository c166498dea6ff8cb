"""A contract padded with a comment to 17 MiB."""

from pathlib import Path


def make(folder: Path) -> None:
    (folder / "contracts").mkdir()
    text = b"botocontract: 1\nservice: sagemaker\nclauses: []\n#" + b"x" * (17 << 20) + b"\n"
    (folder / "contracts" / "studio.yaml").write_bytes(text)
