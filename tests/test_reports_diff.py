"""Golden tests for the CI-facing diff reports: markdown, GitHub workflow commands, JUnit XML."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

from botocontract.diff.facts import Fact, Kind
from botocontract.diff.release import ServiceDiff
from botocontract.diff.service import compare_services
from botocontract.model.service import Service
from botocontract.release_info import ReleaseInfo
from botocontract.reports import github, junit, markdown
from botocontract.rules.judge import Change, JudgedService, Verdict, judge_fact
from botocontract.rules.table import RULES_BY_ID
from goldens import Goldens

NASTY = "a|b<script>\nx"  # a model string that would break a table, inject HTML, split a line


def _model(*, legacy: bool, statuses: list[str], delete: bool) -> dict[str, Any]:
    request: dict[str, Any] = {"Name": {"shape": "String"}}
    if legacy:
        request["Legacy"] = {"shape": "String"}
    operations: dict[str, Any] = {
        "CreateThing": {
            "name": "CreateThing",
            "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "CreateThingRequest"},
            "output": {"shape": "CreateThingResponse"},
        },
    }
    if delete:
        operations["DeleteThing"] = {
            "name": "DeleteThing",
            "http": {"method": "POST", "requestUri": "/"},
        }
    return {
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01",
            "endpointPrefix": "demo",
            "protocol": "json",
            "serviceFullName": "Demo <Service>",
            "serviceId": "Demo",
        },
        "operations": operations,
        "shapes": {
            "CreateThingRequest": {"type": "structure", "members": request},
            "CreateThingResponse": {
                "type": "structure",
                "members": {"Status": {"shape": "Status"}},
            },
            "Status": {"type": "string", "enum": statuses},
            "String": {"type": "string"},
        },
    }


def _changes(service: str, facts: tuple[Fact, ...]) -> tuple[Change, ...]:
    return tuple(judge_fact(service, fact, {}) for fact in facts)


def _judged(service: str, status: str, full_name: str, facts: tuple[Fact, ...]) -> JudgedService:
    return JudgedService(
        service=service,
        api_version="2020-01-01",
        status=status,
        full_name=full_name,
        changes=_changes(service, facts),
        diff=ServiceDiff(service, "2020-01-01", status, full_name, facts),
    )


def make_verdict() -> Verdict:
    old = Service(
        "demo", "2020-01-01", _model(legacy=True, statuses=["ACTIVE"], delete=False), source="test"
    )
    new = Service(
        "demo",
        "2020-01-01",
        _model(legacy=False, statuses=["ACTIVE", NASTY], delete=True),
        source="test",
    )
    facts = compare_services(old, new)
    demo = _judged("demo", "changed", new.full_name, facts)
    gone = _judged("gone", "removed", "Gone Service", (Fact(Kind.SERVICE_REMOVED, "gone"),))
    accepted = judge_fact("demo", Fact(Kind.OPERATION_ADDED, "Other", operation="Other"), {})
    return Verdict(
        old=ReleaseInfo(spec="1.37.21", botocore="1.37.21", date=dt.date(2025, 3, 26)),
        new=ReleaseInfo(spec="1.37.22", botocore="1.37.22", date=dt.date(2025, 3, 27)),
        services_compared=5,
        services=(demo, gone),
        ignored=((accepted, "known"),),
    )


def empty_verdict() -> Verdict:
    return Verdict(
        old=ReleaseInfo(spec="./old", botocore=None, date=None),
        new=ReleaseInfo(spec="1.37.22", botocore="1.37.22", date=None),
        services_compared=404,
        services=(),
        ignored=(),
    )


def test_the_synthetic_verdict_holds_one_change_of_each_severity() -> None:
    demo = make_verdict().services[0]
    assert sorted((c.severity, c.rule) for c in demo.changes) == [
        ("breaking", "request-member-removed"),
        ("info", "operation-added"),
        ("warning", "response-enum-value-added"),
    ]


def test_markdown_golden(goldens: Goldens) -> None:
    goldens.check("diff-synthetic.md", markdown.diff(make_verdict()))


def test_markdown_without_changes_is_one_line() -> None:
    assert markdown.diff(empty_verdict()) == (
        "No changes were found across 404 services (./old -> 1.37.22).\n"
    )


def test_markdown_escapes_model_text() -> None:
    text = markdown.diff(make_verdict())
    assert "<script>" not in text
    for line in text.splitlines():
        if line.startswith("| "):  # every row keeps exactly its four cells
            assert line.replace("\\|", "").count("|") == 5, line
    assert markdown.escape("`a` *b* \\| <i>") == "\\`a\\` \\*b\\* \\\\\\| &lt;i&gt;"
    assert markdown.escape("one\r\ntwo\rthree") == "one<br>two<br>three"


def test_markdown_folds_long_services_into_details() -> None:
    def verdict(rows: int) -> Verdict:
        facts = tuple(
            Fact(Kind.OPERATION_ADDED, f"Op{i:02}", operation=f"Op{i:02}") for i in range(rows)
        )
        judged = _judged("big", "added", "Big", facts)
        info = ReleaseInfo(spec="a", botocore=None, date=None)
        return Verdict(old=info, new=info, services_compared=1, services=(judged,), ignored=())

    assert "<details>" not in markdown.diff(verdict(50))
    text = markdown.diff(verdict(51))
    assert (
        "### big - Big (added)\n\n<details><summary>51 changes: 0 breaking, 0 warning, "
        "51 info</summary>\n\n| severity |" in text
    )
    assert text.endswith(
        "| info | `operation-added` | Op50 | operation Op50 was added |\n\n</details>\n"
    )


def test_github_golden(goldens: Goldens) -> None:
    goldens.check("diff-synthetic.github.txt", github.diff(make_verdict()))


def test_github_without_changes() -> None:
    assert github.diff(empty_verdict()) == (
        "botocontract: 0 breaking, 0 warning, 0 info in 0 of 404 services (./old -> 1.37.22)\n"
    )


def test_github_escaping() -> None:
    assert github.escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert github.escape_property("50% a\r\nb: c, d") == "50%25 a%0D%0Ab%3A c%2C d"
    for line in github.diff(make_verdict()).splitlines()[:-1]:
        assert line.startswith(("::error ", "::warning ", "::notice "))


def test_junit_golden(goldens: Goldens) -> None:
    goldens.check("diff-synthetic.junit.xml", junit.diff(make_verdict()))


def test_junit_parses_with_counts_and_escaped_text() -> None:
    root = ET.fromstring(junit.diff(make_verdict()).encode())
    assert root.tag == "testsuites"
    assert (root.get("name"), root.get("tests"), root.get("failures")) == (
        "botocontract diff",
        "4",
        "2",
    )
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        ("demo", "3", "1"),
        ("gone", "1", "1"),
    ]
    for suite in suites:
        cases = suite.findall("testcase")
        assert len(cases) == int(suite.get("tests", ""))
        assert sum(c.find("failure") is not None for c in cases) == int(suite.get("failures", ""))
    warning = suites[0].findall("testcase")[1]
    assert warning.get("name") == f"response-enum-value-added CreateThing.response.Status={NASTY}"
    assert (
        warning.findtext("system-out")
        == f"response enum CreateThing.response.Status={NASTY} gained a value"
    )
    failure = suites[0].find("testcase/failure")
    assert failure is not None
    assert failure.text == RULES_BY_ID["request-member-removed"].explanation


def test_junit_without_changes_and_with_unwritable_characters() -> None:
    root = ET.fromstring(junit.diff(empty_verdict()))
    assert (root.get("tests"), root.get("failures"), list(root)) == ("0", "0", [])
    odd = _judged(
        "odd", "changed", "Odd", (Fact(Kind.OPERATION_ADDED, "Op\x00\x1b", operation="Op"),)
    )
    info = ReleaseInfo(spec="a", botocore=None, date=None)
    text = junit.diff(Verdict(old=info, new=info, services_compared=1, services=(odd,), ignored=()))
    case = ET.fromstring(text).find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == "operation-added Op\\u0000\\u001b"
