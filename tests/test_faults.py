"""Faults: the download cache and fixture updates when things go wrong.

Real processes throughout: ``python -m botocontract`` in a subprocess, killed with SIGKILL where a
test needs a process to die at a bad moment, real pip for every download. Downloads use small old
releases (botocore 1.0.0 and 1.1.0, about 2 MB): 1.0.0 is fetched once per session into a cache that
the other tests copy. Where a download must stall half-way, pip is pointed at a local index served
from this process (``LocalIndex``), which serves that same 1.0.0 wheel and counts the downloads.

The read-only cache tests need a process that permission bits stop. As root they do not, so the
command runs as ``nobody`` when that user can run this Python, or else as root with every capability
dropped (``setpriv --bounding-set=-all``), for which a root-owned 0555 folder is just as read-only.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from botocontract.fixtures import JOURNAL
from botocontract.sources import zipdirectory
from botocontract.sources.cache import default_cache_dir

REPO = Path(__file__).resolve().parents[1]
CLI = (sys.executable, "-m", "botocontract")
SMALL = "1.0.0"  # the session's wheel: 1.7 MB
CONCURRENT = "1.1.0"  # used by the concurrency test only
FIXTURES_RELEASE = "1.44.8"  # the release the fixture-update tests move the repo's fixtures to
S3_MODEL = "botocore/data/s3/2006-03-01/service-2.json"
DEADLINE_S = 90.0  # no command here may take longer: anything slower is a wedged cache


# ----- running the command ---------------------------------------------------------------------


def base_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BOTOCONTRACT_OFFLINE", "BOTOCONTRACT_CACHE_DIR", "BOTOCONTRACT_DEBUG")
    }
    env["CI"] = "1"  # no progress bars
    env.update(extra)
    return env


def cli(
    *args: str | Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    prefix: Sequence[str] = (),
    timeout: float = DEADLINE_S,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, *CLI, *map(str, args)],
        capture_output=True,
        text=True,
        env=env if env is not None else base_env(),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def start(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.Popen[str]:
    """The command in a process group of its own, so that SIGKILL reaches pip too."""
    return subprocess.Popen(
        [*CLI, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env if env is not None else base_env(),
        cwd=cwd,
        start_new_session=True,
    )


def kill_group(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """The single ``botocontract: ...`` line of a bad-input exit; fails on anything else."""
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("botocontract: "), done.stderr
    assert "internal error" not in lines[0] and "Traceback" not in done.stderr
    assert done.stdout == ""
    return lines[0]


# ----- the cache on disk -----------------------------------------------------------------------


def whole_wheel(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except Exception:  # anything a damaged zip raises
        return False


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def sound_directory(path: Path) -> bool:
    """A wheel's remembered zip directory, whole and true to a wheel beside it."""
    wheel = path.with_name(path.name.removesuffix(zipdirectory.SUFFIX))
    return path.name.endswith(zipdirectory.SUFFIX) and zipdirectory.recall(wheel) is not None


def assert_sound_wheels(cache: Path, version: str, good: bytes | None = None) -> Path:
    """Nothing under ``wheels/`` but whole wheels (and their directories), and exactly one wheel
    of ``version``."""
    stray = [
        p
        for p in files_under(cache / "wheels")
        if not (p.suffix == ".whl" and whole_wheel(p)) and not sound_directory(p)
    ]
    assert stray == [], f"not whole wheels under wheels/: {stray}"
    wheels = [p for p in files_under(cache / "wheels" / "botocore" / version) if p.suffix == ".whl"]
    assert len(wheels) == 1, wheels
    if good is not None:
        assert wheels[0].read_bytes() == good
    return wheels[0]


def copy_cache(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


class SmallRelease:
    """botocore 1.0.0 in a session cache, with the right answer of ``show 1.0.0 s3``."""

    def __init__(self, cache: Path, wheel: Path, shown: str) -> None:
        self.cache = cache
        self.wheel = wheel
        self.bytes = wheel.read_bytes()
        self.shown = shown


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> SmallRelease:
    cache = tmp_path_factory.mktemp("session") / "cache"
    done = cli("show", SMALL, "s3", "--cache-dir", cache)
    if done.returncode != 0 and "pip could not fetch" in done.stderr:
        pytest.skip(f"cannot download botocore {SMALL}: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Amazon Simple Storage Service: ")
    wheel = assert_sound_wheels(cache, SMALL)
    return SmallRelease(cache, wheel, done.stdout)


# ----- a local package index that can stall a download half-way ---------------------------------


class LocalIndex:
    """A PEP 503 index of one wheel on 127.0.0.1, for pip as botocontract runs it.

    ``stall`` wheel downloads from now on send half of the file, then wait for ``resume``; every
    download is counted.
    """

    def __init__(self, wheel: Path) -> None:
        self.name = wheel.name
        self.data = wheel.read_bytes()
        self.stall = 0
        self.half_sent = threading.Event()
        self.resume = threading.Event()
        self.downloads = 0
        self._lock = threading.Lock()
        index = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.rstrip("/") == "/simple/botocore":
                    body = (
                        f'<html><body><a href="/files/{index.name}">{index.name}</a></body></html>'
                    ).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path == f"/files/{index.name}":
                    with index._lock:
                        index.downloads += 1
                        stall = index.stall > 0
                        index.stall -= stall
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(len(index.data)))
                    self.end_headers()
                    with contextlib.suppress(OSError):
                        if stall:
                            half = len(index.data) // 2
                            self.wfile.write(index.data[:half])
                            self.wfile.flush()
                            index.half_sent.set()
                            index.resume.wait(60)
                            self.wfile.write(index.data[half:])
                        else:
                            self.wfile.write(index.data)
                else:
                    self.send_error(404)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/simple/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def env(self, tmpdir: Path) -> dict[str, str]:
        """pip reads this index only (no config files, no find-links, no http cache); its own
        temporary files go to ``tmpdir``, where a test can see what a killed pip leaves."""
        env = {k: v for k, v in base_env().items() if not k.startswith("PIP_")}
        tmpdir.mkdir(parents=True, exist_ok=True)
        env.update(
            PIP_CONFIG_FILE=os.devnull,
            PIP_INDEX_URL=self.url,
            PIP_NO_CACHE_DIR="1",
            PIP_DISABLE_PIP_VERSION_CHECK="1",
            PIP_RETRIES="0",
            PIP_TIMEOUT="60",
            NO_PROXY="127.0.0.1",
            no_proxy="127.0.0.1",
            TMPDIR=str(tmpdir),
        )
        return env

    def close(self) -> None:
        self.resume.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def local_index(small: SmallRelease) -> Iterator[LocalIndex]:
    index = LocalIndex(small.wheel)
    yield index
    index.close()


# ----- 1. a process killed mid-download ---------------------------------------------------------


@pytest.fixture(scope="module")
def killed_mid_download(
    local_index: LocalIndex, small: SmallRelease, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Process A stalls half-way through the wheel, holding the lock; B starts and waits for the
    lock; A's process group is killed; then B must finish, and a later run C must not fetch."""
    base = tmp_path_factory.mktemp("killed")
    cache, pip_tmp = base / "cache", base / "pip-tmp"
    env = local_index.env(pip_tmp)
    local_index.stall, local_index.downloads = 1, 0
    local_index.half_sent.clear()
    local_index.resume.clear()
    first = start("show", SMALL, "s3", "--cache-dir", cache, env=env)
    try:
        assert local_index.half_sent.wait(60), "pip never started the download"
        ours_at_kill = sorted((cache / "tmp").iterdir())  # botocontract's temp dir for pip
        second = start("show", SMALL, "s3", "--cache-dir", cache, env=env)
        time.sleep(1.0)
        assert second.poll() is None, "the second run did not wait for the lock"
    finally:
        kill_group(first)
    wheels_after_kill = files_under(cache / "wheels")
    local_index.resume.set()
    try:
        out, err = second.communicate(timeout=DEADLINE_S)
    except subprocess.TimeoutExpired:
        kill_group(second)
        pytest.fail("the run waiting for the lock never finished: the cache is wedged")
    downloads_b = local_index.downloads
    third = cli("show", SMALL, "s3", "--cache-dir", cache, env=env)
    return {
        "cache": cache,
        "first": first,
        "ours_at_kill": ours_at_kill,
        "wheels_after_kill": wheels_after_kill,
        "second": (second.returncode, out, err),
        "downloads_b": downloads_b,
        "third": third,
        "downloads_c": local_index.downloads,
        "leftover_ours": sorted((cache / "tmp").rglob("*")),
    }


@pytest.mark.network
def test_killed_mid_download_leaves_no_partial_wheel(killed_mid_download: dict[str, Any]) -> None:
    state = killed_mid_download
    assert state["first"].returncode == -signal.SIGKILL
    assert state["ours_at_kill"], "pip was not downloading into the cache's tmp/ folder"
    assert state["wheels_after_kill"] == [], "a wheel appeared in wheels/ from a killed download"


@pytest.mark.network
def test_killed_mid_download_does_not_wedge_the_lock(
    killed_mid_download: dict[str, Any], small: SmallRelease
) -> None:
    state = killed_mid_download
    code, out, err = state["second"]
    assert (code, err) == (0, "")
    assert out == small.shown
    assert state["downloads_b"] == 2  # A's, cut off, and B's own
    assert_sound_wheels(state["cache"], SMALL, small.bytes)


@pytest.mark.network
def test_after_a_killed_download_a_later_run_reads_the_cache(
    killed_mid_download: dict[str, Any], small: SmallRelease
) -> None:
    state = killed_mid_download
    third = state["third"]
    assert (third.returncode, third.stderr, third.stdout) == (0, "", small.shown)
    assert state["downloads_c"] == state["downloads_b"], "the cached wheel was fetched again"
    assert_sound_wheels(state["cache"], SMALL, small.bytes)


@pytest.mark.network
def test_killed_while_pip_saves_into_the_cache(
    local_index: LocalIndex, small: SmallRelease, tmp_path: Path
) -> None:
    """Killed as soon as pip's copy of the wheel shows in ``<cache>/tmp/`` (pip downloads into its
    own temp folder first, then copies into ``--dest``): still nothing under ``wheels/``."""
    cache = tmp_path / "cache"
    env = local_index.env(tmp_path / "pip-tmp")
    local_index.stall = 0
    process = start("show", SMALL, "s3", "--cache-dir", cache, env=env)
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if any(p.suffix == ".whl" for p in files_under(cache / "tmp")):
                break
    finally:
        kill_group(process)
    assert process.returncode == -signal.SIGKILL, "the run ended before pip saved the wheel"
    assert [p for p in files_under(cache / "wheels") if not whole_wheel(p)] == []
    later = cli("show", SMALL, "s3", "--cache-dir", cache, env=env)
    assert (later.returncode, later.stdout) == (0, small.shown), later.stderr
    assert_sound_wheels(cache, SMALL, small.bytes)  # the killed run's copy was not used


@pytest.mark.network
def test_a_later_run_removes_the_temp_folders_of_a_killed_download(
    killed_mid_download: dict[str, Any],
) -> None:
    assert killed_mid_download["leftover_ours"] == []


# ----- 2. truncated and corrupted wheels --------------------------------------------------------


def central_entry(data: bytes | bytearray, start: int, name: str) -> int:
    """Where the central directory entry of ``name`` begins."""
    at = start
    while data[at : at + 4] == b"PK\x01\x02":
        size, extra, comment = struct.unpack("<HHH", data[at + 28 : at + 34])
        if data[at + 46 : at + 46 + size] == name.encode():
            return at
        at += 46 + size + extra + comment
    raise AssertionError(f"{name} not in the central directory")


def damage(wheel: Path, how: str) -> None:
    """Cut the wheel in half, or flip bytes in it and keep its end record intact."""
    data = bytearray(wheel.read_bytes())
    if how == "truncated":
        del data[len(data) // 2 :]
    else:
        with zipfile.ZipFile(wheel) as archive:
            info = archive.getinfo(S3_MODEL)
            directory = archive.start_dir  # type: ignore[attr-defined]
        if how == "flipped-in-s3-model":  # the member `show s3` reads: its CRC no longer matches
            body = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            spots = range(body + info.compress_size // 2, body + info.compress_size // 2 + 16)
        elif how == "flipped-in-directory":  # the start of the central directory: unopenable
            spots = range(directory, directory + 16)
        elif how == "flipped-s3-entry":  # the compression method in the s3 model's entry
            spots = range(
                central_entry(data, directory, S3_MODEL) + 10,
                central_entry(data, directory, S3_MODEL) + 11,
            )
        else:  # "flipped-in-middle": the middle of the file, a member `show s3` does not read
            spots = range(len(data) // 2, len(data) // 2 + 16)
        for k in spots:
            data[k] ^= 0xFF
    wheel.write_bytes(bytes(data))
    if how != "truncated":
        assert data[-22:-18] == b"PK\x05\x06"  # the end record is still there


@pytest.mark.network
@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "flipped-in-directory",
        "flipped-in-s3-model",
        "flipped-s3-entry",
    ],
)
def test_damaged_wheel_is_fetched_again_online(
    how: str, small: SmallRelease, tmp_path: Path
) -> None:
    cache = copy_cache(small.cache, tmp_path / "cache")
    wheel = cache / small.wheel.relative_to(small.cache)
    damage(wheel, how)
    done = cli("show", SMALL, "s3", "--cache-dir", cache)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout == small.shown
    assert_sound_wheels(cache, SMALL, small.bytes)


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "flipped-in-directory",
        "flipped-in-s3-model",
        "flipped-s3-entry",
    ],
)
@pytest.mark.network
def test_damaged_wheel_offline_is_one_clear_error(
    how: str, small: SmallRelease, tmp_path: Path
) -> None:
    cache = copy_cache(small.cache, tmp_path / "cache")
    wheel = cache / small.wheel.relative_to(small.cache)
    damage(wheel, how)
    line = one_line_error(cli("show", SMALL, "s3", "--cache-dir", cache, "--offline"))
    assert SMALL in line  # names the release (or its wheel), and no answer was printed


@pytest.mark.network
def test_truncated_wheel_offline_names_the_damaged_wheel(
    small: SmallRelease, tmp_path: Path
) -> None:
    cache = copy_cache(small.cache, tmp_path / "cache")
    damage(cache / small.wheel.relative_to(small.cache), "truncated")
    line = one_line_error(cli("show", SMALL, "s3", "--cache-dir", cache, "--offline"))
    assert small.wheel.name in line or "damaged" in line


@pytest.mark.network
def test_damage_where_nothing_reads_never_changes_the_answer(
    small: SmallRelease, tmp_path: Path
) -> None:
    """Bytes flipped in the middle of the file (another service's model): ``show s3`` reads none of
    them, and online and offline alike it answers as a clean run does."""
    cache = copy_cache(small.cache, tmp_path / "cache")
    damage(cache / small.wheel.relative_to(small.cache), "flipped-in-middle")
    for extra in ((), ("--offline",)):
        done = cli("show", SMALL, "s3", "--cache-dir", cache, *extra)
        assert (done.returncode, done.stdout) == (0, small.shown), done.stderr


# ----- 3. a read-only cache ---------------------------------------------------------------------


def _can_write(prefix: Sequence[str], folder: Path) -> bool:
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"],
        capture_output=True,
        check=False,
        timeout=30,
    )
    return probe.returncode == 0


_SPAWNS_ITSELF = (
    "import subprocess, sys; "
    "subprocess.run([sys.executable, '-c', 'import botocontract.cli'], check=True)"
)


@pytest.fixture(scope="module")
def unprivileged() -> Iterator[tuple[list[str], Path]]:
    """A command prefix that permission bits stop, and a world-readable folder to work in."""
    work = Path(tempfile.mkdtemp(prefix="botocontract-ro-"))
    work.chmod(0o755)
    readonly = work / "probe-dir"
    readonly.mkdir(mode=0o555)
    readonly.chmod(0o555)
    candidates = []
    if shutil.which("runuser"):
        candidates.append(["runuser", "-u", "nobody", "--"])
    if shutil.which("setpriv"):
        candidates.append(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        # root without capabilities: the owner's permission bits apply to it too
        candidates.append(["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--"])
    chosen = None
    reasons = []
    for prefix in candidates:
        # The command under test starts pip as a child process with its own interpreter: that
        # exec must work for the user too (a venv whose Python lives under a 0700 /root lets
        # setpriv start it once, but not the child).
        runs = subprocess.run(
            [*prefix, sys.executable, "-c", _SPAWNS_ITSELF],
            capture_output=True,
            text=True,
            check=False,
            cwd=work,
            timeout=60,
        )
        if runs.returncode != 0:
            reasons.append(
                f"{' '.join(prefix)}: cannot run this Python "
                f"({runs.stderr.strip().splitlines()[-1:]})"
            )
            continue
        if os.geteuid() == 0 and _can_write(prefix, readonly):
            reasons.append(f"{' '.join(prefix)}: still writes into a 0555 folder")
            continue
        chosen = prefix
        break
    try:
        if chosen is None:
            pytest.skip(
                "no way to run the command where permission bits apply: "
                + ("; ".join(reasons) or "neither runuser nor setpriv exists")
            )
        yield chosen, work
    finally:
        for folder, _dirs, _files in os.walk(work):
            os.chmod(folder, 0o755)
        shutil.rmtree(work, ignore_errors=True)


def make_read_only(root: Path) -> None:
    """Owned by root, every folder 0555 and every file 0444."""
    for folder, _dirs, files in os.walk(root, topdown=False):
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
        os.chmod(folder, 0o555)


@pytest.mark.network
def test_read_only_cache_serves_a_cached_release(
    unprivileged: tuple[list[str], Path], small: SmallRelease
) -> None:
    prefix, work = unprivileged
    cache = copy_cache(small.cache, work / "warm")
    make_read_only(cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o555 and cache.stat().st_uid == 0
    done = cli("show", SMALL, "s3", "--cache-dir", cache, prefix=prefix, cwd=work)
    assert (done.returncode, done.stderr, done.stdout) == (0, "", small.shown)


@pytest.mark.network
def test_read_only_empty_cache_says_not_writable(unprivileged: tuple[list[str], Path]) -> None:
    prefix, work = unprivileged
    cache = work / "empty"
    cache.mkdir()
    make_read_only(cache)
    line = one_line_error(cli("show", SMALL, "s3", "--cache-dir", cache, prefix=prefix, cwd=work))
    assert "not writable" in line and str(cache) in line


@pytest.mark.network
@pytest.mark.parametrize(
    "case",
    [
        "uncached",
        "truncated",
        "flipped-in-directory",
    ],
)
def test_read_only_used_cache_says_not_writable(
    case: str, unprivileged: tuple[list[str], Path], small: SmallRelease
) -> None:
    prefix, work = unprivileged
    cache = copy_cache(small.cache, work / f"used-{case}")
    version = "1.0.1" if case == "uncached" else SMALL
    if case != "uncached":
        damage(cache / small.wheel.relative_to(small.cache), case)
    make_read_only(cache)
    line = one_line_error(cli("show", version, "s3", "--cache-dir", cache, prefix=prefix, cwd=work))
    assert "not writable" in line


@pytest.mark.network
def test_read_only_cache_releases_without_index(unprivileged: tuple[list[str], Path]) -> None:
    prefix, work = unprivileged
    cache = work / "no-index"
    cache.mkdir()
    make_read_only(cache)
    done = cli(
        "releases",
        "--since",
        "1.0.0",
        "--until",
        "1.0.1",
        "--cache-dir",
        cache,
        prefix=prefix,
        cwd=work,
    )
    if done.returncode == 0:  # listing without caching the index is fine too
        assert done.stdout.split() == ["1.0.0", "1.0.1"]
    else:
        assert "not writable" in one_line_error(done)


def _contracts_with_a_closed(what: str, work: Path) -> tuple[Path, Path]:
    """A contracts folder whose second contract (or the folder holding it) is mode 000."""
    contracts = work / f"closed-{what}"
    shutil.copytree(REPO / "contracts", contracts)
    closed = contracts / "team" / "more.yaml"
    closed.parent.mkdir()
    shutil.copy(next(contracts.glob("*.yaml")), closed)
    (closed if what == "file" else closed.parent).chmod(0)
    return contracts, closed if what == "file" else closed.parent


@pytest.mark.parametrize("what", ["file", "folder"])
def test_an_unreadable_contract_is_refused_by_name(
    what: str, unprivileged: tuple[list[str], Path]
) -> None:
    """A contract the user cannot read is never skipped: check would pass without its clauses."""
    prefix, work = unprivileged
    contracts, closed = _contracts_with_a_closed(what, work)
    done = cli(
        "check",
        "--botocore",
        "installed",
        "--contracts",
        contracts,
        "--fixtures",
        REPO / "fixtures",
        prefix=prefix,
        cwd=work,
    )
    line = one_line_error(done)
    assert str(closed) in line and "Permission denied" in line


@pytest.mark.parametrize("how", ["option", "env"])
def test_cache_path_that_is_a_file(how: str, tmp_path: Path) -> None:
    afile = tmp_path / "cache"
    afile.write_text("not a folder\n")
    if how == "option":
        done = cli("show", SMALL, "s3", "--cache-dir", afile)
    else:
        done = cli("show", SMALL, "s3", env=base_env(BOTOCONTRACT_CACHE_DIR=str(afile)))
    line = one_line_error(done)
    assert str(afile) in line or "'cache'" in line
    assert afile.read_text() == "not a folder\n"


# ----- 4. two processes fetching the same release -----------------------------------------------


@pytest.mark.network
def test_two_processes_fetch_the_same_release(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    runs = [start("show", CONCURRENT, "s3", "--cache-dir", cache) for _ in range(2)]
    results = []
    try:
        for process in runs:
            out, err = process.communicate(timeout=DEADLINE_S * 2)
            results.append((process.returncode, out, err))
    finally:
        for process in runs:
            if process.poll() is None:
                kill_group(process)
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    assert results[0][1] == results[1][1]
    assert results[0][1].startswith("Amazon Simple Storage Service: ")
    assert_sound_wheels(cache, CONCURRENT)
    assert files_under(cache / "tmp") == []
    assert sorted(p.name for p in (cache / "locks").iterdir()) == [f"botocore-{CONCURRENT}.lock"]


@pytest.mark.network
def test_three_processes_download_once(
    local_index: LocalIndex, small: SmallRelease, tmp_path: Path
) -> None:
    """The lock makes the late ones wait and find the wheel: one download for three processes."""
    cache = tmp_path / "cache"
    env = local_index.env(tmp_path / "pip-tmp")
    local_index.stall, local_index.downloads = 0, 0
    runs = [start("show", SMALL, "s3", "--cache-dir", cache, env=env) for _ in range(3)]
    outputs = [p.communicate(timeout=DEADLINE_S)[0] for p in runs]
    assert [(p.returncode, out) for p, out in zip(runs, outputs, strict=True)] == [
        (0, small.shown)
    ] * 3
    assert local_index.downloads == 1
    assert_sound_wheels(cache, SMALL, small.bytes)


# ----- 5. --offline never runs pip --------------------------------------------------------------


@pytest.fixture
def no_pip(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment where pip cannot reach an index, and where ``python -m pip`` runs a stand-in
    that records that it ran: offline commands must never get there."""
    shadow = tmp_path / "shadow"
    (shadow / "pip").mkdir(parents=True)
    marker = tmp_path / "pip-ran"
    (shadow / "pip" / "__init__.py").write_text("")
    (shadow / "pip" / "__main__.py").write_text(
        f"import sys\nopen({str(marker)!r}, 'a').write(' '.join(sys.argv) + '\\n')\n"
        "sys.exit('pip is not available here')\n"
    )
    env = {k: v for k, v in base_env().items() if not k.startswith("PIP_")}
    env.update(
        PIP_INDEX_URL="http://127.0.0.1:9/simple",
        PIP_RETRIES="0",
        PIP_TIMEOUT="1",
        PIP_CONFIG_FILE=os.devnull,
        PIP_FIND_LINKS="",
        PYTHONPATH=os.pathsep.join([str(shadow), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    check = subprocess.run(
        [sys.executable, "-m", "pip", "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode != 0 and marker.exists(), "the stand-in pip did not shadow pip"
    marker.unlink()
    return env, marker


@pytest.mark.network
@pytest.mark.parametrize("how", ["option", "env"])
def test_offline_warm_cache_needs_no_pip(
    how: str, no_pip: tuple[dict[str, str], Path], small: SmallRelease, tmp_path: Path
) -> None:
    env, marker = no_pip
    cache = copy_cache(small.cache, tmp_path / "cache")
    args: tuple[str | Path, ...] = ("show", SMALL, "s3", "--cache-dir", cache)
    if how == "option":
        args += ("--offline",)
    else:
        env = dict(env, BOTOCONTRACT_OFFLINE="1")
    began = time.monotonic()
    done = cli(*args, env=env)
    took = time.monotonic() - began
    assert (done.returncode, done.stderr, done.stdout) == (0, "", small.shown)
    assert not marker.exists()
    assert took < 10, f"{took:.1f}s"


@pytest.mark.parametrize("how", ["option", "env"])
def test_offline_cold_cache_is_one_clear_error(
    how: str, no_pip: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    env, marker = no_pip
    cache = tmp_path / "cold"
    args: tuple[str | Path, ...] = ("show", SMALL, "s3", "--cache-dir", cache)
    if how == "option":
        args += ("--offline",)
    else:
        env = dict(env, BOTOCONTRACT_OFFLINE="1")
    began = time.monotonic()
    line = one_line_error(cli(*args, env=env))
    assert time.monotonic() - began < 10
    assert f"botocore=={SMALL}" in line and "--offline" in line and str(cache) in line
    assert not marker.exists()
    assert files_under(cache) == []


@pytest.mark.network
def test_releases_offline(
    no_pip: tuple[dict[str, str], Path], small: SmallRelease, tmp_path: Path
) -> None:
    env, marker = no_pip
    cache = copy_cache(small.cache, tmp_path / "cache")
    span = ("--since", "1.0.0", "--until", "1.1.0")
    online = cli("releases", *span, "--cache-dir", cache)
    assert online.returncode == 0, online.stderr
    assert online.stdout.splitlines()[0].startswith("1.0.0      cached ")
    assert online.stdout.split()[-1] == "1.1.0"
    # a warm index: the same answer without pip
    offline = cli("releases", *span, "--cache-dir", cache, "--offline", env=env)
    assert (offline.returncode, offline.stderr, offline.stdout) == (0, "", online.stdout)
    # a damaged index, then none at all: one clear line
    index = cache / "index" / "botocore.json"
    index.write_text(index.read_text()[:40])
    damaged = one_line_error(cli("releases", *span, "--cache-dir", cache, "--offline", env=env))
    index.unlink()
    cold = one_line_error(cli("releases", *span, "--cache-dir", cache, "--offline", env=env))
    for line in (damaged, cold):
        assert "release index" in line and "--offline" in line
    assert not marker.exists()


# ----- 6. interrupted fixture updates ----------------------------------------------------------


def project_copy(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copytree(REPO / "contracts", target / "contracts")
    shutil.copytree(REPO / "fixtures", target / "fixtures")
    for file in files_under(target / "fixtures"):
        file.chmod(0o644)
    return target


def fixture_state(project: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(project / "fixtures")): p.read_bytes()
        for p in files_under(project / "fixtures")
    }


class Update:
    def __init__(
        self, cache: Path, old: dict[str, bytes], new: dict[str, bytes], project: Path, took: float
    ) -> None:
        self.cache = cache
        self.old = old
        self.new = new
        self.project = project  # the uninterrupted update
        self.took = took  # its duration in seconds

    def args(self) -> tuple[str | Path, ...]:
        return ("snapshot", "--update", "--botocore", FIXTURES_RELEASE, "--cache-dir", self.cache)


@pytest.fixture(scope="module")
def update(tmp_path_factory: pytest.TempPathFactory) -> Update:
    cache = default_cache_dir()  # holds 1.44.8 where the repo's other tests ran
    base = tmp_path_factory.mktemp("update")
    project = project_copy(base / "whole")
    old = fixture_state(project)
    began = time.monotonic()
    done = cli(*Update(cache, {}, {}, project, 0).args(), cwd=project)
    took = time.monotonic() - began
    if done.returncode != 0 and "pip could not fetch" in done.stderr:
        pytest.skip(f"cannot download botocore {FIXTURES_RELEASE}: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    new = fixture_state(project)
    assert new.keys() == old.keys()
    assert all(new[name] != old[name] for name in old), "the update must change every fixture"
    return Update(cache, old, new, project, took)


def interrupted(update: Update, project: Path, *, delay: float | None) -> list[str]:
    """Run the update in ``project`` and SIGKILL it after ``delay`` seconds, or (None) as soon as
    it has written its first temporary file. Returns the temporary files it left."""
    folder = project / "fixtures" / "sagemaker"
    process = start(*update.args(), cwd=project)
    try:
        if delay is None:
            deadline = time.monotonic() + DEADLINE_S
            while process.poll() is None and time.monotonic() < deadline:
                if any(name.endswith(".tmp") for name in os.listdir(folder)):
                    break
        else:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(delay)
    finally:
        kill_group(process)
    state = fixture_state(project)
    temps = sorted(name for name in state if name.endswith(".tmp"))
    for name, data in state.items():
        if name in temps:
            assert Path(name).name.startswith("."), f"a visible temporary file: {name}"
            continue
        if name == JOURNAL:  # killed in the replace phase: the folder is refused until updated
            continue
        assert name in update.old, f"an unexpected file: {name}"
        assert data in (update.old[name], update.new[name]), f"{name} is neither old nor new"
    assert set(state) - set(temps) - {JOURNAL} == set(update.old), "a fixture went missing"
    return temps


@pytest.mark.network
def test_killed_update_leaves_each_fixture_old_or_new(update: Update, tmp_path: Path) -> None:
    # None: on the first temporary file; else a fraction of an uninterrupted update's duration
    delays: list[float | None] = [
        None if share is None else share * update.took
        for share in (None, 0.1, None, 0.5, None, 0.8, None, 0.9, None, 0.97)
    ]
    in_write_phase = 0
    for run, delay in enumerate(delays):
        temps = interrupted(update, project_copy(tmp_path / f"run{run}"), delay=delay)
        in_write_phase += bool(temps)
    # The kills on the first temporary file land in the write phase (else this tested nothing);
    # what they leave behind, hidden .*.tmp files, the tests below hand to later commands.
    assert in_write_phase >= 1


def killed_in_write_phase(update: Update, tmp_path: Path) -> Path:
    """A project whose update was killed while writing, with its temporary files left."""
    for attempt in range(5):
        project = project_copy(tmp_path / f"killed{attempt}")
        if interrupted(update, project, delay=None):
            return project
    pytest.fail("five kills in the write phase left no temporary file")


@pytest.mark.network
def test_check_ignores_the_temporary_files_of_a_killed_update(
    update: Update, tmp_path: Path
) -> None:
    project = killed_in_write_phase(update, tmp_path)
    clean = project_copy(tmp_path / "clean")
    for name, data in fixture_state(project).items():
        if not name.endswith(".tmp"):
            (clean / "fixtures" / name).write_bytes(data)
    args = ("check", "--botocore", FIXTURES_RELEASE, "--cache-dir", update.cache)
    with_temps, without = cli(*args, cwd=project), cli(*args, cwd=clean)
    assert with_temps.returncode in (0, 1), with_temps.stderr
    assert (with_temps.returncode, with_temps.stdout, with_temps.stderr) == (
        without.returncode,
        without.stdout,
        without.stderr,
    )
    assert ".tmp" not in with_temps.stdout


@pytest.mark.network
def test_a_later_update_completes_a_killed_one(update: Update, tmp_path: Path) -> None:
    project = killed_in_write_phase(update, tmp_path)
    done = cli(*update.args(), cwd=project)
    assert done.returncode == 0, done.stderr
    state = fixture_state(project)
    assert {k: v for k, v in state.items() if not k.endswith(".tmp")} == update.new


@pytest.mark.network
def test_a_later_update_removes_the_temporary_files_of_a_killed_one(
    update: Update, tmp_path: Path
) -> None:
    project = killed_in_write_phase(update, tmp_path)
    assert cli(*update.args(), cwd=project).returncode == 0
    assert [name for name in fixture_state(project) if name.endswith(".tmp")] == []


@pytest.mark.network
def test_an_update_keeps_the_fixtures_permissions(update: Update) -> None:
    modes = {
        p.name: oct(stat.S_IMODE(p.stat().st_mode))
        for p in files_under(update.project / "fixtures")
    }
    assert set(modes.values()) == {"0o644"}, modes


# ----- 7. decompression bombs -------------------------------------------------------------------

BOMB_PEAK_LIMIT_MB = 300


def peak_rss_mb(argv: Sequence[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``argv`` under a fresh Python whose only child it is, and read that child's peak
    resident memory (``ru_maxrss`` of the children: this test process has had many)."""
    probe = (
        "import resource, subprocess, sys; "
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "sys.stdout.write(done.stderr); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "sys.exit(done.returncode)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=base_env(),
        timeout=DEADLINE_S,
        check=False,
    )
    *stderr, peak_kib = done.stdout.splitlines()
    return (
        subprocess.CompletedProcess(done.args, done.returncode, "", "\n".join(stderr) + "\n"),
        int(peak_kib) / 1024,
    )


def test_a_gzip_bomb_in_a_wheel_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """A 1 MB wheel whose model inflates to 1 GiB: refused after 64 MiB, not after 2 GB."""
    from bad_input_makers import bomb_wheel

    wheel = tmp_path / "botocore-9.9.9-py3-none-any.whl"
    wheel.write_bytes(bomb_wheel(1 << 30))
    assert wheel.stat().st_size < 2 << 20
    done, peak_mb = peak_rss_mb([*CLI, "show", str(wheel), "svc"], tmp_path)
    line = one_line_error(done)
    assert "service-2.json.gz: inflates to more than 64 MiB" in line
    print(f"peak memory refusing a 1 GiB gzip bomb: {peak_mb:.0f} MB")
    assert peak_mb < BOMB_PEAK_LIMIT_MB, f"{peak_mb:.0f} MB"


# ----- 8. the environment: Ctrl-C, stdout, closed folders ---------------------------------------


def test_ctrl_c_is_exit_130_and_one_line(tmp_path: Path) -> None:
    """SIGINT while the command waits (here on a download lock another process holds)."""
    from filelock import FileLock

    cache = tmp_path / "cache"
    (cache / "locks").mkdir(parents=True)
    with FileLock(str(cache / "locks" / "botocore-9.9.9.lock")):
        process = start("show", "9.9.9", "s3", "--cache-dir", cache)
        try:
            deadline = time.monotonic() + 30
            # Until the command is past its imports, a SIGINT is Python's, not ours.
            while time.monotonic() < deadline and not any(cache.glob("locks/*.lock")):
                time.sleep(0.1)
            time.sleep(2.0)
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                kill_group(process)
    assert (process.returncode, stdout, stderr) == (130, "", "botocontract: interrupted\n")


def _big_release(root: Path, values: list[str]) -> Path:
    for index in range(14):  # enough changed models for the diff to start worker processes
        shapes: dict[str, Any] = {f"E{n}": {"type": "string", "enum": values} for n in range(3000)}
        members = {f"M{n}": {"shape": f"E{n}"} for n in range(3000)}
        shapes["In"] = {"type": "structure", "members": members}
        model = {
            "metadata": {"serviceFullName": f"svc{index}"},
            "shapes": shapes,
            "operations": {"Op": {"name": "Op", "input": {"shape": "In"}}},
        }
        folder = root / "botocore" / "data" / f"svc{index:02d}" / "2020-01-01"
        folder.mkdir(parents=True)
        (folder / "service-2.json").write_text(json.dumps(model))
    return root


def _workers_of(process: subprocess.Popen[str]) -> list[str]:
    """The worker processes of a running diff, once it has started them."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not workers and process.poll() is None:
        with contextlib.suppress(OSError):
            workers = children.read_text().split()
        time.sleep(0.02)
    if not workers:
        kill_group(process)
    assert workers, "the diff ended before it started workers: make the models bigger"
    return workers


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds workers through /proc")
def test_ctrl_c_while_workers_diff_is_one_line_and_leaves_no_worker(tmp_path: Path) -> None:
    """A terminal's Ctrl-C reaches the whole process group, workers included."""
    old = _big_release(tmp_path / "old", ["a"])
    new = _big_release(tmp_path / "new", ["a", "b"])
    process = start("diff", old, new, "--jobs", "2")
    try:
        workers = _workers_of(process)
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            kill_group(process)
    assert (process.returncode, stdout, stderr) == (130, "", "botocontract: interrupted\n")
    assert not [pid for pid in workers if _running(pid)]


def _running(pid: str) -> bool:
    """Alive, not a zombie: an orphan that exited waits there for an init that may never reap it
    (a container's first process need not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds workers through /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_leave_when_their_diff_is_killed(tmp_path: Path, how: signal.Signals) -> None:
    """A timeout that kills only the command (subprocess.run, CI) must not leave workers behind."""
    old = _big_release(tmp_path / "old", ["a"])
    new = _big_release(tmp_path / "new", ["a", "b"])
    process = start("diff", old, new, "--jobs", "2")
    workers = _workers_of(process)
    process.send_signal(how)  # to the command alone, not its process group
    process.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(w) for w in workers):
        time.sleep(0.1)
    alive = [w for w in workers if _running(w)]
    for worker in alive:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(worker), signal.SIGKILL)
    assert alive == []


@pytest.mark.parametrize("how", ["full", "closed"])
def test_stdout_on_a_full_disk_or_closed_is_one_line(how: str) -> None:
    redirect = ">/dev/full" if how == "full" else ">&-"
    command = " ".join([*CLI, "show", "installed", "sagemaker"]) + f" {redirect}"
    done = subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        env=base_env(),
        timeout=DEADLINE_S,
        check=False,
    )
    line = one_line_error(done)
    expected = "No space left on device" if how == "full" else "stdout is closed"
    assert expected in line


def test_a_reader_that_goes_away_is_not_an_error() -> None:
    """``| head``: exit 0 and nothing on stderr (click alone would exit 1, a gate failure)."""
    command = " ".join([*CLI, "show", "installed", "ec2"]) + " | head -c 10 >/dev/null"
    done = subprocess.run(
        ["bash", "-c", f"{command}; echo ${{PIPESTATUS[0]}}"],
        capture_output=True,
        text=True,
        env=base_env(),
        timeout=DEADLINE_S,
        check=False,
    )
    assert (done.stdout, done.stderr) == ("0\n", "")


def test_a_closed_cache_folder_is_one_line(unprivileged: tuple[list[str], Path]) -> None:
    prefix, work = unprivileged
    cache = work / "closed-cache"
    cache.mkdir(mode=0)
    cache.chmod(0)
    line = one_line_error(cli("show", SMALL, "s3", "--cache-dir", cache, prefix=prefix, cwd=work))
    assert str(cache) in line


def test_a_closed_folder_in_a_data_folder_is_one_line(unprivileged: tuple[list[str], Path]) -> None:
    prefix, work = unprivileged
    data = work / "data"
    model = data / "svc" / "2020-01-01" / "service-2.json"
    model.parent.mkdir(parents=True)
    model.write_text('{"metadata": {}, "operations": {}, "shapes": {}}')
    closed = data / "zzz" / "2020-01-01"
    closed.mkdir(parents=True)
    closed.chmod(0)
    line = one_line_error(cli("show", data, "svc", prefix=prefix, cwd=work))
    assert f"{closed}: unreadable (Permission denied)" in line


def test_a_cached_wheel_closed_to_us_is_not_deleted_as_damaged(
    unprivileged: tuple[list[str], Path], tmp_path: Path
) -> None:
    """Mode 000 says nothing of a wheel's content: refuse in one line, delete nothing."""
    from bad_input_makers import small_wheel

    prefix, work = unprivileged
    cache = work / "closed-wheel"
    wheel = cache / "wheels" / "botocore" / "9.9.9" / "botocore-9.9.9-py3-none-any.whl"
    wheel.parent.mkdir(parents=True)
    wheel.write_bytes(small_wheel())
    for folder in (cache, *wheel.relative_to(cache).parents):
        os.chmod(cache / folder, 0o777)
    wheel.chmod(0)
    done = cli("show", "9.9.9", "svc", "--cache-dir", cache, prefix=prefix, cwd=work)
    line = one_line_error(done)
    assert f"{wheel}: unreadable (Permission denied)" in line
    assert wheel.is_file()


@pytest.mark.network
def test_concurrent_updates_leave_one_release(tmp_path: Path) -> None:
    """Two ``snapshot --update`` runs on one folder, from two releases, 20 times: they take turns
    (a lock on the folder), both succeed, and the fixtures always record one release."""
    cache = default_cache_dir()
    project = project_copy(tmp_path / "project")
    releases = ("1.37.22", "1.44.8")  # both hold every clause (1.37.21 lacks RecoveryMode)
    for round_ in range(20):
        runs = [
            start("snapshot", "--update", "--botocore", spec, "--cache-dir", cache, cwd=project)
            for spec in (releases if round_ % 2 else reversed(releases))
        ]
        outcomes = [(run.wait(timeout=DEADLINE_S), run.communicate()) for run in runs]
        for code, (_stdout, stderr) in outcomes:
            if code != 0 and "pip could not fetch" in stderr:
                pytest.skip(f"cannot download botocore: {stderr.strip()}")
            assert code == 0, (round_, stderr)
        recorded = {
            json.loads(p.read_text())["botocore"] for p in files_under(project / "fixtures")
        }
        assert len(recorded) == 1 and recorded <= set(releases), (round_, recorded)
        assert not list((project / "fixtures").rglob(".botocontract-*")), round_
        check = cli("snapshot", "--cache-dir", cache, cwd=project)
        assert check.returncode == 0, (round_, check.stderr)


# ----- 9. snapshot --prune deletes only our unused fixtures -------------------------------------


def test_prune_deletes_only_our_unused_fixtures(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    fixtures = project / "fixtures"
    marker = '{"botocontract_fixture": 1, "service": "%s", "path": "%s", "tree": {}}\n'
    stray = fixtures / "sagemaker" / "ListApps.response.json"  # ours, pinned by no clause
    stray.write_text(marker % ("sagemaker", "ListApps.response"))
    django = fixtures / "django" / "users.json"  # not ours
    django.parent.mkdir()
    django.write_text("[1]\n")
    outside = tmp_path / "outside"  # ours in form, but behind a link out of the folder
    outside.mkdir()
    (outside / "data.json").write_text(marker % ("linked", "Op.request"))
    (fixtures / "linked").symlink_to(outside, target_is_directory=True)
    link = fixtures / "sagemaker" / "Linked.request.json"  # ours in form, but a link
    link.symlink_to(outside / "data.json")
    s3 = fixtures / "s3" / "GetObject.request.json"  # a service the contract given does not name
    s3.parent.mkdir()
    s3.write_text(marker % ("s3", "GetObject.request"))
    contract = next((project / "contracts").glob("*.yaml"))
    done = cli(
        "snapshot",
        "--prune",
        "--botocore",
        "installed",
        "--contracts",
        contract,
        "--fixtures",
        fixtures,
        cwd=project,
    )
    # exit 1: the fixtures differ from the installed botocore, which is no matter here
    assert done.returncode in (0, 1) and done.stderr == "", done.stderr
    assert not stray.exists()
    assert django.is_file() and (outside / "data.json").is_file() and s3.is_file()
    assert link.is_symlink()
    lines = done.stdout.splitlines()
    # What it deleted, then everything it kept and why: the report of a prune is its proof.
    deleted = lines.index(f"{stray}: deleted (no clause pins it)")
    kept = {line for line in lines[deleted + 1 :] if ": kept (" in line}
    assert {
        f"{django}: kept (no botocontract_fixture marker: not a fixture of ours)",
        f"{fixtures / 'linked'}: kept (behind a link)",
        f"{link}: kept (a link, never followed)",
        f"{s3}: kept (a fixture of s3, which the contracts given do not name)",
        f"{fixtures / 'sagemaker' / 'CreateApp.request.json'}: kept "
        f"(pinned by clause create-app-request-tree of {contract})",
    } <= kept
    pinned = {p for p in (fixtures / "sagemaker").glob("*.json") if not p.is_symlink()}
    assert len(kept) == 4 + len(pinned), kept  # every file of the folder is accounted for


# ----- 10. an update stopped in its replace phase ------------------------------------------------

MEMBERS = [f"K{i}" for i in range(8)]


def _enum_release(root: Path, values: Sequence[str]) -> str:
    from synthetic import data_folder, enum, svc

    model = svc(
        req={m: f"{m}Enum" for m in MEMBERS},
        shapes={f"{m}Enum": enum(*values) for m in MEMBERS},
    )
    return data_folder(root, model)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_an_update_stopped_while_replacing_is_refused_then_completed(
    how: signal.Signals, tmp_path: Path
) -> None:
    """Eight fixtures move from one release to another; the update is stopped after replacing some
    of them (the test-only pause makes the replace phase long enough to hit). What is left records
    two releases: check and snapshot refuse it in one line, and snapshot --update completes it."""
    old = _enum_release(tmp_path / "old", ["A", "B"])
    new = _enum_release(tmp_path / "new", ["A", "B", "C"])
    project = tmp_path / "project"
    (project / "contracts").mkdir(parents=True)
    clauses = "".join(f"  - id: {m}\n    path: Op.request.{m}\n    enum: exact\n" for m in MEMBERS)
    (project / "contracts" / "svc.yaml").write_text(
        f"botocontract: 1\nservice: svc\nclauses:\n{clauses}"
    )
    assert cli("snapshot", "--update", "--botocore", old, cwd=project).returncode == 0
    fixtures = sorted((project / "fixtures" / "svc").glob("*.json"))
    assert len(fixtures) == len(MEMBERS)

    def recorded() -> list[str]:
        return [json.loads(f.read_text())["botocore"] for f in fixtures]

    process = start(
        "snapshot",
        "--update",
        "--botocore",
        new,
        cwd=project,
        env=base_env(BOTOCONTRACT_TEST_REPLACE_PAUSE="0.5"),
    )
    try:
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline and process.poll() is None:
            if str(new) in recorded():
                break
            time.sleep(0.02)
        assert process.poll() is None, "the update ended before it could be stopped"
        os.killpg(process.pid, how)
        process.communicate(timeout=30)
    finally:
        kill_group(process)
    if how == signal.SIGINT:
        assert process.returncode == 130
    assert set(recorded()) == {str(old), str(new)}, "not stopped half-way: nothing is tested"

    for args in (["check", "--botocore", new], ["snapshot"], ["snapshot", "--botocore", old]):
        line = one_line_error(cli(*args, cwd=project))
        assert "interrupted while replacing fixtures" in line, (args, line)
        assert "run botocontract snapshot --update" in line
    done = cli("snapshot", "--update", cwd=project)  # the release the stopped update was writing
    assert done.returncode == 0, done.stderr
    assert set(recorded()) == {str(new)}
    assert sorted(p.name for p in (project / "fixtures").rglob("*") if p.is_file()) == sorted(
        f.name for f in fixtures
    ), "a journal or a temporary file was left"
    assert cli("check", "--botocore", new, cwd=project).returncode == 0


def _folder_with_an_accented_enum(root: Path) -> str:
    from synthetic import data_folder, enum, m, svc

    model = svc(req={"Kind": m("Kind")}, shapes={"Kind": enum("café", "plain")})
    return data_folder(root / "data", model)


def test_home_unset_still_finds_a_cache(tmp_path: Path) -> None:
    """Without HOME, the user cache folder comes from the password database, as platformdirs
    finds it: the command works."""
    folder = _folder_with_an_accented_enum(tmp_path)
    env = {k: v for k, v in base_env().items() if k != "HOME"}
    done = cli("show", folder, "svc", "Op", env=env, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert "enum(2): café | plain" in done.stdout


def test_a_c_locale_without_utf8_coercion_still_prints_model_text(tmp_path: Path) -> None:
    """LC_ALL=C with Python's locale coercion and UTF-8 mode off: stdout's encoding is ASCII,
    and a model's non-ASCII enum value must still print (as UTF-8), not crash with exit 3."""
    folder = _folder_with_an_accented_enum(tmp_path)
    env = base_env(LC_ALL="C", LANG="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
    for fmt in ("text", "json"):
        done = subprocess.run(
            [*CLI, "show", folder, "svc", "Op", "--format", fmt],
            capture_output=True,
            env=env,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            timeout=DEADLINE_S,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, b""), done.stderr
        assert "café".encode() in done.stdout


def test_a_closed_fixtures_folder_is_one_line(unprivileged: tuple[list[str], Path]) -> None:
    prefix, work = unprivileged
    case = work / "closed-fixtures"
    case.mkdir()
    case.chmod(0o755)
    folder = _folder_with_an_accented_enum(case)
    (case / "contracts").mkdir()
    (case / "contracts" / "svc.yaml").write_text(
        "botocontract: 1\nservice: svc\nclauses:\n"
        "  - id: kind\n    path: Op.request.Kind\n    enum: additive\n"
    )
    assert cli("snapshot", "--update", "--botocore", folder, cwd=case).returncode == 0
    for path in case.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (case / "fixtures").chmod(0o000)
    try:
        done = cli("check", "--botocore", folder, prefix=prefix, cwd=case)
    finally:
        (case / "fixtures").chmod(0o755)
    assert done.returncode == 2, done.stdout + done.stderr
    line = one_line_error(done)
    assert "fixtures" in line and "Permission denied" in line, line
