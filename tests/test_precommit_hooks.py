"""The two pre-commit hooks of .pre-commit-hooks.yaml, run as pre-commit runs them (entry, then
the user's args; no file names) in a project whose lock file was just bumped: which files start
them, that they work offline on a warm cache, and that a cold cache is one line naming the
missing wheel and a command that fetches it to where the cache reads it."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from gitproject import REPO, Project, model

HOOKS: dict[str, dict[str, Any]] = {
    hook["id"]: hook
    for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
}
GATE_ARGS = ["--from", "git:HEAD:requirements.txt", "--to", "requirements.txt"]


def run_hook(project: Project, hook_id: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    hook = HOOKS[hook_id]
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    argv = shlex.split(hook["entry"]) + args
    assert argv[0] == "botocontract"
    env = {**project.env()}
    del env["BOTOCONTRACT_OFFLINE"]  # the hook's own --offline must do it
    return subprocess.run(
        [sys.executable, "-m", "botocontract", *argv[1:]],
        cwd=project.repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("hook_id", "changed", "runs"),
    [
        ("botocontract-gate", "uv.lock", True),
        ("botocontract-gate", "services/api/poetry.lock", True),
        ("botocontract-gate", "pdm.lock", True),
        ("botocontract-gate", "Pipfile.lock", True),
        ("botocontract-gate", "requirements.txt", True),
        ("botocontract-gate", "requirements-dev.txt", True),
        ("botocontract-gate", "requirements/base.txt", False),  # not requirements*.txt
        ("botocontract-gate", "requirements.in", False),  # compiled into requirements.txt
        ("botocontract-gate", "pyproject.toml", False),
        ("botocontract-gate", "contracts/svc.yaml", False),  # the check hook's
        ("botocontract-check", "contracts/svc.yaml", True),
        ("botocontract-check", "fixtures/svc/Op.request.json", True),
        ("botocontract-check", "uv.lock", False),
    ],
)
def test_which_files_start_a_hook(hook_id: str, changed: str, runs: bool) -> None:
    assert bool(re.search(HOOKS[hook_id]["files"], changed)) is runs


def test_both_hooks_run_offline_on_a_warm_cache(tmp_path: Path) -> None:
    project = Project(tmp_path, model(kinds=("B",)), commit=False)
    gate = run_hook(project, "botocontract-gate", GATE_ARGS)
    assert gate.returncode == 1, gate.stderr
    assert "botocontract gate 1.37.21 -> 1.37.22" in gate.stdout
    assert "kinds-we-send" in gate.stdout
    committed = run_hook(project, "botocontract-check", ["--botocore", "git:HEAD:requirements.txt"])
    assert committed.returncode == 0, committed.stdout + committed.stderr
    bumped = run_hook(project, "botocontract-check", ["--botocore", "requirements.txt"])
    assert bumped.returncode == 1 and "FAIL" in bumped.stdout


def test_a_cold_cache_names_the_wheel_and_the_command_that_fetches_it(tmp_path: Path) -> None:
    project = Project(tmp_path, model(kinds=("A", "B", "C")), commit=False)
    slot = project.cache / "wheels" / "botocore" / "1.37.22"
    stored = tmp_path / "stored"
    shutil.move(slot, stored)  # the bumped release was never fetched here
    for hook_id, args in (
        ("botocontract-gate", GATE_ARGS),
        ("botocontract-check", ["--botocore", "requirements.txt"]),
    ):
        cold = run_hook(project, hook_id, args)
        assert cold.returncode == 2 and cold.stdout == ""
        (line,) = cold.stderr.splitlines()
        assert line.startswith(
            f"botocontract: botocore==1.37.22 is not in the cache {project.cache} and --offline "
            "forbids running pip; fetch it with: python -m pip download botocore==1.37.22 "
        )
    command = shlex.split(line.split("fetch it with: ", 1)[1])
    assert command[:4] == ["python", "-m", "pip", "download"]
    assert command[4:] == [
        "botocore==1.37.22",
        "--no-deps",
        "--only-binary=:all:",
        "--dest",
        str(slot),
    ]
    # What that pip download leaves in --dest, the cache reads there: the hooks pass again.
    shutil.move(stored, command[-1])
    assert run_hook(project, "botocontract-gate", GATE_ARGS).returncode == 0


@pytest.mark.network
def test_the_printed_command_fetches_the_real_wheel(tmp_path: Path) -> None:
    project = Project(tmp_path, model(), commit=False)
    shutil.rmtree(project.cache / "wheels" / "botocore" / "1.37.22")
    cold = run_hook(project, "botocontract-check", ["--botocore", "requirements.txt"])
    command = shlex.split(cold.stderr.split("fetch it with: ", 1)[1])
    fetched = subprocess.run(
        [sys.executable, *command[1:]], capture_output=True, text=True, check=False
    )
    assert fetched.returncode == 0, fetched.stderr
    # The real 1.37.22 in the cache now: the contract's synthetic service is not in it.
    warm = run_hook(project, "botocontract-check", ["--botocore", "requirements.txt"])
    assert "is not in the cache" not in warm.stderr
    assert "svc" in warm.stdout + warm.stderr
