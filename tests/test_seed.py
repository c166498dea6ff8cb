"""The seed case, end to end: botocore 1.37.21 -> 1.37.22 (RecoveryMode), through the real CLI."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from clirun import run_cli
from documents import path_changes
from goldens import Goldens

pytestmark = pytest.mark.network

HERE = Path(__file__).parent
REFERENCE = HERE.parent.parent / "shared" / "reference" / "changelog-2025-03-27-sagemaker.txt"
CHANGED_SERVICES = [
    "batch",
    "bcm-pricing-calculator",
    "bedrock-agent-runtime",
    "cloudformation",
    "datazone",
    "eks",
    "gamelift",
    "sagemaker",
    "sso-oidc",
]


def published_blocks(text: str) -> list[str]:
    """The headline, the note and each method's Changes block of a published changelog page."""
    # The page separates some words with no-break spaces and ends method titles with a link.
    text = text.replace("\u00a0", " ")
    lines = [re.sub(r" Link ¶$", "", line).rstrip() for line in text.splitlines()]
    wanted = []
    for index, line in enumerate(lines):
        if re.match(r"^\d{4}/\d{2}/\d{2} - ", line) or line.startswith("Changes  "):
            wanted.append(line)
        elif re.match(r"^\w+ \((new|updated)\)$", line):
            wanted += [line, lines[index + 1], lines[index + 2]]
    return wanted


def test_changelog_text_matches_the_published_seed(goldens: Goldens) -> None:
    done = run_cli("changelog", "1.37.21", "1.37.22", "--service", "sagemaker")
    assert done.returncode == 0, done.stderr
    goldens.check("changelog-1.37.22-sagemaker.txt", done.stdout)


def test_changelog_with_notes_has_every_block_of_the_published_page(goldens: Goldens) -> None:
    done = run_cli(
        "changelog",
        "1.37.21",
        "1.37.22",
        "--service",
        "sagemaker",
        "--notes",
        str(HERE / "golden" / "CHANGELOG-excerpt.rst"),
    )
    assert done.returncode == 0, done.stderr
    goldens.check("changelog-1.37.22-sagemaker-notes.txt", done.stdout)
    ours = [line for line in done.stdout.splitlines() if line]
    if REFERENCE.exists():
        assert ours == published_blocks(REFERENCE.read_text(encoding="utf-8"))
    assert ours[1] == "Changes  add: recovery mode for SageMaker Studio apps"
    assert "older note" not in done.stdout


def test_every_changes_block_parses_as_a_python_literal() -> None:
    done = run_cli("changelog", "1.37.21", "1.37.22")
    assert done.returncode == 0, done.stderr
    blocks = re.findall(
        r"^Changes \((?:request|response|both)\)\n(.*?)(?:\n\n|\Z)", done.stdout, re.S | re.M
    )
    assert len(blocks) > 20
    for block in blocks:
        assert isinstance(ast.literal_eval(block), dict)


def test_diff_json_lists_exactly_the_nine_changed_services() -> None:
    done = run_cli("diff", "1.37.21", "1.37.22", "--format", "json")
    assert done.returncode == 0, done.stderr  # nothing breaking in this release
    data = json.loads(done.stdout)
    assert data["format"] == "botocontract.diff/2"
    assert data["services_compared"] == 404
    assert [s["service"] for s in data["services"]] == CHANGED_SERVICES
    assert data["old"] == {"spec": "1.37.21", "botocore": "1.37.21", "date": "2025-03-26"}
    assert data["new"]["date"] == "2025-03-27"
    by_service = {s["service"]: s for s in data["services"]}
    sagemaker = path_changes([by_service["sagemaker"]])
    assert [(c["rule"], c["path"], c["new"]) for c in sagemaker] == [
        ("request-member-added-optional", "CreateApp.request.RecoveryMode", "boolean"),
        ("response-member-added", "DescribeApp.response.RecoveryMode", "boolean"),
    ]
    assert all(re.fullmatch(r"[0-9a-f]{12}", c["fingerprint"]) for c in sagemaker)
    # eks and datazone changed only enum values: an enum-blind diff would miss them
    for service, value in (
        ("eks", "BOTTLEROCKET_x86_64_FIPS"),
        ("datazone", "CREATE_LISTING_CHANGE_SET"),
    ):
        rules = {c["rule"] for c in path_changes([by_service[service]])}
        assert rules <= {"request-enum-value-added", "response-enum-value-added"}
        assert any(c["path"].endswith("=" + value) for c in path_changes([by_service[service]]))
    summary = data["summary"]
    assert summary["breaking"] == 0
    assert sum(summary.values()) == len(path_changes(data["services"]))


def test_a_real_release_pair_with_removals() -> None:
    """devicefarm dropped its remote debugging members between 1.37.20 and 1.44.8, and datasync
    its discovery operations: breaking changes, so the gate fails."""
    done = run_cli(
        "diff",
        "1.37.20",
        "1.44.8",
        "--service",
        "devicefarm",
        "--service",
        "datasync",
        "--format",
        "json",
    )
    assert done.returncode == 1, done.stderr
    changes = {
        (c["service"], c["rule"], c["path"])
        for c in path_changes(json.loads(done.stdout)["services"])
    }
    assert (
        "devicefarm",
        "request-member-removed",
        "CreateRemoteAccessSession.request.remoteDebugEnabled",
    ) in changes
    assert (
        "devicefarm",
        "response-member-removed",
        "GetRemoteAccessSession.response.remoteAccessSession.remoteDebugEnabled",
    ) in changes
    assert ("datasync", "operation-removed", "AddStorageSystem") in changes
    text = run_cli("changelog", "1.37.20", "1.44.8", "--service", "datasync").stdout
    # The published format neither lists nor counts removals: they lead the unshown section.
    assert "AddStorageSystem (removed)" not in text
    assert "removed api methods" not in text
    unshown = text.split("Not in the published format:\n")[1]
    assert unshown.startswith("  breaking operation-removed ")
    assert "  breaking operation-removed AddStorageSystem\n" in unshown


def test_far_pair_absorbs_normalization_noise() -> None:
    """1.44.8 adds min: 0 to 261 sagemaker shapes and drops ^...$ anchors from 169 patterns;
    the CreateApp request and DescribeApp response only grew."""
    done = run_cli("diff", "1.37.22", "1.44.8", "--service", "sagemaker", "--format", "json")
    changes = path_changes(json.loads(done.stdout)["services"])
    assert not [
        c
        for c in changes
        if c["rule"].endswith("constraint-tightened")
        and c["message"].count("min")
        and c["old"] is None
    ]
    app = [
        c for c in changes if c["path"].startswith(("CreateApp.request", "DescribeApp.response"))
    ]
    assert app, "1.44.8 grew both trees"
    assert {c["rule"] for c in app} <= {
        "request-member-added-optional",
        "response-member-added",
        "request-enum-value-added",
        "response-enum-value-added",
    }
    assert "CreateApp.request.ResourceSpec.TrainingPlanArn" in {c["path"] for c in app}


def test_show_renders_recovery_mode_and_terminates_on_recursive_shapes() -> None:
    done = run_cli("show", "1.37.22", "sagemaker", "CreateApp")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^  RecoveryMode  boolean$", done.stdout, re.M)
    assert "RecoveryMode" not in run_cli("show", "1.37.21", "sagemaker", "CreateApp").stdout
    tree = json.loads(run_cli("show", "1.37.22", "dynamodb", "PutItem", "--format", "json").stdout)
    item = tree["request"]["members"]["Item"]
    assert item["value"]["members"]["M"]["value"] == {"recursive": "AttributeValue"}
    connect = run_cli("show", "1.37.22", "connect", "SearchUsers", "--format", "json")
    assert connect.returncode == 0 and "recursive" in connect.stdout
