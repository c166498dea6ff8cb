"""The bad-input corpus: every ``tests/bad_inputs/<kind>/<case>/case.yaml`` is one test of the
``botocontract`` command. Adding a case is adding files, never code.

Most cases run in this process (``cli.run(argv)`` with its own stdout and stderr, its environment,
working directory and a pip trap): they need neither pip nor a process of their own, and a
subprocess per case cost most of the corpus's time. The others run as ``python -m botocontract``
in a subprocess: those that let pip run (``pip``, ``network``) and about ten smoke cases that say
``subprocess`` (one per kind at least, and those whose point is the process itself: a hang, a deep
recursion, the real pip trap).

A case folder holds a ``case.yaml`` and the input files the case needs. Big or binary inputs (a 50
MB model, a cut-off wheel) are not checked in: a ``make.py`` in the folder with
``make(folder: Path) -> None`` writes them into the copy the case runs in. ``case.yaml`` keys:

- ``argv`` (list, required): the arguments after ``python -m botocontract``. ``{here}`` stands for
  the case's working copy (also the working directory, so relative paths work), ``{repo}`` for the
  repository root and ``{tmp}`` for a fresh empty folder outside it.
- ``exit`` (required): the exit code, 2 for bad input.
- ``message`` (required): a regex the one line on stderr must match (``re.search``); it names the
  culprit (a file, a line, a value).
- ``env`` (mapping): variables to set, with the same substitutions. ``BOTOCONTRACT_CACHE_DIR`` is
  ``{tmp}/cache`` unless the case names another.
- ``network: true``: pip runs against the real package index (the ``network`` marker).
- ``pip: true``: pip may run (against an unreachable index, say) without needing the network.
- ``subprocess: "<why>"``: run as a real process although pip may not run; the reason says what
  only a process shows.
- ``timeout`` (seconds, default 120): longer than this is a hang (in this process, an alarm
  interrupts the run).
- ``xfail: "<reason>"``: a known bug of botocontract; the case is kept as it should pass
  (``xfail(strict=True)``, so a fix makes it fail until the mark goes).

What every case must show: the exit code; exactly one line on stderr, ``botocontract: ...``,
matching ``message``; nothing on stdout; no ``Traceback`` anywhere; an answer within the timeout;
no pip process unless the case says ``pip`` or ``network`` (in a subprocess a ``pip`` that records
its arguments shadows the real one; in this process ``subprocess.Popen``, through which pip is
started, records and refuses); the working copy exactly as it was (nothing written, nothing
half-written); and in ``{tmp}`` nothing at all, or, where pip may run, only complete wheels, locks
and the release index. ``tests/conftest.py`` prints how many bad inputs were tried and how many
crashed.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
import zipfile
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import pytest
import yaml

from botocontract import api, cli

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
CORPUS = TESTS / "bad_inputs"
PIP_TRAP = CORPUS / "_pip_trap"  # a `pip` package that records its arguments and fails
PIP_TRAP_ENV = "BOTOCONTRACT_TEST_PIP_TRAP"
TIMEOUT_S = 120.0
KINDS = ("models", "wheels", "versions", "contracts", "fixtures", "ignore", "cli")
KEYS = {"argv", "exit", "message", "env", "network", "pip", "subprocess", "timeout", "xfail"}
REQUIRED = {"argv", "exit", "message"}
PROPERTY = "bad_input"  # user property read by tests/conftest.py: clean, crashed or failed
# Variables of the calling environment that would change what a case does.
SCRUBBED = ("BOTOCONTRACT_DEBUG", "BOTOCONTRACT_OFFLINE", "BOTOCONTRACT_CACHE_DIR")


class Case(NamedTuple):
    id: str  # kind/name
    folder: Path
    argv: list[str]
    exit: int
    message: str
    env: dict[str, str]
    network: bool
    pip: bool
    subprocess: str | None  # why the case runs as a real process
    timeout: float
    xfail: str | None

    @property
    def in_process(self) -> bool:
        return not (self.subprocess or self.pip or self.network)


def load_case(file: Path) -> Case:
    folder = file.parent
    case_id = f"{folder.parent.name}/{folder.name}"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    problems = []
    if not isinstance(data, dict):
        raise ValueError(f"{file}: not a mapping")
    if unknown := sorted(set(data) - KEYS):
        problems.append(f"unknown keys {unknown}")
    if missing := sorted(REQUIRED - set(data)):
        problems.append(f"missing keys {missing}")
    argv, env = data.get("argv"), data.get("env") or {}
    if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
        problems.append("argv is not a list of strings")
    if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
        problems.append("env is not a mapping of strings")
    if not isinstance(data.get("subprocess", ""), str):
        problems.append("subprocess is not a reason")
    try:
        re.compile(str(data.get("message")))
    except re.error as exc:
        problems.append(f"message is not a regex ({exc})")
    if problems:
        raise ValueError(f"{file}: " + "; ".join(problems))
    return Case(
        case_id,
        folder,
        list(argv),
        int(data["exit"]),
        str(data["message"]),
        {str(k): v for k, v in env.items()},
        bool(data.get("network", False)),
        bool(data.get("pip", False)),
        data.get("subprocess"),
        float(data.get("timeout", TIMEOUT_S)),
        data.get("xfail"),
    )


CASES = [load_case(file) for file in sorted(CORPUS.glob("*/*/case.yaml"))]


def _param(case: Case) -> Any:
    marks = []
    if case.network:
        marks.append(pytest.mark.network)
    if case.xfail:
        marks.append(pytest.mark.xfail(strict=True, reason=case.xfail))
    return pytest.param(case, id=case.id, marks=marks)


# ----- running a case -----------------------------------------------------------------------


class Run(NamedTuple):
    code: int | None  # None: killed after the timeout
    stdout: str
    stderr: str

    @property
    def hung(self) -> bool:
        return self.code is None

    @property
    def crashed(self) -> bool:
        """A hang, a traceback, an internal error or a signal: never the answer to bad input."""
        return (
            self.hung
            or "Traceback" in self.stdout + self.stderr
            or "internal error" in self.stderr
            or self.code not in (0, 1, 2)
        )


def _make(case: Case, work: Path) -> None:
    script = case.folder / "make.py"
    if not script.is_file():
        return
    # Compiled here rather than imported: no __pycache__ appears in the case folder.
    namespace: dict[str, Any] = {"__name__": "bad_input_make", "__file__": str(script)}
    exec(compile(script.read_text(encoding="utf-8"), str(script), "exec"), namespace)
    namespace["make"](work)


def _files(root: Path) -> dict[str, str]:
    """Every file below root with a digest of its content."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
            found[path.relative_to(root).as_posix()] = digest.hexdigest()
    return found


def _complete_wheel(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return bool(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _leftovers(scratch: Path, pip_may_run: bool) -> list[str]:
    """What a case left in {tmp} that it should not have: without pip, anything at all; with pip,
    anything but complete wheels in the cache, its locks and the release index."""
    if not pip_may_run:
        return sorted(p.relative_to(scratch).as_posix() for p in scratch.rglob("*"))
    bad = []
    for path in sorted(scratch.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(scratch).as_posix()
        parts = rel.split("/")
        if len(parts) >= 2 and parts[-2] == "locks" and rel.endswith(".lock"):
            continue
        if len(parts) >= 2 and parts[-2] == "index" and rel.endswith(".json"):
            continue
        if "wheels" in parts and rel.endswith(".whl") and _complete_wheel(path):
            continue
        bad.append(rel)
    bad += [p.relative_to(scratch).as_posix() for p in scratch.rglob("tmp/*")]  # pip's downloads
    return sorted(set(bad))


def _expand(text: str, work: Path, scratch: Path) -> str:
    return (
        text.replace("{here}", str(work))
        .replace("{repo}", str(REPO))
        .replace("{tmp}", str(scratch))
    )


def _case_env(case: Case, work: Path, scratch: Path) -> dict[str, str]:
    """What the case sets on top of the environment, once SCRUBBED is removed from it."""
    env = {"BOTOCONTRACT_CACHE_DIR": str(scratch / "cache")}
    env.update({k: _expand(v, work, scratch) for k, v in case.env.items()})
    return env


def run_case(case: Case, work: Path, scratch: Path, trap_log: Path) -> Run:
    argv = [_expand(a, work, scratch) for a in case.argv]
    if case.in_process:
        return run_in_process(argv, _case_env(case, work, scratch), work, case.timeout, trap_log)
    return run_in_subprocess(case, argv, work, scratch, trap_log)


def run_in_subprocess(
    case: Case, argv: list[str], work: Path, scratch: Path, trap_log: Path
) -> Run:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    if not (case.pip or case.network):
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PIP_TRAP), env.get("PYTHONPATH")) if p)
        env[PIP_TRAP_ENV] = str(trap_log)
    env.update(_case_env(case, work, scratch))
    process = subprocess.Popen(
        [sys.executable, "-m", "botocontract", *argv],
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=case.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the whole session: pip too, if it runs
        stdout, stderr = process.communicate()
        return Run(None, stdout, stderr)
    return Run(process.returncode, stdout, stderr)


class _Hang(BaseException):
    """The alarm of an in-process run that outlived its timeout. Not an Exception, so that no
    handler of the command takes it for an error of its own."""


def _alarm(_signum: int, _frame: object) -> NoReturn:
    raise _Hang


def _pip_trap(log: Path) -> Any:
    """A ``subprocess.Popen`` that records what it was asked to start and refuses: pip is only ever
    started through it, so a case that reaches pip leaves its arguments in ``log``."""

    def popen(args: Any, *_args: Any, **_kwargs: Any) -> NoReturn:
        with log.open("a", encoding="utf-8") as out:
            out.write(" ".join(str(a) for a in args) + "\n")
        raise OSError("pip trap: no process may start in an in-process bad-input case")

    return popen


def _stream(errors: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors, write_through=True)


def _written(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", errors="replace")


def run_in_process(
    argv: list[str], env: dict[str, str], work: Path, timeout: float, trap_log: Path
) -> Run:
    """``cli.run(argv)`` as a process would see it: its own streams (stdout strict, stderr
    backslash-escaping, as Python sets them up), an empty stdin, ``work`` as the working directory
    and ``env`` over the environment without SCRUBBED; all of it put back afterwards."""
    stdout, stderr = _stream("strict"), _stream("backslashreplace")
    with pytest.MonkeyPatch.context() as patch:
        for name in SCRUBBED:
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        patch.chdir(work)
        patch.setattr(subprocess, "Popen", _pip_trap(trap_log))
        patch.setattr(sys, "stdin", io.StringIO())
        patch.setattr(sys, "stdout", stdout)
        patch.setattr(sys, "stderr", stderr)
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            code: int | None = cli.run(argv)
        except _Hang:
            code = None
        except Exception:  # escaped run(): what a process would print before exiting with 1
            stderr.write(traceback.format_exc())
            code = 1
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)
    return Run(code, _written(stdout), _written(stderr))


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    outcome = "failed"
    try:
        work, scratch, trap_log = tmp_path / "case", tmp_path / "tmp", tmp_path / "pip-trap.log"
        scratch.mkdir()
        shutil.copytree(
            case.folder, work, ignore=shutil.ignore_patterns("case.yaml", "make.py", "__pycache__")
        )
        _make(case, work)
        before = _files(work)
        result = run_case(case, work, scratch, trap_log)
        if result.crashed:
            outcome = "crashed"
        shown = f"exit {result.code}\nstdout: {result.stdout[:2000]!r}\nstderr: {result.stderr}"
        assert not result.hung, f"no answer within {case.timeout:g} s (a hang)\n{shown}"
        assert "Traceback" not in result.stdout + result.stderr, shown
        assert result.code == case.exit, shown
        assert result.stdout == "", shown
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and result.stderr.endswith("\n"), f"not one line\n{shown}"
        assert lines[0].startswith("botocontract: "), shown
        assert re.search(case.message, lines[0]), f"{case.message!r} not in\n{lines[0]}"
        assert not trap_log.exists(), f"pip was run: {trap_log.read_text()}"
        after = _files(work)
        assert after == before, (
            f"the case's files changed: new {sorted(set(after) - set(before))}, gone "
            f"{sorted(set(before) - set(after))}, rewritten "
            f"{sorted(k for k in set(before) & set(after) if before[k] != after[k])}"
        )
        left = _leftovers(scratch, case.pip or case.network)
        assert not left, f"left behind in {{tmp}}: {left}"
        outcome = "clean"
        shutil.rmtree(work, ignore_errors=True)  # the 50 MB inputs need not outlive a pass
    finally:
        request.node.user_properties.append((PROPERTY, outcome))


def test_the_corpus_covers_every_kind_of_input() -> None:
    kinds = {case.id.split("/")[0] for case in CASES}
    assert kinds == set(KINDS), kinds
    assert len(CASES) >= 50
    assert all(case.exit == 2 for case in CASES)
    # Every folder with files in it is a case: a case.yaml forgotten is a case never run.
    folders = {p.parent for p in CORPUS.glob("*/*/*") if p.name != "__pycache__"}
    assert folders - {PIP_TRAP / "pip"} == {case.folder for case in CASES}


def test_a_few_cases_of_every_kind_run_as_a_real_process() -> None:
    smoke = [case for case in CASES if case.subprocess]
    assert {case.id.split("/")[0] for case in smoke} == set(KINDS)
    assert len(smoke) <= 12, "most cases run in this process: a subprocess costs a second"
    assert all(not case.in_process for case in CASES if case.pip or case.network)
    assert sum(case.in_process for case in CASES) >= len(CASES) - 20


def test_the_pip_trap_catches_pip(tmp_path: Path) -> None:
    """The trap the corpus relies on to show that no case reaches pip does catch a pip run."""
    log = tmp_path / "trap.log"
    env = dict(os.environ, PYTHONPATH=str(PIP_TRAP), **{PIP_TRAP_ENV: str(log)})
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "botocore==1.37.22"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode != 0
    assert "download botocore==1.37.22" in log.read_text()


def test_the_in_process_pip_trap_catches_pip(tmp_path: Path) -> None:
    """In this process, a release missing from the cache reaches pip's download and the trap."""
    log, cache = tmp_path / "trap.log", tmp_path / "cache"
    result = run_in_process(
        ["show", "9.9.9", "svc"], {"BOTOCONTRACT_CACHE_DIR": str(cache)}, tmp_path, 60, log
    )
    assert result.code == 2, result
    assert "-m pip download botocore==9.9.9 " in log.read_text()
    assert "pip trap" in result.stderr


def test_an_in_process_run_leaves_this_process_as_it_was(tmp_path: Path) -> None:
    """The run turns the collector off and raises the recursion limit, then puts back both, and
    the working directory, environment and streams."""
    case = next(case for case in CASES if case.id == "models/malformed-json")
    work = tmp_path / "work"
    shutil.copytree(case.folder, work, ignore=shutil.ignore_patterns("case.yaml"))
    argv = [_expand(a, work, tmp_path) for a in case.argv]
    before = (gc.isenabled(), sys.getrecursionlimit(), Path.cwd(), dict(os.environ))
    streams = (sys.stdin, sys.stdout, sys.stderr, subprocess.Popen)
    result = run_in_process(argv, {"BOTOCONTRACT_OFFLINE": "1"}, work, 60, tmp_path / "trap")
    assert (result.code, result.stdout) == (2, ""), result
    assert (gc.isenabled(), sys.getrecursionlimit(), Path.cwd(), dict(os.environ)) == before
    assert (sys.stdin, sys.stdout, sys.stderr, subprocess.Popen) == streams
    gc.disable()  # and a collector that was off stays off
    try:
        assert cli.run(["rules", "--format", "nope"]) == 2
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_in_process_run_that_hangs_is_stopped_at_its_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def forever() -> None:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(api, "rules", forever)
    started = time.monotonic()
    result = run_in_process(["rules"], {}, tmp_path, 0.2, tmp_path / "trap")
    assert result.hung and result.crashed
    assert time.monotonic() - started < 5
    assert signal.getsignal(signal.SIGALRM) is not _alarm


# ----- not bad input: a diff that finds changes, with and without a gate ----------------------


def run_cli(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "botocontract", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.network
def test_diff_json_exits_0() -> None:
    import json

    result = run_cli(
        ["diff", "1.37.21", "1.37.22", "--service", "sagemaker", "--format", "json"], REPO
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["format"] == "botocontract.diff/2"
    assert report["old"] == {"spec": "1.37.21", "botocore": "1.37.21", "date": "2025-03-26"}
    assert report["new"] == {"spec": "1.37.22", "botocore": "1.37.22", "date": "2025-03-27"}
    assert [s["service"] for s in report["services"]] == ["sagemaker"]
    assert report["summary"]["breaking"] == 0
    assert report["summary"]["info"] > 0


@pytest.mark.network
def test_diff_fail_on_info_is_a_gate_failure() -> None:
    import json

    result = run_cli(
        [
            "diff",
            "1.37.21",
            "1.37.22",
            "--service",
            "sagemaker",
            "--format",
            "json",
            "--fail-on",
            "info",
        ],
        REPO,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["summary"]["info"] > 0
