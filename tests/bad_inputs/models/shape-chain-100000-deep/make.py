"""A model whose request nests 100,000 structures deep."""

import json
from pathlib import Path

DEPTH = 100_000


def make(folder: Path) -> None:
    shapes = {
        f"S{i}": {"type": "structure", "members": {"Next": {"shape": f"S{i + 1}"}}}
        for i in range(DEPTH)
    }
    shapes[f"S{DEPTH}"] = {"type": "string"}
    model = {
        "metadata": {"apiVersion": "2020-01-01"},
        "operations": {
            "Op": {
                "name": "Op",
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": "S0"},
            }
        },
        "shapes": shapes,
    }
    target = folder / "svc" / "2020-01-01" / "service-2.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(model))
