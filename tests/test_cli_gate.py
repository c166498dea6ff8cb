"""The diff gate through the real CLI: --fail-on, --severity overrides, ignore files, formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import run_cli
from documents import path_changes

pytestmark = pytest.mark.network
PAIR = ("1.37.21", "1.37.22")


def sagemaker_changes(*extra: str) -> tuple[int, dict[str, object]]:
    done = run_cli("diff", *PAIR, "--service", "sagemaker", "--format", "json", *extra)
    assert done.stderr == ""
    return done.returncode, json.loads(done.stdout)


def test_fail_on_and_severity_override() -> None:
    assert sagemaker_changes()[0] == 0
    assert sagemaker_changes("--fail-on", "info")[0] == 1
    code, data = sagemaker_changes("--severity", "request-member-added-optional=breaking")
    assert code == 1
    assert data["summary"] == {"breaking": 1, "warning": 0, "info": 1}


def test_ignore_file_by_fingerprint_and_by_rule_and_path(tmp_path: Path) -> None:
    _, data = sagemaker_changes()
    changes = path_changes(data["services"])  # type: ignore[arg-type]
    first, second = changes
    ignore = tmp_path / "accepted.yaml"
    ignore.write_text(
        "botocontract-ignore: 1\n"
        "ignore:\n"
        f"  - fingerprint: {first['fingerprint']}\n"
        "    reason: reviewed in PR 12\n"
        f"  - rule: {second['rule']}\n"
        f"    path: {second['path']}\n"
        "    service: sagemaker\n"
        "    reason: we read it\n"
    )
    code, data = sagemaker_changes("--ignore", str(ignore), "--fail-on", "info")
    assert code == 0
    assert data["services"] == []
    assert sorted(i["reason"] for i in data["ignored"]) == ["reviewed in PR 12", "we read it"]


def test_every_diff_format_renders_the_seed() -> None:
    for fmt, needle in (
        ("text", "CreateApp.request.RecoveryMode"),
        ("markdown", "CreateApp.request.RecoveryMode"),
        ("github", "::notice title=request-member-added-optional::"),
        ("junit", '<testsuite name="sagemaker"'),
    ):
        done = run_cli("diff", *PAIR, "--service", "sagemaker", "--format", fmt)
        assert done.returncode == 0, (fmt, done.stderr)
        assert needle in done.stdout, fmt


def test_changelog_json_and_markdown_carry_every_change() -> None:
    done = run_cli("changelog", *PAIR, "--service", "sagemaker", "--format", "json")
    data = json.loads(done.stdout)
    assert data["format"] == "botocontract.changelog/1"
    section = data["services"][0]
    assert section["full_name"] == "Amazon SageMaker Service"
    assert section["date"] == "2025-03-27"
    assert [(m["name"], m["status"], m["request"], m["response"]) for m in section["methods"]] == [
        ("CreateApp", "updated", {"RecoveryMode": "boolean"}, None),
        ("DescribeApp", "updated", None, {"RecoveryMode": "boolean"}),
    ]
    markdown = run_cli("changelog", *PAIR, "--service", "sagemaker", "--format", "markdown").stdout
    assert "## 2025/03/27 - Amazon SageMaker Service - 2 updated api methods" in markdown
    assert "| info | `request-member-added-optional` | CreateApp.request.RecoveryMode |" in markdown


def test_streamed_json_is_the_document_laid_out_whole() -> None:
    import orjson

    from botocontract import api
    from botocontract.reports.json import diff_data

    streamed = run_cli("diff", *PAIR, "--format", "json").stdout
    whole = orjson.dumps(diff_data(api.diff(*PAIR)), option=orjson.OPT_INDENT_2).decode() + "\n"
    assert streamed == whole
