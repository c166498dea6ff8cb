"""init writes contracts for what the sample app uses; --update keeps hand edits; check --code
fails on a call no contract pins, naming file:line."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clirun import run_cli
from installed import needs_fixtures_release

SAMPLE = Path(__file__).parent.parent / "examples" / "sample-app"
HAND = """  # hand-added: the instance types we run on
  - id: my-instance-types
    path: create_app.request.ResourceSpec.InstanceType
    enum: additive
"""
NEW_CALL = """

def stop_studio(domain: str) -> None:
    sagemaker.delete_app(DomainId=domain, AppType="JupyterLab", AppName="a", UserProfileName="u")
"""


def _project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "app")
    return tmp_path


def _run(cwd: Path, *args: str) -> tuple[int, str]:
    done = run_cli(*args, cwd=cwd)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout + done.stderr


def _init_update_and_code_gate(root: Path, spec: str) -> None:
    code, out = _run(root, "init", "app", "--botocore", spec)
    assert code == 0, out
    sagemaker = (root / "contracts" / "sagemaker.yaml").read_text()
    assert "  # app/app.py:30\n  - id: create-app-request-recovery-mode\n" in sagemaker
    assert "path: CreateApp.request.RecoveryMode\n    type: boolean\n" in sagemaker
    assert "path: DescribeApp.response.RecoveryMode\n" in sagemaker
    assert 'enum_contains: ["JupyterLab"]' in sagemaker
    assert (
        'path: "GetItem.response.Item{}.S"\n' in (root / "contracts" / "dynamodb.yaml").read_text()
    )
    assert (root / "fixtures" / "sagemaker" / "CreateApp.request.RecoveryMode.json").exists()
    code, out = _run(root, "init", "app")
    assert code == 2 and "exists; botocontract init --update merges into it" in out
    code, out = _run(root, "check", "--botocore", spec, "--code", "app")
    assert code == 0, out

    (root / "contracts" / "sagemaker.yaml").write_text(sagemaker + HAND)
    with (root / "app" / "app.py").open("a") as handle:
        handle.write(NEW_CALL)
    code, out = _run(root, "snapshot", "--update")  # the hand-added clause's fixture
    assert code == 0, out
    code, out = _run(root, "check", "--botocore", spec, "--code", "app")
    assert code == 1
    unpinned = "sagemaker DeleteApp is called (delete_app) but no contract pins it"
    assert f"UNPINNED  app/app.py:39: {unpinned}" in out
    code, out = _run(root, "check", "--botocore", spec, "--code", "app", "--format", "markdown")
    assert code == 1
    title = out.splitlines()[0]  # every clause passes: the unpinned call fails the check
    assert title.startswith("## botocontract check on botocore ") and title.endswith(": ❌ fails")
    escaped = unpinned.replace("_", "\\_")
    assert f"\n- app/app.py:39: {escaped}\n" in out
    code, out = _run(root, "check", "--botocore", spec, "--code", "app", "--format", "junit")
    assert code == 1
    suites = ET.fromstring(out).findall("testsuite")
    gap_cases = suites[-1].findall("testcase")
    assert suites[-1].get("name") == "code no contract pins"
    assert [(c.get("file"), c.get("line")) for c in gap_cases] == [("app/app.py", "39")]
    assert gap_cases[0].find("failure").get("message") == unpinned  # type: ignore[union-attr]

    code, out = _run(root, "init", "app", "--update")
    assert code == 0, out
    assert "contracts/sagemaker.yaml: 4 clause(s) added, 12 kept" in out
    merged = (root / "contracts" / "sagemaker.yaml").read_text()
    assert merged.startswith(sagemaker + HAND)  # the file's own text, byte for byte
    assert "  # app/app.py:39\n  - id: delete-app-request-app-name\n" in merged
    code, out = _run(root, "check", "--botocore", spec, "--code", "app")
    assert code == 0, out
    assert "my-instance-types  CreateApp.request.ResourceSpec.InstanceType holds" in out


@needs_fixtures_release
def test_init_update_and_code_gate_on_the_installed_release(tmp_path: Path) -> None:
    _init_update_and_code_gate(_project(tmp_path), "installed")


@pytest.mark.network
def test_sample_contracts_pass_on_1_37_22_and_fail_on_1_37_21(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _init_update_and_code_gate(root, "1.37.22")
    code, out = _run(root, "check", "--botocore", "1.37.21")
    assert code == 1
    failing = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert len(failing) == 2 and all("RecoveryMode" in line for line in failing)
