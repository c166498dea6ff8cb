"""A .changes file of one api-change entry whose description is a 5,000-digit number, on line 4."""

from pathlib import Path


def make(folder: Path) -> None:
    text = (
        "[\n"
        "  {\n"
        '    "category": "``sagemaker``",\n'
        f'    "description": {"9" * 5000},\n'
        '    "type": "api-change"\n'
        "  }\n"
        "]\n"
    )
    (folder / "1.37.22.json").write_text(text)
