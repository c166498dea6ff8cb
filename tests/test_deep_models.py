"""Models nested far deeper than any real one (a thousand levels) are still walked, shown and
diffed; only the absurd (a hundred thousand, tests/bad_inputs) are refused, in one line."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import run_cli
from documents import path_changes

DEPTH = 1000


def chain(root: Path, leaf: str) -> Path:
    shapes = {
        f"S{i}": {"type": "structure", "members": {"Next": {"shape": f"S{i + 1}"}}}
        for i in range(DEPTH)
    }
    shapes[f"S{DEPTH}"] = {"type": leaf}
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
    target = root / "svc" / "2020-01-01" / "service-2.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(model))
    return root


def test_a_thousand_levels_are_shown_and_diffed(tmp_path: Path) -> None:
    old, new = chain(tmp_path / "old", "string"), chain(tmp_path / "new", "integer")
    shown = run_cli("show", str(old), "svc", "Op")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.count("Next") == DEPTH
    done = run_cli("diff", str(old), str(new), "--format", "json")
    assert done.returncode == 1, done.stderr  # a breaking change, found at the bottom
    change = path_changes(json.loads(done.stdout)["services"])[0]
    assert (change["rule"], change["path"]) == (
        "request-type-changed",
        "Op.request" + ".Next" * DEPTH,
    )
