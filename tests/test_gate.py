"""The upgrade gate through the real CLI: 1.37.21 -> 1.37.22 passes; synthetic candidates that
break what the contract pins fail, naming the clause and the rule."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from botocontract import api
from clirun import run_cli
from documents import path_changes

pytestmark = pytest.mark.network
REPO = Path(__file__).parent.parent


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "contracts", tmp_path / "contracts")
    shutil.copytree(REPO / "fixtures", tmp_path / "fixtures")
    return tmp_path


def candidate(root: Path, mutate: Callable[[dict[str, Any]], None]) -> Path:
    """A botocore data folder holding 1.37.22's sagemaker model, changed by ``mutate``."""
    release = api.release("1.37.22")
    model = release.load_service("sagemaker")
    raw = orjson.loads(orjson.dumps(model.raw))
    mutate(raw)
    folder = root / "candidate" / "botocore" / "data" / "sagemaker" / model.api_version
    folder.mkdir(parents=True)
    (folder / "service-2.json.gz").write_bytes(gzip.compress(json.dumps(raw).encode()))
    return root / "candidate"


def drop_instance_type(raw: dict[str, Any]) -> None:
    raw["shapes"]["AppInstanceType"]["enum"].remove("ml.g6e.xlarge")


def recovery_mode_as_string(raw: dict[str, Any]) -> None:
    for shape in ("CreateAppRequest", "DescribeAppResponse"):
        raw["shapes"][shape]["members"]["RecoveryMode"]["shape"] = "String"


def gate(project: Path, new: str, *extra: str) -> tuple[int, dict[str, Any]]:
    done = run_cli(
        "gate", "--from", "1.37.22", "--to", new, "--format", "json", *extra, cwd=project
    )
    assert done.stderr == "", done.stderr
    return done.returncode, json.loads(done.stdout)


def test_upgrade_to_the_recovery_mode_release_passes(project: Path) -> None:
    done = run_cli("gate", "--from", "1.37.21", "--to", "1.37.22", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("botocontract gate 1.37.21 -> 1.37.22: PASS")
    assert "touches create-app-recovery-mode" in done.stdout


def test_a_removed_instance_type_fails_the_gate(project: Path) -> None:
    code, report = gate(project, str(candidate(project, drop_instance_type)))
    assert code == 1
    assert report["passed"] is False
    failed = {c["id"]: c["message"] for c in report["check"]["clauses"] if not c["passed"]}
    assert set(failed) == {
        "create-app-instance-types",
        "describe-app-instance-types",
        "create-app-request-tree",
        "describe-app-response-tree",
    }
    assert "ml.g6e.xlarge" in failed["create-app-instance-types"]
    fatal = [c for c in path_changes(report["diff"]["services"]) if c["fatal"]]
    assert {(c["rule"], c["path"]) for c in fatal} >= {
        ("request-enum-value-removed", "CreateApp.request.ResourceSpec.InstanceType=ml.g6e.xlarge"),
    }
    create = next(c for c in fatal if c["path"].startswith("CreateApp.request"))
    assert "create-app-instance-types" in create["touches"]


def test_recovery_mode_turned_into_a_string_fails_the_gate(project: Path) -> None:
    code, report = gate(project, str(candidate(project, recovery_mode_as_string)))
    assert code == 1
    failed = {c["id"]: c["message"] for c in report["check"]["clauses"] if not c["passed"]}
    assert "is a string" in failed["create-app-recovery-mode"]
    assert "is a string" in failed["describe-app-recovery-mode"]
    assert "create-app-call-with-recovery-mode" in failed  # True is not a string
    fatal = {
        (c["rule"], c["path"]): c["touches"]
        for c in path_changes(report["diff"]["services"])
        if c["fatal"]
    }
    assert (
        "create-app-recovery-mode"
        in fatal[("request-type-changed", "CreateApp.request.RecoveryMode")]
    )
    assert ("response-type-changed", "DescribeApp.response.RecoveryMode") in fatal
    text = run_cli(
        "gate", "--from", "1.37.22", "--to", str(project / "candidate"), cwd=project
    ).stdout
    assert "FATAL breaking request-type-changed" in text


def test_breaking_changes_elsewhere_are_reported_unless_strict(project: Path) -> None:
    def drop_unpinned(raw: dict[str, Any]) -> None:
        del raw["operations"]["DeleteApp"]

    new = str(candidate(project, drop_unpinned))
    code, report = gate(project, new)
    assert code == 0
    changes = path_changes(report["diff"]["services"])
    assert [(c["rule"], c["fatal"]) for c in changes if c["path"] == "DeleteApp"] == [
        ("operation-removed", False)
    ]
    code, report = gate(project, new, "--strict")
    assert code == 1 and report["check"]["summary"]["failed"] == 0
