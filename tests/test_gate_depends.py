"""The gate fails only on what a clause depends on (issue 10, section 3), on synthetic releases
without the network: each kind of assertion against the changes that break it and those that do
not, the reason each fatal line gives, glob ignore entries and stale ones, and the CLI's
--strict-ignore (of gate, and of diff, which shares the ignore files)."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from botocontract.contracts.load import load_contracts
from botocontract.contracts.snapshot import snapshot
from botocontract.fixtures import FixtureStore
from botocontract.gate import GateReport, gate
from botocontract.reports import github, junit, markdown
from botocontract.reports import json as json_report
from botocontract.reports import text as text_report
from botocontract.rules.ignore import load_ignore
from clirun import run_cli
from documents import path_changes
from synthetic import Model, enum, lst, operation, release, struct, svc

SIZES = ("m5.large", *(f"c6id.{n}xlarge" for n in range(1, 37)))  # 37 values, 36 unpinned
PINNED = "Op.request.Spec.Size"

CONTRACT = """\
botocontract: 1
service: svc
clauses:
  - id: pinned-sizes
    path: Op.request.Spec.Size
    enum_contains: [m5.large]
  - id: size-is-a-string
    path: Op.request.Spec.Size
    type: string
  - id: kind-known
    path: Op.response.Kind
    enum: closed
  - id: tags-grow
    path: Op.request.Tags
    tree: additive
  - id: call
    call: Op
    params:
      Spec: {Size: m5.large}
      Tags: [{Key: team}]
"""


def model(
    *,
    sizes: tuple[str, ...] = SIZES,
    kinds: tuple[str, ...] = ("A", "B"),
    spec: dict[str, Any] | None = None,
    spec_required: tuple[str, ...] = (),
    tag: dict[str, Any] | None = None,
    tag_required: tuple[str, ...] = ("Key",),
    request: dict[str, Any] | None = None,
    with_op: bool = True,
) -> Model:
    built = svc(
        req=struct(
            {"Spec": "Spec", "Tags": "Tags", **(request or {})},
        ),
        resp={"Kind": "Kind"},
        shapes={
            "Size": enum(*sizes),
            "Kind": enum(*kinds),
            "Spec": struct(spec if spec is not None else {"Size": "Size"}, required=spec_required),
            "Tag": struct(tag if tag is not None else {"Key": "S"}, required=tag_required),
            "Tags": lst("Tag"),
            "OtherRequest": struct({"Old": "S"}),
        },
        ops={"Other": operation("Other", "OtherRequest")},
    )
    if not with_op:
        del built.raw["operations"]["Op"]
    return built


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "svc.yaml").write_text(CONTRACT, encoding="utf-8")
    snapshot(
        release({"svc": model()}, spec="base"),
        load_contracts(tmp_path / "contracts"),
        FixtureStore(tmp_path / "fixtures"),
        update=True,
    )
    return tmp_path


def run_gate(project: Path, candidate: Model, **options: Any) -> GateReport:
    return gate(
        release({"svc": model()}, spec="base"),
        release({"svc": candidate}, spec="candidate"),
        load_contracts(project / "contracts"),
        FixtureStore(project / "fixtures"),
        **options,
    )


def why(report: GateReport) -> dict[str, str]:
    """Each fatal change's path -> the reason the gate gives."""
    return {c.path: report.why(c) for c in report.fatal}


def write_ignore(project: Path, *entries: str) -> Path:
    file = project / "accepted.yaml"
    file.write_text("botocontract-ignore: 1\nignore:\n" + "".join(entries), encoding="utf-8")
    return file


def test_enum_contains_ignores_other_values_and_fails_on_a_pinned_one(project: Path) -> None:
    others = run_gate(project, model(sizes=SIZES[:1]))
    assert len(list(others.verdict.changes())) == 36
    assert all(c.rule == "request-enum-value-removed" for c in others.verdict.changes())
    assert others.passed and others.fatal == [] and others.breaches == {}
    assert len(others.touched) == 36  # reported as touching the clause, never fatal

    pinned = run_gate(project, model(sizes=SIZES[1:]))
    assert not pinned.passed
    assert {r.clause.id for r in pinned.check.failed} == {"pinned-sizes", "call"}
    assert why(pinned) == {
        f"{PINNED}=m5.large": "breaks pinned-sizes (enum_contains: [m5.large]); "
        "call (call: Op passes Spec.Size=m5.large): m5.large -> absent"
    }
    text = text_report.gate(pinned)
    assert "FATAL breaking request-enum-value-removed " in text
    assert f" {PINNED}=m5.large  touches pinned-sizes, size-is-a-string, call\n" in text
    assert "      breaks pinned-sizes (enum_contains: [m5.large]);" in text


def test_strict_keeps_every_change_touching_a_pinned_path_fatal(project: Path) -> None:
    report = run_gate(project, model(sizes=SIZES[:1]), strict=True)
    assert len(report.fatal) == 36 and not report.passed
    assert why(report)[f"{PINNED}=c6id.1xlarge"] == (
        "--strict: breaking in a contracted service: c6id.1xlarge -> absent"
    )


def test_a_type_change_breaks_type_enum_and_the_call(project: Path) -> None:
    report = run_gate(project, model(spec={"Size": "I"}))
    assert why(report) == {
        PINNED: "breaks pinned-sizes (enum_contains: [m5.large]); size-is-a-string "
        "(type: string); call (call: Op passes Spec.Size): string -> integer"
    }


def test_removing_what_holds_a_path_breaks_its_existence(project: Path) -> None:
    report = run_gate(project, model(request={}, spec={}))
    assert why(report)[PINNED] == (
        "breaks pinned-sizes (path: Op.request.Spec.Size); size-is-a-string "
        "(path: Op.request.Spec.Size); call (call: Op passes Spec.Size): string -> absent"
    )
    gone = run_gate(project, model(with_op=False))
    assert why(gone)["Op"].startswith("breaks pinned-sizes (path: Op.request.Spec.Size);")
    assert why(gone)["Op"].endswith("call (call: Op): present -> absent")


def test_a_call_breaks_on_a_new_required_member_it_does_not_pass(project: Path) -> None:
    required = run_gate(project, model(spec={"Size": "Size", "Zone": "S"}, spec_required=("Zone",)))
    assert why(required) == {
        "Op.request.Spec.Zone": "breaks call (call: Op does not pass Spec.Zone): "
        "absent -> string (required)"
    }
    optional = run_gate(project, model(spec={"Size": "Size", "Zone": "S"}))
    assert optional.passed and optional.fatal == [] and optional.breaches == {}


def test_a_tree_allows_a_new_optional_member_and_forbids_a_required_one(project: Path) -> None:
    grows = run_gate(project, model(tag={"Key": "S", "Value": "S"}))
    assert grows.passed and grows.breaches == {}
    assert len(grows.touched) == 1
    required = run_gate(
        project, model(tag={"Key": "S", "Value": "S"}, tag_required=("Key", "Value"))
    )
    assert why(required) == {
        "Op.request.Tags[].Value": "breaks tags-grow (tree: additive); "
        "call (call: Op does not pass Tags[].Value): absent -> string (required)"
    }
    # Key became optional: the call does not mind, the tree does (info: the clause fails alone).
    loosened = run_gate(project, model(tag_required=()))
    (change,) = loosened.verdict.changes()
    assert [str(b) for b in loosened.breaches[change.fingerprint]] == ["tags-grow (tree: additive)"]
    assert loosened.fatal == [] and not loosened.passed


def test_closed_fails_on_a_new_response_value_and_lets_one_go(project: Path) -> None:
    new = run_gate(project, model(kinds=("A", "B", "C")), fail_on="warning")
    assert why(new) == {"Op.response.Kind=C": "breaks kind-known (enum: closed): absent -> C"}
    assert [r.clause.id for r in new.check.failed] == ["kind-known"]
    assert "gained 1 value(s) over" in new.check.failed[0].message
    gone = run_gate(project, model(kinds=("A",)), fail_on="info")
    assert gone.passed and gone.breaches == {}
    assert "lost 1 value(s)" in gone.check.results[2].message  # a note, not a failure


def test_every_gate_format_says_why_a_change_is_fatal(project: Path) -> None:
    report = run_gate(project, model(sizes=SIZES[1:]))
    reason = "breaks pinned-sizes (enum"
    for render in (text_report.gate, markdown.gate, github.gate, junit.gate):
        assert reason in render(report), render
    data = json_report.gate_data(report)
    (fatal,) = [c for c in path_changes(data["diff"]["services"]) if c["fatal"]]
    assert fatal["breaks"][0] == {
        "clause": "pinned-sizes",
        "key": "enum_contains",
        "assertion": "enum_contains: [m5.large]",
    }


def test_a_glob_entry_accepts_36_removals_in_one_line_and_a_stale_one_warns(
    project: Path,
) -> None:
    ignore = write_ignore(
        project,
        "  - rule: request-enum-value-removed\n"
        f"    path: {PINNED}=c6id.*\n"
        "    reason: we only launch m5.large\n",
        "  - rule: request-member-removed\n"
        "    path: Op.request.**\n"
        "    service: svc\n"
        "    reason: nothing of the kind happens\n",
        "  - rule: operation-removed\n"
        "    path: Gone\n"
        "    service: ec2\n"
        "    reason: 'another service: not compared here, so not stale'\n",
    )
    report = run_gate(project, model(sizes=SIZES[:1]), strict=True, ignore=load_ignore(ignore))
    assert report.passed and not list(report.verdict.changes())
    assert len(report.verdict.ignored) == 36
    assert {reason for _, reason in report.verdict.ignored} == {"we only launch m5.large"}
    (stale,) = report.stale_ignores
    assert (stale.line, stale.path) == (6, "Op.request.**")
    text = text_report.gate(report)
    assert (
        f"warning: {ignore}:6: ignore entry (request-member-removed at Op.request.** in svc) "
        "accepted no change" in text
    )
    assert "36 accepted change(s) not shown" in text
    assert "stale ignore entry" in github.gate(report)
    assert json_report.gate_data(report)["stale_ignores"] == [
        {"file": str(ignore), "line": 6, "entry": "request-member-removed at Op.request.** in svc"}
    ]


def _folder(root: Path, candidate: Model) -> str:
    """A botocore data folder holding one synthetic model, as a release spec."""
    folder = root / "botocore" / "data" / "svc" / "2020-01-01"
    folder.mkdir(parents=True)
    (folder / "service-2.json.gz").write_bytes(gzip.compress(json.dumps(candidate.raw).encode()))
    return str(root)


def test_strict_ignore_turns_a_stale_entry_into_exit_2(project: Path) -> None:
    old = _folder(project / "old", model())
    new = _folder(project / "new", model(sizes=SIZES[:1]))
    ignore = write_ignore(
        project,
        "  - rule: request-enum-value-removed\n"
        f"    path: {PINNED}=*\n"
        "    reason: we pin what we launch\n",
        "  - rule: request-enum-value-removed\n"
        f"    path: {PINNED}=p3.*\n"
        "    reason: retired long ago\n",
    )
    args = ("gate", "--from", old, "--to", new, "--ignore", str(ignore), "--strict")
    done = run_cli(*args, cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "36 accepted change(s) not shown" in done.stdout
    assert f"warning: {ignore}:6: ignore entry" in done.stdout
    strict = run_cli(*args, "--strict-ignore", cwd=project)
    assert strict.returncode == 2
    assert strict.stderr.strip() == (
        f"botocontract: {ignore}:6: ignore entry (request-enum-value-removed at {PINNED}=p3.*) "
        "accepted no change (--strict-ignore)"
    )


def test_diff_says_stale_entries_on_stderr_and_refuses_them_with_strict_ignore(
    project: Path,
) -> None:
    """As the gate: a warning line per stale entry (stderr here, so the report keeps its
    shape), exit code untouched; ``--strict-ignore`` makes the first one exit 2. Without
    ``--service`` every service is compared, so an entry for one the releases lack is stale."""
    old = _folder(project / "old", model())
    new = _folder(project / "new", model(sizes=SIZES[:1]))
    ignore = write_ignore(
        project,
        "  - rule: request-enum-value-removed\n"
        f"    path: {PINNED}=*\n"
        "    reason: we pin what we launch\n",
        "  - rule: request-enum-value-removed\n"
        f"    path: {PINNED}=p3.*\n"
        "    reason: retired long ago\n",
        "  - rule: operation-removed\n"
        "    path: Gone\n"
        "    service: ec2\n"
        "    reason: not in these releases\n",
    )
    args = ("diff", old, new, "--ignore", str(ignore), "--fail-on", "info")
    stale_p3 = (
        f"warning: {ignore}:6: ignore entry (request-enum-value-removed at {PINNED}=p3.*) "
        "accepted no change"
    )
    stale_ec2 = (
        f"warning: {ignore}:9: ignore entry (operation-removed at Gone in ec2) accepted no change"
    )

    done = run_cli(*args, "--format", "json", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [stale_p3, stale_ec2]
    data = json.loads(done.stdout)
    assert set(data) == {
        "format",
        "old",
        "new",
        "services_compared",
        "services",
        "ignored",
        "summary",
    }
    assert len(data["ignored"]) == 36

    one_service = run_cli(*args, "--service", "svc", cwd=project)
    assert one_service.returncode == 0, one_service.stderr
    assert one_service.stderr.splitlines() == [stale_p3]  # ec2 was not compared

    strict = run_cli(*args, "--strict-ignore", cwd=project)
    assert strict.returncode == 2
    assert strict.stderr.splitlines() == [
        f"botocontract: {ignore}:6: ignore entry (request-enum-value-removed at {PINNED}=p3.*) "
        "accepted no change (--strict-ignore); 1 more stale entry"
    ]
    fresh = write_ignore(
        project,
        "  - rule: request-enum-value-removed\n"
        f"    path: {PINNED}=*\n    reason: we pin what we launch\n",
    )
    clean = run_cli("diff", old, new, "--ignore", str(fresh), "--strict-ignore", cwd=project)
    assert (clean.returncode, clean.stderr) == (0, "")


REAL_PATH = (
    "CreateInferenceExperiment.request.ModelVariants[].InfrastructureConfig"
    ".RealTimeInferenceConfig.InstanceType"
)


@pytest.mark.network
def test_the_real_36_removals_pass_enum_contains_and_one_glob_accepts_them(
    tmp_path: Path,
) -> None:
    """1.37.20 -> 1.44.8 drops 36 values of this instance type enum (ml.c6id.*, ml.m5d.* ...):
    a clause that pins ml.m5.large passes, and one glob line accepts all 36."""
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "ie.yaml").write_text(
        "botocontract: 1\nservice: sagemaker\nclauses:\n"
        f"  - id: variant-type\n    path: {REAL_PATH}\n    enum_contains: [ml.m5.large]\n",
        encoding="utf-8",
    )
    ignore = write_ignore(
        tmp_path,
        f"  - rule: request-enum-value-removed\n    path: {REAL_PATH}=*\n    reason: we pin ours\n",
    )
    assert run_cli("snapshot", "--update", "--botocore", "1.37.20", cwd=tmp_path).returncode == 0
    done = run_cli("gate", "--from", "1.37.20", "--to", "1.44.8", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    changes = path_changes(json.loads(done.stdout)["diff"]["services"])
    removed = [
        c
        for c in changes
        if c["path"].startswith(REAL_PATH + "=") and c["rule"] == "request-enum-value-removed"
    ]
    assert len(removed) == 36
    assert all(c["touches"] == ["variant-type"] and not c["fatal"] for c in removed)
    text = run_cli(
        "gate", "--from", "1.37.20", "--to", "1.44.8", "--ignore", str(ignore), cwd=tmp_path
    ).stdout
    assert not [line for line in text.splitlines() if "removed" in line and REAL_PATH in line]
    assert ", 36 accepted change(s) not shown" in text and "warning:" not in text


def test_github_gate_annotates_what_fails_it_first_ten_at_most(project: Path) -> None:
    # --strict: the 36 removed sizes are fatal; the new Kind fails the closed clause, and is
    # itself a warning that touches it. 37 errors and a warning: the failing clause, then the
    # fatal changes, then the warning, which its own kind's cap leaves alone.
    report = run_gate(project, model(sizes=SIZES[:1], kinds=("A", "B", "C")), strict=True)
    assert len(report.fatal) == 36 and [r.clause.id for r in report.check.failed] == ["kind-known"]
    lines = github.gate(report).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert kinds == ["::error"] * github.ANNOTATIONS_PER_KIND + ["::warning"]
    assert "title=kind-known::" in lines[0]
    fatal = sorted(report.fatal, key=lambda c: c.path)[:9]
    assert [line.split("::")[2].split(" ")[1] for line in lines[1:10]] == [c.path for c in fatal]
    assert all("--strict: breaking in a contracted service" in line for line in lines[1:10])
    assert "title=response-enum-value-added::svc Op.response.Kind=C touches kind-known" in lines[10]
    assert lines[-1].endswith(
        "37 changes (36 breaking, 1 warning, 0 info); 27 more not annotated (27 errors; "
        "GitHub shows 10 of each kind per step): see them all with --format markdown in the "
        "step summary, or --format text"
    )


def test_github_gate_caps_warnings_apart_from_its_errors(project: Path) -> None:
    # Not --strict: the removals touch pinned paths but break nothing a clause asserts, so they
    # are 36 warnings, capped; the one failing clause is still the first line, and the new Kind
    # that makes it fail is the first warning, ahead of the 36 breaking removals.
    report = run_gate(project, model(sizes=SIZES[:1], kinds=("A", "B", "C")))
    lines = github.gate(report).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert kinds == ["::error"] + ["::warning"] * github.ANNOTATIONS_PER_KIND
    assert "title=kind-known::" in lines[0]
    assert "title=response-enum-value-added::svc Op.response.Kind=C touches kind-known" in lines[1]
    assert lines[-1].endswith(
        "; 27 more not annotated (27 warnings; GitHub shows 10 of each "
        "kind per step): see them all with --format markdown in the step summary, or "
        "--format text"
    )


def test_github_check_annotates_ten_failing_clauses_at_most(project: Path) -> None:
    report = run_gate(project, model(sizes=SIZES[:1], kinds=("A", "B", "C"))).check
    (failing,) = report.failed
    many = [dataclasses.replace(failing, message=f"failure {n}") for n in range(12)]
    crowded = dataclasses.replace(report, results=[*report.results, *many])
    lines = github.check(crowded).splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == github.ANNOTATIONS_PER_KIND and len(lines) == 11
    assert errors[0].endswith("(closed)")  # the clause's own failure, first as in the contract
    assert [e.rsplit("::", 1)[1] for e in errors[1:]] == [f"failure {n}" for n in range(9)]
    assert lines[-1] == (
        "botocontract check on candidate: 4 passed, 13 failed; 3 more not annotated "
        "(3 errors; GitHub shows 10 of each kind per step): see them all with --format text"
    )
    assert github.check(report).splitlines()[-1] == (
        "botocontract check on candidate: 4 passed, 1 failed"
    )
