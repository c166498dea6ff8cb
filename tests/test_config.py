"""``[tool.botocontract]`` in pyproject.toml drives ``check``, ``gate`` and ``pytest`` alike, from
the project root or any folder below it; command-line options override it; a broken table is one
line, exit 2.

The project is built in tmp_path from this repository's contracts and fixtures (botocore 1.37.22,
the release the fixtures record, read from the cache like the rest of the offline suite)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from botocontract import api
from clirun import run_cli

REPO = Path(__file__).parent.parent
TABLE = """
[tool.botocontract]
contracts = "spec/contracts"
fixtures = "spec/fixtures"
botocore = "requirements.txt"
gate-from = "1.37.22"
gate-to = "requirements.txt"
fail-on = "warning"
ignore = "spec/accepted.yaml"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "service"
    shutil.copytree(REPO / "contracts", root / "spec" / "contracts")
    shutil.copytree(REPO / "fixtures", root / "spec" / "fixtures")
    (root / "spec" / "accepted.yaml").write_text("botocontract-ignore: 1\nignore: []\n")
    (root / "requirements.txt").write_text("boto3==1.37.22\nbotocore==1.37.22\n")
    (root / "pyproject.toml").write_text('[project]\nname = "service"\n' + TABLE)
    (root / "src" / "service").mkdir(parents=True)
    return root


def test_the_loader_reads_the_table_relative_to_its_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "src" / "service")
    config = api.project_config()
    assert config.file == project / "pyproject.toml"
    assert config.contracts == project / "spec" / "contracts"
    assert config.fixtures == project / "spec" / "fixtures"
    assert config.botocore == "../../requirements.txt"
    assert (config.gate_from, config.gate_to) == ("1.37.22", "../../requirements.txt")
    assert config.fail_on == "warning"
    assert config.ignore == project / "spec" / "accepted.yaml"
    monkeypatch.chdir(project)
    here = api.project_config()
    assert (here.contracts, here.botocore) == (Path("spec/contracts"), "requirements.txt")


def test_git_specs_in_the_table_are_relative_to_it_too(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.botocontract]\ngate-from = "git:origin/main:requirements.txt"\n'
    )
    monkeypatch.chdir(project / "src")
    assert api.project_config().gate_from == "git:origin/main:../requirements.txt"


def test_without_a_table_the_defaults_hold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    monkeypatch.chdir(tmp_path)
    config = api.project_config()
    assert config.file is None
    assert (config.contracts, config.fixtures) == (Path("contracts"), Path("fixtures"))
    assert (config.botocore, config.fail_on, config.ignore) == ("installed", "breaking", None)


def test_check_reads_the_table(project: Path) -> None:
    done = run_cli("check", "--offline", cwd=project / "src")
    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == (
        "botocontract check against ../requirements.txt → botocore 1.37.22"
    )
    assert "spec/contracts/sagemaker-studio-apps.yaml:8" in done.stdout


def test_options_override_the_table(project: Path) -> None:
    done = run_cli("check", "--offline", "--botocore", "1.37.22", cwd=project)
    assert done.stdout.splitlines()[0] == "botocontract check against botocore 1.37.22"
    done = run_cli("check", "--offline", "--contracts", "elsewhere", cwd=project)
    assert done.returncode == 2
    assert done.stderr == "botocontract: elsewhere: no such contracts folder\n"


def test_gate_reads_specs_fail_on_and_ignore_from_the_table(project: Path) -> None:
    done = run_cli("gate", "--offline", "--format", "json", cwd=project)
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert data["fail_on"] == "warning"
    assert data["diff"]["old"]["spec"] == "1.37.22"
    assert data["diff"]["new"]["spec"] == "requirements.txt"
    assert data["passed"] is True
    done = run_cli("gate", "--offline", "--format", "json", "--fail-on", "info", cwd=project)
    assert json.loads(done.stdout)["fail_on"] == "info"
    # The ignore file is read: a broken one is named.
    (project / "spec" / "accepted.yaml").write_text("botocontract-ignore: 7\n")
    done = run_cli("gate", "--offline", cwd=project)
    assert done.returncode == 2
    assert "spec/accepted.yaml" in done.stderr


def test_gate_without_from_or_to_anywhere_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("gate", "--to", "1.37.22", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(
        "botocontract: Missing option '--from' (or gate-from in [tool.botocontract] "
        "of pyproject.toml)"
    )


def test_pytest_reads_the_table(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "spec/contracts"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "BOTOCONTRACT_OFFLINE": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "9 clause(s) checked against requirements.txt → botocore 1.37.22, 0 failed" in done.stdout
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[tool.botocontract]\nfixture = 'x'\n", "no setting 'fixture'; did you mean fixtures?"),
        ("[tool.botocontract]\nfail-on = 'fatal'\n", "fail-on must be one of breaking, warning"),
        ("[tool.botocontract]\ncontracts = 3\n", "contracts must be a non-empty string"),
        ("[tool.botocontract\n", "cannot be read: not TOML"),
        ("[tool]\nbotocontract = 'on'\n", "[tool.botocontract] is not a table"),
        (  # pure-Python tomllib: a RecursionError, which names no file of itself
            "[tool.botocontract]\nx = " + "[" * 10_000 + "]" * 10_000 + "\n",
            "cannot be read: nests deeper than botocontract reads",
        ),
    ],
)
def test_a_broken_table_is_one_line(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(table)
    done = run_cli("check", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("botocontract: pyproject.toml: [tool.botocontract] ")
    assert message in done.stderr
    assert done.stderr.count("\n") == 1


def test_fail_on_never_is_the_gates_own_word() -> None:
    """config spells it rather than importing the gate (see tests/test_startup.py): they agree."""
    from botocontract import config, gate

    assert config.NEVER == gate.NEVER == api.FAIL_ON[-1]
