"""Specs that name what ships: lock and requirements files, files at a git ref, botocore==X, and
boto3==X resolved the way pip resolves it.

tests/lockfiles/ holds one file per format, written as the tools write them (uv 0.6, Poetry 2.1,
PDM 2.22, pipenv, pip-compile --generate-hashes), each pinning botocore 1.37.21 with boto3 1.37.21;
the index URLs name a placeholder private index. Git repositories are made in tmp_path. The boto3
resolution runs offline against a cache made here (a boto3 wheel holding only its METADATA, and a
release index); the gate between two real releases and the real boto3 are marked ``network``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from botocontract.errors import OfflineError, PipError, SourceError, SpecError
from botocontract.sources import WheelCache, open_release
from botocontract.sources import index as index_module
from botocontract.sources.locks import Pin, pinned
from clirun import run_cli
from gitproject import git

LOCKS = Path(__file__).parent / "lockfiles"
FORMATS = ["uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock", "requirements.txt"]
REPO = Path(__file__).parent.parent


def pin_of(path: Path, label: str | None = None) -> Pin:
    return pinned(
        PurePosixPath(path.as_posix()),
        lambda p: Path(p).read_text(encoding="utf-8"),
        label=label or path.name,
    )


# ----- the formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_gives_its_botocore_pin(name: str) -> None:
    pin = pin_of(LOCKS / name)
    assert (pin.project, pin.version) == ("botocore", "1.37.21")


@pytest.mark.parametrize("name", FORMATS)
def test_a_lock_without_botocore_or_boto3_is_bad_input(tmp_path: Path, name: str) -> None:
    text = (LOCKS / name).read_text().replace("botocore", "botocorx").replace("boto3", "botox")
    (tmp_path / name).write_text(text)
    with pytest.raises(SourceError) as caught:
        pin_of(tmp_path / name)
    assert str(caught.value).startswith(f"{name}: pins no botocore")


def test_requirements_pinning_only_boto3_give_the_boto3_pin(tmp_path: Path) -> None:
    # The service repository: pip installs the newest botocore boto3 1.35.0 allows.
    (tmp_path / "requirements.txt").write_text("boto3==1.35.0\nrequests>=2\n")
    assert pin_of(tmp_path / "requirements.txt") == Pin(project="boto3", version="1.35.0")


def test_pip_line_rules(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "aws.txt").write_text(
        "# shared pins\n"
        "botocore==1.37.22 ; python_version < '3' \\\n"
        "    --hash=sha256:00\n"
        "botocore==1.37.21 ; python_version >= '3' \\\n"
        "    --hash=sha256:11 \\\n"
        "    --hash=sha256:22\n"
        "    # via boto3\n"
        "-r ../requirements.txt\n"  # a cycle: read once
    )
    (tmp_path / "requirements.txt").write_text(
        "--index-url https://packages.example.com/simple\n"
        "-e .\n"
        "./vendored/thing\n"
        "boto3 >= 1.37  # not a pin\n"
        "botocore @ https://packages.example.com/botocore.whl\n"
        "-r base/aws.txt\n"
    )
    assert pin_of(tmp_path / "requirements.txt").version == "1.37.21"


def test_a_constraints_include_pins_too(tmp_path: Path) -> None:
    (tmp_path / "constraints.txt").write_text("botocore===1.37.22\n")
    (tmp_path / "requirements.txt").write_text("boto3==1.37.22\n--constraint=constraints.txt\n")
    assert pin_of(tmp_path / "requirements.txt") == Pin(project="botocore", version="1.37.22")


def test_several_pins_for_the_same_environment_are_bad_input(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("botocore==1.37.21\n-c more.txt\n")
    (tmp_path / "more.txt").write_text("botocore==1.37.22\n")
    with pytest.raises(SourceError, match=r"several botocore releases \(1.37.21, 1.37.22\)"):
        pin_of(tmp_path / "requirements.txt")


def test_uv_forked_resolution_takes_this_pythons_botocore(tmp_path: Path) -> None:
    text = (LOCKS / "uv.lock").read_text()
    fork = text.replace(
        'name = "botocore"\nversion = "1.37.21"\n',
        'name = "botocore"\nversion = "1.37.21"\n'
        "resolution-markers = [\n"
        "    \"python_full_version >= '3.9'\",\n"
        "]\n",
    )
    old = (
        '[[package]]\nname = "botocore"\nversion = "1.20.0"\n'
        "resolution-markers = [\n    \"python_full_version < '3.9'\",\n]\n"
        'source = { registry = "https://packages.example.com/simple" }\n\n'
    )
    (tmp_path / "uv.lock").write_text(fork + "\n" + old)
    assert pin_of(tmp_path / "uv.lock").version == "1.37.21"


@pytest.mark.parametrize(
    ("name", "text", "detail"),
    [
        ("uv.lock", "[[package]\n", "not TOML"),
        ("Pipfile.lock", "{", "not JSON"),
        ("poetry.lock", "package = 3\n", "not a readable poetry.lock"),
    ],
)
def test_unreadable_locks_are_bad_input(tmp_path: Path, name: str, text: str, detail: str) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(SourceError, match=detail):
        pin_of(tmp_path / name)


HUGE = "9" * 5000  # Python converts at most 4,300 digits from text
REFUSED = "an integer of 5,000 digits (Python reads at most 4,300)"
TOO_DEEP = "nests deeper than botocontract reads"


@pytest.mark.parametrize(
    ("name", "text", "where", "detail"),
    [
        # Digits Python reads come first (a comment, a string, a float): the line named is the
        # refused integer's.
        ("uv.lock", f"# {HUGE}\nversion = 1\nhash = '{HUGE}'\nsize = {HUGE}\n", ":4", REFUSED),
        ("poetry.lock", f"files = [\n  1.{HUGE},\n  {HUGE},\n]\n", ":3", REFUSED),
        ("pdm.lock", f"[metadata]\nsize = -{'_'.join(HUGE)}\n", ":2", REFUSED),
        ("Pipfile.lock", f'{{"hash": "{HUGE}",\n "size": [1e{HUGE}, {HUGE}]}}', ":2", REFUSED),
        ("uv.lock", "x = " + "[" * 10_000 + "]" * 10_000 + "\n", "", TOO_DEEP),
        ("Pipfile.lock", "[" * 100_000 + "]" * 100_000, "", TOO_DEEP),
    ],
)
def test_a_value_python_refuses_in_a_lock_is_bad_input_at_its_line(
    tmp_path: Path, name: str, text: str, where: str, detail: str
) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(SourceError) as raised:
        pin_of(tmp_path / name)
    assert str(raised.value) == f"{name}{where}: not a readable {name}: {detail}"


# ----- specs ------------------------------------------------------------------------------------


def test_a_lock_file_spec_opens_the_release_it_pins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (LOCKS / "uv.lock").read_text().replace("1.37.21", "1.37.22")
    Path("uv.lock").write_text(text)
    release = open_release("uv.lock", cache=WheelCache(offline=True))
    assert release.botocore_version == "1.37.22"
    assert release.label == "uv.lock → botocore 1.37.22"
    assert release.info.as_json()["spec"] == "uv.lock"


def test_botocore_equals_is_a_version(tmp_path: Path) -> None:
    release = open_release("botocore==1.37.22", cache=WheelCache(offline=True))
    assert release.botocore_version == "1.37.22"
    assert release.label == "botocore 1.37.22"
    with pytest.raises(SpecError, match="botocore==VERSION needs a version"):
        open_release("botocore==latest", cache=WheelCache(tmp_path, offline=True))
    with pytest.raises(SpecError, match=r"0\.x"):
        open_release("botocore==0.9.0", cache=WheelCache(tmp_path, offline=True))


@pytest.mark.parametrize("spec", ["uv.lock", "deps/requirements.txt", "Pipfile.lock"])
def test_a_missing_lock_is_no_such_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError, match="no such file or folder"):
        open_release(spec, cache=WheelCache(tmp_path, offline=True))


# ----- boto3, as pip resolves it ----------------------------------------------------------------


def boto3_cache(root: Path, boto3: str, requires: str, published: list[str]) -> WheelCache:
    """An offline cache holding a boto3 wheel (its METADATA only), the botocore release index, and
    the real botocore 1.37.22 wheel."""
    slot = root / "wheels" / "boto3" / boto3
    slot.mkdir(parents=True)
    with zipfile.ZipFile(slot / f"boto3-{boto3}-py3-none-any.whl", "w") as wheel:
        wheel.writestr(
            f"boto3-{boto3}.dist-info/METADATA",
            f"Metadata-Version: 2.1\nName: boto3\nVersion: {boto3}\n"
            f"Requires-Dist: botocore{requires}\n"
            "Requires-Dist: jmespath<2.0.0,>=0.7.1\n"
            "Provides-Extra: crt\n"
            f'Requires-Dist: botocore[crt]{requires}; extra == "crt"\n',
        )
    (root / "index").mkdir()
    (root / "index" / "botocore.json").write_text(json.dumps({"versions": published}))
    real = WheelCache().wheel("botocore", "1.37.22")
    (root / "wheels" / "botocore" / "1.37.22").mkdir(parents=True)
    (root / "wheels" / "botocore" / "1.37.22" / real.name).symlink_to(real)
    return WheelCache(root, offline=True)


def test_boto3_resolves_to_the_newest_botocore_it_allows(tmp_path: Path) -> None:
    published = ["1.37.19", "1.37.20", "1.37.22", "1.38.0rc1", "1.38.0"]
    cache = boto3_cache(tmp_path, "1.37.20", "<1.38.0,>=1.37.20", published)
    release = open_release("boto3==1.37.20", cache=cache)
    assert release.spec == "boto3==1.37.20"
    assert release.botocore_version == "1.37.22"
    assert release.label == "boto3==1.37.20 → botocore 1.37.22"
    assert release.info.resolution == release.label
    # The lower bound, by its own name: 1.37.20, which this cache does not hold.
    with pytest.raises(OfflineError, match=r"botocore==1\.37\.20 "):
        open_release("boto3-floor==1.37.20", cache=cache)


def test_a_requirements_file_pinning_only_boto3_names_both_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = boto3_cache(tmp_path / "cache", "1.37.20", "<1.38.0,>=1.37.20", ["1.37.22", "1.38.0"])
    monkeypatch.chdir(tmp_path)
    Path("requirements.txt").write_text("boto3==1.37.20\n")
    release = open_release("requirements.txt", cache=cache)
    assert release.label == "requirements.txt: boto3==1.37.20 → botocore 1.37.22"


def test_boto3_range_picks_by_packaging_order(tmp_path: Path) -> None:
    from botocontract.sources.pins import boto3_allows, floor, newest

    published = ["1.35.0", "1.35.9", "1.35.10", "1.35.99", "1.36.0rc1", "1.36.0"]
    cache = boto3_cache(tmp_path, "1.35.0", "<1.36.0,>=1.35.0", [])
    (tmp_path / "index" / "botocore.json").write_text(json.dumps({"versions": published}))
    allowed = boto3_allows(cache, "1.35.0")
    assert newest(cache, allowed, "1.35.0") == "1.35.99"  # not 1.35.9, not the 1.36 candidate
    assert floor(allowed, "1.35.0") == "1.35.0"


def test_a_stale_index_is_asked_again_only_when_the_range_is_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    from botocontract.sources.pins import newest

    asked: list[str] = []

    def pip_index(project: str) -> list[Version]:
        asked.append(project)
        return [Version(v) for v in ("1.38.0", "1.38.1", "1.38.2")]

    monkeypatch.setattr(index_module, "_pip_index_versions", pip_index)
    root = tmp_path / "cache"
    (root / "index").mkdir(parents=True)
    (root / "index" / "botocore.json").write_text(json.dumps({"versions": ["1.38.0", "1.38.1"]}))
    cache = WheelCache(root)
    assert newest(cache, SpecifierSet("<1.38.1,>=1.38.0"), "1.38.0") == "1.38.0"
    assert asked == []  # the list already goes past the range
    assert newest(cache, SpecifierSet("<1.39.0,>=1.38.0"), "1.38.0") == "1.38.2"
    assert asked == ["botocore"]


def test_boto3_without_a_botocore_in_range_is_bad_input(tmp_path: Path) -> None:
    cache = boto3_cache(tmp_path, "1.35.0", "<1.36.0,>=1.35.0", [])
    (tmp_path / "index" / "botocore.json").write_text(json.dumps({"versions": ["1.34.0"]}))
    with pytest.raises(PipError, match="no published release in that range"):
        open_release("boto3==1.35.0", cache=cache)


def test_boto3_offline_without_its_wheel(tmp_path: Path) -> None:
    with pytest.raises(OfflineError, match=r"boto3==1\.35\.0"):
        open_release("boto3==1.35.0", cache=WheelCache(tmp_path, offline=True))


@pytest.mark.network
def test_boto3_1_35_0_is_the_botocore_pip_installs_with_it(tmp_path: Path) -> None:
    """What ``pip install boto3==1.35.0`` picks, asked of pip itself (a dry-run resolve)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--report",
            str(tmp_path / "report.json"),
            "--only-binary=:all:",
            "boto3==1.35.0",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.returncode == 0
    report = json.loads((tmp_path / "report.json").read_text())
    installs = {
        item["metadata"]["name"].lower(): item["metadata"]["version"] for item in report["install"]
    }
    release = open_release("boto3==1.35.0")
    assert release.botocore_version == installs["botocore"]
    assert release.label == f"boto3==1.35.0 → botocore {installs['botocore']}"


# ----- files at a git ref -----------------------------------------------------------------------


def two_commits(repo: Path, name: str, first: str = "1.37.21", second: str = "1.37.22") -> None:
    """A repository whose last two commits pin ``first`` then ``second`` in ``name``."""
    repo.mkdir(exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    text = (LOCKS / name).read_text()
    (repo / name).write_text(text.replace("1.37.21", first))
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", f"pin {first}")
    (repo / name).write_text(text.replace("1.37.21", second))
    git(repo, "commit", "-q", "-am", f"pin {second}")


@pytest.mark.parametrize("name", ["requirements.txt", "uv.lock", "poetry.lock"])
def test_git_ref_reads_the_pin_of_that_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from botocontract.sources.gitref import open_git_file

    two_commits(tmp_path, name, "1.37.10", "1.37.11")
    (tmp_path / name).write_text("uncommitted edits are not at any ref\n")
    monkeypatch.chdir(tmp_path)
    for ref, version in (("HEAD~1", "1.37.10"), ("HEAD", "1.37.11"), ("main", "1.37.11")):
        found = open_git_file(f"git:{ref}:{name}")
        assert pinned(found.path, found.read, label=found.spec).version == version


def test_git_paths_are_relative_to_the_current_folder_and_includes_follow_the_ref(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocontract.sources.gitref import open_git_file

    service = tmp_path / "service"
    service.mkdir(parents=True)
    (service / "requirements.txt").write_text("-r ../shared/pins.txt\n")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "pins.txt").write_text("botocore==1.37.10\n")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one")
    (tmp_path / "shared" / "pins.txt").write_text("botocore==1.37.11\n")
    git(tmp_path, "commit", "-q", "-am", "two")
    monkeypatch.chdir(service)
    found = open_git_file("git:HEAD~1:requirements.txt")
    assert found.path == PurePosixPath("service/requirements.txt")
    assert pinned(found.path, found.read, label=found.spec).version == "1.37.10"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("git:nope:uv.lock", "git:nope:uv.lock: unknown git ref 'nope'"),
        ("git:HEAD:missing.lock", "git:HEAD:missing.lock: no file missing.lock at HEAD"),
        ("git:HEAD:../outside/uv.lock", "outside the git repository"),
        ("git:-c:uv.lock", "expected git:REF:PATH"),
        ("git:HEAD", "expected git:REF:PATH"),
    ],
)
def test_git_spec_errors_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str, message: str
) -> None:
    two_commits(tmp_path / "repo", "uv.lock")
    monkeypatch.chdir(tmp_path / "repo")
    with pytest.raises(SourceError) as caught:
        open_release(spec, cache=WheelCache(tmp_path / "cache", offline=True))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_git_spec_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    done = run_cli("show", "git:HEAD:uv.lock", "s3", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "botocontract: git:HEAD:uv.lock: the current folder is not in a git repository\n"
    )


def test_a_lock_without_botocore_exits_2_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "uv.lock").write_text('version = 1\n\n[[package]]\nname = "requests"\n')
    done = run_cli("show", "uv.lock", "s3", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("botocontract: uv.lock: pins no botocore")
    assert done.stderr.count("\n") == 1


# ----- the gate between what two commits ship ---------------------------------------------------


@pytest.mark.network
@pytest.mark.parametrize("name", ["requirements.txt", "uv.lock", "poetry.lock"])
def test_gate_from_the_base_commits_pin_to_the_working_trees(tmp_path: Path, name: str) -> None:
    repo = tmp_path / "repo"
    two_commits(repo, name)
    shutil.copytree(REPO / "contracts", repo / "contracts")
    shutil.copytree(REPO / "fixtures", repo / "fixtures")
    done = run_cli("gate", "--from", f"git:HEAD~1:{name}", "--to", name, cwd=repo)
    assert done.stderr == ""
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("botocontract gate 1.37.21 -> 1.37.22: PASS")
    data = json.loads(
        run_cli(
            "gate", "--from", f"git:HEAD~1:{name}", "--to", name, "--format", "json", cwd=repo
        ).stdout
    )
    assert data["diff"]["old"]["spec"] == f"git:HEAD~1:{name}"
    assert data["diff"]["old"]["botocore"] == "1.37.21"
    assert data["diff"]["new"] == {"spec": name, "botocore": "1.37.22", "date": "2025-03-27"}
