"""The text changelog's layout on synthetic releases (data folders), through the real CLI: every
block kind of cli.md, and deltas for lists, maps, enum sets, recursion and type changes."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path
from typing import Any

from clirun import run_cli
from goldens import Goldens
from synthetic import operation


def write_release(root: Path, shapes: dict[str, Any], operations: dict[str, Any]) -> Path:
    folder = root / "botocore" / "data" / "demo" / "2020-01-01"
    folder.mkdir(parents=True)
    model = {
        "version": "2.0",
        "metadata": {
            "serviceFullName": "Demo Service",
            "protocol": "json",
            "endpointPrefix": "demo",
        },
        "operations": operations,
        "shapes": shapes,
    }
    (folder / "service-2.json").write_text(json.dumps(model))
    return root


S = {"type": "string"}
OLD_SHAPES = {
    "S": S,
    "Color": {"type": "string", "enum": ["RED", "GREEN"]},
    "Node": {
        "type": "structure",
        "members": {"Name": {"shape": "S"}, "Children": {"shape": "Nodes"}},
    },
    "Nodes": {"type": "list", "member": {"shape": "Node"}},
    "Labels": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "Label"}},
    "Label": {"type": "structure", "members": {"Text": {"shape": "S"}}},
    "PutIn": {
        "type": "structure",
        "required": ["Id"],
        "members": {
            "Id": {"shape": "S"},
            "Color": {"shape": "Color"},
            "Tree": {"shape": "Node"},
            "Labels": {"shape": "Labels"},
            "Size": {"shape": "S"},
            "Gone": {"shape": "S"},
        },
    },
    "PutOut": {"type": "structure", "members": {"Color": {"shape": "Color"}}},
    "Same": {"type": "structure", "members": {"Color": {"shape": "Color"}}},
}
NEW_SHAPES = {
    **OLD_SHAPES,
    "Color": {"type": "string", "enum": ["RED", "GREEN", "BLUE"]},
    "Int": {"type": "integer"},
    "Node": {
        "type": "structure",
        "members": {
            "Name": {"shape": "S"},
            "Children": {"shape": "Nodes"},
            "Parent": {"shape": "Node"},
        },
    },
    "Label": {"type": "structure", "members": {"Text": {"shape": "S"}, "Lang": {"shape": "Color"}}},
    "PutIn": {
        "type": "structure",
        "required": ["Id", "Color"],
        "members": {
            "Id": {"shape": "S"},
            "Color": {"shape": "Color"},
            "Tree": {"shape": "Node"},
            "Labels": {"shape": "Labels"},
            "Size": {"shape": "Int"},
        },
    },
}
OLD_OPS = {
    "Put": operation("Put", "PutIn", "PutOut"),
    "Both": operation("Both", "Same", "Same"),
    "Drop": operation("Drop", None, None),
}
NEW_OPS = {
    "Put": operation("Put", "PutIn", "PutOut"),
    "Both": operation("Both", "Same", "Same"),
    "Add": operation("Add", "Same", None),
}


def test_text_changelog_layout(tmp_path: Path, goldens: Goldens) -> None:
    old = write_release(tmp_path / "old", OLD_SHAPES, OLD_OPS)
    new = write_release(tmp_path / "new", NEW_SHAPES, NEW_OPS)
    done = run_cli("changelog", str(old), str(new), "--date", "2025-01-02")
    assert done.returncode == 0, done.stderr
    goldens.check("changelog-synthetic-layout.txt", done.stdout)
    request = ast.literal_eval(done.stdout.split("Request\n")[1].split("Response\n")[0])
    # A map on the path adds no key level; a scalar that changed type shows nothing.
    assert request["Labels"] == {"Lang": "RED | GREEN | BLUE"}
    assert "Size" not in request


def test_not_in_the_published_format_lists_in_the_order_of_every_table(tmp_path: Path) -> None:
    # Gravest first, then by path, rule and message (reports.common.severity_order): the text
    # changelog's list of what its layout cannot show is ordered as the Markdown table is.
    old = write_release(tmp_path / "old", OLD_SHAPES, OLD_OPS)
    new = write_release(tmp_path / "new", NEW_SHAPES, NEW_OPS)
    listed = []
    for fmt in ("text", "markdown"):
        done = run_cli("changelog", str(old), str(new), "--format", fmt)
        assert done.returncode == 0, done.stderr
        listed.append(done.stdout)
    text, markdown = listed
    unshown = text.split("Not in the published format:\n")[1].splitlines()
    in_text = [tuple(line.split()[1:3]) for line in unshown]
    rows = [line.split(" | ") for line in markdown.splitlines() if line.startswith("| ")]
    in_table = [(rule.strip("`"), path) for _, rule, path, _ in rows[1:]]
    assert len(in_text) == 4
    assert in_text == [change for change in in_table if change in in_text]


def test_headline_shows_the_spec_without_a_date(tmp_path: Path) -> None:
    old = write_release(tmp_path / "old", OLD_SHAPES, OLD_OPS)
    new = write_release(tmp_path / "new", NEW_SHAPES, NEW_OPS)
    done = run_cli("changelog", str(old), str(new))
    headline = f"{new} - Demo Service - 1 new 2 updated api methods"
    assert done.stdout.splitlines()[0] == headline


def test_enum_sets_print_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    # A set short enough for one line is printed by its repr, in hash order: string hashes change
    # with PYTHONHASHSEED, so the changelog must order set members itself.
    added = ["RED", "GREEN", "BLUE", "CYAN", "MAGENTA", "YELLOW", "BLACK"]
    shapes = {
        "S": S,
        "Color": {"type": "string", "enum": ["WHITE"]},
        "In": {"type": "structure", "members": {"Color": {"shape": "Color"}}},
    }
    ops = {"Paint": operation("Paint", "In", None)}
    old = write_release(tmp_path / "old", shapes, ops)
    new_color = {"type": "string", "enum": ["WHITE", *added]}
    new = write_release(tmp_path / "new", {**shapes, "Color": new_color}, ops)
    seen: dict[str, str] = {}
    for fmt in ("text", "markdown", "html"):
        outputs = set()
        for seed in ("1", "2", "3"):
            done = run_cli(
                "changelog",
                str(old),
                str(new),
                "--date",
                "2025-01-02",
                "--format",
                fmt,
                env={**os.environ, "PYTHONHASHSEED": seed},
            )
            assert done.returncode == 0, done.stderr
            outputs.add(done.stdout)
        assert len(outputs) == 1, fmt
        seen[fmt] = outputs.pop()
    assert (
        "{'Color': {'BLACK', 'BLUE', 'CYAN', 'GREEN', 'MAGENTA', 'RED', 'YELLOW'}}" in seen["text"]
    )
