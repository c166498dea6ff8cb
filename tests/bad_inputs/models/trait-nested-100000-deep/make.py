"""A model whose string shape S has an unknown key x-custom nested 100,000 lists deep."""

import json
from pathlib import Path


def make(folder: Path) -> None:
    model = {
        "metadata": {"apiVersion": "2020-01-01"},
        "operations": {
            "Op": {
                "name": "Op",
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": "R"},
            }
        },
        "shapes": {
            "R": {"type": "structure", "members": {"A": {"shape": "S"}}},
            "S": {"type": "string", "x-custom": "@@"},
        },
    }
    text = json.dumps(model).replace('"@@"', "[" * 100_000 + "]" * 100_000)
    target = folder / "svc" / "2020-01-01" / "service-2.json"
    target.parent.mkdir(parents=True)
    target.write_text(text)
