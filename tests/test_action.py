"""The reusable GitHub Action (action.yml) run outside GitHub: each ``run`` step of the composite,
its ``${{ }}`` expressions filled in as GitHub fills them, against a synthetic pull request (a
throwaway git repository whose base and head commits pin botocore 1.37.21 and 1.37.22 in a
pip-compile requirements file), offline, with the two releases as small synthetic wheels in the
cache. Checked: the lock file found, the step summary (and its size limit), the annotations (most
severe first), the outputs and the exit code. The action and the example workflow validate
against the published schemas (check-jsonschema's vendored copies)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from gitproject import REPO, Project, model

ACTION = REPO / "action.yml"
EXAMPLE = REPO / "examples" / "github-actions-botocore-gate.yml"


class Run:
    def __init__(self) -> None:
        self.outputs: dict[str, dict[str, str]] = {}
        self.summary = ""
        self.log = ""  # stdout: where GitHub reads workflow commands
        self.errors = ""  # stderr
        self.code = 0


_EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


def run_action(pr: Project, inputs: dict[str, str], extra: dict[str, str] | None = None) -> Run:
    """Every ``run`` step of action.yml in order, as GitHub runs a composite action's steps."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    run = Run()
    files = Path(tempfile.mkdtemp(dir=pr.root))  # GitHub's files, new for each run

    def value(expression: str) -> str:
        if expression == "github.event.pull_request.base.sha":
            return pr.base
        if expression.startswith("inputs."):
            name = expression.removeprefix("inputs.")
            given = inputs.get(name, action["inputs"][name].get("default", ""))
            return fill(str(given))
        found = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if found:
            return run.outputs.get(found.group(1), {}).get(found.group(2), "")
        raise AssertionError(f"an expression this test does not know: {expression}")

    def fill(text: str) -> str:
        return _EXPRESSION.sub(lambda m: value(m.group(1)), text)

    for number, step in enumerate(action["runs"]["steps"]):
        if "uses" in step:
            continue  # actions/cache: GitHub's own
        if step["id"] == "install":
            # Installing botocontract from the action's own folder; here it is installed already.
            assert '"$GITHUB_ACTION_PATH"' in step["run"] and "pip install" in step["run"]
            continue
        assert step["shell"] == "bash"
        output, summary = files / f"output-{number}", files / f"summary-{number}"
        output.touch()
        env = {
            **pr.env(),
            **{k: fill(str(v)) for k, v in step.get("env", {}).items()},
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            **(extra or {}),
        }
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=pr.repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        run.log += done.stdout
        run.errors += done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        run.outputs[step["id"]] = dict(
            line.split("=", 1) for line in output.read_text().splitlines() if "=" in line
        )
        if summary.exists():
            run.summary += summary.read_text(encoding="utf-8")
        run.code = done.returncode
        if done.returncode != 0:
            break  # GitHub stops a composite action at its first failing step
    return run


@pytest.fixture()
def failing_pr(tmp_path: Path) -> Project:
    # 1.37.22 drops the pinned enum value and the error our code catches.
    return Project(tmp_path, model(kinds=("B", "C"), errors=("Other",)))


def test_a_failing_upgrade_fails_the_step_with_summary_and_annotations(
    failing_pr: Project,
) -> None:
    run = run_action(failing_pr, {})
    assert run.code == 1, run.log + run.errors
    assert run.outputs["detect"] == {"lock-file": "requirements.txt"}
    assert run.outputs["gate"]["from"] == f"git:{failing_pr.base}:requirements.txt"
    assert run.outputs["gate"]["to"] == "requirements.txt"
    assert run.outputs["gate"]["verdict"] == "fail"
    assert run.outputs["gate"]["exit-code"] == "1"
    # The markdown verdict in the step summary names both releases and the failing clauses.
    assert "1.37.21" in run.summary and "1.37.22" in run.summary, run.log + run.errors
    assert "kinds-we-send" in run.summary and "conflict" in run.summary
    annotations = [line for line in run.log.splitlines() if line.startswith("::")]
    levels = [line.split(" ", 1)[0] for line in annotations]
    assert levels == sorted(levels, key=["::error", "::warning", "::notice"].index)
    assert "::error" in levels
    errors = [line for line in annotations if line.startswith("::error")]
    # Each failing clause at the key that fails, the fatal change at the path it breaks.
    assert [line.split(",title=")[0] for line in errors] == [
        "::error file=contracts/svc.yaml,line=6",
        "::error file=contracts/svc.yaml,line=8",
        "::error file=contracts/svc.yaml,line=5",
    ]
    assert "breaks kinds-we-send (enum_contains: [A]): A -> absent" in errors[2]


def test_a_passing_upgrade_passes(tmp_path: Path) -> None:
    pr = Project(tmp_path, model(kinds=("A", "B", "C")))
    run = run_action(pr, {})
    assert run.code == 0, run.log
    assert run.outputs["gate"]["verdict"] == "pass"
    assert run.summary.startswith("## botocore upgrade 1.37.21 → 1.37.22: ✅ passes\n")
    assert not any(line.startswith("::error") for line in run.log.splitlines())


def test_the_summary_is_cut_at_a_line_to_fit_its_limit(failing_pr: Project) -> None:
    full = run_action(failing_pr, {}).summary
    limit = len(full.encode()) // 2 + 200
    cut = run_action(failing_pr, {}, {"SUMMARY_LIMIT": str(limit)})
    assert cut.code == 1
    size = len(cut.summary.encode())
    assert size <= limit
    head, note = cut.summary.rsplit("\n\n**Cut here:", 1)
    assert full.startswith(head + "\n")  # whole lines of the real report
    assert f"the report is {len(full.encode()):,} bytes" in note


def test_inputs_name_another_lock_file_and_fail_on(tmp_path: Path) -> None:
    pr = Project(tmp_path, model(errors=("Other",)), lock="requirements-prod.txt")
    (pr.repo / "uv.lock").write_text("version = 1\n")  # found first, but the input says otherwise
    # error-removed is info: below --fail-on breaking the failing clause alone fails the gate.
    run = run_action(pr, {"lock-file": "requirements-prod.txt", "fail-on": "never"})
    assert run.outputs["detect"] == {"lock-file": "requirements-prod.txt"}
    assert run.code == 1 and "--fail-on never" in run.log


def test_no_lock_file_is_one_clear_error(tmp_path: Path) -> None:
    pr = Project(tmp_path, model())
    (pr.repo / "requirements.txt").unlink()
    run = run_action(pr, {})
    assert run.code == 2
    assert run.log.startswith("::error title=botocontract gate::no lock file found")


@pytest.mark.parametrize(
    ("schema", "file"),
    [("vendor.github-actions", ACTION), ("vendor.github-workflows", EXAMPLE)],
)
def test_the_action_and_the_example_workflow_follow_the_published_schemas(
    schema: str, file: Path
) -> None:
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if checker is None and sys.version_info < (3, 11):
        pytest.skip("check-jsonschema needs Python 3.11 (the test extra leaves it out)")
    assert checker, "check-jsonschema is in the test extra"
    done = subprocess.run(
        [checker, "--builtin-schema", schema, str(file)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_example_workflow_uses_the_action_on_dependency_changes() -> None:
    workflow: dict[Any, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    paths = workflow[True]["pull_request"]["paths"]  # YAML 1.1 reads the key `on` as true
    for name in ("requirements*.txt", "uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock"):
        assert f"**/{name}" in paths
    steps = workflow["jobs"]["gate"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert uses[:2] == ["actions/checkout@v7", "actions/setup-python@v7"]
    assert uses[-1].startswith("OWNER/botocontract@")
    assert not any("pip install" in step.get("run", "") for step in steps)
