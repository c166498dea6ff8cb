"""Bad input on the real command line: exit 2, one line on stderr naming the culprit, no traceback,
nothing on stdout (cli.md). Each case runs ``python -m botocontract`` in a subprocess, in its own
``tmp_path`` (so relative paths in the arguments are relative to it).

Published releases come from the default wheel cache, where 1.37.21 and 1.37.22 already lie; the
cases that may run pip are marked ``network``.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from botocontract.sources import WheelCache

SAGEMAKER_GZ = "botocore/data/sagemaker/2017-07-24/service-2.json.gz"
MODEL = "svc/2020-01-01/service-2.json"  # where the handmade models go, relative to tmp_path
TIMEOUT_S = 300

# A pip that cannot reach any index and reads no configuration: it fails fast, without network.
PIP_UNREACHABLE = {
    "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
    "PIP_RETRIES": "0",
    "PIP_TIMEOUT": "2",
    "PIP_NO_CACHE_DIR": "1",
    "PIP_FIND_LINKS": "",
    "PIP_CONFIG_FILE": "/dev/null",
    "BOTOCONTRACT_CACHE_DIR": "{tmp}/cache",
}


class Result(NamedTuple):
    code: int
    stdout: str
    stderr: str


def run_cli(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> Result:
    environ = dict(os.environ)
    environ.update(env or {})
    done = subprocess.run([sys.executable, "-m", "botocontract", *argv], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=TIMEOUT_S,
                          stdin=subprocess.DEVNULL, check=False)
    return Result(done.returncode, done.stdout, done.stderr)


# ----- builders: files a case needs, made in tmp_path ---------------------------------------------


def _sagemaker_gz() -> bytes:
    wheel = WheelCache().wheel("botocore", "1.37.22")
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(SAGEMAKER_GZ)


def _write(tmp: Path, rel: str, data: bytes | str) -> str:
    path = tmp / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return rel


def _model(shapes: dict[str, Any], operation: dict[str, Any] | None = None) -> str:
    op = operation or {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
                       "input": {"shape": "OpRequest"}}
    return json.dumps({"metadata": {"serviceFullName": "Handmade", "apiVersion": "2020-01-01"},
                       "operations": {"Op": op}, "shapes": shapes})


REQUEST = {"OpRequest": {"type": "structure", "members": {"A": {"shape": "S"}}},
           "S": {"type": "string"}}


def show_model(text: str, operation: str | None = "Op") -> Callable[[Path], list[str]]:
    """``show`` of a handmade model at svc/2020-01-01/service-2.json."""
    def build(tmp: Path) -> list[str]:
        return ["show", _write(tmp, MODEL, text), "svc", *([operation] if operation else [])]
    return build


def truncated_gz(tmp: Path) -> list[str]:
    gz = _sagemaker_gz()
    rel = _write(tmp, "sagemaker/2017-07-24/service-2.json.gz", gz[:len(gz) // 2])
    return ["show", rel, "sagemaker"]


def garbage_gz(tmp: Path) -> list[str]:
    header = gzip.compress(b"{}", mtime=0)[:10]
    rel = _write(tmp, "sagemaker/2017-07-24/service-2.json.gz", header + b"\xff garbage " * 200)
    return ["show", rel, "sagemaker"]


def not_a_zip_wheel(tmp: Path) -> list[str]:
    return ["show", _write(tmp, "botocore-1.37.22-py3-none-any.whl", b"this is no zip"),
            "sagemaker"]


def zip_without_data(tmp: Path) -> list[str]:
    with zipfile.ZipFile(tmp / "other-1.0-py3-none-any.whl", "w") as out:
        out.writestr("other/__init__.py", "")
        out.writestr("other-1.0.dist-info/METADATA", "Name: other\n")
    return ["show", "other-1.0-py3-none-any.whl", "sagemaker"]


def bad_extras(merge: str) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        _write(tmp, "svc/2020-01-01/service-2.sdk-extras.json", merge)
        return ["show", _write(tmp, MODEL, _model(REQUEST)), "svc", "Op"]
    return build


def diff_models(old: str, new: str) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        return ["diff", _write(tmp, f"old/{MODEL}", old), _write(tmp, f"new/{MODEL}", new)]
    return build


def diff_with_ignore(text: str) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        return ["diff", "1.37.21", "1.37.22", "--service", "sagemaker",
                "--ignore", _write(tmp, "accepted.yaml", text)]
    return build


def offline_empty_cache(tmp: Path) -> list[str]:
    (tmp / "cache").mkdir()
    return ["show", "1.37.22", "sagemaker", "--offline", "--cache-dir", "cache"]


BAD_YAML = """botocontract-ignore: 1
ignore:
  - reason: we looked at it
   fingerprint: 0123456789ab
"""
UNKNOWN_KEY_YAML = """botocontract-ignore: 1
ignore:
  - reason: we looked at it
    fingerprint: 0123456789ab
    colour: red
"""

SAGEMAKER_DIFF = ["diff", "1.37.21", "1.37.22", "--service", "sagemaker"]


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


# argv (or a builder given tmp_path), exit code, what the one stderr line must contain (a string,
# or a tuple of strings it must all contain), [env: "{tmp}" stands for tmp_path]; id; marks
CASES: list[Any] = [
    pytest.param(["show", "1.37.999", "sagemaker"], 2, "1.37.999",
                 id="unknown-version", marks=pytest.mark.network),
    pytest.param(["show", "latest-ish", "sagemaker"], 2, "not a release spec: 'latest-ish'",
                 id="spec-latest-ish"),
    pytest.param(["show", "0.9.0", "sagemaker"], 2, "'0.9.0'", id="spec-botocore-0.x"),
    pytest.param(["show", "--", "-1.37.22", "sagemaker"], 2, "not a release spec: '-1.37.22'",
                 id="spec-dash"),
    pytest.param(["show", "--", "--index-url=http://example.invalid", "sagemaker"], 2,
                 "not a release spec: '--index-url=http://example.invalid'",
                 id="spec-dash-dash-option"),
    pytest.param(["show", "--index-url=x", "sagemaker"], 2, "--index-url", id="option-index-url"),
    pytest.param(["show", "boto3==latest", "sagemaker"], 2, "'boto3==latest'",
                 id="spec-boto3-not-a-version"),
    pytest.param(["show", "1.37.22", "sagemakr"], 2, "did you mean sagemaker",
                 id="unknown-service"),
    pytest.param(["diff", "1.37.21", "1.37.22", "--service", "sagemakr"], 2,
                 "did you mean sagemaker", id="unknown-service-diff"),
    pytest.param(["show", "1.37.22", "sagemaker", "CreateAp"], 2, "did you mean CreateApp",
                 id="unknown-operation"),
    pytest.param(["show", "1.37.22", "dynamodb", "--api-version", "1999-01-01"], 2,
                 "'1999-01-01'", id="unknown-api-version"),
    pytest.param(["show", "1.37.22", "dynamodb", "--api-version", "2011-12-05"], 2,
                 "it has: 2012-08-10", id="api-version-folder-without-model"),
    pytest.param(show_model('{"metadata": {,}'), 2, f"{MODEL}: malformed JSON",
                 id="malformed-json"),
    pytest.param(truncated_gz, 2, "truncated or corrupt gzip", id="truncated-gz"),
    pytest.param(garbage_gz, 2, "truncated or corrupt gzip", id="garbage-gz"),
    pytest.param(show_model("[1, 2, 3]", None), 2, "must be a JSON object", id="model-is-a-list"),
    pytest.param(show_model('{"metadata": {}, "operations": {}}', None), 2, "'shapes'",
                 id="model-without-shapes"),
    pytest.param(show_model(_model({"OpRequest": {"type": "structure",
                                                  "members": {"A": {"shape": "Missing"}}}})),
                 2, "'Missing' is referenced but not defined", id="missing-shape"),
    pytest.param(diff_models(_model(REQUEST),
                             _model({"OpRequest": {"type": "structure",
                                                   "members": {"A": {"shape": "Missing"}}}})),
                 2, "'Missing'", id="missing-shape-diff"),
    pytest.param(show_model(_model({**REQUEST, "S": {"type": "string", "enum": "a,b"}})), 2,
                 "'enum' is not a list", id="enum-not-a-list"),
    pytest.param(show_model(_model(REQUEST, {"name": "Op", "http": "POST",
                                             "input": {"shape": "OpRequest"}})),
                 2, "'Op'", id="operation-http-not-an-object"),
    pytest.param(show_model(_model(REQUEST, {"name": "Op", "input": "OpRequest"})), 2, "'Op'",
                 id="operation-input-not-an-object"),
    pytest.param(show_model(_model({"OpRequest": {"type": "structure", "required": [{"A": 1}],
                                                  "members": {"A": {"shape": "S"}}},
                                    "S": {"type": "string"}})),
                 2, "'required'", id="required-not-strings"),
    pytest.param(show_model(_model({**REQUEST, "S": {"type": "string", "pattern": 5}})), 2,
                 "'pattern'", id="pattern-not-a-string"),
    pytest.param(diff_models(_model({**REQUEST, "S": {"type": "string", "min": 1}}),
                             _model({**REQUEST, "S": {"type": "string", "min": "x"}})),
                 2, "'min'", id="min-not-a-number-diff"),
    pytest.param(bad_extras('{"version": 1.0, "merge": {'), 2,
                 "service-2.sdk-extras.json: malformed JSON", id="extras-malformed-json"),
    pytest.param(bad_extras('{"version": 1.0, "merge": "shapes"}'), 2,
                 "service-2.sdk-extras.json", id="extras-merge-not-an-object"),
    pytest.param(not_a_zip_wheel, 2, "not a wheel", id="whl-not-a-zip"),
    pytest.param(zip_without_data, 2, "holds no botocore/data", id="zip-without-botocore-data"),
    pytest.param(["show", "./nope/service-2.json", "svc"], 2, "./nope/service-2.json",
                 id="no-such-path"),
    pytest.param(["show", "1.37.19", "sagemaker"], 2, "1.37.19", PIP_UNREACHABLE,
                 id="pip-fails", marks=pytest.mark.network),
    pytest.param(offline_empty_cache, 2, "botocore==1.37.22", id="offline-empty-cache"),
    pytest.param([*SAGEMAKER_DIFF, "--severity", "nosuch-rule=info"], 2, "'nosuch-rule'",
                 id="severity-unknown-rule"),
    pytest.param([*SAGEMAKER_DIFF, "--severity", "request-member-removed=fatal"], 2, "'fatal'",
                 id="severity-unknown-level"),
    pytest.param([*SAGEMAKER_DIFF, "--severity", "request-member-removed"], 2, "RULE=LEVEL",
                 id="severity-without-level"),
    pytest.param([*SAGEMAKER_DIFF, "--fail-on", "nonsense"], 2, "nonsense", id="fail-on-nonsense"),
    pytest.param(diff_with_ignore(BAD_YAML), 2, "accepted.yaml:4:", id="ignore-bad-yaml"),
    pytest.param(diff_with_ignore(UNKNOWN_KEY_YAML), 2, ("accepted.yaml:", "'colour'"),
                 id="ignore-unknown-key"),
    pytest.param([*SAGEMAKER_DIFF, "--ignore", "nope.yaml"], 2, "nope.yaml",
                 id="ignore-missing-file"),
    pytest.param(["show", "1.37.22", "sagemaker", "--date", "2025-13-01"], 2, "2025-13-01",
                 id="date-month-13"),
]


def _with_defaults(case: Any) -> Any:
    """Give every row an env (None unless the table names one)."""
    values = case.values if len(case.values) == 4 else (*case.values, None)
    return pytest.param(*values, id=case.id, marks=case.marks)


@pytest.mark.parametrize(("argv", "code", "needle", "env"), [_with_defaults(c) for c in CASES])
def test_bad_input(tmp_path: Path, argv: list[str] | Callable[[Path], list[str]], code: int,
                   needle: str | tuple[str, ...], env: dict[str, str] | None) -> None:
    args = argv(tmp_path) if callable(argv) else list(argv)
    environ = {k: v.format(tmp=tmp_path) for k, v in (env or {}).items()}
    result = run_cli(args, tmp_path, environ)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.code == code, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stderr.endswith("\n")
    for part in (needle,) if isinstance(needle, str) else needle:
        assert part in lines[0]
    # A failed or forbidden fetch leaves nothing that looks like a wheel in the cache.
    cache = tmp_path / "cache"
    if cache.exists():
        assert not list(cache.rglob("*.whl"))
        wheels = cache / "wheels"
        assert not wheels.exists() or not [p for p in wheels.rglob("*") if p.is_file()]


@pytest.mark.network
def test_unreachable_index_does_not_call_a_release_unpublished(tmp_path: Path) -> None:
    environ = {k: v.format(tmp=tmp_path) for k, v in PIP_UNREACHABLE.items()}
    result = run_cli(["show", "1.37.19", "sagemaker"], tmp_path, environ)
    assert result.code == 2
    assert "not a published release" not in result.stderr, result.stderr


def test_every_case_has_a_distinct_id() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


# ----- not bad input: a diff that finds changes, with and without a gate ----------------------


def test_diff_json_exits_0() -> None:
    result = run_cli(["diff", "1.37.21", "1.37.22", "--service", "sagemaker", "--format", "json"],
                     Path.cwd())
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["format"] == "botocontract.diff/1"
    assert report["old"] == {"spec": "1.37.21", "botocore": "1.37.21", "date": "2025-03-26"}
    assert report["new"] == {"spec": "1.37.22", "botocore": "1.37.22", "date": "2025-03-27"}
    assert [s["service"] for s in report["services"]] == ["sagemaker"]
    assert report["summary"]["breaking"] == 0
    assert report["summary"]["info"] > 0


def test_diff_fail_on_info_is_a_gate_failure() -> None:
    result = run_cli(["diff", "1.37.21", "1.37.22", "--service", "sagemaker", "--format", "json",
                      "--fail-on", "info"], Path.cwd())
    assert result.code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["summary"]["info"] > 0
