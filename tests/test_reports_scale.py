"""Reports at human scale on real release pairs: each change said once where it happened, with
``--expand`` giving every path; reports that fit where they go (a terminal, a step summary, a pull
request comment) without losing a breaking change, a clause verdict or a touching change."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from botocontract import api
from botocontract.gate import GateReport
from botocontract.reports import MIB, TARGETS, Layout, github, markdown, text
from botocontract.reports.common import counts_text, group_changes
from botocontract.rules.grouped import GroupedChanges
from botocontract.rules.judge import Verdict
from clirun import run_cli

pytestmark = pytest.mark.network
REPO = Path(__file__).parent.parent
ADJACENT = ("1.37.21", "1.37.22")
FAR = ("1.37.20", "1.44.8")


@pytest.fixture(scope="module")
def far_verdict() -> Verdict:
    return api.diff(*FAR)


@pytest.fixture(scope="module")
def far_gate() -> GateReport:
    return api.gate("1.37.22", "1.44.8", REPO / "contracts", REPO / "fixtures")


def _path_lines(report: str) -> list[str]:
    return sorted(line for line in report.splitlines() if line.startswith("  "))


def test_expand_lists_every_path_as_before() -> None:
    verdict = api.diff(*ADJACENT)
    changes = list(verdict.changes())
    every = sorted(f"  {c.severity:<8} {c.rule:<32} {c.message}" for c in changes)
    done = run_cli("diff", *ADJACENT, "--expand")
    assert _path_lines(done.stdout) == every
    grouped = run_cli("diff", *ADJACENT).stdout
    assert len(_path_lines(grouped)) < len(every) / 10
    # the groups partition the changes: each path in exactly one group
    for service in verdict.services:
        groups = group_changes(service.changes)
        assert sorted(c.fingerprint for g in groups for c in g.changes) == sorted(
            c.fingerprint for c in service.changes
        )
    gamelift = group_changes(next(s for s in verdict.services if s.service == "gamelift").changes)
    instance = [g for g in gamelift if g.place == "EC2InstanceType"]
    assert {g.first.rule for g in instance} == {
        "request-enum-value-added",
        "response-enum-value-added",
    }
    assert sum(len(g.changes) for g in instance) == 3630  # once per value per path, before
    assert "EC2InstanceType gained 330 values" in grouped


def test_far_diff_text_fits_a_megabyte_and_opens_on_its_counts(far_verdict: Verdict) -> None:
    report = text.diff(far_verdict)
    assert len(report.encode()) <= 1_000_000
    lines = report.splitlines()
    assert lines[2] == "changes where they happen, by service:"
    assert lines[3].split() == ["service", "breaking", "warning", "info", "paths"]
    total = next(line for line in lines if line.startswith("total"))
    paths = sum(len(s.changes) for s in far_verdict.services)
    assert total.split()[-1] == str(paths)
    for change in far_verdict.changes():  # breaking changes are never folded away
        if change.severity == "breaking":
            assert change.rule in report


def test_far_diff_markdown_fits_each_target(far_verdict: Verdict) -> None:
    breaking = [c for c in far_verdict.changes() if c.severity == "breaking"]
    assert breaking
    for limit in TARGETS.values():
        report = markdown.diff(far_verdict, layout=Layout(max_bytes=limit))
        assert len(report.encode()) <= limit
        for change in breaking:
            assert change.rule in report


def test_gate_markdown_of_the_shipped_contract_fits(far_gate: GateReport) -> None:
    touching = [c for c in far_gate.verdict.changes() if c.fingerprint in far_gate.touched]
    assert touching
    for limit in (MIB, 65_536):
        report = markdown.gate(far_gate, layout=Layout(max_bytes=limit))
        assert len(report.encode()) <= limit
        for result in far_gate.check.results:
            assert f"| {markdown.escape(result.clause.id)} |" in report
        for change in touching:
            assert markdown.escape(change.path) in report
    whole = markdown.gate(far_gate, layout=Layout(expand=True, max_bytes=MIB))
    assert len(whole.encode()) <= MIB and "Cut to fit 1,048,576 bytes" in whole


def test_far_diff_github_annotates_ten_of_each_kind_without_spelling_changes_out(
    far_verdict: Verdict, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The verdict's changes as judged, stored in groups, none spelled out yet (other tests of
    # the module spell out the fixture's).
    fresh = dataclasses.replace(
        far_verdict,
        services=tuple(
            dataclasses.replace(s, changes=GroupedChanges(s.service, s.changes.groups))
            for s in far_verdict.services
            if isinstance(s.changes, GroupedChanges)
        ),
    )
    assert len(fresh.services) == len(far_verdict.services)
    with monkeypatch.context() as patch:
        patch.setattr(GroupedChanges, "_spelled_out", _refuse)
        report = github.diff(fresh)
    lines = report.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"] * 10
    # The gravest first, service by service, each change said as the text report says it.
    grouped = [(s.service, g) for s in far_verdict.services for g in group_changes(s.changes)]
    expected = []
    for level in ("breaking", "warning", "info"):
        at = [(service, g) for service, g in grouped if g.first.severity == level]
        expected += [
            f"{service} {g.message()}" + (f" — {g.reach()}" if g.reach() else "")
            for service, g in sorted(
                at, key=lambda sg: (sg[0], sg[1].first.rule, sg[1].place, sg[1].first.message)
            )[:10]
        ]
    annotated = [line.split("::", 2)[2] for line in lines[:-1]]  # each command's data
    assert annotated == [github.escape_data(e) for e in expected]
    summary = lines[-1]
    assert summary.startswith(f"botocontract: {counts_text(far_verdict.changes())} in ")
    left = len(grouped) - 30
    assert f", {len(grouped)} changes where they happened; {left} more not annotated" in summary


def _refuse(self: GroupedChanges) -> None:
    raise AssertionError("a report spelled out every change of a service")
