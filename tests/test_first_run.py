"""The first run without guessing: ``check`` with contracts and no fixtures names the one command
that takes them (with the release it would use), and that command, run as printed, makes the
next ``check`` pass; a service typo is named at once, with the closest names.

Offline against botocore 1.37.22, the release this repository's fixtures record (in the cache)."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from clirun import run_cli

REPO = Path(__file__).parent.parent
PREFIX = "botocontract: no fixtures yet in "


def printed_command(stderr: str) -> list[str]:
    assert stderr.startswith(PREFIX) and stderr.count("\n") == 1, stderr
    command = shlex.split(stderr.split(" with: ", 1)[1])
    assert command[0] == "botocontract"
    return command[1:]


@pytest.mark.parametrize(
    "folders",
    [(), ("--contracts", "api/contracts", "--fixtures", "api/pinned trees")],
    ids=["default folders", "given folders"],
)
def test_the_printed_command_takes_the_fixtures(tmp_path: Path, folders: tuple[str, ...]) -> None:
    contracts = Path(folders[1]) if folders else Path("contracts")
    shutil.copytree(REPO / "contracts", tmp_path / contracts)
    done = run_cli("check", "--offline", "--botocore", "1.37.22", *folders, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "take them from botocore 1.37.22 with: botocontract snapshot --update" in done.stderr
    command = printed_command(done.stderr)
    assert command[command.index("--botocore") + 1] == "1.37.22"
    taken = run_cli(*command, "--offline", cwd=tmp_path)
    assert taken.returncode == 0, taken.stderr
    done = run_cli("check", "--offline", "--botocore", "1.37.22", *folders, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("9 passed, 0 failed")


def test_the_release_is_named_as_check_resolves_it(tmp_path: Path) -> None:
    shutil.copytree(REPO / "contracts", tmp_path / "contracts")
    (tmp_path / "requirements.txt").write_text("botocore==1.37.22\n")
    (tmp_path / "pyproject.toml").write_text('[tool.botocontract]\nbotocore = "requirements.txt"\n')
    done = run_cli("check", "--offline", cwd=tmp_path)
    assert done.stderr == (
        "botocontract: no fixtures yet in fixtures: take them from requirements.txt → "
        "botocore 1.37.22 with: botocontract snapshot --update --botocore 1.37.22\n"
    )


def test_a_service_typo_is_named_first(tmp_path: Path) -> None:
    shutil.copytree(REPO / "contracts", tmp_path / "contracts")
    shutil.copytree(REPO / "fixtures", tmp_path / "fixtures")
    (tmp_path / "contracts" / "buckets.yaml").write_text(
        "botocontract: 1\n"
        "# what we read from S3\n"
        "service: s4\n"
        "clauses:\n"
        "  - id: get-object-body\n"
        "    path: GetObject.response.Body\n"
    )
    done = run_cli("check", "--offline", "--botocore", "1.37.22", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "botocontract: contracts/buckets.yaml:3: unknown service 's4' in botocore 1.37.22; "
        "did you mean s3?\n"
    )
