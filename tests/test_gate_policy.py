"""The gate's policy on small in-memory releases, without the network: what touches a clause, what
is fatal at each --fail-on, what --strict adds; and that a gate opens each release once and parses
each model once. What each kind of clause depends on: test_gate_depends.py."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from botocontract import api
from botocontract.contracts.evaluate import check_against_fixtures
from botocontract.contracts.load import load_contracts
from botocontract.contracts.snapshot import snapshot
from botocontract.fixtures import FixtureStore
from botocontract.gate import GateReport, gate
from botocontract.model.service import Service
from botocontract.rules.ignore import IgnoreEntry, IgnoreList
from botocontract.rules.severity import Severity
from botocontract.sources.release import Release
from synthetic import Model, enum, operation, release, struct, svc

CONTRACT = """\
botocontract: 1
service: svc
clauses:
  - id: name-is-a-string
    path: Op.request.Name
    type: string
  - id: status-values
    path: Op.response.Status
    enum: closed
"""


def model(
    *,
    request: dict[str, str] | None = None,
    required: tuple[str, ...] = (),
    statuses: tuple[str, ...] = ("DONE", "FAILED"),
    other: dict[str, str] | None = None,
    with_op: bool = True,
) -> Model:
    """svc: ``Op`` (what the contract pins) beside ``Other`` (what it does not)."""
    shapes: dict[str, Any] = {
        "Status": enum(*statuses),
        "OtherRequest": struct(other if other is not None else {"Old": "S"}),
    }
    built = svc(
        req=struct(request if request is not None else {"Name": "S"}, required=required),
        resp={"Status": "Status"},
        shapes=shapes,
        ops={"Other": operation("Other", "OtherRequest")},
    )
    if not with_op:
        del built.raw["operations"]["Op"]
    return built


@pytest.fixture()
def pinned(tmp_path: Path) -> tuple[Release, list[Any], FixtureStore]:
    """The base release, the contract, and its fixtures taken from the base."""
    (tmp_path / "svc.yaml").write_text(CONTRACT, encoding="utf-8")
    base = release({"svc": model()}, spec="base")
    store = FixtureStore(tmp_path / "fixtures")
    contracts = load_contracts(tmp_path)
    snapshot(base, contracts, store, update=True)
    check_against_fixtures(contracts, store)
    return base, contracts, store


def run_gate(
    pinned: tuple[Release, list[Any], FixtureStore], candidate: Model, **options: Any
) -> GateReport:
    base, contracts, store = pinned
    return gate(base, release({"svc": candidate}, spec="candidate"), contracts, store, **options)


def rules(changes: Any) -> set[tuple[str, str]]:
    return {(c.rule, c.path) for c in changes}


def test_an_unchanged_candidate_passes(pinned: Any) -> None:
    report = run_gate(pinned, model())
    assert report.passed and not report.fatal and not report.touched
    assert [r.passed for r in report.check.results] == [True, True]


def test_a_breaking_change_elsewhere_is_reported_not_fatal_unless_strict(pinned: Any) -> None:
    candidate = model(other={})
    report = run_gate(pinned, candidate)
    assert rules(report.verdict.changes()) == {("request-member-removed", "Other.request.Old")}
    assert report.passed and report.touched == {} and report.fatal == []
    strict = run_gate(pinned, candidate, strict=True)
    assert not strict.passed
    assert rules(strict.fatal) == {("request-member-removed", "Other.request.Old")}


def test_a_change_touching_a_clause_that_does_not_depend_on_it_is_not_fatal(pinned: Any) -> None:
    """``type: string`` does not mind Name becoming required: touched, reported, not fatal."""
    report = run_gate(pinned, model(required=("Name",)))
    (change,) = report.verdict.changes()
    assert (change.rule, change.path) == ("request-member-became-required", "Op.request.Name")
    assert report.touched == {change.fingerprint: ("name-is-a-string",)}
    assert report.breaches == {} and report.fatal == [] and report.passed
    strict = run_gate(pinned, model(required=("Name",)), strict=True)
    assert strict.fatal == [change] and not strict.passed
    assert strict.why(change) == "--strict: breaking in a contracted service: optional -> required"


def test_a_change_breaking_a_clause_is_fatal_and_says_why(pinned: Any) -> None:
    report = run_gate(pinned, model(request={"Name": "I"}))
    (change,) = report.verdict.changes()
    assert (change.rule, change.path) == ("request-type-changed", "Op.request.Name")
    assert [r.clause.id for r in report.check.failed] == ["name-is-a-string"]
    assert report.fatal == [change] and not report.passed
    assert report.why(change) == "breaks name-is-a-string (type: string): string -> integer"


def test_removing_what_holds_a_pinned_path_touches_every_clause_below_it(pinned: Any) -> None:
    report = run_gate(pinned, model(with_op=False))
    removed = [c for c in report.verdict.changes() if c.rule == "operation-removed"]
    assert [c.path for c in removed] == ["Op"]
    assert report.touched[removed[0].fingerprint] == ("name-is-a-string", "status-values")
    assert removed[0] in report.fatal
    assert {r.clause.id for r in report.check.failed} == {"name-is-a-string", "status-values"}


@pytest.mark.parametrize(
    ("fail_on", "fatal"),
    [("breaking", False), ("warning", True), ("info", True), ("never", False)],
)
def test_fail_on_sets_the_severity_that_fails(pinned: Any, fail_on: str, fatal: bool) -> None:
    """A new response enum value (a warning) breaks ``enum: closed``: the clause fails at every
    --fail-on, the change is fatal from --fail-on warning."""
    report = run_gate(pinned, model(statuses=("DONE", "FAILED", "PAUSED")), fail_on=fail_on)
    (change,) = report.verdict.changes()
    assert (change.rule, change.severity) == ("response-enum-value-added", "warning")
    assert report.touched == {change.fingerprint: ("status-values",)}
    assert [str(b) for b in report.breaches[change.fingerprint]] == ["status-values (enum: closed)"]
    assert bool(report.fatal) is fatal
    assert [r.clause.id for r in report.check.failed] == ["status-values"]
    assert not report.passed


def test_never_fails_on_nothing_but_broken_clauses(pinned: Any) -> None:
    report = run_gate(pinned, model(request={}), fail_on="never", strict=True)
    assert report.fatal == []
    assert [r.clause.id for r in report.check.failed] == ["name-is-a-string"]
    assert not report.passed


def test_severity_overrides_and_ignores_reach_the_policy(pinned: Any) -> None:
    candidate = model(required=("Name",))
    lowered = run_gate(
        pinned, candidate, strict=True, overrides={"request-member-became-required": Severity.INFO}
    )
    assert lowered.passed and lowered.touched
    entries = [
        IgnoreEntry(
            reason="we always send Name", rule="request-member-became-required", path="Op.request.*"
        )
    ]
    accepted = run_gate(pinned, candidate, strict=True, ignore=IgnoreList(entries))
    assert accepted.passed and not list(accepted.verdict.changes())
    assert [reason for _, reason in accepted.verdict.ignored] == ["we always send Name"]
    assert accepted.stale_ignores == ()


def test_a_gate_opens_each_release_once_and_parses_each_model_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "svc.yaml").write_text(CONTRACT, encoding="utf-8")
    models = {"base": model(), "candidate": model(statuses=("DONE", "FAILED", "PAUSED"))}
    snapshot(
        release({"svc": models["base"]}),
        load_contracts(tmp_path / "contracts"),
        FixtureStore(tmp_path / "fixtures"),
        update=True,
    )
    opened: Counter[str] = Counter()
    parsed: Counter[tuple[str, str]] = Counter()

    def open_release(spec: str, **_: Any) -> Release:
        opened[spec] += 1
        return release({"svc": models[spec]}, spec=spec)

    parse = Release._parse_service

    def counting_parse(self: Release, service: str, version: str) -> Service:
        parsed[self.spec, service] += 1
        return parse(self, service, version)

    monkeypatch.setattr(api, "open_release", open_release)
    monkeypatch.setattr(Release, "_parse_service", counting_parse)
    report = api.gate("base", "candidate", tmp_path / "contracts", tmp_path / "fixtures")
    assert list(report.verdict.changes())  # the diff did compare the models
    assert opened == {"base": 1, "candidate": 1}
    assert parsed == {("base", "svc"): 1, ("candidate", "svc"): 1}
