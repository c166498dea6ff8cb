"""A pyproject.toml whose [tool.botocontract] table sets fail-on to a 5,000-digit integer, on
line 7."""

from pathlib import Path


def make(folder: Path) -> None:
    text = (
        "[project]\n"
        'name = "studio-tools"\n'
        'version = "1.0"\n'
        "\n"
        "[tool.botocontract]\n"
        'contracts = "contracts"\n'
        f"fail-on = {'9' * 5000}\n"
    )
    (folder / "pyproject.toml").write_text(text)
