"""scan: every call the corpus expects is found, with its members, and nothing else; the corpus
checked against the installed botocore gives the errors it expects; bad files are one line each."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from botocontract import api
from botocontract.reports import github
from botocontract.scan import ITEM, Call, Member, scan
from clirun import run_cli

CORPUS = Path(__file__).parent / "scan_corpus"
_MARK = re.compile(r"#\s*(expect|unresolved|error):\s*(.*)$")


def _steps(member: Member) -> str:
    return ".".join("?" if s is None else ("[]" if s == ITEM else s) for s in member.steps)


def _expectations() -> dict[str, set[tuple[str, int, str]]]:
    found: dict[str, set[tuple[str, int, str]]] = {
        k: set() for k in ("expect", "unresolved", "error")
    }
    for file in sorted(CORPUS.rglob("*.py")):
        for number, text in enumerate(file.read_text().splitlines(), 1):
            hit = _MARK.search(text)
            if not hit:
                continue
            kind, rest = hit.groups()
            for index, part in enumerate(rest.split(" ; ")):
                if index:
                    kind, _, part = part.partition(":")
                found[kind.strip()].add((str(file), number, part.strip()))
    return found


def _described(call: Call) -> str:
    text = f"{call.service} {call.method}"
    if call.request:
        text += " req=" + ",".join(_steps(m) for m in call.request)
    if call.response:
        text += " resp=" + ",".join(_steps(m) for m in call.response)
    return text


def _canonical(text: str) -> tuple[str, ...]:
    """A call description with its member lists as sets."""
    words = text.split()
    head = words[:2]
    rest = sorted(
        f"{w.split('=')[0]}={','.join(sorted(w.split('=')[1].split(',')))}" for w in words[2:]
    )
    return (*head, *rest)


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return scan([CORPUS])


def test_every_expected_call_and_nothing_else(result) -> None:  # type: ignore[no-untyped-def]
    expected = {(f, line, _canonical(text)) for f, line, text in _expectations()["expect"]}
    found = {(c.file, c.line, _canonical(_described(c))) for c in result.calls}
    assert found - expected == set(), "found but not expected"
    assert expected - found == set(), "expected but not found"
    assert len(found) == len(result.calls)  # no call found twice
    assert len(expected) >= 70  # the corpus is not emptied by accident


def test_unresolved_are_listed_with_their_reason(result) -> None:  # type: ignore[no-untyped-def]
    expected = _expectations()["unresolved"]
    for file, line, text in expected:
        reasons = [u.reason for u in result.unresolved if u.file == file and u.line == line]
        assert any(text in r for r in reasons), (file, line, text, reasons)
    assert {(u.file, u.line) for u in result.unresolved} == {(f, n) for f, n, _ in expected}


def test_checked_against_the_installed_release() -> None:
    report = api.scan([CORPUS])
    expected = _expectations()["error"]
    for file, line, text in expected:
        messages = [e.message for e in report.errors if e.file == file and e.line == line]
        assert any(text in m for m in messages), (file, line, text, messages)
    assert {(e.file, e.line) for e in report.errors} == {(f, n) for f, n, _ in expected}
    by_method = {(c.call.file, c.call.line): c for c in report.calls}
    paged = by_method[(str(CORPUS / "aio.py"), 11)]
    assert (paged.operation, paged.operations) == ("ListObjectsV2", ("ListObjectsV2",))
    upload = next(c for c in report.calls if c.call.method == "upload_file")
    assert upload.operation is None and upload.operations[0] == "PutObject"
    assert [s.path for s in upload.request] == ["Bucket", "Key", "ContentType"]
    item = next(c for c in report.calls if c.call.method == "get_item")
    assert {s.path for s in item.response} >= {"Item", "Item{}", "Item{}.S", "Item{}.L[]"}
    waiter = next(c for c in report.calls if c.call.name == "bucket_not_exists")
    assert waiter.operation == "HeadBucket"


def test_cli_json_and_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text(
        'import boto3\nboto3.client("s3").put_object(Bucket="b", Key="k")\n'
    )
    done = run_cli("scan", str(tmp_path), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["format"] == "botocontract.scan/1"
    assert data["calls"] == [
        {
            "file": str(tmp_path / "ok.py"),
            "line": 2,
            "service": "s3",
            "method": "put_object",
            "operation": "PutObject",
            "operations": ["PutObject"],
            "request": [
                {"path": "Bucket", "line": 2, "value": "b"},
                {"path": "Key", "line": 2, "value": "k"},
            ],
            "response": [],
        }
    ]
    (tmp_path / "bad.py").write_text('import boto3\nboto3.client("s3").put_objekt()\n')
    done = run_cli("scan", str(tmp_path), "--format", "github")
    assert done.returncode == 1
    assert (
        f"::error file={tmp_path / 'bad.py'},line=2::s3 has no operation 'put_objekt'"
        in done.stdout
    )
    done = run_cli("scan", str(tmp_path / "missing"))
    assert done.returncode == 2
    assert done.stderr.strip() == f"botocontract: {tmp_path / 'missing'}: no such file or folder"


def test_bad_files_are_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "syntax.py").write_text("import boto3\ndef f(:\n")
    (tmp_path / "latin.py").write_bytes(b"x = '\xe9'\n")
    (tmp_path / "binary.py").write_bytes(b"\x00\x01\x02")
    (tmp_path / "huge.py").write_bytes(b"#" * 6_000_000)
    (tmp_path / "deep.py").write_text("x = " + "(" * 5000 + ")" * 5000 + "\n")
    loop = tmp_path / "sub"
    loop.mkdir()
    os.symlink(tmp_path, loop / "back")
    (tmp_path / "good.py").write_text('import boto3\nboto3.client("s3").list_buckets()\n')
    done = run_cli("scan", str(tmp_path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"{tmp_path / 'syntax.py'}:2: syntax error: invalid syntax" in lines
    assert any(line.startswith(f"{tmp_path / 'latin.py'}:1: not UTF-8") for line in lines)
    assert f"{tmp_path / 'binary.py'}:1: a binary file, not Python source" in lines
    assert f"{tmp_path / 'huge.py'}:1: too large to scan (6,000,000 bytes)" in lines
    assert any(line.startswith(f"{tmp_path / 'deep.py'}:") for line in lines)
    assert any("symbolic link loop" in line for line in lines)
    assert lines[-1].startswith("1 call(s) in ")
    assert "Traceback" not in done.stdout + done.stderr


def test_a_guessed_client_of_a_service_the_release_lacks_is_no_call(tmp_path: Path) -> None:
    # x.client("...") where nothing says x is a session: a client only for a known service
    (tmp_path / "app.py").write_text(
        'def f(app, session):\n    app.client("web").get_page(Url="/")\n'
        '    session.client("s3").list_buckets()\n'
    )
    assert {c.service for c in scan([tmp_path]).calls} == {"web", "s3"}
    report = api.scan([tmp_path])
    assert [(c.call.service, c.call.method) for c in report.calls] == [("s3", "list_buckets")]
    assert report.errors == ()


def test_github_annotates_ten_errors_at_most_and_counts_the_rest(tmp_path: Path) -> None:
    calls = "".join(f"s3.put_objekt{n}()\n" for n in range(12))
    (tmp_path / "bad.py").write_text(f'import boto3\ns3 = boto3.client("s3")\n{calls}')
    lines = github.scan(api.scan([tmp_path])).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == ["::error"] * 10
    assert [line.split(",", 1)[1].split("::")[0] for line in lines[:-1]] == [
        f"line={n}" for n in range(3, 13)
    ]
    assert lines[-1].endswith(
        "12 error(s), 0 unresolved, 0 file(s) not read; 2 more not annotated (2 errors; "
        "GitHub shows 10 of each kind per step): see them all with --format text"
    )
