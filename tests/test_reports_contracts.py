"""The CI-facing contract reports (check and gate as Markdown, GitHub workflow commands, JUnit XML):
golden renders of the real SageMaker contract on botocore 1.37.21 and 1.37.22, annotations that
point at the right contract lines, and the real CLI once per format."""

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
from botocontract.reports import (
    check_github,
    check_junit,
    check_markdown,
    gate_github,
    gate_junit,
    gate_markdown,
)
from clirun import run_cli

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


CHECK_MARKDOWN = """\
## botocontract check on botocore 1.37.21: ❌ fails

4 passed, 5 failed.

| status | clause | where | message |
|---|---|---|---|
| ❌ **fail** | create-app-recovery-mode | contracts/sagemaker-studio-apps.yaml:10 | CreateApp.request.RecoveryMode does not exist in botocore 1.37.21: CreateAppRequest has no member 'RecoveryMode' |
| ❌ **fail** | describe-app-recovery-mode | contracts/sagemaker-studio-apps.yaml:16 | DescribeApp.response.RecoveryMode does not exist in botocore 1.37.21: DescribeAppResponse has no member 'RecoveryMode' |
| ✅ pass | create-app-app-type | contracts/sagemaker-studio-apps.yaml:19 | CreateApp.request.AppType holds |
| ✅ pass | describe-app-app-type | contracts/sagemaker-studio-apps.yaml:25 | DescribeApp.response.AppType holds |
| ✅ pass | create-app-instance-types | contracts/sagemaker-studio-apps.yaml:29 | CreateApp.request.ResourceSpec.InstanceType holds |
| ✅ pass | describe-app-instance-types | contracts/sagemaker-studio-apps.yaml:34 | DescribeApp.response.ResourceSpec.InstanceType holds |
| ❌ **fail** | create-app-request-tree | contracts/sagemaker-studio-apps.yaml:41 | CreateApp.request differs from its fixture (additive): CreateApp.request.RecoveryMode missing (pinned as boolean)<br>CreateApp.request.RecoveryMode: missing (pinned as boolean) |
| ❌ **fail** | describe-app-response-tree | contracts/sagemaker-studio-apps.yaml:46 | DescribeApp.response differs from its fixture (additive): DescribeApp.response.RecoveryMode missing (pinned as boolean)<br>DescribeApp.response.RecoveryMode: missing (pinned as boolean) |
| ❌ **fail** | create-app-call-with-recovery-mode | contracts/sagemaker-studio-apps.yaml:51 | CreateApp call rejected by botocore 1.37.21: Unknown parameter in input: "RecoveryMode", must be one of: DomainId, UserProfileName, SpaceName, AppType, AppName, Tags, ResourceSpec |
"""  # noqa: E501

CHECK_GITHUB = """\
::error file=contracts/sagemaker-studio-apps.yaml,line=10,title=create-app-recovery-mode::CreateApp.request.RecoveryMode does not exist in botocore 1.37.21: CreateAppRequest has no member 'RecoveryMode'
::error file=contracts/sagemaker-studio-apps.yaml,line=16,title=describe-app-recovery-mode::DescribeApp.response.RecoveryMode does not exist in botocore 1.37.21: DescribeAppResponse has no member 'RecoveryMode'
::error file=contracts/sagemaker-studio-apps.yaml,line=41,title=create-app-request-tree::CreateApp.request differs from its fixture (additive): CreateApp.request.RecoveryMode missing (pinned as boolean)
::error file=contracts/sagemaker-studio-apps.yaml,line=46,title=describe-app-response-tree::DescribeApp.response differs from its fixture (additive): DescribeApp.response.RecoveryMode missing (pinned as boolean)
::error file=contracts/sagemaker-studio-apps.yaml,line=51,title=create-app-call-with-recovery-mode::CreateApp call rejected by botocore 1.37.21: Unknown parameter in input: "RecoveryMode", must be one of: DomainId, UserProfileName, SpaceName, AppType, AppName, Tags, ResourceSpec
botocontract check on botocore 1.37.21: 4 passed, 5 failed
"""  # noqa: E501

CHECK_JUNIT = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="botocontract check on botocore 1.37.21" tests="9" failures="5" errors="0">
  <testsuite name="contracts/sagemaker-studio-apps.yaml" tests="9" failures="5" errors="0">
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-recovery-mode" file="contracts/sagemaker-studio-apps.yaml" line="10">
      <failure type="path" message="CreateApp.request.RecoveryMode does not exist in botocore 1.37.21: CreateAppRequest has no member 'RecoveryMode'">CreateApp.request.RecoveryMode does not exist in botocore 1.37.21: CreateAppRequest has no member 'RecoveryMode'</failure>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="describe-app-recovery-mode" file="contracts/sagemaker-studio-apps.yaml" line="16">
      <failure type="path" message="DescribeApp.response.RecoveryMode does not exist in botocore 1.37.21: DescribeAppResponse has no member 'RecoveryMode'">DescribeApp.response.RecoveryMode does not exist in botocore 1.37.21: DescribeAppResponse has no member 'RecoveryMode'</failure>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-app-type" file="contracts/sagemaker-studio-apps.yaml" line="19">
      <system-out>CreateApp.request.AppType holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="describe-app-app-type" file="contracts/sagemaker-studio-apps.yaml" line="25">
      <system-out>DescribeApp.response.AppType holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-instance-types" file="contracts/sagemaker-studio-apps.yaml" line="29">
      <system-out>CreateApp.request.ResourceSpec.InstanceType holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="describe-app-instance-types" file="contracts/sagemaker-studio-apps.yaml" line="34">
      <system-out>DescribeApp.response.ResourceSpec.InstanceType holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-request-tree" file="contracts/sagemaker-studio-apps.yaml" line="41">
      <failure type="tree" message="CreateApp.request differs from its fixture (additive): CreateApp.request.RecoveryMode missing (pinned as boolean)">CreateApp.request.RecoveryMode: missing (pinned as boolean)</failure>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="describe-app-response-tree" file="contracts/sagemaker-studio-apps.yaml" line="46">
      <failure type="tree" message="DescribeApp.response differs from its fixture (additive): DescribeApp.response.RecoveryMode missing (pinned as boolean)">DescribeApp.response.RecoveryMode: missing (pinned as boolean)</failure>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-call-with-recovery-mode" file="contracts/sagemaker-studio-apps.yaml" line="51">
      <failure type="params" message="CreateApp call rejected by botocore 1.37.21: Unknown parameter in input: &quot;RecoveryMode&quot;, must be one of: DomainId, UserProfileName, SpaceName, AppType, AppName, Tags, ResourceSpec">Unknown parameter in input: "RecoveryMode", must be one of: DomainId, UserProfileName, SpaceName, AppType, AppName, Tags, ResourceSpec</failure>
    </testcase>
  </testsuite>
</testsuites>
"""  # noqa: E501

GATE_MARKDOWN = """\
## botocore upgrade 1.37.21 → 1.37.22: ✅ passes

0 of 9 clauses fail; 0 fatal changes (breaking or worse, touching a pinned path); 2 changes in sagemaker: 0 breaking, 0 warning, 2 info.

### Contracts on botocore 1.37.22

| status | clause | where | message |
|---|---|---|---|
| ✅ pass | create-app-recovery-mode | contracts/sagemaker-studio-apps.yaml:8 | CreateApp.request.RecoveryMode holds |
| ✅ pass | describe-app-recovery-mode | contracts/sagemaker-studio-apps.yaml:14 | DescribeApp.response.RecoveryMode holds |
| ✅ pass | create-app-app-type | contracts/sagemaker-studio-apps.yaml:19 | CreateApp.request.AppType holds |
| ✅ pass | describe-app-app-type | contracts/sagemaker-studio-apps.yaml:25 | DescribeApp.response.AppType holds |
| ✅ pass | create-app-instance-types | contracts/sagemaker-studio-apps.yaml:29 | CreateApp.request.ResourceSpec.InstanceType holds |
| ✅ pass | describe-app-instance-types | contracts/sagemaker-studio-apps.yaml:34 | DescribeApp.response.ResourceSpec.InstanceType holds |
| ✅ pass | create-app-request-tree | contracts/sagemaker-studio-apps.yaml:38 | CreateApp.request holds |
| ✅ pass | describe-app-response-tree | contracts/sagemaker-studio-apps.yaml:43 | DescribeApp.response holds |
| ✅ pass | create-app-call-with-recovery-mode | contracts/sagemaker-studio-apps.yaml:48 | CreateApp call accepted |

### Other changes touching pinned paths

| severity | rule | service | path | clauses | change |
|---|---|---|---|---|---|
| info | `request-member-added-optional` | sagemaker | CreateApp.request.RecoveryMode | create-app-recovery-mode, create-app-request-tree, create-app-call-with-recovery-mode | new optional request member CreateApp.request.RecoveryMode (boolean) |
| info | `response-member-added` | sagemaker | DescribeApp.response.RecoveryMode | describe-app-recovery-mode, describe-app-response-tree | new response member DescribeApp.response.RecoveryMode (boolean) |
"""  # noqa: E501

GATE_GITHUB = """\
botocontract gate 1.37.21 -> 1.37.22: passes; 0 of 9 clauses fail, 0 fatal changes, 2 changes (0 breaking, 0 warning, 2 info)
"""  # noqa: E501

GATE_JUNIT = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="botocontract gate 1.37.21 -&gt; 1.37.22" tests="9" failures="0" errors="0">
  <testsuite name="contracts/sagemaker-studio-apps.yaml" tests="9" failures="0" errors="0">
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-recovery-mode" file="contracts/sagemaker-studio-apps.yaml" line="8">
      <system-out>CreateApp.request.RecoveryMode holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="describe-app-recovery-mode" file="contracts/sagemaker-studio-apps.yaml" line="14">
      <system-out>DescribeApp.response.RecoveryMode holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-app-type" file="contracts/sagemaker-studio-apps.yaml" line="19">
      <system-out>CreateApp.request.AppType holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="describe-app-app-type" file="contracts/sagemaker-studio-apps.yaml" line="25">
      <system-out>DescribeApp.response.AppType holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-instance-types" file="contracts/sagemaker-studio-apps.yaml" line="29">
      <system-out>CreateApp.request.ResourceSpec.InstanceType holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="describe-app-instance-types" file="contracts/sagemaker-studio-apps.yaml" line="34">
      <system-out>DescribeApp.response.ResourceSpec.InstanceType holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-request-tree" file="contracts/sagemaker-studio-apps.yaml" line="38">
      <system-out>CreateApp.request holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="describe-app-response-tree" file="contracts/sagemaker-studio-apps.yaml" line="43">
      <system-out>DescribeApp.response holds</system-out>
    </testcase>
    <testcase classname="contracts/sagemaker-studio-apps.yaml" name="create-app-call-with-recovery-mode" file="contracts/sagemaker-studio-apps.yaml" line="48">
      <system-out>CreateApp call accepted</system-out>
    </testcase>
  </testsuite>
  <testsuite name="gate changes" tests="0" failures="0" errors="0" />
</testsuites>
"""  # noqa: E501

FAILING_GATE_MARKDOWN = """\
## botocore upgrade 1.37.22 → 1.37.21: ❌ fails

5 of 9 clauses fail; 2 fatal changes (breaking or worse, touching a pinned path); 2 changes in sagemaker: 2 breaking, 0 warning, 0 info.

### Contracts on botocore 1.37.21

| status | clause | where | message |
|---|---|---|---|
| ❌ **fail** | create-app-recovery-mode | contracts/sagemaker-studio-apps.yaml:10 | CreateApp.request.RecoveryMode does not exist in botocore 1.37.21: CreateAppRequest has no member 'RecoveryMode' |
| ❌ **fail** | describe-app-recovery-mode | contracts/sagemaker-studio-apps.yaml:16 | DescribeApp.response.RecoveryMode does not exist in botocore 1.37.21: DescribeAppResponse has no member 'RecoveryMode' |
| ✅ pass | create-app-app-type | contracts/sagemaker-studio-apps.yaml:19 | CreateApp.request.AppType holds |
| ✅ pass | describe-app-app-type | contracts/sagemaker-studio-apps.yaml:25 | DescribeApp.response.AppType holds |
| ✅ pass | create-app-instance-types | contracts/sagemaker-studio-apps.yaml:29 | CreateApp.request.ResourceSpec.InstanceType holds |
| ✅ pass | describe-app-instance-types | contracts/sagemaker-studio-apps.yaml:34 | DescribeApp.response.ResourceSpec.InstanceType holds |
| ❌ **fail** | create-app-request-tree | contracts/sagemaker-studio-apps.yaml:41 | CreateApp.request differs from its fixture (additive): CreateApp.request.RecoveryMode missing (pinned as boolean)<br>CreateApp.request.RecoveryMode: missing (pinned as boolean) |
| ❌ **fail** | describe-app-response-tree | contracts/sagemaker-studio-apps.yaml:46 | DescribeApp.response differs from its fixture (additive): DescribeApp.response.RecoveryMode missing (pinned as boolean)<br>DescribeApp.response.RecoveryMode: missing (pinned as boolean) |
| ❌ **fail** | create-app-call-with-recovery-mode | contracts/sagemaker-studio-apps.yaml:51 | CreateApp call rejected by botocore 1.37.21: Unknown parameter in input: "RecoveryMode", must be one of: DomainId, UserProfileName, SpaceName, AppType, AppName, Tags, ResourceSpec |

### Fatal changes

| severity | rule | service | path | clauses | change |
|---|---|---|---|---|---|
| **breaking** | `request-member-removed` | sagemaker | CreateApp.request.RecoveryMode | create-app-recovery-mode, create-app-request-tree, create-app-call-with-recovery-mode | request member CreateApp.request.RecoveryMode (boolean) was removed |
| **breaking** | `response-member-removed` | sagemaker | DescribeApp.response.RecoveryMode | describe-app-recovery-mode, describe-app-response-tree | response member DescribeApp.response.RecoveryMode (boolean) was removed |
"""  # noqa: E501

FAILING_GATE_GITHUB = """\
::error file=contracts/sagemaker-studio-apps.yaml,line=10,title=create-app-recovery-mode::CreateApp.request.RecoveryMode does not exist in botocore 1.37.21: CreateAppRequest has no member 'RecoveryMode'
::error file=contracts/sagemaker-studio-apps.yaml,line=16,title=describe-app-recovery-mode::DescribeApp.response.RecoveryMode does not exist in botocore 1.37.21: DescribeAppResponse has no member 'RecoveryMode'
::error file=contracts/sagemaker-studio-apps.yaml,line=41,title=create-app-request-tree::CreateApp.request differs from its fixture (additive): CreateApp.request.RecoveryMode missing (pinned as boolean)
::error file=contracts/sagemaker-studio-apps.yaml,line=46,title=describe-app-response-tree::DescribeApp.response differs from its fixture (additive): DescribeApp.response.RecoveryMode missing (pinned as boolean)
::error file=contracts/sagemaker-studio-apps.yaml,line=51,title=create-app-call-with-recovery-mode::CreateApp call rejected by botocore 1.37.21: Unknown parameter in input: "RecoveryMode", must be one of: DomainId, UserProfileName, SpaceName, AppType, AppName, Tags, ResourceSpec
::error file=contracts/sagemaker-studio-apps.yaml,line=10,title=request-member-removed::sagemaker CreateApp.request.RecoveryMode touches create-app-recovery-mode, create-app-request-tree, create-app-call-with-recovery-mode
::error file=contracts/sagemaker-studio-apps.yaml,line=16,title=response-member-removed::sagemaker DescribeApp.response.RecoveryMode touches describe-app-recovery-mode, describe-app-response-tree
botocontract gate 1.37.22 -> 1.37.21: fails; 5 of 9 clauses fail, 2 fatal changes, 2 changes (2 breaking, 0 warning, 0 info)
"""  # noqa: E501


# ----- golden renders -----------------------------------------------------------------------


def test_check_goldens(check_report: CheckReport) -> None:
    assert len(check_report.failed) == 5
    assert check_markdown.render(check_report) == CHECK_MARKDOWN
    assert check_github.render(check_report) == CHECK_GITHUB
    assert check_junit.render(check_report) == CHECK_JUNIT


def test_passing_gate_goldens(passing_gate: GateReport) -> None:
    assert passing_gate.passed
    assert gate_markdown.render(passing_gate) == GATE_MARKDOWN
    assert gate_github.render(passing_gate) == GATE_GITHUB
    assert gate_junit.render(passing_gate) == GATE_JUNIT


def test_failing_gate_goldens(failing_gate: GateReport) -> None:
    assert not failing_gate.passed
    assert gate_markdown.render(failing_gate) == FAILING_GATE_MARKDOWN
    assert gate_github.render(failing_gate) == FAILING_GATE_GITHUB


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
    text = check_github.render(check_report)
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
        for a in _annotations(gate_github.render(failing_gate))
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
        "sagemaker CreateApp.request.RecoveryMode touches "
        "create-app-recovery-mode, create-app-request-tree, "
        "create-app-call-with-recovery-mode"
    )


def test_gate_github_warns_of_breaking_changes_that_are_not_fatal(
    lenient_gate: GateReport,
) -> None:
    text = gate_github.render(lenient_gate)
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
    root = ET.fromstring(check_junit.render(check_report))
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
    root = ET.fromstring(gate_junit.render(failing_gate))
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
    assert failure.text.endswith(
        "touches create-app-recovery-mode, create-app-request-tree, "
        "create-app-call-with-recovery-mode"
    )


def test_passing_gate_junit_has_an_empty_changes_suite(passing_gate: GateReport) -> None:
    root = ET.fromstring(gate_junit.render(passing_gate))
    assert (root.get("tests"), root.get("failures")) == ("9", "0")
    assert [s.get("name") for s in root.findall("testsuite")] == [CONTRACT, "gate changes"]
    assert root.findall("testsuite/testcase/failure") == []


# ----- markdown sections and escaping -------------------------------------------------------


def test_gate_markdown_folds_the_changes_no_clause_touches(passing_gate: GateReport) -> None:
    describe = next(
        c for c in passing_gate.verdict.changes() if c.path == "DescribeApp.response.RecoveryMode"
    )
    touched = {k: v for k, v in passing_gate.touched.items() if k != describe.fingerprint}
    text = gate_markdown.render(dataclasses.replace(passing_gate, touched=touched))
    touching, folded = text.split("### Other changes touching pinned paths")[1].split("<details>")
    assert "CreateApp.request.RecoveryMode" in touching
    assert "DescribeApp.response.RecoveryMode" not in touching
    assert folded.startswith(
        "<summary>1 other change in the contracted services: "
        "0 breaking, 0 warning, 1 info</summary>\n"
    )
    assert "### sagemaker" in folded
    assert (
        "| info | `response-member-added` | DescribeApp.response.RecoveryMode "
        "| new response member DescribeApp.response.RecoveryMode (boolean) |"
    ) in folded
    assert text.endswith("</details>\n")
    assert "### Fatal changes" not in text


def test_lenient_gate_markdown_lists_breaking_changes_as_touching(
    lenient_gate: GateReport,
) -> None:
    text = gate_markdown.render(lenient_gate)
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
    markdown = check_markdown.render(report)
    assert (
        "| ❌ **fail** | id\\_with\\|pipe | contracts/sagemaker-studio-apps.yaml:10 "
        "| a\\|b&lt;script&gt;<br>x::error::y %<br>d\\|1<br>d&lt;2&gt; |"
    ) in markdown
    github = check_github.render(report).splitlines()
    assert github[0] == (
        "::error file=contracts/sagemaker-studio-apps.yaml,line=10,"
        "title=id_with|pipe::a|b<script>%0Ax::error::y %25"
    )
    case = ET.fromstring(check_junit.render(report)).find("testsuite/testcase")
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
