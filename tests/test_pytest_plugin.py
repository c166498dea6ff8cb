"""The pytest plugin, run in a subprocess on a copy of the repo's contracts and fixtures: one item
per clause, failures as ``file:line: message`` without a traceback, broken contracts as one-line
collection errors, ``--snapshot-update``, and the terminal summary.

Tests that open a botocore wheel are marked ``network``: the wheels lie in the default cache, which
the subprocess is pointed at (pytester moves ``HOME``, and the default cache with it).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from botocontract.sources.cache import default_cache_dir
from installed import needs_fixtures_release, needs_xdist
from synthetic import data_folder, svc

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parent.parent
CONTRACT = "contracts/sagemaker-studio-apps.yaml"
CACHE = str(default_cache_dir())  # read before pytester moves HOME
RECOVERY_MODE = [
    "create-app-recovery-mode",
    "describe-app-recovery-mode",
    "create-app-request-tree",
    "describe-app-response-tree",
    "create-app-call-with-recovery-mode",
]
ALWAYS_THERE = [
    "create-app-app-type",
    "describe-app-app-type",
    "create-app-instance-types",
    "describe-app-instance-types",
]


@pytest.fixture
def repo(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A copy of the repo's contracts and fixtures, the plugin reading the real wheel cache."""
    monkeypatch.setenv("BOTOCONTRACT_CACHE_DIR", CACHE)
    for folder in ("contracts", "fixtures"):
        shutil.copytree(REPO / folder, pytester.path / folder)
    return pytester


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """pytest in-process, without the hypothesis plugin (it costs a second a run, for nothing)."""
    return pytester.runpytest("-p", "no:hypothesispytest", *args)


def outcomes(result: pytest.RunResult) -> dict[str, str]:
    """Clause id -> PASSED/FAILED, from a ``-v`` run."""
    found = re.findall(
        rf"^{re.escape(CONTRACT)}::(\S+) (PASSED|FAILED)", result.stdout.str(), re.MULTILINE
    )
    return dict(found)


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def fixture_texts(root: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((root / "fixtures").glob("*/*.json"))}


@pytest.mark.network
def test_the_pinned_release_passes_every_clause(repo: pytest.Pytester) -> None:
    result = run(repo, "contracts", "--botocore=1.37.22", "-v")
    result.assert_outcomes(passed=9)
    assert outcomes(result) == dict.fromkeys(RECOVERY_MODE + ALWAYS_THERE, "PASSED")
    result.stdout.fnmatch_lines(
        [
            f"{CONTRACT}::create-app-recovery-mode PASSED*",
            "*9 clause(s) checked against botocore 1.37.22, 0 failed*",
        ]
    )


@pytest.mark.network
def test_the_release_before_recovery_mode_fails_exactly_its_clauses(repo: pytest.Pytester) -> None:
    result = run(repo, "contracts", "--botocore=1.37.21", "-v")
    result.assert_outcomes(passed=4, failed=5)
    assert outcomes(result) == {
        **dict.fromkeys(RECOVERY_MODE, "FAILED"),
        **dict.fromkeys(ALWAYS_THERE, "PASSED"),
    }
    line = line_of(repo.path / CONTRACT, "path: CreateApp.request.RecoveryMode")
    result.stdout.fnmatch_lines(
        [
            f"{CONTRACT}:{line}: CreateApp.request.RecoveryMode does not exist in botocore"
            " 1.37.21*",
            f"{CONTRACT}:*: CreateApp.request differs from its fixture (additive)*",
            "    CreateApp.request.RecoveryMode: missing (pinned as boolean)",
        ]
    )
    out = result.stdout.str()
    assert "RecoveryMode" in out
    assert "Traceback" not in out and "pytest_session.py" not in out and "raise " not in out


@pytest.mark.network
def test_snapshot_update_rewrites_the_fixtures_then_they_hold(repo: pytest.Pytester) -> None:
    before = fixture_texts(repo.path)
    result = run(repo, "contracts", "--snapshot-update", "--botocore=1.44.8")
    result.assert_outcomes(passed=9)
    result.stdout.fnmatch_lines(
        ["*rewrote fixtures/sagemaker/CreateApp.request.json from botocore 1.44.8*"]
    )
    after = fixture_texts(repo.path)
    assert sorted(after) == sorted(before)
    assert all(after[name] != before[name] for name in before)
    assert all('"botocore": "1.44.8"' in text for text in after.values())

    # Without --botocore an update takes the trees from the release the fixtures record: the
    # same ones again. Checked against that release, every clause holds.
    again = run(repo, "contracts", "--snapshot-update", "--co", "-q")
    again.stdout.fnmatch_lines(["*9 tests collected*"])
    assert fixture_texts(repo.path) == after  # --collect-only writes nothing anyway
    result = run(repo, "contracts", "--botocore=1.44.8")
    result.assert_outcomes(passed=9)
    assert fixture_texts(repo.path) == after


@pytest.mark.network
def test_snapshot_update_without_botocore_keeps_the_recorded_release(repo: pytest.Pytester) -> None:
    lost = repo.path / "fixtures/sagemaker/DescribeApp.response.json"
    text = lost.read_text()
    lost.unlink()
    # Without the fixture the tree clause names nothing pinned: a broken contract...
    run(repo, "contracts", "--co").stdout.fnmatch_lines(
        [f"{CONTRACT}:*: no fixture pins DescribeApp.response*"]
    )
    # ... until an update takes it again from botocore 1.37.22, where the others come from.
    result = run(repo, "contracts", "--snapshot-update")
    result.stdout.fnmatch_lines(
        ["*rewrote fixtures/sagemaker/DescribeApp.response.json from botocore 1.37.22*"]
    )
    assert lost.read_text() == text
    assert result.ret in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED)  # installed botocore


def test_a_broken_contract_is_a_one_line_collection_error(pytester: pytest.Pytester) -> None:
    shutil.copytree(REPO / "fixtures", pytester.path / "fixtures")
    pytester.makefile(
        ".yaml",
        **{
            "contracts/broken": (
                "botocontract: 1\n"
                "service: sagemaker\n"
                "clauses:\n"
                "  - id: app-type\n"
                "    path: CreateApp.request.AppType\n"
                "    colour: red\n"
            )
        },
    )
    result = run(pytester, "contracts")
    result.assert_outcomes(errors=1)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting contracts/broken.yaml*",
            "contracts/broken.yaml:6: unknown key 'colour'",
        ]
    )
    assert "Traceback" not in result.stdout.str()

    (pytester.path / "contracts/broken.yaml").write_text(
        "botocontract: 1\nservice: sagemaker\nclauses:\n"
        "  - id: typo\n    path: CreateApp.request.AppTyp\n"
    )
    result = run(pytester, "contracts")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "contracts/broken.yaml:5: CreateApp.request.AppTyp does not "
            "exist in botocore 1.37.22, the fixtures' release*"
        ]
    )


def test_yaml_without_the_format_key_is_not_collected(repo: pytest.Pytester) -> None:
    repo.makefile(".yaml", **{"contracts/settings": "service: sagemaker\nclauses: []\n"})
    repo.makefile(".yml", **{"contracts/broken-but-not-ours": "key: [unclosed\n"})
    result = run(repo, "contracts", "--co", "-q")
    result.assert_outcomes()
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["*9 tests collected*"])
    assert "settings.yaml" not in result.stdout.str()
    assert "broken-but-not-ours" not in result.stdout.str()


@pytest.mark.network
def test_the_summary_lists_failing_clauses_and_unused_fixtures(repo: pytest.Pytester) -> None:
    stray = repo.path / "fixtures/sagemaker/ListApps.response.json"
    # A fixture by its marker (prune and the summary leave other JSON alone), pinned by no clause.
    stray.write_text('{"botocontract_fixture": 1, "tree": {}}\n')
    result = run(repo, "contracts", "--botocore=1.37.21")
    result.assert_outcomes(passed=4, failed=5)
    lines = result.stdout.str().split("= botocontract =", 1)[1].splitlines()
    assert "9 clause(s) checked against botocore 1.37.21, 5 failed" in lines[1]
    failing = [line for line in lines if line.startswith(f"{CONTRACT}:")]
    assert [re.split(r"[ :]", line)[2] for line in failing] == RECOVERY_MODE
    line = line_of(repo.path / CONTRACT, "path: CreateApp.request.RecoveryMode")
    assert failing[0].startswith(
        f"{CONTRACT}:{line} create-app-recovery-mode: CreateApp.request.RecoveryMode does not exist"
    )
    result.stdout.fnmatch_lines(["unused fixture: fixtures/sagemaker/ListApps.response.json *"])
    assert stray.exists()


@needs_fixtures_release
def test_plain_pytest_follows_testpaths_and_the_ini_options(repo: pytest.Pytester) -> None:
    (repo.path / "fixtures").rename(repo.path / "pins")
    repo.makepyprojecttoml(
        '[tool.pytest.ini_options]\ntestpaths = ["contracts"]\nbotocontract_fixtures = "pins"\n'
    )
    result = run(repo, "-v")  # the installed botocore: it has RecoveryMode
    result.assert_outcomes(passed=9)
    result.stdout.fnmatch_lines([f"{CONTRACT}::create-app-recovery-mode PASSED*"])

    (repo.path / "pins").rename(repo.path / "elsewhere")
    result = run(repo, "--botocontract-fixtures=elsewhere", "-m", "botocontract")
    result.assert_outcomes(passed=9)
    result = run(repo, "--botocontract-fixtures=elsewhere", "-m", "not botocontract")
    result.assert_outcomes(deselected=9)


@pytest.mark.network
def test_a_snapshot_update_flag_of_another_plugin_updates_the_fixtures_too(
    repo: pytest.Pytester,
) -> None:
    # syrupy, pytest-snapshot and many conftests register --snapshot-update: no clash, theirs serves
    repo.makeconftest(
        "def pytest_addoption(parser):\n"
        '    parser.addoption("--snapshot-update", action="store_true",\n'
        '                     dest="update_snapshots")\n'
    )
    result = run(repo, "contracts", "--snapshot-update", "--botocore=1.44.8")
    result.assert_outcomes(passed=9)
    assert all('"botocore": "1.44.8"' in text for text in fixture_texts(repo.path).values())


def test_pytest_and_check_find_the_same_contracts(repo: pytest.Pytester) -> None:
    """Every spelling of the key YAML reads as the key, either suffix in any case, and folders
    behind links: collected by pytest and found by ``check`` alike, none skipped."""
    from botocontract.contracts.load import contract_files

    body = (
        "service: sagemaker\nclauses:\n"
        "  - id: {id}\n    path: CreateApp.request.AppType\n    enum: additive\n"
    )
    shared = repo.path / "shared"
    shared.mkdir()
    files = {
        "contracts/bom.yaml": "\ufeffbotocontract: 1\n" + body.format(id="bom"),
        "contracts/double.yml": '"botocontract": 1\n' + body.format(id="double"),
        "contracts/single.YAML": "'botocontract': 1\n" + body.format(id="single"),
        "contracts/spaced.Yml": "botocontract : 1\n" + body.format(id="spaced"),
        "contracts/flow.yaml": "{service: sagemaker, botocontract: 1, clauses: [{id: flow, "
        "path: CreateApp.request.AppType, enum: additive}]}\n",
        "shared/linked.yaml": "botocontract: 1\n" + body.format(id="linked"),
    }
    for name, text in files.items():
        (repo.path / name).write_text(text, encoding="utf-8")
    (repo.path / "contracts" / "team").symlink_to(shared, target_is_directory=True)
    result = run(repo, "contracts", "--co", "-q")
    assert result.ret == pytest.ExitCode.OK, result.stdout.str()
    collected = set(re.findall(r"^(contracts/\S+)::", result.stdout.str(), re.MULTILINE))
    found = {p.relative_to(repo.path).as_posix() for p in contract_files(repo.path / "contracts")}
    expected = {n for n in files if n.startswith("contracts/")} | {"contracts/team/linked.yaml"}
    assert collected - {CONTRACT} == expected
    assert found - {CONTRACT} == expected


APP = """import boto3

s3 = boto3.client("s3")


def store(body: bytes) -> None:
    s3.put_object(Bucket="b", Key="k", Body=body)


def names() -> list[str]:
    return [b["Name"] for b in s3.list_buckets()["Buckets"]]
"""
NEW_CALL = '\n\ndef drop() -> None:\n    s3.delete_object(Bucket="b", Key="k")\n'


@pytest.fixture
def app(pytester: pytest.Pytester) -> pytest.Pytester:
    """A small app and the contracts init writes for it from the installed botocore, with the
    operations renamed as the code names them (``put_object.request.Bucket``)."""
    from botocontract import api

    pytester.makefile(".py", **{"app/app": APP})
    root = pytester.path
    api.init([root / "app"], root / "contracts", root / "fixtures", "installed")
    contract = root / "contracts" / "s3.yaml"
    text = contract.read_text()
    renamed = re.sub(r"(path|call): (PutObject|ListBuckets)", _code_name, text)
    assert renamed.count("put_object.request.") == 3 and "call: list_buckets" in renamed
    contract.write_text(renamed)
    return pytester


def _code_name(found: re.Match[str]) -> str:
    name = {"PutObject": "put_object", "ListBuckets": "list_buckets"}[found[2]]
    return f"{found[1]}: {name}"


@needs_fixtures_release
def test_code_named_contracts_and_the_code_item_from_the_ini_option(app: pytest.Pytester) -> None:
    app.makeini("[pytest]\nbotocontract_code = app\n")
    result = run(app, "contracts", "-v")
    result.assert_outcomes(passed=8)
    result.stdout.fnmatch_lines(
        [
            "contracts/s3.yaml::put-object-request-bucket PASSED*",
            "contracts::code-coverage PASSED*",
            "0 use(s) of the code under app no contract pins",
        ]
    )

    with (app.path / "app" / "app.py").open("a") as handle:
        handle.write(NEW_CALL)
    line = line_of(app.path / "app" / "app.py", "s3.delete_object")
    result = run(app, "contracts", "-k", "code-coverage")
    result.assert_outcomes(failed=1, deselected=7)
    result.stdout.fnmatch_lines(
        [f"app/app.py:{line}: s3 DeleteObject is called (delete_object) but no contract pins it"]
    )
    assert "Traceback" not in result.stdout.str()


@needs_fixtures_release
def test_the_code_option_and_no_item_without_code(app: pytest.Pytester) -> None:
    result = run(app, "contracts", "--co", "-q")
    result.stdout.fnmatch_lines(["*7 tests collected*"])  # no code given: no code item

    (app.path / "app").rename(app.path / "src")
    with (app.path / "src" / "app.py").open("a") as handle:
        handle.write(
            '\n\ndef more() -> None:\n    s3.put_object(Bucket="b", Key="k", ACL="private")\n'
        )
    result = run(app, "contracts", "--botocontract-code", "src")
    result.assert_outcomes(passed=7, failed=1)
    line = line_of(app.path / "src" / "app.py", 'ACL="private"')
    result.stdout.fnmatch_lines(
        [f"src/app.py:{line}: s3 PutObject.request.ACL is passed but no contract pins it"]
    )

    result = run(app, "contracts", "--botocontract-code", "nowhere")
    result.assert_outcomes(passed=7, failed=1)
    result.stdout.fnmatch_lines(["*nowhere: no such file or folder*"])


RECURSIVE = svc(req={"Next": "OpRequest"})  # Op.request.Next.Next... without end
# A stack as shallow as pytest leaves it on some platform: botocore's ParamValidator then runs out
# of it on params nested a hundred levels (it recurses per level, as deep as the params go).
SHALLOW_STACK = """
import sys

def pytest_runtest_call(item):
    sys.setrecursionlimit(300)
"""


def test_params_nested_too_deep_are_one_line_not_a_traceback(pytester: pytest.Pytester) -> None:
    from botocontract import api

    data_folder(pytester.path / "data", RECURSIVE)
    depth = 100
    params = "{Next: " * depth + "{}" + "}" * depth
    pytester.makefile(
        ".yaml",
        **{
            "contracts/deep": f"botocontract: 1\nservice: svc\nclauses:\n"
            f"  - id: deep\n    call: Op\n    params: {params}\n"
        },
    )
    api.snapshot(pytester.path / "contracts", pytester.path / "fixtures", "data", update=True)
    pytester.makeconftest(SHALLOW_STACK)
    result = pytester.runpytest_subprocess(
        "-p", "no:hypothesispytest", "contracts", "--botocore=data"
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["contracts/deep.yaml:6: params nest deeper than botocontract checks a call"]
    )
    assert "RecursionError" not in result.stdout.str()
    assert len(result.stdout.lines) < 30, result.stdout.str()


def test_a_recursion_error_anywhere_in_a_clause_is_one_line(pytester: pytest.Pytester) -> None:
    """Whatever recursed too deep, pytest's rendering of it is thousands of lines of the same
    frames: the plugin names the file instead."""
    data_folder(pytester.path / "data", RECURSIVE)
    pytester.makefile(
        ".yaml",
        **{
            "contracts/c": "botocontract: 1\nservice: svc\nclauses:\n"
            "  - id: c\n    path: Op.request\n    tree: exact\n"
        },
    )
    from botocontract import api

    api.snapshot(pytester.path / "contracts", pytester.path / "fixtures", "data", update=True)
    pytester.makeconftest(
        "from botocontract.contracts.evaluate import ContractRun\n"
        "def endless(self, clause):\n"
        "    return endless(self, clause)\n"
        "ContractRun.evaluate_clause = endless\n"
    )
    result = pytester.runpytest_subprocess(
        "-p", "no:hypothesispytest", "contracts", "--botocore=data"
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["contracts/c.yaml: nests too deep for botocontract to check"])
    assert len(result.stdout.lines) < 30, result.stdout.str()


def _flag_model(root: Path, members: dict[str, str]) -> str:
    return data_folder(root, svc(req=members))


REJECTED = (
    "botocontract: 1\nservice: svc\nclauses:\n"
    "  - id: request\n    path: Op.request\n    tree: additive\n"
    "  - id: flag\n    path: Op.request.Flag\n    type: boolean\n"
)


def _rejecting_project(pytester: pytest.Pytester) -> tuple[str, dict[str, str]]:
    """Fixtures taken from a release with Op.request.Flag, a contract pinning that member, and a
    release without it: returns that release and the fixtures' texts."""
    from botocontract import api

    base = _flag_model(pytester.path / "base", {"Flag": "Bool"})
    older = _flag_model(pytester.path / "older", {"Other": "Bool"})
    pytester.makefile(".yaml", **{"contracts/svc": REJECTED})
    api.snapshot(pytester.path / "contracts", pytester.path / "fixtures", base, update=True)
    return older, fixture_texts(pytester.path)


def test_snapshot_update_refuses_a_release_the_contracts_reject(pytester: pytest.Pytester) -> None:
    """A clause below a pinned tree names a member the release lacks: the tree itself can be
    taken, but the fixtures would then be ones the contracts reject. One error, nothing written."""
    older, before = _rejecting_project(pytester)
    result = run(pytester, "contracts", "--snapshot-update", f"--botocore={older}")
    assert result.ret != pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        [
            "--snapshot-update failed: contracts/svc.yaml:8: Op.request.Flag does not exist in *",
        ]
    )
    assert "rewrote" not in result.stdout.str()
    assert fixture_texts(pytester.path) == before


COUNT_UPDATES = """
import os

from botocontract import api

real = api.snapshot


def counted(*args, **options):
    if options.get("update"):
        with open(os.path.join(os.path.dirname(__file__), "updates.log"), "a") as log:
            log.write(os.environ.get("PYTEST_XDIST_WORKER", "controller") + "\\n")
    return real(*args, **options)


api.snapshot = counted
"""


def update_with_two_workers(pytester: pytest.Pytester, spec: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(
        "-p", "no:hypothesispytest", "-p", "xdist", "-n", "2",
        "contracts", "--snapshot-update", f"--botocore={spec}",
    )  # fmt: skip


@needs_xdist
def test_snapshot_update_under_xdist_updates_once(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers, each collecting the contracts: the fixtures are updated once, by the
    controller before the workers start, and every clause then holds on each worker."""
    from botocontract import api

    # Under xdist this test runs in a worker, whose name the inner controller would inherit
    # and log in place of "controller".
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)

    base = _flag_model(pytester.path / "base", {"Flag": "Bool"})
    newer = _flag_model(pytester.path / "newer", {"Flag": "Bool", "New": "Bool"})
    for name in ("a", "b"):
        pytester.makefile(
            ".yaml",
            **{
                f"contracts/{name}": "botocontract: 1\nservice: svc\nclauses:\n"
                f"  - id: {name}-request\n    path: Op.request\n    tree: exact\n"
                f"  - id: {name}-flag\n    path: Op.request.Flag\n    type: boolean\n"
            },
        )
    api.snapshot(pytester.path / "contracts", pytester.path / "fixtures", base, update=True)
    pytester.makeconftest(COUNT_UPDATES)
    result = update_with_two_workers(pytester, newer)
    result.assert_outcomes(passed=4)
    assert (pytester.path / "updates.log").read_text().splitlines() == ["controller"]
    result.stdout.fnmatch_lines([f"rewrote fixtures/svc/Op.request.json from {newer}"])
    fixture = json.loads((pytester.path / "fixtures/svc/Op.request.json").read_text())
    assert set(fixture["tree"]["members"]) == {"Flag", "New"}


@needs_xdist
def test_a_failed_update_under_xdist_is_every_workers_error(pytester: pytest.Pytester) -> None:
    older, before = _rejecting_project(pytester)
    result = update_with_two_workers(pytester, older)
    assert result.ret != pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["*--snapshot-update failed: contracts/svc.yaml:8: *"])
    assert "passed" not in result.stdout.str()
    assert fixture_texts(pytester.path) == before
