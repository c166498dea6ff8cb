"""The CI-facing contract reports (check and gate as Markdown, GitHub workflow commands, JUnit XML):
golden renders (tests/golden/) of the real SageMaker contract on botocore 1.37.21 and 1.37.22,
annotations that point at the right contract lines, and the real CLI once per format."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from botocontract import api
from botocontract.contracts.run import CheckReport
from botocontract.gate import GateReport
from botocontract.reports import Layout, github, junit, markdown
from clirun import run_cli
from goldens import Goldens

pytestmark = pytest.mark.network
REPO = Path(__file__).parent.parent
CONTRACT = "contracts/sagemaker-studio-apps.yaml"  # as the reports name it, relative to REPO
FORMATS = ("markdown", "github", "junit")
# the clauses that fail on 1.37.21 (whose fixtures come from 1.37.22) and the key each fails at
FAILING_KEYS = {
    "create-app-recovery-mode": "path",
    "describe-app-recovery-mode": "path",
    "create-app-request-tree": "tree",
    "describe-app-response-tree": "tree",
    "create-app-call-with-recovery-mode": "params",
}


def key_line(clause_id: str, key: str) -> int:
    """The 1-based line of ``key`` in the clause ``id: clause_id`` of the contract, by search."""
    lines = (REPO / CONTRACT).read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {clause_id}")
    for number in range(start + 1, len(lines)):
        stripped = lines[number].strip()
        if stripped.startswith("- id:"):
            break
        if stripped.startswith(f"{key}:"):
            return number + 1
    raise AssertionError(f"{clause_id} has no {key} key")


@pytest.fixture(scope="module")
def in_repo() -> Iterator[None]:
    """Run the API from the repository root, so that reports name ``contracts/...`` as the CLI
    does there."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        yield


@pytest.fixture(scope="module")
def check_report(in_repo: None) -> CheckReport:
    return api.check("1.37.21", Path("contracts"), Path("fixtures"))


@pytest.fixture(scope="module")
def passing_gate(in_repo: None) -> GateReport:
    return api.gate("1.37.21", "1.37.22", Path("contracts"), Path("fixtures"))


@pytest.fixture(scope="module")
def failing_gate(in_repo: None) -> GateReport:
    """A downgrade: RecoveryMode disappears, which every clause about it notices."""
    return api.gate("1.37.22", "1.37.21", Path("contracts"), Path("fixtures"))


@pytest.fixture(scope="module")
def lenient_gate(in_repo: None) -> GateReport:
    """The downgrade with --fail-on never: the breaking changes are no longer fatal."""
    return api.gate("1.37.22", "1.37.21", Path("contracts"), Path("fixtures"), fail_on="never")


# ----- golden renders -----------------------------------------------------------------------


def test_check_goldens(check_report: CheckReport, goldens: Goldens) -> None:
    assert len(check_report.failed) == 5
    goldens.check("check-1.37.21.md", markdown.check(check_report))
    goldens.check("check-1.37.21.github.txt", github.check(check_report))
    goldens.check("check-1.37.21.junit.xml", junit.check(check_report))


def test_passing_gate_goldens(passing_gate: GateReport, goldens: Goldens) -> None:
    assert passing_gate.passed
    goldens.check("gate-1.37.21-to-1.37.22.md", markdown.gate(passing_gate))
    goldens.check("gate-1.37.21-to-1.37.22.github.txt", github.gate(passing_gate))
    goldens.check("gate-1.37.21-to-1.37.22.junit.xml", junit.gate(passing_gate))


def test_failing_gate_goldens(failing_gate: GateReport, goldens: Goldens) -> None:
    assert not failing_gate.passed
    goldens.check("gate-1.37.22-to-1.37.21.md", markdown.gate(failing_gate))
    goldens.check("gate-1.37.22-to-1.37.21.github.txt", github.gate(failing_gate))


# ----- annotations point at the contract lines ----------------------------------------------


def test_failing_clauses_point_at_the_key_that_failed(check_report: CheckReport) -> None:
    assert {r.clause.id: r.key for r in check_report.failed} == FAILING_KEYS
    for result in check_report.results:
        expected = (
            key_line(result.clause.id, FAILING_KEYS[result.clause.id])
            if not result.passed
            else result.clause.line
        )
        assert result.line == expected, result.clause.id
        if result.passed:  # a passing clause points at its "- id:" line
            assert (REPO / CONTRACT).read_text().splitlines()[
                expected - 1
            ].strip() == f"- id: {result.clause.id}"


def _annotations(text: str) -> list[dict[str, str]]:
    """The workflow commands of a render, as dicts of their properties, command and data."""
    found = []
    for line in text.splitlines():
        match = re.fullmatch(r"::(\w+) (.*?)::(.*)", line)
        if match:
            properties = dict(p.split("=", 1) for p in match.group(2).split(","))
            found.append({"command": match.group(1), "data": match.group(3), **properties})
    return found


def test_check_github_errors_at_the_contract_lines(check_report: CheckReport) -> None:
    text = github.check(check_report)
    annotations = _annotations(text)
    assert [a["title"] for a in annotations] == list(FAILING_KEYS)
    for annotation in annotations:
        assert annotation["command"] == "error"
        assert annotation["file"] == CONTRACT
        assert int(annotation["line"]) == key_line(
            annotation["title"], FAILING_KEYS[annotation["title"]]
        )
    assert text.splitlines()[-1] == "botocontract check on botocore 1.37.21: 4 passed, 5 failed"


def test_gate_github_fatal_changes_at_the_first_touched_clause(
    failing_gate: GateReport,
) -> None:
    by_rule = {
        a["title"]: a
        for a in _annotations(github.gate(failing_gate))
        if a["title"] not in FAILING_KEYS
    }
    assert set(by_rule) == {"request-member-removed", "response-member-removed"}
    request, response = by_rule["request-member-removed"], by_rule["response-member-removed"]
    assert request["command"] == response["command"] == "error"
    assert (request["file"], int(request["line"])) == (
        CONTRACT,
        key_line("create-app-recovery-mode", "path"),
    )
    assert (response["file"], int(response["line"])) == (
        CONTRACT,
        key_line("describe-app-recovery-mode", "path"),
    )
    assert request["data"] == (
        "sagemaker CreateApp.request.RecoveryMode "
        "breaks create-app-recovery-mode (path: CreateApp.request.RecoveryMode); "
        "create-app-request-tree (tree: additive); "
        "create-app-call-with-recovery-mode (call: CreateApp passes RecoveryMode): "
        "boolean -> absent"
    )


def test_gate_github_warns_of_breaking_changes_that_are_not_fatal(
    lenient_gate: GateReport,
) -> None:
    text = github.gate(lenient_gate)
    changes = [a for a in _annotations(text) if a["title"] not in FAILING_KEYS]
    assert [(a["command"], a["title"], int(a["line"])) for a in changes] == [
        ("warning", "request-member-removed", key_line("create-app-recovery-mode", "path")),
        ("warning", "response-member-removed", key_line("describe-app-recovery-mode", "path")),
    ]
    assert text.splitlines()[-1] == (
        "botocontract gate 1.37.22 -> 1.37.21: fails; 5 of 9 "
        "clauses fail, 0 fatal changes, 2 changes (2 breaking, "
        "0 warning, 0 info)"
    )


def test_check_junit_counts_and_locations(check_report: CheckReport) -> None:
    root = ET.fromstring(junit.check(check_report))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("9", "5", "0")
    [suite] = root.findall("testsuite")
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == (CONTRACT, "9", "5")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [r.clause.id for r in check_report.results]
    for case, result in zip(cases, check_report.results, strict=True):
        assert case.get("classname") == case.get("file") == CONTRACT
        assert case.get("line") == str(result.line)
        failure = case.find("failure")
        if result.passed:
            assert failure is None
            continue
        assert failure is not None
        assert case.get("line") == str(key_line(result.clause.id, FAILING_KEYS[result.clause.id]))
        assert failure.get("message") == result.message
        assert failure.text == "\n".join(result.details or (result.message,))


def test_gate_junit_adds_a_failing_testcase_per_fatal_change(failing_gate: GateReport) -> None:
    root = ET.fromstring(junit.gate(failing_gate))
    assert (root.get("tests"), root.get("failures")) == ("11", "7")
    contracts, changes = root.findall("testsuite")
    assert (contracts.get("name"), contracts.get("tests"), contracts.get("failures")) == (
        CONTRACT,
        "9",
        "5",
    )
    assert (changes.get("name"), changes.get("tests"), changes.get("failures")) == (
        "gate changes",
        "2",
        "2",
    )
    located = [
        (c.get("name"), c.get("classname"), c.get("file"), c.get("line"))
        for c in changes.findall("testcase")
    ]
    assert located == [
        (
            "request-member-removed CreateApp.request.RecoveryMode",
            "sagemaker",
            CONTRACT,
            str(key_line("create-app-recovery-mode", "path")),
        ),
        (
            "response-member-removed DescribeApp.response.RecoveryMode",
            "sagemaker",
            CONTRACT,
            str(key_line("describe-app-recovery-mode", "path")),
        ),
    ]
    failure = changes.find("testcase/failure")
    assert failure is not None and failure.text is not None
    assert failure.get("message") == (
        "request member CreateApp.request.RecoveryMode (boolean) was removed"
    )
    assert failure.text == (
        "Calls that pass this member fail parameter validation.\n"
        "breaks create-app-recovery-mode (path: CreateApp.request.RecoveryMode); "
        "create-app-request-tree (tree: additive); "
        "create-app-call-with-recovery-mode (call: CreateApp passes RecoveryMode): "
        "boolean -> absent"
    )


def test_passing_gate_junit_has_an_empty_changes_suite(passing_gate: GateReport) -> None:
    root = ET.fromstring(junit.gate(passing_gate))
    assert (root.get("tests"), root.get("failures")) == ("9", "0")
    assert [s.get("name") for s in root.findall("testsuite")] == [CONTRACT, "gate changes"]
    assert root.findall("testsuite/testcase/failure") == []


# ----- markdown sections and escaping -------------------------------------------------------


def test_gate_markdown_folds_the_changes_no_clause_touches(passing_gate: GateReport) -> None:
    describe = next(
        c for c in passing_gate.verdict.changes() if c.path == "DescribeApp.response.RecoveryMode"
    )
    touched = {k: v for k, v in passing_gate.touched.items() if k != describe.fingerprint}
    report = dataclasses.replace(passing_gate, touched=touched)
    text = markdown.gate(report)
    touching, others = text.split("### Other changes touching pinned paths")[1].split("### 1 other")
    assert "CreateApp.request.RecoveryMode" in touching
    assert "DescribeApp.response.RecoveryMode" not in touching
    assert others.startswith(" change in the contracted services\n")
    assert "| sagemaker | 0 | 0 | 1 | 1 |" in others  # counted, not listed
    assert "DescribeApp.response.RecoveryMode" not in others
    expanded = markdown.gate(report, layout=Layout(expand=True))
    assert "### sagemaker" in expanded
    assert (
        "| info | `response-member-added` | DescribeApp.response.RecoveryMode "
        "| new response member DescribeApp.response.RecoveryMode (boolean) |"
    ) in expanded
    assert "### Fatal changes" not in text


def test_lenient_gate_markdown_lists_breaking_changes_as_touching(
    lenient_gate: GateReport,
) -> None:
    text = markdown.gate(lenient_gate)
    assert text.splitlines()[0] == "## botocore upgrade 1.37.22 → 1.37.21: ❌ fails"
    assert "0 fatal changes (none can be: --fail-on never)" in text
    assert "### Fatal changes" not in text
    section = text.split("### Other changes touching pinned paths")[1]
    assert section.count("| **breaking** |") == 2


NASTY = "a|b<script>\nx::error::y %"  # would break a table, inject HTML, start a command


def test_contract_text_is_escaped(check_report: CheckReport) -> None:
    first = check_report.results[0]
    nasty = dataclasses.replace(
        first,
        message=NASTY,
        details=("d|1", "d<2>"),
        clause=dataclasses.replace(first.clause, id="id_with|pipe"),
    )
    report = dataclasses.replace(check_report, results=[nasty, *check_report.results[1:]])
    as_markdown = markdown.check(report)
    assert (
        "| ❌ **fail** | id\\_with\\|pipe | contracts/sagemaker-studio-apps.yaml:10 "
        "| a\\|b&lt;script&gt;<br>x::error::y %<br>d\\|1<br>d&lt;2&gt; |"
    ) in as_markdown
    commands = github.check(report).splitlines()
    assert commands[0] == (
        "::error file=contracts/sagemaker-studio-apps.yaml,line=10,"
        "title=id_with|pipe::a|b<script>%0Ax::error::y %25"
    )
    case = ET.fromstring(junit.check(report)).find("testsuite/testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert (case.get("name"), failure.get("message"), failure.text) == (
        "id_with|pipe",
        NASTY,
        "d|1\nd<2>",
    )


# ----- the real command line ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_check_formats(fmt: str) -> None:
    done = run_cli("check", "--botocore", "1.37.21", "--format", fmt, cwd=REPO)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip()
    assert CONTRACT in done.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_gate_formats(fmt: str) -> None:
    done = run_cli("gate", "--from", "1.37.22", "--to", "1.37.21", "--format", fmt, cwd=REPO)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert "request-member-removed" in done.stdout
