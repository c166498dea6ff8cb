"""What a command loads: each imports what it runs, so that a diff does not pay at start-up for the
contracts machinery, the scanner, YAML, JSON Schema or lock-file parsing (``api`` imports a use
case inside the function that runs it). Absent modules are asserted, never timings, which a busy
machine would make flaky."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from botocontract.reports import DIFF_FORMATS
from synthetic import Model, svc

# What a diff of two releases has no use for, in any format.
NOT_FOR_A_DIFF = (
    "botocontract.changelog",
    "botocontract.contracts",
    "botocontract.contracts.evaluate",
    "botocontract.fixtures",
    "botocontract.gate",
    "botocontract.history",
    "botocontract.rules.ignore",
    "botocontract.scan",
    "botocontract.show",
    "botocontract.sources.index",
    "botocontract.sources.pins",
    "botocontract.yamlfile",
    "concurrent.futures",  # worker processes, for many changed models only
    "filelock",
    "jsonschema",
    "multiprocessing",
    "packaging.markers",
    "packaging.requirements",
    "rich",
    "yaml",
)

# Runs the command in this interpreter, then names every module loaded, on stderr.
DIFF_THEN_MODULES = """
import json, sys
from botocontract.cli import run
code = run(["diff", *sys.argv[1:]])
sys.stdout.flush()
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def model_file(root: Path, model: Model) -> str:
    """A single ``service-2.json`` under ``svc/<api-version>/``: its path, as a spec."""
    target = root / "svc" / "2020-01-01" / "service-2.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(model.raw), encoding="utf-8")
    return str(target)


@pytest.mark.parametrize("fmt", sorted(DIFF_FORMATS))
def test_a_diff_loads_no_use_case_but_its_own(tmp_path: Path, fmt: str) -> None:
    old = model_file(tmp_path / "old", svc(req={"A": "S"}))
    new = model_file(tmp_path / "new", svc(req={"A": "I", "B": "S"}))
    done = subprocess.run(
        [sys.executable, "-c", DIFF_THEN_MODULES, old, new, "--format", fmt, "--fail-on", "never"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Op.request.A" in done.stdout  # the diff ran, and found the changed member
    loaded = set(json.loads(done.stderr.splitlines()[-1]))
    assert {"botocontract.diff.release", "botocontract.rules.judge"} <= loaded
    assert sorted(loaded.intersection(NOT_FOR_A_DIFF)) == []
