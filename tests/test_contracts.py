"""Contracts: ``check``, ``snapshot`` and ``schema`` on the real command line, broken contracts as
one-line errors naming ``file:line``, atomic fixture updates, example calls, and the evaluation of
clauses against small synthetic releases.

Published releases come from the default wheel cache (1.37.21, 1.37.22 and 1.44.8 lie there); the
tests that read them are marked ``network``. Everything that writes runs on a copy of the repo's
``contracts/`` and ``fixtures/`` in ``tmp_path``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pytest
import yaml

from botocontract import api
from botocontract.contracts import contract_schema
from botocontract.contracts.calls import call_problems
from botocontract.errors import FixtureError
from botocontract.fixtures import JOURNAL, FixtureStore
from clirun import run_cli
from installed import needs_fixtures_release
from synthetic import enum, struct, svc

REPO = Path(__file__).resolve().parents[1]
CONTRACT = "contracts/sagemaker-studio-apps.yaml"  # relative to the repo (and to its copies)
TEXT = (REPO / CONTRACT).read_text(encoding="utf-8")
TIMEOUT_S = 300
ERROR_LINE = re.compile(r"^botocontract: (?P<file>.+?):(?P<line>\d+): (?P<message>.+)$")


# ----- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the repo's contracts/ and fixtures/ in tmp_path."""
    shutil.copytree(REPO / "contracts", tmp_path / "contracts")
    shutil.copytree(REPO / "fixtures", tmp_path / "fixtures")
    return tmp_path


def cli(*args: str, cwd: Path) -> Any:
    return run_cli(*args, cwd=cwd, timeout=TIMEOUT_S)


def line_no(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line of ``text`` containing ``needle``."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) >= nth, f"{needle!r} occurs {len(found)} time(s)"
    return found[nth - 1]


def clause_key_lines(text: str) -> dict[str, dict[str, int]]:
    """{clause id: {key: line}} read off the text of a contract laid out as the repo's is."""
    clauses: dict[str, dict[str, int]] = {}
    current: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if match := re.match(r"^  - id: (\S+)", line):
            current = clauses.setdefault(match.group(1), {"id": number})
        elif (match := re.match(r"^    (\w+):", line)) and current:
            current[match.group(1)] = number
    return clauses


def one_error(result: Any, file: str) -> tuple[int, str]:
    """Exit 2, nothing on stdout, one ``botocontract: FILE:LINE: message`` line on stderr."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    match = ERROR_LINE.match(lines[0])
    assert match, lines[0]
    assert match.group("file") == file
    return int(match.group("line")), match.group("message")


def files_bytes(root: Path) -> dict[str, bytes]:
    """Every file below root, hidden ones included, by relative path."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# ----- 1. the repo's contract on real releases --------------------------------------------------

RELEASE = {
    "type": "object",
    "required": ["spec", "botocore", "date"],
    "properties": {
        "spec": {"type": "string"},
        "botocore": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    },
}
CHECK_1 = {  # cli.md, "JSON output": check
    "type": "object",
    "required": ["format", "release", "clauses", "summary"],
    "properties": {
        "format": {"const": "botocontract.check/1"},
        "release": RELEASE,
        "clauses": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["file", "line", "id", "passed", "message"],
                "properties": {
                    "file": {"type": "string"},
                    "line": {"type": "integer", "minimum": 1},
                    "id": {"type": "string"},
                    "passed": {"type": "boolean"},
                    "message": {"type": "string", "minLength": 1, "pattern": r"^[^\n]*$"},
                },
            },
        },
        "summary": {
            "type": "object",
            "required": ["passed", "failed"],
            "properties": {
                "passed": {"type": "integer", "minimum": 0},
                "failed": {"type": "integer", "minimum": 0},
            },
        },
    },
}
ALL_IDS = list(clause_key_lines(TEXT))
FAILING_ON_1_37_21 = {  # clause id -> the key its failure points at
    "create-app-recovery-mode": "path",
    "describe-app-recovery-mode": "path",
    "create-app-request-tree": "tree",
    "describe-app-response-tree": "tree",
    "create-app-call-with-recovery-mode": "params",
}


def check_json(spec: str, cwd: Path) -> tuple[int, dict[str, Any]]:
    result = cli("check", "--botocore", spec, "--format", "json", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    jsonschema.validate(data, CHECK_1)
    return result.returncode, data


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param("1.37.22", marks=pytest.mark.network),
        pytest.param("installed", marks=needs_fixtures_release),
        pytest.param("1.44.8", marks=pytest.mark.network),
    ],
)
def test_check_passes(repo_copy: Path, spec: str) -> None:
    text = cli("check", "--botocore", spec, cwd=repo_copy)
    assert text.returncode == 0, text.stdout + text.stderr
    assert text.stderr == ""
    assert text.stdout.rstrip().endswith(f"{len(ALL_IDS)} passed, 0 failed")
    code, data = check_json(spec, repo_copy)
    assert code == 0
    assert [c["id"] for c in data["clauses"]] == ALL_IDS
    assert all(c["passed"] for c in data["clauses"])
    assert data["summary"] == {"passed": len(ALL_IDS), "failed": 0}
    if spec != "installed":
        assert data["release"]["spec"] == spec
        assert data["release"]["botocore"] == spec


@pytest.mark.network
def test_check_fails_on_the_release_before_recovery_mode(repo_copy: Path) -> None:
    code, data = check_json("1.37.21", repo_copy)
    assert code == 1
    assert data["release"]["botocore"] == "1.37.21"
    assert [c["id"] for c in data["clauses"]] == ALL_IDS
    failed = {c["id"] for c in data["clauses"] if not c["passed"]}
    assert failed == set(FAILING_ON_1_37_21)
    assert data["summary"] == {"passed": len(ALL_IDS) - len(failed), "failed": len(failed)}
    keys = clause_key_lines(TEXT)
    by_id = {c["id"]: c for c in data["clauses"]}
    for clause_id, clause in by_id.items():
        assert clause["file"] == CONTRACT
        key = FAILING_ON_1_37_21.get(clause_id, "id")
        assert clause["line"] == keys[clause_id][key], clause
    for clause_id in (
        "create-app-app-type",
        "describe-app-app-type",
        "create-app-instance-types",
        "describe-app-instance-types",
    ):
        assert by_id[clause_id]["passed"], by_id[clause_id]
    for clause_id, operation in (
        ("create-app-request-tree", "CreateApp.request"),
        ("describe-app-response-tree", "DescribeApp.response"),
    ):
        assert re.search(
            rf"\b{re.escape(operation)}\.RecoveryMode missing\b", by_id[clause_id]["message"]
        ), by_id[clause_id]
    for clause_id in (
        "create-app-recovery-mode",
        "describe-app-recovery-mode",
        "create-app-call-with-recovery-mode",
    ):
        assert "RecoveryMode" in by_id[clause_id]["message"]
        assert "1.37.21" in by_id[clause_id]["message"]
    # The text report says the same, one line per clause.
    text = cli("check", "--botocore", "1.37.21", cwd=repo_copy)
    assert text.returncode == 1
    assert text.stdout.count("\nFAIL  ") == len(FAILING_ON_1_37_21)
    assert text.stdout.rstrip().endswith(
        f"{len(ALL_IDS) - len(failed)} passed, {len(failed)} failed"
    )


# ----- 2. broken contracts: exit 2, one line, file:line ------------------------------------------

PARAMS_BLOCK = (
    "    params:\n      DomainId: d-1\n      AppType: JupyterLab\n      AppName: a\n"
    "      RecoveryMode: true\n"
)
RECOVERY_CLAUSE = "    path: CreateApp.request.RecoveryMode\n    type: boolean\n"
RECOVERY_PATH = "path: CreateApp.request.RecoveryMode"
DESCRIBE_RECOVERY = "    path: DescribeApp.response.RecoveryMode\n    type: boolean\n"


class Broken(NamedTuple):
    old: str  # replaced, once, in the repo's contract
    new: str
    at: str  # the expected line is the one holding this (its nth occurrence in the new text)
    message: str  # a regex searched in the message; {first} is the line of at's 1st occurrence
    nth: int = 1


BROKEN = [
    # PyYAML notices the unclosed bracket where the next key's ':' stands.
    pytest.param(
        Broken(
            RECOVERY_CLAUSE,
            RECOVERY_CLAUSE.replace("type: ", "type: ["),
            "    required: false",
            r"^invalid YAML: .*expected ',' or '\]'",
        ),
        id="unclosed-bracket",
    ),
    # At the very end of the file: the last line, not one past it.
    pytest.param(
        Broken(
            PARAMS_BLOCK,
            "    params: {DomainId: d-1, AppType: JupyterLab\n",
            "params: {",
            r"^invalid YAML: ",
        ),
        id="unclosed-brace-at-the-end",
    ),
    pytest.param(
        Broken(
            "service: sagemaker\n",
            "service: sagemaker\nowner: me\n",
            "owner: me",
            r"^unknown key 'owner'$",
        ),
        id="unknown-top-level-key",
    ),
    pytest.param(
        Broken(
            RECOVERY_CLAUSE,
            RECOVERY_CLAUSE.replace("type:", "typ:"),
            "typ: boolean",
            r"^unknown key 'typ'$",
        ),
        id="unknown-clause-key",
    ),
    pytest.param(
        Broken(
            RECOVERY_CLAUSE,
            RECOVERY_CLAUSE.replace("boolean", "bool"),
            "type: bool",
            r"'bool' is not one of .*'boolean'",
        ),
        id="wrong-type-name",
    ),
    pytest.param(
        Broken(
            RECOVERY_PATH,
            RECOVERY_PATH.replace("CreateApp", "CreateAp"),
            "path: CreateAp.request",
            r"CreateAp\.request\.RecoveryMode.*did you mean CreateApp",
        ),
        id="unknown-operation",
    ),
    pytest.param(
        Broken(
            RECOVERY_PATH,
            RECOVERY_PATH.replace("Recovery", "Recover"),
            "path: CreateApp.request.RecoverMode",
            r"CreateApp\.request\.RecoverMode does not exist .*did you mean "
            r"RecoveryMode\?$",
        ),
        id="unknown-member",
    ),
    pytest.param(
        Broken(
            "id: describe-app-recovery-mode",
            "id: create-app-recovery-mode",
            "id: create-app-recovery-mode",
            r"^duplicate clause id 'create-app-recovery-mode' \(first on line "
            r"{first}\)$",
            nth=2,
        ),
        id="duplicate-id",
    ),
    pytest.param(
        Broken(
            "    path: DescribeApp.response.AppType\n",
            "",
            "id: describe-app-app-type",
            r"^a clause needs a path, a call with params, a paginator, a waiter or an error$",
        ),
        id="neither-path-nor-call",
    ),
    pytest.param(
        Broken(PARAMS_BLOCK, "", "call: CreateApp", r"^a call needs params$"),
        id="call-without-params",
    ),
    pytest.param(
        Broken(
            RECOVERY_CLAUSE,
            "    path: CreateApp.request.Tags[]\n",
            "required: false",
            r"^CreateApp\.request\.Tags\[\] is not a structure member",
        ),
        id="required-on-list-member",
    ),
    pytest.param(
        Broken(
            DESCRIBE_RECOVERY,
            DESCRIBE_RECOVERY.replace("type: boolean", "enum: additive"),
            "enum: additive",
            r"^DescribeApp\.response\.RecoveryMode is not an enum",
        ),
        id="enum-on-non-enum",
    ),
    pytest.param(
        Broken(
            DESCRIBE_RECOVERY,
            DESCRIBE_RECOVERY.replace("boolean", '!!python/object/apply:os.system ["echo hi"]'),
            "!!python/",
            r"^invalid YAML: could not determine a constructor",
        ),
        id="python-object-tag",
    ),
    pytest.param(
        Broken("botocontract: 1\n", "botocontract: 2\n", "botocontract: 2", r"\b1 was expected$"),
        id="wrong-format-version",
    ),
    pytest.param(
        Broken("botocontract: 1\n", "", "What our SageMaker", r"^not a contract"),
        id="no-format-version-file-named",
    ),
]


@pytest.mark.parametrize("case", BROKEN)
def test_broken_contract(repo_copy: Path, case: Broken) -> None:
    assert TEXT.count(case.old) == 1
    text = TEXT.replace(case.old, case.new)
    (repo_copy / CONTRACT).write_text(text, encoding="utf-8")
    result = cli(
        "check",
        "--botocore",
        "1.37.22",
        "--contracts",
        CONTRACT,
        "--fixtures",
        "fixtures",
        cwd=repo_copy,
    )
    line, message = one_error(result, CONTRACT)
    assert line == line_no(text, case.at, case.nth), message
    assert re.search(case.message.format(first=line_no(text, case.at)), message), message


def test_a_folder_without_contracts_is_one_line(repo_copy: Path) -> None:
    # Without the format key a YAML file is not a contract: a folder holding only that has none.
    (repo_copy / CONTRACT).write_text(TEXT.replace("botocontract: 1\n", ""), encoding="utf-8")
    result = cli("check", "--botocore", "1.37.22", cwd=repo_copy)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "botocontract: contracts: no contract files (YAML with 'botocontract: 1')"
    ]


# ----- 3 and 8. synthetic releases: gate failures of the evaluation ------------------------------

SYNTHETIC_CONTRACT = """\
botocontract: 1
service: svc
clauses:
  - id: kind-enum
    path: Op.request.Kind
    enum: additive
  - id: flag-type
    path: Op.request.Flag
    type: boolean
  - id: request-additive
    path: Op.request
    tree: additive
  - id: request-exact
    path: Op.request
    tree: exact
"""
BASE_MEMBERS = {"Flag": "Bool", "Kind": "Kind", "Name": "S"}


def synthetic_release(
    root: Path,
    members: dict[str, str] | None = None,
    required: tuple[str, ...] = ("Name",),
    kinds: tuple[str, ...] = ("A", "B"),
) -> str:
    """A botocore/data folder below root with the one service svc; returns it as a spec."""
    model = svc(
        req=struct(members or BASE_MEMBERS, required=required), shapes={"Kind": enum(*kinds)}
    )
    target = root / "botocore" / "data" / "svc" / "2020-01-01" / "service-2.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(model.raw), encoding="utf-8")
    return str(root / "botocore" / "data")


OFFLINE = api.Settings(offline=True)


def synthetic_project(tmp_path: Path, contract: str = SYNTHETIC_CONTRACT) -> tuple[Path, Path]:
    """Contracts and fixtures pinned from the base synthetic release."""
    contracts, fixtures = tmp_path / "contracts", tmp_path / "fixtures"
    contracts.mkdir()
    (contracts / "svc.yaml").write_text(contract, encoding="utf-8")
    base = synthetic_release(tmp_path / "base")
    api.snapshot(contracts, fixtures, base, OFFLINE, update=True)
    return contracts, fixtures


class Variant(NamedTuple):
    members: dict[str, str]
    required: tuple[str, ...]
    kinds: tuple[str, ...]
    expected: dict[str, str | None]  # clause id -> None (passes) or a regex of its failure


PASS = None
VARIANTS = [
    pytest.param(
        Variant(
            BASE_MEMBERS,
            ("Name",),
            ("A", "B"),
            {
                "kind-enum": PASS,
                "flag-type": PASS,
                "request-additive": PASS,
                "request-exact": PASS,
            },
        ),
        id="unchanged",
    ),
    pytest.param(
        Variant(
            BASE_MEMBERS,
            ("Name",),
            ("A",),
            {
                "kind-enum": r"^Op\.request\.Kind lost 1 value\(s\) pinned in .*: B$",
                "flag-type": PASS,
                "request-additive": r"Op\.request\.Kind lost enum value .*B",
                "request-exact": r"Op\.request\.Kind lost enum value .*B",
            },
        ),
        id="enum-value-removed",
    ),
    pytest.param(
        Variant(
            {**BASE_MEMBERS, "Flag": "S"},
            ("Name",),
            ("A", "B"),
            {
                "kind-enum": PASS,
                "flag-type": r"^Op\.request\.Flag is a string in .*, not a boolean$",
                "request-additive": r"Op\.request\.Flag type changed from 'boolean' to 'string'",
                "request-exact": r"Op\.request\.Flag type changed from 'boolean' to 'string'",
            },
        ),
        id="boolean-became-string",
    ),
    pytest.param(
        Variant(
            {**BASE_MEMBERS, "New": "S"},
            ("Name", "New"),
            ("A", "B"),
            {
                "kind-enum": PASS,
                "flag-type": PASS,
                "request-additive": r"Op\.request\.New new required member \(string\)",
                "request-exact": r"Op\.request\.New new required member \(string\)",
            },
        ),
        id="new-required-member",
    ),
    pytest.param(
        Variant(
            {**BASE_MEMBERS, "Extra": "I"},
            ("Name",),
            ("A", "B", "C"),
            {
                "kind-enum": PASS,
                "flag-type": PASS,
                "request-additive": PASS,
                "request-exact": r"differs from its fixture \(exact\): .*(Extra new optional member"
                r"|gained enum value .*C)",
            },
        ),
        id="new-optional-member-and-enum-value",
    ),
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_synthetic_release_against_pinned_trees(tmp_path: Path, variant: Variant) -> None:
    contracts, fixtures = synthetic_project(tmp_path)
    spec = synthetic_release(tmp_path / "new", variant.members, variant.required, variant.kinds)
    report = api.check(spec, contracts, fixtures, OFFLINE)
    results = {r.clause.id: r for r in report.results}
    assert set(results) == set(variant.expected)
    for clause_id, expected in variant.expected.items():
        result = results[clause_id]
        assert result.passed is (expected is None), (clause_id, result.message)
        if expected is not None:
            assert re.search(expected, result.message), (clause_id, result.message)
        assert "\n" not in result.message
    if variant.kinds == ("A", "B", "C"):  # the allowed additions are reported, not fatal
        assert "gained 1 value(s)" in results["kind-enum"].message
        assert "allowed addition" in results["request-additive"].message
        exact = "\n".join(results["request-exact"].details)
        assert "Op.request.Extra: new optional member (integer)" in exact
        assert re.search(r"Op\.request\.Kind: gained enum value .*C", exact), exact
    assert report.unused_fixtures == []


def test_a_path_gone_from_the_release_is_a_gate_failure_not_bad_input(tmp_path: Path) -> None:
    contracts, _ = synthetic_project(tmp_path)
    members = {k: v for k, v in BASE_MEMBERS.items() if k != "Flag"}
    spec = synthetic_release(tmp_path / "new", members)
    result = cli(
        "check",
        "--botocore",
        spec,
        "--contracts",
        "contracts",
        "--fixtures",
        "fixtures",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    jsonschema.validate(data, CHECK_1)
    by_id = {c["id"]: c for c in data["clauses"]}
    assert not by_id["flag-type"]["passed"]
    assert by_id["flag-type"]["line"] == line_no(SYNTHETIC_CONTRACT, "path: Op.request.Flag")
    assert re.search(
        r"^Op\.request\.Flag does not exist in .*no member 'Flag'", by_id["flag-type"]["message"]
    ), by_id["flag-type"]
    assert "Op.request.Flag missing" in by_id["request-additive"]["message"]
    assert by_id["kind-enum"]["passed"]
    # The same path never pinned at all is a broken contract instead.
    broken = SYNTHETIC_CONTRACT.replace("Op.request.Flag", "Op.request.Flga")
    (contracts / "svc.yaml").write_text(broken, encoding="utf-8")
    result = cli(
        "check",
        "--botocore",
        spec,
        "--contracts",
        "contracts",
        "--fixtures",
        "fixtures",
        cwd=tmp_path,
    )
    line, message = one_error(result, "contracts/svc.yaml")
    assert line == line_no(broken, "path: Op.request.Flga")
    assert message.endswith("did you mean Flag?")


# ----- 4. snapshot ---------------------------------------------------------------------------


@pytest.mark.network
def test_snapshot_reports_that_the_fixtures_match(repo_copy: Path) -> None:
    before = files_bytes(repo_copy)
    result = cli("snapshot", cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["fixtures match botocore 1.37.22"]
    assert result.stderr == ""
    assert files_bytes(repo_copy) == before


@pytest.mark.network
def test_snapshot_update_defaults_to_the_recorded_release(repo_copy: Path) -> None:
    before = files_bytes(repo_copy)
    result = cli("snapshot", "--update", cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["fixtures match botocore 1.37.22"]
    assert files_bytes(repo_copy) == before


@pytest.mark.network
def test_snapshot_update_to_a_newer_release(repo_copy: Path) -> None:
    fixtures = repo_copy / "fixtures"
    before = files_bytes(fixtures)
    differs = cli("snapshot", "--botocore", "1.44.8", cwd=repo_copy)
    assert differs.returncode == 1  # fixtures differ and --update was not given
    assert files_bytes(fixtures) == before
    result = cli("snapshot", "--update", "--botocore", "1.44.8", cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    after = files_bytes(fixtures)
    assert set(after) == set(before)  # same files, no temporary ones left
    rewrote = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert rewrote == {f"fixtures/{name}" for name in before}
    for name, raw in after.items():
        text = raw.decode("utf-8")
        data = json.loads(text)
        assert data["botocore"] == "1.44.8", name
        assert data["botocontract_fixture"] == 1
        assert f"{data['service']}/{data['path']}.json" == name
        assert text == canonical(data), name
    name = "sagemaker/CreateApp.request.ResourceSpec.InstanceType.json"
    old_values = set(json.loads(before[name])["tree"]["enum"])
    assert old_values < set(json.loads(after[name])["tree"]["enum"])
    # The baseline moved: the recorded release is now 1.44.8, and the contract holds on it.
    again = cli("snapshot", cwd=repo_copy)
    assert again.stdout.splitlines() == ["fixtures match botocore 1.44.8"]
    check = cli("check", "--botocore", "1.44.8", cwd=repo_copy)
    assert check.returncode == 0, check.stdout
    assert "allowed addition" not in check.stdout


@pytest.mark.network
def test_snapshot_reports_and_prunes_unused_fixtures(repo_copy: Path) -> None:
    stray = repo_copy / "fixtures" / "sagemaker" / "DeleteApp.request.json"
    shutil.copy(repo_copy / "fixtures" / "sagemaker" / "CreateApp.request.json", stray)
    result = cli("snapshot", cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "fixtures/sagemaker/DeleteApp.request.json: unused (no clause pins it)",
        "fixtures match botocore 1.37.22",
    ]
    assert stray.exists()
    check = cli("check", "--botocore", "1.37.22", "--format", "json", cwd=repo_copy)
    assert json.loads(check.stdout)["unused_fixtures"] == [
        "fixtures/sagemaker/DeleteApp.request.json"
    ]
    pruned = cli("snapshot", "--prune", cwd=repo_copy)
    assert pruned.returncode == 0, pruned.stderr
    assert (
        pruned.stdout.splitlines()[0]
        == "fixtures/sagemaker/DeleteApp.request.json: deleted (no clause pins it)"
    )
    assert not stray.exists()
    assert sorted(p.name for p in (repo_copy / "fixtures" / "sagemaker").iterdir()) == sorted(
        p.name for p in (REPO / "fixtures" / "sagemaker").iterdir()
    )


def test_snapshot_without_fixtures_or_release_is_one_line(repo_copy: Path) -> None:
    shutil.rmtree(repo_copy / "fixtures")
    result = cli("snapshot", "--update", cwd=repo_copy)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("botocontract: no fixtures yet")
    assert "--botocore" in lines[0]
    assert not (repo_copy / "fixtures").exists()


def test_check_names_an_invalid_fixture_file_and_line(repo_copy: Path) -> None:
    name = "fixtures/sagemaker/CreateApp.request.json"
    text = (repo_copy / name).read_text(encoding="utf-8")
    broken = text.replace('"botocore": "1.37.22",', '"botocore": "1.37.22",,')
    assert broken != text
    (repo_copy / name).write_text(broken, encoding="utf-8")
    result = cli("check", "--botocore", "1.37.22", cwd=repo_copy)
    line, message = one_error(result, name)
    assert line == line_no(broken, ",,")
    assert message.startswith("invalid JSON")


# ----- 5. atomic updates -----------------------------------------------------------------------


def _update_to_1_44_8(root: Path) -> None:
    api.snapshot(root / "contracts", root / "fixtures", "1.44.8", update=True)


@pytest.fixture(scope="module")
def fixtures_at_1_44_8(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("newer")
    shutil.copytree(REPO / "contracts", root / "contracts")
    shutil.copytree(REPO / "fixtures", root / "fixtures")
    _update_to_1_44_8(root)
    return files_bytes(root / "fixtures")


def _fail_replace_after_the_first(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    real, calls = os.replace, []

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if str(dst).endswith(JOURNAL):  # the journal of the replace phase: written as usual
            return real(src, dst, *args, **kwargs)
        calls.append(str(dst))
        if len(calls) > 1:
            raise OSError(errno.EIO, "simulated failure", str(dst))
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    return calls


@pytest.mark.network
def test_an_interrupted_replace_leaves_each_fixture_old_or_new(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch, fixtures_at_1_44_8: dict[str, bytes]
) -> None:
    fixtures = repo_copy / "fixtures"
    old = files_bytes(fixtures)
    assert set(old) == set(fixtures_at_1_44_8)
    calls = _fail_replace_after_the_first(monkeypatch)
    # One line naming the fixture that could not be replaced, not a traceback.
    with pytest.raises(FixtureError, match=r"\.json: not replaced \(simulated failure\)"):
        _update_to_1_44_8(repo_copy)
    monkeypatch.undo()
    assert len(calls) == 2
    now = {name: (fixtures / name).read_bytes() for name in old}
    kinds = {
        name: "old" if raw == old[name] else "new" if raw == fixtures_at_1_44_8[name] else "partial"
        for name, raw in now.items()
    }
    assert "partial" not in kinds.values(), kinds
    assert sorted(kinds.values()) == ["new"] + ["old"] * (len(old) - 1), kinds


@pytest.mark.network
def test_an_interrupted_replace_leaves_no_temporary_files(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixtures = repo_copy / "fixtures"
    old = files_bytes(fixtures)
    _fail_replace_after_the_first(monkeypatch)
    # One line naming the fixture that could not be replaced, not a traceback.
    with pytest.raises(FixtureError, match=r"\.json: not replaced \(simulated failure\)"):
        _update_to_1_44_8(repo_copy)
    monkeypatch.undo()
    # The journal stays, so that the fixtures (one new, the rest old) are refused until an update
    # completes them.
    assert set(files_bytes(fixtures)) == set(old) | {JOURNAL}
    assert not list(fixtures.rglob("*.tmp"))
    refused = cli("check", "--botocore", "1.44.8", cwd=repo_copy)
    assert refused.returncode == 2 and "interrupted while replacing" in refused.stderr
    assert cli("snapshot", "--update", cwd=repo_copy).returncode == 0
    assert set(files_bytes(fixtures)) == set(old)


def _fail_mkstemp_on_the_third(monkeypatch: pytest.MonkeyPatch) -> None:
    real, calls = tempfile.mkstemp, []

    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "simulated failure")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def _fail_the_third_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """mkstemp works, but writing the third temporary file fails (a full disk)."""
    real_mkstemp, real_fdopen, fds = tempfile.mkstemp, os.fdopen, []

    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        fd, name = real_mkstemp(*args, **kwargs)
        fds.append(fd)
        return fd, name

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        if len(fds) == 3 and fd == fds[2]:
            os.close(fd)
            raise OSError(errno.ENOSPC, "simulated failure")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "fdopen", fdopen)


@pytest.mark.network
@pytest.mark.parametrize(
    "sabotage",
    [
        pytest.param(_fail_mkstemp_on_the_third, id="mkstemp-fails"),
        pytest.param(_fail_the_third_write, id="write-fails"),
    ],
)
def test_a_failed_write_leaves_the_old_fixtures(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch, sabotage: Callable[[pytest.MonkeyPatch], None]
) -> None:
    fixtures = repo_copy / "fixtures"
    old = files_bytes(fixtures)
    release = api.release("1.44.8")  # fetched before the sabotage
    assert release.botocore_version == "1.44.8"
    sabotage(monkeypatch)
    # One line naming the fixture that could not be written, not a traceback.
    with pytest.raises(FixtureError, match=r"\.json: not written \(simulated failure\)"):
        _update_to_1_44_8(repo_copy)
    monkeypatch.undo()
    assert files_bytes(fixtures) == old  # byte-identical, no temporary files


# ----- 6. schema -------------------------------------------------------------------------------


def test_schema_validates_the_shipped_contract(tmp_path: Path) -> None:
    result = cli("schema", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema == contract_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    contract = yaml.safe_load(TEXT)
    validator.validate(contract)
    with pytest.raises(jsonschema.ValidationError, match="owner"):
        validator.validate({**contract, "owner": "me"})
    clause = {**contract["clauses"][0], "typ": "boolean"}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**contract, "clauses": [clause]})
    with pytest.raises(jsonschema.ValidationError):  # a path and a call at once
        validator.validate(
            {**contract, "clauses": [{**contract["clauses"][0], **contract["clauses"][-1]}]}
        )


# ----- 7. example calls ------------------------------------------------------------------------

CALL = yaml.safe_load(TEXT)["clauses"][-1]


@pytest.fixture(scope="module")
def sagemaker() -> Callable[[str], Any]:
    loaded: dict[str, Any] = {}

    def load(spec: str) -> Any:
        if spec not in loaded:
            loaded[spec] = api.service(spec, "sagemaker")
        return loaded[spec]

    return load


@pytest.mark.network
def test_the_example_call_is_accepted_by_1_37_22(sagemaker: Callable[[str], Any]) -> None:
    assert CALL["call"] == "CreateApp"
    assert call_problems(sagemaker("1.37.22"), "CreateApp", CALL["params"]) == []


@pytest.mark.network
def test_the_example_call_is_rejected_by_1_37_21(sagemaker: Callable[[str], Any]) -> None:
    problems = call_problems(sagemaker("1.37.21"), "CreateApp", CALL["params"])
    assert problems
    assert any("Unknown parameter" in p and "RecoveryMode" in p for p in problems), problems
    without = {k: v for k, v in CALL["params"].items() if k != "RecoveryMode"}
    assert call_problems(sagemaker("1.37.21"), "CreateApp", without) == []


@pytest.mark.network
@pytest.mark.parametrize(
    ("params", "where"),
    [
        pytest.param({"AppType": "Nope"}, "CreateApp.AppType", id="top-level"),
        pytest.param(
            {"ResourceSpec": {"InstanceType": "ml.nope"}},
            "CreateApp.ResourceSpec.InstanceType",
            id="nested",
        ),
    ],
)
def test_an_enum_value_not_in_the_release_is_rejected(
    sagemaker: Callable[[str], Any], params: dict[str, Any], where: str
) -> None:
    from botocore.model import ServiceModel
    from botocore.validate import ParamValidator

    service = sagemaker("1.37.22")
    call = {**CALL["params"], **params}
    model = ServiceModel(dict(service.raw), service_name="sagemaker")
    report = ParamValidator().validate(call, model.operation_model("CreateApp").input_shape)
    assert not report.has_errors(), report.generate_report()  # botocore alone lets it through
    problems = call_problems(service, "CreateApp", call)
    assert len(problems) == 1, problems
    value = next(iter(params.values()))
    value = value if isinstance(value, str) else next(iter(value.values()))
    assert problems[0].startswith(f"{where}: {value!r} is not one of the "), problems


def test_an_unknown_operation_is_a_problem_not_a_crash() -> None:
    from synthetic import build

    service = build(svc(req=struct({"A": "S"})))
    assert call_problems(service, "Nope", {}) == ["svc has no operation Nope"]
    assert call_problems(service, "Op", {"A": "x"}) == []
    assert call_problems(service, "Op", {"B": "x"})


def test_a_path_too_long_for_a_file_name_gets_a_shortened_stable_one(tmp_path: Path) -> None:
    """Twelve levels of long member names make a path longer than a file name may be (255 bytes):
    its fixture is named by a prefix and a hash, and snapshot, check and prune all find it."""
    names = [f"AVeryLongMemberNameIndeed{i}" for i in range(12)]
    shapes: dict[str, Any] = {
        f"S{i}": struct({name: f"S{i + 1}"}) for i, name in enumerate(names[:-1])
    }
    shapes[f"S{len(names) - 1}"] = struct({names[-1]: "Kind"})
    shapes["Kind"] = enum("A", "B")
    model = svc(req=struct({"Top": "S0"}), shapes=shapes)
    data = tmp_path / "botocore" / "data" / "svc" / "2020-01-01" / "service-2.json"
    data.parent.mkdir(parents=True)
    data.write_text(json.dumps(model.raw), encoding="utf-8")
    path = "Op.request.Top." + ".".join(names)
    near = "Op.request.Top." + ".".join(names[:-1])  # the same first 200 bytes
    assert len(f"{path}.json") > 255 and len(f"{near}.json") > 255
    contract = "botocontract: 1\nservice: svc\nclauses:\n"
    for i, pinned in enumerate((path, near)):
        contract += f"  - id: c{i}\n    path: {pinned}\n    tree: exact\n"
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "svc.yaml").write_text(contract, encoding="utf-8")
    spec = str(tmp_path / "botocore" / "data")

    done = cli("snapshot", "--update", "--botocore", spec, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    files = sorted((tmp_path / "fixtures" / "svc").iterdir())
    assert len(files) == 2
    for file, pinned in zip(files, sorted((near, path)), strict=True):
        digest = hashlib.sha256(pinned.encode()).hexdigest()[:16]
        assert file.name == f"{pinned[:200]}~{digest}.json"
        assert json.loads(file.read_text())["path"] == pinned
    for args in (["check", "--botocore", spec], ["snapshot"], ["snapshot", "--prune"]):
        done = cli(*args, cwd=tmp_path)
        assert done.returncode == 0, (args, done.stderr)
        assert "unused" not in done.stdout and "deleted" not in done.stdout
    assert sorted((tmp_path / "fixtures" / "svc").iterdir()) == files


def test_without_fcntl_updates_take_turns_on_a_lock_file_outside_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no fcntl: the fixtures lock falls back to filelock on a file in the temporary
    directory, which still makes updates take turns and puts nothing among the fixtures."""
    import filelock  # imported with fcntl there, as it always is before an update starts

    assert filelock.FileLock is not None
    monkeypatch.setitem(sys.modules, "fcntl", None)  # "import fcntl" now raises ImportError
    with pytest.raises(ImportError):
        import fcntl  # noqa: F401
    _, fixtures = synthetic_project(tmp_path)  # an update, under the fallback lock
    written = sorted(p.name for p in (fixtures / "svc").iterdir())
    assert written == ["Op.request.Kind.json", "Op.request.json"]
    store = FixtureStore(fixtures)
    events: list[str] = []

    def hold(name: str) -> None:
        with store.locked():
            events.append(f"{name} in")
            time.sleep(0.3)
            events.append(f"{name} out")

    threads = [threading.Thread(target=hold, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert events in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    assert sorted(p.name for p in fixtures.iterdir()) == ["svc"]
    assert sorted(p.name for p in (fixtures / "svc").iterdir()) == written
