"""History (issue "History"): bisect, range changelogs, the release listing, and the wheel cache
shared between processes.

The pure binary search is tested on synthetic probes, without any wheel. Everything else runs on
real botocore releases: the default wheel cache (``~/.cache/botocontract``, or
``$BOTOCONTRACT_CACHE_DIR``) and its release index, or a fresh cache in ``tmp_path`` where the
number of downloads is counted. Every test that may run pip is marked ``network``; once the wheels
are cached, only the fresh-cache tests download anything (pip's own HTTP cache makes that quick).

Expected answers were found with the command line first (1.37.22, 1.40.75, 1.35.23) and are checked
independently here: against ``present`` on the release before, or against the models read straight
from the wheels with ``zipfile`` and ``orjson``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson
import pytest
from packaging.version import Version

from botocontract import api
from botocontract.history.bisect import bisect, parse_target, present
from botocontract.sources import WheelCache, open_release, zipdirectory
from botocontract.sources.index import ReleaseIndex
from clirun import run_cli

TIMEOUT_S = 900
SAGEMAKER = "sagemaker"
SAGEMAKER_FULL_NAME = "Amazon SageMaker Service"
RECOVERY_MODE = "CreateApp.request.RecoveryMode"
RANGE = ("1.37.10", "1.37.30")
HEADLINE = re.compile(r"^(\d{4})/(\d{2})/(\d{2}) - (.+) - (.+) api methods$")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)


def bound(count: int) -> int:
    """The promised number of wheels for a search over ``count`` releases."""
    return math.ceil(math.log2(count)) + 1


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("botocontract: "), lines[0]
    assert "Traceback" not in done.stderr
    return lines[0]


def wheel_date(wheel: Path) -> dt.date:
    """The build date of a wheel, read independently: the time of its botocore/__init__.py."""
    with zipfile.ZipFile(wheel) as archive:
        return dt.date(*archive.getinfo("botocore/__init__.py").date_time[:3])


def fresh_cache(tmp_path: Path) -> Path:
    """An empty wheel cache holding only the release index (a list of names, no wheel), so that
    every wheel a search needs is really downloaded, and counted."""
    root = tmp_path / "cache"
    index = ReleaseIndex(WheelCache())
    index.versions()  # the default cache's index (pip only when it has none yet)
    (root / "index").mkdir(parents=True)
    shutil.copy2(index.file, root / "index" / index.file.name)
    return root


def wheels_in(root: Path) -> list[Path]:
    return sorted((root / "wheels" / "botocore").glob("*/*.whl"))


# ----- 2. the pure search, synthetic probes (no network) --------------------------------------


def synthetic(
    states: list[bool], *, gone: bool = False, cached: Callable[[int], bool | None] | None = None
) -> tuple[Any, list[int]]:
    calls: list[int] = []

    def probe(index: int) -> bool:
        calls.append(index)
        return states[index]

    versions = [Version(f"1.0.{i}") for i in range(len(states))]
    outcome = bisect(versions, probe, gone=gone, cached=cached or (lambda _i: None))
    return outcome, calls


@pytest.mark.parametrize("gone", [False, True], ids=["appears", "gone"])
@pytest.mark.parametrize("length", range(1, 41))
def test_bisect_monotone_table(length: int, gone: bool) -> None:
    for switch in range(length + 1):  # switch == length: never in the wanted state
        wanted = [index >= switch for index in range(length)]
        states = [w != gone for w in wanted]  # present, or with gone absent, from switch on
        outcome, calls = synthetic(states, gone=gone)
        expected = switch if switch < length else None
        assert outcome.found == expected, (length, switch)
        assert len(calls) == len(set(calls)), f"a release probed twice: {calls}"
        assert len(calls) <= bound(length), (length, switch, calls)
        assert outcome.probed == {i: states[i] for i in calls}
        assert outcome.contradictions == []
        assert calls[0] == length - 1  # the newest end first


def test_bisect_every_cached_state_agreeing_is_no_contradiction() -> None:
    states = [False] * 7 + [True] * 9
    outcome, calls = synthetic(states, cached=lambda i: states[i])
    assert outcome.found == 7
    assert outcome.contradictions == []
    assert len(calls) <= bound(len(states))


def test_bisect_non_monotone_cached_contradiction() -> None:
    # Present at 1, gone again, back for good from 4. The search finds 4; the cached release 1
    # (never probed) contradicts it, release 2 is not cached and so cannot be reported.
    states = [False, True, True, False, True, True, True, True]
    cache = {1: True, 6: True, 0: False}
    outcome, calls = synthetic(states, cached=cache.get)
    assert outcome.found == 4
    assert 1 not in calls and 2 not in calls
    assert outcome.contradictions == [1]
    assert len(calls) <= bound(len(states))


def test_bisect_non_monotone_gone_contradiction() -> None:
    # Gone at 2, back at 3, gone for good from 5: the answer is 5, the cached 2 contradicts it.
    states = [True, True, False, True, True, False, False, False]
    outcome, calls = synthetic(states, gone=True, cached=lambda i: states[i] if i == 2 else None)
    assert outcome.found == 5
    assert 2 not in calls
    assert outcome.contradictions == [2]


# ----- 1. bisect on real releases -------------------------------------------------------------


@pytest.mark.network
def test_bisect_downloads_within_bound_fresh_cache(tmp_path: Path) -> None:
    root = fresh_cache(tmp_path)
    assert wheels_in(root) == []
    report = api.bisect(
        SAGEMAKER, RECOVERY_MODE, api.Settings(cache_dir=root), first="1.36.0", last="1.38.0"
    )
    assert report.release is not None
    assert report.release.botocore_version == "1.37.22"
    assert report.release.date == dt.date(2025, 3, 27)
    versions = [Version(v) for v in report.versions]
    assert versions[0] == Version("1.36.0") and versions[-1] == Version("1.38.0")
    assert versions == sorted(versions) and len(versions) > 60
    limit = bound(len(report.versions))
    downloaded = wheels_in(root)  # counted on disk, not by the report
    assert report.downloads == len(downloaded)
    assert 1 <= report.downloads <= limit
    assert len(report.probed) <= limit
    assert {p.parent.name for p in downloaded} == set(report.probed)
    assert report.probed["1.37.22"] is True and report.probed["1.37.21"] is False
    assert report.contradictions == []
    assert list((root / "tmp").glob("*")) == []


@pytest.mark.network
def test_bisect_damaged_cached_wheels_are_not_downloaded(tmp_path: Path) -> None:
    root = fresh_cache(tmp_path)
    for version in ("1.37.10", "1.37.11", "1.37.13"):  # never probed for this target
        slot = root / "wheels" / "botocore" / version
        slot.mkdir(parents=True)
        (slot / f"botocore-{version}-py3-none-any.whl").write_bytes(b"half a wheel")
    report = api.bisect(
        SAGEMAKER, RECOVERY_MODE, api.Settings(cache_dir=root), first="1.37.10", last="1.37.30"
    )
    assert report.release is not None and report.release.botocore_version == "1.37.22"
    assert len(report.probed) <= bound(len(report.versions))
    assert report.downloads <= len(report.probed)
    assert report.downloads <= bound(len(report.versions))


@pytest.mark.network
def test_bisect_cli_recovery_mode() -> None:
    done = cli("bisect", SAGEMAKER, RECOVERY_MODE, "--from", "1.36.0", "--to", "1.38.0")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{RECOVERY_MODE} first appears in botocore 1.37.22 (2025-03-27)"
    found = re.fullmatch(
        r"searched 1\.36\.0\.\.1\.38\.0 \((\d+) releases\): "
        r"probed (\d+), downloaded (\d+)",
        lines[1],
    )
    assert found, lines[1]
    count, probed, downloaded = (int(g) for g in found.groups())
    assert count == len(ReleaseIndex(WheelCache()).between("1.36.0", "1.38.0"))
    assert probed <= bound(count) and downloaded <= probed
    # The section of the answer's release, about the target's operation only.
    assert "2025/03/27 - Amazon SageMaker Service - 1 updated api methods" in lines
    assert "CreateApp (updated)" in lines
    assert "{'RecoveryMode': 'boolean'}" in lines
    assert not any(
        line.endswith("(updated)") and not line.startswith("CreateApp") for line in lines
    )
    assert "warning" not in done.stderr


@pytest.mark.network
def test_bisect_cli_gone() -> None:
    service, path = "devicefarm", "CreateRemoteAccessSession.request.remoteDebugEnabled"
    done = cli("bisect", service, path, "--from", "1.37.20", "--to", "1.44.8", "--gone")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{path} stopped existing in botocore 1.40.75 (2025-11-17)"
    found = re.fullmatch(
        r"searched 1\.37\.20\.\.1\.44\.8 \((\d+) releases\): probed (\d+), "
        r"downloaded \d+",
        lines[1],
    )
    assert found, lines[1]
    assert int(found.group(2)) <= bound(int(found.group(1)))
    assert "2025/11/17 - AWS Device Farm - 1 updated api methods" in lines
    unshown = lines.index("Not in the published format:")
    assert f"  breaking request-member-removed {path}" in lines[unshown + 1 :]
    target = parse_target(service, path)
    assert present(open_release("1.40.74"), target)
    assert not present(open_release("1.40.75"), target)


@pytest.mark.network
def test_bisect_cli_enum_value() -> None:
    text = "CreateApp.request.ResourceSpec.InstanceType=ml.g6e.xlarge"
    done = cli("bisect", SAGEMAKER, text)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    first = re.fullmatch(
        rf"{re.escape(text)} first appears in botocore (\S+) "
        r"\((\d{4}-\d{2}-\d{2})\)",
        lines[0],
    )
    assert first, lines[0]
    answer = Version(first.group(1))
    searched = re.fullmatch(
        r"searched 1\.0\.0\.\.(\S+) \((\d+) releases\): probed (\d+), "
        r"downloaded \d+",
        lines[1],
    )
    assert searched, lines[1]
    assert int(searched.group(3)) <= bound(int(searched.group(2)))
    versions = ReleaseIndex(WheelCache()).versions()
    previous = versions[versions.index(answer) - 1]
    target = parse_target(SAGEMAKER, text)
    answered, before = open_release(str(answer)), open_release(str(previous))
    assert present(answered, target)
    assert not present(before, target)
    assert answered.date is not None and first.group(2) == answered.date.isoformat()
    # The path without the value is older: only the value is new in that release.
    assert present(before, parse_target(SAGEMAKER, text.partition("=")[0]))
    assert "'ml.g6e.xlarge'," in done.stdout or "'ml.g6e.xlarge'}" in done.stdout


@pytest.mark.network
def test_bisect_cli_in_neither_end() -> None:
    path = "CreateApp.request.NoSuchMember"
    done = cli("bisect", SAGEMAKER, path, "--from", "1.37.20", "--to", "1.37.22")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        f"{path} is in neither end of 1.37.20..1.37.22 (3 releases); 0 wheel(s) downloaded"
    ]


@pytest.mark.network
def test_bisect_cli_unknown_service() -> None:
    done = cli("bisect", "sagemakr", RECOVERY_MODE, "--from", "1.37.20", "--to", "1.37.22")
    assert done.returncode == 2
    assert done.stdout == ""
    line = one_error_line(done)
    assert "'sagemakr'" in line and "did you mean sagemaker" in line


@pytest.mark.network
def test_bisect_cli_range_without_wheels_is_bad_input() -> None:
    done = cli("bisect", SAGEMAKER, RECOVERY_MODE, "--from", "0.4.1", "--to", "0.100.0")
    assert done.returncode == 2, done.stderr
    one_error_line(done)


# ----- 3. range changelogs --------------------------------------------------------------------


def _strip_docs(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_docs(v) for k, v in value.items() if k != "documentation"}
    if isinstance(value, list):
        return [_strip_docs(v) for v in value]
    return value


def sagemaker_model(wheel: Path) -> dict[str, Any]:
    """Every sagemaker service-2 model (and its sdk-extras) in a wheel, parsed, without any
    documentation: api-version/file -> dict."""
    found: dict[str, Any] = {}
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            parts = name.split("/")
            if (
                len(parts) == 5
                and parts[:3] == ["botocore", "data", SAGEMAKER]
                and parts[4].removesuffix(".gz") in ("service-2.json", "service-2.sdk-extras.json")
            ):
                data = archive.read(name)
                if name.endswith(".gz"):
                    data = gzip.decompress(data)
                found[f"{parts[3]}/{parts[4].removesuffix('.gz')}"] = _strip_docs(
                    orjson.loads(data)
                )
    assert found, f"no sagemaker model in {wheel}"
    return found


@pytest.fixture(scope="module")
def range_facts() -> dict[str, Any]:
    """The releases of RANGE, their dates, and those whose sagemaker model changed (beyond
    documentation) from the release before: computed from the wheels, not by botocontract's
    diff."""
    versions = [str(v) for v in ReleaseIndex(WheelCache()).between(*RANGE)]
    cache = WheelCache()
    cache.fetch_many("botocore", versions)
    wheels = {v: cache.wheel("botocore", v) for v in versions}
    models = {v: sagemaker_model(wheels[v]) for v in versions}
    changed = [after for before, after in pairwise(versions) if models[before] != models[after]]
    return {
        "versions": versions,
        "changed": changed,
        "dates": {v: wheel_date(wheels[v]) for v in versions},
    }


@pytest.mark.network
def test_range_has_twenty_consecutive_releases(range_facts: dict[str, Any]) -> None:
    versions = [Version(v) for v in range_facts["versions"]]
    assert len(versions) >= 21
    assert versions == sorted(versions)
    assert [v.micro for v in versions] == list(range(10, 31))  # consecutive, none left out
    assert "1.37.22" in range_facts["changed"]
    assert 0 < len(range_facts["changed"]) < len(versions) - 1  # both kinds of pair occur


@pytest.mark.network
def test_range_changelog_text_sections(range_facts: dict[str, Any]) -> None:
    done = cli("changelog", *RANGE, "--range", "--service", SAGEMAKER)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith(f"2025/03/27 - {SAGEMAKER_FULL_NAME} - ") for line in lines)
    headlines = [HEADLINE.fullmatch(line) for line in lines if " api methods" in line]
    assert all(headlines), [line for line in lines if " api methods" in line]
    dates = [
        dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        for m in headlines
        if m is not None
    ]
    assert {m.group(4) for m in headlines if m is not None} == {SAGEMAKER_FULL_NAME}
    # One dated section per release whose model changed, newest first; none for the others.
    expected = [range_facts["dates"][v] for v in reversed(range_facts["changed"])]
    assert dates == expected
    assert dates == sorted(dates, reverse=True)


@pytest.mark.network
def test_range_changelog_json(range_facts: dict[str, Any]) -> None:
    done = cli("changelog", *RANGE, "--range", "--service", SAGEMAKER, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["format"] == "botocontract.history/1"
    assert [r["botocore"] for r in data["releases"]] == range_facts["versions"]
    assert [r["date"] for r in data["releases"]] == [
        range_facts["dates"][v].isoformat() for v in range_facts["versions"]
    ]
    logs = data["changelogs"]
    assert [c["new"]["botocore"] for c in logs] == list(reversed(range_facts["changed"]))
    versions = range_facts["versions"]
    for log in logs:
        new = log["new"]["botocore"]
        assert log["old"]["botocore"] == versions[versions.index(new) - 1]
        assert [s["service"] for s in log["services"]] == [SAGEMAKER]
        assert log["services"][0]["date"] == range_facts["dates"][new].isoformat()
        assert log["services"][0]["methods"]
    latest = next(c for c in logs if c["new"]["botocore"] == "1.37.22")
    names = {m["name"] for m in latest["services"][0]["methods"]}
    assert "CreateApp" in names


# ----- 4. the release listing -----------------------------------------------------------------


@pytest.mark.network
def test_releases_since_until_exact() -> None:
    root = WheelCache().root
    before = {
        v
        for v in (f"1.37.{n}" for n in range(20, 26))
        if sorted((root / "wheels" / "botocore" / v).glob("*.whl"))
    }
    done = cli("releases", "--since", "1.37.20", "--until", "1.37.25")
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()]
    assert [r[0] for r in rows] == [f"1.37.{n}" for n in range(20, 26)]
    shown_cached = set()
    for row in rows:
        if len(row) == 1:
            continue
        assert row[1] == "cached" and len(row) == 3, row
        shown_cached.add(row[0])
        wheel = sorted((root / "wheels" / "botocore" / row[0]).glob("*.whl"))[0]
        assert row[2] == wheel_date(wheel).isoformat()
    assert before <= shown_cached
    assert {"1.37.20", "1.37.21", "1.37.22"} <= shown_cached  # other tests cached these


@pytest.mark.network
def test_releases_ordered_by_version_not_text() -> None:
    done = cli("releases", "--since", "1.37.0", "--until", "1.38.0", "--format", "json")
    assert done.returncode == 0, done.stderr
    listed = [r["version"] for r in json.loads(done.stdout)["releases"]]
    assert listed == sorted(listed, key=Version)
    assert listed != sorted(listed)  # text order would differ
    assert listed.index("1.37.9") < listed.index("1.37.10") < listed.index("1.37.38")
    assert listed[0] == "1.37.0" and listed[-1] == "1.38.0"
    published = [str(v) for v in ReleaseIndex(WheelCache()).versions()]
    assert listed == [v for v in published if Version("1.37.0") <= Version(v) <= Version("1.38.0")]


@pytest.mark.network
def test_releases_zero_x_not_fetchable() -> None:
    done = cli("releases", "--until", "1.0.1")
    assert done.returncode == 0, done.stderr
    rows = [line.split(maxsplit=1) for line in done.stdout.splitlines()]
    versions = [Version(r[0]) for r in rows]
    assert versions == sorted(versions) and versions[-2:] == [Version("1.0.0"), Version("1.0.1")]
    assert len(rows) > 100
    for row, version in zip(rows, versions, strict=True):
        if version.major == 0:
            assert row[1:] == ["not fetchable (no wheel)"], row
        else:
            assert "not fetchable" not in " ".join(row[1:]), row
    data = json.loads(cli("releases", "--until", "1.0.1", "--format", "json").stdout)
    assert all(r["fetchable"] == (not r["version"].startswith("0.")) for r in data["releases"])


def test_releases_offline_empty_cache(tmp_path: Path) -> None:
    done = cli("releases", "--offline", "--cache-dir", str(tmp_path / "empty"))
    assert done.returncode == 2
    assert done.stdout == ""
    line = one_error_line(done)
    assert "--offline" in line and str(tmp_path / "empty") in line


@pytest.mark.network
def test_releases_damaged_cached_wheel_is_not_cached(tmp_path: Path) -> None:
    root = fresh_cache(tmp_path)
    slot = root / "wheels" / "botocore" / "1.37.21"
    slot.mkdir(parents=True)
    (slot / "botocore-1.37.21-py3-none-any.whl").write_bytes(b"half a wheel")
    done = cli(
        "releases",
        "--since",
        "1.37.20",
        "--until",
        "1.37.22",
        "--offline",
        "--cache-dir",
        str(root),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1.37.20", "1.37.21", "1.37.22"]


# ----- 5. two processes fetching one release --------------------------------------------------


@pytest.mark.network
def test_concurrent_fetch_leaves_one_good_wheel(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    version = "1.37.22"
    argv = [
        sys.executable,
        "-m",
        "botocontract",
        "show",
        version,
        SAGEMAKER,
        "--cache-dir",
        str(root),
    ]
    procs = [
        subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=TIMEOUT_S) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "CreateApp" in out
    assert outputs[0][0] == outputs[1][0]
    slot = root / "wheels" / "botocore" / version
    files = sorted(slot.iterdir())
    wheels = [f for f in files if f.suffix == ".whl"]
    assert len(wheels) == 1, files
    # Beside it, at most its remembered zip directory, whole (written by an atomic rename).
    assert files == wheels or (
        files == sorted([*wheels, zipdirectory.sidecar(wheels[0])])
        and zipdirectory.recall(wheels[0]) is not None
    ), files
    with zipfile.ZipFile(wheels[0]) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert any(n.startswith("botocore/data/") for n in names)
    assert (
        f"botocore/data/{SAGEMAKER}/2017-07-24/service-2.json.gz" in names
        or f"botocore/data/{SAGEMAKER}/2017-07-24/service-2.json" in names
    )
    leftovers = sorted((root / "tmp").rglob("*")) if (root / "tmp").exists() else []
    assert leftovers == []
    everything = [p for p in root.rglob("*") if p.is_file()]
    stray = [p for p in everything if p.parent.name != "locks" and p not in files]
    assert stray == [], stray
    assert not any(p.name.endswith((".tmp", ".part", ".partial", ".download")) for p in everything)


def test_jobs_reach_every_diff_of_a_history(monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs is honoured by range and HTML changelogs, not only by a single pair's."""
    from botocontract.history import ranges
    from synthetic import release, svc

    models = {name: svc(req={"A": "S", **extra}) for name, extra in (("a", {}), ("b", {"B": "S"}))}
    models["c"] = svc(req={"A": "S", "B": "S", "C": "S"})
    seen: list[int | None] = []
    judge_releases = ranges.judge_releases

    def recording(*args: Any, **options: Any) -> Any:
        seen.append(options.get("jobs"))
        return judge_releases(*args, **options)

    monkeypatch.setattr(ranges, "judge_releases", recording)
    monkeypatch.setattr(api, "open_release", lambda spec, **_: release({"svc": models[spec]}, spec))
    page = api.changelog("a", "b", fmt="html", jobs=3)
    assert isinstance(page, ranges.History) and seen == [3]
    found = ranges.history([release({"svc": models[s]}, s) for s in "abc"], jobs=2)
    assert len(found.changelogs) == 2 and seen == [3, 2, 2]


def test_bisect_value_on_a_path_that_is_no_enum_is_bad_input() -> None:
    """``PATH=VALUE`` asks for an enum value: on a plain string it is never found, and the search
    would answer "in neither end" (exit 1) for what is a typo (exit 2, naming the path)."""
    from botocontract.errors import PathError
    from botocontract.history.bisect import check_names
    from synthetic import enum, release, svc

    model = svc(req={"Plain": "S", "Kind": "K"}, shapes={"K": enum("a", "b")})
    releases = [release({"svc": model})]
    with pytest.raises(PathError, match=r"^Op\.request\.Plain: is a string, not an enum"):
        check_names(releases, parse_target("svc", "Op.request.Plain=x"))
    check_names(releases, parse_target("svc", "Op.request.Kind=c"))  # an enum: a fair question
    check_names(releases, parse_target("svc", "Op.request.Missing=c"))  # absent: "neither end"


@pytest.mark.network
def test_bisect_cli_value_on_a_path_that_is_no_enum() -> None:
    done = cli(
        "bisect", SAGEMAKER, "CreateApp.request.AppName=x", "--from", "1.37.20", "--to", "1.37.22"
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert one_error_line(done).startswith("botocontract: CreateApp.request.AppName: is a string")
