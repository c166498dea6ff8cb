"""Golden tests for the CI-facing diff reports: markdown, GitHub workflow commands, JUnit XML."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from typing import Any

import pytest

from botocontract.contracts.run import CheckReport
from botocontract.diff.facts import Fact, Kind
from botocontract.diff.release import ServiceDiff
from botocontract.diff.service import compare_services
from botocontract.gate import GateReport
from botocontract.model.service import Service
from botocontract.release_info import ReleaseInfo
from botocontract.reports import Layout, github, junit, markdown, text
from botocontract.reports.common import group_changes
from botocontract.rules.grouped import GroupedChanges
from botocontract.rules.judge import Change, JudgedService, Verdict, judge_fact, judge_releases
from botocontract.rules.table import RULES_BY_ID
from goldens import Goldens
from synthetic import Model, enum, operation, release, svc

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
    goldens.check("diff-synthetic.grouped.md", markdown.diff(make_verdict()))
    goldens.check("diff-synthetic.md", markdown.diff(make_verdict(), layout=Layout(expand=True)))
    goldens.check("diff-synthetic.md", markdown.diff_by_path(make_verdict()))


def test_markdown_without_changes_is_one_line() -> None:
    assert markdown.diff(empty_verdict()) == (
        "No changes were found across 404 services (./old -> 1.37.22).\n"
    )


def test_markdown_escapes_model_text() -> None:
    text = markdown.diff(make_verdict()) + markdown.diff_by_path(make_verdict())
    assert "<script>" not in text
    for line in text.splitlines():
        if line.startswith(("| severity", "| **", "| warning", "| info")):
            # every row of changes keeps exactly its four cells
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

    assert "<details>" not in markdown.diff_by_path(verdict(50))
    text = markdown.diff_by_path(verdict(51))
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


def _shared_shape_verdict(values: int, operations: int) -> Verdict:
    """One enum shape, reached from ``operations`` operations, gains ``values`` values; one
    request member is removed from each operation (breaking, said at each)."""

    def model(count: int, legacy: bool) -> dict[str, Any]:
        request: dict[str, Any] = {"Kind": {"shape": "Kind"}}
        if legacy:
            request["Legacy"] = {"shape": "String"}
        ops = {
            f"Op{i:03}": {
                "name": f"Op{i:03}",
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": f"Op{i:03}Request"},
            }
            for i in range(operations)
        }
        shapes: dict[str, Any] = {
            f"Op{i:03}Request": {"type": "structure", "members": dict(request)}
            for i in range(operations)
        }
        shapes["Kind"] = {"type": "string", "enum": [f"v{n:04}" for n in range(count)]}
        shapes["String"] = {"type": "string"}
        meta = {"apiVersion": "2020-01-01", "endpointPrefix": "s", "protocol": "json"}
        return {"version": "2.0", "metadata": meta, "operations": ops, "shapes": shapes}

    old = Service("shared", "2020-01-01", model(1, True), source="test")
    new = Service("shared", "2020-01-01", model(1 + values, False), source="test")
    judged = _judged("shared", "changed", "Shared", compare_services(old, new))
    info = ReleaseInfo(spec="1.0.0", botocore="1.0.0", date=None)
    return Verdict(old=info, new=info, services_compared=1, services=(judged,), ignored=())


def test_a_change_at_a_shape_is_said_once_with_its_reach() -> None:
    verdict = _shared_shape_verdict(values=40, operations=12)
    changes = list(verdict.changes())
    groups = group_changes(changes)
    # the groups partition the changes: none lost, none twice
    assert sorted(c.fingerprint for g in groups for c in g.changes) == sorted(
        c.fingerprint for c in changes
    )
    enum = next(g for g in groups if g.first.rule == "request-enum-value-added")
    assert len(enum.changes) == 40 * 12 and enum.place == "Kind"
    assert enum.message() == "Kind gained 40 values (v0001, v0002, v0003, …)"
    assert enum.reach() == "reaches 12 paths in 12 operations"
    lines = text.diff(verdict).splitlines()
    assert lines[2] == "changes where they happen, by service:"
    assert lines[4].split() == ["shared", "12", "0", "1", str(len(changes))]
    assert f"Kind gained 40 values (v0001, v0002, v0003, …) — {enum.reach()}" in lines[-3]
    # --expand is one line per path, every path once
    expanded = text.diff(verdict, layout=Layout(expand=True)).splitlines()
    assert sorted(line for line in expanded if line.startswith("  ")) == sorted(
        f"  {c.severity:<8} {c.rule:<32} {c.message}" for c in changes
    )


def test_markdown_fits_its_budget_and_keeps_every_breaking_change() -> None:
    verdict = _shared_shape_verdict(values=300, operations=30)
    whole = markdown.diff(verdict)
    cut = markdown.diff(verdict, layout=Layout(max_bytes=8192))
    assert len(cut.encode()) <= 8192 < len(markdown.diff_by_path(verdict).encode())
    for change in verdict.changes():
        if change.severity == "breaking":
            assert change.message in cut
    assert "Cut to fit" not in whole
    expanded = markdown.diff(verdict, layout=Layout(expand=True, max_bytes=8192))
    assert len(expanded.encode()) > 8192  # --expand without a budget is the whole list


def test_text_gate_lists_changes_in_the_order_of_the_other_gate_reports() -> None:
    # By service, then gravest first, then path (reports.common.service_order), as the Markdown,
    # GitHub and JUnit gate reports list them; the text lines do not name the service, so its
    # changes must at least stand together.
    def removed(operation: str) -> Fact:
        return Fact(Kind.OPERATION_REMOVED, operation, operation=operation)

    alpha = _judged("alpha", "changed", "Alpha", (removed("Zap"), removed("Put")))
    zeta = _judged("zeta", "changed", "Zeta", (removed("Get"),))
    info = ReleaseInfo(spec="1.0.0", botocore="1.0.0", date=None)
    verdict = Verdict(old=info, new=info, services_compared=2, services=(alpha, zeta), ignored=())
    release = SimpleNamespace(label="botocore 1.0.0")
    report = GateReport(
        check=CheckReport(release=release, results=[], unused_fixtures=[], contracts=[]),
        verdict=verdict,
        touched={},
        breaches={},
        fatal=list(verdict.changes()),
        strict=True,
        fail_on="breaking",
    )
    in_text = [line.split()[-1] for line in text.gate(report).splitlines() if line[:5] == "FATAL"]
    rows = markdown.gate(report).split("### Fatal changes")[1].split("\n\n")[1].splitlines()
    in_markdown = [row.split(" | ")[3] for row in rows[2:]]
    assert in_markdown == ["Put", "Zap", "Get"]
    assert in_text == in_markdown


def _crowded_verdict() -> Verdict:
    """More changes of each of two kinds than GitHub shows, judged as a real diff is (stored
    in groups): 12 operations removed (breaking); 11 enum shapes gaining a value (warning), one
    of them reached by two members; 3 operations added (info)."""

    def model(new: bool) -> Model:
        members = {f"K{i:02}": f"E{i:02}" for i in range(11)}
        members["Also"] = "E00"
        values = ("a", "b") if new else ("a",)
        ops = (
            {f"A{i}": operation(f"A{i}") for i in range(3)}
            if new
            else {f"R{i:02}": operation(f"R{i:02}") for i in range(12)}
        )
        return svc(resp=members, shapes={f"E{i:02}": enum(*values) for i in range(11)}, ops=ops)

    return judge_releases(
        release({"svc": model(False)}, "1.0.0"), release({"svc": model(True)}, "2.0.0"), jobs=1
    )


def test_github_annotates_ten_of_each_kind_gravest_first_and_counts_the_rest() -> None:
    lines = github.diff(_crowded_verdict()).splitlines()
    assert github.ANNOTATIONS_PER_KIND == 10
    kinds = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"] * 3
    # each kind in the order the text report lists the changes: R10 and R11, K10 are left out
    assert lines[0] == "::error title=operation-removed::svc operation R00 was removed"
    assert lines[9] == "::error title=operation-removed::svc operation R09 was removed"
    assert lines[10] == (
        "::warning title=response-enum-value-added::"
        "svc E00 gained 1 value (b) — reaches 2 paths in 1 operation"
    )
    assert lines[19] == (
        "::warning title=response-enum-value-added::"
        "svc response enum Op.response.K09=b gained a value"
    )
    assert lines[20:23] == [
        f"::notice title=operation-added::svc operation A{i} was added" for i in range(3)
    ]
    assert lines[-1] == (
        "botocontract: 12 breaking, 12 warning, 3 info in 1 of 1 services (1.0.0 -> 2.0.0), "
        "26 changes where they happened; 3 more not annotated (2 errors, 1 warning; "
        "GitHub shows 10 of each kind per step): see them all with --format json, "
        "or --format markdown in the step summary"
    )


def test_github_spells_out_only_the_changes_it_annotates(monkeypatch: pytest.MonkeyPatch) -> None:
    verdict = _crowded_verdict()
    (service,) = verdict.services
    assert isinstance(service.changes, GroupedChanges)

    def spelled_out(self: GroupedChanges) -> None:
        raise AssertionError("every change of the service spelled out")

    monkeypatch.setattr(GroupedChanges, "_spelled_out", spelled_out)
    assert len(github.diff(verdict).splitlines()) == 24


@pytest.mark.parametrize(
    "verdict",
    [
        _crowded_verdict(),  # changes stored in groups
        make_verdict(),  # changes held one by one
        _shared_shape_verdict(values=40, operations=12),
    ],
    ids=["grouped", "plain", "shared-shape"],
)
def test_groups_read_from_judged_groups_are_the_groups_of_the_changes(verdict: Verdict) -> None:
    for service in verdict.services:
        groups = group_changes(service.changes)
        # the same changes held one by one group alike, change for change
        plain = group_changes(tuple(service.changes))
        assert [(g.place, g.count, g.first, g.message(), g.reach()) for g in groups] == [
            (g.place, g.count, g.first, g.message(), g.reach()) for g in plain
        ]
        assert [g.changes for g in groups] == [g.changes for g in plain]
        assert sum(g.count for g in groups) == len(service.changes)
